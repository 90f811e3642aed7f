//! The render stage: turns a [`Graph`] into pages. Renders Markdown bodies,
//! builds each page's template context and runs the Tera templates, in
//! parallel over pages; every template error is reported once.

mod article_page;
mod chart;
mod context;
mod entity_page;
pub mod export;
mod map;
pub mod markdown;
pub mod search;
pub mod templates;
mod timeline;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::{ArticleId, EntityId, KindId};
use crate::error::{Diagnostic, Error, Result};
use crate::link::Graph;
use crate::urls;
pub use context::{
    ArticleCard, EntityCard, EntityGroup, Field, KindView, LinkView, PageBase, Views,
};
pub use markdown::{Heading, MarkdownOptions, render_markdown};
pub use templates::Templates;

/// How many articles the home page lists.
pub const LATEST_ON_HOME: usize = 10;

/// One rendered page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's path inside the site (`articles/x/`).
    pub path: String,
    /// The file it is written to, relative to the output directory.
    pub file: PathBuf,
    pub html: String,
}

/// A page of the site, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Home,
    Articles,
    Article(ArticleId),
    Kind(KindId),
    Entity(EntityId),
    NotFound,
    /// The knowledge graph as JSON.
    Graph,
    /// Articles and dated entities in date order.
    Timeline,
    /// The search page.
    Search,
    /// The search index: many files under `searchindex/`, the page's path
    /// being its `meta.json`.
    SearchIndex,
    /// The map of how entities connect.
    Connections,
}

/// Every page of the site.
pub fn all_pages(graph: &Graph) -> Vec<PageId> {
    let mut pages = vec![
        PageId::Home,
        PageId::Articles,
        PageId::NotFound,
        PageId::Graph,
        PageId::Timeline,
        PageId::Search,
        PageId::SearchIndex,
        PageId::Connections,
    ];
    pages.extend(graph.corpus.article_ids().map(PageId::Article));
    pages.extend((0..graph.corpus.kinds.len()).map(|k| PageId::Kind(KindId(k as u16))));
    pages.extend(graph.corpus.entity_ids().map(PageId::Entity));
    pages
}

/// Renders every page of the site.
pub fn render_site(graph: &Graph, config: &Config, templates: &Templates) -> Result<Vec<Page>> {
    render_pages(graph, config, templates, &all_pages(graph))
}

