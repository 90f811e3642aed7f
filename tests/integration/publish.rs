//! Publishing: GitHub Pages under a sub-path, feeds, sitemap, meta tags,
//! redirects, the manifest and `dossier check`, atomic output, and a crawl
//! of the site served by a real static server under a sub-path.

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dossier::check::{scan_page, well_formed};

use crate::harness::{Site, free_port, http_get, snapshot};

/// The basic fixture published at `url`.
fn published(url: &str) -> Site {
    let site = Site::fixture("basic");
    let book = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write("book.toml", &format!("{book}\n[site]\nurl = \"{url}\"\n"));
    site
}

#[test]
fn github_pages_output_works_under_the_repository_path() {
    let site = published("https://user.github.io/repo/");
    site.built();
    assert!(site.out().join(".nojekyll").is_file());
    assert!(!site.out().join("CNAME").exists(), "no CNAME on github.io");
    let not_found = site.page("404.html");
    assert!(
        not_found.contains("href=\"/repo/style.css\""),
        "404 works at any depth: {not_found}"
    );
    assert!(not_found.contains("href=\"/repo/articles/\""));
    let custom = published("https://dossier.example.org/");
    custom.built();
    assert_eq!(
        fs::read_to_string(custom.out().join("CNAME")).unwrap(),
        "dossier.example.org\n"
    );
}

#[test]
fn sitemap_lists_every_page_with_its_last_change() {
    let site = published("https://user.github.io/repo/");
    site.built();
    let sitemap = fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    well_formed(&sitemap).unwrap();
    assert!(sitemap.contains("<url><loc>https://user.github.io/repo/articles/first-report/</loc><lastmod>2025-05-29</lastmod></url>"), "{sitemap}");
    assert!(
        sitemap
            .contains("<url><loc>https://user.github.io/repo/articles/undated-note/</loc></url>"),
        "no date, no lastmod: {sitemap}"
    );
    assert!(sitemap.contains("<loc>https://user.github.io/repo/themes/economic-integration/</loc><lastmod>2025-05-29</lastmod>"), "{sitemap}");
    assert!(!sitemap.contains("404.html"));
    let pages = sitemap.matches("<url>").count();
    assert_eq!(pages, 17, "every page but the 404 page: {sitemap}");
    let robots = fs::read_to_string(site.out().join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://user.github.io/repo/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn feeds_follow_the_site_and_each_entity() {
    let site = published("https://user.github.io/repo/");
    site.built();
    let feed = fs::read_to_string(site.out().join("feed.xml")).unwrap();
    well_formed(&feed).unwrap();
    let newer = feed
        .find("<title>A first report on Resolution 59</title>")
        .unwrap();
    let older = feed.find("<title>An older commentary</title>").unwrap();
    assert!(newer < older, "newest first");
    assert!(
        !feed.contains("An undated note"),
        "an undated article has no place in a feed"
    );
    assert!(feed.contains("<updated>2025-05-29T00:00:00Z</updated>"));
    let theme =
        fs::read_to_string(site.out().join("themes/economic-integration/feed.xml")).unwrap();
    well_formed(&theme).unwrap();
    assert!(theme.contains("<link href=\"https://user.github.io/repo/themes/economic-integration/feed.xml\" rel=\"self\""), "{theme}");
    assert!(
        theme.contains("A first report on Resolution 59") && !theme.contains("An older commentary"),
        "{theme}"
    );
    let page = site.page("themes/economic-integration/");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture Site — Economic integration\" href=\"https://user.github.io/repo/themes/economic-integration/feed.xml\">"), "{page}");
}

