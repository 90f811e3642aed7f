//! The browser side of the tests: the repository's site built and served,
//! a Chromium session on it, and the checks every test ends with (no
//! console error, no failed request, nothing asked outside the sub-path).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::driver::{Chromedriver, browser_log, cdp, with_browser};
use super::server::SiteServer;
use super::tools;
use crate::harness::Site;

/// The sub-path the site is served under.
pub const BASE: &str = "/dossier/";

/// How long one browser test may take in all.
const LIMIT: Duration = Duration::from_secs(300);

/// How long to wait for something to appear on a page.
const PATIENCE: Duration = Duration::from_secs(10);

/// The repository's site, built with its URL on the server that serves it.
pub struct Served {
    _site: Site,
    pub server: SiteServer,
    pub out: PathBuf,
    pub graph: Value,
}

/// A `[pagination]` small enough to split the repository's lists (the
/// articles, the kinds, the larger entities, the timeline by year) into
/// several pages each.
pub const SMALL_PAGES: &str = "\n[pagination]\nper-page = 2\n";

impl Served {
    pub fn repository() -> Served {
        Served::build(Site::repository())
    }

    /// The repository's site built without a site URL (as `dossier build`
    /// does when none is configured), served under [`BASE`].
    pub fn repository_without_url() -> Served {
        let site = Site::repository();
        let out = site.root.join("www");
        let server = SiteServer::start(&out, BASE);
        dossier::build(&dossier::BuildOptions {
            root: site.root.clone(),
            out: Some(out.clone()),
            site_url: None,
        })
        .unwrap_or_else(|e| panic!("build failed:\n{e}"));
        let graph = std::fs::read_to_string(out.join("graph.json")).expect("graph.json");
        Served {
            _site: site,
            server,
            out,
            graph: serde_json::from_str(&graph).expect("graph.json is JSON"),
        }
    }

    /// The repository's site with `extra` added to its book.toml.
    pub fn repository_with(extra: &str) -> Served {
        let site = Site::repository();
        let book = std::fs::read_to_string(site.root.join("book.toml")).expect("book.toml");
        site.write("book.toml", &format!("{book}{extra}"));
        Served::build(site)
    }

    /// Builds `site` into its `www/` folder, served under [`BASE`].
    pub fn build(site: Site) -> Served {
        let out = site.root.join("www");
        let server = SiteServer::start(&out, BASE);
        dossier::build(&dossier::BuildOptions {
            root: site.root.clone(),
            out: Some(out.clone()),
            site_url: Some(server.url("")),
        })
        .unwrap_or_else(|e| panic!("build failed:\n{e}"));
        let graph = std::fs::read_to_string(out.join("graph.json")).expect("graph.json");
        let graph = serde_json::from_str(&graph).expect("graph.json is JSON");
        Served {
            _site: site,
            server,
            out,
            graph,
        }
    }

    pub fn url(&self, site_path: &str) -> String {
        self.server.url(site_path)
    }
}

/// The site path of every page of a built site (`""`, `articles/x/`,
/// `404.html`), sorted; redirect pages are left out.
pub fn pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| {
            let html = std::fs::read_to_string(e.path()).unwrap_or_default();
            !html.contains("http-equiv=\"refresh\"")
        })
        .map(|e| {
            let relative = e.path().strip_prefix(out).unwrap().to_string_lossy();
            let relative = relative.replace('\\', "/");
            match relative.strip_suffix("index.html") {
                Some(folder) => folder.to_string(),
                None => relative,
            }
        })
        .collect();
    pages.sort();
    pages
}

/// A browser session on the served site, collecting what went wrong.
pub struct Browser {
    pub driver: Arc<Chromedriver>,
    pub client: Client,
    pub served: Arc<Served>,
    /// Console errors, each with the page it happened on.
    console_errors: Vec<String>,
    /// Whether the browser's own request for `/favicon.ico` at the
    /// server's root is let pass (it is checked by
    /// `browser_asks_for_nothing_outside_the_sub_path` alone).
    pub let_favicon_pass: bool,
    /// Request targets that a test expects to fail (its own missing page,
    /// say): their failed loads are neither console errors nor failures.
    pub expected_failures: Vec<String>,
    /// Whether requests outside the sub-path may fail, for a page that asks
    /// for them before it knows where the site is (and checks the rest).
    pub let_outside_fail: bool,
}

