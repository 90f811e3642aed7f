//! HTML import measured on saved pages from several outlets and page
//! builders (tests/fixtures/html/), against what each page declares,
//! written in expected.toml before the importer first read them.

use std::fs;

use dossier::import::html::{PageSource, word_count};
use dossier::import::import_page;

use crate::harness::repository_root;

#[derive(serde::Deserialize)]
struct Expected {
    page: Vec<ExpectedPage>,
}

#[derive(serde::Deserialize)]
struct ExpectedPage {
    file: String,
    title: String,
    date: String,
    outlet: String,
    language: String,
    authors: Vec<String>,
    words: usize,
    present: Vec<String>,
    markdown: Vec<String>,
    emphasis: Vec<String>,
    absent: Vec<String>,
}

/// The share of `hits` among `total`, in percent.
fn percent(hits: usize, total: usize) -> f64 {
    hits as f64 * 100.0 / total.max(1) as f64
}

#[test]
fn saved_pages_import_with_their_headline_date_outlet_and_whole_text() {
    let folder = repository_root().join("tests/fixtures/html");
    let expected: Expected =
        toml::from_str(&fs::read_to_string(folder.join("expected.toml")).unwrap()).unwrap();
    let total = expected.page.len();
    let (mut titles, mut dates, mut outlets, mut languages, mut authors) = (0, 0, 0, 0, 0);
    let (mut whole, mut clean, mut kept) = (0, 0, 0);
    let mut failures = Vec::new();
    println!(
        "{:<36} {:>5} {:>5} {:>6} {:>6} {:>6}  misses",
        "page", "title", "date", "outlet", "words", "ratio"
    );
    for page in &expected.page {
        let bytes = fs::read(folder.join(&page.file)).unwrap();
        let imported = match import_page(&bytes, &PageSource::default(), None) {
            Ok(imported) => imported,
            Err(error) => {
                failures.push(format!("{}: {error}", page.file));
                continue;
            }
        };
        let title_ok = imported.title == page.title;
        let date_ok = imported.date.map(|d| d.to_string()).as_deref() == Some(page.date.as_str());
        let outlet_ok = imported.outlet.as_deref() == Some(page.outlet.as_str());
        titles += usize::from(title_ok);
        dates += usize::from(date_ok);
        outlets += usize::from(outlet_ok);
        languages += usize::from(imported.language == page.language);
        authors += usize::from(imported.authors == page.authors);
        let words = word_count(&imported.body);
        let ratio = words as f64 / page.words as f64;
        let whole_ok = (ratio - 1.0).abs() <= 0.10;
        whole += usize::from(whole_ok);
        let leaked: Vec<&String> = page
            .absent
            .iter()
            .filter(|text| imported.body.contains(text.as_str()))
            .collect();
        clean += usize::from(leaked.is_empty());
        let emphasised = |text: &String| {
            ["*", "_", "**", "__"]
                .iter()
                .any(|mark| imported.body.contains(&format!("{mark}{text}{mark}")))
        };
        let missing: Vec<&String> = page
            .present
            .iter()
            .chain(&page.markdown)
            .filter(|text| !imported.body.contains(text.as_str()))
            .chain(page.emphasis.iter().filter(|text| !emphasised(text)))
            .collect();
        kept += usize::from(missing.is_empty());
        let mut misses = Vec::new();
        if !title_ok {
            misses.push(format!("title {:?}", imported.title));
        }
        if !date_ok {
            misses.push(format!("date {:?}", imported.date.map(|d| d.to_string())));
        }
        if !outlet_ok {
            misses.push(format!("outlet {:?}", imported.outlet));
        }
        if imported.authors != page.authors {
            misses.push(format!("authors {:?}", imported.authors));
        }
        if !leaked.is_empty() {
            misses.push(format!("furniture kept {leaked:?}"));
        }
        if !missing.is_empty() {
            misses.push(format!("text or Markdown lost {missing:?}"));
        }
        println!(
            "{:<36} {:>5} {:>5} {:>6} {:>6} {:>6.2}  {}",
            page.file,
            if title_ok { "ok" } else { "MISS" },
            if date_ok { "ok" } else { "MISS" },
            if outlet_ok { "ok" } else { "MISS" },
            words,
            ratio,
            misses.join("; ")
        );
        if !misses.is_empty() || !whole_ok {
            println!("---- {} ----\n{}", page.file, imported.body);
        }
    }
    println!(
        "headline {:.0}% · date {:.0}% · outlet {:.0}% · language {:.0}% · authors {:.0}% · \
         text within 10%: {:.0}% · no furniture: {:.0}% · text and Markdown kept: {:.0}% ({total} pages)",
        percent(titles, total),
        percent(dates, total),
        percent(outlets, total),
        percent(languages, total),
        percent(authors, total),
        percent(whole, total),
        percent(clean, total),
        percent(kept, total),
    );
    assert!(failures.is_empty(), "pages not imported: {failures:?}");
    for (what, hits) in [("headline", titles), ("date", dates), ("outlet", outlets)] {
        assert!(
            percent(hits, total) >= 90.0,
            "{what} right on {hits} of {total} pages"
        );
    }
    assert_eq!(whole, total, "article text within 10% of the page's");
    assert_eq!(
        clean, total,
        "navigation, share or related text in an article"
    );
}
