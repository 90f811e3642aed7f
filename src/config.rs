//! `book.toml`: the schema of a site's configuration, its defaults and its
//! validation. Hands on a [`Config`] with every path resolved against the
//! site's root and every entity kind filled in.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};
use crate::toml_error::all_toml_errors;

/// The name of the configuration file at a site's root.
pub const CONFIG_FILE: &str = "book.toml";

/// URL segments the site itself uses, which a kind cannot take.
pub const RESERVED_SEGMENTS: &[&str] = &["articles", "search", "searchindex", "timeline", "static"];

/// A site's configuration, as read from `book.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root directory (where `book.toml` is).
    pub root: PathBuf,
    pub book: BookConfig,
    pub build: BuildConfig,
    pub site: SiteConfig,
    pub markdown: MarkdownConfig,
    pub links: LinksConfig,
    pub search: SearchConfig,
    pub pagination: PaginationConfig,
    /// The entity kinds, in the order the site shows them.
    pub kinds: Vec<KindConfig>,
}

/// `[book]`: what the site is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BookConfig {
    pub title: String,
    pub description: String,
    /// The language of the content, as a BCP 47 tag (`en`, `vi`).
    pub language: String,
    pub authors: Vec<String>,
    /// The content directory, relative to the root.
    pub src: PathBuf,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Dossier".to_string(),
            description: String::new(),
            language: "en".to_string(),
            authors: Vec::new(),
            src: PathBuf::from("content"),
        }
    }
}

/// `[build]`: where the output goes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BuildConfig {
    /// The output directory, relative to the root.
    pub build_dir: PathBuf,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            build_dir: PathBuf::from("book"),
        }
    }
}

/// `[site]`: where the site is published.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SiteConfig {
    /// The published site's absolute URL, always ending in `/` once loaded.
    pub url: Option<String>,
}

/// `[markdown]`: how article and entity bodies are rendered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through to the page (off: it is shown as text).
    pub allow_html: bool,
}

/// How the pages of a kind are ordered in lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// Alphabetically by title.
    Title,
    /// Oldest first by date, undated last, then by title.
    Date,
}

/// One entity kind (`[[kinds]]`), with every default filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct KindConfig {
    /// The kind's name, as used in templates (`resolution`).
    pub name: String,
    /// The folder under the content directory, and the article front-matter
    /// field that references entities of this kind (`resolutions`).
    pub folder: String,
    /// The URL segment of the kind's pages (`resolutions` → `/resolutions/<slug>/`).
    pub url: String,
    pub singular: String,
    pub plural: String,
    pub sort: SortOrder,
    /// Whether article `authors` name entities of this kind.
    pub byline: bool,
    /// Whether names must match with their case (`To Lam` but not `to lam`).
    pub case_sensitive: bool,
    /// Whether its entities are people: then a name is also found after a
    /// title ("Prof. Dr. ..."), and, once named in an article, by a title
    /// alone ("the General Secretary") or by the last word of the name.
    pub people: bool,
    /// Groups of equivalent titles that precede people's names.
    pub titles: Vec<Vec<String>>,
    /// A regular expression for numbered references ("Resolutions 57 and
    /// 59"): every number inside a match names the entity with that number.
    pub number_pattern: Option<String>,
}

/// `[links]`: how the text of articles is linked to entities.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LinksConfig {
    /// Which mentions in an article body become links to the entity's page.
    pub auto_link: AutoLink,
    /// The share of an article's paragraphs that must contain an entity's
    /// keywords for the article to be tagged with it.
    pub keyword_threshold: f64,
    /// How many related articles an article lists.
    pub related: usize,
}

impl Default for LinksConfig {
    fn default() -> Self {
        LinksConfig {
            auto_link: AutoLink::First,
            keyword_threshold: 0.2,
            related: 5,
        }
    }
}

/// `[search]`: what the search index holds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SearchConfig {
    /// No longer has an effect: the index holds the full text of every
    /// article, in files a query fetches on demand. Still read, so that a
    /// `book.toml` that sets it builds, with a warning.
    pub text_budget: Option<usize>,
}

