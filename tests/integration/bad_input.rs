//! The bad-input catalogue: what an attacker or a careless editor can put
//! in a site's files, on the command line or in a request, and what dossier
//! must do with it. Every case runs the `dossier` binary on a copy of the
//! `basic` fixture, next to a sibling folder `outside/` holding a user's
//! files, and asserts:
//!
//! - the exit status (1 for a refusal; 0 where the input is neutralised or
//!   skipped with a warning), never a panic or an abort;
//! - that the message names the file, and the line where there is one
//!   (`path:line:`);
//! - that no file outside the output changed: the site's folders and the
//!   sibling folder are compared, byte for byte and link for link, before
//!   and after (and on a refusal, the output folder too: nothing written).
//!
//! | area | case | expected |
//! |---|---|---|
//! | content | `content_without_front_matter` | error, file:1 |
//! | content | `content_front_matter_never_closed` | error, file:1 |
//! | content | `content_toml_syntax_error` | error, file:line |
//! | content | `content_unknown_key` | error, file:line |
//! | content | `content_empty_title` | error, file:line |
//! | content | `content_title_of_the_wrong_type` | error, file:line |
//! | content | `content_date_not_a_date` | error, file:line |
//! | content | `content_date_that_does_not_exist` | error, file:line |
//! | content | `content_unknown_reference` | error, file:line |
//! | content | `content_reference_list_written_as_a_string` | error, file:line |
//! | content | `content_two_files_with_one_slug` | error naming both files |
//! | content | `content_slug_with_a_slash` | error, file:line |
//! | content | `content_slug_with_dot_dot` | error, file:line |
//! | content | `content_slug_too_long_for_a_file_name` | error, file:line |
//! | content | `content_binary_file` | error, file |
//! | content | `content_not_utf8` | error, file |
//! | content | `content_source_javascript_url` | error, file:line |
//! | content | `content_source_data_url` | error, file:line |
//! | content | `content_entity_source_javascript_url` | error, file:line |
//! | content | `content_redirect_from_double_slash_outside` | error, file:line, the user's file kept |
//! | content | `content_redirect_from_dot_dot` | error, file:line |
//! | content | `content_redirect_from_backslash` | error, file:line |
//! | content | `content_redirect_from_encoded_dot_dot` | error, file:line |
//! | content | `content_redirect_from_scheme` | error, file:line |
//! | content | `content_redirect_from_nul` | error, file:line |
//! | content | `content_redirect_from_slug_too_long` | error, file:line |
//! | content | `content_redirect_in_entity_double_slash` | error, file:line |
//! | content | `content_redirect_onto_home_page` | error, file:line |
//! | content | `content_redirect_onto_search_index` | error, file:line |
//! | content | `content_redirect_onto_robots_txt` | error, file:line |
//! | content | `content_redirect_onto_style_css` | error, file:line |
//! | content | `content_redirect_onto_an_article` | error, file:line |
//! | content | `content_redirect_collisions_all_listed` | one error per collision |
//! | content | `content_heading_onclick_attribute` | no handler in the page; file:line |
//! | content | `content_heading_autofocus_onfocus` | no handler in the page; file:line |
//! | content | `content_raw_script_is_text` | built; no script element |
//! | content | `content_markdown_javascript_link` | built; no script URL |
//! | content | `content_long_token` | built, no abort; warning names the file |
//! | content | `content_very_long_token` | built, no abort; warning names the file |
//! | content | `content_deeply_nested_quotes` | built, no abort |
//! | content | `content_deeply_nested_brackets` | built, no abort |
//! | content | `content_deeply_nested_lists` | built, no abort |
//! | content | `content_symlink_outside_the_root` | not published; warning names the link |
//! | content | `content_symlink_to_a_non_markdown_file` | its text not shown; the link named |
//! | content | `content_empty_alias` | warning, file:line |
//! | content | `content_alias_ending_in_punctuation` | warning, file:line |
//! | book.toml | `book_toml_missing` | error naming book.toml |
//! | book.toml | `book_toml_syntax_error` | error, book.toml:line |
//! | book.toml | `book_toml_unknown_key` | error, book.toml:line |
//! | book.toml | `book_toml_binary` | error naming book.toml |
//! | book.toml | `book_toml_bad_number_pattern` | error, book.toml:line |
//! | book.toml | `book_toml_kind_folder_leaves_content` | error, book.toml:line |
//! | book.toml | `book_toml_kind_url_with_a_slash` | error, book.toml:line |
//! | book.toml | `book_toml_two_kinds_one_folder` | error, book.toml:line |
//! | book.toml | `book_toml_two_byline_kinds` | error naming book.toml |
//! | book.toml | `book_toml_keyword_threshold_out_of_range` | error, book.toml:line |
//! | book.toml | `book_toml_site_url_javascript` | error, book.toml:line |
//! | book.toml | `book_toml_site_url_with_a_newline` | error, book.toml:line |
//! | book.toml | `book_toml_build_dir_is_the_root` | error naming book.toml |
//! | book.toml | `book_toml_build_dir_is_content` | error |
//! | book.toml | `book_toml_build_dir_is_a_users_folder` | error; the folder kept |
//! | book.toml | `book_toml_several_bad_links_values` | every value reported |
//! | templates | `template_syntax_error` | error, template:line |
//! | templates | `template_unclosed_if` | error at the line of the `if` |
//! | templates | `template_include_outside` | error naming the template |
//! | templates | `template_unknown_filter` | error, template:line |
//! | templates | `template_recursive_include` | error, no abort |
//! | templates | `template_not_utf8` | error naming the template |
//! | templates | `template_symlink_outside_the_root` | not used; warning names the link |
//! | static | `static_file_collides_with_a_page` | error naming the file |
//! | static | `static_file_collides_with_the_search_index` | error naming the file |
//! | static | `static_symlink_outside_the_root` | not copied; warning names the link |
//! | import | `import_missing_file` | error naming the file |
//! | import | `import_binary_file` | error naming the file |
//! | import | `import_empty_file` | error naming the file |
//! | import | `import_not_utf8` | error naming the file |
//! | import | `import_over_an_existing_article` | error naming the article; kept |
//! | serve | `serve_dot_dot` and 7 more request shapes | 4xx, nothing outside served, still up |
//! | output | `out_is_the_root` | error |
//! | output | `out_is_content` | error |
//! | output | `out_inside_static` | error |
//! | output | `out_inside_content` | error |
//! | output | `out_inside_templates` | error |
//! | output | `out_is_a_users_folder` | error; the folder kept |
//! | output | `out_is_a_file` | error; the file kept |
//! | output | `out_is_the_roots_parent` | error |

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{Site, http_get};

