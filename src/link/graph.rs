//! The graph the pages read: per article its entities (explicit in front
//! matter, detected in text, or both, with counts), its scanned text and its
//! related articles; per entity its articles (newest first), its mentions,
//! its quotes and the entities it appears with; and the orders lists use.
//! Computed once, then only read.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::Discovery;
use super::related::{PairCounts, cooccurrences, count_pairs, entity_pairs, related_articles};
use super::scan::{ArticleText, Scanner};
use crate::config::SortOrder;
use crate::content::{Article, ArticleId, Corpus, Entity, EntityId, KindId};

/// The corpus with its relations computed.
#[derive(Debug)]
pub struct Graph {
    pub corpus: Corpus,
    /// Per article (indexed by [`ArticleId`]).
    pub articles: Vec<ArticleLinks>,
    /// Per entity (indexed by [`EntityId`]).
    pub entities: Vec<EntityLinks>,
    /// Every article, newest first (undated last).
    pub by_date: Vec<ArticleId>,
    /// Per kind, its entities in the kind's sort order.
    pub by_kind: Vec<Vec<EntityId>>,
    /// Each entity's position in its kind's order.
    pub rank: Vec<usize>,
    /// Every pair of entities sharing articles, with how many (co-occurrence).
    pub edges: Vec<(EntityId, EntityId, u32)>,
    /// The same counts by pair, kept to update them one article at a time.
    pairs: PairCounts,
}

/// What an article points to.
#[derive(Debug, Clone, Default)]
pub struct ArticleLinks {
    /// The entities its front matter references, by kind, in each kind's order.
    pub entities: Vec<EntityId>,
    pub byline: Vec<Byline>,
    /// What its text mentions, quotes and is about.
    pub text: ArticleText,
    /// Every entity of the article, explicit or detected, by kind and order.
    pub relations: Vec<Relation>,
    /// The most related articles, most related first.
    pub related: Vec<ArticleId>,
}

/// How an article relates to one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub entity: EntityId,
    /// Named in the front matter (references or byline).
    pub explicit: bool,
    /// How many times the text mentions it.
    pub mentions: u32,
    /// Whether its keywords fill enough of the text to tag the article.
    pub tagged: bool,
    /// Named in the article's title.
    pub headline: bool,
}

impl Relation {
    /// Found in the text rather than (only) declared.
    pub fn detected(&self) -> bool {
        self.mentions > 0 || self.tagged || self.headline
    }
}

/// One name of an article's byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Byline {
    Entity(EntityId),
    /// A name that no entity stands for (when no kind is the byline kind).
    Name(String),
}

/// What points to an entity.
#[derive(Debug, Clone, Default)]
pub struct EntityLinks {
    /// Every article related to it, newest first.
    pub articles: Vec<ArticleId>,
    /// How many times all texts mention it.
    pub mentions: u32,
    /// Its quotes: the article and the index in that article's quotes, newest first.
    pub quotes: Vec<(ArticleId, u32)>,
    /// The entities it most often shares an article with, with the count.
    pub cooccurring: Vec<(EntityId, u32)>,
}

impl Graph {
    pub fn article(&self, id: ArticleId) -> &Article {
        self.corpus.article(id)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        self.corpus.entity(id)
    }

    /// How `article` relates to `entity`, if at all.
    pub fn relation(&self, article: ArticleId, entity: EntityId) -> Option<&Relation> {
        self.articles[article.index()]
            .relations
            .iter()
            .find(|r| r.entity == entity)
    }
}

/// Scans every article and computes the relations and orders.
pub fn relate(corpus: Corpus, mut articles: Vec<ArticleLinks>, discovery: Discovery) -> Graph {
    let (by_date, by_kind, rank) = orders(&corpus);
    let scanner = Scanner::new(&corpus).discovering(discovery);
    articles
        .par_iter_mut()
        .enumerate()
        .for_each(|(index, links)| {
            read_article(&scanner, &corpus, &rank, &corpus.articles[index], links);
        });
    let pairs = count_pairs(&articles);
    let mut graph = Graph {
        corpus,
        articles,
        entities: Vec::new(),
        by_date,
        by_kind,
        rank,
        edges: Vec::new(),
        pairs,
    };
    graph.entities = entity_links(&graph);
    let everyone: Vec<usize> = (0..graph.articles.len()).collect();
    update_related(&mut graph, &everyone);
    update_cooccurrence(&mut graph);
    graph
}

