//! The HTTP side of `serve` (axum): serves the in-memory site under the same
//! base path as production, with correct content types and the site's 404
//! page; streams reload and error events to the open tabs (server-sent
//! events); injects the small live-reload script into HTML responses only.

use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio::sync::{broadcast, watch};

use super::live::{LiveSite, SharedFiles};
use crate::urls;

/// The endpoints of the live-reload machinery, under the base path.
pub const EVENTS_PATH: &str = "__dossier/events";
pub const SCRIPT_PATH: &str = "__dossier/livereload.js";

const LIVE_RELOAD_JS: &str = include_str!("livereload.js");

/// What the rebuild side tells the open tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// The site changed: reload.
    Reload,
    /// A rebuild failed: show the message; the last good site stays served.
    Failed(String),
}

/// State shared between the server and the rebuild loop.
pub struct Shared {
    pub files: SharedFiles,
    /// The site, locked while it rebuilds; asked to bring lazily made
    /// files (`graph.json`) up to date before they are served.
    pub site: Mutex<LiveSite>,
    /// The error of the last rebuild, shown to tabs that connect later.
    pub error: RwLock<Option<String>>,
    pub signals: broadcast::Sender<Signal>,
    /// `/` or the path of `[site] url`, such as `/repo/`.
    pub base_path: String,
    pub shutdown: watch::Receiver<bool>,
}

/// The router serving everything.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path();
    let Some(rest) = path.strip_prefix(shared.base_path.as_str()) else {
        if path == "/" {
            return redirect(&shared.base_path);
        }
        return not_found(&shared);
    };
    match rest {
        EVENTS_PATH => return events(&shared).into_response(),
        SCRIPT_PATH => {
            return respond(
                LIVE_RELOAD_JS.as_bytes().to_vec(),
                "live.js",
                StatusCode::OK,
                &shared,
            );
        }
        _ => {}
    }
    let Some(relative) = safe_relative(rest) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let key = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.clone()
    };
    if key == urls::GRAPH {
        let site = Arc::clone(&shared);
        let refreshed = tokio::task::spawn_blocking(move || {
            site.site.lock().expect("site lock").refresh_graph_export()
        })
        .await;
        if let Ok(Err(error)) = refreshed {
            eprintln!("{error}");
        }
    }
    let (found, folder) = {
        let files = shared.files.read().expect("files lock");
        (
            files.get(&key).cloned(),
            files.contains_key(&format!("{relative}/index.html")),
        )
    };
    match found {
        Some(bytes) => respond(bytes.to_vec(), &key, StatusCode::OK, &shared),
        None if folder => redirect(&format!("{path}/")),
        None => not_found(&shared),
    }
}

/// The decoded path inside the site, or `None` when it tries to leave it
/// (the site-path normaliser decides, as it does for redirects).
pub fn safe_relative(rest: &str) -> Option<String> {
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.is_empty() {
        return Some(String::new());
    }
    crate::paths::check_relative(&decoded).ok()?;
    Some(decoded.into_owned())
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn not_found(shared: &Shared) -> Response {
    let page = shared
        .files
        .read()
        .expect("files lock")
        .get("404.html")
        .cloned();
    match page {
        Some(page) => respond(page.to_vec(), "404.html", StatusCode::NOT_FOUND, shared),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn respond(mut bytes: Vec<u8>, name: &str, status: StatusCode, shared: &Shared) -> Response {
    let content_type = content_type(name);
    if content_type.starts_with("text/html") {
        bytes = inject_reload_script(bytes, &shared.base_path);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_reload_script(bytes: Vec<u8>, base_path: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{base_path}{SCRIPT_PATH}\" data-events=\"{base_path}{EVENTS_PATH}\"></script>"
    );
    let text = String::from_utf8_lossy(&bytes);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The content type of a file by its extension.
pub fn content_type(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

type EventResult = Result<Event, std::convert::Infallible>;

fn events(shared: &Shared) -> Sse<impl futures_util::Stream<Item = EventResult> + use<>> {
    let pending = shared
        .error
        .read()
        .expect("error lock")
        .clone()
        .map(Signal::Failed);
    let state = (shared.signals.subscribe(), pending, shared.shutdown.clone());
    let stream =
        futures_util::stream::unfold(state, |(mut signals, pending, mut shutdown)| async move {
            if let Some(signal) = pending {
                return Some((Ok(to_event(&signal)), (signals, None, shutdown)));
            }
            if *shutdown.borrow() {
                return None;
            }
            let signal = tokio::select! {
                received = signals.recv() => match received {
                    Ok(signal) => signal,
                    Err(broadcast::error::RecvError::Lagged(_)) => Signal::Reload,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = shutdown.changed() => return None,
            };
            Some((Ok(to_event(&signal)), (signals, None, shutdown)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_event(signal: &Signal) -> Event {
    match signal {
        Signal::Reload => Event::default().event("reload").data("reload"),
        Signal::Failed(message) => Event::default().event("failed").data(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_site() {
        for bad in [
            "../etc/passwd",
            "a/../../x",
            "%2e%2e/secret",
            "a/%2E%2E/%2e%2e/x",
            "..%2fx",
            "a\\..\\x",
            "/etc",
            "%00",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
        assert_eq!(safe_relative("themes/x/"), Some("themes/x/".into()));
        assert_eq!(safe_relative("a%20b.html"), Some("a b.html".into()));
    }

    #[test]
    fn injects_the_script_before_the_body_ends() {
        let html = inject_reload_script(b"<html><body><p>x</p></body></html>".to_vec(), "/repo/");
        let html = String::from_utf8(html).unwrap();
        assert!(html.ends_with("<script src=\"/repo/__dossier/livereload.js\" data-events=\"/repo/__dossier/events\"></script></body></html>"), "{html}");
    }

    #[test]
    fn knows_the_common_content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("graph.svg"), "image/svg+xml");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }
}