/// What the files of a folder hold: every entry with its bytes (files) or
/// its target (links), sorted.
type Tree = Vec<(PathBuf, String, Vec<u8>)>;

fn tree(dir: &Path, skip: Option<&Path>) -> Tree {
    if !dir.exists() {
        return Vec::new();
    }
    let mut entries: Tree = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| Some(e.path()) != skip)
        .map(|e| e.unwrap_or_else(|e| panic!("{}: {e}", dir.display())))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let kind = e.file_type();
            if kind.is_symlink() {
                let target = fs::read_link(e.path()).unwrap();
                (
                    relative,
                    "link".into(),
                    target.into_os_string().into_encoded_bytes(),
                )
            } else if kind.is_dir() {
                (relative, "dir".into(), Vec::new())
            } else {
                (relative, "file".into(), fs::read(e.path()).unwrap())
            }
        })
        .collect();
    entries.sort();
    entries
}

/// A copy of the `basic` fixture with a user's folder beside it.
struct Case {
    site: Site,
    /// `../outside` from the site's root: files a build must never touch.
    outside: PathBuf,
}

impl Case {
    fn new() -> Case {
        let site = Site::fixture("basic");
        let outside = site.root.parent().unwrap().join("outside");
        fs::create_dir_all(outside.join("victim")).unwrap();
        fs::write(outside.join("notes.txt"), "a user's notes\n").unwrap();
        fs::write(outside.join("secret.txt"), "TOP-SECRET\n").unwrap();
        fs::write(outside.join("victim/index.html"), "a user's page\n").unwrap();
        fs::write(outside.join("x"), "a user's file called x\n").unwrap();
        Case { site, outside }
    }

    fn write(&self, relative: &str, text: &str) -> &Case {
        self.site.write(relative, text);
        self
    }

    fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Case {
        self.site.write_bytes(relative, bytes);
        self
    }

    fn out(&self) -> PathBuf {
        self.site.out()
    }

    /// Everything but the output, and the user's folder.
    fn inputs(&self) -> (Tree, Tree) {
        (
            tree(&self.site.root, Some(&self.out())),
            tree(&self.outside, None),
        )
    }

