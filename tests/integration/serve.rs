//! `dossier serve` over real HTTP: pages, content types, the 404 page,
//! traversal attempts, live rebuilds with their reload events, and a broken
//! edit that keeps the last good site served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::harness::{HttpResponse, Site, http_get};

/// A running `dossier serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    base: String,
    stderr: Receiver<String>,
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let stderr_lines = BufReader::new(child.stderr.take().unwrap());
        let (sender, stderr) = channel();
        std::thread::spawn(move || {
            for line in stderr_lines.lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = stdout
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                line.split_whitespace()
                    .find(|w| w.starts_with("http://"))
                    .map(str::to_string)
            })
            .expect("the server announces its address");
        std::thread::spawn(move || stdout.for_each(drop));
        let rest = url.trim_start_matches("http://");
        let (host, base) = rest.split_at(rest.find('/').unwrap());
        let port = host.rsplit(':').next().unwrap().parse().unwrap();
        Server {
            child,
            port,
            base: base.to_string(),
            stderr,
        }
    }

    fn get(&self, path: &str) -> HttpResponse {
        http_get(self.port, path)
    }

    /// Subscribes to the live-reload events like an open tab.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {}__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            self.base
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        // The server subscribes the tab before it answers: once the headers
        // are here, no event of a later edit can be missed.
        events.read_until("\r\n\r\n");
        events
    }

    /// Fetches `path` until `check` holds (a rebuild that an earlier,
    /// stale event announced may still be under way), within 30 s.
    fn eventually(&self, path: &str, what: &str, check: impl Fn(&HttpResponse) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let response = self.get(path);
            if check(&response) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: {what}; last served:\n{}",
                response.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What the server printed to stderr, read until it holds `text` (the
    /// line may follow the event that announced it) or for at most 30 s.
    fn stderr_until(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = String::new();
        while !seen.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                }
                Err(_) => break,
            }
        }
        seen
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Waits until an event of this name arrives; returns everything read.
    fn wait_for(&mut self, event: &str) -> String {
        self.read_until(&format!("event: {event}"));
        std::mem::take(&mut self.seen)
    }

    /// Reads the stream until it holds `text`, within 30 s.
    fn read_until(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut buffer = [0u8; 4096];
        while !self.seen.contains(text) {
            assert!(
                Instant::now() < deadline,
                "no {text:?} in the event stream; got:\n{}",
                self.seen
            );
            let read = self.stream.read(&mut buffer).expect("the event stream");
            assert!(read > 0, "the event stream closed");
            self.seen
                .push_str(&String::from_utf8_lossy(&buffer[..read]));
        }
    }
}

#[test]
fn serves_pages_assets_and_the_404_page_with_content_types() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.headers
    );
    assert!(home.body.contains("Fixture Site"));
    assert!(
        home.body.contains("__dossier/livereload.js"),
        "the reload script is injected when serving"
    );
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.headers.contains("content-type: text/css"),
        "{}",
        css.headers
    );
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    let folder = server.get("/themes");
    assert_eq!(folder.status, 302);
    assert!(
        folder.headers.contains("location: /themes/"),
        "{}",
        folder.headers
    );
    assert!(
        server
            .get("/__dossier/livereload.js")
            .body
            .contains("EventSource")
    );
}

#[test]
fn built_output_never_contains_the_reload_script() {
    let site = Site::fixture("basic");
    site.built();
    for path in ["", "articles/first-report/", "404.html"] {
        assert!(!site.page(path).contains("__dossier"), "/{path}");
    }
}

#[test]
fn refuses_paths_that_try_to_leave_the_site() {
    let site = Site::fixture("basic");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/articles/%2E%2E/%2E%2E/secret.txt",
        "/..%2fbook.toml",
        "/articles/..\\..\\book.toml",
    ] {
        let response = server.get(path);
        assert!(
            matches!(response.status, 400 | 404),
            "{path}: {}",
            response.status
        );
        assert!(
            !response.body.contains("do not serve") && !response.body.contains("[book]"),
            "{path}"
        );
    }
}

