//! The render stage: turns a [`Graph`] into pages. Renders Markdown bodies,
//! builds each page's template context and runs the Tera templates, in
//! parallel over pages; every template error is reported once.

mod article_page;
mod chart;
mod context;
mod entity_page;
pub mod export;
mod flat;
pub mod lists;
mod map;
pub mod markdown;
pub mod search;
pub mod templates;
mod timeline;

use flat::serialize_flat;
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
    ArticleCard, ArticleTexts, EntityCard, EntityGroup, Field, KindView, LinkView, PageBase, Views,
};
pub use lists::{ListId, Lists, PagerLink, Paginator};
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

/// A page of the site, before rendering. Pages of lists carry their
/// number, from 1 (see [`lists`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Home,
    Articles(u32),
    Article(ArticleId),
    Kind(KindId, u32),
    Entity(EntityId, u32),
    NotFound,
    /// The knowledge graph as JSON.
    Graph,
    /// Articles and dated entities in date order, or the index of its
    /// years when it has a page per year.
    Timeline,
    /// A page of one year of the timeline.
    TimelineYear(u16, u32),
    /// The search page.
    Search,
    /// The search index: many files under `searchindex/`, the page's path
    /// being its `meta.json`.
    SearchIndex,
    /// The map of how entities connect.
    Connections,
}

/// Every page of the site, lists split `per_page` items a page.
pub fn all_pages(graph: &Graph, per_page: usize) -> Vec<PageId> {
    let mut pages = vec![
        PageId::Home,
        PageId::NotFound,
        PageId::Graph,
        PageId::Timeline,
        PageId::Search,
        PageId::SearchIndex,
        PageId::Connections,
    ];
    pages.extend(graph.corpus.article_ids().map(PageId::Article));
    pages.extend(Lists::new(graph, per_page).pages());
    pages
}

/// Renders every page of the site.
pub fn render_site(graph: &Graph, config: &Config, templates: &Templates) -> Result<Vec<Page>> {
    let pages = all_pages(graph, config.pagination.per_page);
    render_pages(graph, config, templates, &pages)
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
    let article_texts: Vec<ArticleTexts> = graph
        .corpus
        .articles
        .par_iter()
        .map(ArticleTexts::of)
        .collect();
    let views = Views {
        graph,
        config,
        summaries: &summaries,
        article_texts: &article_texts,
    };
    let renderer = Renderer {
        views,
        lists: Lists::new(graph, config.pagination.per_page),
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
        PageId::Articles(n) => urls::list_page(&urls::articles_index(), n),
        PageId::NotFound => "404.html".to_string(),
        PageId::Graph => urls::GRAPH.to_string(),
        PageId::Timeline => urls::TIMELINE.to_string(),
        PageId::TimelineYear(year, n) => urls::list_page(&urls::timeline_year(year), n),
        PageId::Search => urls::SEARCH.to_string(),
        PageId::SearchIndex => urls::SEARCH_INDEX.to_string(),
        PageId::Connections => urls::CONNECTIONS.to_string(),
        PageId::Article(id) => urls::article(&graph.article(id).slug),
        PageId::Kind(id, n) => urls::list_page(&urls::kind_index(graph.corpus.kind(id)), n),
        PageId::Entity(id, n) => {
            let entity = graph.entity(id);
            urls::list_page(
                &urls::entity(graph.corpus.kind(entity.kind), &entity.slug),
                n,
            )
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
    lists: Lists<'a>,
    templates: &'a Templates,
    markdown: MarkdownOptions,
}

struct Home<'a> {
    base: PageBase<'a>,
    title: &'a str,
    latest: Vec<ArticleCard<'a>>,
    groups: Vec<EntityGroup<'a>>,
}
serialize_flat!(Home { base; title, latest, groups });

struct ArticleList<'a> {
    base: PageBase<'a>,
    title: &'a str,
    /// The articles on this page (the same as `paginator.items`).
    articles: tera::Value,
    paginator: Option<Paginator>,
}
serialize_flat!(ArticleList { base; title, articles, paginator });