    fn run(&self, args: &[&str]) -> (Output, String) {
        let output = self.site.run(args);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "a panic:\n{stderr}"
        );
        (output, stderr)
    }

    /// Runs `args` (`build` when empty), which must fail with a message
    /// naming each of `places` (`path` or `path:line`) and change nothing
    /// anywhere: no output, no staging folder, no input, nothing outside.
    fn refused(&self, args: &[&str], places: &[&str]) -> String {
        let args = if args.is_empty() {
            &["build"][..]
        } else {
            args
        };
        let before = (tree(&self.site.root, None), tree(&self.outside, None));
        let (output, stderr) = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "`dossier {}` must refuse this; stderr:\n{stderr}",
            args.join(" ")
        );
        for place in places {
            assert_names(&stderr, place);
        }
        let after = (tree(&self.site.root, None), tree(&self.outside, None));
        assert_unchanged(&before.0, &after.0, "the site's folder");
        assert_unchanged(&before.1, &after.1, "the folder beside the site");
        stderr
    }

    /// Runs `args` (`build` when empty), which must succeed without
    /// changing anything but the output; returns stderr.
    fn accepted(&self, args: &[&str]) -> String {
        let args = if args.is_empty() {
            &["build"][..]
        } else {
            args
        };
        let before = self.inputs();
        let (output, stderr) = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "`dossier {}` must build this; stderr:\n{stderr}",
            args.join(" ")
        );
        let after = self.inputs();
        assert_unchanged(&before.0, &after.0, "the site's inputs");
        assert_unchanged(&before.1, &after.1, "the folder beside the site");
        stderr
    }

    /// Every page of the output, concatenated.
    fn all_html(&self) -> String {
        tree(&self.out(), None)
            .into_iter()
            .filter(|(path, kind, _)| {
                kind == "file" && path.extension().is_some_and(|e| e == "html")
            })
            .map(|(_, _, bytes)| String::from_utf8_lossy(&bytes).into_owned())
            .collect()
    }
}

/// Asserts that `stderr` names `place`: a file, or `file:line` followed by
/// the column.
fn assert_names(stderr: &str, place: &str) {
    let located = place
        .rsplit_once(':')
        .is_some_and(|(_, l)| l.parse::<usize>().is_ok());
    let needle = if located {
        format!("{place}:")
    } else {
        place.to_string()
    };
    assert!(
        stderr.contains(&needle),
        "the message must name `{needle}`:\n{stderr}"
    );
}

fn assert_unchanged(before: &Tree, after: &Tree, what: &str) {
    if before == after {
        return;
    }
    let names = |t: &Tree| -> Vec<String> {
        t.iter()
            .map(|(p, k, b)| format!("{} ({k}, {} bytes)", p.display(), b.len()))
            .collect()
    };
    let (b, a) = (names(before), names(after));
    let gone: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
    let new: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
    panic!("{what} changed:\n  before only: {gone:?}\n  after only: {new:?}");
}

/// An article with the given front-matter lines (after the title) and body.
fn article(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"Case\"\ndate = 2025-06-01\n{front}+++\n{body}\n")
}

const ARTICLE: &str = "content/articles/case.md";

// ---------------------------------------------------------------- content

#[test]
fn content_without_front_matter() {
    let case = Case::new();
    case.write(ARTICLE, "Just text.\n");
    case.refused(&[], &[&format!("{ARTICLE}:1")]);
}

#[test]
fn content_front_matter_never_closed() {
    let case = Case::new();
    case.write(ARTICLE, "+++\ntitle = \"Open\"\n\nBody.\n");
    case.refused(&[], &[&format!("{ARTICLE}:1")]);
}

