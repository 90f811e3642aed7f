//! `dossier init`: a new site that builds, checks and serves at once. Its
//! files are embedded in the binary (the repository's `scaffold/`): a
//! `book.toml` with every key at its default, an example article with one
//! entity of each default kind, a GitHub Pages workflow and a `.gitignore`;
//! with `theme`, the default templates and static files too, to edit.
//! It never overwrites a file.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, KindConfig, SortOrder, default_kinds, default_titles};
use crate::error::{Diagnostic, Error, IoContext, Result};
use crate::render::templates::DEFAULT_TEMPLATES;
use crate::write::DEFAULT_ASSETS;

/// What to create, and where.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The site's directory; created when missing.
    pub dir: PathBuf,
    /// `[book] title` (default: the directory's name).
    pub title: Option<String>,
    /// Write into a non-empty directory, adding only the missing files.
    pub force: bool,
    /// Copy the default theme into `templates/` and `static/`.
    pub theme: bool,
}

/// What `init` did.
#[derive(Debug)]
pub struct InitReport {
    pub dir: PathBuf,
    /// Files written, relative to `dir`.
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// The version of dossier that the Pages workflow installs.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

const BOOK_TOML: &str = include_str!("../scaffold/book.toml");
const GITIGNORE: &str = include_str!("../scaffold/gitignore");
const PAGES_WORKFLOW: &str = include_str!("../scaffold/pages.yml");

/// The example content, by path under the site's root.
const CONTENT: &[(&str, &str)] = &[
    (
        "content/articles/council-adopts-resolution-12-on-open-data.md",
        include_str!("../scaffold/content/articles/council-adopts-resolution-12-on-open-data.md"),
    ),
    (
        "content/resolutions/resolution-12.md",
        include_str!("../scaffold/content/resolutions/resolution-12.md"),
    ),
    (
        "content/themes/open-data.md",
        include_str!("../scaffold/content/themes/open-data.md"),
    ),
    (
        "content/speakers/alex-morgan.md",
        include_str!("../scaffold/content/speakers/alex-morgan.md"),
    ),
];

/// Where the Pages workflow goes.
pub const PAGES_WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// Creates the site `options.dir`.
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(
            Diagnostic::error(format!("{} is a file, not a directory", dir.display()))
                .with_hint("name a new or empty directory"),
        ));
    }
    if !options.force {
        refuse_if_not_empty(dir)?;
    }
    let title = options.title.clone().unwrap_or_else(|| title_of(dir));
    let mut report = InitReport {
        dir: dir.clone(),
        written: Vec::new(),
        kept: Vec::new(),
    };
    let files = scaffold_files(&title, options.theme);
    // Every folder is checked before the first file is written, so that a
    // refusal leaves nothing half-made.
    for (path, _) in &files {
        check_folders(dir, Path::new(path))?;
    }
    for (path, bytes) in files {
        let relative = PathBuf::from(path);
        if write_new(dir, &relative, &bytes)? {
            report.written.push(relative);
        } else {
            report.kept.push(relative);
        }
    }
    Ok(report)
}

/// Every file of a new site, by path under its root.
pub fn scaffold_files(title: &str, theme: bool) -> Vec<(String, Cow<'static, [u8]>)> {
    let mut files: Vec<(String, Cow<'static, [u8]>)> = vec![
        (
            CONFIG_FILE.to_string(),
            Cow::Owned(book_toml(title).into_bytes()),
        ),
        (
            ".gitignore".to_string(),
            Cow::Borrowed(GITIGNORE.as_bytes()),
        ),
        (
            PAGES_WORKFLOW_PATH.to_string(),
            Cow::Owned(pages_workflow().into_bytes()),
        ),
    ];
    for (path, text) in CONTENT {
        files.push((path.to_string(), Cow::Borrowed(text.as_bytes())));
    }
    if theme {
        for (name, text) in DEFAULT_TEMPLATES {
            files.push((format!("templates/{name}"), Cow::Borrowed(text.as_bytes())));
        }
        for (name, bytes) in DEFAULT_ASSETS {
            files.push((format!("static/{name}"), Cow::Borrowed(*bytes)));
        }
    }
    files
}

/// The Pages workflow, installing this version of dossier.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW.replace("@VERSION@", VERSION)
}

/// `book.toml` for a site named `title`: every key at its default,
/// commented out, with the default kinds spelled out.
pub fn book_toml(title: &str) -> String {
    BOOK_TOML
        .replace("@TITLE@", &toml_value(title))
        .replace("@KINDS@", &commented_kinds(&default_kinds()))
}

fn toml_value(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn commented_kinds(kinds: &[KindConfig]) -> String {
    let mut out = String::new();
    let titles = default_titles();
    for kind in kinds {
        out.push_str("\n#[[kinds]]\n");
        let mut key = |name: &str, value: String| out.push_str(&format!("#{name} = {value}\n"));
        key("name", toml_value(&kind.name));
        key("folder", toml_value(&kind.folder));
        key("url", toml_value(&kind.url));
        key("singular", toml_value(&kind.singular));
        key("plural", toml_value(&kind.plural));
        let sort = match kind.sort {
            SortOrder::Title => "title",
            SortOrder::Date => "date",
        };
        key("sort", toml_value(sort));
        key("byline", kind.byline.to_string());
        key("people", kind.people.to_string());
        key("case-sensitive", kind.case_sensitive.to_string());
        key("numbered", kind.number_pattern.is_some().to_string());
        if let Some(pattern) = &kind.number_pattern {
            key("number-pattern", toml_value(pattern));
        }
        if kind.titles.is_empty() {
            key("titles", "[]".to_string());
        } else {
            out.push_str("#titles = [\n");
            for group in &titles {
                let names: Vec<String> = group.iter().map(|t| toml_value(t)).collect();
                out.push_str(&format!("#[{}],\n", names.join(", ")));
            }
            out.push_str("#]\n");
        }
    }
    out
}

/// The site's default title: the directory's name.
fn title_of(dir: &Path) -> String {
    let absolute = fs::canonicalize(dir)
        .ok()
        .or_else(|| std::env::current_dir().ok().map(|cwd| cwd.join(dir)));
    absolute
        .as_deref()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Dossier".to_string())
}

fn refuse_if_not_empty(dir: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    const SHOWN: usize = 12;
    let mut listed = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        listed.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    Err(Error::invalid(
        Diagnostic::error(format!(
            "{} is not empty: it holds {listed}",
            display_dir(dir)
        ))
        .with_hint(
            "name a new or empty directory, or pass --force to add only the files that are missing",
        ),
    ))
}

fn display_dir(dir: &Path) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        "the current directory".to_string()
    } else {
        dir.display().to_string()
    }
}

