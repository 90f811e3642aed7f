//! A static file server for a built site under a sub-path (as GitHub Pages
//! serves `https://user.github.io/repo/`), on 127.0.0.1, that records every
//! request with the status it answered.
//!
//! `/dossier/x` is the file `x` of the directory served; a folder is its
//! `index.html`; a folder without its trailing slash is redirected to it; a
//! missing file gets the site's `404.html` with status 404; anything outside
//! the sub-path gets a plain 404, since no page of the site should ask for it.
//! Each connection answers one request (`Connection: close`).
//!
//! Self-contained (no other test module), so that `examples/screenshots.rs`
//! can include it too.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request the server answered.
#[derive(Clone, Debug)]
pub struct Logged {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    pub status: u16,
    /// The page that asked for it, when the browser said.
    pub referer: Option<String>,
}

impl std::fmt::Display for Logged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} -> {}", self.method, self.target, self.status)?;
        if let Some(referer) = &self.referer {
            write!(f, " (from {referer})")?;
        }
        Ok(())
    }
}

/// The server; stops on drop.
pub struct SiteServer {
    pub port: u16,
    /// The sub-path the site is served under, with both slashes: `/dossier/`.
    pub base: String,
    log: Arc<Mutex<Vec<Logged>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl SiteServer {
    /// Serves the files of `dir` under `base` (`/dossier/`). The directory
    /// is read at each request, so it may be filled after the start.
    pub fn start(dir: &Path, base: &str) -> SiteServer {
        assert!(
            base.starts_with('/') && base.ends_with('/'),
            "the sub-path starts and ends with a slash: {base}"
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let site = Arc::new(Served {
            dir: dir.to_path_buf(),
            base: base.to_string(),
        });
        let accept = {
            let (log, stop) = (Arc::clone(&log), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (site, log) = (Arc::clone(&site), Arc::clone(&log));
                    std::thread::spawn(move || {
                        if let Some(logged) = site.answer(stream) {
                            log.lock().unwrap().push(logged);
                        }
                    });
                }
            })
        };
        SiteServer {
            port,
            base: base.to_string(),
            log,
            stop,
            accept: Some(accept),
        }
    }

    /// The absolute URL of a site path (`articles/x/`, `""` for the home page).
    pub fn url(&self, site_path: &str) -> String {
        format!("http://127.0.0.1:{}{}{site_path}", self.port, self.base)
    }

    /// Every request answered so far, in the order they were answered.
    pub fn requests(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    /// The requests that failed (status 400 or more) or asked for something
    /// outside the sub-path, except those whose target is in `expected`.
    pub fn failed_requests(&self, expected: &[&str]) -> Vec<Logged> {
        self.requests()
            .into_iter()
            .filter(|r| r.status >= 400 || !r.target.starts_with(&self.base))
            .filter(|r| !expected.contains(&r.target.as_str()))
            .collect()
    }
}

impl Drop for SiteServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop up so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

struct Served {
    dir: PathBuf,
    base: String,
}

/// A response before it is written.
struct Response {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: text.as_bytes().to_vec(),
        }
    }
}

impl Served {
    /// Reads one request off `stream`, answers it, and says what it was.
    fn answer(&self, stream: TcpStream) -> Option<Logged> {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        let mut reader = BufReader::new(stream.try_clone().ok()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line).ok()?;
        let mut parts = request_line.split_whitespace();
        let method = parts.next()?.to_string();
        let target = parts.next()?.to_string();
        let mut referer = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).ok()? == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("referer")
            {
                referer = Some(value.trim().to_string());
            }
        }
        let response = match method.as_str() {
            "GET" | "HEAD" => self.respond(&target),
            _ => Response::text(405, "method not allowed\n"),
        };
        let mut stream = stream;
        let reason = match response.status {
            200 => "OK",
            301 => "Moved Permanently",
            400 => "Bad Request",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n",
            response.status,
            response.content_type,
            response.body.len()
        );
        if let Some(location) = &response.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        if method != "HEAD" {
            let _ = stream.write_all(&response.body);
        }
        let _ = stream.flush();
        Some(Logged {
            method,
            status: response.status,
            target,
            referer,
        })
    }

    fn respond(&self, target: &str) -> Response {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if decoded.split(['/', '\\']).any(|segment| segment == "..") {
            return Response::text(400, "no `..` in paths\n");
        }
        if decoded == self.base.trim_end_matches('/') {
            return redirect(&self.base);
        }
        let Some(relative) = decoded.strip_prefix(self.base.as_str()) else {
            return Response::text(404, "outside the site's sub-path\n");
        };
        let file = self.dir.join(relative);
        if file.is_dir() {
            if !relative.is_empty() && !relative.ends_with('/') {
                return redirect(&format!("{path}/"));
            }
            return self.file(&file.join("index.html"));
        }
        self.file(&file)
    }

    fn file(&self, file: &Path) -> Response {
        match std::fs::read(file) {
            Ok(body) => Response {
                status: 200,
                content_type: content_type(file),
                location: None,
                body,
            },
            Err(_) => match std::fs::read(self.dir.join("404.html")) {
                Ok(body) => Response {
                    status: 404,
                    content_type: "text/html; charset=utf-8",
                    location: None,
                    body,
                },
                Err(_) => Response::text(404, "not found\n"),
            },
        }
    }
}

fn redirect(location: &str) -> Response {
    Response {
        location: Some(location.to_string()),
        ..Response::text(301, "moved\n")
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
