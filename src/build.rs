//! `dossier build`: runs the whole pipeline, from `book.toml` to the output
//! directory, and reports what it wrote. The stages up to the list of output
//! files are shared with `dossier serve`, which keeps them in memory.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::load_corpus;
use crate::error::{Diagnostic, Error, Result};
use crate::link::{Graph, link};
use crate::publish::{
    Redirect, first_page_redirects, publish_files, read_manifest, redirects, taken_files,
};
use crate::render::{Lists, PageId, Templates, all_pages, page_file, page_path, render_each};
use crate::urls;
use crate::write::{
    Contents, OutputFile, Protected, SiteWriter, check_collisions, check_output_dir, static_files,
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

/// What a build tells while it runs, for a progress display: the stages in
/// order (`load`, `link`, `render`), and the pages rendered so far.
pub trait Progress: Sync {
    /// A stage begins; `total` is how many items it counts (0: it does not).
    fn stage(&self, _name: &'static str, _total: u64) {}
    /// `count` more items of the current stage are done.
    fn advance(&self, _count: u64) {}
}

/// No progress display.
impl Progress for () {}

/// A site read and linked, with its templates: everything rendering needs.
pub struct LoadedSite {
    pub config: Config,
    pub graph: Graph,
    pub templates: Templates,
}

/// Reads the content and the templates of a configured site.
pub fn load_site(config: Config) -> Result<LoadedSite> {
    load_site_timed(config, &mut Stopwatch::new(), &())
}

fn load_site_timed(
    config: Config,
    clock: &mut Stopwatch,
    progress: &dyn Progress,
) -> Result<LoadedSite> {
    progress.stage("load", 0);
    let corpus = load_corpus(&config)?;
    clock.lap("load");
    progress.stage("link", 0);
    let graph = link(corpus)?;
    clock.lap("link");
    let templates = Templates::load(&config.templates_dir(), &config.root)?;
    Ok(LoadedSite {
        config,
        graph,
        templates,
    })
}

/// The redirects of a site whose HTML pages are at `html_pages`: those the
/// content declares, and those from the first page of each paginated list.
pub fn site_redirects(
    site: &LoadedSite,
    page_files: &[PathBuf],
    statics: &[OutputFile],
) -> Result<Vec<Redirect>> {
    let lists = Lists::new(&site.graph, site.config.pagination.per_page);
    let first_pages = first_page_redirects(&lists.paginated());
    // A declared redirect may not take the file of a page, of a static or
    // publishing file, or of these.
    let mut taken = taken_files(&site.graph, page_files.iter().cloned(), statics);
    taken.extend(first_pages.iter().map(|r| urls::output_file(&r.from)));
    let mut all = redirects(&site.graph, &taken).map_err(Error::Invalid)?;
    all.extend(first_pages);
    Ok(all)
}

/// The output file of every page of `jobs`, and the site paths of those
/// that are HTML pages (what the sitemap, feeds and manifest list).
pub fn page_outputs(graph: &Graph, jobs: &[PageId]) -> (Vec<PathBuf>, Vec<String>) {
    let files = jobs.iter().map(|job| page_file(graph, *job)).collect();
    let html = jobs
        .iter()
        .map(|job| page_path(graph, *job))
        .filter(|path| {
            urls::output_file(path)
                .extension()
                .is_some_and(|e| e == "html")
        })
        .collect();
    (files, html)
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
    build_with(options, &())
}

/// Builds the site at `options.root`, telling `progress` how it goes.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
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
    let site = load_site_timed(config, &mut clock, progress)?;
    progress.stage("publish", 0);
    let jobs = all_pages(&site.graph, site.config.pagination.per_page);
    let (page_files, html_pages) = page_outputs(&site.graph, &jobs);
    let mut walk_warnings = site.templates.warnings.clone();
    let statics = static_files(
        &site.config.static_dir(),
        &site.config.root,
        &mut walk_warnings,
    )?;
    let redirects = site_redirects(&site, &page_files, &statics)?;
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
    clock.lap("search index, feeds and redirects");
    // Pages are written as they are rendered, into a staging directory that
    // replaces the output only once everything is written.
    let writer = SiteWriter::open(&out)?;
    writer.write_all(&statics)?;
    writer.write_all(&published)?;
    progress.stage("render", jobs.len() as u64);
    render_each(&site.graph, &site.config, &site.templates, &jobs, &|page| {
        writer.write(&page.file, &Contents::Bytes(page.html.into_bytes()))?;
        progress.advance(1);
        Ok(())
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
