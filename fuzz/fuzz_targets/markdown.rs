//! The Markdown renderer with raw HTML off, as pages use it: a plain body
//! and an article body with block anchors and links from the mentions the
//! scanner finds in it (against the fixture site). The HTML holds only
//! what Markdown makes: no event handler, no unknown attribute, no script
//! URL, no raw element.
#![no_main]

use dossier::config::AutoLink;
use dossier::link::Scanner;
use dossier::render::markdown::{BodyLink, MarkdownOptions, render_article_body, render_markdown};
use dossier_fuzz::{assert_safe_html, fixture};
use libfuzzer_sys::fuzz_target;

/// The matchers, built once: building them is most of a small input's time.
fn scanner() -> &'static Scanner<'static> {
    static SCANNER: std::sync::OnceLock<Scanner<'static>> = std::sync::OnceLock::new();
    SCANNER.get_or_init(|| Scanner::new(&fixture().1))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = MarkdownOptions { allow_html: false };
    let rendered = render_markdown(text, "../../", options);
    assert_safe_html(&rendered.html, text);

    let (_, corpus) = fixture();
    let mut article = corpus.articles[0].clone();
    article.body = text.to_string();
    let found = scanner().scan(&article, &[], &[]);
    let links: Vec<BodyLink> = found
        .mentions
        .iter()
        .map(|m| BodyLink {
            entity: m.entity,
            block: m.block,
            range: m.range.clone(),
            url: format!("../../e/{}/", m.entity.0),
            title: corpus.entity(m.entity).front.title.clone(),
        })
        .collect();
    for policy in [AutoLink::First, AutoLink::All] {
        let body = render_article_body(text, "../../", options, &links, policy);
        assert_safe_html(&body.html, text);
    }
});
