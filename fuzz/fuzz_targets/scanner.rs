//! The mention scanner with the repository site's names, titles and
//! number patterns, on any article body: every block range lies in the
//! body, and every mention, keyword and quote range lies inside its block's
//! plain text, on char boundaries, non-empty.
#![no_main]

use std::ops::Range;

use dossier::link::{Discovery, Scanner};
use dossier::text::blocks::{parse_events, plain_text, segments};
use dossier_fuzz::repository;
use libfuzzer_sys::fuzz_target;

/// The matchers, built once: building them is most of a small input's time.
fn scanner() -> &'static Scanner<'static> {
    static SCANNER: std::sync::OnceLock<Scanner<'static>> = std::sync::OnceLock::new();
    SCANNER.get_or_init(|| Scanner::new(&repository().1).discovering(Discovery::Full))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (_, corpus) = repository();
    let mut article = corpus.articles[0].clone();
    article.body = text.to_string();
    let explicit: Vec<_> = corpus.entity_ids().take(3).collect();
    let found = scanner().scan(&article, &explicit, &[]);

    let events = parse_events(text);
    let blocks = segments(&events);
    let plains: Vec<String> = blocks.iter().map(|b| plain_text(&events, b).text).collect();
    assert_eq!(found.blocks.len(), plains.len(), "one range per block");
    for range in &found.blocks {
        assert_span(text, range, "block", text);
    }
    let spans = found
        .mentions
        .iter()
        .map(|m| (m.block, &m.range, "mention"))
        .chain(
            found
                .keywords
                .iter()
                .map(|m| (m.block, &m.range, "keyword")),
        )
        .chain(found.quotes.iter().map(|q| (q.block, &q.range, "quote")));
    for (block, range, what) in spans {
        let plain = plains
            .get(block as usize)
            .unwrap_or_else(|| panic!("{what} in block {block} of {}", plains.len()));
        assert_span(plain, range, what, text);
    }
    for unknown in &found.unknown_numbers {
        // `None`: found in the title, not in a block of the body.
        if let Some(block) = unknown.block {
            assert!((block as usize) < plains.len());
        }
        assert!(!unknown.token.is_empty());
    }
});

fn assert_span(text: &str, range: &Range<usize>, what: &str, input: &str) {
    assert!(
        range.start < range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{what} {range:?} in a text of {} bytes: {text:?}\ninput: {input:?}",
        text.len()
    );
}
