//! Paginated lists on the basic fixture with four more articles and
//! `per-page = 2`: page counts and boundaries, prev/next, the pager and
//! its override, the timeline by year, `page/1/` redirects, the sitemap and
//! manifest, `dossier check`, and identical output at 1 and 4 threads.

use std::fs;
use std::process::Command;

use crate::harness::{Site, snapshot};

/// The basic fixture (3 articles, one undated) with four articles of 2023
/// on economic integration, two items a page, published under a URL.
fn paginated() -> Site {
    let site = Site::fixture("basic");
    let book = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!(
            "{book}\n[site]\nurl = \"https://user.github.io/repo/\"\n\n[pagination]\nper-page = 2\n"
        ),
    );
    for day in 1..=4 {
        site.write(
            &format!("content/articles/spring-{day}.md"),
            &format!(
                "+++\ntitle = \"Spring note {day}\"\ndate = 2023-03-0{day}\n\
                 themes = [\"economic-integration\"]\n+++\n\
                 Economic integration moved on day {day} of the spring.\n"
            ),
        );
    }
    site
}

/// The titles of the article cards in a page's `<main>`, in order.
fn card_titles(site: &Site, path: &str) -> Vec<String> {
    let main = site.main_of(path);
    main.split("class=\"card-title\"><a href=\"")
        .skip(1)
        .map(|rest| {
            let text = rest.split_once("\">").unwrap().1;
            text.split_once("</a>").unwrap().0.to_string()
        })
        .collect()
}

fn exists(site: &Site, path: &str) -> bool {
    site.out().join(dossier::urls::output_file(path)).is_file()
}

#[test]
fn lists_are_split_at_per_page_and_every_item_is_on_one_page() {
    let site = paginated();
    site.built();
    // 7 articles: 2 + 2 + 2 + 1, newest first across the pages.
    let pages = [
        "articles/",
        "articles/page/2/",
        "articles/page/3/",
        "articles/page/4/",
    ];
    let sizes: Vec<usize> = pages.iter().map(|p| card_titles(&site, p).len()).collect();
    assert_eq!(sizes, [2, 2, 2, 1]);
    assert!(!exists(&site, "articles/page/5/"));
    let all: Vec<String> = pages.iter().flat_map(|p| card_titles(&site, p)).collect();
    assert_eq!(
        all,
        [
            "A first report on Resolution 59",
            "An older commentary",
            "Spring note 4",
            "Spring note 3",
            "Spring note 2",
            "Spring note 1",
            "An undated note"
        ]
    );
    // A kind with exactly per-page entities keeps one page.
    assert!(exists(&site, "themes/") && !exists(&site, "themes/page/2/"));
    // Economic integration: 6 articles on 3 pages.
    let theme = "themes/economic-integration/";
    assert_eq!(card_titles(&site, theme).len(), 2);
    assert_eq!(
        card_titles(&site, "themes/economic-integration/page/3/").len(),
        2
    );
    assert!(!exists(&site, "themes/economic-integration/page/4/"));
    // Science and technology has one article: one page, no pager.
    let one = site.main_of("themes/science-technology/");
    assert!(!one.contains("class=\"pagination\""), "{one}");
    site.assert_links_resolve();
}

#[test]
fn pages_link_their_neighbours_in_the_head_and_the_pager() {
    let site = paginated();
    site.built();
    let head = |path: &str| {
        let page = site.page(path);
        page[..page.find("</head>").unwrap()].to_string()
    };
    let first = head("articles/");
    assert!(!first.contains("rel=\"prev\""), "{first}");
    assert!(
        first.contains("<link rel=\"next\" href=\"../articles/page/2/\">"),
        "{first}"
    );
    let second = head("articles/page/2/");
    assert!(
        second.contains("<link rel=\"prev\" href=\"../../../articles/\">"),
        "{second}"
    );
    assert!(
        second.contains("<link rel=\"next\" href=\"../../../articles/page/3/\">"),
        "{second}"
    );
    assert!(second.contains("<title>Articles (page 2 of 4)"), "{second}");
    assert!(
        second.contains(
            "<link rel=\"canonical\" href=\"https://user.github.io/repo/articles/page/2/\">"
        ),
        "{second}"
    );
    let last = head("articles/page/4/");
    assert!(!last.contains("rel=\"next\""), "{last}");

    let main = site.main_of("articles/page/2/");
    let pager = &main[main
        .find("<nav class=\"pagination\" aria-label=\"Pages\">")
        .expect("a pager")..];
    assert!(
        pager.contains("href=\"../../../articles/\" rel=\"prev\""),
        "{pager}"
    );
    assert!(
        pager.contains("href=\"../../../articles/page/3/\" rel=\"next\""),
        "{pager}"
    );
    assert!(
        pager.contains("<a href=\"../../../articles/page/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"),
        "{pager}"
    );
    assert_eq!(pager.matches("aria-current").count(), 1, "{pager}");
    assert!(pager.contains("Page 2 of 4 · 3–4 of 7"), "{pager}");
}

