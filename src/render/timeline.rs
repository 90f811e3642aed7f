//! The timeline: every dated entity (the resolutions, by the date they
//! were issued) and every dated article, oldest first, grouped by year.
//! Undated items have no place on it. A timeline that fits on one page is
//! one page; a longer one gets a page per year (split into pages of its
//! own when the year is long) under an index of the years.

use super::flat::serialize_flat;
use std::ops::Range;

use serde::Serialize;
use tera::Context;

use super::lists::{ListId, PageSpot, Paginator};
use super::{PageBase, Renderer};
use crate::content::{ArticleId, Date, EntityId};
use crate::link::Graph;
use crate::urls;

/// Something the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Article(ArticleId),
    Entity(EntityId),
}

/// The timeline's entries in order, with where each year's are.
pub struct TimelineIndex {
    entries: Vec<(Date, Entry)>,
    years: Vec<(u16, Range<usize>)>,
}

impl TimelineIndex {
    pub fn new(graph: &Graph) -> TimelineIndex {
        // Sorted by date, then entities before articles (on the same day,
        // what was issued comes before what was written about it), then
        // list order.
        let mut dated: Vec<(Date, bool, usize, Entry)> = Vec::new();
        for (order, id) in graph.by_date.iter().rev().enumerate() {
            if let Some(date) = graph.article(*id).front.date {
                dated.push((date, true, order, Entry::Article(*id)));
            }
        }
        for ids in &graph.by_kind {
            for (order, id) in ids.iter().enumerate() {
                if let Some(date) = graph.entity(*id).front.date {
                    dated.push((date, false, order, Entry::Entity(*id)));
                }
            }
        }
        dated.sort_by_key(|d| (d.0, d.1, d.2));
        let entries: Vec<(Date, Entry)> = dated.into_iter().map(|d| (d.0, d.3)).collect();
        let mut years: Vec<(u16, Range<usize>)> = Vec::new();
        for (at, (date, _)) in entries.iter().enumerate() {
            match years.last_mut() {
                Some((year, range)) if *year == date.year => range.end = at + 1,
                _ => years.push((date.year, at..at + 1)),
            }
        }
        TimelineIndex { entries, years }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The years that have entries, oldest first.
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.years.iter().map(|(year, _)| *year)
    }

    /// The entries of one year, oldest first.
    pub fn year(&self, year: u16) -> &[(Date, Entry)] {
        self.years
            .iter()
            .find(|(y, _)| *y == year)
            .map_or(&[], |(_, range)| &self.entries[range.clone()])
    }

    /// The year of an article on the timeline and its position in that year.
    pub fn position(&self, article: ArticleId) -> Option<(u16, usize)> {
        let at = self
            .entries
            .iter()
            .position(|(_, e)| *e == Entry::Article(article))?;
        let (year, range) = self.years.iter().find(|(_, r)| r.contains(&at))?;
        Some((*year, at - range.start))
    }
}

struct TimelinePage<'a> {
    base: PageBase<'a>,
    title: String,
    /// Whether the timeline has a page per year.
    by_year: bool,
    /// The year this page shows, on a year's page.
    current_year: Option<u16>,
    /// Every year, with how many items it has and where they are.
    year_index: Vec<YearLink>,
    /// The years shown on this page, with their items.
    years: Vec<Year>,
}
serialize_flat!(TimelinePage { base; title, by_year, current_year, year_index, years });

#[derive(Serialize)]
struct YearLink {
    year: u16,
    count: usize,
    url: String,
}

/// A year's entries, converted to a template value once: a year's page
/// shows them under `years` and as `paginator.items` too.
#[derive(Serialize)]
struct Year {
    year: u16,
    items: tera::Value,
}

/// One dated thing: an article or an entity.
#[derive(Serialize)]
struct Item<'a> {
    date: String,
    date_long: String,
    /// "Article", or the entity's kind ("Resolution").
    label: &'a str,
    /// Whether it is an entity (shown more prominently than articles).
    entity: bool,
    title: &'a str,
    url: String,
    outlet: Option<&'a str>,
}

