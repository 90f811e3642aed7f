//! `dossier import`: re-importing the raw texts reproduces the committed
//! articles (but for the listed hand edits); articles in other styles; the
//! command's behaviour on good and bad input.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use dossier::content::{ArticleFront, load_corpus, parse_article};
use dossier::import::{Imported, import_text, to_markdown};

use crate::harness::{Site, repository_root};

#[derive(serde::Deserialize)]
struct HandEdits {
    articles: Vec<HandEdited>,
}

#[derive(serde::Deserialize)]
struct HandEdited {
    seed: String,
    article: String,
    edited: BTreeMap<String, String>,
}

/// The front matter of an article as comparable values, by field.
fn fields(front: &ArticleFront) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    fields.insert("title".into(), front.title.clone());
    fields.insert(
        "date".into(),
        format!("{:?}", front.date.map(|d| d.to_string())),
    );
    fields.insert("outlet".into(), format!("{:?}", front.outlet));
    fields.insert("source".into(), format!("{:?}", front.source));
    fields.insert("authors".into(), format!("{:?}", front.authors));
    fields.insert("kind".into(), format!("{:?}", front.kind));
    fields.insert("language".into(), format!("{:?}", front.language));
    fields.insert("summary".into(), format!("{:?}", front.summary));
    for kind in ["resolutions", "themes", "speakers"] {
        let set: BTreeSet<String> = front
            .other
            .get(kind)
            .and_then(|v| v.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        fields.insert(kind.into(), format!("{set:?}"));
    }
    fields
}

fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn reimporting_the_raw_texts_reproduces_the_committed_articles() {
    let root = repository_root();
    let config = dossier::Config::load(&root).unwrap();
    let corpus = load_corpus(&config).unwrap();
    let edits: HandEdits = toml::from_str(
        &fs::read_to_string(root.join("tests/fixtures/import-hand-edits.toml")).unwrap(),
    )
    .unwrap();
    assert_eq!(edits.articles.len(), 5, "every raw text has its entry");
    for entry in &edits.articles {
        let raw = fs::read_to_string(root.join("tests/fixtures/seeds").join(&entry.seed)).unwrap();
        let imported = import_text(&raw, Some(&corpus));
        let reimported = parse_article(
            Path::new("imported.md"),
            &to_markdown(&imported),
            &config.kinds,
        )
        .unwrap();
        let path = root.join("content/articles").join(&entry.article);
        let committed =
            parse_article(&path, &fs::read_to_string(&path).unwrap(), &config.kinds).unwrap();
        let (ours, theirs) = (fields(&reimported.front), fields(&committed.front));
        for (field, value) in &ours {
            match entry.edited.get(field) {
                Some(reason) => assert_ne!(
                    value, &theirs[field],
                    "{}: `{field}` is listed as a hand edit ({reason}) but the importer gives the same",
                    entry.article
                ),
                None => assert_eq!(
                    value, &theirs[field],
                    "{}: `{field}` differs from the importer's and is not listed as a hand edit",
                    entry.article
                ),
            }
        }
        for field in entry.edited.keys() {
            assert!(
                ours.contains_key(field),
                "{}: unknown field `{field}` in the hand edits",
                entry.article
            );
        }
        assert_eq!(
            paragraphs(&reimported.body),
            paragraphs(&committed.body),
            "{}: the body",
            entry.article
        );
    }
}

fn import(text: &str) -> Imported {
    import_text(text, None)
}