/// Renders the given pages, in parallel, in the given order.
pub fn render_pages(
    graph: &Graph,
    config: &Config,
    templates: &Templates,
    jobs: &[PageId],
) -> Result<Vec<Page>> {
    let pages = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
    render_each(graph, config, templates, jobs, &|page| {
        pages.lock().expect("pages lock").push(page);
        Ok(())
    })?;
    let mut pages = pages.into_inner().expect("pages lock");
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Renders the given pages in parallel, handing each to `sink` as soon as
/// it is done (a build writes it out, so pages do not pile up in memory).
/// Every distinct problem is reported, from templates and from `sink`.
pub fn render_each(
    graph: &Graph,
    config: &Config,
    templates: &Templates,
    jobs: &[PageId],
    sink: &(dyn Fn(Page) -> Result<()> + Sync),
) -> Result<()> {
    let summaries: Vec<String> = graph
        .corpus
        .entities
        .par_iter()
        .map(|e| markdown::first_paragraph_text(&e.body))
        .collect();
    let views = Views {
        graph,
        config,
        summaries: &summaries,
    };
    let renderer = Renderer {
        views,
        templates,
        markdown: MarkdownOptions {
            allow_html: config.markdown.allow_html,
        },
    };
    let failures: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| {
            let written = match job {
                PageId::SearchIndex => search_index(graph, &summaries, sink),
                _ => match renderer.render(*job) {
                    Err(problem) => return Some(vec![problem]),
                    Ok(page) => sink(page),
                },
            };
            written.err().map(|error| match error {
                Error::Invalid(list) => list,
                other => vec![Diagnostic::error(other.to_string())],
            })
        })
        .flatten()
        .collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for problem in failures {
        if !problems.iter().any(|p| same_problem(p, &problem)) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Writes the search index's files, each as a page of its own.
fn search_index(
    graph: &Graph,
    summaries: &[String],
    sink: &(dyn Fn(Page) -> Result<()> + Sync),
) -> Result<()> {
    search::write_index(graph, summaries, &|file| {
        let path = format!("{}{}", search::DIR, file.path);
        sink(Page {
            file: urls::output_file(&path),
            path,
            html: file.text,
        })
    })
}

/// The file each page is written to, relative to the output directory.
pub fn page_file(graph: &Graph, job: PageId) -> PathBuf {
    urls::output_file(&page_path(graph, job))
}

/// The site path of each page.
pub fn page_path(graph: &Graph, job: PageId) -> String {
    match job {
        PageId::Home => urls::HOME.to_string(),
        PageId::Articles => urls::articles_index(),
        PageId::NotFound => "404.html".to_string(),
        PageId::Graph => urls::GRAPH.to_string(),
        PageId::Timeline => urls::TIMELINE.to_string(),
        PageId::Search => urls::SEARCH.to_string(),
        PageId::SearchIndex => urls::SEARCH_INDEX.to_string(),
        PageId::Connections => urls::CONNECTIONS.to_string(),
        PageId::Article(id) => urls::article(&graph.article(id).slug),
        PageId::Kind(id) => urls::kind_index(graph.corpus.kind(id)),
        PageId::Entity(id) => {
            let entity = graph.entity(id);
            urls::entity(graph.corpus.kind(entity.kind), &entity.slug)
        }
    }
}

/// Template errors repeat on every page that uses the template: report one.
fn same_problem(a: &Diagnostic, b: &Diagnostic) -> bool {
    let strip = |m: &str| m.split(" (rendering ").next().unwrap_or(m).to_string();
    a.location == b.location && strip(&a.message) == strip(&b.message)
}

struct Renderer<'a> {
    views: Views<'a>,
    templates: &'a Templates,
    markdown: MarkdownOptions,
}

#[derive(Serialize)]
struct Home<'a> {
    #[serde(flatten)]
    base: PageBase<'a>,
    title: &'a str,
    latest: Vec<ArticleCard<'a>>,
    groups: Vec<EntityGroup<'a>>,
}

#[derive(Serialize)]
struct ArticleList<'a> {
    #[serde(flatten)]
    base: PageBase<'a>,
    title: &'a str,
    articles: Vec<ArticleCard<'a>>,
}

/// The search page: its filters by entity, a group per kind.
#[derive(Serialize)]
struct SearchPage<'a> {
    #[serde(flatten)]
    base: PageBase<'a>,
    title: &'a str,
    filters: Vec<SearchFilterGroup<'a>>,
}

#[derive(Serialize)]
struct SearchFilterGroup<'a> {
    label: &'a str,
    entities: Vec<SearchFilter<'a>>,
}

/// An entity to search within: `key` is its site path without the slash.
#[derive(Serialize)]
struct SearchFilter<'a> {
    key: String,
    title: &'a str,
}

#[derive(Serialize)]
struct KindPage<'a> {
    #[serde(flatten)]
    base: PageBase<'a>,
    title: &'a str,
    kind: KindView<'a>,
    entities: Vec<EntityCard<'a>>,
}

