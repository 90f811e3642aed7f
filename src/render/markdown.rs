//! Markdown to HTML with pulldown-cmark (CommonMark, tables, footnotes,
//! strikethrough, heading attributes). Adds ids to headings, makes
//! site-absolute links (`/themes/x/`) relative to the page, and shows raw HTML
//! as text unless the site allows it. Article bodies also get an anchor on
//! every block (`p-1`, `p-2`, ...) and links from mentions to entity pages.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::config::AutoLink;
use crate::content::EntityId;
use crate::text::blocks::{block_id, parse_events, parser_options, plain_text, segments};
use crate::url_policy;

/// How Markdown is turned into HTML.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through (`[markdown] allow-html`).
    pub allow_html: bool,
}

/// A heading of a rendered body, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// A mention that may become a link, in a block's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub entity: EntityId,
    pub block: u32,
    pub range: Range<usize>,
    pub url: String,
    pub title: String,
}

/// Renders `text` for a page whose path to the site root is `to_root`.
pub fn render_markdown(text: &str, to_root: &str, options: MarkdownOptions) -> Rendered {
    let mut events: Vec<Event> = Parser::new_ext(text, parser_options()).collect();
    let headings = assign_heading_ids(&mut events);
    for event in &mut events {
        rewrite_event(event, to_root, options);
    }
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    Rendered {
        html: html_out,
        headings,
    }
}

fn rewrite_event(event: &mut Event, to_root: &str, options: MarkdownOptions) {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) if !options.allow_html => {
            *event = Event::Text(std::mem::replace(raw, CowStr::Borrowed("")));
        }
        Event::Start(Tag::HtmlBlock) if !options.allow_html => {
            *event = Event::Start(Tag::Paragraph)
        }
        Event::End(TagEnd::HtmlBlock) if !options.allow_html => {
            *event = Event::End(TagEnd::Paragraph)
        }
        // Heading attributes other than `{#id .class}` could carry event
        // handlers (`{onclick=...}`): raw HTML in another form.
        Event::Start(Tag::Heading { attrs, .. }) if !options.allow_html => attrs.clear(),
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            if let Some(fixed) = rewrite_url(dest_url, to_root, options) {
                *dest_url = fixed.into();
            }
        }
        _ => {}
    }
}

/// Renders an article body: blocks get anchors, and `links` (mentions in
/// text order) become links to entity pages as `policy` says, never inside
/// headings, existing links or code.
pub fn render_article_body(
    text: &str,
    to_root: &str,
    options: MarkdownOptions,
    links: &[BodyLink],
    policy: AutoLink,
) -> Rendered {
    let parsed = parse_events(text);
    let blocks = segments(&parsed);
    let mut events: Vec<Event> = parsed.iter().map(|(e, _)| e.clone()).collect();
    let headings = assign_heading_ids(&mut events);
    for event in &mut events {
        rewrite_event(event, to_root, options);
    }
    let mut opening: HashMap<usize, String> = HashMap::new();
    let mut closing: HashMap<usize, &str> = HashMap::new();
    let mut splits: HashMap<usize, Vec<(Range<usize>, &BodyLink)>> = HashMap::new();
    let mut linked: HashSet<EntityId> = HashSet::new();
    // Grouped once: a walk over all links for every block grows with the
    // square of a long article.
    let mut links_of: HashMap<usize, Vec<&BodyLink>> = HashMap::new();
    for link in links {
        links_of.entry(link.block as usize).or_default().push(link);
    }
    for (index, block) in blocks.iter().enumerate() {
        let tag = if block.item { "li" } else { "p" };
        opening.insert(
            block.events.start,
            format!("<{tag} id=\"{}\">", block_id(index)),
        );
        if !block.item {
            // A tight item's own end event closes it, after any nested list.
            closing.insert(block.events.end - 1, "</p>\n");
        }
        if policy == AutoLink::None {
            continue;
        }
        let plain = plain_text(&parsed, block);
        for link in links_of.remove(&index).unwrap_or_default() {
            let blocked = plain
                .no_link
                .iter()
                .any(|r| r.start < link.range.end && link.range.start < r.end);
            if blocked || (policy == AutoLink::First && linked.contains(&link.entity)) {
                continue;
            }
            let piece = plain.pieces.iter().find(|(event, offset)| {
                let length = match &parsed[*event].0 {
                    Event::Text(t) => t.len(),
                    _ => 0,
                };
                *offset <= link.range.start && link.range.end <= offset + length
            });
            if let Some((event, offset)) = piece {
                splits
                    .entry(*event)
                    .or_default()
                    .push((link.range.start - offset..link.range.end - offset, link));
                linked.insert(link.entity);
            }
        }
    }
    let mut annotated: Vec<Event> = Vec::with_capacity(events.len() + splits.len() * 4);
    for (index, event) in events.into_iter().enumerate() {
        if let Some(tag) = opening.remove(&index) {
            annotated.push(Event::Html(tag.into()));
        } else if let Some(tag) = closing.remove(&index) {
            annotated.push(Event::Html(CowStr::Borrowed(tag)));
        } else if let (Event::Text(text), Some(parts)) = (&event, splits.get(&index)) {
            split_text(text, parts, &mut annotated);
        } else {
            annotated.push(event);
        }
    }
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, annotated.into_iter());
    Rendered {
        html: html_out,
        headings,
    }
}

