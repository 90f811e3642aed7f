//! The connections map, drawn at build time as inline SVG (so its nodes are
//! real links and its colours follow the theme through CSS classes): the
//! entities of every kind in columns, joined by how many articles they
//! share; and the context of the page that shows it. The layout depends only
//! on the graph, so the same content draws the same picture.

use super::flat::serialize_flat;
use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;
use tera::Context;

use super::{EntityCard, PageBase, Renderer};
use crate::content::EntityId;
use crate::link::Graph;
use crate::publish::escape_xml;
use crate::urls;

/// How many of the strongest connections the page lists as text.
const STRONGEST_CONNECTIONS: usize = 30;

#[derive(Serialize)]
struct Connection<'a> {
    from: EntityCard<'a>,
    to: EntityCard<'a>,
    shared: u32,
}

struct ConnectionsPage<'a> {
    base: PageBase<'a>,
    title: &'a str,
    /// The picture, inline SVG; none when no two entities share articles.
    map: Option<String>,
    strongest: Vec<Connection<'a>>,
}
serialize_flat!(ConnectionsPage { base; title, map, strongest });

/// The connections page: the map, then the strongest connections between
/// entities of different kinds as a list.
pub(super) fn context(renderer: &Renderer) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let graph = views.graph;
    let path = urls::CONNECTIONS.to_string();
    let to_root = urls::to_root(&path);
    let mut across: Vec<&(EntityId, EntityId, u32)> = graph
        .edges
        .iter()
        .filter(|(a, b, _)| graph.entity(*a).kind != graph.entity(*b).kind)
        .collect();
    across.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let strongest = across
        .into_iter()
        .take(STRONGEST_CONNECTIONS)
        .map(|(a, b, shared)| Connection {
            from: views.entity_card(*a, &to_root),
            to: views.entity_card(*b, &to_root),
            shared: *shared,
        })
        .collect();
    Context::from_serialize(&ConnectionsPage {
        map: connections_map(graph, &to_root),
        strongest,
        base: views.base(&path, to_root),
        title: "Connections",
    })
}

/// The most entities of one kind the map shows (those in most articles).
pub const MAP_NODES_PER_KIND: usize = 14;
/// The most connections the map draws (the strongest).
pub const MAP_EDGES: usize = 150;

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
}
