//! The reference in docs/ against the code: every variable a template can
//! see is documented in docs/templates.md.

use std::collections::BTreeSet;
use std::fs;

use dossier::render::templates::DEFAULT_TEMPLATES;

use crate::harness::{Site, repository_root};

/// The keys of Tera's dump of a context (`{"site": {"title": ...}}`).
fn keys_of(dump: &str) -> BTreeSet<String> {
    let pattern = regex::Regex::new(r#""([a-z][a-z0-9_]*)": "#).unwrap();
    pattern
        .captures_iter(dump)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn docs_name_every_template_variable() {
    // This repository's site has every kind of page and every kind of
    // relation (quotes, interviews, passages, keywords, bylines).
    let site = Site::repository();
    fs::remove_dir_all(site.root.join("templates")).ok();
    for (name, _) in DEFAULT_TEMPLATES {
        // Pages only: the built-in pages still extend base.html and its blocks.
        if !name.starts_with("partials/") && *name != "base.html" {
            site.write(&format!("templates/{name}"), "{{ __tera_context | safe }}");
        }
    }
    site.built();
    let mut seen = BTreeSet::new();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            seen.extend(keys_of(&fs::read_to_string(entry.path()).unwrap()));
        }
    }
    for expected in [
        "site",
        "root",
        "article",
        "passages",
        "cooccurring",
        "years",
    ] {
        assert!(seen.contains(expected), "{expected} not in {seen:?}");
    }
    let docs = fs::read_to_string(repository_root().join("docs/templates.md")).unwrap();
    let undocumented: Vec<&String> = seen
        .iter()
        .filter(|key| !docs.contains(&format!("`{key}`")) && !docs.contains(&format!(".{key}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "template variables missing from docs/templates.md: {undocumented:?}"
    );
}