#[test]
fn entity_pages_keep_the_passages_of_their_articles() {
    let site = paginated();
    site.built();
    // Newest first: the first report and Spring note 4 on page 1, notes 3
    // and 2 on page 2, note 1 and the undated note on page 3.
    let second = site.main_of("themes/economic-integration/page/2/");
    assert_eq!(
        card_titles(&site, "themes/economic-integration/page/2/"),
        ["Spring note 3", "Spring note 2"]
    );
    assert!(
        second.contains("<mark>Economic integration</mark> moved on day 3"),
        "{second}"
    );
    assert!(
        !second.contains("day 4") && !second.contains("day 1"),
        "{second}"
    );
    let third = site.main_of("themes/economic-integration/page/3/");
    assert!(
        third.contains("<mark>Economic integration</mark> moved on day 1"),
        "{third}"
    );
    // The summary is on the first page only.
    let first = site.main_of("themes/economic-integration/");
    assert!(first.contains("class=\"prose\""), "{first}");
    assert!(!second.contains("class=\"prose\""), "{second}");
    assert!(
        second.contains("aria-label=\"Pages of articles\""),
        "{second}"
    );
}

#[test]
fn a_long_timeline_gets_a_page_per_year() {
    let site = paginated();
    site.built();
    // 8 dated items: 2023 (4 notes), 2024 (Resolution 57, the commentary),
    // 2025 (Resolution 59, the first report).
    let index = site.main_of("timeline/");
    for year in ["2023", "2024", "2025"] {
        assert!(
            index.contains(&format!("<a href=\"../timeline/{year}/\">{year}</a>")),
            "{index}"
        );
    }
    assert!(
        !index.contains("class=\"timeline\""),
        "the index lists no items: {index}"
    );
    let spring = site.main_of("timeline/2023/page/2/");
    assert!(
        spring.contains("Spring note 3") && spring.contains("Spring note 4"),
        "{spring}"
    );
    assert!(!spring.contains("Spring note 1"), "{spring}");
    assert!(!exists(&site, "timeline/2024/page/2/"));
    let year = site.main_of("timeline/2024/");
    assert!(year.find("Resolution 57-NQ/TW").unwrap() < year.find("An older commentary").unwrap());
}

#[test]
fn the_first_page_of_a_list_redirects_to_the_list() {
    let site = paginated();
    site.built();
    let redirect = site.page("articles/page/1/");
    assert!(
        redirect.contains("content=\"0; url=../../../articles/\""),
        "{redirect}"
    );
    let entity = site.page("themes/economic-integration/page/1/");
    assert!(
        entity.contains("url=../../../../themes/economic-integration/\""),
        "{entity}"
    );
    assert!(
        !exists(&site, "themes/science-technology/page/1/"),
        "one page, no redirect"
    );
}

#[test]
fn the_sitemap_manifest_and_check_cover_every_page() {
    let site = paginated();
    let output = site.run(&["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let sitemap = fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    let manifest = fs::read_to_string(site.out().join("dossier-manifest.txt")).unwrap();
    for path in [
        "articles/page/4/",
        "themes/economic-integration/page/3/",
        "timeline/2023/page/2/",
        "timeline/2025/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://user.github.io/repo/{path}</loc>")),
            "{path}"
        );
        assert!(manifest.lines().any(|l| l == format!("/{path}")), "{path}");
    }
    assert!(manifest.lines().any(|l| l == "/articles/page/1/"));
    assert!(
        !sitemap.contains("page/1/"),
        "redirects are not in the sitemap"
    );

    // Longer pages: the pages a list loses are not reported as gone.
    let book = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write("book.toml", &book.replace("per-page = 2", "per-page = 3"));
    let output = site.run(&["check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!exists(&site, "articles/page/4/"));
}

#[test]
fn a_site_overrides_the_pager() {
    let site = paginated();
    site.write(
        "templates/partials/pager.html",
        "<nav aria-label=\"Pages\" id=\"my-pager\">{{ paginator.current }}/{{ paginator.total_pages }}\
         {% for p in paginator.pages %} <a href=\"{{ p.url }}\">{{ p.number }}</a>{% endfor %}\
         {% if paginator.next %} <a href=\"{{ paginator.next }}\">more</a>{% endif %}</nav>",
    );
    site.built();
    let main = site.main_of("articles/page/3/");
    assert!(
        main.contains("<nav aria-label=\"Pages\" id=\"my-pager\">3/4"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"../../../articles/page/4/\">more</a>"),
        "{main}"
    );
    assert!(
        site.main_of("themes/economic-integration/")
            .contains("id=\"my-pager\">1/3")
    );
    site.assert_links_resolve();
}

#[test]
fn per_page_must_be_positive() {
    let site = Site::fixture("basic");
    let book = fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[pagination]\nper-page = 0\n"),
    );
    let output = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`pagination.per-page` must be between 1 and"),
        "{stderr}"
    );
    assert!(stderr.contains("book.toml:"), "{stderr}");
}

#[test]
fn paginated_output_is_identical_at_one_thread_and_four() {
    let site = paginated();
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
    let one = build("1", "one");
    assert!(
        one.iter()
            .any(|(path, _)| path.ends_with("timeline/2023/page/2/index.html"))
    );
    assert_eq!(one, build("4", "four"));
}
