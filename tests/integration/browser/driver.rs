//! Headless Chromium through chromedriver, which the test starts on a free
//! port and kills at the end (with the browser it started), and a
//! WebDriver session to it with fantoccini.
//!
//! Self-contained (no other test module), so that `examples/screenshots.rs`
//! can include it too.

use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// Chromium's flags. The network here is closed: without the background
/// networking flags Chromium keeps opening connections that are refused.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];

/// The window size the sessions start with (desktop).
pub const WINDOW: (u32, u32) = (1280, 900);

/// How long chromedriver may take to say it is ready.
const READY_WITHIN: Duration = Duration::from_secs(60);

/// How long one attempt to start a session (and its Chromium) may take.
const SESSION_WITHIN: Duration = Duration::from_secs(90);

/// A running chromedriver, killed on drop with everything it started.
pub struct Chromedriver {
    child: Child,
    pub port: u16,
    chromium: PathBuf,
    /// Chromium's profile, fresh for each driver; removed on drop.
    profile: tempfile::TempDir,
}

impl Chromedriver {
    pub fn start(chromedriver: &Path, chromium: &Path) -> Chromedriver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = Command::new(chromedriver);
        command.arg(format!("--port={port}"));
        // DOSSIER_CHROMEDRIVER_LOG=FILE keeps chromedriver's log, to debug.
        match std::env::var_os("DOSSIER_CHROMEDRIVER_LOG") {
            Some(log) => command.arg(format!("--log-path={}", log.to_string_lossy())),
            None => command.arg("--log-level=OFF"),
        };
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so that the browser it starts dies with it.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", chromedriver.display()));
        let driver = Chromedriver {
            child,
            port,
            chromium: chromium.to_path_buf(),
            profile: tempfile::tempdir().expect("a temporary profile directory"),
        };
        wait_until_ready(port);
        driver
    }

    /// The capabilities of the `attempt`th try at a session: headless
    /// Chromium with its console log kept for [`browser_log`], and a profile
    /// of its own (a Chromium left from a failed try may still hold one).
    fn capabilities_for(&self, attempt: u32) -> serde_json::Map<String, Value> {
        let profile = self.profile.path().join(format!("attempt-{attempt}"));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(ToString::to_string).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--window-size={},{}", WINDOW.0, WINDOW.1));
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": {
                "binary": self.chromium.display().to_string(),
                "args": args,
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        match capabilities {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    /// A new WebDriver session. Starting one starts Chromium, the slowest
    /// step under load: a failed start is retried once, after chromedriver
    /// says again that it is ready.
    pub async fn connect(&self) -> Client {
        match self.try_connect(1).await {
            Ok(client) => client,
            Err(first) => {
                eprintln!("a chromedriver session failed to start ({first}); retrying once");
                let port = self.port;
                tokio::task::spawn_blocking(move || wait_until_ready(port))
                    .await
                    .expect("chromedriver ready again");
                self.try_connect(2).await.unwrap_or_else(|second| {
                    panic!("a chromedriver session, twice: {first}; then {second}")
                })
            }
        }
    }

    async fn try_connect(
        &self,
        attempt: u32,
    ) -> Result<Client, fantoccini::error::NewSessionError> {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(self.capabilities_for(attempt));
        let url = format!("http://127.0.0.1:{}", self.port);
        let connecting = builder.connect(&url);
        match tokio::time::timeout(SESSION_WITHIN, connecting).await {
            Ok(result) => result,
            Err(_) => Err(fantoccini::error::NewSessionError::Lost(
                std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no session within {SESSION_WITHIN:?}"),
                ),
            )),
        }
    }

    /// A WebDriver command fantoccini has no method for, sent straight to
    /// chromedriver: `POST /session/{id}/{command}`. Returns its `value`.
    pub async fn post(&self, client: &Client, command: &str, body: &Value) -> Value {
        let session = client
            .session_id()
            .await
            .expect("the session id")
            .expect("a session");
        let path = format!("/session/{session}/{command}");
        let port = self.port;
        let body = body.to_string();
        tokio::task::spawn_blocking(move || post_json(port, &path, &body))
            .await
            .expect("the request thread")
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the Chromium it started.
        let _ = Command::new("sh")
            .args(["-c", &format!("kill -s KILL -- -{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One entry of the browser's console log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    /// `SEVERE` (errors: console.error, uncaught exceptions, failed
    /// loads), `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    pub source: String,
    pub message: String,
}

/// The console entries since the last call (chromedriver's legacy log
/// endpoint; reading empties it).
pub async fn browser_log(driver: &Chromedriver, client: &Client) -> Vec<LogEntry> {
    let value = driver
        .post(client, "se/log", &json!({ "type": "browser" }))
        .await;
    let text = |entry: &Value, key: &str| entry[key].as_str().unwrap_or_default().to_string();
    value
        .as_array()
        .unwrap_or_else(|| panic!("a log, not {value}"))
        .iter()
        .map(|entry| LogEntry {
            level: text(entry, "level"),
            source: text(entry, "source"),
            message: text(entry, "message"),
        })
        .collect()
}

/// A Chrome DevTools Protocol command through chromedriver.
pub async fn cdp(driver: &Chromedriver, client: &Client, cmd: &str, params: Value) -> Value {
    driver
        .post(
            client,
            "goog/cdp/execute",
            &json!({ "cmd": cmd, "params": params }),
        )
        .await
}

/// Runs `body` with a new browser session, then closes the session and
/// kills chromedriver and the browser, whether `body` panicked or not (its
/// panic is passed on). `body` gets at most `limit`.
pub fn with_browser<F, Fut>(chromedriver: &Path, chromium: &Path, limit: Duration, body: F)
where
    F: FnOnce(std::sync::Arc<Chromedriver>, Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = std::sync::Arc::new(Chromedriver::start(chromedriver, chromium));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let outcome = runtime.block_on(async {
        let client = driver.connect().await;
        let task = tokio::spawn(body(std::sync::Arc::clone(&driver), client.clone()));
        let abort = task.abort_handle();
        let outcome = tokio::time::timeout(limit, task).await;
        abort.abort();
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        outcome
    });
    drop(runtime);
    drop(driver);
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Ok(Err(error)) => panic!("the browser task failed: {error}"),
        Err(_) => panic!("the browser checks took more than {limit:?}"),
    }
}

/// Polls chromedriver's `GET /status` on `port` until it says it is ready
/// for a new session. Listening on its port is not enough: on a loaded
/// machine it accepts connections before it answers them.
fn wait_until_ready(port: u16) {
    let deadline = Instant::now() + READY_WITHIN;
    loop {
        let last = match request_json(port, "GET", "/status", None) {
            Ok((200, value)) if value["ready"] == true => return,
            Ok((status, value)) => format!("HTTP {status}: {value}"),
            Err(e) => e,
        };
        assert!(
            Instant::now() < deadline,
            "chromedriver on port {port} was not ready within {READY_WITHIN:?}; last answer to /status: {last}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `POST path` with a JSON body to 127.0.0.1:port; the response's `value`.
fn post_json(port: u16, path: &str, body: &str) -> Value {
    match request_json(port, "POST", path, Some(body)) {
        Ok((200, json)) => json,
        Ok((status, json)) => panic!("chromedriver refused {path}: HTTP {status}: {json}"),
        Err(e) => panic!("{e}"),
    }
}

/// A request to chromedriver on 127.0.0.1:port: the HTTP status and the
/// response's `value`. The response is read by its length: chromedriver
/// keeps the connection open whatever the request says.
fn request_json(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<(u16, Value), String> {
    let io = |what: &str, e: std::io::Error| format!("{what} ({method} {path}): {e}");
    let stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| io("connect to chromedriver", e))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| io("set a read timeout", e))?;
    let mut writer = &stream;
    let body = body.unwrap_or_default();
    let content_type = if body.is_empty() {
        ""
    } else {
        "Content-Type: application/json; charset=utf-8\r\n"
    };
    write!(
        writer,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| io("send to chromedriver", e))?;
    let mut reader = BufReader::new(&stream);
    let mut status = String::new();
    reader
        .read_line(&mut status)
        .map_err(|e| io("read chromedriver's answer", e))?;
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .ok_or_else(|| format!("no HTTP status from chromedriver ({method} {path}): {status:?}"))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        let mut line = String::new();
        let read = reader
            .read_line(&mut line)
            .map_err(|e| io("read chromedriver's headers", e))?;
        if read == 0 || line.trim().is_empty() {
            break;
        }
        let line = line.to_ascii_lowercase();
        if let Some(value) = line.strip_prefix("content-length:") {
            length = value.trim().parse::<usize>().ok();
        }
        if line.starts_with("transfer-encoding:") && line.contains("chunked") {
            chunked = true;
        }
    }
    let mut payload = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader
                .read_line(&mut size)
                .map_err(|e| io("read a chunk's size", e))?;
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader
                .read_exact(&mut chunk)
                .map_err(|e| io("read a chunk", e))?;
            payload.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        payload.resize(length, 0);
        reader
            .read_exact(&mut payload)
            .map_err(|e| io("read chromedriver's answer", e))?;
    } else {
        reader
            .read_to_end(&mut payload)
            .map_err(|e| io("read chromedriver's answer", e))?;
    }
    let json: Value = serde_json::from_slice(&payload).map_err(|e| {
        format!(
            "chromedriver's answer to {method} {path} is not JSON ({e}): {}",
            String::from_utf8_lossy(&payload)
        )
    })?;
    Ok((code, json["value"].clone()))
}