#[test]
fn imports_a_wire_story_with_a_dateline_and_captions() {
    let imported = import(
        "Vietnam, Japan agree to deepen semiconductor cooperation\n\
         HÀ NỘI — Prime Minister Phạm Minh Chính met his Japanese counterpart on Tuesday in Tokyo.\n\
         The two leaders discussed supply chains (Photo: VNA/Duong Giang) |\n\
         The talks covered chips, energy and training for engineers.\n\
         - Photo: Nguyen Hung\n\
         __Photo: Tuan Anh\n\
         Both sides will set up a working group by the end of the year.\n\
         Viet Nam News\n\
         Source: https://vietnamnews.vn/politics-laws/1693011/viet-nam-japan-agree.html\n\
         Comments (3)\n\
         Related news\n\
         Another headline\n",
    );
    assert_eq!(
        imported.title,
        "Vietnam, Japan agree to deepen semiconductor cooperation"
    );
    assert_eq!(imported.outlet.as_deref(), Some("Viet Nam News"));
    assert_eq!(imported.kind, "report");
    assert!(
        imported
            .body
            .starts_with("Prime Minister Phạm Minh Chính met"),
        "{}",
        imported.body
    );
    for gone in [
        "HÀ NỘI",
        "Photo",
        "Duong Giang",
        "Comments",
        "Another headline",
        "Viet Nam News",
    ] {
        assert!(
            !imported.body.contains(gone),
            "{gone} left in:\n{}",
            imported.body
        );
    }
    assert!(
        imported.authors.is_empty(),
        "an outlet's name is not a byline: {:?}",
        imported.authors
    );
    assert!(
        imported.warnings.iter().any(|w| w.contains("no date")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn imports_a_q_and_a_interview_without_diacritics() {
    let imported = import(
        "Economist: the private sector needs credit, not slogans\n\
         Tuoi Tre talked to economist Nguyen Thi Lan about the new resolution on the private economy.\n\
         Q: What does the resolution change for small firms?\n\
         A: It removes the licences they needed for every small step, which took months.\n\
         Q: What is still missing?\n\
         A: Credit. Banks still want land as collateral.\n\
         Thank you.\n\
         By Le Van Khoa\n\
         Source: https://tuoitre.vn/economist-private-sector-20250512101010101.htm\n",
    );
    assert_eq!(imported.kind, "interview");
    assert_eq!(
        imported.date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-12")
    );
    assert_eq!(imported.authors, vec!["Le Van Khoa".to_string()]);
    assert!(
        imported
            .body
            .contains("**Q: What does the resolution change for small firms?**"),
        "{}",
        imported.body
    );
    assert!(
        imported
            .body
            .contains("\n\nA: Credit. Banks still want land as collateral.\n\nThank you."),
        "{}",
        imported.body
    );
}

#[test]
fn imports_name_prefixed_answers_and_dates_in_the_text() {
    let imported = import(
        "Nghị quyết 68: kinh tế tư nhân là động lực quan trọng nhất\n\
         Báo Đầu tư Thứ hai, 19/05/2025 08:00\n\
         Phóng viên đã phỏng vấn TS. Nguyễn Văn An về Nghị quyết 68.\n\
         - Nghị quyết mới thay đổi điều gì?\n\
         TS. Nguyễn Văn An: Nghị quyết coi kinh tế tư nhân là động lực quan trọng nhất.\n\
         - Doanh nghiệp cần gì nhất?\n\
         TS. Nguyễn Văn An: Vốn và thủ tục đơn giản hơn.\n",
    );
    assert_eq!(imported.language, "vi");
    assert_eq!(imported.kind, "interview");
    assert_eq!(
        imported.date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-19")
    );
    assert_eq!(
        imported.title,
        "Nghị quyết 68: kinh tế tư nhân là động lực quan trọng nhất"
    );
    assert!(
        imported
            .body
            .contains("**Nghị quyết mới thay đổi điều gì?**"),
        "{}",
        imported.body
    );
    assert!(
        imported
            .body
            .contains("TS. Nguyễn Văn An: Vốn và thủ tục đơn giản hơn."),
        "Vietnamese text stays in a Vietnamese article"
    );
    assert!(
        !imported.body.contains("19/05/2025"),
        "the outlet and date line is metadata"
    );
}

#[test]
fn the_command_writes_articles_the_build_accepts() {
    let site = Site::fixture("basic");
    let raw = repository_root().join("tests/fixtures/seeds/004_e715873f0e0ae460.txt");
    let output = site.run(&["import", raw.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("wrote content/articles/resolution-59-establishes-a-comprehensive-integration-vision-for.md"), "{stdout}");
    assert!(
        stdout.contains("2025-05-29 · Cong Thuong · interview"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the author \"Thanh Binh\" is not one of the site's speakers"),
        "{stderr}"
    );
    // The unknown author is a comment, not a reference: the site builds.
    let written = fs::read_to_string(site.root.join(
        "content/articles/resolution-59-establishes-a-comprehensive-integration-vision-for.md",
    ))
    .unwrap();
    assert!(
        written.contains("authors = []\n")
            && written.contains("# author not among the site's entities: Thanh Binh\n"),
        "{written}"
    );
    site.built();
    // Once the site has the author, a new import credits them.
    site.write(
        "content/speakers/thanh-binh.md",
        "+++\ntitle = \"Thanh Binh\"\n+++\nA reporter.\n",
    );
    let again = site.run(&["import", "--force", raw.to_str().unwrap()]);
    assert!(again.status.success());
    site.built();
    assert!(
        site.main_of("articles/resolution-59-establishes-a-comprehensive-integration-vision-for/")
            .contains("<h2 id=\"strategic-vision-in-the-new-era\">")
    );
}

#[test]
fn never_overwrites_without_force_and_dry_runs_write_nothing() {
    let site = Site::fixture("basic");
    site.write(
        "raw.txt",
        "A headline about trade\nThe first paragraph of the story, with enough words.\n",
    );
    let dry = site.run(&["import", "--dry-run", "raw.txt"]);
    assert!(dry.status.success());
    assert!(
        String::from_utf8_lossy(&dry.stdout)
            .contains("would write content/articles/a-headline-about-trade.md")
    );
    assert!(
        !site
            .root
            .join("content/articles/a-headline-about-trade.md")
            .exists()
    );
    assert!(site.run(&["import", "raw.txt"]).status.success());
    site.write(
        "content/articles/a-headline-about-trade.md",
        "+++\ntitle = \"Edited\"\n+++\nMine.\n",
    );
    let again = site.run(&["import", "raw.txt"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(
        fs::read_to_string(site.root.join("content/articles/a-headline-about-trade.md"))
            .unwrap()
            .contains("Mine."),
        "the editor's file is kept"
    );
    assert!(site.run(&["import", "--force", "raw.txt"]).status.success());
    assert!(
        fs::read_to_string(site.root.join("content/articles/a-headline-about-trade.md"))
            .unwrap()
            .contains("The first paragraph")
    );
}

#[test]
fn reads_standard_input() {
    let site = Site::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["import", "--out", "incoming", "-"])
        .current_dir(&site.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"Piped headline for a story\nThe body of the piped story, long enough to count.\n",
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(
        site.root
            .join("incoming/piped-headline-for-a-story.md")
            .is_file()
    );
}

#[test]
fn bad_files_are_named_and_the_others_still_import() {
    let site = Site::fixture("basic");
    site.write(
        "good.txt",
        "A good headline here\nThe text of the good article, which imports fine.\n",
    )
    .write("empty.txt", "  \n\n")
    .write_bytes("latin1.txt", b"Caf\xe9 news\nText.\n")
    .write_bytes("image.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    let output = site.run(&[
        "import",
        "empty.txt",
        "latin1.txt",
        "image.png",
        "missing.txt",
        "good.txt",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("empty.txt") && stderr.contains("the input is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("image.png") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(
        site.root
            .join("content/articles/a-good-headline-here.md")
            .is_file(),
        "the good file is imported"
    );
}

#[test]
fn page_furniture_abbreviations_datelines_and_cut_lines_do_not_make_the_headline() {
    let imported = import(
        "Skip to content\n\
         Tin tức\n\
         Mr. Lam signs Resolution No. 22 on international integration\n\
         Hanoi (VNA) – General Secretary To Lam on Friday signed Resolution No. 22, which sets out how the country will integrate.\n\
         The resolution asks ministries to report on progress every year.\n\
         Deputy Prime Minister Tran Hong H\n",
    );
    assert_eq!(
        imported.title,
        "Mr. Lam signs Resolution No. 22 on international integration"
    );
    assert_eq!(imported.outlet.as_deref(), Some("VNA"));
    assert!(
        imported
            .body
            .starts_with("General Secretary To Lam on Friday signed"),
        "{}",
        imported.body
    );
    assert!(!imported.body.contains("Skip to content") && !imported.body.contains("Tin tức"));
    assert!(
        imported.authors.is_empty(),
        "a line cut mid-word is no byline: {:?}",
        imported.authors
    );
    let imported = import(
        "Thursday, 12 March 2026\n\
         The ministry said on Thursday that exports of Co. shares and bonds rose. Analysts expected more.\n",
    );
    assert_eq!(
        imported.date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-12")
    );
}
