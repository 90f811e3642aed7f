//! Tests of incremental updates on a copy of the basic fixture site.
use super::*;

/// A copy of the basic fixture site.
fn fixture() -> (tempfile::TempDir, LiveSite) {
    fixture_with("")
}

/// A copy of the basic fixture site with `extra` added to its book.toml.
fn fixture_with(extra: &str) -> (tempfile::TempDir, LiveSite) {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let book = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&book).unwrap();
    std::fs::write(&book, format!("{text}\n{extra}")).unwrap();
    let live = LiveSite::load(dir.path()).unwrap();
    (dir, live)
}

fn edit(live: &mut LiveSite, dir: &Path, file: &str, from: &str, to: &str) -> Result<Update> {
    let path = std::path::absolute(dir.join(file)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    live.apply(&[path])
}

fn page(live: &LiveSite, key: &str) -> String {
    String::from_utf8(live.files().read().unwrap()[key].to_vec()).unwrap()
}

#[test]
fn a_body_edit_renders_the_article_its_entities_and_the_articles_listing_it() {
    let (dir, mut live) = fixture();
    let update = edit(
        &mut live,
        dir.path(),
        "content/articles/first-report.md",
        "sets a vision",
        "sets a new vision",
    )
    .unwrap();
    // the article; Resolution 59, Economic integration, To Lam, Jane Writer;
    // the one article that lists it as related; the connections map
    assert_eq!(
        update,
        Update {
            pages: 7,
            full: false
        }
    );
    assert!(page(&live, "articles/first-report/index.html").contains("sets a new vision"));
}

#[test]
fn a_title_edit_also_renders_the_lists_and_the_neighbours() {
    let (dir, mut live) = fixture();
    let update = edit(
        &mut live,
        dir.path(),
        "content/articles/first-report.md",
        "A first report",
        "A renamed report",
    )
    .unwrap();
    assert!(!update.full);
    for key in [
        "index.html",
        "articles/index.html",
        "articles/older-commentary/index.html",
    ] {
        assert!(page(&live, key).contains("A renamed report"), "{key}");
    }
}

#[test]
fn a_changed_reference_renders_the_entities_before_and_after() {
    let (dir, mut live) = fixture();
    edit(
        &mut live,
        dir.path(),
        "content/articles/first-report.md",
        "themes = [\"Economic integration\"]",
        "themes = [\"science-technology\"]",
    )
    .unwrap();
    assert!(!page(&live, "themes/economic-integration/index.html").contains("A first report"));
    assert!(page(&live, "themes/science-technology/index.html").contains("A first report"));
}

#[test]
fn a_failed_edit_leaves_the_site_as_it_was() {
    let (dir, mut live) = fixture();
    let before = page(&live, "articles/first-report/index.html");
    let result = edit(
        &mut live,
        dir.path(),
        "content/articles/first-report.md",
        "speakers = [\"to-lam\"]",
        "speakers = [\"nobody\"]",
    );
    assert!(result.is_err());
    assert_eq!(page(&live, "articles/first-report/index.html"), before);
    // The next good edit builds on the last good state.
    edit(
        &mut live,
        dir.path(),
        "content/articles/first-report.md",
        "speakers = [\"nobody\"]",
        "speakers = [\"to-lam\"]",
    )
    .unwrap();
    assert_eq!(page(&live, "articles/first-report/index.html"), before);
}

#[test]
fn a_template_change_renders_only_the_pages_that_use_it() {
    let (dir, mut live) = fixture();
    let template = dir.path().join("templates/kind.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}{% block main %}<p>custom</p>{% endblock main %}",
    )
    .unwrap();
    let update = live
        .apply(&[std::path::absolute(&template).unwrap()])
        .unwrap();
    assert_eq!(
        update,
        Update {
            pages: 3,
            full: false
        }
    );
    assert!(page(&live, "themes/index.html").contains("<p>custom</p>"));
}

#[test]
fn a_new_article_rebuilds_everything() {
    let (dir, mut live) = fixture();
    let path = std::path::absolute(dir.path().join("content/articles/new.md")).unwrap();
    std::fs::write(&path, "+++\ntitle = \"Brand new\"\n+++\nText.\n").unwrap();
    let update = live.apply(&[path]).unwrap();
    assert!(update.full);
    assert!(page(&live, "articles/index.html").contains("Brand new"));
}

fn has(live: &LiveSite, key: &str) -> bool {
    live.files().read().unwrap().contains_key(key)
}

#[test]
fn a_redated_article_moves_through_the_pages_of_its_lists() {
    // One item a page: the timeline has a page per year, 2024 holding
    // Resolution 57 and the older commentary, 2025 Resolution 59 and the
    // first report.
    let (dir, mut live) =
        fixture_with("[site]\nurl = \"https://x.org/\"\n[pagination]\nper-page = 1\n");
    assert!(has(&live, "timeline/2024/page/2/index.html"));
    assert!(has(&live, "timeline/2024/page/1/index.html"), "a redirect");
    assert!(!has(&live, "timeline/2025/page/3/index.html"));
    assert!(page(&live, "articles/page/2/index.html").contains("An older commentary"));
    let update = edit(
        &mut live,
        dir.path(),
        "content/articles/older-commentary.md",
        "date = 2024-12-30",
        "date = 2025-06-30",
    )
    .unwrap();
    assert!(!update.full);
    // Newest now: first on the articles index, the report moves to page 2.
    assert!(page(&live, "articles/index.html").contains("An older commentary"));
    assert!(page(&live, "articles/page/2/index.html").contains("A first report"));
    // 2024 lost a page (and its redirect), 2025 gained one.
    assert!(!has(&live, "timeline/2024/page/2/index.html"));
    assert!(!has(&live, "timeline/2024/page/1/index.html"));
    assert!(page(&live, "timeline/2025/page/3/index.html").contains("An older commentary"));
    assert!(page(&live, "timeline/index.html").contains("3 items"));
    let sitemap = page(&live, "sitemap.xml");
    assert!(sitemap.contains("timeline/2025/page/3/"), "{sitemap}");
    assert!(!sitemap.contains("timeline/2024/page/2/"), "{sitemap}");
    // Every page is there and up to date, as a fresh load renders it.
    let keys: Vec<String> = live.files().read().unwrap().keys().cloned().collect();
    let fresh = LiveSite::load(dir.path()).unwrap();
    let fresh_keys: Vec<String> = fresh.files().read().unwrap().keys().cloned().collect();
    assert_eq!(keys, fresh_keys);
    for key in &fresh_keys {
        if key.ends_with(".html") {
            assert_eq!(page(&live, key), page(&fresh, key), "{key} is up to date");
        }
    }
}
