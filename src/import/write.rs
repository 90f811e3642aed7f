//! Writes imported articles: front matter serialized with the toml crate,
//! the Markdown body after it, one file per input in the site's articles
//! folder. Never overwrites a file without `--force`; one input's failure
//! does not stop the others.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use std::time::Duration;

use super::fetch::{self, DEFAULT_TIMEOUT};
use super::html::{MAX_PAGE_BYTES, PageSource};
use super::{Imported, Overrides, import_page, import_text_with};
use crate::config::{CONFIG_FILE, Config};
use crate::content::{ARTICLES_FOLDER, Corpus, DELIMITER, load_corpus, text_from_bytes};
use crate::error::{Diagnostic, Error, IoContext, Result};

/// What to import and where.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site's root, for its entities and its articles folder.
    pub root: PathBuf,
    /// Raw text files, saved HTML pages (`.html`, `.htm`) and web
    /// addresses (`https://...`); `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// What the editor states over what the importer detects.
    pub overrides: Overrides,
    /// How long a fetch may take (default [`DEFAULT_TIMEOUT`]).
    pub timeout: Option<Duration>,
    /// Overrides the site's articles folder.
    pub out: Option<PathBuf>,
    /// Replace existing files.
    pub force: bool,
    /// Write nothing; say what would be written.
    pub dry_run: bool,
    /// Create a stub entity for each author the site does not know, and
    /// credit them, instead of leaving them in a comment.
    pub stub_authors: bool,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Written {
        input: String,
        path: PathBuf,
        summary: String,
        warnings: Vec<String>,
    },
    Failed {
        input: String,
        error: Diagnostic,
    },
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub outcomes: Vec<Outcome>,
}

impl ImportReport {
    /// Whether every input was imported.
    pub fn succeeded(&self) -> bool {
        self.outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Written { .. }))
    }
}

/// Imports every input; `stdin` is read for `-`.
pub fn run_import(options: &ImportOptions, stdin: &mut dyn Read) -> Result<ImportReport> {
    run_import_with(options, stdin, &())
}

/// Imports every input, telling `progress` how it goes.
pub fn run_import_with(
    options: &ImportOptions,
    stdin: &mut dyn Read,
    progress: &dyn crate::Progress,
) -> Result<ImportReport> {
    let one_article = options.overrides.title.is_some() || options.overrides.source.is_some();
    if one_article && options.inputs.len() > 1 {
        return Err(Error::invalid(
            Diagnostic::error(
                "--title and --source describe one article, but several inputs were given",
            )
            .with_hint("import the inputs one at a time"),
        ));
    }
    progress.stage("load", 0);
    let has_site = options.root.join(CONFIG_FILE).is_file();
    let config = if has_site {
        Some(Config::load(&options.root)?)
    } else {
        None
    };
    let corpus: Option<Corpus> = config.as_ref().map(load_corpus).transpose()?;
    let out = options.out.clone().unwrap_or_else(|| match &config {
        Some(config) => config.content_dir().join(ARTICLES_FOLDER),
        None => PathBuf::from("content").join(ARTICLES_FOLDER),
    });
    let mut report = ImportReport::default();
    let mut claimed: BTreeMap<PathBuf, String> = BTreeMap::new();
    progress.stage("import", options.inputs.len() as u64);
    for input in &options.inputs {
        let name = input.display().to_string();
        let outcome = match import_one(input, stdin, corpus.as_ref(), options) {
            Ok(mut imported) => {
                if options.stub_authors
                    && let Some(config) = &config
                {
                    stub_unknown_authors(&mut imported, config, options.dry_run);
                }
                place(imported, &name, &out, options, &mut claimed)
            }
            Err(error) => Outcome::Failed { input: name, error },
        };
        report.outcomes.push(outcome);
        progress.advance(1);
    }
    Ok(report)
}

/// Creates `<byline kind folder>/<slug>.md` for each author the site does
/// not know (never replacing a file) and credits them by slug.
fn stub_unknown_authors(imported: &mut Imported, config: &Config, dry_run: bool) {
    let Some(kind) = config.kinds.iter().find(|k| k.byline) else {
        return;
    };
    let folder = config.content_dir().join(&kind.folder);
    for name in std::mem::take(&mut imported.unknown_authors) {
        let slug = slug::slugify(&name);
        if slug.is_empty() {
            imported.unknown_authors.push(name);
            continue;
        }
        let path = folder.join(format!("{slug}.md"));
        let entity = format!(
            "{DELIMITER}\ntitle = {}\n{DELIMITER}\nAn author of imported articles: say who they are.\n",
            toml::Value::String(name.clone())
        );
        let created = path.exists()
            || dry_run
            || std::fs::create_dir_all(&folder)
                .and_then(|()| std::fs::write(&path, entity))
                .is_ok();
        if !created {
            imported.unknown_authors.push(name);
            continue;
        }
        let said = format!("the author \"{name}\"");
        imported.warnings.retain(|w| !w.starts_with(&said));
        imported.warnings.push(format!(
            "{said} is not one of the site's {}: {} {}, a stub to complete",
            kind.plural.to_lowercase(),
            if dry_run { "would create" } else { "created" },
            path.display()
        ));
        imported.authors.push(slug);
    }
}