/// The warning a `book.toml` that still sets `[search] text-budget` gets.
pub fn text_budget_warning(config: &Config) -> Option<crate::error::Diagnostic> {
    config.search.text_budget?;
    Some(
        crate::error::Diagnostic::warning(
            "`[search] text-budget` no longer has an effect: the search index holds the full \
             text of every article, split into files that a query fetches on demand",
        )
        .in_file(&config.root.join("book.toml"))
        .with_hint("remove `text-budget` (and an empty `[search]` table) from book.toml"),
    )
}

/// `[pagination]`: how long lists are split into pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PaginationConfig {
    /// How many items a page of a list shows: articles on the articles
    /// index, an entity's page and a year of the timeline; entities on a
    /// kind's index.
    pub per_page: usize,
}

/// The most items a page may list.
pub const MAX_PER_PAGE: usize = 10_000;

impl Default for PaginationConfig {
    fn default() -> Self {
        PaginationConfig { per_page: 50 }
    }
}

/// Which mentions become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AutoLink {
    /// The first mention of each entity in each article.
    First,
    /// Every mention.
    All,
    /// None.
    None,
}

/// A resolution's words and one or more numbers: "Resolution No. 57-NQ/TW",
/// "Resolutions 18, 57 and 59", "Nghị quyết số 59".
macro_rules! words_then_number {
    () => {
        r"(?:resolutions?|nghị\s+quyết|nghi\s+quyet)(?:\s+(?:no\.?|nos\.?|number|số|so))?\s*\d+(?-i:[A-Z]{2,}[A-Z\d]*)?(?:[-/][\p{L}\d]+)*(?:\s*(?:,|and|và|&)\s*(?:(?:no\.?|number|số)\s*)?\d{1,3}(?-i:[A-Z]{2,}[A-Z\d]*)?(?:[-/][\p{L}\d]+)*)*"
    };
}

/// A resolution's code standing alone: "No 45-NQ/TW", "36NQTW".
macro_rules! standing_code {
    () => {
        r"(?:no\.?\s*)?\d{1,4}[-/]?(?-i:NQ)(?:[-/]?[\p{L}\d]+)*"
    };
}

/// The default number pattern: "Resolution 57", "Resolution No. 57-NQ/TW",
/// "Resolutions 18, 57 and 59", "Nghị quyết số 59", and a resolution's code
/// standing alone ("No 45-NQ/TW", "36NQTW"). A number may carry a code
/// ("-NQ/TW", "/NQ-CP", "/2023/QH15", or attached: "36NQTW"), which must then
/// agree with the entity's own code. Numbers after the first in a list have
/// at most three digits, so that "Resolution 59 and 2030 targets" names no
/// year. Its word boundaries are ASCII ones: a Unicode `\b` keeps the
/// regex engine off its fast automaton on any text with a non-ASCII letter.
pub const DEFAULT_NUMBER_PATTERN: &str = concat!(
    r"(?i)(?-u:\b)(?:",
    words_then_number!(),
    "|",
    standing_code!(),
    r")(?-u:\b)"
);

/// The default number pattern's two alternatives, each a pattern alone. The
/// matcher searches them apart: the regex engine skips to the words ahead
/// of the first and to the "NQ" of the second, but for the pair, whose
/// second alternative opens with a digit, it reads every byte.
pub const DEFAULT_NUMBER_ALTERNATIVES: [&str; 2] = [
    concat!(r"(?i)(?-u:\b)(?:", words_then_number!(), r")(?-u:\b)"),
    concat!(r"(?i)(?-u:\b)(?:", standing_code!(), r")(?-u:\b)"),
];

