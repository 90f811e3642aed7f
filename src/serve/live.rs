//! The site as `serve` keeps it: built in memory, and updated from the files
//! that changed with as little work as the change allows. An edited article
//! re-renders its page, the pages of the entities it touches (before and
//! after the edit), its neighbours by date and the pages of the lists that
//! show it — from where it was to where it is, as the items between shift
//! from page to page — adding and dropping pages as lists grow and shrink;
//! a template change
//! re-renders the pages that use it; `book.toml`, entities and added or
//! removed files rebuild everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::build::{LoadedSite, load_site, page_outputs, site_redirects};
use crate::config::Config;
use crate::content::{ARTICLES_FOLDER, Article, ArticleId, KindId, parse_article, read_text};
use crate::error::{Error, Result};
use crate::link::{Graph, relink};
use crate::publish::publish_files;
use crate::render::{ListId, Lists, PageId, Templates, all_pages, page_file, render_pages};
use crate::write::{Contents, OutputFile, static_files};

/// The output files by path relative to the site root (`articles/x/index.html`).
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// The output files as the server reads them while the site updates them.
pub type SharedFiles = Arc<RwLock<Files>>;

/// What one update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// How many pages were rendered.
    pub pages: usize,
    /// Whether everything was rebuilt.
    pub full: bool,
}

/// A site built in memory.
pub struct LiveSite {
    root: PathBuf,
    site: LoadedSite,
    files: SharedFiles,
    /// Which of `files` come from static assets rather than pages.
    static_keys: BTreeSet<String>,
    /// Which of `files` are publishing files (redirects, sitemap, feeds).
    published_keys: BTreeSet<String>,
    /// Whether `graph.json` lags behind the last incremental update.
    graph_stale: bool,
}

impl LiveSite {
    /// Builds the site at `root` in memory.
    pub fn load(root: &Path) -> Result<LiveSite> {
        // Absolute, so that the watcher's paths compare with the site's.
        let root = std::path::absolute(root).map_err(|cause| Error::Io {
            action: "resolve",
            path: root.to_path_buf(),
            cause,
        })?;
        let site = load_site(Config::load(&root)?)?;
        let pages = render_pages(
            &site.graph,
            &site.config,
            &site.templates,
            &all_pages(&site.graph, site.config.pagination.per_page),
        )?;
        let files: Files = pages
            .into_iter()
            .map(|page| (file_key(&page.file), Arc::new(page.html.into_bytes())))
            .collect();
        let mut live = LiveSite {
            root,
            site,
            files: Arc::new(RwLock::new(files)),
            static_keys: BTreeSet::new(),
            published_keys: BTreeSet::new(),
            graph_stale: false,
        };
        live.refresh_published()?;
        live.refresh_statics()?;
        Ok(live)
    }

    /// Makes the feeds, the sitemap and the redirects again, as a build
    /// writes them; pages keep precedence.
    fn refresh_published(&mut self) -> Result<()> {
        let site = &self.site;
        let jobs = all_pages(&site.graph, site.config.pagination.per_page);
        let (page_files, html_pages) = page_outputs(&site.graph, &jobs);
        let statics = static_files(
            &site.config.static_dir(),
            &site.config.root,
            &mut Vec::new(),
        )?;
        let redirects = site_redirects(site, &page_files, &statics)?;
        let (published, _) =
            publish_files(&site.graph, &site.config, &html_pages, &redirects, None)?;
        let published = to_files(published)?;
        let mut files = self.files.write().expect("files lock");
        for key in std::mem::take(&mut self.published_keys) {
            files.remove(&key);
        }
        for (key, bytes) in published {
            if let std::collections::btree_map::Entry::Vacant(slot) = files.entry(key) {
                self.published_keys.insert(slot.key().clone());
                slot.insert(bytes);
            }
        }
        Ok(())
    }

    pub fn config(&self) -> &Config {
        &self.site.config
    }

    /// The output files, kept up to date by [`LiveSite::apply`].
    pub fn files(&self) -> SharedFiles {
        Arc::clone(&self.files)
    }

