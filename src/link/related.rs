//! Relations between articles and between entities. Related articles share
//! entities, each weighted by its rarity (inverse document frequency), so a
//! rare speaker counts more than a theme every article has. Candidates come
//! from the postings of an article's rarest entities, within a window of
//! articles near it in date, which keeps the work per article bounded as
//! the corpus grows. Co-occurrence counts how many articles each pair of
//! entities shares.

use std::collections::HashMap;

use rayon::prelude::*;

use super::graph::{ArticleLinks, EntityLinks};
use crate::content::{ArticleId, Corpus, EntityId};

/// How many of an article's rarest entities propose candidates.
const PROPOSING_ENTITIES: usize = 4;
/// How many articles of one entity's postings are considered, nearest in date.
const WINDOW: usize = 200;
/// How many candidates get an exact score.
const SHORTLIST: usize = 30;
/// How many co-occurring entities each entity keeps.
const COOCCURRING: usize = 12;

/// Two entities and how many articles they share.
pub type Edge = (EntityId, EntityId, u32);

/// The most related articles of each article at `indexes`, most related first.
pub fn related_articles(
    corpus: &Corpus,
    articles: &[ArticleLinks],
    entities: &[EntityLinks],
    by_date: &[ArticleId],
    indexes: &[usize],
) -> Vec<Vec<ArticleId>> {
    let total = articles.len() as f64;
    let weight: Vec<f64> = entities
        .iter()
        .map(|e| (1.0 + total / e.articles.len().max(1) as f64).ln())
        .collect();
    let mut date_rank = vec![0usize; articles.len()];
    for (position, id) in by_date.iter().enumerate() {
        date_rank[id.index()] = position;
    }
    let sets: Vec<Vec<EntityId>> = articles
        .iter()
        .map(|a| {
            let mut set: Vec<EntityId> = a.relations.iter().map(|r| r.entity).collect();
            set.sort();
            set
        })
        .collect();
    let limit = corpus.links.related;
    indexes
        .par_iter()
        .map(|&index| {
            let me = ArticleId(index as u32);
            let scores = shortlist(me, &sets[index], entities, &weight, &date_rank);
            let mut scored: Vec<(f64, usize, ArticleId)> = scores
                .into_iter()
                .map(|other| {
                    let score = shared_weight(&sets[index], &sets[other.index()], &weight);
                    (
                        score,
                        date_rank[index].abs_diff(date_rank[other.index()]),
                        other,
                    )
                })
                .filter(|(score, _, _)| *score > 0.0)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            scored
                .into_iter()
                .take(limit)
                .map(|(_, _, id)| id)
                .collect()
        })
        .collect()
}

/// The candidates worth an exact score: those that share the most weight
/// of the article's rarest entities, among articles near it in date.
fn shortlist(
    me: ArticleId,
    set: &[EntityId],
    entities: &[EntityLinks],
    weight: &[f64],
    date_rank: &[usize],
) -> Vec<ArticleId> {
    let mut rarest: Vec<EntityId> = set.to_vec();
    rarest.sort_by_key(|e| (entities[e.index()].articles.len(), *e));
    let mut partial: HashMap<ArticleId, f64> = HashMap::new();
    for entity in rarest.into_iter().take(PROPOSING_ENTITIES) {
        let postings = &entities[entity.index()].articles;
        let at = postings.partition_point(|a| date_rank[a.index()] < date_rank[me.index()]);
        let start = at.saturating_sub(WINDOW / 2);
        let end = (start + WINDOW).min(postings.len());
        for other in &postings[start.min(end.saturating_sub(WINDOW))..end] {
            if *other != me {
                *partial.entry(*other).or_default() += weight[entity.index()];
            }
        }
    }
    let mut ranked: Vec<(f64, ArticleId)> =
        partial.into_iter().map(|(id, score)| (score, id)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .take(SHORTLIST)
        .map(|(_, id)| id)
        .collect()
}

/// The summed weight of the entities two sorted sets share.
fn shared_weight(a: &[EntityId], b: &[EntityId], weight: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i].index()];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// How many articles each pair of entities shares (the smaller id first).
pub type PairCounts = HashMap<(EntityId, EntityId), u32>;

/// The pairs of entities of one article, the smaller id first.
pub fn entity_pairs(links: &ArticleLinks) -> impl Iterator<Item = (EntityId, EntityId)> + '_ {
    let relations = &links.relations;
    relations.iter().enumerate().flat_map(move |(i, a)| {
        relations[i + 1..].iter().map(move |b| {
            if a.entity < b.entity {
                (a.entity, b.entity)
            } else {
                (b.entity, a.entity)
            }
        })
    })
}

/// Counts the pairs of entities over all articles, in parallel.
pub fn count_pairs(articles: &[ArticleLinks]) -> PairCounts {
    articles
        .par_iter()
        .fold(PairCounts::new, |mut counts, links| {
            for pair in entity_pairs(links) {
                *counts.entry(pair).or_default() += 1;
            }
            counts
        })
        .reduce(PairCounts::new, |mut all, part| {
            for (pair, count) in part {
                *all.entry(pair).or_default() += count;
            }
            all
        })
}

/// Every pair of entities that share an article, with how many, sorted;
/// and for each entity, the entities it shares the most articles with.
pub fn cooccurrences(
    entity_count: usize,
    counts: &PairCounts,
) -> (Vec<Edge>, Vec<Vec<(EntityId, u32)>>) {
    let mut edges: Vec<Edge> = counts.iter().map(|((a, b), n)| (*a, *b, *n)).collect();
    edges.sort_unstable();
    let mut per_entity: Vec<Vec<(EntityId, u32)>> = vec![Vec::new(); entity_count];
    for &(a, b, count) in &edges {
        per_entity[a.index()].push((b, count));
        per_entity[b.index()].push((a, count));
    }
    for list in &mut per_entity {
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        list.truncate(COOCCURRING);
    }
    (edges, per_entity)
}

#[cfg(test)]
mod tests {
    use crate::content::{ArticleId, EntityId};
    use crate::link::link;
    use crate::link::tests::corpus;

    const ENTITIES: &[(u16, &str, &str)] = &[
        (1, "common.md", "+++\ntitle = \"Common theme\"\n+++\n"),
        (2, "rare.md", "+++\ntitle = \"Rare Speaker\"\n+++\n"),
    ];

    fn article(title: &str, speakers: &str) -> String {
        format!("+++\ntitle = \"{title}\"\nthemes = [\"common\"]\nspeakers = [{speakers}]\n+++\n")
    }

    #[test]
    fn rare_shared_entities_weigh_more_and_pairs_are_counted() {
        let graph = link(corpus(
            &[
                ("a.md", &article("A", "\"rare\"")),
                ("b.md", &article("B", "")),
                ("c.md", &article("C", "\"rare\"")),
                ("d.md", &article("D", "")),
            ],
            ENTITIES,
        ))
        .unwrap();
        let a = ArticleId(0);
        let related = &graph.articles[a.index()].related;
        assert_eq!(related[0], ArticleId(2), "C shares the rare speaker");
        assert_eq!(related.len(), 3, "every article shares the common theme");
        assert_eq!(graph.edges, [(EntityId(0), EntityId(1), 2)]);
        assert_eq!(graph.entities[1].cooccurring, [(EntityId(0), 2)]);
    }
}
