//! What a published site needs besides its pages: redirects from old
//! URLs, the sitemap and Atom feeds (with absolute URLs, so only when
//! `[site] url` is set), `robots.txt`, `.nojekyll` and `CNAME` for GitHub
//! Pages, and the manifest of every URL the build published. Hands on
//! output files for the write stage.

mod feeds;
mod manifest;
mod redirects;
mod sitemap;

use std::collections::HashSet;
use std::path::PathBuf;

pub use manifest::{Manifest, read_manifest};
pub use redirects::{Redirect, redirects};

use crate::config::Config;
use crate::content::Date;
use crate::error::{Diagnostic, Result};
use crate::link::Graph;
use crate::urls;
use crate::write::{Contents, OutputFile};

/// Every publishing file of the site. `pages` are the site paths of the
/// HTML pages; `previous` is the manifest of the build being replaced.
pub fn publish_files(
    graph: &Graph,
    config: &Config,
    pages: &[String],
    redirects: &[Redirect],
    previous: Option<&Manifest>,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>)> {
    let mut files = vec![
        text_file(".nojekyll", String::new()),
        text_file("robots.txt", robots(config)),
    ];
    for redirect in redirects {
        files.push(text_file(
            &redirects::file_of(&redirect.from),
            redirects::page(redirect, config),
        ));
    }
    if let Some(domain) = custom_domain(config) {
        files.push(text_file("CNAME", format!("{domain}\n")));
    }
    if let Some(base) = config.site.url.as_deref() {
        files.push(text_file(
            urls::SITEMAP,
            sitemap::sitemap(graph, base, pages),
        ));
        files.extend(feeds::feeds(graph, config, base));
    }
    let manifest = Manifest::new(pages, redirects, previous);
    let warnings = manifest.gone_warnings(previous);
    files.push(text_file(urls::MANIFEST, manifest.to_text()));
    Ok((files, warnings))
}

/// Every output file a redirect may not take: the pages and static files
/// given, the marker of the output directory, and the publishing files
/// (feeds and sitemap included, whether or not this build writes them, so
/// that a redirect does not depend on `--site-url`).
pub fn taken_files(
    graph: &Graph,
    pages: impl IntoIterator<Item = PathBuf>,
    statics: &[OutputFile],
) -> HashSet<PathBuf> {
    let fixed = [
        ".nojekyll",
        "robots.txt",
        "CNAME",
        urls::SITEMAP,
        urls::FEED,
        urls::MANIFEST,
        crate::write::MARKER,
    ];
    let feeds = graph
        .corpus
        .entities
        .iter()
        .map(|entity| urls::entity_feed(graph.corpus.kind(entity.kind), &entity.slug));
    pages
        .into_iter()
        .chain(statics.iter().map(|file| file.path.clone()))
        .chain(fixed.iter().map(PathBuf::from))
        .chain(feeds.map(PathBuf::from))
        .collect()
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: PathBuf::from(path),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

fn robots(config: &Config) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = urls::absolute(config.site.url.as_deref(), urls::SITEMAP) {
        text.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    text
}

/// The domain for a `CNAME` file: the site URL's host, when the site is
/// served at the root of a domain other than `*.github.io`.
pub fn custom_domain(config: &Config) -> Option<String> {
    let url = config.site.url.as_deref()?;
    let rest = url.split_once("://")?.1;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    let github = host.ends_with(".github.io");
    (!github && path.is_empty() && !host.is_empty() && host != "localhost")
        .then(|| host.to_string())
}

/// Escapes text for XML content and attributes.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A date as an Atom/RFC 3339 timestamp at midnight UTC.
pub fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: Option<&str>) -> Config {
        let text = url.map_or(String::new(), |u| format!("[site]\nurl = \"{u}\"\n"));
        Config::parse(
            std::path::Path::new("s"),
            std::path::Path::new("s/book.toml"),
            &text,
        )
        .unwrap()
    }

    #[test]
    fn writes_cname_only_for_custom_domains_at_their_root() {
        assert_eq!(
            custom_domain(&config(Some("https://dossier.example.org/"))).as_deref(),
            Some("dossier.example.org")
        );
        assert_eq!(
            custom_domain(&config(Some("https://user.github.io/repo/"))),
            None
        );
        assert_eq!(
            custom_domain(&config(Some("https://example.org/sub/"))),
            None
        );
        assert_eq!(custom_domain(&config(None)), None);
    }

    #[test]
    fn escapes_xml_and_drops_forbidden_characters() {
        assert_eq!(
            escape_xml("a < b & \"c\" \u{1}"),
            "a &lt; b &amp; &quot;c&quot; "
        );
    }

    #[test]
    fn robots_points_to_the_sitemap_when_the_url_is_known() {
        assert!(
            robots(&config(Some("https://u.github.io/r/")))
                .contains("Sitemap: https://u.github.io/r/sitemap.xml")
        );
        assert!(!robots(&config(None)).contains("Sitemap"));
    }
}
