//! Every page of the repository's site is valid HTML (the W3C Nu HTML
//! checker, `vnu.jar`, one JVM for all pages) and has no serious or
//! critical accessibility violation (axe-core, run in headless Chromium on
//! each page, in the light and the dark colour scheme). The site is built
//! with two items a page, so that every kind of paginated page (and the
//! `page/1/` redirects) is among those checked.
//!
//! Without their tools the tests are skipped with a message on stderr;
//! `DOSSIER_REQUIRE_BROWSER=1` makes that a failure (see `tests/run`).

use std::process::Command;

use serde_json::{Value, json};

use crate::browser::{Browser, SMALL_PAGES, browser_test_with, pages, tools};
use crate::harness::Site;

#[test]
fn validity_every_page_passes_the_nu_html_checker() {
    let Some(vnu) = tools::vnu("validity_every_page_passes_the_nu_html_checker") else {
        return;
    };
    let site = Site::repository();
    let book = std::fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write("book.toml", &format!("{book}{SMALL_PAGES}"));
    let out = site.root.join("www");
    dossier::build(&dossier::BuildOptions {
        root: site.root.clone(),
        out: Some(out.clone()),
        site_url: Some("https://user.github.io/dossier/".to_string()),
    })
    .unwrap_or_else(|e| panic!("build failed:\n{e}"));
    // Every HTML file, redirect pages included.
    let mut files: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e.path().strip_prefix(&out).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    assert!(files.len() > 20, "the site has its pages: {files:?}");
    for paginated in [
        "articles/page/2/index.html",
        "themes/page/2/index.html",
        "timeline/2025/index.html",
        "articles/page/1/index.html",
    ] {
        assert!(
            files.iter().any(|f| f == paginated),
            "{paginated} is checked"
        );
    }
    let output = Command::new(&vnu.java)
        .arg("-jar")
        .arg(&vnu.jar)
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .current_dir(&out)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", vnu.java.display()));
    // The report is written to stderr.
    let report = String::from_utf8_lossy(&output.stderr);
    let report: Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("vnu's report is not JSON ({e}):\n{report}"));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .expect("vnu's messages")
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .rsplit_once("/www/")
                .map_or(url, |(_, relative)| relative)
                .trim_start_matches("./");
            let line = m["lastLine"].as_u64().or(m["firstLine"].as_u64());
            let column = m["firstColumn"].as_u64().or(m["lastColumn"].as_u64());
            let place = match (line, column) {
                (Some(line), Some(column)) => format!("{line}:{column}"),
                (Some(line), None) => line.to_string(),
                _ => "?".to_string(),
            };
            format!(
                "book/{file}:{place}: {}: {}\n    {}",
                m["type"].as_str().unwrap_or("error"),
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the Nu HTML checker found {} error(s) in {} pages:\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
}

/// Runs axe-core on the page and returns its violations, one line each,
/// serious and critical ones first, then the others.
async fn axe_violations(b: &Browser, axe: &str, label: &str) -> (Vec<String>, Vec<String>) {
    let loaded = b.js("return typeof axe !== 'undefined'", vec![]).await;
    if loaded != json!(true) {
        b.js(axe, vec![]).await;
    }
    let result = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 targets: v.nodes.map(n => n.target.join(' '))
               }))))
               .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("{label}: axe.run failed: {e}"));
    if let Some(error) = result.get("error") {
        panic!("{label}: axe.run failed: {error}");
    }
    result
        .as_array()
        .expect("axe's violations")
        .iter()
        .map(|v| {
            let targets: Vec<&str> = v["targets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap_or("?"))
                .collect();
            format!(
                "{label}: {} ({}): {}\n    {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                targets.join("\n    ")
            )
        })
        .partition(|line: &String| line.contains(" (serious): ") || line.contains(" (critical): "))
}

#[test]
fn accessibility_axe_finds_nothing_serious_on_any_page() {
    const TEST: &str = "accessibility_axe_finds_nothing_serious_on_any_page";
    let Some(axe) = tools::axe(TEST) else {
        return;
    };
    browser_test_with(TEST, SMALL_PAGES, move |mut b| async move {
        let (mut violations, mut minor) = (Vec::new(), Vec::new());
        let all = pages(&b.served.out);
        assert!(
            all.iter().any(|p| p == "articles/page/2/")
                && all.iter().any(|p| p == "timeline/2025/"),
            "paginated pages are checked: {all:?}"
        );
        for scheme in ["light", "dark"] {
            b.prefer_color_scheme(scheme).await;
            for page in &all {
                b.open(page).await;
                let label = format!("/{page} ({scheme})");
                let (serious, other) = axe_violations(&b, &axe, &label).await;
                violations.extend(serious);
                minor.extend(other);
            }
        }
        // Shown with --nocapture, or when the test fails.
        eprintln!(
            "axe: {} moderate or minor violation(s) over {} pages{}{}",
            minor.len(),
            all.len(),
            if minor.is_empty() { "" } else { ":\n" },
            minor.join("\n")
        );
        assert!(
            violations.is_empty(),
            "axe found {} serious or critical violation(s) over {} pages:\n{}",
            violations.len(),
            all.len(),
            violations.join("\n")
        );
        b
    });
}
