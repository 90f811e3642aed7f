//! The HTML importer on any page bytes, with the repository site's
//! entities: it returns an error or an article the build accepts, and the
//! article's body, rendered with raw HTML off, holds nothing a page may not.
#![no_main]

use std::path::Path;

use dossier::content::parse_article;
use dossier::import::html::PageSource;
use dossier::import::{Overrides, import_page, to_markdown};
use dossier::render::markdown::{MarkdownOptions, render_markdown};
use dossier_fuzz::{assert_safe_html, repository};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (config, corpus) = repository();
    let source = PageSource {
        url: Some("https://news.example.org/2025/06/01/an-article.html"),
        content_type: None,
    };
    let Ok(imported) = import_page(data, &source, Some(corpus), &Overrides::default()) else {
        return;
    };
    let markdown = to_markdown(&imported);
    let path = Path::new("content/articles/imported.md");
    if let Err(problems) = parse_article(path, &markdown, &config.kinds) {
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!(
            "the importer wrote an article the build refuses:\n{}\n--- article:\n{markdown}",
            shown.join("\n")
        );
    }
    let rendered = render_markdown(
        &imported.body,
        "../../",
        MarkdownOptions { allow_html: false },
    );
    assert_safe_html(&rendered.html, &imported.body);
});
