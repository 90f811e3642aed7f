//! `dossier init` and `dossier new`, through the binary: a new site builds
//! and checks clean at once, a non-empty directory is refused, and `new`
//! writes each kind of file and refuses what it should.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::check::check_links;

fn dossier(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run dossier")
}

fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn failed(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// A new site made by `dossier init` in a temporary directory.
fn new_site(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["init", "mysite"];
    args.extend_from_slice(extra);
    let stdout = succeeded(&dossier(dir.path(), &args));
    assert!(stdout.contains("dossier serve"), "{stdout}");
    assert!(stdout.contains("dossier build"), "{stdout}");
    assert!(stdout.contains(".github/workflows/pages.yml"), "{stdout}");
    let root = dir.path().join("mysite");
    (dir, root)
}

fn files_under(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let (_dir, root) = new_site(&["--title", "Water & Cities"]);
    assert_eq!(
        files_under(&root),
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "book.toml",
            "content/articles/council-adopts-resolution-12-on-open-data.md",
            "content/resolutions/resolution-12.md",
            "content/speakers/alex-morgan.md",
            "content/themes/open-data.md",
        ]
    );
    let built = succeeded(&dossier(&root, &["build"]));
    assert!(built.starts_with("Built 13 pages"), "{built}");
    let checked = succeeded(&dossier(&root, &["check", "--deny-warnings"]));
    assert!(checked.contains("0 errors, 0 warnings"), "{checked}");

    let out = root.join("book");
    let broken = check_links(&out, "/").unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    // A page of every kind, the example article naming each entity.
    let article = fs::read_to_string(
        out.join("articles/council-adopts-resolution-12-on-open-data/index.html"),
    )
    .unwrap();
    for page in [
        "resolutions/resolution-12/",
        "themes/open-data/",
        "speakers/alex-morgan/",
    ] {
        assert!(out.join(page).join("index.html").is_file(), "{page}");
        assert!(
            article.contains(&format!("class=\"mention\" href=\"../../{page}\"")),
            "the article links {page}"
        );
    }
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("Water &amp; Cities"),
        "the title from --title"
    );
    let ignored = fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/book"), "{ignored}");
}

#[test]
fn init_titles_the_site_after_its_folder_and_copies_the_theme_when_asked() {
    let (_dir, root) = new_site(&["--theme"]);
    let config = dossier::Config::load(&root).unwrap();
    assert_eq!(config.book.title, "mysite");
    assert!(root.join("static/style.css").is_file());
    // The copied templates override the embedded ones.
    let base = root.join("templates/base.html");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        text.replacen("<body", "<body data-edited=\"yes\"", 1),
    )
    .unwrap();
    succeeded(&dossier(&root, &["build"]));
    let home = fs::read_to_string(root.join("book/index.html")).unwrap();
    assert!(home.contains("data-edited=\"yes\""), "{home}");
}

#[test]
fn init_refuses_a_non_empty_directory_unless_forced_and_then_keeps_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("existing");
    fs::create_dir_all(root.join("drafts")).unwrap();
    fs::write(root.join("notes.txt"), "mine").unwrap();
    fs::write(root.join("book.toml"), "[book]\ntitle = \"Mine\"\n").unwrap();

    let stderr = failed(&dossier(dir.path(), &["init", "existing"]));
    assert!(
        stderr.contains("existing is not empty: it holds book.toml, drafts/, notes.txt"),
        "{stderr}"
    );
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(!root.join("content").exists(), "nothing written");

    let stdout = succeeded(&dossier(dir.path(), &["init", "existing", "--force"]));
    assert!(stdout.contains("Kept 1 files"), "{stdout}");
    assert_eq!(
        fs::read_to_string(root.join("book.toml")).unwrap(),
        "[book]\ntitle = \"Mine\"\n"
    );
    assert_eq!(fs::read_to_string(root.join("notes.txt")).unwrap(), "mine");
    assert!(root.join("content/themes/open-data.md").is_file());
    succeeded(&dossier(&root, &["build"]));
}

#[test]
fn new_writes_an_article_and_an_entity_of_each_kind_that_build() {
    let (_dir, root) = new_site(&[]);
    let article = succeeded(&dossier(
        &root,
        &[
            "new",
            "article",
            "Rivers: a \"first\" look",
            "--date",
            "2026-02-03",
            "--outlet",
            "The River Post",
            "--source",
            "https://news.example/rivers",
        ],
    ));
    assert_eq!(article.trim(), "content/articles/rivers-a-first-look.md");
    let text = fs::read_to_string(root.join(article.trim())).unwrap();
    assert!(text.starts_with("+++\ntitle = 'Rivers: a \"first\" look'\ndate = 2026-02-03\noutlet = \"The River Post\"\nsource = \"https://news.example/rivers\"\n"), "{text}");
    assert!(
        text.contains("\nresolutions = []\nthemes = []\nspeakers = []\n+++\n"),
        "{text}"
    );

    for (kind, name, path) in [
        (
            "resolution",
            "Resolution 7",
            "content/resolutions/resolution-7.md",
        ),
        ("theme", "Clean water", "content/themes/clean-water.md"),
        ("speaker", "Tô Lâm Anh", "content/speakers/to-lam-anh.md"),
    ] {
        let written = succeeded(&dossier(&root, &["new", kind, name]));
        assert_eq!(written.trim(), path);
        let text = fs::read_to_string(root.join(path)).unwrap();
        assert!(text.contains(&format!("title = \"{name}\"")), "{text}");
    }
    succeeded(&dossier(&root, &["build"]));
    for page in [
        "articles/rivers-a-first-look/",
        "resolutions/resolution-7/",
        "themes/clean-water/",
        "speakers/to-lam-anh/",
    ] {
        assert!(
            root.join("book").join(page).join("index.html").is_file(),
            "{page}"
        );
    }
}

