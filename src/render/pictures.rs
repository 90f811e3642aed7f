//! Pictures drawn at build time as inline SVG, so their links are real links
//! and their colours follow the theme (light or dark) through CSS classes:
//! the connections map (entities of every kind in columns, joined by how
//! many articles they share) and an entity's chart of mentions per article
//! or per month. Layouts depend only on the graph, never on hash order or
//! thread count, so the same content draws the same picture.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::content::{ArticleId, EntityId};
use crate::link::Graph;
use crate::publish::escape_xml;
use crate::urls;

/// The most entities of one kind the map shows (those in most articles).
pub const MAP_NODES_PER_KIND: usize = 14;
/// The most connections the map draws (the strongest).
pub const MAP_EDGES: usize = 150;
/// Above this many articles, a chart counts mentions per month.
pub const CHART_ARTICLES: usize = 24;

const NODE_WIDTH: f64 = 270.0;
const NODE_HEIGHT: f64 = 26.0;
const ROW: f64 = 34.0;
const GAP: f64 = 150.0;
const TOP: f64 = 44.0;
const MARGIN: f64 = 8.0;
/// Characters of a title that fit in a node.
const LABEL_CHARS: usize = 35;

/// One entity on the map, at its row in its kind's column.
struct Node {
    entity: EntityId,
    column: usize,
    row: usize,
}

/// The connections map: a column per kind, each with its entities in most
/// articles, ordered so that connected entities sit at similar heights,
/// and a curve for each pair of entities of different kinds that share
/// articles, as thick as how many. `None` when nothing is connected.
pub fn connections_map(graph: &Graph, to_root: &str) -> Option<String> {
    let columns = map_columns(graph);
    let position: BTreeMap<EntityId, (usize, usize)> = columns
        .iter()
        .enumerate()
        .flat_map(|(c, ids)| ids.iter().enumerate().map(move |(r, id)| (*id, (c, r))))
        .collect();
    let mut edges: Vec<(EntityId, EntityId, u32)> = graph
        .edges
        .iter()
        .filter(|(a, b, _)| {
            matches!((position.get(a), position.get(b)), (Some(x), Some(y)) if x.0 != y.0)
        })
        .copied()
        .collect();
    edges.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    edges.truncate(MAP_EDGES);
    if edges.is_empty() {
        return None;
    }
    let columns = order_by_neighbours(columns, &edges);
    let nodes: Vec<Node> = columns
        .iter()
        .enumerate()
        .flat_map(|(column, ids)| {
            ids.iter().enumerate().map(move |(row, entity)| Node {
                entity: *entity,
                column,
                row,
            })
        })
        .collect();
    Some(draw_map(graph, &columns, &nodes, &edges, to_root))
}

/// Per kind, its entities in most articles (ties in the kind's order).
fn map_columns(graph: &Graph) -> Vec<Vec<EntityId>> {
    graph
        .by_kind
        .iter()
        .map(|ids| {
            let mut ids: Vec<EntityId> = ids
                .iter()
                .copied()
                .filter(|id| !graph.entities[id.index()].articles.is_empty())
                .collect();
            ids.sort_by_key(|id| {
                (
                    std::cmp::Reverse(graph.entities[id.index()].articles.len()),
                    graph.rank[id.index()],
                )
            });
            ids.truncate(MAP_NODES_PER_KIND);
            ids
        })
        .filter(|ids| !ids.is_empty())
        .collect()
}

/// A few sweeps of the barycentre heuristic: each entity moves towards the
/// mean row of what it is connected to, which uncrosses most curves.
fn order_by_neighbours(
    mut columns: Vec<Vec<EntityId>>,
    edges: &[(EntityId, EntityId, u32)],
) -> Vec<Vec<EntityId>> {
    for _ in 0..4 {
        for column in 0..columns.len() {
            let row_of: BTreeMap<EntityId, f64> = columns
                .iter()
                .flat_map(|ids| ids.iter().enumerate().map(|(r, id)| (*id, r as f64)))
                .collect();
            let mut keyed: Vec<(f64, usize, EntityId)> = columns[column]
                .iter()
                .enumerate()
                .map(|(row, id)| {
                    let (mut sum, mut weight) = (0.0, 0.0);
                    for (a, b, w) in edges {
                        let other = if a == id {
                            b
                        } else if b == id {
                            a
                        } else {
                            continue;
                        };
                        sum += row_of[other] * f64::from(*w);
                        weight += f64::from(*w);
                    }
                    let centre = if weight > 0.0 {
                        sum / weight
                    } else {
                        row as f64
                    };
                    (centre, row, *id)
                })
                .collect();
            keyed.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            columns[column] = keyed.into_iter().map(|(_, _, id)| id).collect();
        }
    }
    columns
}

