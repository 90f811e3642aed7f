//! The lists of the site that grow with the corpus — the articles index,
//! each kind's index, each entity's articles and each year of the timeline
//! — and how they are split into pages: how many pages each has, which
//! items a page shows, and the paginator its template gets.

use std::ops::Range;

use serde::Serialize;

use super::PageId;
use super::timeline::TimelineIndex;
use crate::content::{ArticleId, EntityId, KindId};
use crate::link::Graph;
use crate::urls;

/// A list that is split into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListId {
    /// Every article, newest first.
    Articles,
    /// The entities of a kind.
    Kind(KindId),
    /// The articles of an entity, newest first.
    Entity(EntityId),
    /// The dated articles and entities of one year, oldest first.
    Year(u16),
}

/// The lists of one graph, split `per_page` items a page.
pub struct Lists<'a> {
    pub graph: &'a Graph,
    pub per_page: usize,
    pub timeline: TimelineIndex,
}

impl<'a> Lists<'a> {
    pub fn new(graph: &'a Graph, per_page: usize) -> Lists<'a> {
        Lists {
            graph,
            per_page: per_page.max(1),
            timeline: TimelineIndex::new(graph),
        }
    }

    /// Whether the timeline has a page per year (else one page holds it all).
    pub fn timeline_by_year(&self) -> bool {
        self.timeline.len() > self.per_page
    }

    /// How many items a list holds.
    pub fn len(&self, list: ListId) -> usize {
        match list {
            ListId::Articles => self.graph.by_date.len(),
            ListId::Kind(kind) => self.graph.by_kind[kind.index()].len(),
            ListId::Entity(entity) => self.graph.entities[entity.index()].articles.len(),
            ListId::Year(year) => self.timeline.year(year).len(),
        }
    }

    /// How many pages a list has: at least one, even when it is empty.
    pub fn page_count(&self, list: ListId) -> u32 {
        page_count(self.len(list), self.per_page)
    }

    /// The positions in the list of the items page `number` shows.
    pub fn items_of(&self, list: ListId, number: u32) -> Range<usize> {
        page_range(self.len(list), self.per_page, number)
    }

    /// Every list of the site, in a fixed order.
    pub fn all(&self) -> Vec<ListId> {
        let mut lists = vec![ListId::Articles];
        lists.extend((0..self.graph.corpus.kinds.len()).map(|k| ListId::Kind(KindId(k as u16))));
        lists.extend(self.graph.corpus.entity_ids().map(ListId::Entity));
        if self.timeline_by_year() {
            lists.extend(self.timeline.years().map(ListId::Year));
        }
        lists
    }

    /// Every page of every list.
    pub fn pages(&self) -> Vec<PageId> {
        self.all()
            .into_iter()
            .flat_map(|list| (1..=self.page_count(list)).map(move |n| page_of(list, n)))
            .collect()
    }

    /// The site path of a list's first page.
    pub fn path(&self, list: ListId) -> String {
        list_path(self.graph, list)
    }

    /// The site path and title of every list that has more than one page.
    pub fn paginated(&self) -> Vec<(String, String)> {
        self.all()
            .into_iter()
            .filter(|list| self.page_count(*list) > 1)
            .map(|list| (self.path(list), self.title(list)))
            .collect()
    }

    /// What a list is called.
    pub fn title(&self, list: ListId) -> String {
        let graph = self.graph;
        match list {
            ListId::Articles => "Articles".to_string(),
            ListId::Kind(kind) => graph.corpus.kind(kind).plural.clone(),
            ListId::Entity(entity) => graph.entity(entity).front.title.clone(),
            ListId::Year(year) => format!("Timeline: {year}"),
        }
    }

    /// The lists that show `article`, each with its position in the list.
    pub fn positions_of(&self, article: ArticleId) -> Vec<(ListId, usize)> {
        let graph = self.graph;
        let mut found = Vec::new();
        let position = |list: &[ArticleId]| list.iter().position(|a| *a == article);
        if let Some(at) = position(&graph.by_date) {
            found.push((ListId::Articles, at));
        }
        for relation in &graph.articles[article.index()].relations {
            let entity = relation.entity;
            if let Some(at) = position(&graph.entities[entity.index()].articles) {
                found.push((ListId::Entity(entity), at));
            }
        }
        if let Some((year, at)) = self.timeline.position(article) {
            found.push((ListId::Year(year), at));
        }
        found
    }
}

/// The page of a list with the given number (from 1).
pub fn page_of(list: ListId, number: u32) -> PageId {
    match list {
        ListId::Articles => PageId::Articles(number),
        ListId::Kind(kind) => PageId::Kind(kind, number),
        ListId::Entity(entity) => PageId::Entity(entity, number),
        ListId::Year(year) => PageId::TimelineYear(year, number),
    }
}

/// The site path of a list's first page.
pub fn list_path(graph: &Graph, list: ListId) -> String {
    match list {
        ListId::Articles => urls::articles_index(),
        ListId::Kind(kind) => urls::kind_index(graph.corpus.kind(kind)),
        ListId::Entity(id) => {
            let entity = graph.entity(id);
            urls::entity(graph.corpus.kind(entity.kind), &entity.slug)
        }
        ListId::Year(year) => urls::timeline_year(year),
    }
}

/// How many pages `len` items fill, `per_page` a page: at least one.
pub fn page_count(len: usize, per_page: usize) -> u32 {
    len.div_ceil(per_page.max(1)).max(1) as u32
}

/// The positions of the items on page `number` (from 1).
pub fn page_range(len: usize, per_page: usize, number: u32) -> Range<usize> {
    let start = (number.max(1) as usize - 1)
        .saturating_mul(per_page)
        .min(len);
    start..(start + per_page).min(len)
}

/// How many page numbers the pager shows on each side of the current one.
const PAGER_REACH: u32 = 2;

/// What a template gets about the page of a list it renders. Every URL is
/// relative to the page.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub current: u32,
    pub total_pages: u32,
    /// How many items the whole list holds.
    pub total_items: usize,
    pub per_page: usize,
    /// The position (from 1) in the whole list of this page's first item
    /// and last item; both 0 when the list is empty.
    pub first_item: usize,
    pub last_item: usize,
    pub first: String,
    pub last: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page numbers the pager shows: the first, the last, and those
    /// around the current page.
    pub pages: Vec<PagerLink>,
    /// The items on this page, converted once: the page shows the same
    /// value under its own name too (`entity.articles`, `articles`), and a
    /// template value is shared, not copied.
    pub items: tera::Value,
}

