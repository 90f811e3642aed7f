//! The manifest of a build (`dossier-manifest.txt`, published with the
//! site): every site path it published, pages and redirects, and the paths
//! earlier builds published that now have neither — carried from build to
//! build until a page or a redirect covers them again, so that `dossier
//! check` can report every link from elsewhere that the site broke. Later
//! pages of lists (`themes/page/3/`) come and go as lists grow and shrink:
//! they are published, but not carried as gone.

use std::collections::BTreeSet;
use std::path::Path;

use super::Redirect;
use crate::error::{Diagnostic, IoContext, Result};
use crate::urls;

const HEADER: &str = "# dossier manifest: the site paths this build published, one per line.\n\
# A line \"gone /path/\" is a path an earlier build published that now has\n\
# neither a page nor a redirect: add it to `redirect_from` of the page that replaced it.\n";

/// The paths a build published, and those it no longer has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub published: BTreeSet<String>,
    pub gone: BTreeSet<String>,
}

impl Manifest {
    /// The manifest of a build with these pages and redirects, after `previous`.
    pub fn new(pages: &[String], redirects: &[Redirect], previous: Option<&Manifest>) -> Manifest {
        let published: BTreeSet<String> = pages
            .iter()
            .map(|p| format!("/{p}"))
            .chain(redirects.iter().map(|r| format!("/{}", r.from)))
            .collect();
        let gone = previous
            .map(|p| {
                p.published
                    .union(&p.gone)
                    .filter(|path| !published.contains(*path))
                    .filter(|path| !urls::is_later_list_page(path))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        Manifest { published, gone }
    }

    /// Parses a manifest's text.
    pub fn parse(text: &str) -> Manifest {
        let mut manifest = Manifest::default();
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            match line.strip_prefix("gone ") {
                Some(path) => manifest.gone.insert(path.trim().to_string()),
                None => manifest.published.insert(line.to_string()),
            };
        }
        manifest
    }

    pub fn to_text(&self) -> String {
        let mut text = String::from(HEADER);
        for path in &self.published {
            text.push_str(path);
            text.push('\n');
        }
        for path in &self.gone {
            text.push_str(&format!("gone {path}\n"));
        }
        text
    }

    /// One warning per path this build stopped publishing.
    pub fn gone_warnings(&self, previous: Option<&Manifest>) -> Vec<Diagnostic> {
        let Some(previous) = previous else {
            return Vec::new();
        };
        self.gone
            .iter()
            .filter(|path| previous.published.contains(*path))
            .map(|path| {
                Diagnostic::warning(format!("{path} was published before and now has neither a page nor a redirect"))
                    .with_hint(format!("add \"{path}\" to `redirect_from` of the page that replaced it, so links to it keep working"))
            })
            .collect()
    }
}

/// The manifest in an output directory, if there is one.
pub fn read_manifest(out: &Path) -> Result<Option<Manifest>> {
    let path = out.join(crate::urls::MANIFEST);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).context("read", &path)?;
    Ok(Some(Manifest::parse(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn carries_gone_paths_until_something_covers_them() {
        let first = Manifest::new(&paths(&["", "articles/a/", "articles/b/"]), &[], None);
        let second = Manifest::new(&paths(&["", "articles/a/"]), &[], Some(&first));
        assert_eq!(second.gone, BTreeSet::from(["/articles/b/".to_string()]));
        assert_eq!(second.gone_warnings(Some(&first)).len(), 1);
        let third = Manifest::new(&paths(&["", "articles/a/"]), &[], Some(&second));
        assert!(
            third.gone.contains("/articles/b/"),
            "still gone a build later"
        );
        assert!(third.gone_warnings(Some(&second)).is_empty(), "warned once");
        let redirect = Redirect {
            from: "articles/b/".into(),
            to: "articles/a/".into(),
            title: "A".into(),
        };
        let fourth = Manifest::new(&paths(&["", "articles/a/"]), &[redirect], Some(&third));
        assert!(fourth.gone.is_empty());
        assert_eq!(Manifest::parse(&fourth.to_text()), fourth);
    }

    #[test]
    fn later_pages_of_lists_are_published_but_never_gone() {
        let first = Manifest::new(&paths(&["", "articles/", "articles/page/2/"]), &[], None);
        assert!(first.published.contains("/articles/page/2/"));
        let second = Manifest::new(&paths(&["", "articles/"]), &[], Some(&first));
        assert!(second.gone.is_empty(), "{:?}", second.gone);
    }
}
