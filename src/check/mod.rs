//! `dossier check`: builds the site, then validates it — the content
//! (front matter, references, duplicate slugs, numbers no entity has: the
//! build's own diagnostics) and the output (every internal link and anchor
//! resolves, every page is reachable from the home page, no page is empty,
//! the XML files are well-formed, no URL an earlier build published is
//! gone without a redirect).

pub mod links;
mod output;

use std::path::PathBuf;

pub use links::{BrokenLink, Link, OutputSite, PageLinks, check_links, scan_page};
pub use output::{empty_pages, malformed_xml, unreachable_pages, well_formed};

use crate::build::{BuildOptions, build};
use crate::config::Config;
use crate::content::{Corpus, load_corpus};
use crate::error::{Diagnostic, Error, Result};
use crate::publish::read_manifest;
use crate::urls;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Overrides `[build] build-dir`.
    pub out: Option<PathBuf>,
    /// Overrides `[site] url`.
    pub site_url: Option<String>,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// How many pages the built site has (0 when the build failed).
    pub pages: usize,
}

impl CheckReport {
    /// The last line `dossier check` prints.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "Checked {}: {}, {}",
            plural(self.pages, "page"),
            plural(self.errors.len(), "error"),
            plural(self.warnings.len(), "warning")
        )
    }
}

/// Builds the site at `options.root` and checks the content and the output.
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    let build_options = BuildOptions {
        root: options.root.clone(),
        out: options.out.clone(),
        site_url: options.site_url.clone(),
    };
    let built = match build(&build_options) {
        Ok(report) => report,
        Err(Error::Invalid(found)) => {
            let (errors, warnings) = found.into_iter().partition(Diagnostic::is_error);
            return Ok(CheckReport {
                errors,
                warnings,
                pages: 0,
            });
        }
        Err(other) => return Err(other),
    };
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.site_url {
        config.set_site_url(url)?;
    }
    let base_path = urls::base_path(config.site.url.as_deref());
    let site = OutputSite::load(&built.out, &base_path)?;
    let page_at = |page: &PathBuf| built.out.join(page);
    let broken = site.broken_links();
    // Only a site with broken links pays for reading the content again.
    let sources = if broken.is_empty() {
        Vec::new()
    } else {
        load_corpus(&config).map_or_else(|_| Vec::new(), |corpus| source_files(&corpus))
    };
    let mut errors: Vec<Diagnostic> = broken
        .into_iter()
        .map(|b| {
            let error = Diagnostic::error(format!("broken link `{}`: it {}", b.href, b.reason));
            match written_at(&sources, &b) {
                Some((path, line)) => error
                    .at_position(&path, line, 1)
                    .with_hint(format!("the link is on the page {}", b.page.display())),
                None => error.at_position(&page_at(&b.page), b.line, 1),
            }
        })
        .collect();
    let manifest = read_manifest(&built.out)?.unwrap_or_default();
    let generated = manifest
        .published
        .iter()
        .map(|path| urls::output_file(path.trim_start_matches('/')))
        .collect();
    errors.extend(
        unreachable_pages(&site, &generated)
            .into_iter()
            .map(|page| {
                Diagnostic::error("no chain of links from the home page reaches this page")
                    .in_file(&page_at(&page))
                    .with_hint("link to it from a list or another page, or make it a redirect")
            }),
    );
    errors.extend(empty_pages(&site).into_iter().map(|page| {
        Diagnostic::error("the page has no text")
            .in_file(&page_at(&page))
            .with_hint("check the template that renders it")
    }));
    errors.extend(malformed_xml(&built.out, &site)?);
    let manifest_path = built.out.join(urls::MANIFEST);
    errors.extend(manifest.gone.iter().map(|path| {
        Diagnostic::error(format!(
            "{path} was published before and now has neither a page nor a redirect"
        ))
        .in_file(&manifest_path)
        .with_hint(format!(
            "add \"{path}\" to `redirect_from` of the page that replaced it"
        ))
    }));
    let warnings = built
        .warnings
        .into_iter()
        .filter(|w| !errors.iter().any(|e| e.message == w.message))
        .collect();
    Ok(CheckReport {
        errors,
        warnings,
        pages: site.pages.len(),
    })
}

/// A page made from a Markdown file: its output file, source and body.
struct SourceFile {
    page: PathBuf,
    path: PathBuf,
    body: String,
    body_line: usize,
}

fn source_files(corpus: &Corpus) -> Vec<SourceFile> {
    let articles = corpus.articles.iter().map(|a| SourceFile {
        page: urls::output_file(&urls::article(&a.slug)),
        path: a.path.clone(),
        body: a.body.clone(),
        body_line: a.body_line,
    });
    let entities = corpus.entities.iter().map(|e| SourceFile {
        page: urls::output_file(&urls::entity(corpus.kind(e.kind), &e.slug)),
        path: e.path.clone(),
        body: e.body.clone(),
        body_line: e.body_line,
    });
    articles.chain(entities).collect()
}

/// The Markdown file and line that wrote a broken link, when the link is
/// in the body of the page's source (as written, or site-absolute).
fn written_at(sources: &[SourceFile], broken: &BrokenLink) -> Option<(PathBuf, usize)> {
    let source = sources.iter().find(|s| s.page == broken.page)?;
    let mut candidates = vec![broken.href.clone()];
    if let Some(absolute) = site_absolute(&broken.page, &broken.href) {
        candidates.push(absolute);
    }
    let offset = candidates
        .iter()
        .filter_map(|c| {
            source
                .body
                .find(&format!("({c}"))
                .or_else(|| source.body.find(&format!("<{c}")))
        })
        .min()?;
    let line = source.body_line + source.body[..offset].matches('\n').count();
    Some((source.path.clone(), line))
}

/// `/themes/x/` for `../../themes/x/` on the page `articles/a/index.html`.
fn site_absolute(page: &std::path::Path, href: &str) -> Option<String> {
    if !href.starts_with("../") && !href.starts_with("./") {
        return None;
    }
    let mut parts: Vec<String> = page
        .parent()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let mut rest = href;
    loop {
        if let Some(after) = rest.strip_prefix("../") {
            parts.pop()?;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("./") {
            rest = after;
        } else {
            break;
        }
    }
    parts.push(rest.to_string());
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_relative_links_site_absolute() {
        let page = std::path::Path::new("articles/a/index.html");
        assert_eq!(
            site_absolute(page, "../../themes/x/").as_deref(),
            Some("/themes/x/")
        );
        assert_eq!(
            site_absolute(page, "../b/").as_deref(),
            Some("/articles/b/")
        );
        assert_eq!(site_absolute(page, "../../../x"), None);
        assert_eq!(site_absolute(page, "#p-2"), None);
    }
}
