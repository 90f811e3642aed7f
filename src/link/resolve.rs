//! Resolves the names that front matter uses for entities (slugs, titles,
//! aliases, ignoring case and diacritics) to entity ids, with "did you mean"
//! suggestions for names that resolve to nothing.

use std::collections::HashMap;

use crate::content::{Corpus, EntityId, KindId};
use crate::error::{best_of, similarity};
use crate::text::fold;

/// Every name of every entity, per kind.
pub struct NameIndex<'a> {
    corpus: &'a Corpus,
    by_slug: HashMap<(KindId, &'a str), EntityId>,
    by_name: HashMap<(KindId, String), Vec<EntityId>>,
}

/// Why a name did not resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// No entity of the kind has the name; the closest slugs and titles.
    Unknown(Vec<String>),
    /// Several entities share the name; their slugs.
    Ambiguous(Vec<String>),
}

impl<'a> NameIndex<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        let mut by_slug = HashMap::new();
        let mut by_name: HashMap<(KindId, String), Vec<EntityId>> = HashMap::new();
        for id in corpus.entity_ids() {
            let entity = corpus.entity(id);
            by_slug.insert((entity.kind, entity.slug.as_str()), id);
            let names = std::iter::once(&entity.front.title).chain(&entity.front.aliases);
            for name in names {
                let ids = by_name.entry((entity.kind, fold(name))).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        NameIndex {
            corpus,
            by_slug,
            by_name,
        }
    }

    /// The entity of `kind` that `name` designates.
    pub fn resolve(&self, kind: KindId, name: &str) -> Result<EntityId, Unresolved> {
        if let Some(id) = self.by_slug.get(&(kind, name)) {
            return Ok(*id);
        }
        match self.by_name.get(&(kind, fold(name))).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) if !many.is_empty() => Err(Unresolved::Ambiguous(
                many.iter()
                    .map(|id| self.corpus.entity(*id).slug.clone())
                    .collect(),
            )),
            _ => Err(Unresolved::Unknown(self.closest(kind, name))),
        }
    }

    /// The closest entities, as "`slug` (Title)", each scored by its best name.
    fn closest(&self, kind: KindId, name: &str) -> Vec<String> {
        let scored = self
            .corpus
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                let names = [&e.slug, &e.front.title]
                    .into_iter()
                    .chain(&e.front.aliases);
                let score = names.map(|n| similarity(name, n)).fold(0.0, f64::max);
                (score, format!("`{}` ({})", e.slug, e.front.title))
            })
            .collect();
        best_of(scored, 3)
    }

    /// Names that designate more than one entity of a kind: (kind, name, slugs).
    pub fn shared_names(&self) -> Vec<(KindId, String, Vec<String>)> {
        let mut shared: Vec<_> = self
            .by_name
            .iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|((kind, name), ids)| {
                let slugs = ids
                    .iter()
                    .map(|id| self.corpus.entity(*id).slug.clone())
                    .collect();
                (*kind, name.clone(), slugs)
            })
            .collect();
        shared.sort();
        shared
    }
}
