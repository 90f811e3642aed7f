//! The data templates see: serializable views of the graph, built for one
//! page at a time so that every URL in them is already relative to that page.

use serde::Serialize;

use super::flat::fields;

use crate::config::{Config, KindConfig};
use crate::content::{Article, ArticleId, Entity, EntityId, KindId, PlainValue};
use crate::link::{Byline, Graph};
use crate::urls;

/// What every page gets: the site, the navigation and where the page is.
#[derive(Debug, Serialize)]
pub struct PageBase<'a> {
    pub site: SiteView<'a>,
    /// The relative path from this page to the site root (`../../`).
    pub root: String,
    /// This page's path inside the site (`articles/x/`).
    pub path: String,
    /// This page's absolute URL, when `[site] url` is set.
    pub canonical: Option<String>,
    /// The first segment of `path` (`articles`, `themes`, empty at home).
    pub section: String,
    pub nav: Vec<KindView<'a>>,
    /// What the page is about, for `<meta name="description">` and cards.
    pub description: String,
    /// The OpenGraph type: `website`, or `article` for articles.
    pub og_type: &'static str,
    /// Atom feeds to announce (the site's, and the page's own if it has one).
    pub feeds: Vec<FeedLink>,
}
fields!(PageBase {
    site,
    root,
    path,
    canonical,
    section,
    nav,
    description,
    og_type,
    feeds
});

/// A feed a page announces with `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: String,
    /// Absolute, as feed readers need.
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub url: Option<&'a str>,
    pub authors: &'a [String],
    pub article_count: usize,
}

/// A kind, with the link to its index page.
#[derive(Debug, Clone, Serialize)]
pub struct KindView<'a> {
    pub name: &'a str,
    pub singular: &'a str,
    pub plural: &'a str,
    /// The kind's URL segment (`themes`).
    pub segment: &'a str,
    pub url: String,
    pub count: usize,
}

/// An article as lists show it.
#[derive(Debug, Serialize)]
pub struct ArticleCard<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: Option<&'a str>,
    pub date_long: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub summary: Option<&'a str>,
}
fields!(ArticleCard {
    title,
    url,
    date,
    date_long,
    outlet,
    kind,
    summary
});

/// An entity as lists show it.
#[derive(Debug, Serialize)]
pub struct EntityCard<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub kind: &'a str,
    pub date: Option<String>,
    pub date_long: Option<String>,
    /// How many articles point to it.
    pub article_count: usize,
    pub summary: &'a str,
}
fields!(EntityCard {
    title,
    slug,
    url,
    kind,
    date,
    date_long,
    article_count,
    summary
});

/// A link with a label; `url` is absent for names that have no page.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub url: Option<String>,
}
fields!(LinkView { title, url });

/// The entities of one kind, for pages that group them.
#[derive(Debug, Serialize)]
pub struct EntityGroup<'a> {
    pub kind: KindView<'a>,
    pub entities: Vec<EntityCard<'a>>,
}

/// One metadata field of an entity (`[extra]`).
#[derive(Debug, Serialize)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub value: String,
    /// The value as a link target, when it is one web address (the URL
    /// policy has passed it): themes link it, never `value`.
    pub url: Option<String>,
}

/// Builds the views for pages of one graph.
pub struct Views<'a> {
    pub graph: &'a Graph,
    pub config: &'a Config,
    /// First paragraph of each entity's summary, as plain text.
    pub summaries: &'a [String],
    /// What every card of an article says the same way, by article.
    pub article_texts: &'a [ArticleTexts],
}

/// An article's path and dates as its cards show them, made once: an
/// article has a card on every list and entity page it is on.
pub struct ArticleTexts {
    path: String,
    date: Option<String>,
    date_long: Option<String>,
}

impl ArticleTexts {
    pub fn of(article: &Article) -> ArticleTexts {
        ArticleTexts {
            path: urls::article(&article.slug),
            date: article.front.date.map(|d| d.to_string()),
            date_long: article.front.date.map(|d| d.long()),
        }
    }
}