/// The search page: its filters by entity, a group per kind.
struct SearchPage<'a> {
    base: PageBase<'a>,
    title: &'a str,
    filters: Vec<SearchFilterGroup<'a>>,
}
serialize_flat!(SearchPage { base; title, filters });

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

struct KindPage<'a> {
    base: PageBase<'a>,
    title: &'a str,
    kind: KindView<'a>,
    /// The entities on this page (the same as `paginator.items`).
    entities: tera::Value,
    paginator: Paginator,
}
serialize_flat!(KindPage { base; title, kind, entities, paginator });

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
            PageId::Articles(n) => ("articles.html".to_string(), self.articles(n)),
            PageId::NotFound => ("404.html".to_string(), self.not_found()),
            PageId::Graph => unreachable!("rendered above"),
            PageId::SearchIndex => unreachable!("written by `search_index`"),
            PageId::Timeline => ("timeline.html".to_string(), timeline::context(self)),
            PageId::TimelineYear(year, n) => (
                "timeline.html".to_string(),
                timeline::year_context(self, year, n),
            ),
            PageId::Search => ("search.html".to_string(), self.search()),
            PageId::Connections => ("connections.html".to_string(), map::context(self)),
            PageId::Article(id) => ("article.html".to_string(), self.article(id)),
            PageId::Kind(id, n) => (
                self.specific("kind", &graph.corpus.kind(id).name),
                self.kind(id, n),
            ),
            PageId::Entity(id, n) => {
                let kind = graph.corpus.kind(graph.entity(id).kind);
                (self.specific("entity", &kind.name), self.entity(id, n))
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

    /// Where page `number` of `list` is, for its paginator.
    fn spot<'p>(&self, list: ListId, path: &'p str, number: u32) -> lists::PageSpot<'p> {
        lists::PageSpot {
            list: path,
            current: number,
            total_pages: self.lists.page_count(list),
            total_items: self.lists.len(list),
            per_page: self.lists.per_page,
        }
    }

    fn articles(&self, number: u32) -> tera::TeraResult<Context> {
        let list = urls::articles_index();
        let path = urls::list_page(&list, number);
        let to_root = urls::to_root(&path);
        let range = self.lists.items_of(ListId::Articles, number);
        let articles: Vec<ArticleCard> = self.views.graph.by_date[range]
            .iter()
            .map(|id| self.views.article_card(*id, &to_root))
            .collect();
        let spot = self.spot(ListId::Articles, &list, number);
        let articles = tera::Value::try_from_serializable(&articles)?;
        Context::from_serialize(&ArticleList {
            paginator: Some(Paginator::new(spot, &to_root, articles.clone())),
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
            articles: tera::Value::from(Vec::<u8>::new()),
            paginator: None,
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

    fn kind(&self, id: KindId, number: u32) -> tera::TeraResult<Context> {
        let kind = self.views.graph.corpus.kind(id);
        let list = urls::kind_index(kind);
        let path = urls::list_page(&list, number);
        let to_root = urls::to_root(&path);
        let range = self.lists.items_of(ListId::Kind(id), number);
        let entities: Vec<EntityCard> = self.views.graph.by_kind[id.index()][range]
            .iter()
            .map(|e| self.views.entity_card(*e, &to_root))
            .collect();
        let spot = self.spot(ListId::Kind(id), &list, number);
        let entities = tera::Value::try_from_serializable(&entities)?;
        Context::from_serialize(&KindPage {
            paginator: Paginator::new(spot, &to_root, entities.clone()),
            kind: self.views.kind(id, &to_root),
            base: self.views.base(&path, to_root),
            title: &kind.plural,
            entities,
        })
    }

    fn entity(&self, id: EntityId, number: u32) -> tera::TeraResult<Context> {
        entity_page::context(self, id, number)
    }
}

fn display_path(path: &str) -> String {
    format!("/{path}")
}
