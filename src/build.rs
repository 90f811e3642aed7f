//! `dossier build`: runs the whole pipeline, from `book.toml` to the output
//! directory, and reports what it wrote. The stages up to the list of output
//! files are shared with `dossier serve`, which keeps them in memory.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::load_corpus;
use crate::error::{Diagnostic, Result};
use crate::link::{Graph, link};
use crate::render::{Page, Templates, render_site};
use crate::write::{
    Contents, OutputFile, Protected, check_collisions, check_output_dir, static_files,
    write_atomically,
};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root (where `book.toml` is).
    pub root: PathBuf,
    /// Overrides `[build] build-dir`.
    pub out: Option<PathBuf>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

impl BuildReport {
    /// The one-line summary a build prints.
    pub fn summary(&self) -> String {
        format!(
            "Built {} pages ({} files) into {} in {:.2} s",
            self.pages,
            self.files,
            self.out.display(),
            self.elapsed.as_secs_f64()
        )
    }
}

/// A site read and linked, with its templates: everything rendering needs.
pub struct LoadedSite {
    pub config: Config,
    pub graph: Graph,
    pub templates: Templates,
}

/// Reads the content and the templates of a configured site.
pub fn load_site(config: Config) -> Result<LoadedSite> {
    let graph = link(load_corpus(&config)?)?;
    let templates = Templates::load(&config.templates_dir())?;
    Ok(LoadedSite {
        config,
        graph,
        templates,
    })
}

/// The rendered pages with the static files, checked not to collide.
pub fn output_files(config: &Config, pages: Vec<Page>) -> Result<Vec<OutputFile>> {
    let mut files: Vec<OutputFile> = pages
        .into_iter()
        .map(|page| OutputFile {
            path: page.file,
            contents: Contents::Bytes(page.html.into_bytes()),
        })
        .collect();
    let statics = static_files(&config.static_dir())?;
    check_collisions(&files, &statics)?;
    files.extend(statics);
    Ok(files)
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Config::load(&options.root)?;
    let out = options.out.clone().unwrap_or_else(|| config.build_dir());
    let content = config.content_dir();
    check_output_dir(
        &out,
        &Protected {
            root: &config.root,
            content: &content,
        },
    )?;

    let site = load_site(config)?;
    let pages = render_site(&site.graph, &site.config, &site.templates)?;
    let page_count = pages
        .iter()
        .filter(|p| p.file.extension().is_some_and(|e| e == "html"))
        .count();
    let files = output_files(&site.config, pages)?;
    write_atomically(&out, &files)?;

    Ok(BuildReport {
        out,
        pages: page_count,
        files: files.len(),
        elapsed: started.elapsed(),
        warnings: site.graph.corpus.warnings,
    })
}
