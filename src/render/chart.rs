//! An entity's chart of how often it is mentioned, per article or per
//! month, drawn at build time as inline SVG whose bars link to their
//! articles and whose colours follow the theme.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::content::{ArticleId, EntityId};
use crate::link::Graph;
use crate::publish::escape_xml;
use crate::urls;

/// Above this many articles, a chart counts mentions per month.
pub const CHART_ARTICLES: usize = 24;

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
