//! Real-browser tests: the repository's site, built and served under a
//! sub-path (`/dossier/`, as GitHub Pages serves a project) by a server that
//! records every request, driven in headless Chromium through chromedriver.
//!
//! Each test checks, besides its own subject, that no page it visited wrote
//! an error to the console (chromedriver's browser log: script errors,
//! `console.error`, failed loads) and that the server answered no request
//! with an error or was asked for anything outside the sub-path.
//!
//! Without Chromium and chromedriver the tests are skipped with a message
//! on stderr; `DOSSIER_REQUIRE_BROWSER=1` (set by `tests/run` once it has
//! installed them) makes that a failure.

pub mod driver;
mod search;
pub mod server;
mod session;
pub mod tools;

use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub use session::{
    BASE, Browser, SMALL_PAGES, Served, browser_test, browser_test_on, browser_test_with, pages,
};

/// A walk through the graph that the pages must allow: a theme, one of its
/// articles, and a speaker of that article who has quotes (Tô Lâm first).
fn journey(graph: &Value) -> (String, String, String) {
    let mut speakers: Vec<&Value> = graph["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "speaker" && e["quotes"].as_u64().unwrap_or(0) > 0)
        .collect();
    speakers.sort_by_key(|e| e["slug"] != "to-lam");
    for speaker in speakers {
        let id = format!("speaker/{}", speaker["slug"].as_str().unwrap());
        for article in graph["articles"].as_array().unwrap() {
            let entities = article["entities"].as_array().unwrap();
            if !entities.iter().any(|e| e["entity"] == id.as_str()) {
                continue;
            }
            let theme = entities
                .iter()
                .filter(|e| e["entity"].as_str().unwrap().starts_with("theme/"))
                .max_by_key(|e| e["explicit"] == true);
            if let Some(theme) = theme {
                return (
                    theme["entity"].as_str().unwrap()["theme/".len()..].to_string(),
                    article["slug"].as_str().unwrap().to_string(),
                    speaker["slug"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    panic!("no theme, article and quoted speaker to walk through in graph.json");
}

#[test]
fn browser_walks_from_home_to_a_quote_and_back() {
    browser_test(
        "browser_walks_from_home_to_a_quote_and_back",
        |mut b| async move {
            let (theme, article, speaker) = journey(&b.served.graph);
            b.open("").await;
            b.assert_landmarks().await;
            b.click_link_to(&format!("themes/{theme}/")).await;
            b.assert_landmarks().await;
            b.click_link_to(&format!("articles/{article}/")).await;
            b.assert_landmarks().await;
            b.click_link_to(&format!("speakers/{speaker}/")).await;
            b.assert_landmarks().await;
            let speaker_page = b.here().await;

            // The quotes section is `#quotes` (or the section `#quotes` heads).
            let quote_links = "#quotes a[href*=\"#p-\"], section:has(> #quotes) a[href*=\"#p-\"]";
            let target = b
                .js(
                    "const link = document.querySelector(arguments[0]); return link ? link.href : null;",
                    vec![json!(quote_links)],
                )
                .await;
            let Some(target) = target.as_str().map(str::to_string) else {
                panic!("{speaker_page}: no link from a quote to its paragraph in #quotes");
            };
            assert!(
                target.starts_with(&b.url("articles/")),
                "a quote links to an article: {target}"
            );
            b.click_link(quote_links, &target).await;
            b.assert_landmarks().await;
            let anchor = b
                .js(
                    "const el = document.getElementById(location.hash.slice(1));
                     if (!el) return 'no element with the id ' + location.hash;
                     if (!el.matches(':target')) return 'not the target';
                     const top = el.getBoundingClientRect().top;
                     if (top < -1 || top >= innerHeight) return 'not scrolled into view (top ' + top + ')';
                     return 'ok';",
                    vec![],
                )
                .await;
            assert_eq!(anchor, "ok", "{target}: the quoted paragraph");

            b.client.back().await.unwrap();
            b.wait_for_url(&speaker_page).await;
            b
        },
    );
}

#[test]
fn browser_asks_for_nothing_outside_the_sub_path() {
    // A page that declares no icon makes the browser ask for /favicon.ico
    // at the server's root, which is outside the site when it is published
    // under a sub-path: pages must declare theirs (`<link rel="icon">`).
    // The other browser tests let that one request pass.
    browser_test(
        "browser_asks_for_nothing_outside_the_sub_path",
        |mut b| async move {
            b.let_favicon_pass = false;
            let article = b.served.graph["articles"][0]["url"]
                .as_str()
                .unwrap()
                .to_string();
            for page in [
                "",
                "articles/",
                "themes/",
                &article,
                "speakers/to-lam/",
                "404.html",
            ] {
                b.open(page).await;
            }
            b
        },
    );
}

/// Without a site URL, the 404 page cannot know the folder the site is
/// published under: it finds it from the address, and then its links, its
/// stylesheet and its scripts point into that folder.
#[test]
fn browser_the_404_page_finds_the_site_folder_without_a_site_url() {
    browser_test_on(
        "browser_the_404_page_finds_the_site_folder_without_a_site_url",
        Served::repository_without_url,
        |mut b| async move {
            let missing = format!("{BASE}no/such/page/");
            b.expected_failures = vec![
                missing.clone(),
                format!("{missing}dossier-manifest.txt"),
                format!("{BASE}no/such/dossier-manifest.txt"),
                format!("{BASE}no/dossier-manifest.txt"),
            ];
            // Root links load from the server's root until the page has
            // found its folder; what failed there is checked below.
            b.let_outside_fail = true;
            b.open("").await;
            let home_font = b
                .js("return getComputedStyle(document.body).fontFamily", vec![])
                .await;
            b.open("no/such/page/").await;
            let home = b
                .wait_until(
                    "the home link to point into the site's folder",
                    "const a = [...document.querySelectorAll('main a')].find(a => a.textContent.includes('home page'));
                     return a && a.getAttribute('href') === arguments[0] ? a.getAttribute('href') : false;",
                    vec![json!(BASE)],
                )
                .await;
            assert_eq!(home, json!(BASE));
            b.wait_until(
                "the stylesheet to apply",
                "return getComputedStyle(document.body).fontFamily === arguments[0]",
                vec![home_font],
            )
            .await;
            // Every root file the page asked for before it knew its folder
            // was then loaded from the folder.
            let requests = b.served.server.requests();
            for outside in requests.iter().filter(|r| !r.target.starts_with(BASE)) {
                let again = format!("{BASE}{}", outside.target.trim_start_matches('/'));
                assert!(
                    requests
                        .iter()
                        .any(|r| r.target == again && r.status == 200),
                    "{} was not loaded again as {again}",
                    outside.target
                );
            }
            let home_url = b.url("");
            b.click_link("main a", &home_url).await;
            b
        },
    );
}

#[test]
fn browser_every_page_has_the_header_search_form_and_theme_toggle() {
    browser_test(
        "browser_every_page_has_the_header_search_form_and_theme_toggle",
        |mut b| async move {
            let root = b.url("");
            let mut problems = Vec::new();
            for page in pages(&b.served.out) {
                b.open(&page).await;
                let missing = b
                    .js(
                        "const root = arguments[0], missing = [];
                         const need = (ok, what) => { if (!ok) missing.push(what); };
                         need(document.querySelector('a.skip-link[href=\"#main\"]'), '<a class=\"skip-link\" href=\"#main\">');
                         need(document.querySelector('main#main'), '<main id=\"main\">');
                         const nav = document.querySelector('header nav[aria-label=\"Main\"]');
                         need(nav, '<nav aria-label=\"Main\"> in a <header>');
                         if (nav) {
                           const hrefs = Array.from(nav.querySelectorAll('a[href]'), a => a.href);
                           for (const path of ['articles/', 'resolutions/', 'themes/', 'speakers/', 'timeline/', 'search/'])
                             need(hrefs.includes(root + path), 'a link to ' + path + ' in the main navigation');
                         }
                         const form = document.querySelector('form[role=\"search\"]');
                         need(form, '<form role=\"search\">');
                         if (form) {
                           need(form.action === root + 'search/', 'the search form\\'s action leads to search/ (not ' + form.getAttribute('action') + ')');
                           need(form.querySelector('input[type=\"search\"][name=\"q\"]'), '<input type=\"search\" name=\"q\"> in the search form');
                         }
                         const toggle = document.getElementById('theme-toggle');
                         need(toggle && toggle.tagName === 'BUTTON', '<button id=\"theme-toggle\">');
                         return missing;",
                        vec![json!(root)],
                    )
                    .await;
                for item in missing.as_array().unwrap() {
                    problems.push(format!("/{page}: missing {}", item.as_str().unwrap()));
                }
            }
            assert!(problems.is_empty(), "\n{}", problems.join("\n"));
            b
        },
    );
}

/// The search results on the page: `[{href, kind, mark}]`.
pub const RESULTS: &str = "return Array.from(document.querySelectorAll('#search-results li'), li => {
    const a = li.querySelector('a[href]'), kind = li.querySelector('.result-kind'), mark = li.querySelector('mark');
    return { href: a ? a.href : null, kind: kind ? kind.textContent.trim() : null, mark: mark ? mark.textContent : null };
  })";

/// Waits for a result linking to `url` (ignoring fragments) and checks
/// that every result has a link, a kind and a marked match.
pub async fn wait_for_result(b: &Browser, query: &str, url: &str) {
    let found = format!("{RESULTS}.some(r => r.href && r.href.split('#')[0] === arguments[0])");
    if b.poll(&found, vec![json!(url)]).await.is_err() {
        let results = b.js(RESULTS, vec![]).await;
        panic!(
            "{}: searching `{query}` lists no result linking to {url}; results: {results}",
            b.here().await
        );
    }
    let results = b.js(RESULTS, vec![]).await;
    for result in results.as_array().unwrap() {
        assert!(
            result["href"].is_string() && result["kind"].is_string() && result["mark"].is_string(),
            "`{query}`: every result has a link, a `.result-kind` and its match in <mark>: {result}"
        );
    }
}

#[test]
fn browser_search_finds_names_and_numbers_without_diacritics() {
    browser_test(
        "browser_search_finds_names_and_numbers_without_diacritics",
        |mut b| async move {
            // From the header's form on the home page.
            b.open("").await;
            let field = b
                .find(
                    "form[role=\"search\"] input[type=\"search\"][name=\"q\"]",
                    "search field in the header",
                )
                .await;
            field.send_keys("to lam\u{E007}").await.unwrap();
            b.wait_until(
                "the search page with the query in its address",
                "return location.pathname === arguments[0] && new URLSearchParams(location.search).get('q') === 'to lam' && document.readyState === 'complete'",
                vec![json!(format!("{BASE}search/"))],
            )
            .await;
            b.settle().await;
            b.wait_until(
                "#search-query filled with the query",
                "const q = document.getElementById('search-query'); return q && q.value === 'to lam'",
                vec![],
            )
            .await;
            let to_lam = b.url("speakers/to-lam/");
            wait_for_result(&b, "to lam", &to_lam).await;

            // Typing into the search page's field updates the results.
            let query = b.find("#search-query", "search field").await;
            query.clear().await.unwrap();
            query.send_keys("nghi quyet 59").await.unwrap();
            let resolution = b.url("resolutions/59-nq-tw/");
            wait_for_result(&b, "nghi quyet 59", &resolution).await;
            b.read_console().await;

            // Opening a result.
            let href = b
                .js(
                    &format!(
                        "{RESULTS}.map(r => r.href).find(h => h && h.split('#')[0] === arguments[0])"
                    ),
                    vec![json!(resolution)],
                )
                .await;
            let href = href.as_str().unwrap().to_string();
            b.click_link("#search-results a[href]", &href).await;
            let title = b
                .js("return document.querySelector('h1').textContent", vec![])
                .await;
            assert!(
                title.as_str().unwrap().contains("59"),
                "the result opens Resolution 59's page: {title}"
            );
            b
        },
    );
}

/// The theme on `<html data-theme>`, the stored choice and the body's
/// background once any transition has ended.
async fn theme_state(b: &Browser) -> (Value, Value, String) {
    let state = "return [document.documentElement.dataset.theme || null,
                         localStorage.getItem('dossier-theme'),
                         getComputedStyle(document.body).backgroundColor]";
    let mut last = b.js(state, vec![]).await;
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let now = b.js(state, vec![]).await;
        if now == last || Instant::now() > deadline {
            return (
                now[0].clone(),
                now[1].clone(),
                now[2].as_str().unwrap_or_default().to_string(),
            );
        }
        last = now;
    }
}

async fn toggle_theme(b: &mut Browser) {
    b.find("#theme-toggle", "theme toggle button")
        .await
        .click()
        .await
        .unwrap();
    b.read_console().await;
}

#[test]
fn browser_dark_mode_choice_holds_after_a_reload() {
    browser_test(
        "browser_dark_mode_choice_holds_after_a_reload",
        |mut b| async move {
            for (system, other) in [("light", "dark"), ("dark", "light")] {
                b.prefer_color_scheme(system).await;
                b.open("").await;
                b.js("localStorage.removeItem('dossier-theme')", vec![])
                    .await;
                b.client.refresh().await.unwrap();
                b.settle().await;
                let (_, _, system_background) = theme_state(&b).await;

                // The first click leaves the system's scheme for the other.
                toggle_theme(&mut b).await;
                let (theme, stored, background) = theme_state(&b).await;
                assert_eq!(
                    theme, other,
                    "system {system}: the first click switches to {other}"
                );
                assert_eq!(stored, other, "system {system}: the choice is stored");
                assert_ne!(
                    background, system_background,
                    "system {system}: the background changes with the theme"
                );
                b.client.refresh().await.unwrap();
                b.settle().await;
                let after_reload = theme_state(&b).await;
                assert_eq!(
                    (after_reload.0, after_reload.2),
                    (json!(other), background.clone()),
                    "system {system}: {other} holds after a reload"
                );
                b.click_link_to("articles/").await;
                let elsewhere = theme_state(&b).await;
                assert_eq!(
                    elsewhere.0, other,
                    "system {system}: {other} holds on another page"
                );

                // And back.
                toggle_theme(&mut b).await;
                let (theme, stored, background) = theme_state(&b).await;
                assert_eq!(
                    (theme, stored),
                    (json!(system), json!(system)),
                    "system {system}: the second click switches back"
                );
                b.client.refresh().await.unwrap();
                b.settle().await;
                let after_reload = theme_state(&b).await;
                assert_eq!(
                    (after_reload.0, after_reload.2),
                    (json!(system), background),
                    "system {system}: {system} holds after a reload"
                );
            }
            b
        },
    );
}

#[test]
fn browser_timeline_lists_resolutions_and_articles_by_date() {
    browser_test(
        "browser_timeline_lists_resolutions_and_articles_by_date",
        |mut b| async move {
            b.open("").await;
            let timeline = b.url("timeline/");
            b.click_link("header nav[aria-label=\"Main\"] a[href]", &timeline)
                .await;
            b.assert_landmarks().await;
            // Where each page's first link is, in the order of the document.
            let links = b
                .js(
                    "return Array.from(document.querySelectorAll('main a[href]'), a => a.href.split('#')[0])",
                    vec![],
                )
                .await;
            let links: Vec<&str> = links
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            let graph = &b.served.graph;
            let resolutions = graph["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "resolution");
            let mut placed = Vec::new();
            let mut missing = Vec::new();
            for item in resolutions.chain(graph["articles"].as_array().unwrap()) {
                let Some(date) = item["date"].as_str() else {
                    continue;
                };
                let url = b.url(item["url"].as_str().unwrap());
                match links.iter().position(|l| *l == url) {
                    Some(at) => placed.push((at, date.to_string(), url)),
                    None => missing.push(url),
                }
            }
            assert!(
                missing.is_empty(),
                "the timeline does not list: {missing:?}"
            );
            placed.sort();
            let dates: Vec<&str> = placed.iter().map(|(_, d, _)| d.as_str()).collect();
            let ascending = dates.windows(2).all(|w| w[0] <= w[1]);
            let descending = dates.windows(2).all(|w| w[0] >= w[1]);
            let order: Vec<String> = placed
                .iter()
                .map(|(_, date, url)| format!("{date} {url}"))
                .collect();
            assert!(
                ascending || descending,
                "the timeline lists its items in date order, not:\n{}",
                order.join("\n")
            );
            b
        },
    );
}
