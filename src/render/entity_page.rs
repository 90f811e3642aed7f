//! The context of an entity page: its summary and metadata; the articles
//! that relate to it, newest first, with the passages that mention it (the
//! sentence around each mention, the mention marked) linking to their
//! paragraph; a speaker's quotes; and the entities it appears with. The
//! articles are split into pages; later pages show the entity's title and
//! the articles of the page with their passages, nothing else.

use super::flat::serialize_flat;
use std::ops::Range;

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::context::{ArticleCard, EntityCard, Field, KindView, PageBase};
use super::lists::{ListId, Paginator};
use super::markdown::render_markdown;
use crate::content::{ArticleId, EntityId};
use crate::link::Graph;
use crate::text::blocks::block_id;
use crate::text::sentences::sentence_around;
use crate::urls;

/// How many passages each article of an entity's first page shows.
const PASSAGES_PER_ARTICLE: usize = 3;
/// How many on its later pages: the older articles, which a reader skims,
/// keep the sentence that first mentions the entity. An entity of a large
/// site has thousands of articles, and each passage costs a parse of the
/// article up to it.
const PASSAGES_ON_LATER_PAGES: usize = 1;
/// How many quotes a page shows.
const QUOTES_SHOWN: usize = 50;
/// The longest passage or quote shown, in characters.
const EXCERPT: usize = 360;

struct EntityPage<'a> {
    base: PageBase<'a>,
    title: &'a str,
    entity: EntityView<'a>,
    /// The pages of the entity's articles.
    paginator: Paginator,
}
serialize_flat!(EntityPage { base; title, entity, paginator });

struct EntityView<'a> {
    card: EntityCard<'a>,
    kind_view: KindView<'a>,
    aliases: &'a [String],
    fields: Vec<Field>,
    html: String,
    /// How many times all articles mention it.
    mentions: u32,
    /// The articles on this page, with their passages (the same as
    /// `paginator.items`).
    articles: tera::Value,
    article_count: usize,
    quotes: Vec<QuoteView<'a>>,
    quote_count: usize,
    cooccurring: Vec<Companion<'a>>,
    /// Inline SVG: mentions per article or per month.
    chart: Option<String>,
}
serialize_flat!(EntityView { card; kind_view, aliases, fields, html, mentions, articles, article_count, quotes, quote_count, cooccurring, chart });

/// An article on an entity's page.
struct ArticleEntry<'a> {
    card: ArticleCard<'a>,
    explicit: bool,
    mentions: u32,
    tagged: bool,
    passages: Vec<Passage>,
}
serialize_flat!(ArticleEntry { card; explicit, mentions, tagged, passages });

/// A sentence that mentions the entity, split around the mention.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Passage {
    pub url: String,
    pub paragraph: String,
    pub before: String,
    pub mark: String,
    pub after: String,
}

#[derive(Serialize)]
struct QuoteView<'a> {
    text: String,
    url: String,
    paragraph: String,
    article: ArticleCard<'a>,
    answer: bool,
}

struct Companion<'a> {
    card: EntityCard<'a>,
    /// How many articles they share.
    shared: u32,
}
serialize_flat!(Companion { card; shared });

pub(super) fn context(renderer: &Renderer, id: EntityId, number: u32) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let graph = views.graph;
    let entity = graph.entity(id);
    let list = urls::entity(graph.corpus.kind(entity.kind), &entity.slug);
    let path = urls::list_page(&list, number);
    let to_root = urls::to_root(&path);
    let links = &graph.entities[id.index()];
    let first = number == 1;
    let shown = if first {
        PASSAGES_PER_ARTICLE
    } else {
        PASSAGES_ON_LATER_PAGES
    };
    let range = renderer.lists.items_of(ListId::Entity(id), number);
    let articles: Vec<ArticleEntry> = links.articles[range]
        .iter()
        .map(|article| {
            let relation = graph.relation(*article, id).copied();
            let card = views.article_card(*article, &to_root);
            ArticleEntry {
                explicit: relation.is_some_and(|r| r.explicit),
                mentions: relation.map_or(0, |r| r.mentions),
                tagged: relation.is_some_and(|r| r.tagged),
                passages: passages(graph, *article, id, &card.url, shown),
                card,
            }
        })
        .collect();
    let articles = tera::Value::try_from_serializable(&articles)?;
    // What is about the entity as a whole is on its first page only.
    let view = EntityView {
        card: views.entity_card(id, &to_root),
        kind_view: views.kind(entity.kind, &to_root),
        aliases: if first { &entity.front.aliases } else { &[] },
        fields: if first {
            views.fields(entity)
        } else {
            Vec::new()
        },
        html: if first {
            render_markdown(&entity.body, &to_root, renderer.markdown).html
        } else {
            String::new()
        },
        mentions: links.mentions,
        articles: articles.clone(),
        article_count: links.articles.len(),
        quotes: if first {
            quotes(renderer, id, &to_root)
        } else {
            Vec::new()
        },
        quote_count: links.quotes.len(),
        chart: first
            .then(|| super::chart::mentions_chart(graph, id, &to_root))
            .flatten(),
        cooccurring: if first {
            companions(renderer, id, &to_root)
        } else {
            Vec::new()
        },
    };
    let spot = renderer.spot(ListId::Entity(id), &list, number);
    Context::from_serialize(&EntityPage {
        paginator: Paginator::new(spot, &to_root, articles),
        base: {
            let mut base = views.base(&path, to_root);
            base.description = views.summaries[id.index()].clone();
            base.feeds.extend(views.entity_feed(id));
            base
        },
        title: &entity.front.title,
        entity: view,
    })
}