impl<'a> Item<'a> {
    fn new(graph: &'a Graph, date: Date, entry: Entry, to_root: &str) -> Item<'a> {
        let (label, entity, title, path, outlet) = match entry {
            Entry::Article(id) => {
                let article = graph.article(id);
                (
                    "Article",
                    false,
                    article.front.title.as_str(),
                    urls::article(&article.slug),
                    article.front.outlet.as_deref(),
                )
            }
            Entry::Entity(id) => {
                let entity = graph.entity(id);
                let kind = graph.corpus.kind(entity.kind);
                (
                    kind.singular.as_str(),
                    true,
                    entity.front.title.as_str(),
                    urls::entity(kind, &entity.slug),
                    None,
                )
            }
        };
        Item {
            date: date.to_string(),
            date_long: date.long(),
            label,
            entity,
            title,
            url: format!("{to_root}{path}"),
            outlet,
        }
    }
}

/// The timeline's first page: the whole timeline, or the index of its years.
pub(super) fn context(renderer: &Renderer) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let lists = &renderer.lists;
    let timeline = &lists.timeline;
    let path = urls::TIMELINE.to_string();
    let to_root = urls::to_root(&path);
    let by_year = lists.timeline_by_year();
    let years = if by_year {
        Vec::new()
    } else {
        timeline
            .years()
            .map(|year| {
                let items = items(views.graph, timeline.year(year), &to_root)?;
                Ok(Year { year, items })
            })
            .collect::<tera::TeraResult<Vec<Year>>>()?
    };
    Context::from_serialize(&TimelinePage {
        year_index: year_index(renderer, &to_root, "#year-"),
        base: views.base(&path, to_root),
        title: "Timeline".to_string(),
        by_year,
        current_year: None,
        years,
    })
}

/// Page `number` of one year of a timeline split by year.
pub(super) fn year_context(
    renderer: &Renderer,
    year: u16,
    number: u32,
) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let lists = &renderer.lists;
    let list = lists.path(ListId::Year(year));
    let path = urls::list_page(&list, number);
    let to_root = urls::to_root(&path);
    let range = lists.items_of(ListId::Year(year), number);
    let entries = &lists.timeline.year(year)[range];
    let items = items(views.graph, entries, &to_root)?;
    let shown = vec![Year {
        year,
        items: items.clone(),
    }];
    let spot = PageSpot {
        list: &list,
        current: number,
        total_pages: lists.page_count(ListId::Year(year)),
        total_items: lists.len(ListId::Year(year)),
        per_page: lists.per_page,
    };
    let paginator = Paginator::new(spot, &to_root, items);
    let mut context = Context::from_serialize(&TimelinePage {
        year_index: year_index(renderer, &to_root, ""),
        base: views.base(&path, to_root),
        title: format!("Timeline: {year}"),
        by_year: true,
        current_year: Some(year),
        years: Vec::new(),
    })?;
    context.insert("paginator", &paginator);
    context.insert("years", &shown);
    Ok(context)
}

/// Every year with its count; each links to its page when the timeline is
/// split by year, else to `anchor` and the year on the page.
fn year_index(renderer: &Renderer, to_root: &str, anchor: &str) -> Vec<YearLink> {
    let lists = &renderer.lists;
    let by_year = lists.timeline_by_year();
    lists
        .timeline
        .years()
        .map(|year| YearLink {
            year,
            count: lists.timeline.year(year).len(),
            url: if by_year {
                format!("{to_root}{}", urls::timeline_year(year))
            } else {
                format!("{anchor}{year}")
            },
        })
        .collect()
}

/// The entries as a template value.
fn items(graph: &Graph, entries: &[(Date, Entry)], to_root: &str) -> tera::TeraResult<tera::Value> {
    let items: Vec<Item> = entries
        .iter()
        .map(|(date, entry)| Item::new(graph, *date, *entry, to_root))
        .collect();
    tera::Value::try_from_serializable(&items)
}