#[test]
fn content_toml_syntax_error() {
    let case = Case::new();
    case.write(ARTICLE, &article("outlet = \"unclosed\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_unknown_key() {
    let case = Case::new();
    case.write(ARTICLE, &article("sumary = \"x\"\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_empty_title() {
    let case = Case::new();
    case.write(ARTICLE, "+++\ntitle = \"  \"\n+++\nBody.\n");
    case.refused(&[], &[&format!("{ARTICLE}:2")]);
}

#[test]
fn content_title_of_the_wrong_type() {
    let case = Case::new();
    case.write(ARTICLE, "+++\ntitle = 5\n+++\nBody.\n");
    case.refused(&[], &[&format!("{ARTICLE}:2")]);
}

#[test]
fn content_date_not_a_date() {
    let case = Case::new();
    case.write(
        ARTICLE,
        "+++\ntitle = \"Case\"\ndate = \"yesterday\"\n+++\nBody.\n",
    );
    case.refused(&[], &[&format!("{ARTICLE}:3")]);
}

#[test]
fn content_date_that_does_not_exist() {
    let case = Case::new();
    case.write(
        ARTICLE,
        "+++\ntitle = \"Case\"\ndate = 2025-02-30\n+++\nBody.\n",
    );
    case.refused(&[], &[&format!("{ARTICLE}:3")]);
}

#[test]
fn content_unknown_reference() {
    let case = Case::new();
    case.write(ARTICLE, &article("themes = [\"no-such-theme\"]\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_reference_list_written_as_a_string() {
    let case = Case::new();
    case.write(ARTICLE, &article("themes = 7\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_two_files_with_one_slug() {
    let case = Case::new();
    case.write(ARTICLE, &article("slug = \"first-report\"\n", "Body."));
    case.refused(&[], &[ARTICLE, "content/articles/first-report.md"]);
}

#[test]
fn content_slug_with_a_slash() {
    let case = Case::new();
    case.write(ARTICLE, &article("slug = \"a/b\"\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_slug_with_dot_dot() {
    let case = Case::new();
    case.write(ARTICLE, &article("slug = \"../../outside/x\"\n", "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_slug_too_long_for_a_file_name() {
    let case = Case::new();
    let slug = "a".repeat(300);
    case.write(ARTICLE, &article(&format!("slug = \"{slug}\"\n"), "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_binary_file() {
    let case = Case::new();
    case.write_bytes(ARTICLE, b"+++\ntitle = \"x\"\n+++\n\0\x01\x02");
    case.refused(&[], &[ARTICLE]);
}

#[test]
fn content_not_utf8() {
    let case = Case::new();
    case.write_bytes(ARTICLE, b"+++\ntitle = \"caf\xe9\"\n+++\nBody.\n");
    case.refused(&[], &[ARTICLE]);
}

#[test]
fn content_source_javascript_url() {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article("source = \"javascript:alert(1)\"\n", "Body."),
    );
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_source_data_url() {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article(
            "source = \" DATA:text/html,<script>alert(1)</script>\"\n",
            "Body.",
        ),
    );
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_entity_source_javascript_url() {
    let case = Case::new();
    let theme = "content/themes/science-technology.md";
    let text = fs::read_to_string(case.site.root.join(theme)).unwrap();
    let text = text.replacen("+++\n", "+++\nsource = \"javascript:alert(1)\"\n", 1);
    case.write(theme, &text);
    case.refused(&[], &[&format!("{theme}:2")]);
}

/// `redirect_from = [<value>]` in a new article: refused at its line.
fn redirect_refused(value: &str) -> (Case, String) {
    let case = Case::new();
    let front = format!("redirect_from = [{value}]\n");
    case.write(ARTICLE, &article(&front, "Body."));
    let stderr = case.refused(&[], &[&format!("{ARTICLE}:4")]);
    (case, stderr)
}

#[test]
fn content_redirect_from_double_slash_outside() {
    // `//<the user's folder>/victim`: a site path that is an absolute path
    // once its first slash is taken off. The user's page there must stay.
    let case = Case::new();
    let victim = case.outside.join("victim");
    let value = format!("\"/{}\"", victim.display());
    let front = format!("redirect_from = [{value}]\n");
    case.write(ARTICLE, &article(&front, "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:4")]);
    let x = format!("\"/{}\"", case.outside.join("x").display());
    case.write(
        ARTICLE,
        &article(&format!("redirect_from = [{x}]\n"), "Body."),
    );
    case.refused(&["check"], &[&format!("{ARTICLE}:4")]);
}

#[test]
fn content_redirect_from_dot_dot() {
    redirect_refused("\"/articles/../../../outside/x/\"");
}

#[test]
fn content_redirect_from_backslash() {
    redirect_refused("\"/..\\\\..\\\\outside\\\\x\"");
}

#[test]
fn content_redirect_from_encoded_dot_dot() {
    redirect_refused("\"/%2e%2e/%2E%2E/outside%2fx/\"");
}

#[test]
fn content_redirect_from_scheme() {
    redirect_refused("\"https://example.org/old/\"");
}

#[test]
fn content_redirect_from_nul() {
    redirect_refused("\"/old\\u0000/\"");
}

#[test]
fn content_redirect_from_slug_too_long() {
    // A bare slug longer than a file name may be: refused at its line, not
    // by the writer.
    let (_, stderr) = redirect_refused(&format!("\"old-{}\"", "x".repeat(300)));
    assert!(stderr.contains("longer than 255 bytes"), "{stderr}");
}

#[test]
fn content_redirect_in_entity_double_slash() {
    let case = Case::new();
    let theme = "content/themes/science-technology.md";
    let text = fs::read_to_string(case.site.root.join(theme)).unwrap();
    let victim = format!("/{}", case.outside.join("victim").display());
    let text = text.replacen(
        "+++\n",
        &format!("+++\nredirect_from = [\"{victim}\"]\n"),
        1,
    );
    case.write(theme, &text);
    case.refused(&[], &[&format!("{theme}:2")]);
}

#[test]
fn content_redirect_onto_home_page() {
    redirect_refused("\"/index.html\"");
}

#[test]
fn content_redirect_onto_search_index() {
    redirect_refused("\"/searchindex/t/_a.json\"");
}

#[test]
fn content_redirect_onto_robots_txt() {
    redirect_refused("\"/robots.txt\"");
}

#[test]
fn content_redirect_onto_style_css() {
    redirect_refused("\"/style.css\"");
}

#[test]
fn content_redirect_onto_an_article() {
    redirect_refused("\"/articles/first-report/\"");
}

#[test]
fn content_redirect_collisions_all_listed() {
    let case = Case::new();
    let front = "redirect_from = [\n  \"/graph.json\",\n  \"/.dossier-build\",\n]\n";
    case.write(ARTICLE, &article(front, "Body."));
    case.refused(&[], &[&format!("{ARTICLE}:5"), &format!("{ARTICLE}:6")]);
}

/// With raw HTML off, a heading's attributes carry no event handler into
/// the page, and what was dropped is reported at its line (or refused).
fn heading_attributes(heading: &str) {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article("", &format!("Intro.\n\n{heading}\n\nText.")),
    );
    let (output, stderr) = case.run(&["build"]);
    assert_names(&stderr, &format!("{ARTICLE}:7"));
    if output.status.success() {
        let html = case.all_html();
        for handler in ["onclick", "onfocus", "autofocus", "onmouseover"] {
            assert!(!html.contains(handler), "`{handler}` reached a page");
        }
    } else {
        assert_eq!(output.status.code(), Some(1), "{stderr}");
    }
}

#[test]
fn content_heading_onclick_attribute() {
    heading_attributes("## A heading {onclick=alert(1)}");
}

#[test]
fn content_heading_autofocus_onfocus() {
    heading_attributes("## A heading {#h .c autofocus onfocus=alert(1) tabindex=1}");
}

#[test]
fn content_raw_script_is_text() {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article(
            "",
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
        ),
    );
    case.accepted(&[]);
    let page = case.site.page("articles/case/");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
}

#[test]
fn content_markdown_javascript_link() {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article(
            "",
            "[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1)) ![c](data:text/html,x)",
        ),
    );
    case.accepted(&[]);
    let page = case.site.page("articles/case/").to_ascii_lowercase();
    assert!(!page.contains("javascript:"), "{page}");
    assert!(!page.contains("data:text"), "{page}");
}

fn long_token(length: usize) {
    let case = Case::new();
    let token = "x".repeat(length);
    case.write(ARTICLE, &article("", &format!("Before {token} after.")));
    let stderr = case.accepted(&[]);
    assert_names(&stderr, ARTICLE);
    assert!(case.site.page("articles/case/").contains("Before"));
}

#[test]
fn content_long_token() {
    long_token(12_000);
}

#[test]
fn content_very_long_token() {
    long_token(200_000);
}

#[test]
fn content_deeply_nested_quotes() {
    let case = Case::new();
    case.write(
        ARTICLE,
        &article("", &format!("{} deep", "> ".repeat(20_000))),
    );
    case.accepted(&[]);
}

#[test]
fn content_deeply_nested_brackets() {
    let case = Case::new();
    // Spaced, so that no word is long: this is about nesting.
    let body = format!("{}x{}", "[ ".repeat(20_000), " ](/y)".repeat(20_000));
    case.write(ARTICLE, &article("", &body));
    case.accepted(&[]);
}

#[test]
fn content_symlink_outside_the_root() {
    let case = Case::new();
    fs::write(
        case.outside.join("leak.md"),
        "+++\ntitle = \"Leaked\"\n+++\nLEAKED-TEXT\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        case.outside.join("leak.md"),
        case.site.root.join("content/articles/leak.md"),
    )
    .unwrap();
    let stderr = case.accepted(&[]);
    assert_names(&stderr, "content/articles/leak.md");
    assert!(!case.all_html().contains("LEAKED-TEXT"), "published");
}

#[test]
fn content_symlink_to_a_non_markdown_file() {
    let case = Case::new();
    std::os::unix::fs::symlink(
        case.outside.join("secret.txt"),
        case.site.root.join("content/articles/secret.md"),
    )
    .unwrap();
    let (_, stderr) = case.run(&["build"]);
    assert_names(&stderr, "content/articles/secret.md");
    assert!(!stderr.contains("TOP-SECRET"), "{stderr}");
    assert!(!case.all_html().contains("TOP-SECRET"));
}

#[test]
fn content_empty_alias() {
    let case = Case::new();
    let theme = "content/themes/science-technology.md";
    let text = fs::read_to_string(case.site.root.join(theme)).unwrap();
    case.write(theme, &text.replacen("+++\n", "+++\naliases = [\"\"]\n", 1));
    let stderr = case.accepted(&[]);
    assert_names(&stderr, &format!("{theme}:2"));
}

#[test]
fn content_alias_ending_in_punctuation() {
    let case = Case::new();
    let theme = "content/themes/science-technology.md";
    let text = fs::read_to_string(case.site.root.join(theme)).unwrap();
    case.write(
        theme,
        &text.replacen("+++\n", "+++\naliases = [\"Science!\"]\n", 1),
    );
    let stderr = case.accepted(&[]);
    assert_names(&stderr, &format!("{theme}:2"));
}

// -------------------------------------------------------------- book.toml

const BOOK: &str = "book.toml";

fn book(extra: &str) -> String {
    format!("[book]\ntitle = \"Fixture Site\"\n{extra}")
}

#[test]
fn book_toml_missing() {
    let case = Case::new();
    fs::remove_file(case.site.root.join(BOOK)).unwrap();
    case.refused(&[], &[BOOK]);
}

#[test]
fn book_toml_syntax_error() {
    let case = Case::new();
    case.write(BOOK, &book("description = \"open\n"));
    case.refused(&[], &[&format!("{BOOK}:3")]);
}

#[test]
fn book_toml_unknown_key() {
    let case = Case::new();
    case.write(BOOK, &book("titel = \"x\"\n"));
    case.refused(&[], &[&format!("{BOOK}:3")]);
}

#[test]
fn book_toml_binary() {
    let case = Case::new();
    case.write_bytes(BOOK, b"[book]\0\x01\x02");
    case.refused(&[], &[BOOK]);
}

#[test]
fn book_toml_bad_number_pattern() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[[kinds]]\nname = \"resolution\"\nnumber-pattern = \"(unclosed\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:6")]);
}

#[test]
fn book_toml_kind_folder_leaves_content() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[[kinds]]\nname = \"resolution\"\nfolder = \"../../outside\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:6")]);
}

#[test]
fn book_toml_kind_url_with_a_slash() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[[kinds]]\nname = \"resolution\"\nurl = \"../outside\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:6")]);
}

