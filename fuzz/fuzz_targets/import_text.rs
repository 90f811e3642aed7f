//! The text importer, alone and with the repository site's entities: it
//! never fails, and the article it writes is one the build accepts (its
//! front matter parses and names only kinds the site has).
#![no_main]

use std::path::Path;

use dossier::content::parse_article;
use dossier::import::{import_text, to_markdown};
use dossier_fuzz::repository;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, corpus) = repository();
    for site in [None, Some(corpus)] {
        let imported = import_text(text, site);
        let markdown = to_markdown(&imported);
        let path = Path::new("content/articles/imported.md");
        if let Err(problems) = parse_article(path, &markdown, &config.kinds) {
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "the importer wrote an article the build refuses:\n{}\n--- article:\n{markdown}\n--- input: {text:?}",
                shown.join("\n")
            );
        }
    }
});