#[test]
fn an_edit_rebuilds_the_page_and_sends_a_reload_event() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let path = "content/articles/first-report.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(
        path,
        &text.replace("sets a vision for integration", "sets a bold new vision"),
    );
    events.wait_for("reload");
    server.eventually(
        "/articles/first-report/",
        "it shows sets a bold new vision",
        |r| r.body.contains("sets a bold new vision"),
    );
    site.write("templates/kind.html", "{% extends \"base.html\" %}{% block main %}<p id=\"custom-kind\">{{ kind.plural }}</p>{% endblock main %}");
    events.wait_for("reload");
    server.eventually("/themes/", "a new template folder is picked up", |r| {
        r.body.contains("<p id=\"custom-kind\">Themes</p>")
    });
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_the_error() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    let path = "content/articles/first-report.md";
    let good = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(
        path,
        &good.replace("title = \"A first report", "title = \"Broken"),
    );
    events.wait_for("reload");
    server.eventually(
        "/graph.json",
        "graph.json is brought up to date when asked for",
        |r| r.body.contains("\"title\":\"Broken"),
    );
    site.write(
        path,
        &good.replace(
            "themes = [\"Economic integration\"]",
            "themes = [\"Economic integraton\"]",
        ),
    );
    let failed = events.wait_for("failed");
    assert!(failed.contains("Economic integraton"), "{failed}");
    let page = server.get("/articles/first-report/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Broken"),
        "the last good version is still served"
    );
    let stderr = server.stderr_until("content/articles/first-report.md");
    assert!(
        stderr.contains("content/articles/first-report.md"),
        "{stderr}"
    );
    // A tab opened now learns of the error too.
    server.events().wait_for("failed");
    site.write(path, &good);
    events.wait_for("reload");
    server.eventually("/articles/first-report/", "it shows A first report", |r| {
        r.body.contains("A first report")
    });
}

#[test]
fn serves_under_the_sub_path_of_the_site_url() {
    let site = Site::fixture("basic");
    let book = std::fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[site]\nurl = \"https://example.org/dossier/\"\n"),
    );
    let server = Server::start(&site, &[]);
    assert_eq!(server.base, "/dossier/");
    assert_eq!(server.get("/dossier/themes/").status, 200);
    assert_eq!(server.get("/themes/").status, 404);
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert!(
        root.headers.contains("location: /dossier/"),
        "{}",
        root.headers
    );
}

#[test]
fn a_taken_port_gets_a_clear_message() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::fixture("basic");
    let output = site.run(&["serve", "--port", &port]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn pages_of_lists_follow_articles_that_are_redated_added_and_removed() {
    let site = Site::fixture("basic");
    let book = std::fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[pagination]\nper-page = 1\n"),
    );
    let server = Server::start(&site, &[]);
    let mut events = server.events();
    // Newest first, one a page: the report, the commentary, the undated note.
    assert!(server.get("/articles/").body.contains("A first report"));
    assert!(
        server
            .get("/articles/page/2/")
            .body
            .contains("An older commentary")
    );
    assert_eq!(server.get("/timeline/2026/").status, 404);

    let path = "content/articles/older-commentary.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(
        path,
        &text.replace("date = 2024-12-30", "date = 2026-01-05"),
    );
    events.wait_for("reload");
    server.eventually("/articles/", "the re-dated article comes first", |r| {
        r.body.contains("An older commentary")
    });
    server.eventually("/articles/page/2/", "the report moves to page 2", |r| {
        r.body.contains("A first report")
    });
    server.eventually("/timeline/2026/", "a year the timeline gained", |r| {
        r.status == 200 && r.body.contains("An older commentary")
    });
    server.eventually("/timeline/", "the year index links the new year", |r| {
        r.body.contains("timeline/2026/")
    });

    site.remove("content/articles/undated-note.md");
    events.wait_for("reload");
    server.eventually("/articles/page/3/", "a page the list lost", |r| {
        r.status == 404
    });

    site.write(
        "content/articles/fresh.md",
        "+++\ntitle = \"A fresh article\"\ndate = 2026-02-01\n+++\nText.\n",
    );
    events.wait_for("reload");
    server.eventually("/articles/", "the new article comes first", |r| {
        r.body.contains("A fresh article")
    });
    server.eventually("/articles/page/3/", "the report moves to page 3", |r| {
        r.body.contains("A first report")
    });
}

/// The dictionary entry of a folded term, read from the served index the
/// way the search page reads it (the shard of the longest prefix).
fn served_term(server: &Server, term: &str) -> Option<serde_json::Value> {
    let meta: serde_json::Value =
        serde_json::from_str(&server.get("/searchindex/meta.json").body).unwrap();
    let shard = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .filter(|s| term.starts_with(s))
        .max_by_key(|s| s.len())?
        .to_string();
    let response = server.get(&format!("/searchindex/t/_{shard}.json"));
    assert_eq!(response.status, 200, "t/{shard}.json");
    assert!(
        response.headers.contains("content-type: application/json"),
        "{}",
        response.headers
    );
    let shard: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    shard.get(term).cloned()
}

#[test]
fn serves_the_search_index_and_keeps_it_up_to_date() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    assert!(
        served_term(&server, "vision").is_some(),
        "the index is served"
    );
    assert!(served_term(&server, "quindecennial").is_none());
    let mut events = server.events();
    let path = "content/articles/first-report.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(path, &format!("{text}\nA quindecennial plan closes it.\n"));
    events.wait_for("reload");
    // The index is rewritten after the tabs reload: poll for it.
    let deadline = Instant::now() + Duration::from_secs(20);
    while served_term(&server, "quindecennial").is_none() {
        assert!(
            Instant::now() < deadline,
            "the new word never reached the served index"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
