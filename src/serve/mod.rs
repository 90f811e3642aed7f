//! `dossier serve`: builds the site in memory, serves it over HTTP, watches
//! the sources and rebuilds what a change touches, then tells the open tabs
//! to reload. A failed rebuild never stops the server: the last good site
//! stays served and the error shows in the terminal and in the browser.

mod http;
mod live;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

pub use http::{Signal, content_type, inject_reload_script, safe_relative};
pub use live::{Files, LiveSite, SharedFiles, Update};
pub use watch::SourceWatcher;

use crate::error::{Diagnostic, Error, Result};
use crate::urls;
use http::Shared;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 3000,
            open: false,
        }
    }
}

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let started = Instant::now();
    let live = LiveSite::load(&options.root)?;
    let pages = live
        .files()
        .read()
        .expect("files lock")
        .keys()
        .filter(|k| k.ends_with(".html"))
        .count();
    println!(
        "Built {pages} pages in memory in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let base_path = urls::base_path(live.config().site.url.as_deref());
    let watcher = SourceWatcher::start(live.config())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::invalid(Diagnostic::error(format!("cannot start the server: {e}"))))?;
    runtime.block_on(run(options, live, watcher, base_path))
}

async fn run(
    options: &ServeOptions,
    live: LiveSite,
    watcher: SourceWatcher,
    base_path: String,
) -> Result<()> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| bind_error(address, e))?;
    let address = listener.local_addr().map_err(|e| bind_error(address, e))?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared {
        files: live.files(),
        site: Mutex::new(live),
        error: RwLock::new(None),
        signals: tokio::sync::broadcast::channel(16).0,
        base_path: base_path.clone(),
        shutdown: stopped,
    });
    let url = format!("http://{address}{base_path}");
    println!("Serving the site at {url} (Ctrl-C to stop)");
    if options.open {
        open_in_browser(&url);
    }
    let rebuilder = Arc::clone(&shared);
    std::thread::spawn(move || rebuild_loop(watcher, &rebuilder));
    let shutdown = async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stop.send(true);
    };
    axum::serve(listener, http::router(shared))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Error::invalid(Diagnostic::error(format!("the server stopped: {e}"))))?;
    println!("Stopped.");
    Ok(())
}

/// Applies each burst of changes and tells the tabs; never stops on error.
fn rebuild_loop(mut watcher: SourceWatcher, shared: &Shared) {
    while let Some(batch) = watcher.next_batch() {
        let started = Instant::now();
        let applied = shared.site.lock().expect("site lock").apply(&batch);
        match applied {
            Ok(update) => {
                *shared.error.write().expect("error lock") = None;
                let _ = shared.signals.send(Signal::Reload);
                let scope = if update.full {
                    "everything"
                } else {
                    "incrementally"
                };
                println!(
                    "Rebuilt {} pages ({scope}) in {:.0} ms",
                    update.pages,
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            Err(error) => {
                let message = error.to_string();
                eprintln!(
                    "{message}\nThe previous site is still served; fix the error and save again."
                );
                *shared.error.write().expect("error lock") = Some(message.clone());
                let _ = shared.signals.send(Signal::Failed(message));
            }
        }
    }
}

fn bind_error(address: SocketAddr, error: std::io::Error) -> Error {
    let message = if error.kind() == std::io::ErrorKind::AddrInUse {
        format!("{address} is already in use")
    } else {
        format!("cannot listen on {address}: {error}")
    };
    Error::invalid(
        Diagnostic::error(message)
            .with_hint("pass --port with another number, or --port 0 for any free port"),
    )
}

fn open_in_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(command).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({command}: {error}); open {url} yourself");
    }
}