/// The default titles of people, each group a set of equivalents.
pub fn default_titles() -> Vec<Vec<String>> {
    let groups: &[&[&str]] = &[
        &[
            "General Secretary",
            "Party General Secretary",
            "Party chief",
            "Party leader",
        ],
        &["President", "State President"],
        &["Vice President", "Vice-President", "State Vice President"],
        &["Prime Minister", "PM", "Premier"],
        &["Deputy Prime Minister", "Deputy PM"],
        &[
            "Chairman of the National Assembly",
            "National Assembly Chairman",
            "NA Chairman",
        ],
        &["Minister"],
        &["Foreign Minister", "Minister of Foreign Affairs"],
        &["Deputy Minister"],
        &[
            "Secretary-General",
            "UN Secretary-General",
            "United Nations Secretary-General",
        ],
        &["Ambassador"],
        &[
            "Assoc. Prof. Dr.",
            "Associate Professor, Dr.",
            "Associate Professor Dr.",
            "Assoc. Prof.",
        ],
        &["Prof. Dr.", "Professor Dr.", "Professor", "Prof.", "Prof"],
        &["Dr.", "Dr"],
        &["Mr.", "Mr"],
        &["Ms.", "Ms", "Mrs.", "Mrs"],
        &["General", "Lieutenant General", "Senior Lieutenant General"],
        &["Secretary"],
        &["Chairman", "Chairwoman", "Chair"],
        &["Director", "Director General"],
        &["Reporter", "journalist"],
    ];
    groups
        .iter()
        .map(|g| g.iter().map(|t| t.to_string()).collect())
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    book: BookConfig,
    #[serde(default)]
    build: BuildConfig,
    #[serde(default)]
    site: SiteConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    links: LinksConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    pagination: PaginationConfig,
    kinds: Option<Vec<RawKind>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawKind {
    name: String,
    folder: Option<String>,
    url: Option<String>,
    singular: Option<String>,
    plural: Option<String>,
    sort: Option<SortOrder>,
    #[serde(default)]
    byline: bool,
    case_sensitive: Option<bool>,
    #[serde(default)]
    people: bool,
    titles: Option<Vec<Vec<String>>>,
    #[serde(default)]
    numbered: bool,
    number_pattern: Option<String>,
}

impl RawKind {
    fn resolve(self) -> KindConfig {
        let folder = self.folder.unwrap_or_else(|| format!("{}s", self.name));
        KindConfig {
            url: self.url.unwrap_or_else(|| folder.clone()),
            singular: self.singular.unwrap_or_else(|| capitalize(&self.name)),
            plural: self.plural.unwrap_or_else(|| capitalize(&folder)),
            sort: self.sort.unwrap_or(SortOrder::Title),
            byline: self.byline,
            case_sensitive: self.case_sensitive.unwrap_or(self.people),
            titles: match (self.people, self.titles) {
                (_, Some(titles)) => titles,
                (true, None) => default_titles(),
                (false, None) => Vec::new(),
            },
            people: self.people,
            number_pattern: self
                .number_pattern
                .or_else(|| self.numbered.then(|| DEFAULT_NUMBER_PATTERN.to_string())),
            name: self.name,
            folder,
        }
    }
}

/// The kinds a site has when `book.toml` declares none.
pub fn default_kinds() -> Vec<KindConfig> {
    let kind = |name: &str, sort, byline, people, numbered| {
        RawKind {
            name: name.to_string(),
            folder: None,
            url: None,
            singular: None,
            plural: None,
            sort: Some(sort),
            byline,
            case_sensitive: None,
            people,
            titles: None,
            numbered,
            number_pattern: None,
        }
        .resolve()
    };
    vec![
        kind("resolution", SortOrder::Date, false, false, true),
        kind("theme", SortOrder::Title, false, false, false),
        kind("speaker", SortOrder::Title, true, true, false),
    ]
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl Config {
    /// Reads `<root>/book.toml`.
    pub fn load(root: &Path) -> Result<Config> {
        // Paths under the current directory read better without "./".
        let root = if root == Path::new(".") {
            Path::new("")
        } else {
            root
        };
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::invalid(
                Diagnostic::error(format!("no {CONFIG_FILE} in {}", display_dir(root)))
                    .with_hint("run dossier in the site's directory, or pass --root DIR"),
            ));
        }
        let text = crate::content::read_text(&path)?;
        Config::parse(root, &path, &text)
    }

    /// Parses the text of a `book.toml` found at `path`, for the site at `root`.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| Error::Invalid(all_toml_errors::<RawConfig>(&e, path, text, 0, text)))?;
        let config = Config {
            root: root.to_path_buf(),
            book: raw.book,
            build: raw.build,
            site: SiteConfig {
                url: raw.site.url.map(with_trailing_slash),
            },
            markdown: raw.markdown,
            links: raw.links,
            search: raw.search,
            pagination: raw.pagination,
            kinds: raw.kinds.map_or_else(default_kinds, |kinds| {
                kinds.into_iter().map(RawKind::resolve).collect()
            }),
        };
        let problems = config.validate(path, text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Sets the published site's URL, as `--site-url` does.
    pub fn set_site_url(&mut self, url: &str) -> Result<()> {
        if let Err(problem) = crate::url_policy::check_external(url) {
            return Err(Error::invalid(
                Diagnostic::error(format!(
                    "--site-url must be an absolute http(s) URL, not `{url}`: {problem}"
                ))
                .with_hint("write the published address, e.g. https://user.github.io/repo/"),
            ));
        }
        self.site.url = Some(with_trailing_slash(url.to_string()));
        Ok(())
    }

    /// The content directory.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.book.src)
    }

    /// The site's own templates, which override the default theme.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// Files copied verbatim into the output.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// The output directory named by `book.toml`.
    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.build.build_dir)
    }

    /// The kind whose entities article bylines name, if any.
    pub fn byline_kind(&self) -> Option<usize> {
        self.kinds.iter().position(|k| k.byline)
    }

    fn validate(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut report_from = |from: usize, needle: &str, message: String, hint: &str| {
            let line = text[from..].find(needle).map_or_else(
                || find_line(text, needle),
                |offset| text[..from + offset].matches('\n').count() + 1,
            );
            problems.push(
                Diagnostic::error(message)
                    .at_line(path, text, line)
                    .with_hint(hint),
            );
        };
        if let Some(url) = &self.site.url
            && let Err(problem) = crate::url_policy::check_external(url)
        {
            report_from(
                0,
                "url",
                format!("`site.url` must be an absolute http(s) URL, not `{url}`: {problem}"),
                "write the published address, e.g. url = \"https://user.github.io/repo/\"",
            );
        }
        if !(0.0..=1.0).contains(&self.links.keyword_threshold) {
            report_from(
                0,
                "keyword-threshold",
                "`links.keyword-threshold` must be between 0 and 1".into(),
                "write a share such as 0.2",
            );
        }
        if !(1..=MAX_PER_PAGE).contains(&self.pagination.per_page) {
            report_from(
                0,
                "per-page",
                format!(
                    "`pagination.per-page` must be between 1 and {MAX_PER_PAGE}, not {}",
                    self.pagination.per_page
                ),
                "write how many items a page lists, such as per-page = 50",
            );
        }
        for kind in &self.kinds {
            if let Some(pattern) = &kind.number_pattern
                && let Err(error) = regex::Regex::new(pattern)
            {
                report_from(
                    0,
                    "number-pattern",
                    format!(
                        "kind `{}`: `number-pattern` is not a valid regular expression: {error}",
                        kind.name
                    ),
                    "see https://docs.rs/regex for the syntax",
                );
            }
        }
        if self.kinds.iter().filter(|k| k.byline).count() > 1 {
            report_from(
                0,
                "byline",
                "more than one kind has `byline = true`".into(),
                "keep it on one kind",
            );
        }
        for (index, kind) in self.kinds.iter().enumerate() {
            let earlier = &self.kinds[..index];
            // This kind's own table: its values, not an earlier kind's equal ones.
            let from = text
                .match_indices("[[kinds]]")
                .nth(index)
                .map_or(0, |(at, _)| at);
            for (field, value) in [
                ("name", &kind.name),
                ("folder", &kind.folder),
                ("url", &kind.url),
            ] {
                if !is_segment(value) {
                    report_from(
                        from,
                        &format!("\"{value}\""),
                        format!(
                            "kind `{}`: `{field}` = \"{value}\" is not a plain path segment",
                            kind.name
                        ),
                        "use lowercase letters, digits and hyphens",
                    );
                }
            }
            if earlier.iter().any(|k| k.name == kind.name) {
                report_from(
                    from,
                    &format!("\"{}\"", kind.name),
                    format!("two kinds are named `{}`", kind.name),
                    "give each kind its own name",
                );
            }
            if earlier.iter().any(|k| k.folder == kind.folder) || kind.folder == "articles" {
                report_from(
                    from,
                    &format!("\"{}\"", kind.folder),
                    format!("kind `{}` shares the folder `{}`", kind.name, kind.folder),
                    "give each kind its own folder",
                );
            }
            if earlier.iter().any(|k| k.url == kind.url)
                || RESERVED_SEGMENTS.contains(&kind.url.as_str())
            {
                report_from(
                    from,
                    &format!("\"{}\"", kind.url),
                    format!(
                        "kind `{}`: the URL segment `{}` is taken",
                        kind.name, kind.url
                    ),
                    "choose another `url` for this kind",
                );
            }
        }
        problems
    }
}

