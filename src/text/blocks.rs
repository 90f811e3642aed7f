//! Cuts a Markdown body into blocks, the units that get paragraph anchors:
//! every paragraph (in lists and blockquotes too) and every tight list item;
//! not headings, code or tables. Link scanning and rendering both walk the
//! same event stream through [`segments`], so a block's number and the
//! offsets of its plain text agree between the two.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown dialect of the site: CommonMark with tables, footnotes,
/// strikethrough and heading attributes.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The events of `body` with their source ranges.
pub fn parse_events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .collect()
}

/// The anchor of the block with this 0-based index: `p-1`, `p-2`, ...
pub fn block_id(index: usize) -> String {
    format!("p-{}", index + 1)
}

/// One block: which events it spans and where it is in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Indexes into the event list: the opening event to the closing one, inclusive.
    pub events: Range<usize>,
    /// Byte range in the Markdown source.
    pub source: Range<usize>,
    /// Whether the block is a tight list item (`<li>`) rather than a paragraph.
    pub item: bool,
}

/// The blocks of an event list, in document order.
pub fn segments(events: &[(Event, Range<usize>)]) -> Vec<Segment> {
    let mut found = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut heading_or_code = 0usize;
    for (index, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_)) => {
                heading_or_code += 1
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table) => {
                heading_or_code = heading_or_code.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph) if heading_or_code == 0 => open = Some((index, false)),
            Event::Start(Tag::Item) if heading_or_code == 0 => {
                let tight = !matches!(
                    events.get(index + 1),
                    Some((Event::Start(Tag::Paragraph), _))
                );
                if tight {
                    open = Some((index, true));
                }
            }
            Event::Start(Tag::List(_)) => {
                // A nested list ends the tight item text before it.
                if let Some((start, true)) = open.take() {
                    found.push(close(events, start, index - 1, true));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, false)) = open {
                    found.push(close(events, start, index, false));
                    open = None;
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((start, true)) = open.take() {
                    found.push(close(events, start, index, true));
                }
            }
            _ => {}
        }
    }
    found
}

fn close(events: &[(Event, Range<usize>)], start: usize, end: usize, item: bool) -> Segment {
    let source = events[start].1.start..events[end].1.end.max(events[start].1.start);
    Segment {
        events: start..end + 1,
        source,
        item,
    }
}

/// A block's text as a reader sees it, with where each piece came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlainText {
    pub text: String,
    /// For each text event of the block: its event index and its offset in `text`.
    pub pieces: Vec<(usize, usize)>,
    /// Parts of `text` that must not become links (inside links and code).
    pub no_link: Vec<Range<usize>>,
}

/// The plain text of one block: text and inline code, breaks as spaces.
pub fn plain_text(events: &[(Event, Range<usize>)], segment: &Segment) -> PlainText {
    let mut plain = PlainText::default();
    let mut link_depth = 0usize;
    let mut link_start = 0;
    for index in segment.events.clone() {
        match &events[index].0 {
            Event::Text(text) => {
                plain.pieces.push((index, plain.text.len()));
                plain.text.push_str(text);
            }
            Event::Code(code) => {
                let start = plain.text.len();
                plain.text.push_str(code);
                plain.no_link.push(start..plain.text.len());
            }
            Event::SoftBreak | Event::HardBreak => plain.text.push(' '),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if link_depth == 0 {
                    link_start = plain.text.len();
                }
                link_depth += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                link_depth = link_depth.saturating_sub(1);
                if link_depth == 0 {
                    plain.no_link.push(link_start..plain.text.len());
                }
            }
            _ => {}
        }
    }
    plain
}

/// The plain text of every block of a Markdown body, in order: block `i`
/// is the paragraph `block_id(i)`, and quote and mention ranges index it.
pub fn block_texts(body: &str) -> Vec<String> {
    let events = parse_events(body);
    segments(&events)
        .iter()
        .map(|segment| plain_text(&events, segment).text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paragraphs_items_and_quoted_paragraphs_but_not_headings_or_code() {
        let body = "## Heading\n\nFirst *para*\nline.\n\n- tight one\n- tight two\n\n> quoted\n\n```\ncode\n```\n\n| a |\n|---|\n| cell |\n";
        assert_eq!(
            block_texts(body),
            ["First para line.", "tight one", "tight two", "quoted"]
        );
    }

    #[test]
    fn loose_items_are_their_paragraphs_and_nested_lists_split_items() {
        assert_eq!(block_texts("- one\n\n- two\n"), ["one", "two"]);
        assert_eq!(block_texts("- outer\n  - inner\n"), ["outer", "inner"]);
    }

    #[test]
    fn marks_links_and_code_as_not_linkable() {
        let events = parse_events("See [Resolution 59](/x/) and `code` here.\n");
        let segment = &segments(&events)[0];
        let plain = plain_text(&events, segment);
        assert_eq!(plain.text, "See Resolution 59 and code here.");
        let spans: Vec<&str> = plain
            .no_link
            .iter()
            .map(|r| &plain.text[r.clone()])
            .collect();
        assert_eq!(spans, ["Resolution 59", "code"]);
    }

    #[test]
    fn source_ranges_cover_the_block() {
        let body = "One.\n\nTwo words.\n";
        let events = parse_events(body);
        let ranges: Vec<&str> = segments(&events)
            .iter()
            .map(|s| body[s.source.clone()].trim_end())
            .collect();
        assert_eq!(ranges, ["One.", "Two words."]);
    }
}