fn draw_map(
    graph: &Graph,
    columns: &[Vec<EntityId>],
    nodes: &[Node],
    edges: &[(EntityId, EntityId, u32)],
    to_root: &str,
) -> String {
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let width = MARGIN * 2.0 + columns.len() as f64 * (NODE_WIDTH + GAP) - GAP;
    let height = TOP + rows as f64 * ROW + MARGIN;
    let x_of = |column: usize| MARGIN + column as f64 * (NODE_WIDTH + GAP);
    let y_of = |row: usize| TOP + row as f64 * ROW + NODE_HEIGHT / 2.0;
    let at: BTreeMap<EntityId, (usize, usize)> = nodes
        .iter()
        .map(|n| (n.entity, (n.column, n.row)))
        .collect();
    let heaviest = edges.iter().map(|e| e.2).max().unwrap_or(1) as f64;

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"map\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-labelledby=\"map-title\">\
         <title id=\"map-title\">How the entities connect: a curve joins two that share articles, thicker for more</title>"
    );
    for (column, ids) in columns.iter().enumerate() {
        let kind = graph.corpus.kind(graph.entity(ids[0]).kind);
        let _ = write!(
            svg,
            "<text class=\"map-heading\" x=\"{:.0}\" y=\"24\">{}</text>",
            x_of(column),
            escape_xml(&kind.plural)
        );
    }
    svg.push_str("<g class=\"map-edges\">");
    for (a, b, shared) in edges {
        let (mut from, mut to) = (at[a], at[b]);
        if from.0 > to.0 {
            std::mem::swap(&mut from, &mut to);
        }
        let (x1, y1) = (x_of(from.0) + NODE_WIDTH, y_of(from.1));
        let (x2, y2) = (x_of(to.0), y_of(to.1));
        let bend = (x2 - x1) / 2.0;
        let _ = write!(
            svg,
            "<path class=\"edge-{}\" d=\"M{x1:.1} {y1:.1}C{:.1} {y1:.1} {:.1} {y2:.1} {x2:.1} {y2:.1}\" stroke-width=\"{:.1}\"/>",
            graph.entity(*a).kind.index().min(5),
            x1 + bend,
            x2 - bend,
            1.0 + 5.0 * f64::from(*shared) / heaviest
        );
    }
    svg.push_str("</g>");
    for node in nodes {
        draw_node(
            &mut svg,
            graph,
            node,
            x_of(node.column),
            y_of(node.row),
            to_root,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn draw_node(svg: &mut String, graph: &Graph, node: &Node, x: f64, y: f64, to_root: &str) {
    let entity = graph.entity(node.entity);
    let kind = graph.corpus.kind(entity.kind);
    let articles = graph.entities[node.entity.index()].articles.len();
    let title = &entity.front.title;
    let label = shorten(title, LABEL_CHARS);
    let _ = write!(
        svg,
        "<a class=\"node node-{}\" href=\"{to_root}{}\"><title>{} ({articles} article{})</title>\
         <rect x=\"{x:.0}\" y=\"{:.0}\" width=\"{NODE_WIDTH:.0}\" height=\"{NODE_HEIGHT:.0}\" rx=\"4\"/>\
         <text x=\"{:.0}\" y=\"{:.0}\">{}</text></a>",
        entity.kind.index().min(5),
        urls::entity(kind, &entity.slug),
        escape_xml(title),
        if articles == 1 { "" } else { "s" },
        y - NODE_HEIGHT / 2.0,
        x + 8.0,
        y + 4.5,
        escape_xml(&label)
    );
}

/// `text` cut at a word to at most `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let ends_a_word = text[cut.len()..].starts_with(' ');
    let cut = match cut.rfind(' ') {
        Some(space) if !ends_a_word && space > max / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A bar of the mentions chart.
struct Bar {
    label: String,
    mentions: u32,
    /// The article the bar stands for (none for a month).
    url: Option<String>,
}

/// The chart of how often the entity is mentioned: a bar per article, oldest
/// first (a bar per month when there are many), each a link to its
/// article. `None` when no dated article mentions it.
pub fn mentions_chart(graph: &Graph, entity: EntityId, to_root: &str) -> Option<String> {
    let mut dated: Vec<(ArticleId, u32)> = graph.entities[entity.index()]
        .articles
        .iter()
        .filter(|id| graph.article(**id).front.date.is_some())
        .map(|id| (*id, mentions_in(graph, *id, entity)))
        .collect();
    dated.reverse();
    if dated.iter().all(|(_, m)| *m == 0) {
        return None;
    }
    let bars: Vec<Bar> = if dated.len() > CHART_ARTICLES {
        by_month(graph, &dated)
    } else {
        dated
            .iter()
            .map(|(id, mentions)| {
                let article = graph.article(*id);
                Bar {
                    label: format!(
                        "{} ({})",
                        article.front.title,
                        article.front.date.map(|d| d.long()).unwrap_or_default()
                    ),
                    mentions: *mentions,
                    url: Some(format!("{to_root}{}", urls::article(&article.slug))),
                }
            })
            .collect()
    };
    let span = |id: ArticleId| graph.article(id).front.date.map(|d| d.long());
    let first = span(dated[0].0).unwrap_or_default();
    let last = span(dated[dated.len() - 1].0).unwrap_or_default();
    let unit = if dated.len() > CHART_ARTICLES {
        "month"
    } else {
        "article"
    };
    Some(draw_chart(&bars, unit, &first, &last))
}

fn mentions_in(graph: &Graph, article: ArticleId, entity: EntityId) -> u32 {
    graph.relation(article, entity).map_or(0, |r| r.mentions)
}

/// Mentions summed per month, every month of the span included.
fn by_month(graph: &Graph, dated: &[(ArticleId, u32)]) -> Vec<Bar> {
    let mut months: BTreeMap<(u16, u8), u32> = BTreeMap::new();
    for (id, mentions) in dated {
        let date = graph.article(*id).front.date.expect("dated");
        *months.entry((date.year, date.month)).or_default() += mentions;
    }
    let (Some(first), Some(last)) = (months.keys().next(), months.keys().last()) else {
        return Vec::new();
    };
    let (mut year, mut month) = *first;
    let last = *last;
    let mut bars = Vec::new();
    while (year, month) <= last {
        bars.push(Bar {
            label: format!("{year}-{month:02}"),
            mentions: months.get(&(year, month)).copied().unwrap_or(0),
            url: None,
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    bars
}

fn draw_chart(bars: &[Bar], unit: &str, first: &str, last: &str) -> String {
    const MAX_WIDTH: f64 = 640.0;
    const MAX_STEP: f64 = 44.0;
    const PLOT: f64 = 80.0;
    const LABELS: f64 = 16.0;
    let most = bars.iter().map(|b| b.mentions).max().unwrap_or(1).max(1);
    let step = (MAX_WIDTH / bars.len() as f64).min(MAX_STEP);
    let width = (step * bars.len() as f64).max(240.0);
    let bar_width = (step * 0.8).max(1.0);
    // Counts above the bars, when there is room for them.
    let counted = step >= 18.0;
    let top = if counted { LABELS } else { 0.0 };
    let total: u32 = bars.iter().map(|b| b.mentions).sum();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {width:.0} {:.0}\" width=\"{width:.0}\" role=\"group\" aria-labelledby=\"chart-title\">\
         <title id=\"chart-title\">Mentions per {unit}, {} from {} to {}: {total} in all, at most {most} in one {unit}</title>",
        top + PLOT + 22.0,
        bars.len(),
        escape_xml(first),
        escape_xml(last)
    );
    for (i, bar) in bars.iter().enumerate() {
        let height = (f64::from(bar.mentions) / f64::from(most) * PLOT).max(1.5);
        let x = i as f64 * step + (step - bar_width) / 2.0;
        let mut shape = format!(
            "<title>{}: {} mention{}</title><rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar_width:.1}\" height=\"{height:.1}\"/>",
            escape_xml(&bar.label),
            bar.mentions,
            if bar.mentions == 1 { "" } else { "s" },
            top + PLOT - height
        );
        if counted {
            let _ = write!(
                shape,
                "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar_width / 2.0,
                top + PLOT - height - 4.0,
                bar.mentions
            );
        }
        match &bar.url {
            Some(url) => {
                let _ = write!(svg, "<a href=\"{}\">{shape}</a>", escape_xml(url));
            }
            None => {
                let _ = write!(svg, "<g>{shape}</g>");
            }
        }
    }
    let (base, under) = (top + PLOT, top + PLOT + 18.0);
    let _ = write!(
        svg,
        "<line x1=\"0\" y1=\"{base:.1}\" x2=\"{width:.0}\" y2=\"{base:.1}\"/>\
         <text x=\"0\" y=\"{under:.0}\">{}</text><text x=\"{width:.0}\" y=\"{under:.0}\" text-anchor=\"end\">{}</text></svg>",
        escape_xml(first),
        escape_xml(last)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_long_titles_at_a_word() {
        assert_eq!(shorten("Short", 30), "Short");
        assert_eq!(
            shorten("Institutions and international commitments", 31),
            "Institutions and international…"
        );
        assert_eq!(shorten("Resolution 59-NQ/TW", 10), "Resolutio…");
    }

    #[test]
    fn charts_have_a_bar_per_item_and_name_the_span() {
        let bars = vec![
            Bar {
                label: "A".into(),
                mentions: 4,
                url: Some("../a/".into()),
            },
            Bar {
                label: "B & C".into(),
                mentions: 0,
                url: None,
            },
        ];
        let svg = draw_chart(&bars, "article", "1 May 2025", "2 June 2025");
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<a href=\"../a/\">"));
        assert!(svg.contains("B &amp; C: 0 mentions"));
        assert!(svg.contains("4 in all, at most 4 in one article"));
    }
}