#[test]
fn book_toml_two_kinds_one_folder() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[[kinds]]\nname = \"a\"\nfolder = \"same\"\n\n[[kinds]]\nname = \"b\"\nfolder = \"same\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:10")]);
}

#[test]
fn book_toml_two_byline_kinds() {
    let case = Case::new();
    case.write(
        BOOK,
        &book(
            "\n[[kinds]]\nname = \"a\"\nbyline = true\n\n[[kinds]]\nname = \"b\"\nbyline = true\n",
        ),
    );
    case.refused(&[], &[BOOK]);
}

#[test]
fn book_toml_keyword_threshold_out_of_range() {
    let case = Case::new();
    case.write(BOOK, &book("\n[links]\nkeyword-threshold = 7.5\n"));
    case.refused(&[], &[&format!("{BOOK}:5")]);
}

#[test]
fn book_toml_site_url_javascript() {
    let case = Case::new();
    case.write(BOOK, &book("\n[site]\nurl = \"javascript:alert(1)//\"\n"));
    case.refused(&[], &[&format!("{BOOK}:5")]);
}

#[test]
fn book_toml_site_url_with_a_newline() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[site]\nurl = \"https://example.org/\\nDisallow: /\\n\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:5")]);
}

#[test]
fn book_toml_build_dir_is_the_root() {
    let case = Case::new();
    case.write(BOOK, &book("\n[build]\nbuild-dir = \".\"\n"));
    case.refused(&[], &[BOOK]);
}

