//! The content model: articles, entities and the typed ids they refer to each
//! other by, and the front matter each is written with.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::date::Date;
use crate::config::{KindConfig, LinksConfig};
use crate::error::Diagnostic;

/// The index of an article in [`Corpus::articles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub u32);

/// The index of an entity in [`Corpus::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

/// The index of a kind in [`Corpus::kinds`] (the order of `book.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KindId(pub u16);

impl ArticleId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl EntityId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl KindId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Everything loaded from the content directory.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Sorted by source path.
    pub articles: Vec<Article>,
    /// Sorted by kind, then by source path.
    pub entities: Vec<Entity>,
    pub kinds: Vec<KindConfig>,
    /// How text is linked to entities (`[links]`).
    pub links: LinksConfig,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Corpus {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.index()]
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    pub fn kind(&self, id: KindId) -> &KindConfig {
        &self.kinds[id.index()]
    }

    pub fn article_ids(&self) -> impl Iterator<Item = ArticleId> + use<> {
        (0..self.articles.len() as u32).map(ArticleId)
    }

    pub fn entity_ids(&self) -> impl Iterator<Item = EntityId> + use<> {
        (0..self.entities.len() as u32).map(EntityId)
    }
}

/// A front-matter value that points at an entity, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// A slug, a title or an alias.
    pub text: String,
    /// 1-based line in the source file.
    pub line: usize,
}

/// One article of `content/articles/`.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    /// The file it was read from, as given to diagnostics.
    pub path: PathBuf,
    pub front: ArticleFront,
    /// Explicit references, one list per kind (indexed by [`KindId`]).
    pub references: Vec<Vec<Reference>>,
    /// The byline, each name located in the file.
    pub authors: Vec<Reference>,
    /// `redirect_from`, each entry located in the file.
    pub redirects: Vec<Reference>,
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The fields an article's front matter may have, besides one list of
/// references per entity kind (named after the kind's folder).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct ArticleFront {
    pub title: String,
    pub date: Option<Date>,
    /// When the article was last revised, if after `date`.
    pub updated: Option<Date>,
    pub outlet: Option<String>,
    /// The URL the article was first published at.
    pub source: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// report, commentary, interview, op-ed, ...
    pub kind: Option<String>,
    pub language: Option<String>,
    /// One or two sentences for lists and metadata.
    pub summary: Option<String>,
    /// Overrides the slug taken from the file name.
    pub slug: Option<String>,
    /// Old slugs or site paths the article was published under; each gets
    /// a page that redirects here.
    #[serde(default)]
    pub redirect_from: Vec<String>,
    /// Every other key: entity references, checked against the kinds.
    #[serde(flatten)]
    pub other: BTreeMap<String, toml::Value>,
}

/// The keys of [`ArticleFront`], for "did you mean" hints.
pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "outlet",
    "source",
    "authors",
    "kind",
    "language",
    "summary",
    "slug",
    "redirect_from",
];

/// One entity: a resolution, a theme, a speaker, ...
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: KindId,
    pub slug: String,
    pub path: PathBuf,
    pub front: EntityFront,
    /// `redirect_from`, each entry located in the file.
    pub redirects: Vec<Reference>,
    /// What parsing found wrong but not fatal (aliases that cannot match).
    pub warnings: Vec<Diagnostic>,
    /// The summary, in Markdown.
    pub body: String,
    pub body_line: usize,
}

/// An entity's front matter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct EntityFront {
    pub title: String,
    /// Other names it goes by in the text and in references.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub date: Option<Date>,
    /// Words and phrases that mark a paragraph as being about this entity.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Overrides the slug taken from the file name.
    pub slug: Option<String>,
    /// Old slugs or site paths it was published under (see articles).
    #[serde(default)]
    pub redirect_from: Vec<String>,
    /// Kind-specific fields, shown as the entity's metadata.
    #[serde(default)]
    pub extra: toml::Table,
}

/// A TOML value in the shape templates read: dates become ISO strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PlainValue {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    List(Vec<PlainValue>),
    Table(Vec<(String, PlainValue)>),
}

impl From<&toml::Value> for PlainValue {
    fn from(value: &toml::Value) -> Self {
        match value {
            toml::Value::String(s) => PlainValue::Text(s.clone()),
            toml::Value::Integer(i) => PlainValue::Integer(*i),
            toml::Value::Float(f) => PlainValue::Float(*f),
            toml::Value::Boolean(b) => PlainValue::Bool(*b),
            toml::Value::Datetime(d) => PlainValue::Text(d.to_string()),
            toml::Value::Array(items) => PlainValue::List(items.iter().map(Into::into).collect()),
            toml::Value::Table(table) => {
                PlainValue::Table(table.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

impl PlainValue {
    /// The value as one line of text, for metadata lists.
    pub fn to_text(&self) -> String {
        match self {
            PlainValue::Text(s) => s.clone(),
            PlainValue::Integer(i) => i.to_string(),
            PlainValue::Float(f) => f.to_string(),
            PlainValue::Bool(b) => b.to_string(),
            PlainValue::List(items) => items
                .iter()
                .map(PlainValue::to_text)
                .collect::<Vec<_>>()
                .join(", "),
            PlainValue::Table(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.to_text()))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}
