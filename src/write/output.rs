//! The output directory, written atomically: the site is written into a
//! temporary sibling directory and swapped in only when complete, so a failed
//! build leaves the previous output untouched. dossier replaces only
//! directories it made itself, which carry a marker file.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, IoContext, Result};

/// The file that marks a directory as dossier's output.
pub const MARKER: &str = ".dossier-build";

const MARKER_TEXT: &str =
    "This directory is the output of `dossier build`; each build replaces it whole.\n";

/// Directories the output must not be, nor contain; and the site's input
/// folders, which it must not be inside either (each build would copy the
/// last one's output into the next).
pub struct Protected<'a> {
    pub root: &'a Path,
    pub content: &'a Path,
    /// `static/` and `templates/`, by what they are called in messages.
    pub inputs: &'a [(&'a str, &'a Path)],
}

/// Refuses an output directory that would destroy something of the user's.
pub fn check_output_dir(out: &Path, protected: &Protected) -> Result<()> {
    let out_abs = resolved(out)?;
    for (what, dir) in [
        ("the site's root", protected.root),
        ("the content directory", protected.content),
    ] {
        let dir_abs = resolved(dir)?;
        if dir_abs.starts_with(&out_abs) {
            let relation = if dir_abs == out_abs { "is" } else { "contains" };
            return Err(refuse(
                out,
                &format!("it {relation} {what} ({})", dir.display()),
            ));
        }
    }
    let inputs = [("the content directory", protected.content)]
        .into_iter()
        .chain(protected.inputs.iter().copied());
    for (what, dir) in inputs {
        if out_abs.starts_with(resolved(dir)?) {
            return Err(refuse(
                out,
                &format!("it is inside {what} ({})", dir.display()),
            ));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refuse(out, "it is a file, not a directory"));
        }
        let empty = fs::read_dir(out)
            .context("read directory", out)?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(refuse(out, "it is not empty and was not made by dossier"));
        }
    }
    Ok(())
}

fn refuse(out: &Path, why: &str) -> Error {
    Error::invalid(
        Diagnostic::error(format!(
            "refusing to write the site into {}: {why}",
            out.display()
        ))
        .with_hint(
            "choose another output directory with --out, or `build-dir` under [build] in book.toml",
        ),
    )
}

/// An absolute, normalized form of `path`, with symbolic links of its
/// existing part resolved.
fn resolved(path: &Path) -> Result<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).context("resolve", path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut result = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        result.push(name);
    }
    Ok(normalize(&result))
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A directory being filled, beside the output directory it will replace.
/// It is the output of the build before last: its files are overwritten in
/// place and the ones the new build lacks are removed, so the file system
/// reuses their inodes instead of allocating thousands of new ones (and
/// freeing as many) on every build. After the swap, the output it replaced
/// becomes the next build's staging directory.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Where the current output waits during the swap.
    aside: PathBuf,
}