#[test]
fn book_toml_build_dir_is_content() {
    let case = Case::new();
    case.write(BOOK, &book("\n[build]\nbuild-dir = \"content\"\n"));
    case.refused(&[], &["content"]);
}

#[test]
fn book_toml_build_dir_is_a_users_folder() {
    let case = Case::new();
    case.write(BOOK, &book("\n[build]\nbuild-dir = \"../outside\"\n"));
    case.refused(&[], &["outside"]);
}

#[test]
fn book_toml_several_bad_links_values() {
    let case = Case::new();
    case.write(
        BOOK,
        &book("\n[links]\nauto-link = \"sometimes\"\nkeyword-threshold = \"high\"\n"),
    );
    case.refused(&[], &[&format!("{BOOK}:5"), &format!("{BOOK}:6")]);
}

// -------------------------------------------------------------- templates

#[test]
fn template_syntax_error() {
    let case = Case::new();
    let template = "templates/article.html";
    case.write(template, "<p>\n{{ article.title | }}\n</p>\n");
    case.refused(&[], &[&format!("{template}:2")]);
}

#[test]
fn template_unclosed_if() {
    let case = Case::new();
    let template = "templates/article.html";
    case.write(
        template,
        "<main>\n{% if article %}\n<p>x</p>\n{% block extra %}{% endblock %}\n</main>\n",
    );
    case.refused(&[], &[&format!("{template}:2")]);
}

