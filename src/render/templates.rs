//! The Tera templates: the default theme is embedded in the binary under the
//! `dossier/` prefix, and a site's `templates/` folder overrides it file by
//! file (Tera falls back to the prefix for names the site lacks). Template
//! errors become diagnostics naming the template file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};
use walkdir::WalkDir;

use crate::content::read_text;
use crate::error::{Diagnostic, Error, Result};

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
    (
        "partials/search-within.html",
        include_str!("../../templates/partials/search-within.html"),
    ),
];

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each template came from, to point errors at it.
    sources: HashMap<String, Source>,
}

struct Source {
    path: PathBuf,
    text: String,
}

impl Templates {
    /// The default theme overridden by the templates in `dir` (if it exists).
    pub fn load(dir: &Path) -> Result<Templates> {
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
        for (name, path) in site_templates(dir)? {
            let text = read_text(&path)?;
            sources.insert(name, Source { path, text });
        }
        let mut templates = Templates { tera, sources };
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
        let d = Diagnostic::error(format!("{}{context}", report.message()));
        let span = report.span();
        self.locate(
            d,
            report.filename(),
            Some((span.start_line, span.start_col + 1)),
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

fn chain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// Every file under `dir`, named by its path relative to `dir` with `/`.
fn site_templates(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Io {
            action: "read directory",
            path: e.path().unwrap_or(dir).to_path_buf(),
            cause: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
        })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !entry.file_type().is_file() || hidden {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        found.push((name, entry.into_path()));
    }
    Ok(found)
}
