//! The Tera templates: the default theme is embedded in the binary under the
//! `dossier/` prefix, and a site's `templates/` folder overrides it file by
//! file (Tera falls back to the prefix for names the site lacks). Template
//! errors become diagnostics naming the template file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::content::read_text;
use crate::error::{Diagnostic, Error, Result};
use crate::site_walk::{Hidden, walk_site_folder};

/// The prefix of the embedded default templates.
pub const DEFAULT_PREFIX: &str = "dossier/";

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("kind.html", include_str!("../../templates/kind.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    (
        "connections.html",
        include_str!("../../templates/connections.html"),
    ),
    (
        "partials/article-list.html",
        include_str!("../../templates/partials/article-list.html"),
    ),
    (
        "partials/entity-list.html",
        include_str!("../../templates/partials/entity-list.html"),
    ),
    (
        "partials/relation.html",
        include_str!("../../templates/partials/relation.html"),
    ),
];

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each template came from, to point errors at it.
    sources: HashMap<String, Source>,
    /// Links in the templates folder that were not followed.
    pub warnings: Vec<Diagnostic>,
}

struct Source {
    path: PathBuf,
    text: String,
}

impl Templates {
    /// The default theme overridden by the templates in `dir` (if it exists).
    /// Loads the default theme and the site's templates in `dir`, a folder
    /// of the site at `root`.
    pub fn load(dir: &Path, root: &Path) -> Result<Templates> {
        let mut tera = Tera::new();
        tera.set_fallback_prefixes([DEFAULT_PREFIX])
            .map_err(|e| Error::invalid(Diagnostic::error(e.to_string())))?;
        let mut sources = HashMap::new();
        for (name, text) in DEFAULT_TEMPLATES {
            let full = format!("{DEFAULT_PREFIX}{name}");
            let path = PathBuf::from(format!("(built-in theme) templates/{name}"));
            sources.insert(
                full,
                Source {
                    path,
                    text: text.to_string(),
                },
            );
        }
        let (found, warnings) = site_templates(dir, root)?;
        for (name, path) in found {
            let text = read_text(&path)?;
            sources.insert(name, Source { path, text });
        }
        let mut templates = Templates {
            tera,
            sources,
            warnings,
        };
        let mut all: Vec<(&str, &str)> = templates
            .sources
            .iter()
            .map(|(n, s)| (n.as_str(), s.text.as_str()))
            .collect();
        all.sort();
        let added = templates.tera.add_raw_templates(all);
        if let Err(error) = added {
            return Err(Error::Invalid(templates.diagnose_all(&error)));
        }
        Ok(templates)
    }

    /// Whether a template of this name exists (in the site or the theme).
    pub fn has(&self, name: &str) -> bool {
        self.tera
            .get_template_names()
            .any(|n| n == name || n.strip_prefix(DEFAULT_PREFIX) == Some(name))
    }

