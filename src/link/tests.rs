use std::path::Path;

use super::*;
use crate::config::default_kinds;
use crate::content::{ArticleId, EntityId, parse_article, parse_entity};

pub(super) fn corpus(articles: &[(&str, &str)], entities: &[(u16, &str, &str)]) -> Corpus {
    let kinds = default_kinds();
    Corpus {
        articles: articles
            .iter()
            .map(|(name, text)| parse_article(Path::new(name), text, &kinds).unwrap())
            .collect(),
        entities: entities
            .iter()
            .map(|(kind, name, text)| parse_entity(Path::new(name), text, KindId(*kind)).unwrap())
            .collect(),
        kinds,
        links: Default::default(),
        warnings: Vec::new(),
    }
}

const RESOLUTIONS: &[(u16, &str, &str)] = &[
    (
        0,
        "59-nq-tw.md",
        "+++\ntitle = \"Resolution 59-NQ/TW\"\naliases = [\"Nghị quyết 59\"]\ndate = 2025-01-24\n+++\n",
    ),
    (
        0,
        "22-nq-tw.md",
        "+++\ntitle = \"Resolution 22-NQ/TW\"\ndate = 2013-04-10\n+++\n",
    ),
    (
        2,
        "to-lam.md",
        "+++\ntitle = \"To Lam\"\naliases = [\"Tô Lâm\"]\n+++\n",
    ),
];

#[test]
fn resolves_slugs_titles_and_aliases_ignoring_diacritics() {
    let graph = link(corpus(
        &[("a.md", "+++\ntitle = \"A\"\nresolutions = [\"nghi quyet 59\", \"22-nq-tw\"]\nauthors = [\"TO LAM\"]\n+++\n")],
        RESOLUTIONS,
    ))
    .unwrap();
    let links = &graph.articles[0];
    let slugs: Vec<&str> = links
        .entities
        .iter()
        .map(|id| graph.entity(*id).slug.as_str())
        .collect();
    assert_eq!(slugs, ["22-nq-tw", "59-nq-tw"], "resolutions sort by date");
    assert_eq!(links.byline, [Byline::Entity(EntityId(2))]);
    assert_eq!(graph.entities[2].articles, [ArticleId(0)]);
}

#[test]
fn orders_articles_newest_first_and_undated_last() {
    let graph = link(corpus(
        &[
            (
                "old.md",
                "+++\ntitle = \"Old\"\ndate = 2024-01-01\nresolutions = [\"59-nq-tw\"]\n+++\n",
            ),
            (
                "none.md",
                "+++\ntitle = \"Undated\"\nresolutions = [\"59-nq-tw\"]\n+++\n",
            ),
            (
                "new.md",
                "+++\ntitle = \"New\"\ndate = 2025-01-01\nresolutions = [\"59-nq-tw\"]\n+++\n",
            ),
        ],
        RESOLUTIONS,
    ))
    .unwrap();
    let titles: Vec<&str> = graph
        .by_date
        .iter()
        .map(|id| graph.article(*id).front.title.as_str())
        .collect();
    assert_eq!(titles, ["New", "Old", "Undated"]);
    assert_eq!(graph.entities[0].articles, graph.by_date);
}

#[test]
fn reports_every_unknown_reference_with_closest_matches() {
    let error = link(corpus(
        &[("a.md", "+++\ntitle = \"A\"\nresolutions = [\"59-nq-tv\"]\nspeakers = [\"Nobody At All\"]\n+++\n")],
        RESOLUTIONS,
    ))
    .unwrap_err();
    let found = error.diagnostics();
    assert_eq!(found.len(), 2);
    assert!(
        found[0].message.contains("`resolutions` names `59-nq-tv`"),
        "{}",
        found[0]
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some("did you mean `59-nq-tw` (Resolution 59-NQ/TW)?")
    );
    assert_eq!(found[0].location.as_ref().unwrap().line, 3);
    assert!(
        found[1]
            .hint
            .as_deref()
            .unwrap()
            .contains("speakers/nobody-at-all.md"),
        "{}",
        found[1]
    );
}

#[test]
fn a_warning_names_its_first_places_and_counts_the_rest() {
    let places: Vec<String> = (1..=8).map(|n| format!("a.md:{n}")).collect();
    assert_eq!(
        listed(&places),
        "a.md:1, a.md:2, a.md:3, a.md:4, a.md:5 and 3 more"
    );
    assert_eq!(listed(&places[..2]), "a.md:1, a.md:2");
}
