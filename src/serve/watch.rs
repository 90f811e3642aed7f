//! Watches the site's sources (content, templates, static files and
//! `book.toml`) with notify and hands on batches of changed paths, one batch
//! per burst of saves.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Diagnostic, Error, Result};

/// How long a burst of saves may stay quiet before it counts as finished.
pub const QUIET: Duration = Duration::from_millis(15);
/// The longest a burst is held back while events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(300);

/// A running watcher; dropping it stops the watching.
pub struct SourceWatcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    config_file: PathBuf,
    /// The source folders and whether each is watched yet.
    folders: Vec<(PathBuf, bool)>,
}

impl SourceWatcher {
    /// Starts watching the sources of the site described by `config`
    /// (whose root must be absolute).
    pub fn start(config: &Config) -> Result<SourceWatcher> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender).map_err(watch_error)?;
        // The root itself only for book.toml and folders created later.
        watcher
            .watch(&config.root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        let mut this = SourceWatcher {
            watcher,
            events,
            config_file: config.root.join(CONFIG_FILE),
            folders: [
                config.content_dir(),
                config.templates_dir(),
                config.static_dir(),
            ]
            .into_iter()
            .map(|dir| (dir, false))
            .collect(),
        };
        this.watch_new_folders()?;
        Ok(this)
    }

    /// Starts watching source folders that exist now but did not before.
    fn watch_new_folders(&mut self) -> Result<()> {
        for (dir, watched) in &mut self.folders {
            if !*watched && dir.is_dir() {
                self.watcher
                    .watch(dir, RecursiveMode::Recursive)
                    .map_err(watch_error)?;
                *watched = true;
            }
        }
        Ok(())
    }

    /// Waits for the next burst of changes; `None` once the watcher is gone.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut batch = BTreeSet::new();
        loop {
            let first = self.events.recv().ok()?;
            self.collect(first, &mut batch);
            if !batch.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // A folder created since (templates/, say) is watched from now on.
        let _ = self.watch_new_folders();
        Some(batch.into_iter().collect())
    }

    fn collect(&self, event: notify::Result<notify::Event>, batch: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if self.is_source(&path) {
                batch.insert(path);
            }
        }
    }

    /// Editor swap files and backups are not sources.
    fn is_source(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let scratch = name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp");
        !scratch
            && (path == self.config_file
                || self.folders.iter().any(|(dir, _)| path.starts_with(dir)))
    }
}

fn watch_error(error: notify::Error) -> Error {
    Error::invalid(
        Diagnostic::error(format!("cannot watch the site's files: {error}"))
            .with_hint("on Linux, raise fs.inotify.max_user_watches if the limit is reached"),
    )
}
