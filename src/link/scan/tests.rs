use super::*;
use crate::link::tests::corpus;

const ENTITIES: &[(u16, &str, &str)] = &[
    (
        0,
        "59-nq-tw.md",
        "+++\ntitle = \"Resolution 59-NQ/TW\"\naliases = [\"Resolution 59\"]\n+++\n",
    ),
    (
        2,
        "pham-minh-chinh.md",
        "+++\ntitle = \"Pham Minh Chinh\"\n+++\n",
    ),
];

/// The mentions of a one-article corpus as (block, text, how).
fn mentions(body: &str) -> (Vec<(u32, String, Found)>, ArticleText) {
    mentions_discovering(body, Discovery::Titled)
}

fn mentions_discovering(
    body: &str,
    discovery: Discovery,
) -> (Vec<(u32, String, Found)>, ArticleText) {
    let article = format!("+++\ntitle = \"A\"\n+++\n{body}");
    let corpus = corpus(&[("a.md", &article)], ENTITIES);
    let scanned = Scanner::new(&corpus)
        .discovering(discovery)
        .scan(&corpus.articles[0], &[], &[]);
    let events = parse_events(body);
    let plains: Vec<String> = segments(&events)
        .iter()
        .map(|s| plain_text(&events, s).text)
        .collect();
    let found = scanned
        .mentions
        .iter()
        .map(|m| {
            let text = plains[m.block as usize][m.range.clone()].to_string();
            (m.block, text, m.found)
        })
        .collect();
    (found, scanned)
}

#[test]
fn short_references_need_the_person_named_before() {
    let (found, _) = mentions(
        "The Prime Minister opened. Chinh spoke.\n\nPrime Minister Pham Minh Chinh said so. Later the Prime Minister and Chinh left.\n",
    );
    assert_eq!(
        found,
        [
            (1, "Pham Minh Chinh".to_string(), Found::Name),
            (1, "Prime Minister".to_string(), Found::Title),
            (1, "Chinh".to_string(), Found::ShortName),
        ]
    );
}

#[test]
fn a_number_no_entity_has_hides_the_name_inside_it() {
    let (found, scanned) =
        mentions("Resolution 59/NQ-CP is not Resolution 59-NQ/TW, nor Resolution 59.\n");
    let texts: Vec<&str> = found.iter().map(|(_, text, _)| text.as_str()).collect();
    assert_eq!(texts, ["Resolution 59-NQ/TW", "Resolution 59"]);
    assert_eq!(scanned.unknown_numbers.len(), 1);
    assert_eq!(scanned.unknown_numbers[0].token, "59/NQ-CP");
}

#[test]
fn notes_titled_names_the_site_lacks() {
    let (_, scanned) = mentions("President Prabowo Subianto met Prime Minister Pham Minh Chinh.\n");
    let names: Vec<&str> = scanned
        .unknown_people
        .iter()
        .map(|p| p.seen.as_str())
        .collect();
    assert_eq!(names, ["President Prabowo Subianto"]);
}

#[test]
fn a_longer_name_is_not_the_person_but_a_day_after_it_is() {
    let (found, _) =
        mentions("The Pham Minh Chinh Foundation opened.\n\nPham Minh Chinh Tuesday said so.\n");
    assert_eq!(found, [(1, "Pham Minh Chinh".to_string(), Found::Name)]);
}

#[test]
fn full_discovery_finds_people_no_title_announces() {
    let body = "Ratna Puspitasari, a designer from Yogyakarta, met President Prabowo Subianto.\n";
    let unknown = |discovery| -> Vec<String> {
        let (_, scanned) = mentions_discovering(body, discovery);
        scanned.unknown_people.into_iter().map(|p| p.name).collect()
    };
    assert_eq!(unknown(Discovery::Titled), ["Prabowo Subianto"]);
    assert_eq!(
        unknown(Discovery::Full),
        ["Ratna Puspitasari", "Prabowo Subianto"]
    );
}

#[test]
fn a_name_met_again_in_short_is_the_person_named_in_full() {
    let (_, scanned) = mentions_discovering(
        "Ms Karin van der Berg, Ambassador of the Netherlands, spoke.\n\n\
         Ambassador Van der Berg added that trade grew.\n",
        Discovery::Full,
    );
    let names: Vec<(&str, Option<u32>)> = scanned
        .unknown_people
        .iter()
        .map(|p| (p.name.as_str(), p.block))
        .collect();
    assert_eq!(
        names,
        [
            ("Karin van der Berg", Some(0)),
            ("Karin van der Berg", Some(1))
        ]
    );
}

#[test]
fn the_whole_article_reads_names_after_common_words_and_names_of_teams() {
    let (_, scanned) = mentions_discovering(
        "It was a night for the best winger in the league.\n\n\
         Winger Bui Tien Dung, 22, scored twice.\n\n\
         Hoang Anh Gia Lai captain Tran Quoc Hung said Bui Tien Dung was ready.\n\n\
         Hoang Anh Gia Lai now travel to Bangkok; Hoang Anh Gia Lai, who lost in May, will rest.\n",
        Discovery::Full,
    );
    let people: Vec<(&str, Option<&str>)> = scanned
        .unknown_people
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            ("Bui Tien Dung", Some("Winger")),
            ("Tran Quoc Hung", Some("captain")),
            ("Bui Tien Dung", None)
        ]
    );
}
