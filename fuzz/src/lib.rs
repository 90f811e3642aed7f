//! What the fuzz targets share: the fixture site they run against, and the
//! invariants they assert on dossier's output (not only "no panic").

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use dossier::Config;
use dossier::content::{Corpus, load_corpus};
use dossier::error::Diagnostic;
use html5gum::{Token, Tokenizer};

/// The small fixture site the targets scan and render against.
pub fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic")
}

/// The fixture site's configuration and corpus, read once per process.
pub fn fixture() -> &'static (Config, Corpus) {
    static SITE: OnceLock<(Config, Corpus)> = OnceLock::new();
    SITE.get_or_init(|| read_site(&fixture_root()))
}

/// The repository's own site (more entities, numbers and people than the
/// fixture), read once per process.
pub fn repository() -> &'static (Config, Corpus) {
    static SITE: OnceLock<(Config, Corpus)> = OnceLock::new();
    SITE.get_or_init(|| read_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")))
}

fn read_site(root: &Path) -> (Config, Corpus) {
    let config = Config::load(root).expect("the site's book.toml");
    let corpus = load_corpus(&config).expect("the site's content");
    (config, corpus)
}

/// The elements a Markdown body may produce when raw HTML is off.
const MARKDOWN_ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "span",
    "dl",
    "dt",
    "dd",
];

/// The attributes Markdown syntax itself produces; a content file may add
/// only `id` and `class`.
const MARKDOWN_ATTRIBUTES: &[&str] = &[
    "id", "class", "href", "src", "alt", "title", "start", "style", "type", "checked", "disabled",
];

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src"];

/// Asserts that `html`, rendered with raw HTML off, holds only the elements
/// and attributes Markdown makes, no event handler and no script URL.
/// `input` is shown in the failure.
pub fn assert_safe_html(html: &str, input: &str) {
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_string();
        assert!(
            MARKDOWN_ELEMENTS.contains(&name.as_str()),
            "element <{name}> in the output\ninput: {input:?}\nhtml: {html}"
        );
        for (attribute, value) in &tag.attributes {
            let attribute = String::from_utf8_lossy(attribute).to_string();
            let value = String::from_utf8_lossy(&value.value).to_string();
            assert!(
                !attribute.starts_with("on") && MARKDOWN_ATTRIBUTES.contains(&attribute.as_str()),
                "attribute {attribute}={value:?} on <{name}>\ninput: {input:?}\nhtml: {html}"
            );
            if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                assert!(
                    !is_script_url(&value),
                    "script URL {attribute}={value:?} on <{name}>\ninput: {input:?}\nhtml: {html}"
                );
            }
        }
    }
}

/// Whether a browser would treat `url` as a `javascript:`, `vbscript:` or
/// `data:` URL: it drops ASCII whitespace and control characters anywhere
/// in the scheme, and ignores case.
pub fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// Asserts that a diagnostic about a file names it, and that its line lies
/// inside `text`.
pub fn assert_located(diagnostic: &Diagnostic, path: &Path, text: &str) {
    let shown = diagnostic.to_string();
    assert!(!diagnostic.message.is_empty(), "an empty message: {shown}");
    if let Some(location) = &diagnostic.location {
        assert_eq!(
            location.path, path,
            "the diagnostic names another file: {shown}"
        );
        let lines = text.split('\n').count().max(1);
        assert!(
            location.line >= 1 && location.line <= lines,
            "line {} of a {lines}-line file: {shown}",
            location.line
        );
    }
}

/// Asserts that `relative`, joined to an output directory, stays in it: no
/// root, no prefix, no `..` that climbs above it.
pub fn assert_inside(relative: &Path, input: &str) {
    let mut depth: i64 = 0;
    for component in relative.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth -= 1,
            Component::RootDir | Component::Prefix(_) => {
                panic!("{relative:?} is absolute\ninput: {input:?}")
            }
        }
        assert!(
            depth >= 0,
            "{relative:?} leaves the output\ninput: {input:?}"
        );
    }
    let out = Path::new("/out");
    assert!(
        out.join(relative).starts_with(out),
        "{relative:?}: {input:?}"
    );
}
