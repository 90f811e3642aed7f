//! The site's files cannot make dossier write outside its output, put
//! script in a reader's page, or abort the process: one test per way in.

use std::fs;

use crate::harness::{Site, snapshot};

/// Builds with the binary and returns (exit code, stderr).
fn build_with_binary(site: &Site) -> (Option<i32>, String) {
    let output = site.run(&["build"]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn article(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"Hostile\"\ndate = 2025-01-02\n{front}\n+++\n{body}\n")
}

#[test]
fn a_redirect_to_another_host_or_root_is_an_error_and_writes_nothing_outside() {
    for entry in [
        "//tmp/x",
        "///x",
        "/..%2f..%2fx",
        "/a/../../x",
        "/a\\\\b",
        "/c:/x",
    ] {
        let site = Site::fixture("basic");
        // A file of the user's, where `//tmp/x`-like paths would land.
        let outside = site.root.parent().unwrap().join("keep.txt");
        fs::write(&outside, "mine").unwrap();
        let before = snapshot(site.root.parent().unwrap());
        site.write(
            "content/articles/hostile.md",
            &article(&format!("redirect_from = [\"{entry}\"]"), "Text."),
        );
        let (code, stderr) = build_with_binary(&site);
        assert_eq!(code, Some(1), "{entry}: {stderr}");
        assert!(
            stderr.contains("content/articles/hostile.md:4"),
            "{entry}: the file and line are named: {stderr}"
        );
        assert_eq!(fs::read_to_string(&outside).unwrap(), "mine");
        let after = snapshot(site.root.parent().unwrap());
        let added: Vec<_> = after
            .iter()
            .filter(|(path, _)| !before.iter().any(|(p, _)| p == path))
            .map(|(path, _)| path.clone())
            .filter(|path| !path.starts_with("site/content"))
            .collect();
        assert!(added.is_empty(), "{entry}: wrote {added:?}");
    }
}

#[test]
fn redirects_onto_generated_files_are_all_reported_with_their_lines() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/hostile.md",
        &article(
            "redirect_from = [\n  \"/index.html\",\n  \"/searchindex.js\",\n  \"/graph.json\",\n  \"/robots.txt\",\n  \"/style.css\",\n  \"/.dossier-build\",\n]",
            "Text.",
        ),
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(1), "{stderr}");
    for (line, file) in [
        (5, "index.html"),
        (6, "searchindex.js"),
        (7, "graph.json"),
        (8, "robots.txt"),
        (9, "style.css"),
        (10, ".dossier-build"),
    ] {
        assert!(
            stderr.contains(&format!("hostile.md:{line}:1")) && stderr.contains(file),
            "{file} at line {line}: {stderr}"
        );
    }
}

#[test]
fn heading_attributes_cannot_carry_event_handlers() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/hostile.md",
        &article(
            "",
            "## A {onclick=alert(1)}\n\n## B {autofocus onfocus=alert(2) tabindex=1}\n\n## C {#kept .lead}\n",
        ),
    );
    let report = site.built();
    let page = site.page("articles/hostile/");
    for forbidden in ["onclick", "onfocus", "autofocus", "tabindex"] {
        assert!(!page.contains(forbidden), "{forbidden} in the page");
    }
    assert!(page.contains("<h2 id=\"kept\" class=\"lead\">C</h2>"));
    let dropped: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("heading attribute"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(dropped.len(), 4, "{dropped:?}");
    assert!(dropped[0].contains("hostile.md:6:1"), "{}", dropped[0]);
}

#[test]
fn front_matter_urls_must_be_web_addresses() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/hostile.md",
        &article("source = \"javascript:alert(1)\"", "Text."),
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("hostile.md:4"), "{stderr}");
    assert!(stderr.contains("not a web address"), "{stderr}");

    let site = Site::fixture("basic");
    site.write(
        "content/speakers/hostile.md",
        "+++\ntitle = \"Nguyen Van Hostile\"\n[extra]\nrole = \"Minister\"\nwebsite = \"JavaScript:alert(1)\"\n+++\nA summary.\n",
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("extra.website"), "{stderr}");
    assert!(stderr.contains("hostile.md:5"), "{stderr}");
}

#[test]
fn the_site_url_cannot_break_out_of_robots_txt() {
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[site]\nurl = \"https://x.org/\\nDisallow: /\"\n"),
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("book.toml:"), "{stderr}");
    let output = site.run(&["build", "--site-url", "javascript:alert(1)"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn one_very_long_word_is_left_out_of_search_with_a_warning() {
    let site = Site::fixture("basic");
    let word = "x".repeat(50_000);
    site.write(
        "content/articles/hostile.md",
        &article("", &format!("Before.\n\n{word}\n\nAfter.")),
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("left out of the search index"), "{stderr}");
    assert!(stderr.contains("hostile.md:8:1"), "{stderr}");
    let index = fs::read_to_string(site.out().join("searchindex.js")).unwrap();
    assert!(
        index.contains("After."),
        "the rest of the article is indexed"
    );
}

#[test]
fn slugs_too_long_for_a_folder_name_are_errors_in_their_file() {
    let site = Site::fixture("basic");
    let slug = "a".repeat(300);
    site.write(
        "content/articles/long.md",
        &article(&format!("slug = \"{slug}\""), "Text."),
    );
    let (code, stderr) = build_with_binary(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("long.md:4"), "{stderr}");
    assert!(!stderr.contains("File name too long"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_not_followed_in_any_site_folder() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("basic");
    let outside = site.root.parent().unwrap();
    fs::write(
        outside.join("secret.md"),
        "+++\ntitle = \"Secret\"\n+++\nSECRET TEXT\n",
    )
    .unwrap();
    fs::write(outside.join("secret.css"), "SECRET CSS").unwrap();
    fs::create_dir_all(site.root.join("static")).unwrap();
    fs::create_dir_all(site.root.join("templates")).unwrap();
    symlink(
        outside.join("secret.md"),
        site.root.join("content/articles/secret.md"),
    )
    .unwrap();
    symlink(
        outside.join("secret.css"),
        site.root.join("static/secret.css"),
    )
    .unwrap();
    symlink(
        outside.join("secret.css"),
        site.root.join("templates/page.html"),
    )
    .unwrap();
    let report = site.built();
    let not_followed: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("outside the site's root"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(not_followed.len(), 3, "{not_followed:?}");
    for name in [
        "articles/secret.md",
        "static/secret.css",
        "templates/page.html",
    ] {
        assert!(
            not_followed.iter().any(|w| w.contains(name)),
            "{name}: {not_followed:?}"
        );
    }
    for (_, bytes) in snapshot(&site.out()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET"));
    }
}

#[test]
fn an_output_inside_an_input_folder_is_refused() {
    for out in ["static/out", "content/out", "templates/out"] {
        let site = Site::fixture("basic");
        fs::create_dir_all(site.root.join("static")).unwrap();
        fs::create_dir_all(site.root.join("templates")).unwrap();
        let output = site.run(&["build", "--out", out]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{out}: {stderr}");
        assert!(
            stderr.contains("refusing") && stderr.contains(out),
            "{stderr}"
        );
        assert!(!site.root.join(out).exists(), "{out} was made");
    }
}