fn import_one(
    input: &Path,
    stdin: &mut dyn Read,
    site: Option<&Corpus>,
    options: &ImportOptions,
) -> std::result::Result<Imported, Diagnostic> {
    let overrides = &options.overrides;
    let name = input.to_string_lossy();
    if fetch::is_url(&name) {
        let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let fetched = fetch::fetch(&name, timeout, MAX_PAGE_BYTES)
            .map_err(|error| Diagnostic::error(error.message).with_hint(error.hint))?;
        let source = PageSource {
            url: Some(&fetched.url),
            content_type: fetched.content_type.as_deref(),
        };
        return import_page(&fetched.bytes, &source, site, overrides)
            .map_err(|message| page_error(message, None));
    }
    let bytes = read_input(input, stdin)?;
    if is_html_file(input) || looks_like_html(&bytes) {
        let source = PageSource {
            url: overrides.source.as_deref(),
            content_type: None,
        };
        return import_page(&bytes, &source, site, overrides)
            .map_err(|message| page_error(message, Some(input)));
    }
    let path = if input == Path::new("-") {
        Path::new("standard input")
    } else {
        input
    };
    let text = text_from_bytes(path, bytes).map_err(first)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the input is empty")
            .in_file(input)
            .with_hint("copy the article's text into the file"));
    }
    Ok(import_text_with(&text, site, overrides))
}

/// The bytes of a file, or of standard input for `-`; files larger than
/// any article page are refused before they are read.
fn read_input(input: &Path, stdin: &mut dyn Read) -> std::result::Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    if input == Path::new("-") {
        stdin
            .take(MAX_PAGE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .context("read", Path::new("standard input"))
            .map_err(first)?;
    } else {
        let size = std::fs::metadata(input)
            .context("read", input)
            .map_err(first)?
            .len();
        if size > MAX_PAGE_BYTES as u64 {
            return Err(too_large(size, input));
        }
        bytes = std::fs::read(input).context("read", input).map_err(first)?;
    }
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(too_large(bytes.len() as u64, input));
    }
    Ok(bytes)
}

fn too_large(size: u64, input: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "the input is {} MiB, more than the {} MiB an article can be",
        size / (1024 * 1024),
        MAX_PAGE_BYTES / (1024 * 1024)
    ))
    .in_file(input)
    .with_hint("import the article's own page or text, not an archive or a whole site")
}

