//! Each kind of bad input gets a clear error (file, line, what to do), a
//! non-zero exit code and no panic; nothing is written.

use crate::harness::Site;

/// Runs `dossier build` and returns its stderr, asserting it failed cleanly.
fn failing_build(site: &Site) -> String {
    let output = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!site.out().exists(), "nothing is written on failure");
    stderr
}

#[test]
fn malformed_front_matter_names_file_line_and_column() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2025-05-29\noutlet = \"unclosed\n+++\nBody\n",
    );
    let stderr = failing_build(&site);
    assert!(stderr.contains("content/articles/bad.md:4:"), "{stderr}");
    assert!(
        stderr.contains("outlet = \"unclosed"),
        "shows the line: {stderr}"
    );
}

#[test]
fn missing_front_matter_says_how_to_write_it() {
    let site = Site::fixture("basic");
    site.write("content/articles/plain.md", "Just text\n");
    let stderr = failing_build(&site);
    assert!(stderr.contains("content/articles/plain.md:1:1"), "{stderr}");
    assert!(
        stderr.contains("begin the file with a line `+++`"),
        "{stderr}"
    );
}

#[test]
fn unknown_reference_names_file_field_and_closest_matches() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/typo.md",
        "+++\ntitle = \"Typo\"\nthemes = [\n  \"economic-integraton\",\n]\n+++\n",
    );
    let stderr = failing_build(&site);
    assert!(
        stderr.contains("`themes` names `economic-integraton`, which is no theme"),
        "{stderr}"
    );
    assert!(stderr.contains("content/articles/typo.md:4"), "{stderr}");
    assert!(
        stderr.contains("did you mean `economic-integration`"),
        "{stderr}"
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/key.md",
        "+++\ntitle = \"Key\"\nsumary = \"x\"\n+++\n",
    );
    let stderr = failing_build(&site);
    assert!(stderr.contains("unknown key `sumary`"), "{stderr}");
    assert!(stderr.contains("content/articles/key.md:3:1"), "{stderr}");
    assert!(stderr.contains("did you mean `summary`?"), "{stderr}");
}

