//! The timeline page: every dated entity (the resolutions, by the date they
//! were issued) and every dated article, oldest first, grouped by year.
//! Undated items have no place on it.

use serde::Serialize;
use tera::Context;

use super::{PageBase, Renderer};
use crate::content::Date;
use crate::urls;

#[derive(Serialize)]
struct TimelinePage<'a> {
    #[serde(flatten)]
    base: PageBase<'a>,
    title: &'a str,
    years: Vec<Year<'a>>,
}

#[derive(Serialize)]
struct Year<'a> {
    year: u16,
    items: Vec<Item<'a>>,
}

/// One dated thing: an article or an entity.
#[derive(Serialize)]
struct Item<'a> {
    date: String,
    date_long: String,
    /// "Article", or the entity's kind ("Resolution").
    label: &'a str,
    /// Whether it is an entity (shown more prominently than articles).
    entity: bool,
    title: &'a str,
    url: String,
    outlet: Option<&'a str>,
}

pub(super) fn context(renderer: &Renderer) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let graph = views.graph;
    let path = urls::TIMELINE.to_string();
    let to_root = urls::to_root(&path);
    let mut dated: Vec<(Date, u8, usize, Item)> = Vec::new();
    for (order, id) in graph.by_date.iter().rev().enumerate() {
        let article = graph.article(*id);
        let Some(date) = article.front.date else {
            continue;
        };
        dated.push((
            date,
            1,
            order,
            Item {
                date: date.to_string(),
                date_long: date.long(),
                label: "Article",
                entity: false,
                title: &article.front.title,
                url: format!("{to_root}{}", urls::article(&article.slug)),
                outlet: article.front.outlet.as_deref(),
            },
        ));
    }
    for ids in &graph.by_kind {
        for (order, id) in ids.iter().enumerate() {
            let entity = graph.entity(*id);
            let Some(date) = entity.front.date else {
                continue;
            };
            let kind = graph.corpus.kind(entity.kind);
            dated.push((
                date,
                0,
                order,
                Item {
                    date: date.to_string(),
                    date_long: date.long(),
                    label: &kind.singular,
                    entity: true,
                    title: &entity.front.title,
                    url: format!("{to_root}{}", urls::entity(kind, &entity.slug)),
                    outlet: None,
                },
            ));
        }
    }
    // On the same day, what was issued comes before what was written about it.
    dated.sort_by_key(|d| (d.0, d.1, d.2));
    let mut years: Vec<Year> = Vec::new();
    for (date, _, _, item) in dated {
        match years.last_mut() {
            Some(year) if year.year == date.year => year.items.push(item),
            _ => years.push(Year {
                year: date.year,
                items: vec![item],
            }),
        }
    }
    Context::from_serialize(&TimelinePage {
        base: views.base(&path, to_root),
        title: "Timeline",
        years,
    })
}
