//! Gives an article's lines their Markdown structure: the headline, section
//! headings (short title-like lines, numbered points), interview questions
//! (bold, so the build finds the answers after them) and paragraphs.

/// The article's text as Markdown, with what its shape told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The headline, when the first line is one.
    pub title: Option<String>,
    pub markdown: String,
    /// Whether the text is questions and answers.
    pub interview: bool,
}

/// Structures `lines`, the article's own lines in order.
pub fn structure(lines: &[String]) -> Body {
    let mut body = Body::default();
    let mut rest = lines;
    if let [first, second, ..] = lines
        && is_headline(first, second)
    {
        body.title = Some(without_final_period(first).to_string());
        rest = &lines[1..];
    }
    body.interview = rest.iter().filter(|line| is_question(line)).count() >= 2;
    let mut blocks: Vec<String> = Vec::with_capacity(rest.len());
    for (index, line) in rest.iter().enumerate() {
        let next = rest.get(index + 1);
        let block = if body.interview && is_question(line) {
            format!("**{}**", strip_marker(line))
        } else if next.is_some_and(|n| n.len() > line.len()) && is_heading(line) {
            format!("## {}", without_final_period(line))
        } else {
            escape_block_start(line)
        };
        blocks.push(block);
    }
    body.markdown = blocks.join("\n\n");
    body.markdown.push('\n');
    body
}

/// A first line that reads as a headline: short, one sentence, not a
/// question, followed by the text.
fn is_headline(line: &str, next: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=24).contains(&words)
        && line.chars().count() <= 180
        && one_sentence(line)
        && !line.ends_with(['?', ':', ',', ';'])
        && next.len() > 20
}

/// A section heading: a short line of one sentence that does not end
/// like a sentence inside a paragraph would (no question, no colon).
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let starts_well = line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // A numbered point may run longer than a plain heading.
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let (most_words, most_chars) = if numbered { (20, 160) } else { (13, 110) };
    // A sentence with commas that ends with a period is a paragraph.
    let listing = !numbered && line.ends_with('.') && line.contains(',');
    (1..=most_words).contains(&words)
        && !listing
        && line.chars().count() <= most_chars
        && starts_well
        && one_sentence(line)
        && !line.ends_with(['?', '!', ':', ';', ',', '"', '”'])
}

/// An interview question: marked ("Q:", "- ...?") or a paragraph that ends
/// with a question mark.
fn is_question(line: &str) -> bool {
    let marked = ["Q:", "Q.", "Question:", "QUESTION:", "Hỏi:"]
        .iter()
        .any(|m| line.starts_with(m));
    marked || line.trim_end_matches(['"', '”', ')']).ends_with('?')
}

/// Drops a leading dash, as outlets mark questions with one.
fn strip_marker(line: &str) -> &str {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("– "))
        .or_else(|| line.strip_prefix("— "))
        .unwrap_or(line)
        .trim()
}

fn one_sentence(line: &str) -> bool {
    // A numbered point ("1. From receiving...") is still one sentence.
    let unnumbered = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let unnumbered = if unnumbered.len() < line.len() {
        unnumbered.strip_prefix(". ").unwrap_or(line)
    } else {
        line
    };
    let inner = unnumbered.trim_end_matches(['.', '!', '?']);
    sentence_end(inner).is_none()
}

/// Abbreviations whose period ends no sentence ("Resolution No. 22",
/// "Mr. Lam", "Boeing Co."), compared without the period.
const ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Lt", "Col", "Capt", "Maj", "Sgt",
    "Co", "Corp", "Inc", "Ltd", "Jr", "Sr", "Sen", "Rep", "Gov", "Dept", "Assoc", "Vol", "Art",
    "Fig", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "TS", "ThS", "PGS", "GS", "TP", "vs", "etc", "e.g", "i.e", "approx",
];

