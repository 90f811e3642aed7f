//! A small chainable harness: copy a fixture site into a temporary
//! directory, change files, build, and read what came out.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::check::check_links;
use dossier::{BuildOptions, BuildReport};

/// A site in a temporary directory.
pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// The repository's top level.
pub fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let source = repository_root().join("tests/fixtures").join(name);
        assert!(source.is_dir(), "no fixture {}", source.display());
        Site::copy_of(&source, &["."])
    }

    /// A copy of the repository's own site (book.toml, content, templates, static).
    pub fn repository() -> Site {
        Site::copy_of(
            &repository_root(),
            &["book.toml", "content", "templates", "static"],
        )
    }

    fn copy_of(source: &Path, parts: &[&str]) -> Site {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path().join("site");
        fs::create_dir(&root).unwrap();
        for part in parts {
            copy_tree(&source.join(part), &root.join(part));
        }
        Site { _dir: dir, root }
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Writes raw bytes into a file of the site.
    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, relative: &str) -> &Self {
        let path = self.root.join(relative);
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
        self
    }

    /// Builds through the library into `book/`.
    pub fn build(&self) -> dossier::Result<BuildReport> {
        dossier::build(&BuildOptions {
            root: self.root.clone(),
            ..BuildOptions::default()
        })
    }

    /// Builds and panics with the diagnostics on failure.
    pub fn built(&self) -> BuildReport {
        self.build()
            .unwrap_or_else(|e| panic!("build failed:\n{e}"))
    }

    /// Runs the `dossier` binary in the site's root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .expect("run dossier")
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("book")
    }

    /// The HTML of the page at a site path (`articles/x/`).
    pub fn page(&self, site_path: &str) -> String {
        let file = self.out().join(dossier::urls::output_file(site_path));
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// Only the `<main>` element of a page.
    pub fn main_of(&self, site_path: &str) -> String {
        let page = self.page(site_path);
        let start = page.find("<main").expect("a <main>");
        let end = page.find("</main>").expect("a </main>") + "</main>".len();
        page[start..end].to_string()
    }

    /// Asserts that every internal link and anchor of the output resolves.
    pub fn assert_links_resolve(&self) {
        let config = dossier::Config::load(&self.root).unwrap();
        let base = dossier::urls::base_path(config.site.url.as_deref());
        let broken = check_links(&self.out(), &base).unwrap();
        let listed: Vec<String> = broken.iter().map(ToString::to_string).collect();
        assert!(broken.is_empty(), "broken links:\n{}", listed.join("\n"));
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        fs::copy(from, to).unwrap();
        return;
    }
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(from).unwrap();
        if relative.starts_with("book") || relative.starts_with("target") {
            continue;
        }
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All files of a tree with their bytes, sorted, for comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Where `needle` is in `haystack`, panicking with both when absent.
pub fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{haystack}"))
}

/// A response read off the wire.
pub struct HttpResponse {
    pub status: u16,
    /// Lowercased, for matching.
    pub headers: String,
    pub body: String,
}

/// A plain HTTP/1.1 GET on 127.0.0.1 (one connection, closed after).
pub fn http_get(port: u16, path: &str) -> HttpResponse {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP response");
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    HttpResponse {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// A port no one listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
