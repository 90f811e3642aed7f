//! Building fixture sites and the repository's own site.

use std::fs;

use crate::harness::{Site, position, snapshot};

#[test]
fn writes_a_page_per_article_entity_and_kind() {
    let site = Site::fixture("basic");
    let report = site.built();
    for path in [
        "",
        "articles/",
        "articles/first-report/",
        "articles/older-commentary/",
        "articles/undated-note/",
        "resolutions/",
        "resolutions/59-nq-tw/",
        "resolutions/57-nq-tw/",
        "themes/",
        "themes/economic-integration/",
        "speakers/",
        "speakers/to-lam/",
        "speakers/jane-writer/",
        "404.html",
        "timeline/",
        "search/",
        "connections/",
    ] {
        assert!(
            site.out().join(dossier::urls::output_file(path)).is_file(),
            "no page for /{path}"
        );
    }
    // home, articles index, 404, timeline, search, connections, 3 articles,
    // 3 kind indexes, 6 entities
    assert_eq!(report.pages, 18);
    assert!(
        report.summary().starts_with("Built 18 pages"),
        "{}",
        report.summary()
    );
}

#[test]
fn article_page_links_its_entities_grouped_by_kind() {
    let site = Site::fixture("basic");
    site.built();
    let main = site.main_of("articles/first-report/");
    let resolutions = position(&main, "<h2>Resolutions</h2>");
    let themes = position(&main, "<h2>Themes</h2>");
    let speakers = position(&main, "<h2>Speakers</h2>");
    assert!(resolutions < themes && themes < speakers);
    assert!(
        main.contains(r#"<a href="../../resolutions/59-nq-tw/">Resolution 59-NQ/TW</a>"#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="../../themes/economic-integration/">Economic integration</a>"#)
    );
    assert!(
        main.contains(r#"By <a href="../../speakers/jane-writer/">Jane Writer</a>"#),
        "{main}"
    );
    assert!(main.contains(r#"<time datetime="2025-05-29">29 May 2025</time>"#));
    assert!(main.contains("<table>"), "tables render");
    assert!(
        main.contains(r#"<h2 id="economic-integration">"#),
        "headings get ids"
    );
    assert!(
        main.contains(r#"href="../../speakers/to-lam/">General Secretary</a>"#),
        "site-absolute links become relative"
    );
}

#[test]
fn entity_page_lists_referring_articles_newest_first() {
    let site = Site::fixture("basic");
    site.built();
    let main = site.main_of("themes/economic-integration/");
    assert!(
        main.contains("Trade, investment and value chains."),
        "summary rendered"
    );
    let newer = position(&main, "A first report on Resolution 59");
    let undated = position(&main, "An undated note");
    assert!(newer < undated);
    assert!(main.contains("Articles (2)"), "{main}");
    let resolution = site.main_of("resolutions/59-nq-tw/");
    assert!(
        resolution.contains("<dt>Issuer</dt><dd>Politburo</dd>"),
        "{resolution}"
    );
    assert!(resolution.contains("Nghị quyết 59"), "aliases shown");
}

#[test]
fn home_lists_latest_articles_and_resolutions_in_date_order() {
    let site = Site::fixture("basic");
    site.built();
    let main = site.main_of("");
    assert!(main.contains("A small site for tests."));
    let latest = position(&main, "A first report on Resolution 59");
    let older = position(&main, "An older commentary");
    assert!(latest < older);
    let r57 = position(&main, "Resolution 57-NQ/TW");
    let r59 = position(&main, "Resolution 59-NQ/TW");
    assert!(r57 < r59, "resolutions oldest first");
    for heading in ["Resolutions", "Themes", "Speakers"] {
        assert!(
            main.contains(&format!(">{heading}</a></h2>")),
            "{heading} on home"
        );
    }
}

#[test]
fn kind_index_lists_every_entity_of_the_kind() {
    let site = Site::fixture("basic");
    site.built();
    let main = site.main_of("speakers/");
    assert!(
        main.contains(r#"href="../speakers/jane-writer/""#)
            && main.contains(r#"href="../speakers/to-lam/""#),
        "{main}"
    );
    assert!(main.contains("2 speakers."), "{main}");
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let site = Site::fixture("basic");
    site.built();
    site.assert_links_resolve();
}

#[test]
fn links_are_relative_so_the_site_works_under_any_sub_path() {
    let site = Site::fixture("basic");
    site.built();
    for path in ["", "articles/first-report/", "themes/"] {
        let page = site.page(path);
        for attribute in [" href=\"/", " src=\"/"] {
            assert!(
                !page.contains(attribute),
                "/{path} has a root-absolute link"
            );
        }
    }
}

#[test]
fn raw_html_in_markdown_is_escaped_unless_allowed() {
    let site = Site::fixture("basic");
    site.built();
    assert!(
        site.main_of("articles/undated-note/")
            .contains("&lt;b&gt;Raw HTML&lt;/b&gt;")
    );
    let book = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[markdown]\nallow-html = true\n"),
    );
    site.built();
    assert!(
        site.main_of("articles/undated-note/")
            .contains("<b>Raw HTML</b>")
    );
}

#[test]
fn site_templates_override_the_default_theme_by_name() {
    let site = Site::fixture("basic");
    site.write("templates/entity-speaker.html", "{% extends \"base.html\" %}{% block main %}<p class=\"speaker\">{{ entity.title }}</p>{% endblock main %}")
        .write("templates/partials/article-list.html", "<p class=\"custom-list\">{{ articles | length }}</p>");
    site.built();
    assert!(
        site.main_of("speakers/to-lam/")
            .contains("<p class=\"speaker\">To Lam</p>")
    );
    assert!(
        site.main_of("articles/")
            .contains("<p class=\"custom-list\">3</p>"),
        "partials override too"
    );
    assert!(
        site.main_of("themes/economic-integration/")
            .contains("Trade, investment"),
        "other templates stay default"
    );
}

#[test]
fn static_files_are_copied_verbatim_over_the_default_assets() {
    let site = Site::fixture("basic");
    site.write_bytes("static/img/logo.png", b"\x89PNG\r\n\x1a\n\0bytes")
        .write("static/style.css", "body{}");
    site.built();
    assert_eq!(
        fs::read(site.out().join("img/logo.png")).unwrap(),
        b"\x89PNG\r\n\x1a\n\0bytes"
    );
    assert_eq!(
        fs::read_to_string(site.out().join("style.css")).unwrap(),
        "body{}"
    );
    let plain = Site::fixture("basic");
    plain.built();
    assert!(
        fs::read_to_string(plain.out().join("style.css"))
            .unwrap()
            .contains("--accent"),
        "default theme CSS"
    );
}

#[test]
fn the_same_input_builds_byte_identical_output() {
    let site = Site::fixture("basic");
    site.built();
    let first = snapshot(&site.out());
    site.built();
    assert_eq!(first, snapshot(&site.out()));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.built();
    let before = snapshot(&site.out());
    site.write("templates/article.html", "{% extends \"base.html\" %}{% block main %}{{ article.title | nosuchfilter }}{% endblock main %}");
    assert!(site.build().is_err());
    assert_eq!(before, snapshot(&site.out()));
    let leftovers: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_repository_site_builds_with_every_link_resolving() {
    let site = Site::repository();
    let report = site.built();
    assert!(report.pages > 20, "{}", report.summary());
    site.assert_links_resolve();
    let articles = fs::read_dir(site.root.join("content/articles"))
        .unwrap()
        .count();
    let home = site.main_of("");
    assert!(home.contains(&format!("{articles} articles")), "{home}");
    for resolution in ["18-nq-tw", "22-nq-tw", "57-nq-tw", "59-nq-tw"] {
        assert!(
            site.out()
                .join(format!("resolutions/{resolution}/index.html"))
                .is_file(),
            "{resolution}"
        );
    }
}
