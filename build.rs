//! Build script: the version `dossier --version` prints, with the commit the
//! binary was built from when it is known: from git in a checkout, or from
//! the `.cargo_vcs_info.json` that `cargo package` writes into a published
//! crate. Without either (a source archive) it is the bare version.

use std::path::Path;
use std::process::Command;

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let root = Path::new(&manifest_dir);
    let commit = commit_from_git(root).or_else(|| commit_from_vcs_info(root));
    let full = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=DOSSIER_VERSION={full}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
}

/// The short commit of the checkout `root` is the top of, and tells cargo to
/// run this again when HEAD moves. `None` when `root` is not a checkout's
/// top (a crate unpacked inside some other repository is not its commit).
fn commit_from_git(root: &Path) -> Option<String> {
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != root.canonicalize().ok()? {
        return None;
    }
    let commit = git(root, &["rev-parse", "--short=12", "HEAD"])?;
    for file in ["HEAD", "packed-refs"] {
        if let Some(path) = git(root, &["rev-parse", "--git-path", file]) {
            println!("cargo:rerun-if-changed={}", root.join(path).display());
        }
    }
    if let Some(reference) = git(root, &["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(root, &["rev-parse", "--git-path", &reference])
    {
        println!("cargo:rerun-if-changed={}", root.join(path).display());
    }
    Some(commit)
}

/// The commit `cargo package` recorded: `{"git": {"sha1": "..."}}`.
fn commit_from_vcs_info(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(".cargo_vcs_info.json")).ok()?;
    let start = text.find("\"sha1\"")? + "\"sha1\"".len();
    let rest = text[start..].trim_start().strip_prefix(':')?.trim_start();
    let sha = rest.strip_prefix('"')?.split('"').next()?;
    let valid = sha.len() >= 12 && sha.chars().all(|c| c.is_ascii_hexdigit());
    valid.then(|| sha[..12].to_string())
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}
