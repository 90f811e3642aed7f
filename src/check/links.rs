//! Checks a built site's internal links: every `href` and `src` that stays
//! inside the site must name a file of the output, and every `#fragment` an
//! id of the page it points to. Pages are tokenized with html5gum.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use html5gum::{Token, Tokenizer};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{IoContext, Result};

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page it is on, relative to the output directory.
    pub page: PathBuf,
    pub href: String,
    pub reason: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: `{}` {}",
            self.page.display(),
            self.href,
            self.reason
        )
    }
}

/// What one page offers and asks for.
#[derive(Debug, Default)]
pub struct PageLinks {
    pub ids: BTreeSet<String>,
    pub links: Vec<String>,
}

/// Reads the ids and the links of an HTML page.
pub fn scan_page(html: &str) -> PageLinks {
    let mut page = PageLinks::default();
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let attribute = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        if let Some(id) = attribute("id") {
            page.ids.insert(id);
        }
        if tag.name.as_slice() == b"a"
            && let Some(name) = attribute("name")
        {
            page.ids.insert(name);
        }
        for name in ["href", "src"] {
            if let Some(link) = attribute(name) {
                page.links.push(link);
            }
        }
    }
    page
}

/// Every broken internal link of the site in `out`. `base_path` is the
/// path the site is served under (`/` or `/repo/`), for root-relative links.
pub fn check_links(out: &Path, base_path: &str) -> Result<Vec<BrokenLink>> {
    let mut html_files = Vec::new();
    let mut all_files = BTreeSet::new();
    for entry in WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| crate::error::Error::Io {
            action: "read directory",
            path: out.to_path_buf(),
            cause: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
        })?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(out)
                .unwrap_or(entry.path())
                .to_path_buf();
            if relative.extension().is_some_and(|e| e == "html") {
                html_files.push(relative.clone());
            }
            all_files.insert(relative);
        }
    }
    let pages: BTreeMap<PathBuf, PageLinks> = html_files
        .par_iter()
        .map(|file| {
            let html = std::fs::read_to_string(out.join(file)).context("read", &out.join(file))?;
            Ok((file.clone(), scan_page(&html)))
        })
        .collect::<Result<_>>()?;
    let mut broken = Vec::new();
    for (page, links) in &pages {
        for href in &links.links {
            if let Some(reason) = resolve(page, href, base_path, &all_files, &pages) {
                broken.push(BrokenLink {
                    page: page.clone(),
                    href: href.clone(),
                    reason,
                });
            }
        }
    }
    broken.sort();
    broken.dedup();
    Ok(broken)
}

/// Why `href` on `page` does not resolve, or `None` when it does (or leaves the site).
fn resolve(
    page: &Path,
    href: &str,
    base_path: &str,
    files: &BTreeSet<PathBuf>,
    pages: &BTreeMap<PathBuf, PageLinks>,
) -> Option<String> {
    if is_external(href) {
        return None;
    }
    let (path, fragment) = href
        .split_once('#')
        .map_or((href, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_path_buf()
    } else {
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let joined = match decoded.strip_prefix(base_path) {
            Some(inside) if decoded.starts_with('/') => PathBuf::from(inside),
            _ if decoded.starts_with('/') => {
                return Some(format!("is outside the site's base path {base_path}"));
            }
            _ => page
                .parent()
                .unwrap_or(Path::new(""))
                .join(decoded.as_ref()),
        };
        let Some(normal) = normalize(&joined) else {
            return Some("climbs out of the site".to_string());
        };
        if decoded.ends_with('/') || normal.as_os_str().is_empty() || !files.contains(&normal) {
            normal.join("index.html")
        } else {
            normal
        }
    };
    if !files.contains(&target) {
        return Some(format!(
            "points to {}, which does not exist",
            target.display()
        ));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let fragment = percent_decode_str(fragment).decode_utf8_lossy();
    match pages.get(&target) {
        Some(links) if !links.ids.contains(fragment.as_ref()) => Some(format!(
            "names #{fragment}, which {} does not have",
            target.display()
        )),
        _ => None,
    }
}

fn is_external(href: &str) -> bool {
    let scheme_end = href.find(':');
    let first_special = href.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, first_special) {
        (Some(colon), Some(special)) => colon < special,
        (Some(_), None) => true,
        _ => false,
    };
    has_scheme || href.starts_with("//")
}

/// Resolves `.` and `..` lexically; `None` when the path climbs out of the site.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir if !out.pop() => return None,
            std::path::Component::ParentDir => {}
            std::path::Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, html) in pages {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, html).unwrap();
        }
        dir
    }

    #[test]
    fn accepts_folder_links_fragments_and_external_links() {
        let dir = site(&[
            (
                "index.html",
                r##"<a href="a/">A</a><a href="a/#p-1">P</a><a href="#top">T</a><p id="top"></p><a href="https://x.org/missing">X</a><a href="mailto:a@b">M</a>"##,
            ),
            (
                "a/index.html",
                r#"<p id="p-1"></p><a href="../">Home</a><link href="../style.css"><a href="/a/">abs</a>"#,
            ),
            ("style.css", ""),
        ]);
        assert_eq!(check_links(dir.path(), "/").unwrap(), vec![]);
    }

    #[test]
    fn reports_missing_pages_missing_fragments_and_escapes() {
        let dir = site(&[
            (
                "index.html",
                r#"<a href="b/">B</a><a href="a/#nope">N</a><a href="../../etc">E</a>"#,
            ),
            ("a/index.html", r#"<a href="/other/a/">wrong base</a>"#),
        ]);
        let broken = check_links(dir.path(), "/repo/").unwrap();
        let hrefs: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(
            hrefs,
            ["/other/a/", "../../etc", "a/#nope", "b/"],
            "{broken:?}"
        );
    }

    #[test]
    fn reads_ids_and_links_from_attributes() {
        let page = scan_page(
            r#"<h2 id="x">X</h2><a name="old"></a><img src="i.png" alt=""><a href="y">y</a>"#,
        );
        assert_eq!(page.ids.iter().collect::<Vec<_>>(), ["old", "x"]);
        assert_eq!(page.links, ["i.png", "y"]);
    }
}