    /// Brings the site up to date with the files in `changed`. On error the
    /// previous output stays as it was.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Update> {
        match self.classify(changed) {
            Change::Everything => self.reload(),
            Change::Statics => self.refresh_statics().map(|()| Update {
                pages: 0,
                full: false,
            }),
            Change::Templates(names) => self.rerender_templates(&names),
            Change::Articles(paths) => self.update_articles(&paths),
        }
    }

    fn reload(&mut self) -> Result<Update> {
        let fresh = LiveSite::load(&self.root)?;
        let pages = all_pages(&fresh.site.graph, fresh.site.config.pagination.per_page).len();
        let files = std::mem::take(&mut *fresh.files.write().expect("files lock"));
        *self.files.write().expect("files lock") = files;
        self.site = fresh.site;
        self.static_keys = fresh.static_keys;
        self.published_keys = fresh.published_keys;
        Ok(Update { pages, full: true })
    }

    fn classify(&self, changed: &[PathBuf]) -> Change {
        let config = &self.site.config;
        let (content, templates, statics) = (
            config.content_dir(),
            config.templates_dir(),
            config.static_dir(),
        );
        let articles = content.join(ARTICLES_FOLDER);
        let mut change = Change::Statics;
        for path in changed {
            let markdown = path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown");
            let next = if path.starts_with(&content) && !markdown && !path.is_dir() {
                // Editors' temporary files; anything else is not content.
                Change::Statics
            } else if path.starts_with(&statics) {
                Change::Statics
            } else if let Ok(name) = path.strip_prefix(&templates) {
                Change::Templates(BTreeSet::from([name.to_string_lossy().replace('\\', "/")]))
            } else if path.starts_with(&articles)
                && path.is_file()
                && self
                    .site
                    .graph
                    .corpus
                    .articles
                    .iter()
                    .any(|a| a.path == *path)
            {
                Change::Articles(BTreeSet::from([path.clone()]))
            } else {
                // book.toml, entities, and articles added or removed.
                Change::Everything
            };
            change = change.merge(next);
        }
        change
    }

    /// Reloads the static files; pages keep precedence, as `check_collisions`
    /// makes a build refuse a static file that would overwrite one.
    fn refresh_statics(&mut self) -> Result<()> {
        let statics = to_files(static_files(
            &self.site.config.static_dir(),
            &self.site.config.root,
            &mut Vec::new(),
        )?)?;
        let mut files = self.files.write().expect("files lock");
        for key in std::mem::take(&mut self.static_keys) {
            files.remove(&key);
        }
        for (key, bytes) in statics {
            if let std::collections::btree_map::Entry::Vacant(slot) = files.entry(key) {
                self.static_keys.insert(slot.key().clone());
                slot.insert(bytes);
            }
        }
        Ok(())
    }

    fn rerender_templates(&mut self, names: &BTreeSet<String>) -> Result<Update> {
        let templates = Templates::load(&self.site.config.templates_dir(), &self.site.config.root)?;
        let pages = pages_using(
            &self.site.graph,
            self.site.config.pagination.per_page,
            names,
        );
        render_into(
            &self.files,
            &self.site.graph,
            &self.site.config,
            &templates,
            &pages,
        )?;
        self.site.templates = templates;
        Ok(Update {
            pages: pages.len(),
            full: false,
        })
    }

    fn update_articles(&mut self, paths: &BTreeSet<PathBuf>) -> Result<Update> {
        let corpus = &self.site.graph.corpus;
        let mut edits = Vec::new();
        let mut previous = Vec::new();
        for path in paths {
            let id = corpus
                .articles
                .iter()
                .position(|a| a.path == *path)
                .expect("classified as known");
            let article =
                parse_article(path, &read_text(path)?, &corpus.kinds).map_err(Error::Invalid)?;
            if article.slug != corpus.articles[id].slug {
                // Its page moves: the old one must go.
                return self.reload();
            }
            previous.push((ArticleId(id as u32), corpus.articles[id].clone()));
            edits.push((ArticleId(id as u32), article));
        }
        let per_page = self.site.config.pagination.per_page;
        let before = Listing::of(&self.site.graph, per_page, &edits);
        let mut pages = touched_pages(&self.site.graph, per_page, &edits);
        let listing = relink(&mut self.site.graph, edits)?;
        let graph = &self.site.graph;
        pages.extend(touched_pages(graph, per_page, &previous));
        pages.extend(listing.into_iter().map(PageId::Article));
        let after = Listing::of(graph, per_page, &previous);
        pages.extend(after.shifted_pages(&before, &Lists::new(graph, per_page)));
        let added: Vec<PageId> = after.pages.difference(&before.pages).copied().collect();
        let dropped: Vec<PageId> = before.pages.difference(&after.pages).copied().collect();
        pages.extend(added.iter().copied());
        pages.retain(|page| after.pages.contains(page));
        let pages: Vec<PageId> = pages.into_iter().collect();
        let site = &self.site;
        render_into(
            &self.files,
            &site.graph,
            &site.config,
            &site.templates,
            &pages,
        )?;
        if !added.is_empty() || !dropped.is_empty() {
            // Redirects from `page/1/`, the sitemap and the manifest list pages.
            {
                let mut files = self.files.write().expect("files lock");
                for page in &dropped {
                    files.remove(&file_key(&page_file(&self.site.graph, *page)));
                }
            }
            self.refresh_published()?;
        }
        self.graph_stale = true;
        Ok(Update {
            pages: pages.len(),
            full: false,
        })
    }

    /// Rewrites `graph.json` and the search index if an update left them
    /// behind; slow on large sites, so the server calls it when one of them
    /// is asked for, rather than on every edit.
    pub fn refresh_graph_export(&mut self) -> Result<()> {
        if std::mem::take(&mut self.graph_stale) {
            let site = &self.site;
            render_into(
                &self.files,
                &site.graph,
                &site.config,
                &site.templates,
                &[PageId::Graph, PageId::SearchIndex],
            )?;
        }
        Ok(())
    }
}