    /// Renders template `name`; `page` names the page in errors.
    pub fn render(&self, name: &str, context: &Context, page: &str) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnose(&e, Some((name, page))))
    }

    /// Tera checks every template on load and reports each unknown filter,
    /// test, function or include as a text report: one diagnostic per report.
    fn diagnose_all(&self, error: &tera::Error) -> Vec<Diagnostic> {
        let ErrorKind::Msg(text) = error.kind() else {
            return vec![self.diagnose(error, None)];
        };
        let reports: Vec<Diagnostic> = text
            .split("\n\n")
            .filter_map(|block| {
                let message = block.lines().next()?.strip_prefix("error: ")?;
                let locus = block
                    .lines()
                    .find_map(|l| l.trim_start().strip_prefix("--> "))?;
                let mut parts = locus.rsplitn(3, ':');
                let column: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                let name = parts.next()?;
                Some(self.locate(Diagnostic::error(message), name, Some((line, column))))
            })
            .collect();
        if reports.is_empty() {
            vec![self.diagnose(error, None)]
        } else {
            reports
        }
    }

    fn diagnose(&self, error: &tera::Error, rendering: Option<(&str, &str)>) -> Diagnostic {
        let context = rendering.map_or(String::new(), |(name, page)| {
            format!(" (rendering {page} with template `{name}`)")
        });
        let report = match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => report,
            ErrorKind::TemplateNotFound(missing) => {
                return Diagnostic::error(format!("template `{missing}` not found{context}"))
                    .with_hint("add it to templates/, or fix the name that refers to it");
            }
            ErrorKind::MissingParent { current, parent } => {
                let d = Diagnostic::error(format!(
                    "template `{current}` extends `{parent}`, which does not exist"
                ));
                return self
                    .locate(d, current, None)
                    .with_hint("add the parent template, or fix the name in `extends`");
            }
            _ => return Diagnostic::error(format!("template error{context}: {}", chain(error))),
        };
        if matches!(error.kind(), ErrorKind::SyntaxError(_))
            && let Some(unclosed) = self.unclosed_tag(report.filename())
        {
            return unclosed;
        }
        let d = Diagnostic::error(format!("{}{context}", report.message()));
        let span = report.span();
        self.locate(
            d,
            report.filename(),
            Some((span.start_line, span.start_col + 1)),
        )
    }

    /// Tera reports a tag left open where parsing stopped, often the last
    /// block of the file; the tag that was opened is where to look.
    fn unclosed_tag(&self, name: &str) -> Option<Diagnostic> {
        let source = self.sources.get(name)?;
        let (offset, tag) = unclosed_opener(&source.text)?;
        Some(
            Diagnostic::error(format!("`{{% {tag} %}}` is opened here and never closed"))
                .at_offset(&source.path, &source.text, offset)
                .with_hint(format!("add `{{% end{tag} %}}` where it should end")),
        )
    }

    fn locate(&self, diagnostic: Diagnostic, name: &str, at: Option<(usize, usize)>) -> Diagnostic {
        let Some(source) = self.sources.get(name) else {
            return diagnostic;
        };
        match at {
            Some((line, column)) => {
                let offset = crate::error::line_offset(&source.text, line);
                let line_text = &source.text[offset..];
                let byte_column: usize =
                    line_text.chars().take(column - 1).map(char::len_utf8).sum();
                diagnostic.at_offset(&source.path, &source.text, offset + byte_column)
            }
            None => diagnostic.in_file(&source.path),
        }
    }
}

/// The first block tag of `text` (`if`, `for`, `block`, `macro`, `filter`,
/// `with`) whose end tag does not come before its enclosing block ends,
/// with its byte offset. Tags in `{# comments #}` and `{% raw %}` count
/// too, so this is a hint for errors Tera found, not a parser.
pub fn unclosed_opener(text: &str) -> Option<(usize, &str)> {
    const PAIRED: &[&str] = &["if", "for", "block", "macro", "filter", "with"];
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find("{%") {
        let at = rest + found;
        rest = at + 2;
        let inner = text[rest..].trim_start_matches('-').trim_start();
        let word = inner
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        if let Some(kind) = PAIRED.iter().find(|k| **k == word) {
            open.push((at, kind));
        } else if let Some(kind) = word.strip_prefix("end") {
            match open.last() {
                Some((_, top)) if *top == kind => {
                    open.pop();
                }
                Some(&top) => return Some(top),
                None => {}
            }
        }
    }
    open.last().copied()
}

fn chain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

type NamedFiles = Vec<(String, PathBuf)>;

/// Every file under `dir`, named by its path relative to `dir` with `/`;
/// links that leave `root` are not followed, with a warning each.
fn site_templates(dir: &Path, root: &Path) -> Result<(NamedFiles, Vec<Diagnostic>)> {
    let walked = walk_site_folder(dir, root, Hidden::Skip)?;
    let found = walked
        .files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (name, path)
        })
        .collect();
    Ok((found, walked.warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_tag_left_open() {
        let text = "{% block main %}\n{% if x %}\n<p>{% for a in b %}{{ a }}{% endfor %}\n{% endblock main %}\n";
        assert_eq!(unclosed_opener(text), Some((17, "if")));
        assert_eq!(
            unclosed_opener("{% if x %}{% endif %}{% for a in b %}"),
            Some((21, "for"))
        );
        assert_eq!(
            unclosed_opener("{%- if x -%}a{% else %}b{%- endif %}"),
            None
        );
    }

    #[test]
    fn reports_an_unclosed_if_where_it_opens() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        std::fs::create_dir(&templates).unwrap();
        std::fs::write(
            templates.join("page.html"),
            "{% extends \"base.html\" %}\n{% block main %}\n{% if title %}\n<p>x</p>\n{% endblock main %}\n",
        )
        .unwrap();
        let Err(Error::Invalid(problems)) = Templates::load(&templates, dir.path()) else {
            panic!("the template loads");
        };
        let shown = problems[0].to_string();
        assert!(shown.contains("`{% if %}` is opened here"), "{shown}");
        assert!(shown.contains("page.html:3:1"), "{shown}");
    }
}
