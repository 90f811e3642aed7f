//! Checks of a built site beyond its links: every page can be reached
//! from the home page, no page is empty, and every XML file (sitemap,
//! feeds) is well-formed.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::links::OutputSite;
use crate::error::{Diagnostic, IoContext, Result};

/// The `pages` (output files) that no chain of links from the home page
/// reaches; the 404 page and redirect pages are meant to be reached from
/// outside, and HTML files copied from `static/` are the site's own affair.
pub fn unreachable_pages(site: &OutputSite, pages: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
    let home = PathBuf::from("index.html");
    let mut seen: BTreeSet<PathBuf> = BTreeSet::from([home.clone()]);
    let mut queue = VecDeque::from([home]);
    while let Some(page) = queue.pop_front() {
        let Some(links) = site.pages.get(&page) else {
            continue;
        };
        for link in &links.links {
            if let Ok(Some(target)) = site.resolve(&page, &link.href)
                && site.pages.contains_key(&target)
                && seen.insert(target.clone())
            {
                queue.push_back(target);
            }
        }
    }
    site.pages
        .iter()
        .filter(|(path, links)| {
            pages.contains(*path)
                && !seen.contains(*path)
                && !links.redirect
                && path.as_path() != Path::new("404.html")
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Pages with no visible text (redirect pages aside).
pub fn empty_pages(site: &OutputSite) -> Vec<PathBuf> {
    site.pages
        .iter()
        .filter(|(_, links)| !links.redirect && links.text == 0)
        .map(|(path, _)| path.clone())
        .collect()
}

/// An error for each XML file of `out` that is not well-formed.
pub fn malformed_xml(out: &Path, site: &OutputSite) -> Result<Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for file in site
        .files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
    {
        let path = out.join(file);
        let text = std::fs::read_to_string(&path).context("read", &path)?;
        if let Err((offset, message)) = well_formed(&text) {
            problems.push(
                Diagnostic::error(format!("not well-formed XML: {message}"))
                    .at_offset(&path, &text, offset)
                    .with_hint("it is written by dossier or copied from static/: fix the template or the file"),
            );
        }
    }
    Ok(problems)
}

/// Reads `text` as XML to the end; the byte offset and message of the first error.
pub fn well_formed(text: &str) -> std::result::Result<(), (usize, String)> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Empty(_)) => roots += usize::from(depth == 0),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => return Err((reader.buffer_position() as usize, error.to_string())),
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(()),
        (0, _) => Err((
            text.len(),
            "an XML document has exactly one root element".to_string(),
        )),
        _ => Err((text.len(), "elements are not closed at the end".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_well_formed_xml_from_broken() {
        assert!(
            well_formed("<?xml version=\"1.0\"?>\n<feed><entry>a &amp; b</entry></feed>\n").is_ok()
        );
        assert!(well_formed("<feed><entry></feed>").is_err());
        assert!(well_formed("<feed>a & b</feed>").is_err());
        assert!(well_formed("<a/><b/>").is_err());
        assert!(well_formed("<feed>").is_err());
    }
}