/// Pushes `text` with the given parts wrapped in links.
fn split_text<'a>(
    text: &CowStr<'a>,
    parts: &[(Range<usize>, &BodyLink)],
    out: &mut Vec<Event<'a>>,
) {
    let mut at = 0;
    for (range, link) in parts {
        if range.start < at {
            continue;
        }
        out.push(Event::Text(text[at..range.start].to_string().into()));
        out.push(Event::Html(
            format!(
                "<a class=\"mention\" href=\"{}\" title=\"{}\">",
                escape_attribute(&link.url),
                escape_attribute(&link.title)
            )
            .into(),
        ));
        out.push(Event::Text(text[range.clone()].to_string().into()));
        out.push(Event::Html(CowStr::Borrowed("</a>")));
        at = range.end;
    }
    out.push(Event::Text(text[at..].to_string().into()));
}

fn escape_attribute(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Site-absolute URLs become relative; URLs the policy refuses (script,
/// data, file) become `#` unless raw HTML is allowed.
fn rewrite_url(url: &str, to_root: &str, options: MarkdownOptions) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(format!("{to_root}{}", &url[1..]));
    }
    (!options.allow_html && !url_policy::allowed_in_markdown(url)).then(|| "#".to_string())
}

/// Gives every heading an id (its own `{#id}`, or one made from its text,
/// unique in the page) and lists the headings.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    let mut headings = Vec::new();
    for start in 0..events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[start] else {
            continue;
        };
        let (level, declared) = (*level, id.as_ref().map(|s| s.to_string()));
        let text = heading_text(&events[start + 1..]);
        let base = declared.unwrap_or_else(|| {
            let made = slug::slugify(&text);
            if made.is_empty() {
                "section".to_string()
            } else {
                made
            }
        });
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
            *id = Some(unique.clone().into());
        }
        headings.push(Heading {
            level: heading_level(level),
            id: unique,
            text,
        });
    }
    headings
}

