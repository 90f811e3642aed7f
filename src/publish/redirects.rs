//! Stable permalinks: an article or entity may list the old slugs or site
//! paths it was published under (`redirect_from`); each gets a small page
//! that sends the reader (and search engines, through its canonical link)
//! to the current address. Links are relative, so redirects work under a
//! sub-path and from disk.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Reference;
use crate::error::Diagnostic;
use crate::link::Graph;
use crate::paths::old_address;
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

/// Every redirect the content declares. An old address that is a page or
/// another file of the site (`taken`, by output file), or that two files
/// claim, is an error; every such error is reported at once.
pub fn redirects(
    graph: &Graph,
    taken: &HashSet<PathBuf>,
) -> Result<Vec<Redirect>, Vec<Diagnostic>> {
    let mut found: BTreeMap<String, (Redirect, PathBuf)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut add = |entries: &[Reference], folder: &str, to: String, title: &str, path: &Path| {
        for entry in entries {
            let at = |d: Diagnostic| d.at_position(path, entry.line, 1);
            let from = match old_address(&entry.text, folder) {
                Ok(from) => from,
                Err(why) => {
                    problems.push(at(Diagnostic::error(format!(
                        "`redirect_from` has `{}`, which cannot be an old address: {why}",
                        entry.text
                    ))
                    .with_hint(
                        "write an old slug (\"old-name\") or a site path (\"/old/path/\")",
                    )));
                    continue;
                }
            };
            let file = urls::output_file(&from);
            if taken.contains(&file) {
                problems.push(at(Diagnostic::error(format!(
                    "`redirect_from` has `{}`, but the site already writes {} there",
                    entry.text,
                    file.display()
                ))
                .with_hint(
                    "a redirect cannot replace a page or a file of the site; remove it",
                )));
            } else if let Some((_, other)) = found.get(&from) {
                problems.push(at(Diagnostic::error(format!(
                    "`/{from}` is claimed as an old address by two files: {} and {}",
                    other.display(),
                    path.display()
                ))
                .with_hint("keep the redirect in one of them")));
            } else {
                let redirect = Redirect {
                    from: from.clone(),
                    to: to.clone(),
                    title: title.to_string(),
                };
                found.insert(from, (redirect, path.to_path_buf()));
            }
        }
    };
    let corpus = &graph.corpus;
    for article in &corpus.articles {
        let to = urls::article(&article.slug);
        add(
            &article.redirects,
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
            &entity.redirects,
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