/// Scans one article and derives its relations.
fn read_article(
    scanner: &Scanner,
    corpus: &Corpus,
    rank: &[usize],
    article: &Article,
    links: &mut ArticleLinks,
) {
    links
        .entities
        .sort_by_key(|id| (corpus.entity(*id).kind, rank[id.index()]));
    let authors: Vec<EntityId> = bylined(links).collect();
    links.text = scanner.scan(article, &links.entities, &authors);
    links.relations = relations(links, corpus, rank);
}

/// Each entity's articles (newest first), mentions and quotes.
fn entity_links(graph: &Graph) -> Vec<EntityLinks> {
    let mut entities = vec![EntityLinks::default(); graph.corpus.entities.len()];
    for &article in &graph.by_date {
        let links = &graph.articles[article.index()];
        for relation in &links.relations {
            let entity = &mut entities[relation.entity.index()];
            entity.articles.push(article);
            entity.mentions += relation.mentions;
        }
        for (index, quote) in links.text.quotes.iter().enumerate() {
            entities[quote.speaker.index()]
                .quotes
                .push((article, index as u32));
        }
    }
    entities
}

/// Recomputes the related articles of the articles at `indexes`.
fn update_related(graph: &mut Graph, indexes: &[usize]) {
    let related = related_articles(
        &graph.corpus,
        &graph.articles,
        &graph.entities,
        &graph.by_date,
        indexes,
    );
    for (index, related) in indexes.iter().zip(related) {
        graph.articles[*index].related = related;
    }
}

/// Derives the edges and every entity's companions from the pair counts.
fn update_cooccurrence(graph: &mut Graph) {
    let (edges, per_entity) = cooccurrences(graph.corpus.entities.len(), &graph.pairs);
    for (entity, cooccurring) in graph.entities.iter_mut().zip(per_entity) {
        entity.cooccurring = cooccurring;
    }
    graph.edges = edges;
}

/// Adds (`sign` 1) or removes (-1) an article's pairs of entities.
fn adjust_pairs(pairs: &mut PairCounts, links: &ArticleLinks, sign: i64) {
    for (a, b) in entity_pairs(links) {
        let count = pairs.entry((a, b)).or_default();
        *count = (i64::from(*count) + sign).max(0) as u32;
        if *count == 0 {
            pairs.remove(&(a, b));
        }
    }
}

/// Brings the graph up to date with new versions of some articles (same
/// slugs, references already checked with `check_references`): scans them
/// alone, then recomputes what depends on them. Returns the articles whose
/// pages show something of the edited ones (related lists).
pub fn relink_articles(
    graph: &mut Graph,
    edits: Vec<(ArticleId, Article, ArticleLinks)>,
) -> Vec<ArticleId> {
    let edited: Vec<ArticleId> = edits.iter().map(|(id, _, _)| *id).collect();
    let listing: Vec<ArticleId> = graph
        .corpus
        .article_ids()
        .filter(|id| {
            graph.articles[id.index()]
                .related
                .iter()
                .any(|r| edited.contains(r))
        })
        .collect();
    for (id, article, links) in edits {
        let old = std::mem::replace(&mut graph.articles[id.index()], links);
        adjust_pairs(&mut graph.pairs, &old, -1);
        graph.corpus.articles[id.index()] = article;
    }
    let scanner = Scanner::new(&graph.corpus);
    for id in &edited {
        let mut links = std::mem::take(&mut graph.articles[id.index()]);
        read_article(
            &scanner,
            &graph.corpus,
            &graph.rank,
            graph.corpus.article(*id),
            &mut links,
        );
        adjust_pairs(&mut graph.pairs, &links, 1);
        graph.articles[id.index()] = links;
    }
    let corpus = &graph.corpus;
    graph
        .by_date
        .sort_by(|a, b| newest_first(corpus.article(*a), corpus.article(*b)));
    graph.entities = entity_links(graph);
    let mut touched: Vec<usize> = edited.iter().chain(&listing).map(|id| id.index()).collect();
    touched.sort_unstable();
    touched.dedup();
    update_related(graph, &touched);
    update_cooccurrence(graph);
    listing
}