/// The byte offset of the first sentence end in `text` (the position of
/// its `.`, `?` or `!` followed by a space), abbreviations and initials
/// ("J. Smith") not counted.
pub fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1)).find(|&i| {
        matches!(bytes[i], b'.' | b'?' | b'!')
            && bytes[i + 1] == b' '
            && (bytes[i] != b'.' || !is_abbreviation(word_before(text, i)))
    })
}

fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .rfind(|c: char| c.is_whitespace() || c == '(')
        .map_or(0, |i| i + 1);
    &text[start..end]
}

fn is_abbreviation(word: &str) -> bool {
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&word)
}

/// A line without its final period, unless the period is an
/// abbreviation's ("... with Boeing Co.").
pub fn without_final_period(line: &str) -> &str {
    match line.strip_suffix('.') {
        Some(rest) if !is_abbreviation(word_before(rest, rest.len())) => rest.trim_end_matches('.'),
        Some(_) => line,
        None => line,
    }
}

/// Keeps a paragraph a paragraph: a leading "#", ">" or "+" would make
/// Markdown read it as a heading, a quote or a list.
fn escape_block_start(line: &str) -> String {
    match line.chars().next() {
        Some('#' | '>' | '+') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn finds_the_headline_headings_and_paragraphs() {
        let body = structure(&lines(
            "Resolution 59 sets a vision.\nThe Politburo issued Resolution 59. It sets goals for the years ahead.\nHistoric decisions are needed.\nFacing a juncture, the nation needed historic decisions that would last.",
        ));
        assert_eq!(body.title.as_deref(), Some("Resolution 59 sets a vision"));
        assert_eq!(
            body.markdown,
            "The Politburo issued Resolution 59. It sets goals for the years ahead.\n\n## Historic decisions are needed\n\nFacing a juncture, the nation needed historic decisions that would last.\n"
        );
        assert!(!body.interview);
    }

    #[test]
    fn abbreviations_end_no_headline_or_sentence() {
        let body = structure(&lines(
            "Mr. Lam signs Resolution No. 22 on integration\nThe General Secretary signed the resolution on Friday, officials said.",
        ));
        assert_eq!(
            body.title.as_deref(),
            Some("Mr. Lam signs Resolution No. 22 on integration")
        );
        let body = structure(&lines(
            "Vietnam Airlines signs a deal with Boeing Co.\nThe airline will buy fifty aircraft over ten years, it said.",
        ));
        assert_eq!(
            body.title.as_deref(),
            Some("Vietnam Airlines signs a deal with Boeing Co.")
        );
        assert_eq!(sentence_end("Dr. J. Smith met Gen. Giap. Then"), Some(26));
        assert_eq!(sentence_end("It grew. Then"), Some(7));
    }

    #[test]
    fn numbered_points_are_headings() {
        let body = structure(&lines(
            "A long lead paragraph that opens the commentary on the article.\n1. From receiving to contributing: a new stance.\nThe body of the first point, which is longer than its heading.",
        ));
        assert!(
            body.markdown
                .contains("## 1. From receiving to contributing: a new stance\n"),
            "{}",
            body.markdown
        );
    }

    #[test]
    fn makes_questions_bold_in_an_interview() {
        let body = structure(&lines(
            "An introduction of the guest, who is an economist.\n- How do you see it?\nIt is a shift, and a large one.\nQ: And next?\nA: More reforms, first in the regions.",
        ));
        assert!(body.interview);
        assert!(
            body.markdown.contains("**How do you see it?**"),
            "{}",
            body.markdown
        );
        assert!(
            body.markdown.contains("**Q: And next?**"),
            "{}",
            body.markdown
        );
        assert!(
            body.markdown.contains("\n\nA: More reforms"),
            "{}",
            body.markdown
        );
    }

    #[test]
    fn keeps_paragraphs_from_turning_into_headings_or_quotes() {
        let body = structure(&lines(
            "First a long paragraph that opens the article and goes on.\n#1 priority is growth, the report says today.\n> is greater than",
        ));
        assert!(body.markdown.contains("\\#1 priority"), "{}", body.markdown);
        assert!(
            body.markdown.contains("\\> is greater"),
            "{}",
            body.markdown
        );
    }
}