/// Runs `body` in a browser on the repository's site, then asserts that no
/// page wrote a console error and no request failed. Skips (or fails, when
/// required) without Chromium.
pub fn browser_test<F, Fut>(test: &str, body: F)
where
    F: FnOnce(Browser) -> Fut + Send + 'static,
    Fut: Future<Output = Browser> + Send + 'static,
{
    browser_test_on(test, Served::repository, body);
}

/// [`browser_test`] on the repository's site with `extra` added to its
/// book.toml.
pub fn browser_test_with<F, Fut>(test: &str, extra: &str, body: F)
where
    F: FnOnce(Browser) -> Fut + Send + 'static,
    Fut: Future<Output = Browser> + Send + 'static,
{
    browser_test_on(test, || Served::repository_with(extra), body);
}

/// [`browser_test`] on the site `site` builds and serves.
pub fn browser_test_on<F, Fut>(test: &str, site: impl FnOnce() -> Served, body: F)
where
    F: FnOnce(Browser) -> Fut + Send + 'static,
    Fut: Future<Output = Browser> + Send + 'static,
{
    let Some(tools) = tools::browser(test) else {
        return;
    };
    let served = Arc::new(site());
    with_browser(
        &tools.chromedriver,
        &tools.chromium,
        LIMIT,
        move |driver, client| async move {
            let browser = Browser {
                driver,
                client,
                served,
                console_errors: Vec::new(),
                let_favicon_pass: true,
                expected_failures: Vec::new(),
                let_outside_fail: false,
            };
            body(browser).await.assert_clean().await;
        },
    );
}

impl Browser {
    pub fn url(&self, site_path: &str) -> String {
        self.served.url(site_path)
    }

