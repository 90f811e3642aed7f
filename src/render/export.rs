//! The whole knowledge graph as JSON (`graph.json`): kinds, entities,
//! articles with their entities, mentions (each with its paragraph) and
//! quotes, and the co-occurrence edges. The format is documented in the
//! README; URLs in it are relative to the site root. Articles are
//! serialized in parallel and joined, as they are most of the bytes.

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{ArticleId, EntityId};
use crate::link::{Found, Graph};
use crate::text::blocks::block_id;
use crate::urls;

/// The version of the format; it changes when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Head<'a> {
    version: u32,
    site: Site<'a>,
    kinds: Vec<Kind<'a>>,
    entities: Vec<EntityOut<'a>>,
}

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Kind<'a> {
    name: &'a str,
    singular: &'a str,
    plural: &'a str,
    url: String,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: String,
    kind: &'a str,
    slug: &'a str,
    title: &'a str,
    aliases: &'a [String],
    date: Option<String>,
    url: String,
    articles: usize,
    mentions: u32,
    quotes: usize,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    slug: &'a str,
    title: &'a str,
    date: Option<String>,
    outlet: Option<&'a str>,
    kind: Option<&'a str>,
    url: String,
    paragraphs: usize,
    entities: Vec<RelationOut>,
    related: Vec<&'a str>,
    mentions: Vec<MentionOut>,
    quotes: Vec<QuoteOut>,
}

#[derive(Serialize)]
struct RelationOut {
    entity: String,
    explicit: bool,
    mentions: u32,
    tagged: bool,
}

/// The mentions of one entity in one article.
#[derive(Serialize)]
struct MentionOut {
    entity: String,
    /// The anchor of each mention's paragraph, in text order (repeated
    /// when a paragraph mentions it more than once).
    paragraphs: Vec<String>,
    /// How each was found, in the same order.
    found: Vec<Found>,
}

#[derive(Serialize)]
struct QuoteOut {
    speaker: String,
    paragraph: String,
    text: String,
    answer: bool,
}

#[derive(Serialize)]
struct Edge {
    source: String,
    target: String,
    articles: u32,
}

/// The graph as JSON bytes.
pub fn export_graph(graph: &Graph, site_title: &str, site_url: Option<&str>) -> Vec<u8> {
    let entity_key = |id: EntityId| {
        let entity = graph.entity(id);
        format!("{}/{}", graph.corpus.kind(entity.kind).name, entity.slug)
    };
    let head = Head {
        version: FORMAT_VERSION,
        site: Site {
            title: site_title,
            url: site_url,
        },
        kinds: graph
            .corpus
            .kinds
            .iter()
            .map(|k| Kind {
                name: &k.name,
                singular: &k.singular,
                plural: &k.plural,
                url: urls::kind_index(k),
            })
            .collect(),
        entities: graph
            .corpus
            .entity_ids()
            .map(|id| entity(graph, id, &entity_key))
            .collect(),
    };
    let edges: Vec<Edge> = graph
        .edges
        .iter()
        .map(|(a, b, n)| Edge {
            source: entity_key(*a),
            target: entity_key(*b),
            articles: *n,
        })
        .collect();
    let articles: Vec<Vec<u8>> = graph
        .by_date
        .par_iter()
        .map(|id| {
            serde_json::to_vec(&article(graph, *id, &entity_key)).expect("an article serializes")
        })
        .collect();
    let mut json = serde_json::to_vec(&head).expect("the head serializes");
    json.pop(); // the closing brace: the arrays follow.
    json.extend_from_slice(b",\"articles\":[");
    for (index, article) in articles.iter().enumerate() {
        if index > 0 {
            json.push(b',');
        }
        json.extend_from_slice(article);
    }
    json.extend_from_slice(b"],\"edges\":");
    json.extend(serde_json::to_vec(&edges).expect("the edges serialize"));
    json.push(b'}');
    json
}

fn entity<'a>(graph: &'a Graph, id: EntityId, key: &dyn Fn(EntityId) -> String) -> EntityOut<'a> {
    let entity = graph.entity(id);
    let kind = graph.corpus.kind(entity.kind);
    let links = &graph.entities[id.index()];
    EntityOut {
        id: key(id),
        kind: &kind.name,
        slug: &entity.slug,
        title: &entity.front.title,
        aliases: &entity.front.aliases,
        date: entity.front.date.map(|d| d.to_string()),
        url: urls::entity(kind, &entity.slug),
        articles: links.articles.len(),
        mentions: links.mentions,
        quotes: links.quotes.len(),
    }
}

fn article<'a>(
    graph: &'a Graph,
    id: ArticleId,
    key: &dyn Fn(EntityId) -> String,
) -> ArticleOut<'a> {
    let article = graph.article(id);
    let links = &graph.articles[id.index()];
    let (mentions, quotes) = article_texts(graph, id, key);
    ArticleOut {
        mentions,
        quotes,
        slug: &article.slug,
        title: &article.front.title,
        date: article.front.date.map(|d| d.to_string()),
        outlet: article.front.outlet.as_deref(),
        kind: article.front.kind.as_deref(),
        url: urls::article(&article.slug),
        paragraphs: links.text.blocks.len(),
        entities: links
            .relations
            .iter()
            .map(|r| RelationOut {
                entity: key(r.entity),
                explicit: r.explicit,
                mentions: r.mentions,
                tagged: r.tagged,
            })
            .collect(),
        related: links
            .related
            .iter()
            .map(|r| graph.article(*r).slug.as_str())
            .collect(),
    }
}

/// The mentions and quotes of one article, with their text.
fn article_texts(
    graph: &Graph,
    id: ArticleId,
    key: &dyn Fn(EntityId) -> String,
) -> (Vec<MentionOut>, Vec<QuoteOut>) {
    let text = &graph.articles[id.index()].text;
    let slice = |block: u32, range: &std::ops::Range<usize>| {
        text.block_text(block as usize)
            .and_then(|t| t.get(range.clone()))
            .map_or(String::new(), str::to_string)
    };
    let mut mentions: Vec<MentionOut> = Vec::new();
    let mut keys: Vec<EntityId> = Vec::new();
    for mention in &text.mentions {
        let position = match keys.iter().position(|k| *k == mention.entity) {
            Some(position) => position,
            None => {
                keys.push(mention.entity);
                mentions.push(MentionOut {
                    entity: key(mention.entity),
                    paragraphs: Vec::new(),
                    found: Vec::new(),
                });
                mentions.len() - 1
            }
        };
        mentions[position]
            .paragraphs
            .push(block_id(mention.block as usize));
        mentions[position].found.push(mention.found);
    }
    let quotes = text
        .quotes
        .iter()
        .map(|q| QuoteOut {
            speaker: key(q.speaker),
            paragraph: block_id(q.block as usize),
            text: slice(q.block, &q.range),
            answer: q.answer,
        })
        .collect();
    (mentions, quotes)
}
