//! `sitemap.xml`: every page of the site with its absolute URL and, when
//! the content dates it, when it last changed: an article by its `updated`
//! or `date`, an entity by its newest article (or its own date), lists by
//! the newest article. No build timestamps: the same content gives the
//! same file.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::escape_xml;
use crate::content::Date;
use crate::link::Graph;
use crate::urls;

/// The sitemap of `pages` (site paths), under the site's absolute `base` URL.
pub fn sitemap(graph: &Graph, base: &str, pages: &[String]) -> String {
    let dates = last_changes(graph);
    let newest = graph.by_date.iter().find_map(|id| article_date(graph, *id));
    let mut paths: Vec<&String> = pages.iter().filter(|p| p.as_str() != "404.html").collect();
    paths.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        write!(
            xml,
            "  <url><loc>{}</loc>",
            escape_xml(&format!("{base}{path}"))
        )
        .unwrap();
        // Lists change with their newest article; an undated page has no date.
        let date = dates.get(path.as_str()).copied().unwrap_or(newest);
        if let Some(date) = date {
            write!(xml, "<lastmod>{date}</lastmod>").unwrap();
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn article_date(graph: &Graph, id: crate::content::ArticleId) -> Option<Date> {
    let front = &graph.article(id).front;
    front.updated.or(front.date)
}

/// When each article and entity page last changed, by site path.
fn last_changes(graph: &Graph) -> HashMap<String, Option<Date>> {
    let mut dates = HashMap::new();
    for id in graph.corpus.article_ids() {
        dates.insert(
            urls::article(&graph.article(id).slug),
            article_date(graph, id),
        );
    }
    for id in graph.corpus.entity_ids() {
        let entity = graph.entity(id);
        let newest = graph.entities[id.index()]
            .articles
            .iter()
            .filter_map(|a| article_date(graph, *a))
            .max();
        let date = newest.max(entity.front.date);
        dates.insert(
            urls::entity(graph.corpus.kind(entity.kind), &entity.slug),
            date,
        );
    }
    dates
}
