//! Walks a folder of the site (`content/`, `static/`, `templates/`) under
//! one policy for symbolic links: a link is followed when what it points to
//! is inside the site's root, and skipped with a warning otherwise, so no
//! file of the site can make dossier read (and publish) a file outside it.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, IoContext, Result};

/// The files of a folder, sorted, and the links not followed.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// Which entries a walk leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Names starting with `.` are skipped (content, templates).
    Skip,
    /// Every name is taken (static files, where `.well-known/` matters).
    Keep,
}

/// The regular files under `dir` (none when it does not exist), following
/// only the links that stay inside `root`.
pub fn walk_site_folder(dir: &Path, root: &Path, hidden: Hidden) -> Result<Walked> {
    let mut walked = Walked::default();
    if !dir.is_dir() {
        return Ok(walked);
    }
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let root = root.canonicalize().context("resolve", root)?;
    let mut entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) if is_broken_link(&error) => {
                let path = error.path().unwrap_or(dir);
                walked.warnings.push(
                    Diagnostic::warning("a symbolic link to nothing is skipped")
                        .in_file(path)
                        .with_hint("remove the link, or restore what it points to"),
                );
                continue;
            }
            Err(error) => return Err(walk_error(error, dir)),
        };
        let is_dir = entry.file_type().is_dir();
        let skipped = entry.depth() > 0
            && hidden == Hidden::Skip
            && entry.file_name().to_string_lossy().starts_with('.');
        let outside = entry.path_is_symlink() && !inside(entry.path(), &root);
        if outside {
            walked.warnings.push(
                Diagnostic::warning(
                    "a symbolic link to something outside the site's root is not followed",
                )
                .in_file(entry.path())
                .with_hint("copy the file into the site, or link to a file inside it"),
            );
        }
        if skipped || outside {
            if is_dir {
                entries.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file() {
            walked.files.push(entry.into_path());
        }
    }
    Ok(walked)
}

/// Whether the link at `path` resolves to something inside `root` (a
/// canonical path); a broken link is not.
fn inside(path: &Path, root: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|target| target.starts_with(root))
}

fn is_broken_link(error: &walkdir::Error) -> bool {
    error.loop_ancestor().is_none()
        && error.path().is_some_and(|path| {
            fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                && fs::metadata(path).is_err()
        })
}

fn walk_error(error: walkdir::Error, dir: &Path) -> Error {
    let path = error.path().unwrap_or(dir).to_path_buf();
    let cause = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a symbolic link loops back on itself"));
    Error::Io {
        action: "read directory",
        path,
        cause,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_links_inside_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let folder = root.join("static");
        fs::create_dir_all(folder.join("sub")).unwrap();
        fs::write(root.join("shared.css"), "a").unwrap();
        fs::write(dir.path().join("secret.txt"), "b").unwrap();
        fs::create_dir(dir.path().join("elsewhere")).unwrap();
        fs::write(dir.path().join("elsewhere/x.txt"), "c").unwrap();
        fs::write(folder.join("sub/own.css"), "d").unwrap();
        fs::write(folder.join(".hidden"), "e").unwrap();
        symlink(root.join("shared.css"), folder.join("in.css")).unwrap();
        symlink(dir.path().join("secret.txt"), folder.join("out.txt")).unwrap();
        symlink(dir.path().join("elsewhere"), folder.join("outdir")).unwrap();
        symlink(dir.path().join("missing"), folder.join("broken")).unwrap();

        let walked = walk_site_folder(&folder, &root, Hidden::Keep).unwrap();
        let names: Vec<_> = walked
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(&folder)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, [".hidden", "in.css", "sub/own.css"]);
        assert_eq!(walked.warnings.len(), 3, "{:?}", walked.warnings);
        let hidden_skipped = walk_site_folder(&folder, &root, Hidden::Skip).unwrap();
        assert_eq!(hidden_skipped.files.len(), 2);
    }
}