fn is_html_file(input: &Path) -> bool {
    input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// A page saved or pasted without an .html name: it starts with a
/// doctype or an `<html>` tag.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, 0xef | 0xbb | 0xbf))
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

fn page_error(message: String, input: Option<&Path>) -> Diagnostic {
    let error = Diagnostic::error(message).with_hint(
        "import the article's own page (not a home, section or search page); \
         if the page builds its text with script, copy the text from a browser into a .txt file",
    );
    match input {
        Some(path) => error.in_file(path),
        None => error,
    }
}

fn first(error: Error) -> Diagnostic {
    match error {
        Error::Invalid(mut list) if !list.is_empty() => list.remove(0),
        other => Diagnostic::error(other.to_string()),
    }
}

/// Writes (or, dry, plans) the article's file.
fn place(
    imported: Imported,
    input: &str,
    out: &Path,
    options: &ImportOptions,
    claimed: &mut BTreeMap<PathBuf, String>,
) -> Outcome {
    let slug = slug_of(&imported.title);
    let path = out.join(format!("{slug}.md"));
    let fail = |message: String, hint: &str| Outcome::Failed {
        input: input.to_string(),
        error: Diagnostic::error(message).with_hint(hint),
    };
    if let Some(other) = claimed.get(&path) {
        return fail(
            format!(
                "{} would be written for both {other} and {input}",
                path.display()
            ),
            "import them one at a time and rename the first file",
        );
    }
    if path.exists() && !options.force {
        return fail(
            format!("{} already exists", path.display()),
            "pass --force to replace it, or rename the existing file",
        );
    }
    claimed.insert(path.clone(), input.to_string());
    if !options.dry_run {
        let written = std::fs::create_dir_all(out)
            .context("create directory", out)
            .and_then(|()| std::fs::write(&path, to_markdown(&imported)).context("write", &path));
        if let Err(error) = written {
            return Outcome::Failed {
                input: input.to_string(),
                error: first(error),
            };
        }
    }
    Outcome::Written {
        input: input.to_string(),
        path,
        summary: summary(&imported),
        warnings: imported.warnings,
    }
}

/// A short slug from a title: its first eight words.
pub fn slug_of(title: &str) -> String {
    let slug = slug::slugify(title);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(8).collect();
    if words.is_empty() {
        "article".to_string()
    } else {
        words.join("-")
    }
}

/// The article file: TOML front matter, then the body.
pub fn to_markdown(imported: &Imported) -> String {
    let mut front = toml::Table::new();
    front.insert("title".into(), imported.title.clone().into());
    if let Some(date) = imported.date {
        let datetime: toml::value::Datetime = date
            .to_string()
            .parse()
            .expect("an ISO date is a TOML date");
        front.insert("date".into(), toml::Value::Datetime(datetime));
    }
    if let Some(outlet) = &imported.outlet {
        front.insert("outlet".into(), outlet.clone().into());
    }
    if let Some(source) = &imported.source {
        front.insert("source".into(), source.clone().into());
    }
    front.insert("authors".into(), strings(&imported.authors));
    front.insert("kind".into(), imported.kind.clone().into());
    if let Some(summary) = &imported.summary {
        front.insert("summary".into(), summary.clone().into());
    }
    front.insert("language".into(), imported.language.clone().into());
    for (folder, slugs) in &imported.references {
        front.insert(folder.clone(), strings(slugs));
    }
    let mut front = toml::to_string(&front).expect("a table of strings serializes");
    for name in &imported.unknown_authors {
        // A comment: the build ignores it, the editor sees it.
        let name: String = name.chars().filter(|c| !c.is_control()).collect();
        front.push_str(&format!("# author not among the site's entities: {name}\n"));
    }
    format!("{DELIMITER}\n{front}{DELIMITER}\n{}", imported.body)
}

fn strings(values: &[String]) -> toml::Value {
    toml::Value::Array(
        values
            .iter()
            .map(|v| toml::Value::String(v.clone()))
            .collect(),
    )
}

/// One line about what was detected.
fn summary(imported: &Imported) -> String {
    let mut parts = vec![format!("\"{}\"", imported.title)];
    parts.push(
        imported
            .date
            .map_or_else(|| "no date".to_string(), |d| d.to_string()),
    );
    parts.extend(imported.outlet.clone());
    parts.push(imported.kind.clone());
    let bylines: Vec<&String> = imported
        .authors
        .iter()
        .chain(&imported.unknown_authors)
        .collect();
    if !bylines.is_empty() {
        let names: Vec<&str> = bylines.iter().map(|s| s.as_str()).collect();
        parts.push(format!("by {}", names.join(", ")));
    }
    for (folder, slugs) in &imported.references {
        if !slugs.is_empty() {
            parts.push(format!("{} {folder}", slugs.len()));
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_text;

    /// Found by the `import_text` fuzz target: text with no words made an
    /// article with an empty title, which the build refuses.
    #[test]
    fn text_without_words_still_makes_an_article_the_build_accepts() {
        let kinds = crate::config::default_kinds();
        for text in ["", " \n\t", "***", "\u{200b}"] {
            let markdown = to_markdown(&import_text(text, None));
            let parsed = crate::content::parse_article(
                std::path::Path::new("content/articles/a.md"),
                &markdown,
                &kinds,
            );
            assert!(parsed.is_ok(), "{text:?} gave:\n{markdown}");
        }
    }

    #[test]
    fn makes_short_slugs_from_titles() {
        assert_eq!(
            slug_of("Resolution 59 establishes a comprehensive integration vision for Vietnam"),
            "resolution-59-establishes-a-comprehensive-integration-vision-for"
        );
        assert_eq!(slug_of("Tô Lâm: hội nhập"), "to-lam-hoi-nhap");
        assert_eq!(slug_of("!!!"), "article");
    }

    #[test]
    fn writes_front_matter_the_content_stage_reads() {
        let imported = import_text(
            "A headline for the test\nThe first paragraph of the article, long enough.\nSource: https://tuoitre.vn/a-b-c-20250403094203634.htm\n",
            None,
        );
        let text = to_markdown(&imported);
        let article = crate::content::parse_article(
            Path::new("a.md"),
            &text,
            &crate::config::default_kinds(),
        )
        .unwrap();
        assert_eq!(article.front.title, "A headline for the test");
        assert_eq!(article.front.date.unwrap().to_string(), "2025-04-03");
        assert_eq!(article.front.outlet.as_deref(), Some("Tuoi Tre"));
        assert_eq!(
            article.body,
            "The first paragraph of the article, long enough.\n"
        );
    }
}
