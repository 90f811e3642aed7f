//! HTML import measured on saved pages from several outlets and page
//! builders (tests/fixtures/html/), against what each page declares,
//! written in expected.toml before the importer first read them.

use std::fs;

use dossier::import::html::{PageSource, word_count};
use dossier::import::import_page;

use crate::harness::{Site, repository_root};

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
        let imported = match import_page(&bytes, &PageSource::default(), None, &Default::default())
        {
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

/// A web server on 127.0.0.1 (a free port) serving the pages and failures
/// the fetch tests ask for; it lives as long as the test process.
struct PageServer {
    base: String,
}

impl PageServer {
    fn start() -> PageServer {
        use axum::Router;
        use axum::http::{StatusCode, header};
        use axum::response::{IntoResponse, Redirect};
        use axum::routing::get;

        let article =
            fs::read(repository_root().join("tests/fixtures/html/mekong-ledger-wordpress.html"))
                .unwrap();
        let latin = latin1_page();
        let html = |bytes: Vec<u8>, content_type: &'static str| {
            move || async move { ([(header::CONTENT_TYPE, content_type)], bytes).into_response() }
        };
        let app = Router::new()
            .route(
                "/article",
                get(html(article.clone(), "text/html; charset=utf-8")),
            )
            .route("/moved", get(|| async { Redirect::permanent("/article") }))
            .route("/loop", get(|| async { Redirect::temporary("/loop") }))
            .route("/gone", get(|| async { StatusCode::NOT_FOUND }))
            .route(
                "/broken",
                get(|| async { StatusCode::INTERNAL_SERVER_ERROR }),
            )
            .route(
                "/data.json",
                get(html(b"{\"a\": 1}".to_vec(), "application/json")),
            )
            .route("/latin", get(html(latin, "text/html; charset=iso-8859-1")))
            .route(
                "/huge",
                get(html(vec![b' '; 17 * 1024 * 1024], "text/html")),
            )
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    "late"
                }),
            );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        PageServer { base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// A page in ISO-8859-1 that says so only in its `<meta charset>` (and,
/// served, in its Content-Type).
fn latin1_page() -> Vec<u8> {
    let mut page = b"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"iso-8859-1\"><title>La r\xe9forme des retraites adopt\xe9e</title></head><body><article><h1>La r\xe9forme des retraites adopt\xe9e</h1>".to_vec();
    for _ in 0..6 {
        page.extend_from_slice(b"<p>Le caf\xe9 de la place \xe9tait plein quand les d\xe9put\xe9s ont vot\xe9 la r\xe9forme, apr\xe8s des semaines de d\xe9bats et de gr\xe8ves dans tout le pays.</p>");
    }
    page.extend_from_slice(b"</article></body></html>");
    page
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn written(site: &Site, slug: &str) -> String {
    fs::read_to_string(
        site.root
            .join("content/articles")
            .join(format!("{slug}.md")),
    )
    .unwrap_or_else(|e| panic!("{slug}.md: {e}"))
}

#[test]
fn a_saved_page_becomes_an_article_the_build_accepts() {
    let site = Site::fixture("basic");
    let page = repository_root().join("tests/fixtures/html/field-notes-ghost.html");
    let output = site.run(&["import", page.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "why-hanoi-s-new-metro-line-is-running");
    assert!(
        text.contains("title = \"Why Hanoi's new metro line is running half empty\""),
        "{text}"
    );
    assert!(text.contains("date = 2025-12-02"), "{text}");
    assert!(text.contains("outlet = \"Field Notes Asia\""), "{text}");
    assert!(
        text.contains("source = \"https://fieldnotes.asia/hanoi-metro-line-3-ridership/\""),
        "{text}"
    );
    assert!(text.contains("language = \"en\""), "{text}");
    assert!(text.contains("## The last kilometre"), "{text}");
    assert!(!text.contains("<"), "no markup is left: {text}");
    site.built();
}

#[test]
fn a_page_without_an_article_is_an_error_that_says_so() {
    let site = Site::fixture("basic");
    site.write(
        "section.html",
        "<!DOCTYPE html><html><head><title>Business</title></head><body><nav><a href=\"/\">Home</a></nav>\
         <h1>Business</h1><ul><li><a href=\"/a\">Shares rise</a></li><li><a href=\"/b\">Banks cut rates</a></li></ul></body></html>",
    );
    let output = site.run(&["import", "section.html"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("section.html") && stderr.contains("no article in the page"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not a home, section or search page"),
        "{stderr}"
    );
    assert!(!site.root.join("content/articles/business.md").exists());
}

#[test]
fn html_saved_under_another_name_is_read_as_html() {
    let site = Site::fixture("basic");
    let page =
        fs::read(repository_root().join("tests/fixtures/html/coastal-review-drupal.html")).unwrap();
    site.write_bytes("pasted.txt", &page);
    let output = site.run(&["import", "pasted.txt"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(
        &site,
        "ceramics-exporter-opens-second-factory-in-binh-duong",
    );
    assert!(!text.contains("DOCTYPE") && !text.contains("<p>"), "{text}");
}

#[test]
fn a_page_in_another_encoding_is_decoded_as_its_meta_charset_says() {
    let site = Site::fixture("basic");
    site.write_bytes("latin.html", &latin1_page());
    let output = site.run(&["import", "latin.html"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "la-reforme-des-retraites-adoptee");
    assert!(
        text.contains("title = \"La réforme des retraites adoptée\""),
        "{text}"
    );
    assert!(text.contains("Le café de la place était plein"), "{text}");
    assert!(text.contains("language = \"fr\""), "{text}");
    let courier = repository_root().join("tests/fixtures/html/valley-courier-static-cp1252.html");
    let output = site.run(&["import", courier.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "council-delays-vote-on-river-bridge-tolls");
    assert!(text.contains("who runs a café on Water Street"), "{text}");
    assert!(text.contains("“Somebody pays for this bridge,”"), "{text}");
}

#[test]
fn a_huge_page_imports_and_a_page_past_the_limit_is_refused() {
    let site = Site::fixture("basic");
    // Two megabytes of menus and link lists around a short article.
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Flood barriers finished ahead of the rains</title></head><body>",
    );
    for n in 0..4_000 {
        page.push_str(&format!("<div class=\"menu\"><ul><li><a href=\"/s/{n}\">Section {n}</a></li><li><a href=\"/t/{n}\">Topic {n}</a></li></ul></div>"));
    }
    page.push_str("<article><h1>Flood barriers finished ahead of the rains</h1>");
    for _ in 0..8 {
        page.push_str("<p>The city finished the last of its movable flood barriers on Monday, three weeks before the rainy season, after two years of work along the river front.</p>");
    }
    page.push_str("</article>");
    while page.len() < 2 * 1024 * 1024 {
        page.push_str("<footer><a href=\"/about\">About</a> <a href=\"/jobs\">Jobs</a></footer>");
    }
    page.push_str("</body></html>");
    site.write("big.html", &page);
    let output = site.run(&["import", "big.html"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "flood-barriers-finished-ahead-of-the-rains");
    assert!(text.contains("movable flood barriers"), "{text}");
    assert!(!text.contains("Section 12"), "{text}");

    site.write_bytes("past-the-limit.html", &vec![b' '; 17 * 1024 * 1024]);
    let output = site.run(&["import", "past-the-limit.html"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("past-the-limit.html") && stderr.contains("more than the 16 MiB"),
        "{stderr}"
    );
}

#[test]
fn a_web_address_is_fetched_with_its_redirects() {
    let server = PageServer::start();
    let site = Site::fixture("basic");
    let output = site.run(&["import", &server.url("/moved")]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "delta-farmers-turn-to-salt-tolerant-rice-as");
    assert!(text.contains("outlet = \"The Mekong Ledger\""), "{text}");
    assert!(text.contains("date = 2026-03-04"), "{text}");
    // The page's canonical address, not the local one, is its source.
    assert!(
        text.contains(
            "source = \"https://mekongledger.com/2026/03/04/delta-farmers-salt-tolerant-rice/\""
        ),
        "{text}"
    );
    assert!(text.contains("Nguyen Van Hau has grown"), "{text}");

    let output = site.run(&["import", &server.url("/latin")]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(written(&site, "la-reforme-des-retraites-adoptee").contains("Le café de la place"));
}

#[test]
fn every_fetch_failure_has_its_own_error() {
    let server = PageServer::start();
    let site = Site::fixture("basic");
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}/article")
    };
    let cases = [
        (server.url("/gone"), "answered 404", "not there"),
        (server.url("/broken"), "answered 500", "try again later"),
        (
            server.url("/loop"),
            "redirects more than 5 times",
            "the address it ends at",
        ),
        (
            server.url("/data.json"),
            "is not an HTML page: the server says it is application/json",
            "article's web page",
        ),
        (
            server.url("/huge"),
            "is larger than 16 MiB",
            "save the article's page",
        ),
        (closed, "cannot connect to 127.0.0.1", "check the address"),
        (
            "http://no-such-host.invalid/article".to_string(),
            "cannot find the host no-such-host.invalid (DNS)",
            "spelling",
        ),
    ];
    for (url, message, hint) in &cases {
        let output = site.run(&["import", url]);
        assert_eq!(output.status.code(), Some(1), "{url}");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains(url.as_str()) && stderr.contains(message),
            "{url}: {stderr}"
        );
        assert!(stderr.contains(hint), "{url}: {stderr}");
    }
    let output = site.run(&["import", "--timeout", "0.5", &server.url("/slow")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("did not answer within 0.5 s") && stderr.contains("--timeout"),
        "{stderr}"
    );
    assert!(
        fs::read_dir(site.root.join("content/articles"))
            .unwrap()
            .count()
            > 0,
        "the site's own articles are untouched"
    );
}

#[test]
fn flags_state_what_the_text_lacks() {
    let site = Site::fixture("basic");
    site.write(
        "bare.txt",
        "The ministry will publish the new rules next month, officials said on Tuesday.\n\
         The rules cover the licensing of small solar farms on farmland.\n",
    );
    let output = site.run(&[
        "import",
        "bare.txt",
        "--title",
        "Solar rules due next month",
        "--date",
        "2026-04-07",
        "--outlet",
        "Energy Weekly",
        "--source",
        "https://energyweekly.example/solar-rules",
        "--kind",
        "commentary",
        "--language",
        "en",
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("no date")
            && !stderr.contains("no outlet")
            && !stderr.contains("no source"),
        "{stderr}"
    );
    let text = written(&site, "solar-rules-due-next-month");
    for expected in [
        "title = \"Solar rules due next month\"",
        "date = 2026-04-07",
        "outlet = \"Energy Weekly\"",
        "source = \"https://energyweekly.example/solar-rules\"",
        "kind = \"commentary\"",
        "language = \"en\"",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(text.contains("The ministry will publish"), "{text}");
    site.built();
}

#[test]
fn flags_override_what_a_page_declares() {
    let site = Site::fixture("basic");
    let page = repository_root().join("tests/fixtures/html/phuong-nam-vi-jsonld.html");
    let output = site.run(&[
        "import",
        page.to_str().unwrap(),
        "--outlet",
        "Phuong Nam",
        "--date",
        "2026-03-13",
        "--kind",
        "interview",
        "--language",
        "vi",
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).contains("2026-03-13 · Phuong Nam · interview"),
        "{}",
        stdout_of(&output)
    );
    let text = written(&site, "can-tho-mo-rong-benh-vien-nhi-dong");
    assert!(
        text.contains("outlet = \"Phuong Nam\"") && text.contains("kind = \"interview\""),
        "{text}"
    );

    // --source records the address of a saved page that has none.
    site.write(
        "no-address.html",
        &format!(
            "<html><head><title>Ferry service resumes on the northern route</title></head><body><article><h1>Ferry service resumes on the northern route</h1>{}</article></body></html>",
            "<p>The ferry to the northern islands runs again from today after storm repairs to the pier, the operator said in a statement on Sunday.</p>".repeat(4)
        ),
    );
    let output = site.run(&[
        "import",
        "no-address.html",
        "--source",
        "https://www.island-post.com/ferry-resumes",
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = written(&site, "ferry-service-resumes-on-the-northern-route");
    assert!(
        text.contains("source = \"https://www.island-post.com/ferry-resumes\""),
        "{text}"
    );
    assert!(text.contains("outlet = \"Island Post\""), "{text}");
}

#[test]
fn flags_are_checked() {
    let site = Site::fixture("basic");
    site.write(
        "a.txt",
        "A headline of a story\nThe first paragraph, long enough to count.\n",
    )
    .write(
        "b.txt",
        "Another headline here\nThe first paragraph, long enough to count.\n",
    );
    let output = site.run(&["import", "a.txt", "b.txt", "--title", "One title"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("--title and --source describe one article"),
        "{}",
        stderr_of(&output)
    );
    for (flag, value, message) in [
        ("--date", "12/03/2026", "write it as YYYY-MM-DD"),
        ("--source", "energyweekly.example/x", "is not a web address"),
        ("--language", "english!", "is not a language code"),
        ("--timeout", "0", "is not a number of seconds"),
    ] {
        let output = site.run(&["import", "a.txt", flag, value]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(
            stderr_of(&output).contains(message),
            "{flag}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn a_page_of_questions_and_answers_is_an_interview() {
    let answer = "<p>The licences took months for every small step, and the new rules remove most of them for firms with fewer than fifty workers, which is most of the private sector.</p>";
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Economist: credit, not slogans</title></head><body><article><h1>Economist: credit, not slogans</h1>\
         <p>We spoke to the economist about the new resolution on the private economy and what it changes.</p>\
         <p><strong>What does the resolution change for small firms?</strong></p>{answer}\
         <p><strong>What is still missing?</strong></p>{answer}</article></body></html>"
    );
    let imported = import_page(
        page.as_bytes(),
        &PageSource::default(),
        None,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(imported.kind, "interview", "{}", imported.body);
    assert!(
        imported
            .body
            .contains("**What does the resolution change for small firms?**"),
        "{}",
        imported.body
    );
    let report =
        fs::read(repository_root().join("tests/fixtures/html/harbor-tribune-arc.html")).unwrap();
    let imported = import_page(&report, &PageSource::default(), None, &Default::default()).unwrap();
    assert_eq!(imported.kind, "report");
}
