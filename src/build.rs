//! `dossier build`: runs the whole pipeline, from `book.toml` to the output
//! directory, and reports what it wrote. The stages up to the list of output
//! files are shared with `dossier serve`, which keeps them in memory.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::load_corpus;
use crate::error::{Diagnostic, Error, Result};
use crate::link::{Graph, link};
use crate::publish::{publish_files, read_manifest, redirects, taken_files};
use crate::render::{Templates, all_pages, page_file, page_path, render_each};
use crate::urls;
use crate::write::{
    Contents, Protected, SiteWriter, check_collisions, check_output_dir, static_files,
};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root (where `book.toml` is).
    pub root: PathBuf,
    /// Overrides `[build] build-dir`.
    pub out: Option<PathBuf>,
    /// Overrides `[site] url` (a deployment knows where it publishes).
    pub site_url: Option<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
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
    load_site_timed(config, &mut Stopwatch::new())
}

fn load_site_timed(config: Config, clock: &mut Stopwatch) -> Result<LoadedSite> {
    let corpus = load_corpus(&config)?;
    clock.lap("load");
    let graph = link(corpus)?;
    clock.lap("link");
    let templates = Templates::load(&config.templates_dir(), &config.root)?;
    Ok(LoadedSite {
        config,
        graph,
        templates,
    })
}

/// Times the stages of a build.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.site_url {
        config.set_site_url(url)?;
    }
    let out = options.out.clone().unwrap_or_else(|| config.build_dir());
    let content = config.content_dir();
    let (static_dir, templates_dir) = (config.static_dir(), config.templates_dir());
    check_output_dir(
        &out,
        &Protected {
            root: &config.root,
            content: &content,
            inputs: &[
                ("the static folder", &static_dir),
                ("the templates folder", &templates_dir),
            ],
        },
    )?;

    let mut clock = Stopwatch::new();
    let site = load_site_timed(config, &mut clock)?;
    let jobs = all_pages(&site.graph);
    let page_files: Vec<PathBuf> = jobs
        .iter()
        .map(|job| page_file(&site.graph, *job))
        .collect();
    let html_pages: Vec<String> = jobs
        .iter()
        .map(|job| page_path(&site.graph, *job))
        .filter(|path| {
            urls::output_file(path)
                .extension()
                .is_some_and(|e| e == "html")
        })
        .collect();
    let mut walk_warnings = site.templates.warnings.clone();
    let statics = static_files(
        &site.config.static_dir(),
        &site.config.root,
        &mut walk_warnings,
    )?;
    let taken = taken_files(&site.graph, page_files.iter().cloned(), &statics);
    let redirects = redirects(&site.graph, &taken).map_err(Error::Invalid)?;
    let previous = read_manifest(&out)?;
    let (published, mut warnings) = publish_files(
        &site.graph,
        &site.config,
        &html_pages,
        &redirects,
        previous.as_ref(),
    )?;
    let generated: Vec<PathBuf> = page_files
        .iter()
        .cloned()
        .chain(published.iter().map(|f| f.path.clone()))
        .collect();
    check_collisions(&generated, &statics)?;
    // Pages are written as they are rendered, into a staging directory that
    // replaces the output only once everything is written.
    let writer = SiteWriter::open(&out)?;
    writer.write_all(&statics)?;
    writer.write_all(&published)?;
    render_each(&site.graph, &site.config, &site.templates, &jobs, &|page| {
        writer.write(&page.file, &Contents::Bytes(page.html.into_bytes()))
    })?;
    clock.lap("render and write");
    writer.finish()?;
    clock.lap("swap");
    let page_count = page_files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();

    Ok(BuildReport {
        out,
        pages: page_count,
        files: generated.len() + statics.len(),
        elapsed: started.elapsed(),
        warnings: {
            let mut all = site.graph.corpus.warnings;
            all.append(&mut walk_warnings);
            all.append(&mut warnings);
            all
        },
        timings: clock.laps,
    })
}