#[test]
fn new_dates_articles_today_and_uses_the_folders_of_book_toml() {
    let (_dir, root) = new_site(&[]);
    let written = succeeded(&dossier(&root, &["new", "article", "Today"]));
    let text = fs::read_to_string(root.join(written.trim())).unwrap();
    let today = dossier::new::today().to_string();
    assert!(text.contains(&format!("\ndate = {today}\n")), "{text}");

    fs::write(
        root.join("book.toml"),
        "[[kinds]]\nname = \"country\"\nfolder = \"countries\"\n",
    )
    .unwrap();
    let country = succeeded(&dossier(&root, &["new", "country", "Viet Nam"]));
    assert_eq!(country.trim(), "content/countries/viet-nam.md");
}

#[test]
fn new_refuses_unknown_kinds_existing_files_and_bad_values() {
    let (_dir, root) = new_site(&[]);
    let stderr = failed(&dossier(&root, &["new", "country", "Laos"]));
    assert!(
        stderr.contains("this site has no kind `country`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the kinds are: article, resolution, theme, speaker"),
        "{stderr}"
    );

    let existing = root.join("content/themes/open-data.md");
    let before = fs::read_to_string(&existing).unwrap();
    let stderr = failed(&dossier(&root, &["new", "theme", "Open data"]));
    assert!(stderr.contains("open-data.md already exists"), "{stderr}");
    assert_eq!(fs::read_to_string(&existing).unwrap(), before);

    let stderr = failed(&dossier(
        &root,
        &["new", "article", "X", "--date", "2026-13-01"],
    ));
    assert!(stderr.contains("write it as YYYY-MM-DD"), "{stderr}");
    let stderr = failed(&dossier(
        &root,
        &["new", "article", "X", "--source", "javascript:alert(1)"],
    ));
    assert!(stderr.contains("is not a web address"), "{stderr}");
    let stderr = failed(&dossier(&root, &["new", "speaker", "Y", "--outlet", "Z"]));
    assert!(
        stderr.contains("--outlet and --source belong to articles"),
        "{stderr}"
    );
    let stderr = failed(&dossier(&root, &["new", "theme", "?!"]));
    assert!(stderr.contains("no letters or digits"), "{stderr}");
    let stderr = failed(&dossier(root.parent().unwrap(), &["new", "theme", "Rain"]));
    assert!(stderr.contains("no book.toml"), "{stderr}");
    assert_eq!(
        files_under(&root.join("content")).len(),
        4,
        "nothing written"
    );
}

#[test]
fn version_and_completions() {
    let dir = tempfile::tempdir().unwrap();
    let version = succeeded(&dossier(dir.path(), &["--version"]));
    assert!(
        version.starts_with(&format!("dossier {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    for shell in ["bash", "zsh", "fish"] {
        let script = succeeded(&dossier(dir.path(), &["completions", shell]));
        assert!(
            script.contains("init") && script.contains("site-url"),
            "{shell}"
        );
    }
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_the_stages() {
    let (_dir, root) = new_site(&[]);
    let quiet = dossier(&root, &["build", "--quiet"]);
    assert_eq!(succeeded(&quiet), "");
    assert!(quiet.stderr.is_empty());
    let verbose = dossier(&root, &["build", "-v"]);
    let stdout = succeeded(&verbose);
    for stage in ["load:", "link:", "render and write:", "Built 13 pages"] {
        assert!(stdout.contains(stage), "{stdout}");
    }
    // No progress line when stderr is not a terminal.
    assert!(verbose.stderr.is_empty(), "{:?}", verbose.stderr);
}

#[test]
fn errors_are_coloured_only_when_colour_is_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let run = |vars: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command
            .args(["new", "theme", "Rain"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (name, value) in vars {
            command.env(name, value);
        }
        failed(&command.output().unwrap())
    };
    let piped = run(&[]);
    assert!(piped.starts_with("error: no book.toml"), "{piped:?}");
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.starts_with("\u{1b}["), "{forced:?}");
    assert!(
        forced.contains("error\u{1b}[0m: no book.toml"),
        "{forced:?}"
    );
    let refused = run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(refused, piped);
}