/// Renders `pages` into `files`; on error `files` is left as it was.
fn render_into(
    files: &SharedFiles,
    graph: &Graph,
    config: &Config,
    templates: &Templates,
    pages: &[PageId],
) -> Result<()> {
    let rendered = render_pages(graph, config, templates, pages)?;
    let mut files = files.write().expect("files lock");
    if pages.contains(&PageId::SearchIndex) {
        // The index's files are named by their terms: drop the old set.
        files.retain(|key, _| !key.starts_with(crate::render::search::DIR));
    }
    for page in rendered {
        files.insert(file_key(&page.file), Arc::new(page.html.into_bytes()));
    }
    Ok(())
}

/// What a batch of changed files requires, from least to most work.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    Statics,
    Templates(BTreeSet<String>),
    Articles(BTreeSet<PathBuf>),
    Everything,
}

impl Change {
    fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Everything, _) | (_, Change::Everything) => Change::Everything,
            (Change::Templates(_), Change::Articles(_))
            | (Change::Articles(_), Change::Templates(_)) => Change::Everything,
            (Change::Templates(mut a), Change::Templates(b)) => {
                a.extend(b);
                Change::Templates(a)
            }
            (Change::Articles(mut a), Change::Articles(b)) => {
                a.extend(b);
                Change::Articles(a)
            }
            (Change::Statics, other) | (other, Change::Statics) => other,
        }
    }
}

/// Where the edited articles are listed in one version of the graph, and
/// which pages that version has.
struct Listing {
    /// Each list that shows an edited article, with its length and the
    /// article's positions there; the articles index and the timeline only
    /// for articles whose listing changed (their place, title or summary).
    positions: BTreeMap<ListId, (usize, Vec<usize>)>,
    /// The years of the timeline, which every year's page links to.
    years: Vec<u16>,
    pages: BTreeSet<PageId>,
}

impl Listing {
    fn of(graph: &Graph, per_page: usize, edits: &[(ArticleId, Article)]) -> Listing {
        let lists = Lists::new(graph, per_page);
        let mut positions: BTreeMap<ListId, (usize, Vec<usize>)> = BTreeMap::new();
        for (id, other) in edits {
            let relisted = listed_differently(graph.article(*id), other);
            for (list, at) in lists.positions_of(*id) {
                if relisted || matches!(list, ListId::Entity(_)) {
                    let entry = positions
                        .entry(list)
                        .or_insert((lists.len(list), Vec::new()));
                    entry.1.push(at);
                }
            }
        }
        Listing {
            positions,
            years: lists.timeline.years().collect(),
            pages: all_pages(graph, per_page).into_iter().collect(),
        }
    }

    /// The pages of `lists` (this version's) whose items changed since
    /// `before`. A list whose length changed shows it on every page (and
    /// its pager may have gained or lost a page): all of them. Otherwise
    /// the pages from the first place an edited article left or took to
    /// the last, as the items between shift by one.
    fn shifted_pages(&self, before: &Listing, lists: &Lists) -> BTreeSet<PageId> {
        let mut pages = BTreeSet::new();
        let mut changed: BTreeSet<ListId> = self
            .positions
            .keys()
            .chain(before.positions.keys())
            .copied()
            .collect();
        if self.years != before.years {
            changed.extend(self.years.iter().map(|year| ListId::Year(*year)));
        }
        let page_at = |at: usize| {
            u32::try_from(at / lists.per_page).map_or(u32::MAX, |n| n.saturating_add(1))
        };
        for list in changed {
            let count = lists.page_count(list);
            let (old, new) = (before.positions.get(&list), self.positions.get(&list));
            let (from, to) = match (old, new) {
                (Some((old_len, old_at)), Some((new_len, new_at))) if old_len == new_len => {
                    let all = || old_at.iter().chain(new_at).copied();
                    (
                        page_at(all().min().unwrap_or(0)),
                        page_at(all().max().unwrap_or(0)),
                    )
                }
                _ => (1, count),
            };
            if let ListId::Year(_) = list {
                pages.insert(PageId::Timeline);
                if !lists.timeline_by_year() {
                    continue;
                }
            }
            pages.extend((from..=to.min(count)).map(|n| crate::render::lists::page_of(list, n)));
        }
        pages
    }
}