fn companions<'a>(renderer: &Renderer<'a>, id: EntityId, to_root: &str) -> Vec<Companion<'a>> {
    renderer.views.graph.entities[id.index()]
        .cooccurring
        .iter()
        .map(|(other, shared)| Companion {
            card: renderer.views.entity_card(*other, to_root),
            shared: *shared,
        })
        .collect()
}

/// At most `limit` passages of `article` about `entity`: its mentions
/// first, else the paragraphs its keywords tag; one per paragraph.
pub fn passages(
    graph: &Graph,
    article: ArticleId,
    entity: EntityId,
    article_url: &str,
    limit: usize,
) -> Vec<Passage> {
    let text = &graph.articles[article.index()].text;
    let mut spots: Vec<(u32, Range<usize>)> = Vec::new();
    let hits = text.mentions.iter().filter(|m| m.entity == entity);
    let keyword_hits = text.keywords.iter().filter(|m| m.entity == entity);
    for hit in hits.chain(keyword_hits) {
        if spots.len() == limit {
            break;
        }
        if !spots.iter().any(|(block, _)| *block == hit.block) {
            spots.push((hit.block, hit.range.clone()));
        }
    }
    if spots.is_empty() {
        return Vec::new();
    }
    spots
        .into_iter()
        .filter_map(|(block, range)| {
            let plain = text.block_text(block as usize)?;
            let fits = range.end <= plain.len()
                && plain.is_char_boundary(range.start)
                && plain.is_char_boundary(range.end);
            if !fits {
                return None;
            }
            let id = block_id(block as usize);
            Some(split_passage(
                plain,
                range,
                [article_url, "#", &id].concat(),
                id,
            ))
        })
        .collect()
}

/// The sentence around `range`, shortened to an excerpt, split at the mark.
fn split_passage(text: &str, range: Range<usize>, url: String, paragraph: String) -> Passage {
    let sentence = sentence_around(text, range.clone());
    let half = EXCERPT / 2;
    let start = if range.start - sentence.start > half {
        floor(text, range.start - half)
    } else {
        sentence.start
    };
    let end = if sentence.end - range.end > half {
        floor(text, range.end + half)
    } else {
        sentence.end
    };
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    Passage {
        url,
        paragraph,
        before: [ellipsis(start > sentence.start), &text[start..range.start]].concat(),
        mark: text[range.clone()].to_string(),
        after: [&text[range.end..end], ellipsis(end < sentence.end)].concat(),
    }
}

fn floor(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn quotes<'a>(renderer: &Renderer<'a>, id: EntityId, to_root: &str) -> Vec<QuoteView<'a>> {
    let views = &renderer.views;
    let graph = views.graph;
    let mut shown = Vec::new();
    for (article, index) in graph.entities[id.index()].quotes.iter().take(QUOTES_SHOWN) {
        let text = &graph.articles[article.index()].text;
        let quote = &text.quotes[*index as usize];
        let Some(block_text) = text.block_text(quote.block as usize) else {
            continue;
        };
        let Some(said) = block_text.get(quote.range.clone()) else {
            continue;
        };
        let card = views.article_card(*article, to_root);
        let paragraph = block_id(quote.block as usize);
        shown.push(QuoteView {
            text: excerpt(said),
            url: format!("{}#{paragraph}", card.url),
            paragraph,
            article: card,
            answer: quote.answer,
        });
    }
    shown
}

fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let at_word = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at_word])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_sentence_around_the_mention() {
        let text = "First. The General Secretary To Lam said so. Last.";
        let at = text.find("To Lam").unwrap();
        let passage = split_passage(text, at..at + 6, "a/#p-1".into(), "p-1".into());
        assert_eq!(
            (
                passage.before.as_str(),
                passage.mark.as_str(),
                passage.after.as_str()
            ),
            ("The General Secretary ", "To Lam", " said so.")
        );
    }

    #[test]
    fn shortens_long_sentences_with_ellipses() {
        let text = format!("{} Lam {}.", "word ".repeat(100), "more ".repeat(100));
        let at = text.find("Lam").unwrap();
        let passage = split_passage(&text, at..at + 3, String::new(), String::new());
        assert!(passage.before.starts_with('…') && passage.after.ends_with('…'));
        assert!(passage.before.len() + passage.after.len() <= EXCERPT + 8);
    }
}