fn with_trailing_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

fn is_segment(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The 1-based line of the first occurrence of `needle` (1 when absent).
fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |offset| text[..offset].matches('\n').count() + 1)
}

fn display_dir(dir: &Path) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        "the current directory".to_string()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("site"), Path::new("site/book.toml"), text)
    }

    #[test]
    fn fills_defaults_for_an_empty_file() {
        let config = parse("").unwrap();
        assert_eq!(config.book.title, "Dossier");
        assert_eq!(config.build_dir(), Path::new("site/book"));
        assert_eq!(config.content_dir(), Path::new("site/content"));
        let names: Vec<_> = config.kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["resolution", "theme", "speaker"]);
        assert_eq!(config.kinds[0].url, "resolutions");
        assert_eq!(config.kinds[0].plural, "Resolutions");
        assert_eq!(config.byline_kind(), Some(2));
    }

    #[test]
    fn reads_declared_kinds_in_order() {
        let config = parse(
            "[[kinds]]\nname = \"country\"\nfolder = \"countries\"\nplural = \"Countries\"\n",
        )
        .unwrap();
        assert_eq!(config.kinds.len(), 1);
        assert_eq!(config.kinds[0].folder, "countries");
        assert_eq!(config.kinds[0].url, "countries");
        assert_eq!(config.kinds[0].singular, "Country");
    }

    #[test]
    fn adds_a_trailing_slash_to_the_site_url() {
        let config = parse("[site]\nurl = \"https://u.github.io/repo\"\n").unwrap();
        assert_eq!(
            config.site.url.as_deref(),
            Some("https://u.github.io/repo/")
        );
    }

    #[test]
    fn errors_on_unknown_key_with_line_and_hint() {
        let error = parse("[book]\ntitle = \"x\"\ndescriptoin = \"y\"\n").unwrap_err();
        let d = &error.diagnostics()[0];
        assert!(d.message.contains("descriptoin"), "{d}");
        assert_eq!(d.location.as_ref().unwrap().line, 3);
        assert!(d.hint.as_deref().unwrap().contains("`description`"), "{d}");
    }

    #[test]
    fn errors_on_wrong_type_naming_the_key() {
        let error = parse("[book]\n\ntitle = 3\n").unwrap_err();
        let d = &error.diagnostics()[0];
        assert!(d.message.contains("book.title"), "{d}");
        assert_eq!(d.location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn errors_on_a_kind_taking_a_reserved_segment() {
        let error = parse("[[kinds]]\nname = \"article\"\nurl = \"articles\"\n").unwrap_err();
        assert!(error.to_string().contains("`articles` is taken"), "{error}");
    }

    #[test]
    fn reads_and_validates_the_pagination() {
        assert_eq!(parse("").unwrap().pagination.per_page, 50);
        let config = parse("[pagination]\nper-page = 20\n").unwrap();
        assert_eq!(config.pagination.per_page, 20);
        let error = parse("[book]\n[pagination]\nper-page = 0\n").unwrap_err();
        let d = &error.diagnostics()[0];
        assert!(d.message.contains("between 1 and"), "{d}");
        assert_eq!(d.location.as_ref().unwrap().line, 3);
        assert!(parse("[pagination]\nper-page = -1\n").is_err());
    }

    #[test]
    fn errors_on_a_relative_site_url() {
        let error = parse("[site]\nurl = \"user.github.io\"\n").unwrap_err();
        assert_eq!(error.diagnostics()[0].location.as_ref().unwrap().line, 2);
    }
}
