//! The write stage: puts the rendered pages and the static files (the
//! site's `static/` over the default theme's assets) into the output
//! directory, atomically.

pub mod output;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, IoContext, Result};
pub use output::{MARKER, Protected, Staging, check_output_dir};

/// The default theme's static files, by output path.
pub const DEFAULT_ASSETS: &[(&str, &[u8])] =
    &[("style.css", include_bytes!("../../static/style.css"))];

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

/// The default assets overridden by the files of `static_dir`, sorted by path.
pub fn static_files(static_dir: &Path) -> Result<Vec<OutputFile>> {
    let mut files: BTreeMap<PathBuf, Contents> = DEFAULT_ASSETS
        .iter()
        .map(|(path, bytes)| (PathBuf::from(path), Contents::Static(bytes)))
        .collect();
    if static_dir.is_dir() {
        for entry in WalkDir::new(static_dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Io {
                action: "read directory",
                path: e.path().unwrap_or(static_dir).to_path_buf(),
                cause: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
            })?;
            if entry.file_type().is_file() {
                let relative = entry
                    .path()
                    .strip_prefix(static_dir)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                files.insert(relative, Contents::Copy(entry.into_path()));
            }
        }
    }
    Ok(files
        .into_iter()
        .map(|(path, contents)| OutputFile { path, contents })
        .collect())
}

/// Errors for static files that would overwrite a page.
pub fn check_collisions(pages: &[OutputFile], statics: &[OutputFile]) -> Result<()> {
    let problems: Vec<Diagnostic> = statics
        .iter()
        .filter(|s| pages.iter().any(|p| p.path == s.path))
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

/// Writes `files` as the new content of `out`, all or nothing.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::create(out)?;
    match write_all(staging.dir(), files) {
        Ok(()) => staging.commit(),
        Err(error) => {
            staging.abandon();
            Err(error)
        }
    }
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<()> {
    let mut parents: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| dir.join(p)))
        .collect();
    parents.sort();
    parents.dedup();
    for parent in &parents {
        fs::create_dir_all(parent).context("create directory", parent)?;
    }
    files.par_iter().try_for_each(|file| {
        let target = dir.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes).context("write", &target),
            Contents::Static(bytes) => fs::write(&target, bytes).context("write", &target),
            Contents::Copy(source) => fs::copy(source, &target).map(drop).context("copy", source),
        }
    })
}