/// Refuses a folder on the way to `dir/relative` that is a file or a link
/// (which could send the files out of the site).
fn check_folders(dir: &Path, relative: &Path) -> Result<()> {
    let mut folder = dir.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        folder.push(part);
        match fs::symlink_metadata(&folder) {
            Ok(meta) if !meta.is_dir() => {
                return Err(Error::invalid(
                    Diagnostic::error(format!(
                        "{} is in the way: it is not a directory",
                        folder.display()
                    ))
                    .with_hint("move it away, or create the site in another directory"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes `dir/relative` unless something is already there; `false` when
/// it was.
fn write_new(dir: &Path, relative: &Path, bytes: &[u8]) -> Result<bool> {
    let path = dir.join(relative);
    if fs::symlink_metadata(&path).is_ok() {
        return Ok(false);
    }
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).context("create directory", folder)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .context("create", &path)?;
    file.write_all(bytes).context("write", &path)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn parse(text: &str) -> Config {
        Config::parse(Path::new("site"), Path::new("site/book.toml"), text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// Every `#key = value` line (and `#[table]`) with its `#` removed.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| match line.strip_prefix('#') {
                Some(rest) if !rest.starts_with(' ') && !rest.is_empty() => rest,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn book_toml_holds_every_key_at_its_default() {
        let text = book_toml("A \"quoted\" title");
        let as_written = parse(&text);
        assert_eq!(as_written.book.title, "A \"quoted\" title");
        let spelled_out = parse(&uncommented(&text));
        let defaults = parse("[book]\ntitle = \"A \\\"quoted\\\" title\"\n");
        // The example URL is the one key without a default.
        assert_eq!(
            spelled_out.site.url.as_deref(),
            Some("https://USER.github.io/REPO/")
        );
        for (written, default) in [
            (
                format!("{:?}", spelled_out.book),
                format!("{:?}", defaults.book),
            ),
            (
                format!("{:?}", spelled_out.build),
                format!("{:?}", defaults.build),
            ),
            (
                format!("{:?}", spelled_out.markdown),
                format!("{:?}", defaults.markdown),
            ),
            (
                format!("{:?}", spelled_out.links),
                format!("{:?}", defaults.links),
            ),
            (
                format!("{:?}", spelled_out.search),
                format!("{:?}", defaults.search),
            ),
        ] {
            assert_eq!(written, default);
        }
        assert_eq!(spelled_out.kinds, default_kinds());
        let uncommented_keys = uncommented(&text).lines().count();
        assert!(uncommented_keys > 40, "{uncommented_keys}");
    }

    #[test]
    fn the_workflow_pins_this_version() {
        let workflow = pages_workflow();
        assert!(workflow.contains(&format!("DOSSIER_VERSION: \"{VERSION}\"")));
        assert!(!workflow.contains("@VERSION@"), "{workflow}");
    }

    #[test]
    fn writes_every_file_and_then_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("my-site");
        let options = InitOptions {
            dir: site.clone(),
            ..InitOptions::default()
        };
        let first = init(&options).unwrap();
        assert!(first.kept.is_empty());
        assert!(first.written.contains(&PathBuf::from(".gitignore")));
        let config = Config::load(&site).unwrap();
        assert_eq!(config.book.title, "my-site");
        let again = init(&options).unwrap_err().to_string();
        assert!(again.contains("is not empty"), "{again}");
        assert!(
            again.contains(".github/, .gitignore, book.toml, content/"),
            "{again}"
        );
        fs::write(site.join(CONFIG_FILE), "# mine\n").unwrap();
        fs::remove_file(site.join(".gitignore")).unwrap();
        let forced = init(&InitOptions {
            force: true,
            ..options
        })
        .unwrap();
        assert_eq!(forced.written, [PathBuf::from(".gitignore")]);
        assert_eq!(
            fs::read_to_string(site.join(CONFIG_FILE)).unwrap(),
            "# mine\n"
        );
    }

    #[test]
    fn copies_the_theme_when_asked() {
        let files = scaffold_files("t", true);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.contains(&"templates/base.html"));
        assert!(paths.contains(&"templates/partials/article-list.html"));
        assert!(paths.contains(&"static/style.css"));
        let without: Vec<String> = scaffold_files("t", false)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert!(!without.iter().any(|p| p.starts_with("templates/")));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_write_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let site = dir.path().join("site");
        fs::create_dir(&site).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("content")).unwrap();
        let error = init(&InitOptions {
            dir: site.clone(),
            force: true,
            ..InitOptions::default()
        })
        .unwrap_err();
        assert!(error.to_string().contains("is in the way"), "{error}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
        assert!(!site.join(CONFIG_FILE).exists(), "nothing is half-made");
    }
}