#[test]
fn template_include_outside() {
    let case = Case::new();
    let template = "templates/article.html";
    case.write(template, "{% include \"../../outside/secret.txt\" %}\n");
    let stderr = case.refused(&[], &[template]);
    assert!(!stderr.contains("TOP-SECRET"), "{stderr}");
}

#[test]
fn template_unknown_filter() {
    let case = Case::new();
    let template = "templates/article.html";
    case.write(
        template,
        "<p>\n{{ article.title | no_such_filter }}\n</p>\n",
    );
    case.refused(&[], &[&format!("{template}:2")]);
}

#[test]
fn template_recursive_include() {
    let case = Case::new();
    let template = "templates/partials/loop.html";
    case.write(template, "{% include \"partials/loop.html\" %}\n");
    case.write(
        "templates/article.html",
        "{% include \"partials/loop.html\" %}\n",
    );
    // Tera names templates by their path under templates/.
    case.refused(&[], &["partials/loop.html"]);
}

#[test]
fn template_not_utf8() {
    let case = Case::new();
    let template = "templates/article.html";
    case.write_bytes(template, b"<p>caf\xe9</p>\n");
    case.refused(&[], &[template]);
}

#[test]
fn template_symlink_outside_the_root() {
    let case = Case::new();
    fs::write(case.outside.join("article.html"), "LEAKED-TEMPLATE\n").unwrap();
    fs::create_dir_all(case.site.root.join("templates")).unwrap();
    std::os::unix::fs::symlink(
        case.outside.join("article.html"),
        case.site.root.join("templates/article.html"),
    )
    .unwrap();
    let stderr = case.accepted(&[]);
    assert_names(&stderr, "templates/article.html");
    assert!(!case.all_html().contains("LEAKED-TEMPLATE"));
}

// ----------------------------------------------------------------- static

#[test]
fn static_file_collides_with_a_page() {
    let case = Case::new();
    case.write("static/index.html", "<p>a user's home page</p>\n");
    case.refused(&[], &["static/index.html"]);
}

#[test]
fn static_file_collides_with_the_search_index() {
    let case = Case::new();
    case.write("static/searchindex/t/_a.json", "{}\n");
    case.refused(&[], &["static/searchindex/t/_a.json"]);
}

#[test]
fn static_symlink_outside_the_root() {
    let case = Case::new();
    fs::create_dir_all(case.site.root.join("static")).unwrap();
    std::os::unix::fs::symlink(
        case.outside.join("secret.txt"),
        case.site.root.join("static/secret.txt"),
    )
    .unwrap();
    let stderr = case.accepted(&[]);
    assert_names(&stderr, "static/secret.txt");
    assert!(!case.out().join("secret.txt").exists(), "copied");
}

// ----------------------------------------------------------------- import

#[test]
fn import_missing_file() {
    let case = Case::new();
    case.refused(&["import", "no-such-file.txt"], &["no-such-file.txt"]);
}

#[test]
fn import_binary_file() {
    let case = Case::new();
    case.write_bytes("raw.bin", b"\0\x01\x02\x03PNG");
    case.refused(&["import", "raw.bin"], &["raw.bin"]);
}

#[test]
fn import_empty_file() {
    let case = Case::new();
    case.write("empty.txt", "");
    case.refused(&["import", "empty.txt"], &["empty.txt"]);
}

#[test]
fn import_not_utf8() {
    let case = Case::new();
    case.write_bytes("latin1.txt", b"Caf\xe9 news\n\nSome text.\n");
    case.refused(&["import", "latin1.txt"], &["latin1.txt"]);
}