impl Staging {
    /// Opens (or creates) the staging sibling of `out`: `.<name>.staging`.
    pub fn create(out: &Path) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).context("create directory", parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "book".into());
        let dir = parent.join(format!(".{name}.staging"));
        let aside = parent.join(format!(".{name}.previous"));
        if aside.exists() {
            // Left by a swap that was interrupted.
            remove_ours(&aside)?;
        }
        if dir.exists() {
            if !dir.join(MARKER).is_file() {
                return Err(refuse(
                    &dir,
                    "it is in the way of dossier's staging directory and was not made by dossier",
                ));
            }
        } else {
            fs::create_dir(&dir).context("create directory", &dir)?;
            fs::write(dir.join(MARKER), MARKER_TEXT).context("write", &dir.join(MARKER))?;
        }
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            aside,
        })
    }

    /// Where files are written until the swap.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes what the staging directory holds besides `written` (paths
    /// relative to it), left from the build it came from.
    pub fn prune(&self, written: &HashSet<PathBuf>) -> Result<()> {
        // Folders that hold a written file stay: no need to try removing them.
        let kept: HashSet<&Path> = written
            .iter()
            .flat_map(|path| path.ancestors().skip(1))
            .collect();
        let walker = WalkDir::new(&self.dir).min_depth(1).contents_first(true);
        for entry in walker {
            let entry = entry.map_err(|e| Error::Io {
                action: "read directory",
                path: self.dir.clone(),
                cause: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
            })?;
            let relative = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                if !kept.contains(relative) {
                    // Fails harmlessly when the folder still holds files.
                    let _ = fs::remove_dir(entry.path());
                }
            } else if relative != Path::new(MARKER) && !written.contains(relative) {
                fs::remove_file(entry.path()).context("remove", entry.path())?;
            }
        }
        Ok(())
    }

    /// Puts the staged directory in place of the output; the previous
    /// output becomes the next staging directory.
    pub fn commit(self) -> Result<()> {
        let had_output = self.out.exists();
        if had_output {
            fs::rename(&self.out, &self.aside).context("move aside", &self.out)?;
        }
        if let Err(cause) = fs::rename(&self.dir, &self.out) {
            if had_output {
                let _ = fs::rename(&self.aside, &self.out);
            }
            return Err(Error::Io {
                action: "move into place",
                path: self.out.clone(),
                cause,
            });
        }
        if had_output {
            fs::rename(&self.aside, &self.dir).context("keep for the next build", &self.aside)?;
            fs::write(self.dir.join(MARKER), MARKER_TEXT)
                .context("write", &self.dir.join(MARKER))?;
        }
        Ok(())
    }
}

/// Removes a directory only if dossier made it.
fn remove_ours(dir: &Path) -> Result<()> {
    if !dir.join(MARKER).is_file() {
        return Err(Error::invalid(
            Diagnostic::error(format!(
                "{} exists and was not made by dossier",
                dir.display()
            ))
            .with_hint("move it away; dossier does not delete directories it did not create"),
        ));
    }
    fs::remove_dir_all(dir).context("remove", dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_root_its_parents_and_the_content_dir() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let content = root.join("content");
        fs::create_dir(&content).unwrap();
        let static_dir = root.join("static");
        let protected = Protected {
            root,
            content: &content,
            inputs: &[("the static folder", &static_dir)],
        };
        for bad in [
            root.to_path_buf(),
            content.clone(),
            root.join(".."),
            content.join("out"),
            static_dir.join("out"),
        ] {
            let error = check_output_dir(&bad, &protected).unwrap_err();
            assert!(error.to_string().contains("refusing"), "{error}");
        }
        assert!(check_output_dir(&root.join("book"), &protected).is_ok());
    }

    #[test]
    fn refuses_a_non_empty_directory_it_did_not_make() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let protected = Protected {
            root: &site.path().join("r"),
            content: &site.path().join("r/c"),
            inputs: &[],
        };
        let error = check_output_dir(&out, &protected).unwrap_err();
        assert!(error.to_string().contains("not made by dossier"), "{error}");
        fs::write(out.join(MARKER), "").unwrap();
        assert!(check_output_dir(&out, &protected).is_ok());
    }

    #[test]
    fn prunes_what_the_new_build_does_not_write() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("book");
        let staging = Staging::create(&out).unwrap();
        fs::create_dir_all(staging.dir().join("gone")).unwrap();
        fs::write(staging.dir().join("gone/index.html"), "old").unwrap();
        fs::write(staging.dir().join("kept.html"), "new").unwrap();
        staging
            .prune(&HashSet::from([PathBuf::from("kept.html")]))
            .unwrap();
        assert!(!staging.dir().join("gone").exists());
        assert!(staging.dir().join("kept.html").is_file() && staging.dir().join(MARKER).is_file());
    }

    #[test]
    fn swaps_the_staged_directory_in_and_keeps_the_old_one_for_reuse() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("book");
        for round in ["first", "second"] {
            let staging = Staging::create(&out).unwrap();
            fs::write(staging.dir().join("index.html"), round).unwrap();
            staging.commit().unwrap();
        }
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "second"
        );
        let mut names: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".book.staging", "book"]);
        let staged = site.path().join(".book.staging");
        assert_eq!(
            fs::read_to_string(staged.join("index.html")).unwrap(),
            "first",
            "the previous output is kept, to be overwritten next time"
        );
        assert!(staged.join(MARKER).is_file());
    }
}
