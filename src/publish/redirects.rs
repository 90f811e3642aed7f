//! Stable permalinks: an article or entity may list the old slugs or site
//! paths it was published under (`redirect_from`); each gets a small page
//! that sends the reader (and search engines, through its canonical link)
//! to the current address. Links are relative, so redirects work under a
//! sub-path and from disk.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::link::Graph;
use crate::urls;

use super::escape_xml;

/// An old address and the page it now points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old site path (`articles/old-slug/`).
    pub from: String,
    /// The current site path.
    pub to: String,
    pub title: String,
}

/// Every redirect the content declares. An old address that is a page of
/// the site, or that two files claim, is an error.
pub fn redirects(graph: &Graph, pages: &HashSet<String>) -> Result<Vec<Redirect>, Vec<Diagnostic>> {
    let mut found: BTreeMap<String, (Redirect, std::path::PathBuf)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut add = |entries: &[String], folder: &str, to: String, title: &str, path: &Path| {
        for entry in entries {
            let Some(from) = old_path(entry, folder) else {
                problems.push(
                    Diagnostic::error(format!(
                        "`redirect_from` has `{entry}`, which is not a slug or a site path"
                    ))
                    .in_file(path)
                    .with_hint("write an old slug (\"old-name\") or a site path (\"/old/path/\")"),
                );
                continue;
            };
            if pages.contains(&from) {
                problems.push(
                    Diagnostic::error(format!(
                        "`redirect_from` has `/{from}`, which is a page of the site"
                    ))
                    .in_file(path)
                    .with_hint("a redirect cannot replace a page; remove it or rename the page"),
                );
            } else if let Some((_, other)) = found.get(&from) {
                problems.push(
                    Diagnostic::error(format!(
                        "`/{from}` is claimed as an old address by two files: {} and {}",
                        other.display(),
                        path.display()
                    ))
                    .in_file(path)
                    .with_hint("keep the redirect in one of them"),
                );
            } else {
                found.insert(
                    from.clone(),
                    (
                        Redirect {
                            from,
                            to: to.clone(),
                            title: title.to_string(),
                        },
                        path.to_path_buf(),
                    ),
                );
            }
        }
    };
    let corpus = &graph.corpus;
    for article in &corpus.articles {
        let to = urls::article(&article.slug);
        add(
            &article.front.redirect_from,
            crate::content::ARTICLES_FOLDER,
            to,
            &article.front.title,
            &article.path,
        );
    }
    for entity in &corpus.entities {
        let kind = corpus.kind(entity.kind);
        let to = urls::entity(kind, &entity.slug);
        add(
            &entity.front.redirect_from,
            &kind.url,
            to,
            &entity.front.title,
            &entity.path,
        );
    }
    if problems.is_empty() {
        Ok(found.into_values().map(|(r, _)| r).collect())
    } else {
        Err(problems)
    }
}

/// A redirect from `<list>page/1/` to the list itself, for each list (site
/// path and title) that has more than one page: the pager never links to
/// `page/1/`, but readers who edit a URL's number do.
pub fn first_page_redirects(lists: &[(String, String)]) -> Vec<Redirect> {
    lists
        .iter()
        .map(|(list, title)| Redirect {
            from: format!("{list}{}/1/", urls::PAGE_FOLDER),
            to: list.clone(),
            title: title.clone(),
        })
        .collect()
}

/// The site path of an old address: a slug in `folder`, or a site path.
fn old_path(entry: &str, folder: &str) -> Option<String> {
    let entry = entry.trim();
    if entry.contains("..") || entry.contains("://") || entry.contains('\\') || entry.is_empty() {
        return None;
    }
    match entry.strip_prefix('/') {
        Some(path) => {
            let last = path.rsplit('/').next().unwrap_or("");
            let folder_like = !path.is_empty() && !path.ends_with('/') && !last.contains('.');
            Some(if folder_like {
                format!("{path}/")
            } else {
                path.to_string()
            })
            .filter(|p| !p.is_empty())
        }
        None if slug::slugify(entry) == entry => Some(format!("{folder}/{entry}/")),
        None => None,
    }
}

/// The file of a redirect page.
pub fn file_of(from: &str) -> String {
    urls::output_file(from).to_string_lossy().replace('\\', "/")
}

/// The redirect page: a meta refresh, a canonical link and a plain link.
pub fn page(redirect: &Redirect, config: &Config) -> String {
    let target = format!("{}{}", urls::to_root(&redirect.from), redirect.to);
    let canonical =
        urls::absolute(config.site.url.as_deref(), &redirect.to).unwrap_or_else(|| target.clone());
    let (target, canonical, title) = (
        escape_xml(&target),
        escape_xml(&canonical),
        escape_xml(&redirect.title),
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <script>if (location.protocol === \"file:\") location.replace(\"{target}index.html\");</script>\n\
         </head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = escape_xml(&config.book.language),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_old_slugs_and_site_paths() {
        assert_eq!(
            old_path("old-name", "articles").as_deref(),
            Some("articles/old-name/")
        );
        assert_eq!(
            old_path("/news/2025/old", "articles").as_deref(),
            Some("news/2025/old/")
        );
        assert_eq!(
            old_path("/old.html", "articles").as_deref(),
            Some("old.html")
        );
        assert_eq!(
            old_path("/themes/x/", "articles").as_deref(),
            Some("themes/x/")
        );
        for bad in ["Old Name", "/../etc", "https://x.org/a", "", "/"] {
            assert_eq!(old_path(bad, "articles"), None, "{bad}");
        }
    }

    #[test]
    fn the_first_page_of_a_list_redirects_to_the_list() {
        let found = first_page_redirects(&[("themes/trade/".into(), "Trade".into())]);
        assert_eq!(found[0].from, "themes/trade/page/1/");
        assert_eq!(found[0].to, "themes/trade/");
        let config = Config::parse(Path::new("s"), Path::new("s/book.toml"), "").unwrap();
        let html = page(&found[0], &config);
        assert!(
            html.contains("content=\"0; url=../../../../themes/trade/\""),
            "{html}"
        );
    }

    #[test]
    fn redirect_pages_point_relatively_to_the_new_address() {
        let config = Config::parse(
            Path::new("s"),
            Path::new("s/book.toml"),
            "[site]\nurl = \"https://u.github.io/r/\"\n",
        )
        .unwrap();
        let redirect = Redirect {
            from: "articles/old/".into(),
            to: "articles/new/".into(),
            title: "New & better".into(),
        };
        let html = page(&redirect, &config);
        assert!(
            html.contains("content=\"0; url=../../articles/new/\""),
            "{html}"
        );
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://u.github.io/r/articles/new/\">"),
            "{html}"
        );
        assert!(html.contains(">New &amp; better</a>"), "{html}");
        assert_eq!(file_of("articles/old/"), "articles/old/index.html");
    }
}
