//! The site as `serve` keeps it: built in memory, and updated from the files
//! that changed with as little work as the change allows. An edited article
//! re-renders its page, the pages of the entities it touches (before and
//! after the edit), its neighbours by date and the lists; a template change
//! re-renders the pages that use it; `book.toml`, entities and added or
//! removed files rebuild everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::build::{LoadedSite, load_site};
use crate::config::Config;
use crate::content::{ARTICLES_FOLDER, Article, ArticleId, KindId, parse_article, read_text};
use crate::error::{Error, Result};
use crate::link::{Graph, relink};
use crate::publish::{publish_files, redirects, taken_files};
use crate::render::{PageId, Templates, all_pages, render_pages};
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
            &all_pages(&site.graph),
        )?;
        let html_pages: Vec<String> = pages
            .iter()
            .filter(|p| p.file.extension().is_some_and(|e| e == "html"))
            .map(|p| p.path.clone())
            .collect();
        let statics = static_files(
            &site.config.static_dir(),
            &site.config.root,
            &mut Vec::new(),
        )?;
        let taken = taken_files(
            &site.graph,
            pages.iter().map(|page| page.file.clone()),
            &statics,
        );
        let redirects = redirects(&site.graph, &taken).map_err(Error::Invalid)?;
        // Feeds, sitemap and redirects as a build writes them (made again on full rebuilds).
        let (published, _) =
            publish_files(&site.graph, &site.config, &html_pages, &redirects, None)?;
        let mut files: Files = to_files(published)?;
        files.extend(
            pages
                .into_iter()
                .map(|page| (file_key(&page.file), Arc::new(page.html.into_bytes()))),
        );
        let mut live = LiveSite {
            root,
            site,
            files: Arc::new(RwLock::new(files)),
            static_keys: BTreeSet::new(),
            graph_stale: false,
        };
        live.refresh_statics()?;
        Ok(live)
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
        let pages = all_pages(&fresh.site.graph).len();
        let files = std::mem::take(&mut *fresh.files.write().expect("files lock"));
        *self.files.write().expect("files lock") = files;
        self.site = fresh.site;
        self.static_keys = fresh.static_keys;
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
        let pages = pages_using(&self.site.graph, names);
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
        let mut pages = touched_pages(&self.site.graph, &edits);
        let listing = relink(&mut self.site.graph, edits)?;
        pages.extend(touched_pages(&self.site.graph, &previous));
        pages.extend(listing.into_iter().map(PageId::Article));
        let pages: Vec<PageId> = pages.into_iter().collect();
        let site = &self.site;
        render_into(
            &self.files,
            &site.graph,
            &site.config,
            &site.templates,
            &pages,
        )?;
        self.graph_stale = true;
        Ok(Update {
            pages: pages.len(),
            full: false,
        })
    }

    /// Rewrites `graph.json` and the search index if an update left them
    /// behind; slow on large sites, so the server calls it after the tabs
    /// have reloaded.
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

/// The pages an edit shows up on, in `graph`, where each edit pairs an
/// article id with the other version of that article: the article's own
/// page and the pages of its entities always (they quote its text); its
/// neighbours by date and the lists when what lists show of it changed;
/// the kind indexes when its entities changed (their counts).
fn touched_pages(graph: &Graph, edits: &[(ArticleId, Article)]) -> BTreeSet<PageId> {
    let mut pages = BTreeSet::new();
    for (id, other) in edits {
        let article = graph.article(*id);
        pages.insert(PageId::Article(*id));
        // Declared, bylined and found in the text alike: their pages show
        // its passages and quotes.
        let links = &graph.articles[id.index()];
        pages.extend(links.relations.iter().map(|r| PageId::Entity(r.entity)));
        pages.insert(PageId::Connections);
        let (a, b) = (&article.front, &other.front);
        let listed_differently = a.title != b.title
            || a.date != b.date
            || a.summary != b.summary
            || a.outlet != b.outlet
            || a.kind != b.kind;
        if listed_differently {
            pages.extend([PageId::Home, PageId::Articles, PageId::Timeline]);
            if let Some(position) = graph.by_date.iter().position(|x| x == id) {
                let around =
                    position.saturating_sub(1)..=(position + 1).min(graph.by_date.len() - 1);
                pages.extend(graph.by_date[around].iter().map(|x| PageId::Article(*x)));
            }
        }
        if article.references != other.references || article.authors != other.authors {
            pages.insert(PageId::Home);
            pages.extend((0..graph.corpus.kinds.len()).map(|k| PageId::Kind(KindId(k as u16))));
        }
    }
    pages
}

/// The pages rendered with any of the templates `names` (every page when a
/// shared template such as `base.html` or a partial changed).
fn pages_using(graph: &Graph, names: &BTreeSet<String>) -> Vec<PageId> {
    let all = all_pages(graph);
    let kind_name = |kind: KindId| graph.corpus.kind(kind).name.as_str();
    let uses = |page: &PageId, name: &str| match page {
        PageId::Home => name == "index.html",
        PageId::Articles => name == "articles.html",
        PageId::NotFound => name == "404.html",
        PageId::Graph | PageId::SearchIndex => false,
        PageId::Timeline => name == "timeline.html",
        PageId::Search => name == "search.html",
        PageId::Connections => name == "connections.html",
        PageId::Article(_) => name == "article.html",
        PageId::Kind(k) => name == "kind.html" || name == format!("kind-{}.html", kind_name(*k)),
        PageId::Entity(e) => {
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
