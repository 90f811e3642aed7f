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

impl<'a> Item<'a> {
    fn new(date: Date, label: &'a str, title: &'a str, url: String) -> Item<'a> {
        Item {
            date: date.to_string(),
            date_long: date.long(),
            label,
            entity: false,
            title,
            url,
            outlet: None,
        }
    }
}

pub(super) fn context<'a>(renderer: &Renderer<'a>) -> tera::TeraResult<Context> {
    let views = &renderer.views;
    let graph = views.graph;
    let path = urls::TIMELINE.to_string();
    let to_root = urls::to_root(&path);
    // Sorted by date, then entities before articles (on the same day, what
    // was issued comes before what was written about it), then list order.
    let mut dated: Vec<(Date, bool, usize, Item)> = Vec::new();
    let mut add =
        |date: Date, order: usize, item: Item<'a>| dated.push((date, !item.entity, order, item));
    for (order, id) in graph.by_date.iter().rev().enumerate() {
        let article = graph.article(*id);
        if let Some(date) = article.front.date {
            let url = format!("{to_root}{}", urls::article(&article.slug));
            let mut item = Item::new(date, "Article", &article.front.title, url);
            item.outlet = article.front.outlet.as_deref();
            add(date, order, item);
        }
    }
    for ids in &graph.by_kind {
        for (order, id) in ids.iter().enumerate() {
            let entity = graph.entity(*id);
            let kind = graph.corpus.kind(entity.kind);
            if let Some(date) = entity.front.date {
                let url = format!("{to_root}{}", urls::entity(kind, &entity.slug));
                let mut item = Item::new(date, &kind.singular, &entity.front.title, url);
                item.entity = true;
                add(date, order, item);
            }
        }
    }
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