#[test]
fn the_site_url_can_be_given_on_the_command_line() {
    let site = Site::fixture("basic");
    let output = site.run(&["build", "--site-url", "https://user.github.io/elsewhere"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        fs::read_to_string(site.out().join("sitemap.xml"))
            .unwrap()
            .contains("<loc>https://user.github.io/elsewhere/</loc>")
    );
    assert!(
        site.page("404.html")
            .contains("href=\"/elsewhere/style.css\"")
    );
    assert_eq!(
        site.run(&["build", "--site-url", "elsewhere"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn without_a_site_url_there_are_no_feeds_or_sitemap() {
    let site = Site::fixture("basic");
    site.built();
    assert!(!site.out().join("sitemap.xml").exists() && !site.out().join("feed.xml").exists());
    assert_eq!(
        fs::read_to_string(site.out().join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n"
    );
    assert!(!site.page("").contains("rel=\"canonical\""));
}

#[test]
fn every_page_has_canonical_opengraph_and_twitter_tags() {
    let site = published("https://user.github.io/repo/");
    site.built();
    for (path, og_type) in [
        ("", "website"),
        ("articles/first-report/", "article"),
        ("speakers/to-lam/", "website"),
    ] {
        let page = site.page(path);
        assert!(
            page.contains(&format!(
                "<link rel=\"canonical\" href=\"https://user.github.io/repo/{path}\">"
            )),
            "{path}"
        );
        assert!(
            page.contains(&format!(
                "<meta property=\"og:type\" content=\"{og_type}\">"
            )),
            "{path}"
        );
        assert!(
            page.contains("<meta property=\"og:title\"")
                && page.contains("<meta name=\"twitter:card\" content=\"summary\">"),
            "{path}"
        );
    }
    let article = site.page("articles/first-report/");
    assert!(
        article.contains(
            "<meta property=\"og:description\" content=\"Resolution 59 sets out a vision.\">"
        ),
        "the summary describes the article"
    );
}

#[test]
fn old_addresses_redirect_to_the_current_page() {
    let site = published("https://user.github.io/repo/");
    let text = fs::read_to_string(site.root.join("content/articles/first-report.md")).unwrap();
    site.write(
        "content/articles/first-report.md",
        &text.replace(
            "kind = \"report\"",
            "kind = \"report\"\nredirect_from = [\"first\", \"/2025/05/first-report.html\"]",
        ),
    );
    site.built();
    let redirect = site.page("articles/first/");
    assert!(
        redirect.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=../../articles/first-report/\">"
        ),
        "{redirect}"
    );
    assert!(redirect.contains(
        "<link rel=\"canonical\" href=\"https://user.github.io/repo/articles/first-report/\">"
    ));
    let deep = site.page("2025/05/first-report.html");
    assert!(
        deep.contains("url=../../articles/first-report/\""),
        "{deep}"
    );
    site.assert_links_resolve();
    let output = site.run(&["check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_redirect_that_would_replace_a_page_is_an_error() {
    let site = Site::fixture("basic");
    let text = fs::read_to_string(site.root.join("content/articles/first-report.md")).unwrap();
    site.write(
        "content/articles/first-report.md",
        &text.replace(
            "kind = \"report\"",
            "kind = \"report\"\nredirect_from = [\"older-commentary\"]",
        ),
    );
    let output = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "`older-commentary`, but the site already writes articles/older-commentary/index.html there"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/first-report.md:8:1"),
        "{stderr}"
    );
}

#[test]
fn check_reports_a_published_url_that_is_gone() {
    let site = Site::fixture("basic");
    assert!(site.run(&["check"]).status.success());
    site.remove("content/articles/older-commentary.md");
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/articles/older-commentary/ was published before and now has neither a page nor a redirect"), "{stderr}");
    assert!(stderr.contains("book/dossier-manifest.txt"), "{stderr}");
    // Still reported a build later, until a redirect covers it.
    assert_eq!(site.run(&["check"]).status.code(), Some(1));
    let text = fs::read_to_string(site.root.join("content/articles/first-report.md")).unwrap();
    site.write(
        "content/articles/first-report.md",
        &text.replace(
            "kind = \"report\"",
            "kind = \"report\"\nredirect_from = [\"older-commentary\"]",
        ),
    );
    let fixed = site.run(&["check"]);
    assert!(
        fixed.status.success(),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
}

#[test]
fn check_reports_broken_links_unreachable_and_empty_pages_and_bad_xml() {
    let site = Site::fixture("basic");
    site.write("templates/kind.html", "{% extends \"base.html\" %}{% block main %}<a href=\"missing/\">gone</a>\n<a href=\"#nowhere\">x</a>{% endblock main %}")
        .write("templates/index.html", "{% extends \"base.html\" %}{% block main %}<p>Home.</p>{% endblock main %}")
        .write("templates/articles.html", "{% extends \"base.html\" %}{% block main %}{% endblock main %}")
        .write("content/themes/lonely.md", "+++\ntitle = \"Lonely\"\n+++\nNo article refers to it.\n")
        .write("static/broken.xml", "<feed><entry></feed>");
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken link `missing/`"), "{stderr}");
    assert!(stderr.contains("book/themes/index.html:"), "{stderr}");
    assert!(stderr.contains("broken link `#nowhere`"), "{stderr}");
    assert!(
        stderr.contains("not well-formed XML") && stderr.contains("book/broken.xml:1:"),
        "{stderr}"
    );
    // Neither the home page nor the kind index lists the lonely theme any more.
    let unreachable = stderr
        .find("no chain of links from the home page reaches this page")
        .expect("an unreachable page");
    assert!(
        stderr[unreachable..].contains("book/themes/lonely/index.html"),
        "{stderr}"
    );
    // The articles index has no text left.
    let empty = stderr.find("the page has no text").expect("an empty page");
    assert!(
        stderr[empty..].contains("book/articles/index.html"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Checked 19 pages:") && stdout.contains("errors"),
        "{stdout}"
    );
}

#[test]
fn check_fails_on_warnings_only_when_asked() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/numbers.md",
        "+++\ntitle = \"Numbers\"\n+++\nResolution 99 is not in the site.\n",
    );
    let lenient = site.run(&["check"]);
    assert!(
        lenient.status.success(),
        "{}",
        String::from_utf8_lossy(&lenient.stderr)
    );
    assert!(
        String::from_utf8_lossy(&lenient.stderr).contains("warning: Resolution 99 is mentioned")
    );
    assert_eq!(
        site.run(&["check", "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn one_thread_and_many_give_byte_identical_output() {
    let site = published("https://user.github.io/repo/");
    let build = |threads: &str, out: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--out", out])
            .current_dir(&site.root)
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        snapshot(&site.root.join(out))
    };
    assert_eq!(build("1", "one"), build("4", "four"));
}

#[test]
fn a_template_that_fails_on_some_pages_leaves_the_old_output_intact() {
    let site = Site::fixture("basic");
    site.built();
    let before = snapshot(&site.out());
    // Renders for every speaker but one.
    site.write("templates/entity-speaker.html", "{% extends \"base.html\" %}{% block main %}{% if entity.slug == \"to-lam\" %}{{ entity.no_such_field.deeper }}{% endif %}<p>{{ entity.title }}</p>{% endblock main %}");
    let error = site.build().unwrap_err().to_string();
    assert!(error.contains("entity-speaker.html"), "{error}");
    assert_eq!(
        before,
        snapshot(&site.out()),
        "the previous output is untouched"
    );
}

#[test]
fn refuses_output_directories_that_would_destroy_sources() {
    let site = Site::fixture("basic");
    for out in ["content", ".", "..", "content/articles"] {
        let output = site.run(&["build", "--out", out]);
        assert_eq!(output.status.code(), Some(1), "--out {out}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("refusing to write the site"),
            "--out {out}"
        );
    }
    site.write("notes/keep.txt", "mine");
    assert_eq!(
        site.run(&["build", "--out", "notes"]).status.code(),
        Some(1)
    );
    assert_eq!(
        fs::read_to_string(site.root.join("notes/keep.txt")).unwrap(),
        "mine"
    );
    assert!(
        site.root.join("content/articles/first-report.md").is_file(),
        "nothing of the content was touched"
    );
}

/// Python's http.server serving `dir`, with the site's 404 page for
/// missing paths (as GitHub Pages does), killed on drop.
struct StaticServer {
    child: Child,
    port: u16,
}

impl StaticServer {
    fn start(dir: &std::path::Path, not_found: &std::path::Path) -> StaticServer {
        let port = free_port();
        let script = format!(
            "import http.server, functools\n\
             class H(http.server.SimpleHTTPRequestHandler):\n\
             \x20   def send_error(self, code, message=None, explain=None):\n\
             \x20       if code != 404: return super().send_error(code, message, explain)\n\
             \x20       body = open({not_found:?}, 'rb').read()\n\
             \x20       self.send_response(404); self.send_header('Content-Type', 'text/html; charset=utf-8')\n\
             \x20       self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)\n\
             \x20   def log_message(self, *args): pass\n\
             http.server.ThreadingHTTPServer(('127.0.0.1', {port}), functools.partial(H, directory={dir:?})).serve_forever()\n",
            not_found = not_found.display().to_string(),
            dir = dir.display().to_string(),
        );
        let child = Command::new("python3")
            .args(["-c", &script])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the static server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer { child, port }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Joins a link to the URL path of the page it is on.
fn join(page: &str, href: &str) -> Option<String> {
    if href.contains(':') || href.starts_with("//") {
        return None;
    }
    let href = href.split('#').next().unwrap_or("");
    if href.is_empty() {
        return None;
    }
    let base = if href.starts_with('/') {
        String::new()
    } else {
        page[..page.rfind('/').unwrap() + 1].to_string()
    };
    let mut parts: Vec<&str> = Vec::new();
    let joined = format!("{base}{href}");
    for part in joined.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn a_static_server_under_a_sub_path_serves_every_page_and_link() {
    let site = published("https://user.github.io/dossier/");
    site.root
        .join("www")
        .exists()
        .then(|| fs::remove_dir_all(site.root.join("www")));
    let status = site.run(&["build", "--out", "www/dossier"]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let www = site.root.join("www");
    let server = StaticServer::start(&www, &www.join("dossier/404.html"));

    let mut seen: BTreeSet<String> = BTreeSet::from(["/dossier/".to_string()]);
    let mut queue = VecDeque::from(["/dossier/".to_string()]);
    let mut pages = 0;
    while let Some(path) = queue.pop_front() {
        let response = http_get(server.port, &path);
        assert_eq!(response.status, 200, "{path}");
        if !response.headers.contains("text/html") {
            continue;
        }
        pages += 1;
        for link in scan_page(&response.body).links {
            if let Some(target) = join(&path, &link.href)
                && seen.insert(target.clone())
            {
                queue.push_back(target);
            }
        }
    }
    assert_eq!(
        pages, 17,
        "every page but the 404 page is reached: {seen:?}"
    );

    let missing = http_get(server.port, "/dossier/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    for link in scan_page(&missing.body).links {
        if let Some(target) = join("/dossier/no/such/page/", &link.href) {
            assert_eq!(
                http_get(server.port, &target).status,
                200,
                "the 404 page's link {target} works at that depth"
            );
        }
    }
}
