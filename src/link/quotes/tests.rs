use super::*;

const LAM: EntityId = EntityId(1);
const HO: EntityId = EntityId(2);
const CHINH: EntityId = EntityId(3);

/// The quotes of one paragraph, with `people` located by their first
/// occurrence, after paragraphs that left `carry`.
fn quoted_after(
    text: &str,
    people: &[(&str, EntityId)],
    carry: &mut Carry,
) -> Vec<(EntityId, String)> {
    let mut mentioned: Vec<(Range<usize>, EntityId)> = people
        .iter()
        .map(|(name, id)| {
            let at = text.find(name).unwrap();
            (at..at + name.len(), *id)
        })
        .collect();
    mentioned.sort_by_key(|(range, _)| range.start);
    attribute(text, &mentioned, carry)
        .into_iter()
        .map(|a| (a.speaker, text[a.range].to_string()))
        .collect()
}

fn quoted(text: &str, people: &[(&str, EntityId)]) -> Vec<(EntityId, String)> {
    quoted_after(text, people, &mut Carry::default())
}

fn speakers(found: &[(EntityId, String)]) -> Vec<EntityId> {
    found.iter().map(|(speaker, _)| *speaker).collect()
}

#[test]
fn attributes_quotes_introduced_by_the_speaker() {
    let text = "Party General Secretary To Lam said: “We must have a new mindset.”";
    assert_eq!(
        quoted(text, &[("To Lam", LAM)]),
        [(LAM, "We must have a new mindset.".to_string())]
    );
    let text = "As To Lam wrote in the article Rising: \"Facing this moment, the country needs decisions\".";
    assert_eq!(speakers(&quoted(text, &[("To Lam", LAM)])), [LAM]);
    let text = "To Lam emphasized that \"integration must serve the people first\".";
    assert_eq!(speakers(&quoted(text, &[("To Lam", LAM)])), [LAM]);
}

#[test]
fn attributes_quotes_followed_by_the_speaker() {
    let text = "“Say what you say and do it” as Uncle Ho wrote on the first page.";
    assert_eq!(
        quoted(text, &[("Uncle Ho", HO)]),
        [(HO, "Say what you say and do it".to_string())]
    );
    let text = "\"We will open up to all partners,\" said To Lam.";
    assert_eq!(speakers(&quoted(text, &[("To Lam", LAM)])), [LAM]);
}

#[test]
fn attributes_quotes_according_to_someone() {
    let text = "According to Lam, an official, the reforms are ‘the most far-reaching since 1986’.";
    assert_eq!(speakers(&quoted(text, &[("Lam", LAM)])), [LAM]);
    let text = "\"The plan is late by a year,\" according to Lam.";
    assert_eq!(speakers(&quoted(text, &[("Lam", LAM)])), [LAM]);
}

#[test]
fn a_pronoun_stands_for_the_person_named_last() {
    let mut carry = Carry::default();
    quoted_after(
        "Lam met Chinh on Monday.",
        &[("Lam", LAM), ("Chinh", CHINH)],
        &mut carry,
    );
    assert_eq!(carry.last_person, Some(CHINH));
    let found = quoted_after("\"This is a revolution,\" he said.", &[], &mut carry);
    assert_eq!(speakers(&found), [CHINH]);
    let found = quoted_after(
        "Lam left early. She wrote: “The city has all it needs to lead.”",
        &[("Lam", LAM)],
        &mut carry,
    );
    assert_eq!(speakers(&found), [LAM]);
}

#[test]
fn an_uncued_quote_continues_the_one_before() {
    let text = "\"This is a revolution,\" Lam said. \"Some people will lose their posts.\"";
    assert_eq!(speakers(&quoted(text, &[("Lam", LAM)])), [LAM, LAM]);
}

#[test]
fn a_quotation_left_open_goes_on_in_the_next_paragraph() {
    let mut carry = Carry::default();
    let first = quoted_after(
        "Lam said: ‘The apparatus must serve the people. We spent too long in meetings.",
        &[("Lam", LAM)],
        &mut carry,
    );
    assert_eq!(
        first,
        [(
            LAM,
            "The apparatus must serve the people. We spent too long in meetings.".to_string()
        )]
    );
    assert_eq!(carry.last_quote, Some((LAM, true)));
    let next = quoted_after("‘From now on, every ministry is judged.’", &[], &mut carry);
    assert_eq!(speakers(&next), [LAM]);
    let unrelated = quoted_after(
        "The report calls it \"a work in progress\" today.",
        &[],
        &mut carry,
    );
    assert!(unrelated.is_empty(), "{unrelated:?}");
}

#[test]
fn a_quote_in_someone_elses_sentence_does_not_continue() {
    let text = "\"Indonesia is a strategic partner,\" Lam said. Prabowo called the visit \"a new chapter in our relations\".";
    assert_eq!(speakers(&quoted(text, &[("Lam", LAM)])), [LAM]);
}

#[test]
fn someone_the_site_does_not_know_stops_the_continuation() {
    let text = "\"We will open up,\" Lam said. \"There will be some confusion at first,\" said an analyst in Singapore.";
    assert_eq!(speakers(&quoted(text, &[("Lam", LAM)])), [LAM]);
}

#[test]
fn ignores_terms_in_quotes_and_quotes_without_a_speaker_verb() {
    assert!(
        quoted(
            "To Lam spoke of a \"rising generation\" of citizens.",
            &[("To Lam", LAM)]
        )
        .is_empty()
    );
    assert!(
        quoted(
            "To Lam visited. \"The economy grows fast this year,\" a report found.",
            &[("To Lam", LAM)]
        )
        .is_empty()
    );
    assert!(
        quoted(
            "The article “Rising in international integration” by To Lam emphasized the shift.",
            &[("To Lam", LAM)]
        )
        .is_empty()
    );
}

#[test]
fn pairs_quotation_marks_of_every_kind() {
    let text = "a “one two” b \"three\" c ‘four’s five’ d «six» e ‘open";
    let found: Vec<&str> = quotations(text)
        .into_iter()
        .map(|q| &text[q.inner])
        .collect();
    assert_eq!(found, ["one two", "three", "four’s five", "six", "open"]);
    let nested = "He said: “They call it ‘the trio’ now.”";
    let found: Vec<&str> = quotations(nested)
        .into_iter()
        .map(|q| &nested[q.inner])
        .collect();
    assert_eq!(found, ["They call it ‘the trio’ now."]);
}