impl<'a> Views<'a> {
    pub fn base(&self, path: &str, to_root: String) -> PageBase<'a> {
        let book = &self.config.book;
        PageBase {
            site: SiteView {
                title: &book.title,
                description: &book.description,
                language: &book.language,
                url: self.config.site.url.as_deref(),
                authors: &book.authors,
                article_count: self.graph.corpus.articles.len(),
            },
            nav: (0..self.graph.corpus.kinds.len())
                .map(|k| self.kind(KindId(k as u16), &to_root))
                .collect(),
            canonical: urls::absolute(self.config.site.url.as_deref(), path),
            description: book.description.clone(),
            og_type: "website",
            feeds: urls::absolute(self.config.site.url.as_deref(), urls::FEED)
                .map(|url| FeedLink {
                    title: format!("{} — articles", book.title),
                    url,
                })
                .into_iter()
                .collect(),
            section: path.split('/').next().unwrap_or("").to_string(),
            path: path.to_string(),
            root: to_root,
        }
    }

    /// The feed of an entity's articles, when the site's URL is known.
    pub fn entity_feed(&self, id: crate::content::EntityId) -> Option<FeedLink> {
        let entity = self.graph.entity(id);
        let kind = self.graph.corpus.kind(entity.kind);
        let url = urls::absolute(
            self.config.site.url.as_deref(),
            &urls::entity_feed(kind, &entity.slug),
        )?;
        Some(FeedLink {
            title: format!("{} — {}", self.config.book.title, entity.front.title),
            url,
        })
    }

    pub fn kind(&self, id: KindId, to_root: &str) -> KindView<'a> {
        let kind: &KindConfig = &self.graph.corpus.kinds[id.index()];
        KindView {
            name: &kind.name,
            singular: &kind.singular,
            plural: &kind.plural,
            segment: &kind.url,
            url: format!("{to_root}{}", urls::kind_index(kind)),
            count: self.graph.by_kind[id.index()].len(),
        }
    }

    pub fn article_card(&self, id: ArticleId, to_root: &str) -> ArticleCard<'a> {
        let article: &'a Article = self.graph.article(id);
        let front = &article.front;
        let texts = &self.article_texts[id.index()];
        ArticleCard {
            title: &front.title,
            url: [to_root, texts.path.as_str()].concat(),
            date: texts.date.as_deref(),
            date_long: texts.date_long.as_deref(),
            outlet: front.outlet.as_deref(),
            kind: front.kind.as_deref(),
            summary: front.summary.as_deref(),
        }
    }

    pub fn entity_card(&self, id: EntityId, to_root: &str) -> EntityCard<'a> {
        let entity: &'a Entity = self.graph.entity(id);
        let kind = self.graph.corpus.kind(entity.kind);
        EntityCard {
            title: &entity.front.title,
            slug: &entity.slug,
            url: format!("{to_root}{}", urls::entity(kind, &entity.slug)),
            kind: &kind.name,
            date: entity.front.date.map(|d| d.to_string()),
            date_long: entity.front.date.map(|d| d.long()),
            article_count: self.graph.entities[id.index()].articles.len(),
            summary: &self.summaries[id.index()],
        }
    }

    /// The given entities grouped by kind, in kind order; empty groups dropped.
    pub fn groups(&self, ids: &[EntityId], to_root: &str) -> Vec<EntityGroup<'a>> {
        (0..self.graph.corpus.kinds.len())
            .map(|k| KindId(k as u16))
            .map(|kind| EntityGroup {
                kind: self.kind(kind, to_root),
                entities: ids
                    .iter()
                    .filter(|id| self.graph.entity(**id).kind == kind)
                    .map(|id| self.entity_card(*id, to_root))
                    .collect(),
            })
            .filter(|group| !group.entities.is_empty())
            .collect()
    }

    pub fn byline(&self, id: ArticleId, to_root: &str) -> Vec<LinkView<'a>> {
        self.graph.articles[id.index()]
            .byline
            .iter()
            .map(|name| match name {
                Byline::Entity(entity) => {
                    let card = self.entity_card(*entity, to_root);
                    LinkView {
                        title: card.title,
                        url: Some(card.url),
                    }
                }
                Byline::Name(name) => LinkView {
                    title: name,
                    url: None,
                },
            })
            .collect()
    }

    /// An entity's `[extra]` fields, with readable labels.
    pub fn fields(&self, entity: &Entity) -> Vec<Field> {
        entity
            .front
            .extra
            .iter()
            .map(|(key, value)| {
                let url = value
                    .as_str()
                    .filter(|text| crate::url_policy::check_external(text).is_ok())
                    .map(str::to_string);
                Field {
                    key: key.clone(),
                    label: label_of(key),
                    value: PlainValue::from(value).to_text(),
                    url,
                }
            })
            .collect()
    }
}

/// `issued_by` / `issued-by` → "Issued by".
fn label_of(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::label_of;

    #[test]
    fn labels_keys_readably() {
        assert_eq!(label_of("issued_by"), "Issued by");
        assert_eq!(label_of("code"), "Code");
    }
}
