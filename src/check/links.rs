//! A built site as its links see it: every file of the output, and for each
//! HTML page its ids and its links (tokenized with html5gum). Finds the
//! broken internal links — an `href` or `src` that names no file of the
//! output, or a `#fragment` no id of its page has — and resolves links for
//! the other output checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use html5gum::{Token, Tokenizer};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, IoContext, Result};

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page it is on, relative to the output directory.
    pub page: PathBuf,
    /// The 1-based line of the page where the link is.
    pub line: usize,
    pub href: String,
    pub reason: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` {}",
            self.page.display(),
            self.line,
            self.href,
            self.reason
        )
    }
}

/// A link of a page, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub line: usize,
}

/// What one page offers and asks for.
#[derive(Debug, Default)]
pub struct PageLinks {
    pub ids: BTreeSet<String>,
    pub links: Vec<Link>,
    /// Whether it only sends the reader elsewhere (`<meta http-equiv="refresh">`).
    pub redirect: bool,
    /// How many visible characters its content holds (not counting
    /// spaces): its `<main>` when it has one, else its whole body.
    pub text: usize,
}

/// Reads the ids and the links of an HTML page.
pub fn scan_page(html: &str) -> PageLinks {
    let mut page = PageLinks::default();
    let mut searched_to = 0;
    let (mut in_body, mut in_main, mut has_main, mut hidden) = (false, false, false, 0usize);
    let (mut body_text, mut main_text) = (0usize, 0usize);
    for token in Tokenizer::new(html).flatten() {
        let tag = match token {
            Token::String(text) if in_body && hidden == 0 => {
                let visible = text
                    .value
                    .iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .count();
                body_text += visible;
                main_text += if in_main { visible } else { 0 };
                continue;
            }
            Token::EndTag(tag) => {
                match tag.name.as_slice() {
                    b"script" | b"style" | b"template" => hidden = hidden.saturating_sub(1),
                    b"main" => in_main = false,
                    _ => {}
                }
                continue;
            }
            Token::StartTag(tag) => tag,
            _ => continue,
        };
        match tag.name.as_slice() {
            b"body" => in_body = true,
            b"main" => (in_main, has_main) = (true, true),
            b"script" | b"style" | b"template" if !tag.self_closing => hidden += 1,
            _ => {}
        }
        let attribute = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        };
        if let Some(id) = attribute("id") {
            page.ids.insert(id);
        }
        if tag.name.as_slice() == b"meta"
            && attribute("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
        {
            page.redirect = true;
        }
        if tag.name.as_slice() == b"a"
            && let Some(name) = attribute("name")
        {
            page.ids.insert(name);
        }
        for name in ["href", "src"] {
            if let Some(href) = attribute(name) {
                // Links come in document order: find each after the last.
                let at = html[searched_to..]
                    .find(&format!("\"{href}\""))
                    .map_or(searched_to, |i| searched_to + i);
                searched_to = at;
                let line = html[..at].matches('\n').count() + 1;
                page.links.push(Link { href, line });
            }
        }
    }
    page.text = if has_main { main_text } else { body_text };
    page
}

/// The files and pages of a built site.
pub struct OutputSite {
    pub files: BTreeSet<PathBuf>,
    pub pages: BTreeMap<PathBuf, PageLinks>,
    /// The path the site is served under (`/` or `/repo/`), for root-relative links.
    pub base_path: String,
}

impl OutputSite {
    /// Reads the site in `out`.
    pub fn load(out: &Path, base_path: &str) -> Result<OutputSite> {
        let mut files = BTreeSet::new();
        for entry in WalkDir::new(out).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Io {
                action: "read directory",
                path: out.to_path_buf(),
                cause: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
            })?;
            if entry.file_type().is_file() {
                files.insert(
                    entry
                        .path()
                        .strip_prefix(out)
                        .unwrap_or(entry.path())
                        .to_path_buf(),
                );
            }
        }
        let html: Vec<&PathBuf> = files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .collect();
        let pages = html
            .par_iter()
            .map(|file| {
                let path = out.join(file);
                let text = std::fs::read_to_string(&path).context("read", &path)?;
                Ok(((*file).clone(), scan_page(&text)))
            })
            .collect::<Result<_>>()?;
        Ok(OutputSite {
            files,
            pages,
            base_path: base_path.to_string(),
        })
    }

    /// Every broken internal link, sorted.
    pub fn broken_links(&self) -> Vec<BrokenLink> {
        let mut broken = Vec::new();
        for (page, links) in &self.pages {
            for link in &links.links {
                if let Err(reason) = self.resolve(page, &link.href) {
                    broken.push(BrokenLink {
                        page: page.clone(),
                        line: link.line,
                        href: link.href.clone(),
                        reason,
                    });
                }
            }
        }
        broken.sort();
        broken.dedup();
        broken
    }

    /// The file `href` on `page` points to: `Ok(None)` when it leaves the
    /// site, `Err(why)` when it is broken.
    pub fn resolve(&self, page: &Path, href: &str) -> std::result::Result<Option<PathBuf>, String> {
        if is_external(href) {
            return Ok(None);
        }
        let (path, fragment) = href
            .split_once('#')
            .map_or((href, None), |(p, f)| (p, Some(f)));
        let path = path.split('?').next().unwrap_or("");
        let target = if path.is_empty() {
            page.to_path_buf()
        } else {
            self.target_file(page, path)?
        };
        if !self.files.contains(&target) {
            return Err(format!(
                "points to {}, which does not exist",
                target.display()
            ));
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let fragment = percent_decode_str(fragment).decode_utf8_lossy();
            if let Some(links) = self.pages.get(&target)
                && !links.ids.contains(fragment.as_ref())
            {
                return Err(format!(
                    "names #{fragment}, which {} does not have",
                    target.display()
                ));
            }
        }
        Ok(Some(target))
    }

    fn target_file(&self, page: &Path, path: &str) -> std::result::Result<PathBuf, String> {
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let joined = match decoded.strip_prefix(self.base_path.as_str()) {
            Some(inside) if decoded.starts_with('/') => PathBuf::from(inside),
            _ if decoded.starts_with('/') => {
                return Err(format!(
                    "is outside the site's base path {}",
                    self.base_path
                ));
            }
            _ => page
                .parent()
                .unwrap_or(Path::new(""))
                .join(decoded.as_ref()),
        };
        let normal = normalize(&joined).ok_or_else(|| "climbs out of the site".to_string())?;
        Ok(
            if decoded.ends_with('/')
                || normal.as_os_str().is_empty()
                || !self.files.contains(&normal)
            {
                normal.join("index.html")
            } else {
                normal
            },
        )
    }
}

/// Every broken internal link of the site in `out` (see [`OutputSite`]).
pub fn check_links(out: &Path, base_path: &str) -> Result<Vec<BrokenLink>> {
    Ok(OutputSite::load(out, base_path)?.broken_links())
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
    fn reports_missing_pages_missing_fragments_and_escapes_with_lines() {
        let dir = site(&[
            (
                "index.html",
                "<a href=\"b/\">B</a>\n<a href=\"a/#nope\">N</a>\n<a href=\"../../etc\">E</a>",
            ),
            ("a/index.html", r#"<a href="/other/a/">wrong base</a>"#),
        ]);
        let broken = check_links(dir.path(), "/repo/").unwrap();
        let found: Vec<(&str, usize)> = broken.iter().map(|b| (b.href.as_str(), b.line)).collect();
        assert_eq!(
            found,
            [
                ("/other/a/", 1),
                ("b/", 1),
                ("a/#nope", 2),
                ("../../etc", 3)
            ],
            "{broken:?}"
        );
    }

    #[test]
    fn reads_ids_and_links_from_attributes() {
        let page = scan_page(
            "<h2 id=\"x\">X</h2><a name=\"old\"></a>\n<img src=\"i.png\" alt=\"\"><a href=\"y\">y</a>",
        );
        assert_eq!(page.ids.iter().collect::<Vec<_>>(), ["old", "x"]);
        let links: Vec<(&str, usize)> = page
            .links
            .iter()
            .map(|l| (l.href.as_str(), l.line))
            .collect();
        assert_eq!(links, [("i.png", 2), ("y", 2)]);
    }
}