impl Renderer<'_> {
    fn render(&self, job: PageId) -> Result<Page, Diagnostic> {
        let graph = self.views.graph;
        let path = page_path(graph, job);
        let file = urls::output_file(&path);
        if job == PageId::Graph {
            let config = self.views.config;
            let json = export::export_graph(graph, &config.book.title, config.site.url.as_deref());
            let html = String::from_utf8(json).expect("JSON is UTF-8");
            return Ok(Page { path, file, html });
        }
        let (template, context) = match job {
            PageId::Home => ("index.html".to_string(), self.home()),
            PageId::Articles => ("articles.html".to_string(), self.articles()),
            PageId::NotFound => ("404.html".to_string(), self.not_found()),
            PageId::Graph => unreachable!("rendered above"),
            PageId::SearchIndex => unreachable!("written by `search_index`"),
            PageId::Timeline => ("timeline.html".to_string(), timeline::context(self)),
            PageId::Search => ("search.html".to_string(), self.search()),
            PageId::Connections => ("connections.html".to_string(), map::context(self)),
            PageId::Article(id) => ("article.html".to_string(), self.article(id)),
            PageId::Kind(id) => (
                self.specific("kind", &graph.corpus.kind(id).name),
                self.kind(id),
            ),
            PageId::Entity(id) => {
                let kind = graph.corpus.kind(graph.entity(id).kind);
                (self.specific("entity", &kind.name), self.entity(id))
            }
        };
        let context = context
            .map_err(|e| Diagnostic::error(format!("cannot build the context of {path}: {e}")))?;
        let html = self
            .templates
            .render(&template, &context, &display_path(&path))?;
        Ok(Page { file, path, html })
    }

    /// `entity-speaker.html` when the site has it, else `entity.html`.
    fn specific(&self, generic: &str, kind: &str) -> String {
        let specific = format!("{generic}-{kind}.html");
        if self.templates.has(&specific) {
            specific
        } else {
            format!("{generic}.html")
        }
    }

    fn home(&self) -> tera::TeraResult<Context> {
        let graph = self.views.graph;
        let all: Vec<EntityId> = graph.by_kind.iter().flatten().copied().collect();
        Context::from_serialize(&Home {
            base: self.views.base(urls::HOME, String::new()),
            title: &self.views.config.book.title,
            latest: graph
                .by_date
                .iter()
                .take(LATEST_ON_HOME)
                .map(|id| self.views.article_card(*id, ""))
                .collect(),
            groups: self.views.groups(&all, ""),
        })
    }

    fn articles(&self) -> tera::TeraResult<Context> {
        let path = urls::articles_index();
        let to_root = urls::to_root(&path);
        let articles = self
            .views
            .graph
            .by_date
            .iter()
            .map(|id| self.views.article_card(*id, &to_root))
            .collect();
        Context::from_serialize(&ArticleList {
            base: self.views.base(&path, to_root),
            title: "Articles",
            articles,
        })
    }

    fn not_found(&self) -> tera::TeraResult<Context> {
        // Served at any depth, so links start from the site's base path.
        let root = urls::base_path(self.views.config.site.url.as_deref());
        let mut base = self.views.base("404.html", root);
        base.canonical = None;
        Context::from_serialize(&ArticleList {
            base,
            title: "Page not found",
            articles: Vec::new(),
        })
    }

    fn search(&self) -> tera::TeraResult<Context> {
        let graph = self.views.graph;
        let path = urls::SEARCH.to_string();
        let to_root = urls::to_root(&path);
        let filters = graph
            .by_kind
            .iter()
            .enumerate()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(k, ids)| {
                let kind = &graph.corpus.kinds[k];
                SearchFilterGroup {
                    label: &kind.plural,
                    entities: ids
                        .iter()
                        .map(|id| {
                            let entity = graph.entity(*id);
                            SearchFilter {
                                key: format!("{}/{}", kind.url, entity.slug),
                                title: &entity.front.title,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        Context::from_serialize(&SearchPage {
            base: self.views.base(&path, to_root),
            title: "Search",
            filters,
        })
    }

    fn article(&self, id: ArticleId) -> tera::TeraResult<Context> {
        article_page::context(self, id)
    }

    fn kind(&self, id: KindId) -> tera::TeraResult<Context> {
        let kind = self.views.graph.corpus.kind(id);
        let path = urls::kind_index(kind);
        let to_root = urls::to_root(&path);
        let entities = self.views.graph.by_kind[id.index()]
            .iter()
            .map(|e| self.views.entity_card(*e, &to_root))
            .collect();
        Context::from_serialize(&KindPage {
            kind: self.views.kind(id, &to_root),
            base: self.views.base(&path, to_root),
            title: &kind.plural,
            entities,
        })
    }

    fn entity(&self, id: EntityId) -> tera::TeraResult<Context> {
        entity_page::context(self, id)
    }
}

fn display_path(path: &str) -> String {
    format!("/{path}")
}