#[test]
fn import_over_an_existing_article() {
    let case = Case::new();
    case.write(
        "raw.txt",
        "A first report on Resolution 59\n\nResolution 59 sets a vision for integration, the report says.\n",
    );
    let (output, stderr) = case.run(&["import", "--dry-run", "raw.txt"]);
    assert!(output.status.success(), "{stderr}");
    let listed = String::from_utf8_lossy(&output.stdout).into_owned() + &stderr;
    let target = listed
        .split_whitespace()
        .find(|w| w.contains("content/articles/") && w.ends_with(".md"))
        .unwrap_or_else(|| panic!("where the article goes:\n{listed}"))
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '.' && c != '-')
        .to_string();
    case.write(&target, "+++\ntitle = \"Mine\"\n+++\nA user's article.\n");
    case.refused(&["import", "raw.txt"], &[&target]);
}

// ------------------------------------------------------------------ serve

/// Requests each of `paths` from `dossier serve` on the site; none may be
/// answered with a file from outside the site, and the server stays up.
fn serve_refuses(paths: &[&str]) {
    let case = Case::new();
    let before = case.inputs();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0"])
        .current_dir(&case.site.root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start dossier serve");
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let url = std::io::BufRead::lines(stdout)
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(str::to_string)
        })
        .expect("the server announces its address");
    let rest = url.trim_start_matches("http://");
    let port: u16 = rest[..rest.find('/').unwrap()]
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    for path in paths {
        let response = http_get(port, path);
        assert!(
            (400..500).contains(&response.status) || response.status == 302,
            "{path}: status {}",
            response.status
        );
        assert!(
            !response.body.contains("TOP-SECRET"),
            "{path} served a file outside"
        );
        assert!(
            !response.body.contains("root:x:0"),
            "{path} served /etc/passwd"
        );
    }
    assert_eq!(http_get(port, "/").status, 200, "the server is still up");
    assert!(child.try_wait().unwrap().is_none(), "the server exited");
    let _ = child.kill();
    let _ = child.wait();
    let after = case.inputs();
    assert_unchanged(&before.0, &after.0, "the site's inputs");
    assert_unchanged(&before.1, &after.1, "the folder beside the site");
}

#[test]
fn serve_dot_dot() {
    serve_refuses(&["/../outside/secret.txt", "/../../etc/passwd"]);
}

#[test]
fn serve_encoded_dot_dot() {
    serve_refuses(&[
        "/%2e%2e/outside/secret.txt",
        "/%2E%2E%2Foutside%2Fsecret.txt",
    ]);
}

#[test]
fn serve_double_encoded_dot_dot() {
    serve_refuses(&["/%252e%252e/outside/secret.txt"]);
}

#[test]
fn serve_absolute_path_after_the_root() {
    serve_refuses(&["//etc/passwd", "/%2fetc%2fpasswd"]);
}

#[test]
fn serve_backslash() {
    serve_refuses(&[
        "/..%5c..%5coutside%5csecret.txt",
        "/..\\outside\\secret.txt",
    ]);
}

#[test]
fn serve_nul() {
    serve_refuses(&["/index.html%00.txt", "/%00"]);
}

#[test]
fn serve_very_long_path() {
    let long = format!("/{}", "a/".repeat(20_000));
    serve_refuses(&[&long]);
}

#[test]
fn serve_invalid_utf8() {
    serve_refuses(&["/%ff%fe/", "/%c0%ae%c0%ae/outside/secret.txt"]);
}

// ----------------------------------------------------------------- output

#[test]
fn out_is_the_root() {
    Case::new().refused(&["build", "--out", "."], &[]);
}

#[test]
fn out_is_content() {
    Case::new().refused(&["build", "--out", "content"], &["content"]);
}

#[test]
fn out_inside_static() {
    let case = Case::new();
    case.write("static/style-extra.css", "p {}\n");
    case.refused(&["build", "--out", "static/out"], &["static"]);
}

#[test]
fn out_inside_content() {
    Case::new().refused(&["build", "--out", "content/articles/out"], &["content"]);
}

#[test]
fn out_inside_templates() {
    let case = Case::new();
    case.write("templates/partials/extra.html", "<p></p>\n");
    case.refused(&["build", "--out", "templates/out"], &["templates"]);
}

#[test]
fn out_is_a_users_folder() {
    Case::new().refused(&["build", "--out", "../outside"], &["outside"]);
}

#[test]
fn out_is_a_file() {
    Case::new().refused(&["build", "--out", "../outside/notes.txt"], &["notes.txt"]);
}

#[test]
fn out_is_the_roots_parent() {
    Case::new().refused(&["build", "--out", ".."], &[]);
}