    /// The URL the browser is on.
    pub async fn here(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("(no URL: {e})"),
        }
    }

    /// Opens a site path and waits for it to load.
    pub async fn open(&mut self, site_path: &str) {
        let url = self.url(site_path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
        self.settle().await;
    }

    /// Waits for the page to finish loading, then collects its console errors.
    pub async fn settle(&mut self) {
        self.wait_until(
            "the page to load",
            "return document.readyState === 'complete'",
            vec![],
        )
        .await;
        self.read_console().await;
    }

    /// Moves the console's new errors into the list.
    pub async fn read_console(&mut self) {
        let here = self.here().await;
        let origin = self.url("").trim_end_matches(BASE).to_string();
        let favicon = format!("{origin}/favicon.ico ");
        let expected = |message: &str| {
            let outside =
                message.starts_with(&origin) && !message.starts_with(&format!("{origin}{BASE}"));
            (self.let_outside_fail && outside)
                || self
                    .expected_failures
                    .iter()
                    .any(|target| message.starts_with(&format!("{origin}{target} ")))
        };
        for entry in browser_log(&self.driver, &self.client).await {
            if self.let_favicon_pass && entry.message.starts_with(&favicon) {
                continue;
            }
            if expected(&entry.message) {
                continue;
            }
            if entry.level == "SEVERE" {
                self.console_errors
                    .push(format!("{here}: [{}] {}", entry.source, entry.message));
            }
        }
    }

    /// Runs a script in the page (its `arguments` are `args`).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        match self.client.execute(script, args).await {
            Ok(value) => value,
            Err(e) => panic!("{}: script failed: {e}\n{script}", self.here().await),
        }
    }

    /// Polls a script until it returns something truthy, and returns that;
    /// after [`PATIENCE`], the last answer as an error.
    pub async fn poll(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let last = match self.client.execute(script, args.clone()).await {
                Ok(value) if truthy(&value) => return Ok(value),
                Ok(value) => value.to_string(),
                // A script run while the page navigates may fail; try again.
                Err(e) => e.to_string(),
            };
            if Instant::now() > deadline {
                return Err(last);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// [`Browser::poll`], failing with `what` was waited for.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        match self.poll(script, args).await {
            Ok(value) => value,
            Err(last) => panic!(
                "{}: waited {PATIENCE:?} for {what}; last answer: {last}",
                self.here().await
            ),
        }
    }

    /// Waits until the browser is on `url` (fragment included) and loaded.
    pub async fn wait_for_url(&mut self, url: &str) {
        self.wait_until(
            &format!("the browser to be on {url}"),
            "return location.href === arguments[0] && document.readyState === 'complete'",
            vec![json!(url)],
        )
        .await;
        self.read_console().await;
    }

    /// The first element matching a CSS selector, or a failure naming it.
    pub async fn find(&self, css: &str, what: &str) -> fantoccini::elements::Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("{}: no {what} (`{css}`): {e}", self.here().await),
        }
    }

    /// Clicks the first of the links `links` (a CSS selector of `a`
    /// elements) that leads to `url` (an absolute URL, fragment included),
    /// and waits for it to load.
    pub async fn click_link(&mut self, links: &str, url: &str) {
        let index = self
            .js(
                "return Array.from(document.querySelectorAll(arguments[0])).findIndex(a => a.href === arguments[1])",
                vec![json!(links), json!(url)],
            )
            .await;
        let Some(index) = index.as_u64() else {
            let hrefs = self
                .js(
                    "return Array.from(document.querySelectorAll(arguments[0]), a => a.getAttribute('href'))",
                    vec![json!(links)],
                )
                .await;
            panic!(
                "{}: no link to {url} among `{links}`: {hrefs}",
                self.here().await
            );
        };
        let links = self
            .client
            .find_all(Locator::Css(links))
            .await
            .expect("the links");
        let link = &links[index as usize];
        link.click()
            .await
            .unwrap_or_else(|e| panic!("click the link to {url}: {e}"));
        self.wait_for_url(url).await;
    }

    /// Clicks the first link to a site path anywhere on the page.
    pub async fn click_link_to(&mut self, site_path: &str) {
        let url = self.url(site_path);
        self.click_link("a[href]", &url).await;
    }

    /// Asserts that the pages wrote no console error and that the server
    /// answered every request (none outside the sub-path, none failed).
    pub async fn assert_clean(mut self) {
        self.read_console().await;
        let mut exempt: Vec<&str> = self.expected_failures.iter().map(String::as_str).collect();
        if self.let_favicon_pass {
            exempt.push("/favicon.ico");
        }
        let failed: Vec<_> = self
            .served
            .server
            .failed_requests(&exempt)
            .into_iter()
            .filter(|r| !self.let_outside_fail || r.target.starts_with(BASE))
            .collect();
        let mut problems = Vec::new();
        if !self.console_errors.is_empty() {
            problems.push(format!(
                "console errors:\n  {}",
                self.console_errors.join("\n  ")
            ));
        }
        if !failed.is_empty() {
            let failed: Vec<String> = failed.iter().map(ToString::to_string).collect();
            problems.push(format!(
                "failed requests, or requests outside {BASE}:\n  {}",
                failed.join("\n  ")
            ));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Asserts the landmarks every page has now: the skip link, the main
    /// navigation in a header, and `<main id="main">`.
    pub async fn assert_landmarks(&self) {
        let missing = self
            .js(
                "const missing = [];
                 if (!document.querySelector('a.skip-link[href=\"#main\"]')) missing.push('<a class=\"skip-link\" href=\"#main\">');
                 if (!document.querySelector('header nav[aria-label=\"Main\"]')) missing.push('<nav aria-label=\"Main\"> in a <header>');
                 if (!document.querySelector('main#main')) missing.push('<main id=\"main\">');
                 return missing;",
                vec![],
            )
            .await;
        assert_eq!(
            missing,
            json!([]),
            "{}: missing landmarks",
            self.here().await
        );
    }

    /// Emulates the system's colour scheme preference (`"light"`, `"dark"`).
    pub async fn prefer_color_scheme(&self, scheme: &str) {
        cdp(
            &self.driver,
            &self.client,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}