/// A numbered link of the pager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PagerLink {
    pub number: u32,
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
    /// Whether numbers are left out between the previous link and this one.
    pub gap_before: bool,
}

/// Where a page of a list is and how long the list is.
#[derive(Debug, Clone, Copy)]
pub struct PageSpot<'p> {
    /// The site path of the list's first page.
    pub list: &'p str,
    pub current: u32,
    pub total_pages: u32,
    pub total_items: usize,
    pub per_page: usize,
}

impl Paginator {
    /// The paginator of the page at `spot`, seen from a page whose path to
    /// the site root is `to_root`.
    pub fn new(spot: PageSpot, to_root: &str, items: tera::Value) -> Paginator {
        let url = |n: u32| format!("{to_root}{}", urls::list_page(spot.list, n));
        let (current, total) = (spot.current, spot.total_pages);
        let range = page_range(spot.total_items, spot.per_page, current);
        let mut pages: Vec<PagerLink> = Vec::new();
        for number in 1..=total {
            let near = number.abs_diff(current) <= PAGER_REACH;
            if number == 1 || number == total || near {
                let gap_before = pages.last().is_some_and(|p| p.number + 1 < number);
                pages.push(PagerLink {
                    number,
                    url: url(number),
                    current: number == current,
                    gap_before,
                });
            }
        }
        Paginator {
            current,
            total_pages: total,
            total_items: spot.total_items,
            per_page: spot.per_page,
            first_item: if range.is_empty() { 0 } else { range.start + 1 },
            last_item: range.end,
            first: url(1),
            last: url(total),
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages,
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_with_at_least_one() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(5, 2), 3);
    }

    #[test]
    fn slices_the_items_of_each_page() {
        assert_eq!(page_range(5, 2, 1), 0..2);
        assert_eq!(page_range(5, 2, 3), 4..5);
        assert_eq!(page_range(5, 2, 4), 5..5);
        assert_eq!(page_range(0, 2, 1), 0..0);
    }

    fn spot(current: u32, total_pages: u32) -> PageSpot<'static> {
        PageSpot {
            list: "articles/",
            current,
            total_pages,
            total_items: total_pages as usize * 10 - 3,
            per_page: 10,
        }
    }

    #[test]
    fn links_the_neighbours_relative_to_the_page() {
        let items = tera::Value::from(vec![1, 2, 3]);
        let p = Paginator::new(spot(2, 3), "../../../", items.clone());
        assert_eq!(p.first, "../../../articles/");
        assert_eq!(p.prev.as_deref(), Some("../../../articles/"));
        assert_eq!(p.next.as_deref(), Some("../../../articles/page/3/"));
        assert_eq!(p.last, "../../../articles/page/3/");
        assert_eq!((p.first_item, p.last_item), (11, 20));
        let last = Paginator::new(spot(3, 3), "", items.clone());
        assert_eq!(last.next, None);
        assert_eq!((last.first_item, last.last_item), (21, 27));
        assert_eq!(Paginator::new(spot(1, 3), "", items).prev, None);
    }

    #[test]
    fn numbers_the_first_the_last_and_the_pages_around_the_current() {
        let items = tera::Value::from(Vec::<u8>::new());
        let p = Paginator::new(spot(10, 20), "", items.clone());
        let numbers: Vec<u32> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 8, 9, 10, 11, 12, 20]);
        let gaps: Vec<bool> = p.pages.iter().map(|l| l.gap_before).collect();
        assert_eq!(gaps, [false, true, false, false, false, false, true]);
        assert!(p.pages[3].current && p.pages.iter().filter(|l| l.current).count() == 1);
        let small = Paginator::new(spot(1, 2), "", items);
        assert_eq!(small.pages.len(), 2);
        assert!(small.pages.iter().all(|l| !l.gap_before));
    }
}
