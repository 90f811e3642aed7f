//! Atom feeds: one of all articles (`feed.xml`) and one per entity
//! (`<kind>/<slug>/feed.xml`), so a reader can follow a theme, a resolution
//! or a speaker. Each holds the newest dated articles; an undated article
//! has no place in a feed, which needs a date for every entry.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{escape_xml, timestamp};
use crate::config::Config;
use crate::content::ArticleId;
use crate::link::{Byline, Graph};
use crate::urls;
use crate::write::{Contents, OutputFile};

/// How many articles a feed holds.
pub const FEED_LENGTH: usize = 20;

/// The site's feed and every entity's.
pub fn feeds(graph: &Graph, config: &Config, base: &str) -> Vec<OutputFile> {
    let site = &config.book.title;
    let mut files = vec![feed_file(
        graph,
        config,
        base,
        &Channel {
            path: urls::FEED.to_string(),
            page: urls::HOME.to_string(),
            title: format!("{site} — articles"),
            subtitle: &config.book.description,
        },
        &graph.by_date,
    )];
    for id in graph.corpus.entity_ids() {
        let entity = graph.entity(id);
        let kind = graph.corpus.kind(entity.kind);
        let channel = Channel {
            path: urls::entity_feed(kind, &entity.slug),
            page: urls::entity(kind, &entity.slug),
            title: format!("{site} — {}", entity.front.title),
            subtitle: "",
        };
        files.push(feed_file(
            graph,
            config,
            base,
            &channel,
            &graph.entities[id.index()].articles,
        ));
    }
    files
}

struct Channel<'a> {
    path: String,
    page: String,
    title: String,
    subtitle: &'a str,
}

fn feed_file(
    graph: &Graph,
    config: &Config,
    base: &str,
    channel: &Channel,
    articles: &[ArticleId],
) -> OutputFile {
    let dated: Vec<ArticleId> = articles
        .iter()
        .copied()
        .filter(|id| graph.article(*id).front.date.is_some())
        .take(FEED_LENGTH)
        .collect();
    let updated = dated.iter().filter_map(|id| {
        let front = &graph.article(*id).front;
        front.updated.or(front.date)
    });
    let updated = updated
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let page = format!("{base}{}", channel.page);
    write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        escape_xml(&config.book.language),
        escape_xml(&channel.title)
    )
    .unwrap();
    if !channel.subtitle.is_empty() {
        writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape_xml(channel.subtitle)
        )
        .unwrap();
    }
    let author = config.book.authors.first().unwrap_or(&config.book.title);
    write!(
        xml,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape_xml(&format!("{base}{}", channel.path)),
        escape_xml(&page),
        escape_xml(&page),
        escape_xml(author)
    )
    .unwrap();
    for id in dated {
        entry(&mut xml, graph, base, id);
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: PathBuf::from(&channel.path),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

fn entry(xml: &mut String, graph: &Graph, base: &str, id: ArticleId) {
    let article = graph.article(id);
    let front = &article.front;
    let url = escape_xml(&format!("{base}{}", urls::article(&article.slug)));
    let published = front.date.map(timestamp).unwrap_or_default();
    let updated = front
        .updated
        .map(timestamp)
        .unwrap_or_else(|| published.clone());
    write!(
        xml,
        "  <entry>\n    <title>{}</title>\n    <link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>\n    <id>{url}</id>\n    <published>{published}</published>\n    <updated>{updated}</updated>\n",
        escape_xml(&front.title)
    )
    .unwrap();
    for name in graph.articles[id.index()].byline.iter() {
        let name = match name {
            Byline::Entity(entity) => &graph.entity(*entity).front.title,
            Byline::Name(name) => name,
        };
        writeln!(
            xml,
            "    <author><name>{}</name></author>",
            escape_xml(name)
        )
        .unwrap();
    }
    if let Some(summary) = &front.summary {
        writeln!(xml, "    <summary>{}</summary>", escape_xml(summary)).unwrap();
    }
    xml.push_str("  </entry>\n");
}