fn bylined(links: &ArticleLinks) -> impl Iterator<Item = EntityId> + '_ {
    links.byline.iter().filter_map(|b| match b {
        Byline::Entity(id) => Some(*id),
        Byline::Name(_) => None,
    })
}

/// Every entity of one article: the explicit ones and those its text
/// mentions or its keywords tag, in kind order.
fn relations(links: &ArticleLinks, corpus: &Corpus, rank: &[usize]) -> Vec<Relation> {
    let mut relations: Vec<Relation> = Vec::new();
    let mut upsert = |entity: EntityId, change: &dyn Fn(&mut Relation)| match relations
        .iter_mut()
        .find(|r| r.entity == entity)
    {
        Some(relation) => change(relation),
        None => {
            let mut relation = Relation {
                entity,
                explicit: false,
                mentions: 0,
                tagged: false,
                headline: false,
            };
            change(&mut relation);
            relations.push(relation);
        }
    };
    for entity in links.entities.iter().copied().chain(bylined(links)) {
        upsert(entity, &|r| r.explicit = true);
    }
    for mention in &links.text.mentions {
        upsert(mention.entity, &|r| r.mentions += 1);
    }
    for entity in &links.text.tagged {
        upsert(*entity, &|r| r.tagged = true);
    }
    for entity in &links.text.headline {
        upsert(*entity, &|r| r.headline = true);
    }
    relations.sort_by_key(|r| (corpus.entity(r.entity).kind, rank[r.entity.index()]));
    relations
}

/// The date order of articles, and each kind's entities in its order.
fn orders(corpus: &Corpus) -> (Vec<ArticleId>, Vec<Vec<EntityId>>, Vec<usize>) {
    let mut by_date: Vec<ArticleId> = corpus.article_ids().collect();
    by_date.sort_by(|a, b| newest_first(corpus.article(*a), corpus.article(*b)));
    let mut by_kind: Vec<Vec<EntityId>> = vec![Vec::new(); corpus.kinds.len()];
    for id in corpus.entity_ids() {
        by_kind[corpus.entity(id).kind.index()].push(id);
    }
    let mut rank = vec![0usize; corpus.entities.len()];
    for (kind, ids) in by_kind.iter_mut().enumerate() {
        let order = corpus.kinds[kind].sort;
        ids.sort_by(|a, b| entity_order(corpus.entity(*a), corpus.entity(*b), order));
        for (position, id) in ids.iter().enumerate() {
            rank[id.index()] = position;
        }
    }
    (by_date, by_kind, rank)
}

/// Newest first, undated last, then by title and slug.
pub fn newest_first(a: &Article, b: &Article) -> Ordering {
    match (a.front.date, b.front.date) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.front.title.cmp(&b.front.title))
    .then_with(|| a.slug.cmp(&b.slug))
}

fn entity_order(a: &Entity, b: &Entity, order: SortOrder) -> Ordering {
    let by_title = || {
        crate::text::fold(&a.front.title)
            .cmp(&crate::text::fold(&b.front.title))
            .then_with(|| a.slug.cmp(&b.slug))
    };
    match order {
        SortOrder::Title => by_title(),
        SortOrder::Date => match (a.front.date, b.front.date) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(by_title),
    }
}

/// The entities of `kind` among an article's relations.
pub fn of_kind(
    graph: &Graph,
    article: ArticleId,
    kind: KindId,
) -> impl Iterator<Item = &Relation> + '_ {
    graph.articles[article.index()]
        .relations
        .iter()
        .filter(move |r| graph.entity(r.entity).kind == kind)
}
