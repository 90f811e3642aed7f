//! The link stage: turns a [`Corpus`] into a [`Graph`]. Resolves every
//! front-matter reference and byline to an entity, then computes, once, the
//! relations the pages read: each article's entities, each entity's articles
//! (newest first) and the orders lists are shown in.

mod resolve;

use std::cmp::Ordering;

pub use resolve::{NameIndex, Unresolved};

use crate::config::SortOrder;
use crate::content::{Article, ArticleId, Corpus, Entity, EntityId, KindId, Reference};
use crate::error::{Diagnostic, Error, Result};

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
}

/// What an article points to.
#[derive(Debug, Clone, Default)]
pub struct ArticleLinks {
    /// The entities its front matter references, by kind, in each kind's order.
    pub entities: Vec<EntityId>,
    pub byline: Vec<Byline>,
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
    /// The articles that reference it or carry it in their byline, newest first.
    pub articles: Vec<ArticleId>,
}

impl Graph {
    pub fn article(&self, id: ArticleId) -> &Article {
        self.corpus.article(id)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        self.corpus.entity(id)
    }

    /// The entities of an article, of one kind.
    pub fn article_entities_of(
        &self,
        article: ArticleId,
        kind: KindId,
    ) -> impl Iterator<Item = EntityId> + '_ {
        self.articles[article.index()]
            .entities
            .iter()
            .copied()
            .filter(move |id| self.entity(*id).kind == kind)
    }
}

/// Resolves the corpus's references; every unresolvable one is reported.
pub fn link(corpus: Corpus) -> Result<Graph> {
    let index = NameIndex::new(&corpus);
    let mut problems = Vec::new();
    let mut articles = Vec::with_capacity(corpus.articles.len());
    for article in &corpus.articles {
        match resolve_article(&index, &corpus, article) {
            Ok(links) => articles.push(links),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Error::Invalid(problems));
    }
    let warnings = shared_name_warnings(&index);
    drop(index);
    let mut corpus = corpus;
    corpus.warnings.extend(warnings);
    Ok(relate(corpus, articles))
}

/// Checks that every reference of `article` resolves among the entities of
/// `corpus`, without linking the whole corpus again.
pub fn check_references(corpus: &Corpus, article: &Article) -> Result<()> {
    resolve_article(&NameIndex::new(corpus), corpus, article)
        .map(drop)
        .map_err(Error::Invalid)
}

/// Resolves one article's front-matter references and byline.
fn resolve_article(
    index: &NameIndex,
    corpus: &Corpus,
    article: &Article,
) -> Result<ArticleLinks, Vec<Diagnostic>> {
    let byline_kind = corpus
        .kinds
        .iter()
        .position(|k| k.byline)
        .map(|i| KindId(i as u16));
    let mut problems = Vec::new();
    let mut links = ArticleLinks::default();
    for (kind, references) in article.references.iter().enumerate() {
        let kind = KindId(kind as u16);
        let field = &corpus.kind(kind).folder;
        for reference in references {
            match index.resolve(kind, &reference.text) {
                Ok(id) if !links.entities.contains(&id) => links.entities.push(id),
                Ok(_) => {}
                Err(why) => problems.push(unresolved(article, field, reference, why, corpus, kind)),
            }
        }
    }
    for author in &article.authors {
        match byline_kind {
            None => links.byline.push(Byline::Name(author.text.clone())),
            Some(kind) => match index.resolve(kind, &author.text) {
                Ok(id) => links.byline.push(Byline::Entity(id)),
                Err(why) => {
                    problems.push(unresolved(article, "authors", author, why, corpus, kind))
                }
            },
        }
    }
    if problems.is_empty() {
        Ok(links)
    } else {
        Err(problems)
    }
}

fn unresolved(
    article: &Article,
    field: &str,
    reference: &Reference,
    why: Unresolved,
    corpus: &Corpus,
    kind: KindId,
) -> Diagnostic {
    let kind = corpus.kind(kind);
    let (message, hint) = match why {
        Unresolved::Unknown(close) if close.is_empty() => (
            format!(
                "`{field}` names `{}`, which is no {}",
                reference.text,
                kind.singular.to_lowercase()
            ),
            format!(
                "add {}/{}.md to the content, or fix the name",
                kind.folder,
                slug::slugify(&reference.text)
            ),
        ),
        Unresolved::Unknown(close) => (
            format!(
                "`{field}` names `{}`, which is no {}",
                reference.text,
                kind.singular.to_lowercase()
            ),
            format!("did you mean {}?", close.join(", ")),
        ),
        Unresolved::Ambiguous(slugs) => (
            format!(
                "`{field}` names `{}`, which several {} go by",
                reference.text,
                kind.plural.to_lowercase()
            ),
            format!("use one of the slugs {}", slugs.join(", ")),
        ),
    };
    Diagnostic::error(message)
        .at_position(&article.path, reference.line, 1)
        .with_hint(hint)
}

fn shared_name_warnings(index: &NameIndex) -> Vec<Diagnostic> {
    index
        .shared_names()
        .into_iter()
        .map(|(_, name, slugs)| {
            Diagnostic::warning(format!(
                "the name `{name}` belongs to several entities: {}",
                slugs.join(", ")
            ))
            .with_hint("references must use a slug for these; remove the alias from all but one")
        })
        .collect()
}

/// Computes the orders and backlinks from the resolved links.
fn relate(corpus: Corpus, mut articles: Vec<ArticleLinks>) -> Graph {
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

    let mut entities = vec![EntityLinks::default(); corpus.entities.len()];
    for &article in &by_date {
        let links = &mut articles[article.index()];
        links
            .entities
            .sort_by_key(|id| (corpus.entity(*id).kind, rank[id.index()]));
        let bylined = links.byline.iter().filter_map(|b| match b {
            Byline::Entity(id) => Some(*id),
            Byline::Name(_) => None,
        });
        let mut touched: Vec<EntityId> = links.entities.iter().copied().chain(bylined).collect();
        touched.sort();
        touched.dedup();
        for id in touched {
            entities[id.index()].articles.push(article);
        }
    }
    Graph {
        corpus,
        articles,
        entities,
        by_date,
        by_kind,
    }
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

#[cfg(test)]
mod tests;