fn heading_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The first paragraph of `text` as plain text (for summaries in lists).
pub fn first_paragraph_text(text: &str) -> String {
    let mut plain = String::new();
    let mut inside = false;
    for event in Parser::new_ext(text, parser_options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if !plain.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if inside => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => plain.push(' '),
            _ => {}
        }
    }
    plain.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        render_markdown(text, "../../", MarkdownOptions::default()).html
    }

    #[test]
    fn takes_the_first_paragraph_as_plain_text() {
        assert_eq!(
            first_paragraph_text("## H\n\nThe *first*\nline.\n\nSecond."),
            "The first line."
        );
        assert_eq!(first_paragraph_text(""), "");
    }

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn gives_headings_unique_ids_and_keeps_declared_ones() {
        let rendered = render_markdown(
            "## Human resources\n\n## Human resources\n\n## Other {#custom}\n",
            "",
            MarkdownOptions::default(),
        );
        assert!(
            rendered.html.contains("<h2 id=\"human-resources\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"human-resources-1\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"custom\">"),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.headings.len(), 3);
        assert_eq!(rendered.headings[0].text, "Human resources");
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let text = "<script>alert(1)</script>\n\nInline <b>bold</b>.\n";
        let html = render(text);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
        let allowed = render_markdown(text, "", MarkdownOptions { allow_html: true }).html;
        assert!(allowed.contains("<script>alert(1)</script>"), "{allowed}");
    }

    #[test]
    fn anchors_every_block_and_links_first_mentions_outside_links_and_code() {
        let body = "## Resolution 59\n\nSee [Resolution 59](/x/) and `Resolution 59`.\n\n- Resolution 59 first\n- Resolution 59 again\n";
        let link = |block: u32, start: usize| BodyLink {
            entity: EntityId(0),
            block,
            range: start..start + 13,
            url: "../../resolutions/59/".into(),
            title: "Resolution 59-NQ/TW".into(),
        };
        let links = [link(0, 4), link(0, 22), link(1, 0), link(2, 0)];
        let html = render_article_body(
            body,
            "../../",
            MarkdownOptions::default(),
            &links,
            AutoLink::First,
        )
        .html;
        assert!(
            html.contains("<h2 id=\"resolution-59\">Resolution 59</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<p id=\"p-1\">See <a href=\"../../x/\">Resolution 59</a> and <code>Resolution 59</code>.</p>"),
            "{html}"
        );
        assert!(
            html.contains("<li id=\"p-2\"><a class=\"mention\" href=\"../../resolutions/59/\" title=\"Resolution 59-NQ/TW\">Resolution 59</a> first</li>"),
            "{html}"
        );
        assert!(
            html.contains("<li id=\"p-3\">Resolution 59 again</li>"),
            "{html}"
        );
    }

    #[test]
    fn makes_site_absolute_links_relative_and_drops_script_links() {
        let html =
            render("[t](/themes/x/) [e](https://e.org/) [p](//cdn.org/x) [j](javascript:alert(1))");
        assert!(html.contains("href=\"../../themes/x/\""), "{html}");
        assert!(html.contains("href=\"https://e.org/\""), "{html}");
        assert!(html.contains("href=\"//cdn.org/x\""), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
    }

    #[test]
    fn keeps_only_id_and_class_on_headings_unless_html_is_allowed() {
        let text =
            "## A {#top .lead onclick=alert(1)}\n\n## B {autofocus onfocus=alert(1) tabindex=1}\n";
        for html in [
            render(text),
            render_article_body(text, "", MarkdownOptions::default(), &[], AutoLink::None).html,
        ] {
            assert!(
                html.contains("<h2 id=\"top\" class=\"lead\">A</h2>"),
                "{html}"
            );
            assert!(html.contains("<h2 id=\"b\">B</h2>"), "{html}");
            for forbidden in ["onclick", "onfocus", "autofocus", "tabindex"] {
                assert!(!html.contains(forbidden), "{forbidden} in {html}");
            }
        }
        let allowed = render_markdown(text, "", MarkdownOptions { allow_html: true }).html;
        assert!(allowed.contains("onclick"), "{allowed}");
    }

    #[test]
    fn drops_script_urls_in_every_spelling() {
        let html = render(
            "[a](JavaScript:alert(1)) [b](<java\tscript:alert(1)>) [c](javascript&#58;alert(1)) \
             ![d](data:text/html,x) [e](vbscript:x) [f](mailto:a@b.org)",
        );
        assert!(!html.to_ascii_lowercase().contains("script:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert_eq!(html.matches("href=\"#\"").count(), 4, "{html}");
        assert!(html.contains("src=\"#\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.org\""), "{html}");
    }
}
