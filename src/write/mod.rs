//! The write stage: puts the rendered pages and the static files (the
//! site's `static/` over the default theme's assets) into the output
//! directory, atomically.

pub mod output;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, IoContext, Result};
use crate::site_walk::{Hidden, walk_site_folder};
pub use output::{MARKER, Protected, Staging, check_output_dir};

/// The default theme's static files, by output path.
pub const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("site.js", include_bytes!("../../static/site.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("search.js", include_bytes!("../../static/search.js")),
];

/// What one output file holds.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    /// A file copied verbatim.
    Copy(PathBuf),
}

/// One file of the output, by its path relative to the output directory.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Contents,
}

/// The default assets overridden by the files of `static_dir`, sorted by
/// path; links that leave `root` are not followed (each a warning).
pub fn static_files(
    static_dir: &Path,
    root: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<OutputFile>> {
    let mut files: BTreeMap<PathBuf, Contents> = DEFAULT_ASSETS
        .iter()
        .map(|(path, bytes)| (PathBuf::from(path), Contents::Static(bytes)))
        .collect();
    let walked = walk_site_folder(static_dir, root, Hidden::Keep)?;
    warnings.extend(walked.warnings);
    for path in walked.files {
        let relative = path.strip_prefix(static_dir).unwrap_or(&path).to_path_buf();
        files.insert(relative, Contents::Copy(path));
    }
    Ok(files
        .into_iter()
        .map(|(path, contents)| OutputFile { path, contents })
        .collect())
}

/// Errors for static files that would overwrite a page (`pages` are the
/// pages' output paths).
pub fn check_collisions(pages: &[PathBuf], statics: &[OutputFile]) -> Result<()> {
    let pages: HashSet<&PathBuf> = pages.iter().collect();
    let problems: Vec<Diagnostic> = statics
        .iter()
        // The search index's files are made late, so its whole folder is taken.
        .filter(|s| pages.contains(&s.path) || s.path.starts_with(crate::urls::SEARCH_INDEX_FOLDER))
        .map(|s| {
            let from = match &s.contents {
                Contents::Copy(source) => source.display().to_string(),
                _ => s.path.display().to_string(),
            };
            Diagnostic::error(format!(
                "the static file {from} would overwrite the page {}",
                s.path.display()
            ))
            .with_hint("rename or move the static file")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Writes a site into its staging directory, from any thread, then swaps
/// it in place of the output: all or nothing.
pub struct SiteWriter {
    staging: Staging,
    written: Mutex<HashSet<PathBuf>>,
}

impl SiteWriter {
    /// Starts writing the site that will replace `out`.
    pub fn open(out: &Path) -> Result<SiteWriter> {
        Ok(SiteWriter {
            staging: Staging::create(out)?,
            written: Mutex::new(HashSet::new()),
        })
    }

    /// Writes one file (`relative` to the output directory). Every file of
    /// a build is written here, so this is where a path that would leave
    /// the output directory is refused, whatever stage made it.
    pub fn write(&self, relative: &Path, contents: &Contents) -> Result<()> {
        if !crate::paths::stays_inside(relative) || relative == Path::new(MARKER) {
            return Err(Error::invalid(
                Diagnostic::error(format!(
                    "refusing to write {}: the path leaves the output directory or is not a plain file name",
                    relative.display()
                ))
                .with_hint("every output path must be made of plain names inside the output"),
            ));
        }
        let dir = self.staging.dir();
        let target = dir.join(relative);
        let put = |target: &Path| match contents {
            Contents::Bytes(bytes) => overwrite(target, bytes),
            Contents::Static(bytes) => overwrite(target, bytes),
            Contents::Copy(source) => fs::copy(source, target).map(drop),
        };
        // Most files stand where the last build left them: try first, and
        // make room (folders, or a folder out of the way) only on failure.
        if let Err(first) = put(&target) {
            if let Some(parent) = target.parent()
                && fs::create_dir_all(parent).is_err()
            {
                // A file of the build this directory came from is in the way.
                make_room_for_dir(dir, parent)?;
                fs::create_dir_all(parent).context("create directory", parent)?;
            }
            if target.is_dir() {
                fs::remove_dir_all(&target).context("remove", &target)?;
            }
            let failed = |e: std::io::Error| match contents {
                Contents::Copy(source) => Err(e).context("copy", source),
                _ => Err(e).context("write", &target),
            };
            if let Err(again) = put(&target) {
                // The first error says more when the retry fails the same way.
                let same = again.kind() == first.kind();
                return failed(if same { first } else { again });
            }
        }
        self.written
            .lock()
            .expect("written lock")
            .insert(relative.to_path_buf());
        Ok(())
    }

    /// Writes several files in parallel.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<()> {
        files
            .par_iter()
            .try_for_each(|file| self.write(&file.path, &file.contents))
    }

    /// Removes what is left from older builds and swaps the site in.
    pub fn finish(self) -> Result<()> {
        let written = self.written.into_inner().expect("written lock");
        self.staging.prune(&written)?;
        self.staging.commit()
    }
}

/// Writes `bytes` over the file at `path`, which the staging directory
/// usually holds from an earlier build. Cut to length after writing rather
/// than truncated first: ext4 flushes a file emptied and rewritten to disk
/// when it is closed, which made a build wait on the disk once per page.
fn overwrite(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

/// Removes the files standing where the folders of `parent` must go.
fn make_room_for_dir(dir: &Path, parent: &Path) -> Result<()> {
    let mut path = dir.to_path_buf();
    for component in parent.strip_prefix(dir).unwrap_or(parent).components() {
        path.push(component);
        if path.is_file() {
            fs::remove_file(&path).context("remove", &path)?;
        }
    }
    Ok(())
}
