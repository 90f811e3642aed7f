//! Warnings about a body that builds, but not as its author may expect:
//! heading attributes that the site drops (anything but `{#id .class}`
//! while `[markdown] allow-html` is off) and words so long that they are
//! surely not words (a pasted blob), which search finds only by their start.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::error::Diagnostic;
use crate::text::blocks::parser_options;

/// Longer runs without white space are reported: no word is this long.
pub const MAX_INDEXED_WORD: usize = 200;

/// The warnings of one body, which starts at 1-based `body_line` of `path`.
pub fn lint_body(path: &Path, body: &str, body_line: usize, allow_html: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let at = |d: Diagnostic, offset: usize| {
        let before = &body[..offset];
        let line = body_line + before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        d.at_position(path, line, column)
    };
    // Only a body with a `{` can have heading attributes: skip the parse otherwise.
    if !allow_html && body.contains('{') {
        for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
            let Event::Start(Tag::Heading { attrs, .. }) = event else {
                continue;
            };
            for (name, _) in attrs {
                warnings.push(at(
                    Diagnostic::warning(format!(
                        "the heading attribute `{name}` is dropped: only `#id` and `.class` are kept while raw HTML is off"
                    ))
                    .with_hint("remove it, or set `allow-html = true` under [markdown] if you trust every file"),
                    range.start,
                ));
            }
        }
    }
    for (offset, word) in long_words(body) {
        warnings.push(at(
            Diagnostic::warning(format!(
                "a word of {} characters: search finds it only by its first {} letters",
                word.chars().count(),
                crate::render::search::terms::LONGEST_TERM
            ))
            .with_hint("break it with spaces if it is meant to be read"),
            offset,
        ));
    }
    warnings
}

/// Words (runs without white space) longer than [`MAX_INDEXED_WORD`]
/// characters, with their byte offsets.
fn long_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // No long word without a long run between ASCII spaces: most bodies
    // are done after one pass over their bytes.
    let long_run = text
        .as_bytes()
        .split(|b| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '))
        .any(|run| run.len() > MAX_INDEXED_WORD);
    let scanned = if long_run { text } else { "" };
    scanned
        .split(char::is_whitespace)
        .filter(|word| word.len() > MAX_INDEXED_WORD && word.chars().count() > MAX_INDEXED_WORD)
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_of_dropped_heading_attributes_at_their_line() {
        let body = "Intro.\n\n## A {#top .lead onclick=alert(1)}\n\n## B {#b}\n";
        let warnings = lint_body(Path::new("a.md"), body, 5, false);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("`onclick`"), "{}", warnings[0]);
        assert_eq!(warnings[0].location.as_ref().unwrap().line, 7);
        assert!(lint_body(Path::new("a.md"), body, 5, true).is_empty());
    }

    #[test]
    fn warns_of_words_too_long_to_index() {
        let body = format!("Short words.\n{} end\n", "x".repeat(MAX_INDEXED_WORD + 1));
        let warnings = lint_body(Path::new("a.md"), &body, 1, false);
        assert_eq!(warnings.len(), 1);
        let location = warnings[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (2, 1));
        let fine = "y".repeat(MAX_INDEXED_WORD);
        assert!(lint_body(Path::new("a.md"), &fine, 1, false).is_empty());
    }
}
