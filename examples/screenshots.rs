//! Screenshots of the repository's site: builds it, serves it under a
//! sub-path on 127.0.0.1, and has headless Chromium (through chromedriver)
//! take full-page PNGs of the home page, a theme page and an article, at
//! 1280 and 390 pixels wide, in the light and the dark colour scheme.
//!
//! ```sh
//! bench/screenshots.sh [DIR]     # default: target/screenshots/
//! cargo run --example screenshots -- DIR
//! ```
//!
//! Needs `chromium` and `chromedriver` (or DOSSIER_CHROMIUM and
//! DOSSIER_CHROMEDRIVER); `tests/run` installs them.

#[allow(dead_code)]
#[path = "../tests/integration/browser/driver.rs"]
mod driver;
#[allow(dead_code)]
#[path = "../tests/integration/browser/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The widths shot: a desktop and a phone.
const WIDTHS: [u32; 2] = [1280, 390];
/// Taller pages are cut there.
const MAX_HEIGHT: u64 = 12_000;

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/screenshots".to_string()),
    );
    let (Some(chromium), Some(chromedriver)) = (
        program("DOSSIER_CHROMIUM", &["chromium", "chromium-browser"]),
        program("DOSSIER_CHROMEDRIVER", &["chromedriver"]),
    ) else {
        eprintln!(
            "error: screenshots need chromium and chromedriver (apt-get install chromium chromium-driver)"
        );
        std::process::exit(1);
    };
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("create {}: {e}", out.display()));

    // The repository's site, built into a temporary directory.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let staging = tempfile::tempdir().expect("a temporary directory");
    let site = staging.path().join("site");
    let server = server::SiteServer::start(&site, "/dossier/");
    let report = dossier::build(&dossier::BuildOptions {
        root,
        out: Some(site.clone()),
        site_url: Some(server.url("")),
    })
    .unwrap_or_else(|e| panic!("build failed:\n{e}"));
    println!("{}", report.summary());

    let graph: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("graph.json")).unwrap()).unwrap();
    let theme = graph["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "theme")
        .max_by_key(|e| e["articles"].as_u64())
        .expect("a theme");
    let article = &graph["articles"][0];
    let pages: Vec<(String, String)> = vec![
        ("home".to_string(), server.url("")),
        (
            "theme".to_string(),
            server.url(theme["url"].as_str().unwrap()),
        ),
        (
            "article".to_string(),
            server.url(article["url"].as_str().unwrap()),
        ),
    ];

    let written = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let list = std::sync::Arc::clone(&written);
    let dir = out.clone();
    driver::with_browser(
        &chromedriver,
        &chromium,
        Duration::from_secs(300),
        move |driver, client| async move {
            for scheme in ["light", "dark"] {
                driver::cdp(
                    &driver,
                    &client,
                    "Emulation.setEmulatedMedia",
                    json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
                )
                .await;
                for width in WIDTHS {
                    for (name, url) in &pages {
                        let metrics = |height: u64| {
                            json!({
                                "width": width, "height": height,
                                "deviceScaleFactor": 1, "mobile": width < 600,
                            })
                        };
                        driver::cdp(
                            &driver,
                            &client,
                            "Emulation.setDeviceMetricsOverride",
                            metrics(900),
                        )
                        .await;
                        client.goto(url).await.expect("open the page");
                        loaded(&client).await;
                        let height = client
                            .execute(
                                "return Math.ceil(document.documentElement.scrollHeight)",
                                vec![],
                            )
                            .await
                            .expect("the page's height")
                            .as_u64()
                            .unwrap_or(900)
                            .clamp(100, MAX_HEIGHT);
                        driver::cdp(
                            &driver,
                            &client,
                            "Emulation.setDeviceMetricsOverride",
                            metrics(height),
                        )
                        .await;
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        let png = client.screenshot().await.expect("a screenshot");
                        let suffix = if scheme == "dark" { "-dark" } else { "" };
                        let file = dir.join(format!("{name}-{width}{suffix}.png"));
                        std::fs::write(&file, png)
                            .unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
                        list.lock().unwrap().push(file);
                    }
                }
            }
        },
    );
    for file in written.lock().unwrap().iter() {
        println!("{}", file.display());
    }
}

/// Waits for the page (and its fonts) to finish loading.
async fn loaded(client: &fantoccini::Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let ready = client
            .execute(
                "return document.readyState === 'complete' && document.fonts.status === 'loaded'",
                vec![],
            )
            .await;
        if matches!(ready, Ok(Value::Bool(true))) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A program named by `variable`, else the first of `names` on the PATH.
fn program(variable: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate: &PathBuf| Path::is_file(candidate))
    })
}