/// Whether what lists show of an article differs between two versions.
fn listed_differently(article: &Article, other: &Article) -> bool {
    let (a, b) = (&article.front, &other.front);
    a.title != b.title
        || a.date != b.date
        || a.summary != b.summary
        || a.outlet != b.outlet
        || a.kind != b.kind
}

/// The pages an edit shows up on, in `graph`, where each edit pairs an
/// article id with the other version of that article, besides the pages
/// of the lists that show it ([`Listing`]): the article's own page always;
/// its neighbours by date and the home page when what lists show of it
/// changed; the kind indexes when its entities changed (their counts).
fn touched_pages(
    graph: &Graph,
    per_page: usize,
    edits: &[(ArticleId, Article)],
) -> BTreeSet<PageId> {
    let mut pages = BTreeSet::new();
    for (id, other) in edits {
        let article = graph.article(*id);
        pages.insert(PageId::Article(*id));
        pages.insert(PageId::Connections);
        if listed_differently(article, other) {
            pages.insert(PageId::Home);
            if let Some(position) = graph.by_date.iter().position(|x| x == id) {
                let around =
                    position.saturating_sub(1)..=(position + 1).min(graph.by_date.len() - 1);
                pages.extend(graph.by_date[around].iter().map(|x| PageId::Article(*x)));
            }
        }
        if article.references != other.references || article.authors != other.authors {
            pages.insert(PageId::Home);
            let lists = Lists::new(graph, per_page);
            for kind in (0..graph.corpus.kinds.len()).map(|k| ListId::Kind(KindId(k as u16))) {
                let count = lists.page_count(kind);
                pages.extend((1..=count).map(|n| crate::render::lists::page_of(kind, n)));
            }
        }
    }
    pages
}

/// The pages rendered with any of the templates `names` (every page when a
/// shared template such as `base.html` or a partial changed).
fn pages_using(graph: &Graph, per_page: usize, names: &BTreeSet<String>) -> Vec<PageId> {
    let all = all_pages(graph, per_page);
    let kind_name = |kind: KindId| graph.corpus.kind(kind).name.as_str();
    let uses = |page: &PageId, name: &str| match page {
        PageId::Home => name == "index.html",
        PageId::Articles(_) => name == "articles.html",
        PageId::NotFound => name == "404.html",
        PageId::Graph | PageId::SearchIndex => false,
        PageId::Timeline | PageId::TimelineYear(..) => name == "timeline.html",
        PageId::Search => name == "search.html",
        PageId::Connections => name == "connections.html",
        PageId::Article(_) => name == "article.html",
        PageId::Kind(k, _) => name == "kind.html" || name == format!("kind-{}.html", kind_name(*k)),
        PageId::Entity(e, _) => {
            let kind = graph.entity(*e).kind;
            name == "entity.html" || name == format!("entity-{}.html", kind_name(kind))
        }
    };
    let page_templates = [
        "index.html",
        "articles.html",
        "404.html",
        "article.html",
        "timeline.html",
        "search.html",
        "connections.html",
    ];
    let specific = |name: &str| {
        page_templates.contains(&name) || name.starts_with("kind") || name.starts_with("entity")
    };
    if names.iter().any(|name| !specific(name)) {
        return all;
    }
    all.into_iter()
        .filter(|page| names.iter().any(|name| uses(page, name)))
        .collect()
}

fn file_key(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn to_files(files: Vec<OutputFile>) -> Result<Files> {
    let mut map = Files::new();
    for file in files {
        let bytes = match file.contents {
            Contents::Bytes(bytes) => bytes,
            Contents::Static(bytes) => bytes.to_vec(),
            Contents::Copy(source) => std::fs::read(&source).map_err(|cause| Error::Io {
                action: "read",
                path: source.clone(),
                cause,
            })?,
        };
        map.insert(file_key(&file.path), Arc::new(bytes));
    }
    Ok(map)
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
