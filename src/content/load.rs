//! Walks the content directory: `articles/` and one folder per entity kind.
//! Reads and parses every file in parallel, then reports every problem at
//! once (sorted by path), including two files that claim the same slug.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::site_walk::{Hidden, walk_site_folder};
use rayon::prelude::*;

use super::lint::lint_body;
use super::model::{Corpus, KindId};
use super::parse::{parse_article, parse_entity};
use super::read_text;
use crate::config::Config;
use crate::error::{Diagnostic, Error, IoContext, Result};

/// The folder of articles under the content directory.
pub const ARTICLES_FOLDER: &str = "articles";

/// Loads every article and entity of the site.
pub fn load_corpus(config: &Config) -> Result<Corpus> {
    let content = config.content_dir();
    if !content.is_dir() {
        return Err(Error::invalid(
            Diagnostic::error(format!(
                "the content directory {} does not exist",
                content.display()
            ))
            .with_hint("create it, or set `src` under [book] in book.toml"),
        ));
    }
    let mut problems = Vec::new();
    let mut warnings = unknown_folders(config, &content)?;

    let article_files =
        markdown_files(&content.join(ARTICLES_FOLDER), &config.root, &mut warnings)?;
    let articles = collect(
        article_files.par_iter().map(|path| {
            let text = read_text(path).map_err(|e| vec![to_diagnostic(e, path)])?;
            parse_article(path, &text, &config.kinds)
        }),
        &mut problems,
    );

    let mut entity_files = Vec::new();
    for (index, kind) in config.kinds.iter().enumerate() {
        let kind_id = KindId(index as u16);
        for path in markdown_files(&content.join(&kind.folder), &config.root, &mut warnings)? {
            entity_files.push((kind_id, path));
        }
    }
    let entities = collect(
        entity_files.par_iter().map(|(kind, path)| {
            let text = read_text(path).map_err(|e| vec![to_diagnostic(e, path)])?;
            parse_entity(path, &text, *kind)
        }),
        &mut problems,
    );

    problems.extend(duplicate_slugs(
        articles.iter().map(|a| (&a.slug, &a.path)),
        "articles",
    ));
    for (index, kind) in config.kinds.iter().enumerate() {
        let of_kind = entities.iter().filter(|e| e.kind.index() == index);
        problems.extend(duplicate_slugs(
            of_kind.map(|e| (&e.slug, &e.path)),
            &kind.plural.to_lowercase(),
        ));
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Error::Invalid(problems));
    }
    let allow_html = config.markdown.allow_html;
    let bodies = articles
        .par_iter()
        .map(|a| (&a.path, &a.body, a.body_line))
        .chain(entities.par_iter().map(|e| (&e.path, &e.body, e.body_line)));
    let linted: Vec<Vec<Diagnostic>> = bodies
        .map(|(path, body, line)| lint_body(path, body, line, allow_html))
        .collect();
    warnings.extend(linted.into_iter().flatten());
    warnings.extend(entities.iter().flat_map(|e| e.warnings.iter().cloned()));
    warnings.sort_by(|a, b| a.location.cmp(&b.location));
    Ok(Corpus {
        articles,
        entities,
        kinds: config.kinds.clone(),
        links: config.links.clone(),
        warnings,
    })
}

fn collect<T: Send>(
    results: impl IndexedParallelIterator<Item = std::result::Result<T, Vec<Diagnostic>>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let results: Vec<_> = results.collect();
    let mut items = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(item) => items.push(item),
            Err(found) => problems.extend(found),
        }
    }
    items
}

fn to_diagnostic(error: Error, path: &Path) -> Diagnostic {
    match error {
        Error::Invalid(mut list) if !list.is_empty() => list.remove(0),
        other => Diagnostic::error(other.to_string()).in_file(path),
    }
}

/// The Markdown files under `dir`, sorted; other files, and links that
/// leave `root`, are reported.
fn markdown_files(dir: &Path, root: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>> {
    let walked = walk_site_folder(dir, root, Hidden::Skip)?;
    warnings.extend(walked.warnings);
    let mut files = Vec::new();
    for path in walked.files {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown") => files.push(path),
            _ if is_editor_leftover(&path) => {}
            _ => warnings.push(
                Diagnostic::warning("not a Markdown file, so it is not part of the site")
                    .in_file(&path)
                    .with_hint("content files end in .md; put images and other files in static/"),
            ),
        }
    }
    Ok(files)
}

fn is_editor_leftover(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak")
}

/// Folders of the content directory that no kind claims.
fn unknown_folders(config: &Config, content: &Path) -> Result<Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let entries = std::fs::read_dir(content).context("read directory", content)?;
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.context("read directory", content)?;
        if entry.path().is_dir() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    let known: Vec<&str> = std::iter::once(ARTICLES_FOLDER)
        .chain(config.kinds.iter().map(|k| k.folder.as_str()))
        .collect();
    for name in names {
        if name.starts_with('.') || known.contains(&name.as_str()) {
            continue;
        }
        let hint = crate::error::did_you_mean(&name, known.iter().copied())
            .unwrap_or_else(|| "declare it as a kind under [[kinds]] in book.toml".to_string());
        warnings.push(
            Diagnostic::warning(format!(
                "the folder `{name}` is not an entity kind, so its files are not part of the site"
            ))
            .in_file(&content.join(&name))
            .with_hint(hint),
        );
    }
    Ok(warnings)
}

/// One error per slug claimed by more than one file, naming every file.
fn duplicate_slugs<'a>(
    items: impl Iterator<Item = (&'a String, &'a PathBuf)>,
    what: &str,
) -> Vec<Diagnostic> {
    let mut by_slug: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
    for (slug, path) in items {
        by_slug.entry(slug).or_default().push(path);
    }
    by_slug
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(slug, paths)| {
            let others: Vec<String> = paths[1..].iter().map(|p| p.display().to_string()).collect();
            Diagnostic::error(format!(
                "two {what} have the slug `{slug}`: {} and {}",
                paths[0].display(),
                others.join(" and ")
            ))
            .in_file(paths[0])
            .with_hint("rename one of the files, or set a different `slug` in its front matter")
        })
        .collect()
}