#[test]
fn two_files_with_the_same_slug_are_both_named() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/2025/first-report.md",
        "+++\ntitle = \"Copy\"\n+++\n",
    );
    let stderr = failing_build(&site);
    assert!(
        stderr.contains("two articles have the slug `first-report`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/2025/first-report.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/first-report.md"),
        "{stderr}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/one.md",
        "+++\ntitle = \"One\"\nspeakers = [\"nobody\"]\n+++\n",
    )
    .write(
        "content/articles/two.md",
        "+++\ntitle = \"Two\"\nthemes = [\"nothing\"]\n+++\n",
    );
    let stderr = failing_build(&site);
    assert!(
        stderr.contains("one.md") && stderr.contains("two.md"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[test]
fn a_missing_template_is_named() {
    let site = Site::fixture("basic");
    site.write(
        "templates/article.html",
        "{% extends \"layout.html\" %}{% block main %}x{% endblock main %}",
    );
    let stderr = failing_build(&site);
    assert!(
        stderr.contains("`layout.html`, which does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/article.html"), "{stderr}");
}

#[test]
fn a_template_syntax_error_names_template_and_line() {
    let site = Site::fixture("basic");
    site.write(
        "templates/kind.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ kind.plural \n{% endblock main %}\n",
    );
    let stderr = failing_build(&site);
    assert!(stderr.contains("templates/kind.html:"), "{stderr}");
}

#[test]
fn a_template_rendering_error_names_template_line_and_page() {
    let site = Site::fixture("basic");
    site.write("templates/entity.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ entity.title | nosuchfilter }}\n{% endblock main %}\n");
    let stderr = failing_build(&site);
    assert!(stderr.contains("templates/entity.html:3:"), "{stderr}");
}

#[test]
fn a_non_utf8_file_is_named() {
    let site = Site::fixture("basic");
    site.write_bytes(
        "content/articles/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\n",
    );
    let stderr = failing_build(&site);
    assert!(stderr.contains("content/articles/latin1.md"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8 (line 2"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::fixture("basic");
    site.write("content/articles/secret.md", "+++\ntitle = \"S\"\n+++\n");
    let path = site.root.join("content/articles/secret.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Permissions do not stop root: a link to nowhere is skipped, named.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/nonexistent/target.md", &path).unwrap();
        let output = site.run(&["build"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains("a symbolic link to nothing is skipped")
                && stderr.contains("content/articles/secret.md"),
            "{stderr}"
        );
        return;
    }
    let stderr = failing_build(&site);
    assert!(stderr.contains("content/articles/secret.md"), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn an_unknown_book_toml_key_names_key_file_and_line() {
    let site = Site::fixture("basic");
    site.write(
        "book.toml",
        "[book]\ntitle = \"x\"\n\n[build]\nbuild_dir = \"out\"\n",
    );
    let stderr = failing_build(&site);
    assert!(stderr.contains("unknown field `build_dir`"), "{stderr}");
    assert!(stderr.contains("book.toml:5:1"), "{stderr}");
    assert!(stderr.contains("did you mean `build-dir`?"), "{stderr}");
}

#[test]
fn a_wrong_type_in_book_toml_names_the_key() {
    let site = Site::fixture("basic");
    site.write("book.toml", "[book]\ntitle = [\"x\"]\n");
    let stderr = failing_build(&site);
    assert!(stderr.contains("book.title"), "{stderr}");
    assert!(stderr.contains("book.toml:2:"), "{stderr}");
}

#[test]
fn a_missing_book_toml_says_where_to_run() {
    let site = Site::fixture("basic");
    site.remove("book.toml");
    let stderr = failing_build(&site);
    assert!(stderr.contains("no book.toml"), "{stderr}");
    assert!(stderr.contains("--root"), "{stderr}");
}

#[test]
fn refuses_to_write_into_a_directory_it_did_not_make() {
    let site = Site::fixture("basic");
    site.write("book/notes.txt", "precious");
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not made by dossier"));
    assert_eq!(
        std::fs::read_to_string(site.out().join("notes.txt")).unwrap(),
        "precious"
    );
    let into_root = site.run(&["build", "--out", "."]);
    assert_eq!(into_root.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&into_root.stderr).contains("refusing"));
}

#[test]
fn help_describes_every_option_and_bad_usage_exits_2() {
    let site = Site::fixture("basic");
    let help = site.run(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--root <DIR>") && text.contains("--out <DIR>"),
        "{text}"
    );
    assert_eq!(site.run(&["build", "--nope"]).status.code(), Some(2));
    let ok = site.run(&["build"]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("Built "));
}

#[test]
fn check_names_the_markdown_line_that_wrote_a_broken_link() {
    let site = Site::fixture("basic");
    site.write(
        "content/articles/linking.md",
        "+++\ntitle = \"Linking\"\n+++\nFirst paragraph.\n\nSee [nothing](/themes/no-such-theme/) here.\n",
    );
    let output = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/articles/linking.md:6:1"),
        "{stderr}"
    );
    assert!(stderr.contains("articles/linking/index.html"), "{stderr}");
}

#[test]
fn every_bad_book_toml_value_is_reported_at_once() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[links]\nauto-link = \"bogus\"\nrelated = \"many\"\nmax-related = 3\n"),
    );
    let stderr = failing_build(&site);
    for key in ["auto-link", "related", "max-related"] {
        assert!(stderr.contains(key), "{key}: {stderr}");
    }
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn aliases_that_can_never_match_are_warned_of_at_their_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/themes/odd.md",
        "+++\ntitle = \"Odd theme\"\naliases = [\n  \"\",\n  \"Odd.\",\n  \"Fine alias\",\n]\n+++\n",
    );
    let report = site.built();
    let shown: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("no text can match it"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown[0].contains("odd.md:4"), "{}", shown[0]);
    assert!(shown[1].contains("odd.md:5"), "{}", shown[1]);
}
