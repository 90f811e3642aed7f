//! The context of an article page: the body with paragraph anchors and
//! auto-links, its metadata, its entities by kind (declared or found in the
//! text, with how often), who it quotes, and its related articles.

use super::flat::serialize_flat;
use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::context::{ArticleCard, EntityCard, KindView, LinkView, PageBase};
use super::markdown::{BodyLink, Heading, render_article_body};
use crate::content::{ArticleId, EntityId, KindId};
use crate::link::{Graph, of_kind};
use crate::text::blocks::block_id;
use crate::urls;

struct ArticlePage<'a> {
    base: PageBase<'a>,
    title: &'a str,
    article: ArticleView<'a>,
    /// The next older article.
    previous: Option<ArticleCard<'a>>,
    /// The next newer article.
    next: Option<ArticleCard<'a>>,
}
serialize_flat!(ArticlePage { base; title, article, previous, next });

struct ArticleView<'a> {
    card: ArticleCard<'a>,
    slug: &'a str,
    source: Option<&'a str>,
    language: Option<&'a str>,
    updated: Option<String>,
    authors: Vec<LinkView<'a>>,
    html: String,
    headings: Vec<Heading>,
    /// Its entities by kind.
    groups: Vec<RelatedGroup<'a>>,
    /// The people it quotes, in order of first quote.
    quoted: Vec<QuotedView<'a>>,
    related: Vec<ArticleCard<'a>>,
    paragraphs: usize,
}
serialize_flat!(ArticleView { card; slug, source, language, updated, authors, html, headings, groups, quoted, related, paragraphs });

/// The entities of one kind an article relates to.
#[derive(Serialize)]
struct RelatedGroup<'a> {
    kind: KindView<'a>,
    entities: Vec<RelatedEntity<'a>>,
}

/// An entity as an article relates to it.
struct RelatedEntity<'a> {
    card: EntityCard<'a>,
    /// Declared in the front matter.
    explicit: bool,
    /// Found in the text.
    detected: bool,
    /// How many times the text mentions it.
    mentions: u32,
    /// Tagged by its keywords.
    tagged: bool,
    /// The anchor of its first mention, if any.
    first: Option<String>,
}
serialize_flat!(RelatedEntity { card; explicit, detected, mentions, tagged, first });

/// A person the article quotes.
struct QuotedView<'a> {
    speaker: LinkView<'a>,
    count: usize,
    /// The anchor of the first quote.
    first: String,
}
serialize_flat!(QuotedView { speaker; count, first });

pub(super) fn context(renderer: &Renderer, id: ArticleId) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let graph = views.graph;
    let article = graph.article(id);
    let path = urls::article(&article.slug);
    let to_root = urls::to_root(&path);
    let position = graph.by_date.iter().position(|a| *a == id).unwrap_or(0);
    let previous = graph
        .by_date
        .get(position + 1)
        .map(|a| views.article_card(*a, &to_root));
    let next = position
        .checked_sub(1)
        .map(|p| views.article_card(graph.by_date[p], &to_root));
    let links = body_links(graph, id, &to_root);
    let policy = graph.corpus.links.auto_link;
    let body = render_article_body(&article.body, &to_root, renderer.markdown, &links, policy);
    let article_links = &graph.articles[id.index()];
    let view = ArticleView {
        card: views.article_card(id, &to_root),
        slug: &article.slug,
        source: article.front.source.as_deref(),
        language: article.front.language.as_deref(),
        updated: article.front.updated.map(|d| d.to_string()),
        authors: views.byline(id, &to_root),
        html: body.html,
        headings: body.headings,
        groups: groups(renderer, id, &to_root),
        quoted: quoted(renderer, id, &to_root),
        related: article_links
            .related
            .iter()
            .map(|a| views.article_card(*a, &to_root))
            .collect(),
        paragraphs: article_links.text.blocks.len(),
    };
    Context::from_serialize(&ArticlePage {
        base: {
            let mut base = views.base(&path, to_root);
            base.og_type = "article";
            if let Some(summary) = &article.front.summary {
                base.description = summary.clone();
            }
            base
        },
        title: &article.front.title,
        article: view,
        previous,
        next,
    })
}

/// Every mention of the article, as a candidate link to its entity's page.
fn body_links(graph: &Graph, id: ArticleId, to_root: &str) -> Vec<BodyLink> {
    graph.articles[id.index()]
        .text
        .mentions
        .iter()
        .map(|mention| {
            let entity = graph.entity(mention.entity);
            BodyLink {
                entity: mention.entity,
                block: mention.block,
                range: mention.range.clone(),
                url: format!(
                    "{to_root}{}",
                    urls::entity(graph.corpus.kind(entity.kind), &entity.slug)
                ),
                title: entity.front.title.clone(),
            }
        })
        .collect()
}

fn groups<'a>(renderer: &Renderer<'a>, id: ArticleId, to_root: &str) -> Vec<RelatedGroup<'a>> {
    let views = &renderer.views;
    let graph = views.graph;
    let text = &graph.articles[id.index()].text;
    (0..graph.corpus.kinds.len())
        .map(|k| KindId(k as u16))
        .map(|kind| RelatedGroup {
            kind: views.kind(kind, to_root),
            entities: of_kind(graph, id, kind)
                .map(|relation| RelatedEntity {
                    card: views.entity_card(relation.entity, to_root),
                    explicit: relation.explicit,
                    detected: relation.detected(),
                    mentions: relation.mentions,
                    tagged: relation.tagged,
                    first: text
                        .mentions
                        .iter()
                        .find(|m| m.entity == relation.entity)
                        .map(|m| block_id(m.block as usize)),
                })
                .collect(),
        })
        .filter(|group| !group.entities.is_empty())
        .collect()
}

fn quoted<'a>(renderer: &Renderer<'a>, id: ArticleId, to_root: &str) -> Vec<QuotedView<'a>> {
    let views = &renderer.views;
    let quotes = &views.graph.articles[id.index()].text.quotes;
    let mut speakers: Vec<EntityId> = Vec::new();
    for quote in quotes {
        if !speakers.contains(&quote.speaker) {
            speakers.push(quote.speaker);
        }
    }
    speakers
        .into_iter()
        .map(|speaker| {
            let card = views.entity_card(speaker, to_root);
            let mine: Vec<_> = quotes.iter().filter(|q| q.speaker == speaker).collect();
            QuotedView {
                speaker: LinkView {
                    title: card.title,
                    url: Some(card.url),
                },
                count: mine.len(),
                first: block_id(mine[0].block as usize),
            }
        })
        .collect()
}
