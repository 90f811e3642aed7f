//! The link stage: turns a [`Corpus`] into a [`Graph`]. Resolves every
//! front-matter reference and byline to an entity, then computes, once, the
//! relations the pages read: each article's entities, each entity's articles
//! (newest first) and the orders lists are shown in.

mod discover;
mod graph;
mod interview;
mod issuers;
mod names;
mod numbers;
mod people;
mod quotes;
mod related;
mod resolve;
mod scan;
mod speech;

pub use graph::{ArticleLinks, Byline, EntityLinks, Graph, Relation, newest_first, of_kind};
pub use issuers::Issuer;
pub use resolve::{NameIndex, Unresolved};
pub use scan::{ArticleText, Found, Mention, Quote, Scanner, UnknownNumber, UnknownPerson};

use std::collections::BTreeMap;

use crate::content::{Article, ArticleId, Corpus, KindId, Reference};
use crate::error::{Diagnostic, Error, Result};

/// How the scan looks for the people the site lacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Discovery {
    /// Names right after a title ("President Prabowo Subianto"): cheap
    /// enough for every build to warn about.
    #[default]
    Titled,
    /// Every rule of discovery (roles after names, honorifics, lists of
    /// attendees, names of Vietnamese shape, ...): what `dossier entities
    /// suggest` writes stubs from. It cost a 10,000-article build a sixth
    /// of its time, for a list no page shows.
    Full,
}

/// Resolves the corpus's references; every unresolvable one is reported.
pub fn link(corpus: Corpus) -> Result<Graph> {
    link_with(corpus, Discovery::Titled)
}

/// [`link`], finding the people the site lacks as `discovery` says.
pub fn link_with(corpus: Corpus, discovery: Discovery) -> Result<Graph> {
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
    let mut graph = graph::relate(corpus, articles, discovery);
    let found = text_warnings(&graph);
    graph.corpus.warnings.extend(found);
    Ok(graph)
}

/// Warnings about what the texts mention but the site lacks: numbers no
/// entity has (each with every place it occurs) and titled names no person
/// has (suggested new entities).
/// How many places a warning names before it counts the rest.
const PLACES_SHOWN: usize = 5;

/// The first places of a list, and how many more there are: a number a
/// large site mentions everywhere would make a warning of thousands.
fn listed(places: &[String]) -> String {
    let shown = places[..places.len().min(PLACES_SHOWN)].join(", ");
    match places.len().saturating_sub(PLACES_SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn text_warnings(graph: &Graph) -> Vec<Diagnostic> {
    let mut numbers: BTreeMap<(KindId, u64, String), Vec<String>> = BTreeMap::new();
    let mut people: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for id in graph.corpus.article_ids() {
        let article = graph.article(id);
        let text = &graph.articles[id.index()].text;
        // Found by bisection: counting the lines before each place would
        // grow with the square of a long article.
        let newlines: Vec<usize> =
            if text.unknown_numbers.is_empty() && text.unknown_people.is_empty() {
                Vec::new()
            } else {
                article.body.match_indices('\n').map(|(at, _)| at).collect()
            };
        let place = |block: Option<u32>| match block {
            Some(block) => {
                let offset = text.blocks[block as usize].start;
                let line = article.body_line + newlines.partition_point(|at| *at < offset);
                format!("{}:{line}", article.path.display())
            }
            None => format!("{} (title)", article.path.display()),
        };
        for unknown in &text.unknown_numbers {
            let key = (
                unknown.kind,
                unknown.number.parse().unwrap_or(u64::MAX),
                unknown.token.clone(),
            );
            numbers.entry(key).or_default().push(place(unknown.block));
        }
        for unknown in &text.unknown_people {
            let entry = people
                .entry(unknown.name.clone())
                .or_insert_with(|| (unknown.seen.clone(), Vec::new()));
            entry.1.push(place(unknown.block));
        }
    }
    let people_kind = graph.corpus.kinds.iter().find(|k| k.people);
    let mut warnings: Vec<Diagnostic> = numbers
        .into_iter()
        .map(|((kind, number, token), places)| {
            let kind = graph.corpus.kind(kind);
            let fields = if token.contains(['-', '/']) {
                format!("`number = \"{number}\"` and `code = \"{token}\"`")
            } else {
                format!("`number = \"{number}\"`")
            };
            Diagnostic::warning(format!(
                "{} {token} is mentioned, but no {} has that number: {}",
                kind.singular,
                kind.singular.to_lowercase(),
                listed(&places)
            ))
            .with_hint(format!(
                "add {}/<slug>.md with {fields} under [extra], if the site should cover it",
                kind.folder
            ))
        })
        .collect();
    if let Some(kind) = people_kind {
        warnings.extend(people.into_iter().map(|(name, (titled, places))| {
            Diagnostic::warning(format!(
                "\"{titled}\" names a person the site does not have: {}",
                listed(&places)
            ))
            .with_hint(format!(
                "suggested new {}: `dossier entities suggest` writes {}/{}.md with title = \"{name}\", for review",
                kind.singular.to_lowercase(),
                kind.folder,
                slug::slugify(&name)
            ))
        }));
    }
    warnings
}

/// Updates `graph` for new versions of some of its articles (same slugs):
/// each is resolved and scanned alone, then what depends on them is
/// recomputed. On error the graph is left as it was. Returns the other
/// articles whose pages list an edited one (as related).
pub fn relink(graph: &mut Graph, edits: Vec<(ArticleId, Article)>) -> Result<Vec<ArticleId>> {
    let index = NameIndex::new(&graph.corpus);
    let mut resolved = Vec::with_capacity(edits.len());
    let mut problems = Vec::new();
    for (id, article) in edits {
        match resolve_article(&index, &graph.corpus, &article) {
            Ok(links) => resolved.push((id, article, links)),
            Err(found) => problems.extend(found),
        }
    }
    drop(index);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(graph::relink_articles(graph, resolved))
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

#[cfg(test)]
mod tests;
