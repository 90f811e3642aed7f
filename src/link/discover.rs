//! Discovery of people in text, whether or not the site has them: a name of
//! two to four capitalised words with something that says it is a person —
//! a title or honorific before it ("Deputy Minister", "Mr", "comrade",
//! "leader"), a role after it ("Nguyen Van A - Secretary of ...",
//! "X, Politburo member, Prime Minister"), a role before it set off by
//! commas ("The ambassador in Canberra, X, said"), or an office it is
//! elected or appointed to. Lists continue a plural title ("Deputy Prime
//! Ministers X and Y"). A run of capitalised words holding an institution
//! word ("Ho Chi Minh City", "Nelson Mandela Foundation") is not a person,
//! and no shorter name is cut out of it. The role found beside a name is
//! kept. Read across a whole article, a name at the start of a sentence
//! may be a common word and a shorter name ("Pivot Nhan Gia Bao"), and a
//! name the article uses for a team or a place elsewhere names no one.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet;

use super::people::TitleHit;

/// A person found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub name: Range<usize>,
    /// The name with what showed it is a person (title, role).
    pub seen: Range<usize>,
    pub role: Option<String>,
}

/// Honorifics: they say a person follows, but are no role. Academic ranks
/// are among them ("Prof.", "Assoc. Prof.").
const HONORIFICS: &[&str] = &[
    "mr", "ms", "mrs", "miss", "madam", "madame", "dr", "comrade", "sir", "dame", "prof", "assoc",
    // Malaysian and Bruneian honours, written before the name.
    "datuk", "datin", "dato", "seri",
];

/// Titles written short, with a full stop ("Col. Arief Nugroho"): only
/// with the stop, as some are also given names ("Sen").
const ABBREVIATED_TITLES: &[&str] = &[
    "col", "gen", "lt", "maj", "capt", "cpt", "sgt", "adm", "cdr", "sen", "rep", "gov", "amb",
    "rev", "fr", "hon", "insp", "supt",
];

/// Words of offices and occupations (lowercase; plurals are found too).
const ROLE_WORDS: &[&str] = &[
    "buyer",
    "supervisor",
    "agronomist",
    "clerk",
    "choreographer",
    "drummer",
    "soloist",
    "dancer",
    "commissioner",
    "businessman",
    "businesswoman",
    "diplomat",
    "historian",
    "author",
    "writer",
    "activist",
    "scientist",
    "banker",
    "owner",
    "councillor",
    "attorney",
    "secretary",
    "deputy",
    "vice",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "president",
    "premier",
    "minister",
    "director",
    "head",
    "member",
    "ambassador",
    "consul",
    "envoy",
    "governor",
    "mayor",
    "professor",
    "lecturer",
    "researcher",
    "fellow",
    "economist",
    "analyst",
    "expert",
    "editor",
    "reporter",
    "journalist",
    "correspondent",
    "chief",
    "ceo",
    "cfo",
    "founder",
    "co-founder",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "colonel",
    "lieutenant",
    "commander",
    "admiral",
    "captain",
    "delegate",
    "representative",
    "rector",
    "dean",
    "adviser",
    "advisor",
    "manager",
    "officer",
    "leader",
    "lawyer",
    "scholar",
    "official",
    "administrator",
    "coordinator",
    "inspector",
    "judge",
    "prosecutor",
    "chancellor",
    "senator",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "sultan",
    "sheikh",
    "emir",
    "pope",
    "bishop",
    "archbishop",
    "secretary-general",
    "director-general",
    "pm",
    "teacher",
    "physician",
    "engineer",
    "entrepreneur",
    "investor",
    "chairman-designate",
    "speaker",
    "partner",
    "coach",
    "player",
    "striker",
    "goalkeeper",
    "referee",
    "athlete",
    "singer",
    "artist",
    "actor",
    "actress",
    "poet",
    "composer",
    "musician",
    "painter",
    "architect",
    "doctor",
    "nurse",
    "farmer",
    "student",
    "pilot",
    "veteran",
    "monk",
    "priest",
    "abbot",
    "counterpart",
    "undersecretary",
    "columnist",
    "commentator",
    "photographer",
    "blogger",
    "contributor",
    "presenter",
    "wife",
    "husband",
    "widow",
    "widower",
    "grandmother",
    "grandfather",
    "executive",
    "principal",
    "daughter",
    "mother",
    "father",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "cousin",
    "translator",
    "interpreter",
    "chef",
    "sous-chef",
    "critic",
    "bookkeeper",
    "accountant",
    "auditor",
    "specialist",
    "surveyor",
    "counsellor",
    "counselor",
    "surgeon",
    "dentist",
    "pharmacist",
    "pupil",
    "technician",
    "mechanic",
    "electrician",
    "plumber",
    "carpenter",
    "welder",
    "fisherman",
    "sergeant",
    "soldier",
    "seaman",
    "sculptor",
    "filmmaker",
    "novelist",
    "announcer",
    "strategist",
    "cto",
    "coo",
    "attache",
    "investigator",
    "detective",
    "policeman",
    "policewoman",
    "firefighter",
    "ranger",
    "shopkeeper",
    "landlord",
    "villager",
    "worker",
    "labourer",
    "laborer",
    "employee",
    "staffer",
    "intern",
    "volunteer",
    "campaigner",
    "organiser",
    "organizer",
    "curator",
    "archivist",
    "librarian",
    "archaeologist",
    "anthropologist",
    "sociologist",
    "linguist",
    "philosopher",
    "theologian",
    "nun",
    "pastor",
    "imam",
    "trainer",
    "midfielder",
    "defender",
    "swimmer",
    "boxer",
    "cyclist",
    "comedian",
    "stylist",
    "hairdresser",
    "waiter",
    "waitress",
    "bartender",
    "barista",
    "cashier",
    "courier",
    "housekeeper",
    "nanny",
    "caregiver",
    "midwife",
    "paramedic",
    "therapist",
    "psychologist",
    "psychiatrist",
    "nutritionist",
    "veterinarian",
    "biologist",
    "chemist",
    "physicist",
    "geologist",
    "mathematician",
    "statistician",
    "programmer",
    "alumnus",
    "alumna",
    "nominee",
    "laureate",
    "defendant",
    "plaintiff",
    "inmate",
    "prisoner",
    "refugee",
    "migrant",
    "immigrant",
    "expatriate",
    "pilgrim",
    "passenger",
    "tourist",
    "runner",
    "master",
];

/// Words that describe a person when written after the name ("Ratna
/// Puspitasari, a designer from Yogyakarta") but a firm or a thing as often
/// before one ("the chip designer Silicon Lotus", "the largest tenant,
/// Straits Harbour Logistics,"): roles only after a name.
const DESCRIPTIONS: &[&str] = &[
    "designer",
    "producer",
    "retailer",
    "trader",
    "broker",
    "vendor",
    "merchant",
    "consultant",
    "planner",
    "tenant",
    "resident",
    "national",
    "graduate",
    "witness",
    "suspect",
    "survivor",
    "driver",
    "operator",
    "tailor",
    "cook",
    "host",
    "guard",
    "model",
    "sailor",
    "barber",
    "porter",
    "owner",
    "ringleader",
    "accomplice",
    "wholesaler",
];

/// Words that make a capitalised run a place, a body or a thing named
/// after someone rather than a person.
const INSTITUTION_WORDS: &[&str] = &[
    "city",
    "province",
    "provincial",
    "academy",
    "foundation",
    "university",
    "institute",
    "party",
    "committee",
    "ministry",
    "department",
    "bank",
    "group",
    "corporation",
    "company",
    "association",
    "union",
    "council",
    "assembly",
    "government",
    "national",
    "street",
    "road",
    "boulevard",
    "avenue",
    "district",
    "fund",
    "centre",
    "center",
    "school",
    "college",
    "hospital",
    "museum",
    "house",
    "memorial",
    "mausoleum",
    "airport",
    "port",
    "forum",
    "commission",
    "office",
    "agency",
    "board",
    "federation",
    "chamber",
    "embassy",
    "alliance",
    "programme",
    "program",
    "army",
    "court",
    "club",
    "television",
    "radio",
    "news",
    "daily",
    "times",
    "post",
    "online",
    "magazine",
    "review",
    "herald",
    "bridge",
    "square",
    "hall",
    "palace",
    "temple",
    "pagoda",
    "church",
    "stadium",
    "library",
    "society",
    "organisation",
    "organization",
    "secretariat",
    "politburo",
    "cabinet",
    "area",
    "zone",
    "region",
    "island",
    "islands",
    "river",
    "lake",
    "mountain",
    "mountains",
    "mount",
    "pass",
    "peak",
    "cape",
    "gulf",
    "strait",
    "lagoon",
    "delta",
    "plateau",
    "peninsula",
    "highlands",
    "coast",
    "reef",
    "waterfall",
    "reservoir",
    "sea",
    "ocean",
    "bay",
    "state",
    "states",
    "republic",
    "kingdom",
    "nations",
    "market",
    "exchange",
    "index",
    "law",
    "resolution",
    "decree",
    "decision",
    "conclusion",
    "strategy",
    "plan",
    "project",
    "award",
    "prize",
    "order",
    "medal",
    "cup",
    "week",
    "day",
    "festival",
    "summit",
    "conference",
    "congress",
    "plenum",
    "session",
    "inc",
    "ltd",
    "corp",
    "jsc",
    "holdings",
    "ventures",
    "airlines",
    "technologies",
    "trade",
    "economy",
    "highway",
    "expressway",
    "station",
    "tower",
    "village",
    "commune",
    "ward",
    "town",
    "county",
    "capital",
    "police",
    "team",
    "network",
    "service",
    "services",
    "authority",
    "treaty",
    "agreement",
    "declaration",
    "initiative",
    "movement",
    "front",
    "hotel",
    "restaurant",
    "era",
    "theatre",
    "theater",
    "cinema",
    "gallery",
    "opera",
    "studio",
    "pavilion",
    "monument",
    "statue",
    "shrine",
    "cathedral",
    "garden",
    "gardens",
    "zoo",
    "beach",
    "valley",
    "cave",
    "canal",
    "dam",
    "plant",
    "factory",
    "arena",
    "mall",
    "plaza",
    "building",
    "complex",
    "prison",
    "base",
    "ship",
    "vessel",
    "scholarship",
    "exhibition",
    "expo",
    "fair",
    "contest",
    "competition",
    "championship",
    "tournament",
    "league",
    "games",
    "marathon",
    "trophy",
    "trawler",
    "frigate",
    "corvette",
    "cruiser",
    "submarine",
    "tanker",
    "freighter",
    "carrier",
    "gate",
    "site",
    "relic",
    "tomb",
    "citadel",
    "kindergarten",
    "liner",
    "tug",
    "barge",
    "dredger",
    "corner",
    "ferry",
    "boat",
    "dispatch",
    "securities",
    "circular",
    "directive",
    "regulation",
    "instruction",
    "notice",
    "document",
];

/// Fields an office is of: in "Minister of Technology and Communications
/// Khampheng Sayavong" the name starts after the last of them.
const OFFICE_FIELDS: &[&str] = &[
    "affairs",
    "cooperation",
    "relations",
    "technology",
    "communications",
    "telecommunications",
    "tourism",
    "sports",
    "culture",
    "trade",
    "industry",
    "finance",
    "defence",
    "defense",
    "security",
    "health",
    "education",
    "training",
    "justice",
    "planning",
    "investment",
    "agriculture",
    "development",
    "transport",
    "construction",
    "labour",
    "labor",
    "resources",
    "environment",
    "information",
    "science",
    "society",
    "energy",
    "commerce",
    "innovation",
    "transformation",
    "welfare",
    "interior",
];

/// Capitalised words that start sentences or clauses rather than names.
const LEADING_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "at",
    "in",
    "on",
    "also",
    "but",
    "and",
    "as",
    "for",
    "of",
    "by",
    "with",
    "from",
    "to",
    "after",
    "before",
    "during",
    "under",
    "when",
    "while",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "speaking",
    "reporting",
    "opening",
    "concluding",
    "addressing",
    "attending",
    "receiving",
    "chairing",
    "today",
    "yesterday",
    "this",
    "that",
    "these",
    "those",
    "according",
    "dear",
    "delegates",
    "participants",
    "attendees",
    "then",
    "both",
    "former",
    "acting",
    "new",
    "newly",
];

const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Vietnamese family names, folded: after "Minister of Home Affairs" the
/// name starts where one of them does.
const FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "luu", "dinh", "trinh", "lam", "ha", "ta", "truong", "cao", "mai",
    "lo", "sung", "giang", "quach", "doan", "luong", "trieu", "kieu", "chu", "tong", "thai", "lai",
    "khuat", "nong", "hua", "dao", "lu", "phung", "tang", "vuong", "la", "diep", "thach", "danh",
    "chau", "quan", "nghiem", "ton", "ong", "au", "khong", "mac", "dam", "tieu", "van", "vi",
    "hau", "bach", "lang", "lieu", "than", "uong", "yen", "ninh", "kim", "ma", "giap", "ung", "cu",
    "phi",
];

/// Verbs that give a person an office: "X elected Secretary of ...".
const OFFICE_VERBS: &[&str] = &[
    "elected",
    "re-elected",
    "appointed",
    "reappointed",
    "named",
    "nominated",
];

// The word lists as sets: every word of every paragraph is looked up in them.
static ROLE_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
static DESCRIPTION_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| DESCRIPTIONS.iter().copied().collect());
static INSTITUTION_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| INSTITUTION_WORDS.iter().copied().collect());
static LEADING_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| LEADING_WORDS.iter().copied().collect());
static FAMILY_NAME_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| FAMILY_NAMES.iter().copied().collect());
static CALENDAR_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| CALENDAR_WORDS.iter().copied().collect());
static HONORIFICS_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| HONORIFICS.iter().copied().collect());
static PARTICLES_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| PARTICLES.iter().copied().collect());
static MODIFIERS_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| MODIFIERS.iter().copied().collect());
static OFFICE_FIELDS_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| OFFICE_FIELDS.iter().copied().collect());

/// A word of a text, with where it is.
#[derive(Debug, Clone)]
struct Word<'a> {
    range: Range<usize>,
    /// Folded to lower case; borrowed when the text already is.
    lower: Cow<'a, str>,
}

/// Every person `text` shows to be one; `titles` are the titles found in it.
pub fn discover(text: &str, titles: &[TitleHit]) -> Vec<Discovered> {
    let words = words(text);
    let mut found: Vec<Discovered> = Vec::new();
    for run in capitalised_runs(text, &words) {
        let run_words = &words[run.clone()];
        if let Some(person) = person_in_run(text, run_words, titles) {
            found.push(person);
        }
    }
    found.extend(names_after_titles_with_an_office(text, titles));
    found.extend(attendee_lists(text));
    found.extend(credited_names(text));
    continue_plural_titles(text, &words, &mut found);
    // Of two findings of one name, the one with a role stays.
    found.sort_by_key(|d| (d.name.start, d.name.end, d.role.is_none()));
    found.dedup_by(|a, b| a.name == b.name);
    found
}

fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::with_capacity(text.len() / 6);
    let mut at = 0;
    while at < bytes.len() {
        // Between words: ASCII that is no letter, digit or hyphen.
        let b = bytes[at];
        if b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'-') {
            at += 1;
            continue;
        }
        let start = at;
        match word_char_at(text, start, start) {
            Some(width) => at += width,
            None => {
                // A character that is no letter starts no word.
                at += text[at..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
        }
        while let Some(width) = word_char_at(text, start, at) {
            at += width;
        }
        push_word(&mut found, text, start, at);
    }
    found
}

/// The width of the character at `at` if it belongs to the word that
/// started at `start`: a letter, a digit, a hyphen, or the apostrophe of
/// a name. ASCII, most of the text, is read without decoding.
fn word_char_at(text: &str, start: usize, at: usize) -> Option<usize> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        let inside = b.is_ascii_alphanumeric()
            || b == b'-'
            || (b == b'\'' && at > start && name_apostrophe(text, Some(start), at, '\''));
        return inside.then_some(1);
    }
    let c = text[at..].chars().next()?;
    let inside = c.is_alphanumeric() || (at > start && name_apostrophe(text, Some(start), at, c));
    inside.then_some(c.len_utf8())
}

/// Adds the word `text[start..end]`, less trailing hyphens, if any is left.
fn push_word<'a>(found: &mut Vec<Word<'a>>, text: &'a str, start: usize, end: usize) {
    let word = text[start..end].trim_end_matches('-');
    if word.is_empty() {
        return;
    }
    let lower = if !word.is_ascii() {
        Cow::Owned(crate::text::fold(word))
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    found.push(Word {
        range: start..start + word.len(),
        lower,
    });
}

/// The apostrophe of "O'Connell" or "D'Souza": after one capital letter,
/// before another (a possessive "'s" is not part of a word).
fn name_apostrophe(text: &str, start: Option<usize>, at: usize, c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
        && start.is_some_and(|s| {
            let before = &text[s..at];
            before.chars().count() == 1 && before.starts_with(char::is_uppercase)
        })
        && text[at + c.len_utf8()..].starts_with(char::is_uppercase)
}

fn capitalised(text: &str, word: &Word) -> bool {
    text[word.range.clone()].starts_with(char::is_uppercase)
}

/// Runs of capitalised words one space apart, as index ranges into `words`.
fn capitalised_runs(text: &str, words: &[Word]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !capitalised(text, &words[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while let Some(next) = words.get(index + 1) {
            if capitalised(text, next) && one_space(&text[words[index].range.end..next.range.start])
            {
                index += 1;
            } else if let Some(count) = particles_at(text, words, index + 1) {
                index += count + 1;
            } else {
                break;
            }
        }
        index += 1;
        runs.push(start..index);
    }
    runs
}

/// Lowercase words inside names: "Ursula von der Leyen".
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "le", "la", "bin",
    "binti", "al", "ter", "ten", "dela",
];

/// Whether the words from `index` on are name particles followed, one
/// space apart, by a capitalised word; the count of particles if so.
fn particles_at(text: &str, words: &[Word], index: usize) -> Option<usize> {
    let count = words[index..]
        .iter()
        .take_while(|w| PARTICLES_SET.contains(&text[w.range.clone()]))
        .count();
    let next = words.get(index + count)?;
    let spaced = (index..index + count)
        .all(|i| one_space(&text[words[i - 1].range.end..words[i].range.start]))
        && one_space(&text[words[index + count - 1].range.end..next.range.start]);
    (count > 0 && spaced && capitalised(text, next)).then_some(count)
}

fn one_space(between: &str) -> bool {
    between == " " || between == "\u{a0}"
}

fn is_role_word(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    lower
        .split('-')
        .chain(std::iter::once(lower))
        .chain(std::iter::once(singular))
        .any(|part| ROLE_SET.contains(part))
}

/// Whether a word, or its singular, is one of [`DESCRIPTIONS`].
fn is_description(lower: &str) -> bool {
    DESCRIPTION_SET.contains(lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|singular| DESCRIPTION_SET.contains(singular))
}

/// A lowercase word that names what someone does by its ending: "pianist",
/// "cellist", "hydrogeologist", "librarian". Only for words written in
/// lowercase, as names end so too ("Christian", "Sebastian").
fn is_agent_noun(word: &str) -> bool {
    let stem = word.trim_end_matches('s');
    // "shortlist" and "socialist" name no one; these do.
    let list_noun = stem.ends_with("list")
        && !matches!(
            stem,
            "journalist"
                | "specialist"
                | "novelist"
                | "cyclist"
                | "finalist"
                | "panelist"
                | "medalist"
                | "soloist"
                | "cellist"
                | "vocalist"
        );
    word.len() >= 6
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && (stem.ends_with("ist") || stem.ends_with("ian"))
        && !list_noun
        && !matches!(
            stem,
            "assist"
                | "insist"
                | "resist"
                | "persist"
                | "consist"
                | "enlist"
                | "median"
                | "meridian"
        )
}

fn is_honorific(lower: &str) -> bool {
    HONORIFICS_SET.contains(lower)
}

/// Whether a word in lowercase says what a name before or after it names
/// is a thing: "the training ship Le Quy Don", "the Ba Dinh market".
fn is_thing(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    word.starts_with(char::is_lowercase) && INSTITUTION_SET.contains(word)
}

/// Whether a thing follows a name: "Le Van Tam trawler", or a thing after
/// one lowercase word that is no verb ("Phan Chau Trinh innovation corner").
fn thing_after(rest: &str, is_thing: impl Fn(&str) -> bool) -> bool {
    let mut next = rest.split_whitespace();
    let Some(first) = next.next() else {
        return false;
    };
    let noun = |w: &str| {
        w.chars().all(|c| c.is_lowercase())
            && !w.ends_with("ed")
            && !w.ends_with('s')
            && !LEADING_SET.contains(w)
    };
    is_thing(first) || (noun(first) && next.next().is_some_and(is_thing))
}

/// Whether the words can be a person's name: two to four capitalised words,
/// none an acronym, a number, a date or an institution word.
fn is_name(text: &str, words: &[Word]) -> bool {
    let particle = |w: &Word| PARTICLES_SET.contains(&text[w.range.clone()]);
    let inner_particles = words.len() > 2
        && words[1..words.len() - 1]
            .iter()
            .filter(|w| particle(w))
            .count()
            > 0;
    let capitalised_words = words.iter().filter(|w| !particle(w)).count();
    (2..=4).contains(&capitalised_words)
        && words.len() <= 6
        && words.first().is_some_and(|w| !particle(w))
        && words.last().is_some_and(|w| !particle(w))
        && words.iter().all(|w| {
            let original = &text[w.range.clone()];
            if inner_particles && particle(w) {
                return true;
            }
            let acronym = original.chars().count() > 1
                && original
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic());
            original.starts_with(char::is_uppercase)
                && !acronym
                && !original.chars().any(|c| c.is_ascii_digit())
                && !english_institution_word(original, &w.lower)
                && !CALENDAR_SET.contains(&*w.lower)
                && !is_role_word(&w.lower)
                && !is_honorific(&w.lower)
        })
}

/// Whether a word is one of [`INSTITUTION_WORDS`]: these are English, so
/// "Đàm" is a family name, not a dam.
fn english_institution_word(original: &str, lower: &str) -> bool {
    original.is_ascii() && INSTITUTION_SET.contains(lower)
}

/// The person a run of capitalised words names, if what surrounds it says so.
fn person_in_run(text: &str, run: &[Word], titles: &[TitleHit]) -> Option<Discovered> {
    // A title found in the text that ends inside the run ("Minister of
    // Foreign Affairs Ngo Quoc Khanh"): the name follows it.
    let title_end = run[..run.len().saturating_sub(1)]
        .iter()
        .rposition(|w| titles.iter().any(|t| t.range.end == w.range.end));
    if let Some(k) = title_end
        && !run[k + 1..]
            .iter()
            .any(|w| is_role_word(&w.lower) || is_honorific(&w.lower))
    {
        return person_in_run(text, &run[k + 1..], titles);
    }
    // A title or honorific inside the run: the name follows the last one.
    let last_title = run
        .iter()
        .rposition(|w| is_role_word(&w.lower) || is_honorific(&w.lower));
    if let Some(person) = name_before_its_title(text, run) {
        return Some(person);
    }
    let (prefix, name_words) = match last_title {
        Some(k) => (&run[..=k], &run[k + 1..]),
        None => {
            let mut lead = run
                .iter()
                .take_while(|w| LEADING_SET.contains(&*w.lower))
                .count();
            // "Deputy Minister of Construction Cao Tien Luc": the office's
            // last words start the run after "of", "for" or "and".
            if lead == 0 && after_a_linking_word(text, run[0].range.start) {
                lead = run
                    .iter()
                    .take_while(|w| OFFICE_FIELDS_SET.contains(&*w.lower))
                    .count();
            }
            // "Driver Tran Van Sang, 46,": a description opening a
            // sentence is capitalised only for that.
            if lead == 0
                && run.len() >= 3
                && is_description(&run[0].lower)
                && opens_sentence(text, run[0].range.start)
            {
                lead = 1;
            }
            (&run[..0], &run[lead.min(run.len())..])
        }
    };
    if !is_name(text, name_words) {
        return None;
    }
    let name = name_words[0].range.start..name_words[name_words.len() - 1].range.end;
    let before = title_before(text, name.start, titles);
    let titled_in_run = prefix
        .iter()
        .skip_while(|w| LEADING_SET.contains(&*w.lower))
        .collect::<Vec<_>>();
    let title_role = if titled_in_run.is_empty() {
        before.as_ref().and_then(|(_, role)| role.clone())
    } else {
        let start = titled_in_run[0].range.start;
        role_of_title(&text[start..prefix[prefix.len() - 1].range.end])
    };
    let titled = !titled_in_run.is_empty() || before.is_some();
    let seen_start = titled_in_run
        .first()
        .map(|w| w.range.start)
        .or(before.as_ref().map(|(at, _)| *at))
        .unwrap_or(name.start);
    if let Some(role) = role_after(text, name.end) {
        return Some(Discovered {
            seen: seen_start..role.end,
            role: Some(role_text(&text[role])),
            name,
        });
    }
    if let Some(role) = role_in_apposition(text, seen_start, name.end) {
        return Some(Discovered {
            seen: role.start..name.end,
            role: Some(role_text(&text[role])),
            name,
        });
    }
    // A title before the name says more than a body after it, unless it is
    // a bare office: "Deputy X of the Son La delegation" is a deputy of it.
    let bare_title = title_role
        .as_deref()
        .filter(|t| !t.contains(' ') && ROLE_SET.contains(crate::text::fold(t).as_str()));
    let mut affiliation = None;
    if title_role.is_none() || bare_title.is_some() {
        affiliation = affiliation_after(text, name.end);
    }
    // "Prof. X, Hanoi University of Technology": a body after a comma, for
    // a name an honorific has shown to be a person's.
    if affiliation.is_none() && titled && title_role.is_none() {
        affiliation = body_after_comma(text, name.end);
    }
    if let Some(role) = affiliation {
        let affiliation = role_text(&text[role.clone()]);
        return Some(Discovered {
            seen: seen_start..role.end,
            role: Some(match bare_title {
                Some(title) => format!("{title} {affiliation}"),
                None => affiliation,
            }),
            name,
        });
    }
    // "the trawler Le Van Tam", "His trawler, the Le Van Tam,".
    let thing_before = text[..name.start]
        .split_whitespace()
        .rev()
        .find(|w| !w.eq_ignore_ascii_case("the"))
        .is_some_and(is_thing)
        || thing_after(&text[name.end..], is_thing);
    let shaped = titled
        || (!thing_before
            && !after_a_place_word(text, name.start)
            && (person_clause_after(&text[name.end..]) || vietnamese_shaped(name_words)));
    if !shaped {
        return None;
    }
    // "Deputy X (Bac Ninh delegation)": a role in brackets after the name.
    let bracketed = if title_role.is_none() || bare_title.is_some() {
        bracketed_role(text, name.end)
    } else {
        None
    };
    if let Some(inner) = bracketed {
        let role = role_text(&text[inner.clone()]);
        return Some(Discovered {
            seen: seen_start..inner.end + 1,
            role: Some(match bare_title {
                Some(title) => format!("{title}, {role}"),
                None => role,
            }),
            name,
        });
    }
    // "by the Hanoi designer Thai Minh Nhat": a description before a name
    // that is a person's by its shape is the person's.
    if !titled && let Some(described) = description_before(text, name.start) {
        return Some(Discovered {
            seen: described.start..name.end,
            role: Some(text[described].to_string()),
            name,
        });
    }
    Some(Discovered {
        seen: seen_start..name.end,
        role: title_role,
        name,
    })
}

/// Whether `at` opens a sentence: nothing before it in the text, or the
/// end of a sentence, a colon or an opening quotation mark.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“'])
}

/// A word of [`DESCRIPTIONS`] right before `at`, one space apart.
fn description_before(text: &str, at: usize) -> Option<Range<usize>> {
    let word = word_before(text, at)?;
    let start = at - 1 - word.len();
    (!word.is_empty() && is_description(&crate::text::fold(word))).then_some(start..at - 1)
}

/// A role or a body in brackets right after a name: " (Dean of the Faculty
/// of Economics)", " (Bac Ninh delegation)".
fn bracketed_role(text: &str, end: usize) -> Option<Range<usize>> {
    let inner = text[end..].strip_prefix(" (")?;
    let close = inner.find(')')?;
    let role = &inner[..close];
    if role.is_empty() || role.len() > 120 || role.contains('(') {
        return None;
    }
    // A body: capitalised words and the words linking them, one of
    // [`AFFILIATIONS`], which may end it in lowercase ("delegation").
    let words: Vec<&str> = role.split_whitespace().collect();
    let (last, others) = words.split_last()?;
    let plain = |w: &&str| links_a_body(w) || w.starts_with(char::is_uppercase);
    let names_a_body = others.iter().all(plain)
        && (plain(last) || is_affiliation(last))
        && words.iter().any(|w| is_affiliation(w));
    (names_a_body || is_role_phrase(role, true)).then(|| end + 2..end + 2 + close)
}

/// A body's capitalised name after a comma, up to the next comma or the
/// end of the clause: ", Cheikh Anta Diop University, Dakar" gives
/// "Cheikh Anta Diop University". Every word is capitalised or links the
/// name's parts ("of", "and"), and one is of [`AFFILIATIONS`].
fn body_after_comma(text: &str, end: usize) -> Option<Range<usize>> {
    let body = text[end..].strip_prefix(", ")?;
    let limit = body.find(',').unwrap_or(body.len()).min(role_limit(body));
    let body = &body[..limit];
    let mut holds_a_body = false;
    for word in body.split(' ') {
        if links_a_body(word) {
            continue;
        }
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        holds_a_body |= is_affiliation(word);
    }
    holds_a_body.then(|| end + 2..end + 2 + limit)
}

/// A lowercase word that links the capitalised parts of a body's name
/// ("University of Ghana", "Ministry of Culture, Sports and Tourism").
fn links_a_body(word: &str) -> bool {
    matches!(word, "of" | "the" | "for" | "and" | "&" | "in" | "on")
}

/// A word of [`AFFILIATIONS`], as written in any case or with diacritics.
fn is_affiliation(word: &str) -> bool {
    AFFILIATIONS.contains(&crate::text::fold(word).as_str())
}

/// A name with its title after it in one run, as a signature or a contact
/// block reads once its lines are joined: "Do Thi Huong Giang Director,
/// Giang An Furniture Co.". Only names of three words or more, or of
/// Vietnamese shape, so that "Ha Noi Mayor" stays a place.
fn name_before_its_title(text: &str, run: &[Word]) -> Option<Discovered> {
    let title = run
        .iter()
        .position(|w| is_role_word(&w.lower) || is_honorific(&w.lower))?;
    let name_words = &run[..title];
    if name_words
        .first()
        .is_some_and(|w| LEADING_SET.contains(&*w.lower))
    {
        return None;
    }
    // A signature opens its paragraph, and its run ends with the title.
    let signature = text[..name_words.first()?.range.start].trim().is_empty()
        && run[title..]
            .iter()
            .all(|w| is_role_word(&w.lower) || is_honorific(&w.lower));
    let joined_lines = signature || name_words.len() >= 3 && vietnamese_shaped(name_words);
    if !(joined_lines && name_words.len() >= 2 && is_name(text, name_words)) {
        return None;
    }
    let name = name_words[0].range.start..name_words[name_words.len() - 1].range.end;
    let role = role_from(text, run[title].range.start)?;
    Some(Discovered {
        seen: name.start..role.end,
        role: Some(role_text(&text[role])),
        name,
    })
}

/// Whether what follows a name says it is a person's: ", who ...", or an
/// age in apposition (", 67,").
fn person_clause_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    rest.starts_with("who ")
        || ((1..=3).contains(&digits) && rest[digits..].starts_with([',', ';']))
}

/// The word (letters only) right before `at`, one space apart.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    Some(&before[start..])
}

fn after_a_linking_word(text: &str, at: usize) -> bool {
    matches!(word_before(text, at), Some("of" | "for" | "and"))
}

/// "acting WHO Representative in Viet Nam, who visited": a capitalised
/// run right after "in", "at" or "across" with no title is a place ("a question
/// from X" is a person: "from" is not among these words).
fn after_a_place_word(text: &str, at: usize) -> bool {
    match word_before(text, at) {
        Some("in" | "at" | "across" | "near" | "outside" | "throughout") => true,
        // "the Department of Culture of Bình Thuận": the end of a body's
        // name, where "the son of Nguyen Van A" is a person.
        Some("of") => {
            let before_of = text[..at].trim_end().strip_suffix("of").unwrap_or("");
            before_of
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        }
        _ => false,
    }
}

/// Whether the words have the shape of a Vietnamese personal name: three or
/// four one-syllable words, the first a family name ("Dao Minh Chau").
/// Place names of that length are rare and hold an institution word
/// ("Ho Chi Minh City"), which `is_name` has already refused.
fn vietnamese_shaped(words: &[Word]) -> bool {
    (3..=4).contains(&words.len())
        && FAMILY_NAME_SET.contains(&*words[0].lower)
        && words.iter().all(vietnamese_syllable)
}

/// Whether a folded word can be one Vietnamese syllable: short, no f, j,
/// w or z, and ending in a vowel or a final Vietnamese allows.
fn vietnamese_syllable(word: &Word) -> bool {
    let w = &*word.lower;
    w.len() <= 7
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !w.contains(['f', 'j', 'w', 'z'])
        && (w.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 'c', 'm', 'n', 'p', 't'])
            || w.ends_with("ch")
            || w.ends_with("nh")
            || w.ends_with("ng"))
}

/// A title or honorific right before `at` (one space apart): its start,
/// and the role it gives (none for an honorific).
fn title_before(text: &str, at: usize, titles: &[TitleHit]) -> Option<(usize, Option<String>)> {
    if let Some(title) = titles
        .iter()
        .find(|t| t.range.end < at && one_space(&text[t.range.end..at]))
    {
        // "Associate Professor X": the title's capitalised modifiers are
        // part of it.
        let mut start = title.range.start;
        while let Some(word) = word_before(text, start)
            && word.starts_with(char::is_uppercase)
            && MODIFIERS_SET.contains(crate::text::fold(word).as_str())
        {
            start -= word.len() + 1;
        }
        return Some((start, role_of_title(&text[start..title.range.end])));
    }
    let before = text[..at].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_end_matches('.');
    let lower = crate::text::fold(word);
    // After a full stop, only a title written short ("Dr.", "Col."): "was
    // voted its best player. Thai Son Nam" starts a sentence.
    let stopped = before.ends_with('.');
    let abbreviated = stopped && ABBREVIATED_TITLES.contains(&lower.as_str());
    let titles = is_honorific(&lower)
        || abbreviated
        || !stopped && (is_role_word(&lower) || is_agent_noun(word));
    titles.then(|| (word_start, role_of_title(&before[word_start..])))
}

/// A title as a role: without honorifics ("Mr", "Dr."), singular.
pub(super) fn role_of_title(title: &str) -> Option<String> {
    let kept: Vec<&str> = title
        .split_whitespace()
        .filter(|w| !is_honorific(&crate::text::fold(w.trim_end_matches('.'))))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let mut role = role_text(&kept.join(" "));
    if let Some(last) = kept.last()
        && last.ends_with('s')
        && ROLE_SET.contains(crate::text::fold(&last[..last.len() - 1]).as_str())
    {
        role.pop();
    }
    Some(role)
}

/// The role written right after a name: ", Deputy Minister of ...",
/// " - Secretary of ...", or " (was) elected Secretary of ...".
fn role_after(text: &str, end: usize) -> Option<Range<usize>> {
    // "Lục Thị Mai (born 1990), the ring's bookkeeper".
    let end = end + dated_aside_length(&text[end..]);
    let rest = &text[end..];
    let separator = [", ", " - ", " – ", " — ", " -- ", " as "]
        .iter()
        .find(|s| rest.starts_with(**s));
    let start = match separator {
        Some(separator) => end + separator.len(),
        None => return office_from(text, end + office_verb_length(rest)?),
    };
    // "Nguyen Thi Be Tu, 48, director of ...": the role follows the age.
    let digits = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    let aged = (1..=3).contains(&digits) && text[start + digits..].starts_with(", ");
    let start = if aged { start + digits + 2 } else { start };
    if let Some(role) = role_from(text, start) {
        return Some(role);
    }
    // The space before what follows the separator or the age.
    let space = start.checked_sub(1)?;
    // "Nguyen Thi Lan, 48, has been appointed ambassador to Chile".
    if aged
        && let Some(length) = office_verb_length(&text[space..])
        && let Some(role) = office_from(text, space + length)
    {
        return Some(role);
    }
    // "Lê Hoàng Bảo Ngọc, 18, of Lê Quý Đôn High School"; after an age,
    // where someone is from: "Tran Thi Mai, 71, of Vinh Long;".
    affiliation_after(text, space).or_else(|| aged.then(|| origin_after(text, space)).flatten())
}

/// The office someone is elected or appointed to, from `start`: the role
/// there, without the decision or the body that gave it ("ambassador to
/// Chile under Decision No. 12", "Secretary by the Politburo").
fn office_from(text: &str, start: usize) -> Option<Range<usize>> {
    let role = role_from(text, start)?;
    let end = [" under ", " by "]
        .iter()
        .filter_map(|stop| text[role.clone()].find(stop))
        .min()
        .map_or(role.end, |at| role.start + at);
    Some(role.start..end)
}

/// Where someone is from, after their age: " of " and a place's
/// capitalised name up to the end of the clause (" of Thu Duc;").
fn origin_after(text: &str, space: usize) -> Option<Range<usize>> {
    let rest = &text[space..];
    let place = rest.strip_prefix(" of ")?;
    let limit = [",", " and "]
        .iter()
        .filter_map(|stop| place.find(stop))
        .fold(role_limit(place), usize::min);
    let place = &place[..limit];
    let count = place.split(' ').count();
    let named = (1..=4).contains(&count)
        && place
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && !w.contains(['(', '"']));
    named.then(|| space + 1..space + 4 + limit)
}

/// The length of a short aside in brackets that holds a year or an age
/// (" (born 1990)", " (45)"), if `rest` starts with one.
fn dated_aside_length(rest: &str) -> usize {
    let Some(inner) = rest.strip_prefix(" (") else {
        return 0;
    };
    match inner.find(')') {
        Some(close)
            if (close <= 24 || inner.starts_with("born") && close <= 64)
                && inner[..close].bytes().any(|b| b.is_ascii_digit()) =>
        {
            close + 3
        }
        _ => 0,
    }
}

/// Bodies a person is "of": "Marieke Janssen of Utrecht University".
const AFFILIATIONS: &[&str] = &[
    "university",
    "institute",
    "academy",
    "school",
    "college",
    "hospital",
    "centre",
    "center",
    "company",
    "bank",
    "ministry",
    "agency",
    "organisation",
    "organization",
    "foundation",
    "association",
    "corporation",
    "group",
    "firm",
    "council",
    "laboratory",
    "observatory",
    "delegation",
];

/// An affiliation right after a name: " of " and a body's capitalised name
/// ("of the University of Ghana"), up to the end of the clause.
fn affiliation_after(text: &str, end: usize) -> Option<Range<usize>> {
    let rest = &text[end..];
    let body = rest.strip_prefix(" of ")?;
    let body = body.strip_prefix("the ").unwrap_or(body);
    if !body.starts_with(char::is_uppercase) {
        return None;
    }
    // The body's name ends the clause, a list going on ("of X University
    // and Y") or a lowercase word that is not part of it ("said").
    let limit = [",", " and "]
        .iter()
        .filter_map(|stop| rest[1..].find(stop).map(|at| at + 1))
        .fold(role_limit(rest), usize::min);
    let linking = ["of", "the", "for", "in", "on", "at", "de"];
    let clause = words(&rest[..limit]);
    let mut kept = clause
        .iter()
        .skip(1)
        .position(|w| {
            let original = &rest[w.range.clone()];
            original.starts_with(char::is_lowercase) && !linking.contains(&original)
        })
        .map_or(clause.len(), |at| at + 1);
    // "of the Son La delegation": the body's kind may end it in lowercase.
    let lowercase_kind = clause.get(kept).is_some_and(|w| {
        AFFILIATIONS.contains(&&*w.lower)
            && rest[clause[kept - 1].range.clone()].starts_with(char::is_uppercase)
    });
    if lowercase_kind {
        kept += 1;
    }
    let length = match clause.get(kept) {
        Some(stop) => rest[..stop.range.start].trim_end().len(),
        None => limit,
    };
    let names_a_body = lowercase_kind
        || clause[..kept].iter().any(|w| {
            rest[w.range.clone()].starts_with(char::is_uppercase)
                && AFFILIATIONS.contains(&&*w.lower)
        });
    names_a_body.then_some(end + 1..end + length)
}

/// The role that starts at `start`: its comma-separated parts, while each
/// reads as one.
fn role_from(text: &str, start: usize) -> Option<Range<usize>> {
    let limit = start + role_limit(&text[start..]);
    let mut role_end = None;
    let mut segment_start = start;
    for segment in text[start..limit].split(", ") {
        if !is_role_phrase(segment, true) {
            break;
        }
        role_end = Some(segment_start + segment.len());
        segment_start += segment.len() + 2;
    }
    let role_end = role_end?;
    if titled_name(&text[start..role_end]) || introduces_next_person(&text[role_end..]) {
        return None;
    }
    let role = start..role_end;
    (!text[role.clone()].trim().is_empty()).then_some(role)
}

/// Whether what follows a role (", Mr Lim Wee Kiat, said", ", General Kieu
/// Van Sang;") is the person it belongs to, so that the name before the
/// role is not the role's.
fn introduces_next_person(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    titled_name(&rest[..role_limit(rest).min(rest.find(',').unwrap_or(rest.len()))])
}

/// Whether `segment` is a title or honorific and a name ("General Kieu Van
/// Sang", "Mr Lim Wee Kiat").
fn titled_name(segment: &str) -> bool {
    let next = words(segment);
    let titled = next
        .iter()
        .take_while(|w| {
            is_honorific(&w.lower) || is_role_word(&w.lower) || is_description(&w.lower)
        })
        .count();
    let name_words = next[titled..]
        .iter()
        .take_while(|w| capitalised(segment, w) || PARTICLES_SET.contains(&*w.lower))
        .count();
    // "Minister Retno will pay a visit": a title, a one-word name and a
    // verb, where "Ambassador Extraordinary and Plenipotentiary" is a role.
    let one_name_and_a_verb = name_words == 1
        && next[..titled].iter().all(|w| capitalised(segment, w))
        && next.get(titled + 1).is_some_and(|w| {
            !capitalised(segment, w)
                && !matches!(
                    &*w.lower,
                    "of" | "for" | "and" | "in" | "at" | "to" | "on" | "the"
                )
        });
    titled > 0
        && name_words > 0
        && (one_name_and_a_verb || is_name(segment, &next[titled..titled + name_words]))
}

/// The length of " (was) elected (as) " at the start of `rest`, if there.
fn office_verb_length(rest: &str) -> Option<usize> {
    if !rest.starts_with(' ') {
        return None;
    }
    let mut length = 0;
    let mut words = rest.split(' ').skip(1);
    length += 1;
    let mut word = words.next()?;
    if matches!(word, "was" | "is" | "has" | "been" | "were") {
        length += word.len() + 1;
        word = words.next()?;
        if word == "been" {
            length += word.len() + 1;
            word = words.next()?;
        }
    }
    if !OFFICE_VERBS.contains(&word) {
        return None;
    }
    length += word.len() + 1;
    if words.next() == Some("as") {
        length += 3;
    }
    let after = rest.get(length..)?;
    after.starts_with(char::is_uppercase).then_some(length)
}

/// Where a role written after a name ends: at the end of the sentence or
/// clause, a bracket, a quotation mark or a closing dash.
fn role_limit(rest: &str) -> usize {
    let mut end = rest.len();
    for stop in [";", "(", ")", "\"", "“", "”", ": ", " - ", " – ", " — "] {
        if let Some(at) = rest.find(stop) {
            end = end.min(at);
        }
    }
    for (at, _) in rest.match_indices(['.', '!', '?']) {
        let after = &rest[at + 1..];
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            end = end.min(at);
            break;
        }
    }
    end
}

/// Words that may come before the word of an office ("a senior fellow",
/// "an emeritus professor", "programme director").
const MODIFIERS: &[&str] = &[
    "senior",
    "then",
    "former",
    "emeritus",
    "junior",
    "acting",
    "permanent",
    "standing",
    "executive",
    "managing",
    "principal",
    "lead",
    "assistant",
    "associate",
    "retired",
    "veteran",
    "independent",
    "leading",
    "political",
    "programme",
    "program",
    "country",
    "regional",
    "research",
    "resident",
    "visiting",
    "honorary",
    "founding",
    "co",
    "interim",
    "top",
    "first",
    "second",
    "third",
    "economic",
    "legal",
    "financial",
    "military",
    "technical",
];

/// Lowercase words that may open a clause after a name but never a role
/// with the word after them: verbs of what someone did ("told reporters"),
/// conjunctions, prepositions and relative pronouns ("who chairs it").
const NOT_ROLE_LEADS: &[&str] = &[
    "told", "said", "says", "tells", "met", "saw", "thanked", "urged", "asked", "led", "joined",
    "called", "invited", "welcomed", "received", "and", "or", "but", "as", "to", "with", "by",
    "for", "from", "in", "on", "at", "of", "who", "whom", "whose", "which", "that", "where",
    "when", "while",
];

/// Whether a piece of text describes an office or occupation: a role word
/// among its first four words (past possessives such as "India's"), with
/// only capitalised words or modifiers ("senior") before it, or any words
/// when an article opens the phrase ("a former police general"), which a
/// clause ("said wages for engineers rose") does not; "one of" may come
/// first ("one of the first students sent abroad"). [`DESCRIPTIONS`] count
/// when `descriptions` says the phrase is about a person (after a name).
fn is_role_phrase(segment: &str, descriptions: bool) -> bool {
    let is_role = |lower: &str| {
        is_role_word(lower) || is_agent_noun(lower) || (descriptions && is_description(lower))
    };
    let mut words = segment
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .peekable();
    // "John McCain, himself a former prisoner".
    if words
        .peek()
        .is_some_and(|w| matches!(*w, "himself" | "herself" | "themselves"))
    {
        words.next();
    }
    let mut ahead = words.clone();
    if ahead.next().is_some_and(|w| w.eq_ignore_ascii_case("one")) && ahead.next() == Some("of") {
        words = ahead;
    }
    let noun_phrase = words.peek().is_some_and(|w| {
        matches!(
            crate::text::fold(w).as_str(),
            "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "my" | "your"
        )
    });
    if noun_phrase {
        words.next();
    }
    let words: Vec<&str> = words
        .filter(|w| !(w.ends_with("'s") || w.ends_with("’s")))
        .collect();
    // A compound of two lowercase words: "press officer", "fitness coach",
    // "foreign minister from 1980"; not a verb and its object ("told
    // reporters").
    if let [first, second, ..] = words[..]
        && !noun_phrase
        && first.chars().all(char::is_lowercase)
        && !first.ends_with("ed")
        && !NOT_ROLE_LEADS.contains(&first)
        && is_role(&crate::text::fold(second))
    {
        return true;
    }
    for word in words.into_iter().take(4) {
        let lower = crate::text::fold(word);
        if is_role(&lower) {
            return true;
        }
        let modifier =
            word.starts_with(char::is_uppercase) || MODIFIERS_SET.contains(lower.as_str());
        if !(noun_phrase || modifier) {
            return false;
        }
    }
    false
}

/// A role before a name set off by commas: "The Vietnamese ambassador in
/// Canberra, Do Minh Khoa, said". The name must be followed by a comma or
/// the end of the sentence, not by "and" (a list of places); an age may
/// come first ("and a German tourist, Lukas Hoffmann, 27."), and then, as
/// the age says a person is meant, a description may be the role ("The
/// driver, Tran Van Sang, 46, was hurt", where "the largest tenant,
/// Straits Harbour Logistics," is a firm).
fn role_in_apposition(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let before = text[..start].strip_suffix(", ")?;
    let age = age_length(&text[end..]);
    let after = &text[end + age.unwrap_or(0)..];
    // ", said" or the end, not ", Innovation, ..." (an item of a list).
    let ends_apposition = after.is_empty()
        || after.starts_with(['.', ';'])
        || after
            .strip_prefix(", ")
            .is_some_and(|rest| rest.starts_with(char::is_lowercase));
    if !ends_apposition {
        return None;
    }
    let clause_start = before
        .rfind([',', ';', ':', '.', '(', ')', '"', '“', '”', '–', '—'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_start..];
    // The role is the stretch of capitalised, role and linking words that
    // ends the clause ("led by its Secretary General" gives "Secretary
    // General").
    let clause_words = words(clause);
    let linking = |w: &Word| matches!(&*w.lower, "of" | "in" | "to" | "for" | "and" | "the");
    let kept = clause_words
        .iter()
        .rev()
        .take_while(|w| {
            linking(w)
                || (!LEADING_SET.contains(&*w.lower)
                    && (clause[w.range.clone()].starts_with(char::is_uppercase)
                        || is_role_word(&w.lower)
                        || (age.is_some() && is_description(&w.lower))
                        || MODIFIERS_SET.contains(&*w.lower)))
        })
        .count();
    let mut first = clause_words[clause_words.len() - kept..]
        .iter()
        .find(|w| !linking(w))?;
    // "and his wife, Le Thi Sen, 63,": the possessive is part of the role.
    let opening = clause_words.len() - kept;
    if let Some(owner) = opening.checked_sub(1).map(|at| &clause_words[at])
        && matches!(&*owner.lower, "his" | "her" | "their" | "its")
        && first.range.start == clause_words[opening].range.start
    {
        first = owner;
    }
    let role = clause_start + first.range.start..before.len();
    is_role_phrase(&text[role.clone()], age.is_some()).then_some(role)
}

/// The length of an age in apposition at the start of `rest` (", 27"),
/// when it ends there or a clause follows (", 27," or ", 27.", not ", 27.5").
fn age_length(rest: &str) -> Option<usize> {
    let number = rest.strip_prefix(", ")?;
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    let after = &number[digits..];
    let ends = after.is_empty()
        || after.starts_with([',', ';'])
        || after
            .strip_prefix('.')
            .is_some_and(|next| !next.starts_with(|c: char| c.is_ascii_digit()));
    ((1..=3).contains(&digits) && ends).then_some(2 + digits)
}

/// A role on one line: soft line breaks of the paragraph become spaces.
fn role_text(role: &str) -> String {
    role.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names after a title and the body it heads: "Minister of Home Affairs
/// Luu Quang Hieu", "Chairman of the Government Office Hoang Duc Canh".
/// The name starts at a family name and has two to four words.
fn names_after_titles_with_an_office(text: &str, titles: &[TitleHit]) -> Vec<Discovered> {
    let mut found = Vec::new();
    for title in titles {
        let rest = &text[title.range.end..];
        // "Minister of Home Affairs", "Minister for Foreign Trade".
        if !rest.starts_with(" of ") && !rest.starts_with(" for ") {
            continue;
        }
        let chain_end = role_limit(rest);
        let chain_words = words(&rest[..chain_end]);
        // The first capitalised run of the chain where a name follows the
        // body's name: "of Foreign Affairs Do Hung Viet and the ...".
        let mut runs: Vec<Vec<&Word>> = vec![Vec::new()];
        let mut last_end = 0;
        for word in &chain_words {
            let original = &rest[word.range.clone()];
            if rest[last_end..word.range.start].contains(',') {
                runs.push(Vec::new());
            }
            last_end = word.range.end;
            if original.starts_with(char::is_uppercase) {
                runs.last_mut().expect("one run at least").push(word);
            } else if matches!(&*word.lower, "of" | "the" | "and" | "for" | "on")
                || is_adjective_of_a_body(rest, word)
            {
                runs.push(Vec::new());
            } else {
                break;
            }
        }
        let Some((run, first)) = runs.iter().find_map(|run| {
            let after_field = run
                .iter()
                .rposition(|w| OFFICE_FIELDS_SET.contains(&*w.lower))
                .filter(|field| run.len() - field >= 3)
                .map(|field| field + 1);
            let first = after_field
                .or_else(|| run.iter().position(|w| FAMILY_NAME_SET.contains(&*w.lower)))?;
            (first > 0).then_some((run, first))
        }) else {
            continue;
        };
        let name_words: Vec<Word> = run[first..]
            .iter()
            .map(|w| Word {
                range: title.range.end + w.range.start..title.range.end + w.range.end,
                lower: w.lower.clone(),
            })
            .collect();
        if !is_name(text, &name_words) {
            continue;
        }
        let name = name_words[0].range.start..name_words[name_words.len() - 1].range.end;
        found.push(Discovered {
            seen: title.range.start..name.end,
            role: role_of_title(text[title.range.start..name.start].trim_end()),
            name,
        });
    }
    found
}

/// A lowercase word right before a capitalised one inside an office's
/// chain: "of the municipal People's Committee".
fn is_adjective_of_a_body(rest: &str, word: &Word) -> bool {
    let after = &rest[word.range.end..];
    rest[word.range.clone()].starts_with(char::is_lowercase)
        && after
            .strip_prefix(' ')
            .is_some_and(|next| next.starts_with(char::is_uppercase))
}

/// A case-insensitive automaton over a list of cue phrases.
fn cue_automaton(cues: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(cues)
        .expect("the cues build an automaton")
}

/// What credits a person with a piece: "(Reporting by X; Editing by Y)".
const CREDIT_CUES: &[&str] = &[
    "reporting by ",
    "editing by ",
    "writing by ",
    "reported by ",
    "edited by ",
    "written by ",
    "compiled by ",
    "photo by ",
    "photos by ",
];

/// The names right after a credit.
fn credited_names(text: &str) -> Vec<Discovered> {
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| cue_automaton(CREDIT_CUES));
    CUES.find_iter(text)
        .filter_map(|cue| {
            let rest = &text[cue.end()..];
            // The name ends the clause: the words past it are not read.
            let rest = &rest[..rest.find([';', '\n', '(', ')', ',']).unwrap_or(rest.len())];
            let run = trim_run(
                rest,
                words(rest)
                    .into_iter()
                    .take_while(|w| capitalised(rest, w))
                    .take(5)
                    .collect(),
            );
            let first = run.first().filter(|w| w.range.start == 0)?;
            if !is_name(rest, &run) {
                return None;
            }
            let name = cue.end() + first.range.start..cue.end() + run[run.len() - 1].range.end;
            Some(Discovered {
                seen: cue.start()..name.end,
                role: None,
                name,
            })
        })
        .collect()
}

/// What introduces a list of the people at an event.
const LIST_CUES: &[&str] = &[
    "in attendance",
    "attending",
    "attended by",
    "attendees",
    "also present",
    "were present",
    "present were",
    "participants",
    "guests",
    "among those",
    "joined by",
];

/// Words that may stand between the cue of a list and its first name.
const LIST_LEAD_IN: &[&str] = &[
    "",
    "were",
    "was",
    "are",
    "is",
    "included",
    "include",
    "including",
    "by",
    "also",
    "the",
    "meeting",
    "event",
    "ceremony",
    "conference",
    "session",
    "forum",
    "reception",
    "talks",
    "seminar",
    "workshop",
    "were:",
    "at",
    "this",
];

/// Names in a list of attendees: "Also in attendance were A, B and C."
/// After the cue and a few words ("were", "the meeting"), every item of the
/// list up to the end of the sentence must be a name, with at most an
/// honorific or title before it; otherwise the list is not one of people.
fn attendee_lists(text: &str) -> Vec<Discovered> {
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| cue_automaton(LIST_CUES));
    let mut found = Vec::new();
    if !CUES.is_match(text) {
        return found;
    }
    for sentence in crate::text::sentences::sentences(text) {
        // Overlapping matches come in the order they end: the first ends first.
        let Some(cue_end) = CUES
            .find_overlapping_iter(&text[sentence.clone()])
            .next()
            .map(|m| m.end())
        else {
            continue;
        };
        let list_start = sentence.start + cue_end;
        let list = &text[list_start..sentence.end];
        let Some(first) = list.find(|c: char| c.is_uppercase()) else {
            continue;
        };
        let lead_in: Vec<&str> = list[..first].split_whitespace().collect();
        let lead_in_ok = lead_in.len() <= 4
            && lead_in
                .iter()
                .all(|w| LIST_LEAD_IN.contains(&w.trim_end_matches([':', ','])));
        if !lead_in_ok {
            continue;
        }
        let items_text = list[first..].trim_end_matches(['.', '!', '?']);
        let mut items = Vec::new();
        let mut rest_start = list_start + first;
        let mut rest = items_text;
        loop {
            let next = [", and ", "; and ", " and ", "; ", ", "]
                .iter()
                .filter_map(|s| rest.find(s).map(|at| (at, s.len())))
                .min();
            let (item_len, skip) = next.unwrap_or((rest.len(), 0));
            items.push(rest_start..rest_start + item_len);
            if next.is_none() {
                break;
            }
            rest_start += item_len + skip;
            rest = &rest[item_len + skip..];
        }
        let names: Option<Vec<Discovered>> = items
            .into_iter()
            .map(|item| listed_name(text, item))
            .collect();
        if let Some(names) = names.filter(|n| n.len() >= 2) {
            found.extend(names);
        }
    }
    found
}

/// A list item that is a name, maybe after an honorific or title.
fn listed_name(text: &str, item: Range<usize>) -> Option<Discovered> {
    let item_words: Vec<Word> = words(&text[item.clone()])
        .into_iter()
        .map(|w| Word {
            range: item.start + w.range.start..item.start + w.range.end,
            lower: w.lower,
        })
        .collect();
    let titled = item_words
        .iter()
        .take_while(|w| is_honorific(&w.lower) || is_role_word(&w.lower))
        .count();
    let name = &item_words[titled..];
    if !is_name(text, name) || trim_run(text, name.to_vec()).len() != name.len() {
        return None;
    }
    let range = name[0].range.start..name[name.len() - 1].range.end;
    (text[range.end..item.end].trim().is_empty()).then(|| Discovered {
        seen: item.clone(),
        role: (titled > 0)
            .then(|| role_of_title(&text[item.start..range.start]))
            .flatten(),
        name: range,
    })
}

/// "Deputy Prime Ministers Ha Minh Tuan and Vu Thi Thu Trang": the names
/// after the first, joined by "and" or commas, share its title.
fn continue_plural_titles(text: &str, words: &[Word], found: &mut Vec<Discovered>) {
    let mut more = Vec::new();
    for person in found.iter() {
        let title_word = words
            .iter()
            .rfind(|w| w.range.end <= person.name.start)
            .filter(|w| one_space(&text[w.range.end..person.name.start]));
        let plural = title_word.is_some_and(|w| {
            w.lower.ends_with('s') && is_role_word(&w.lower) && !ROLE_SET.contains(&*w.lower)
        });
        if !plural {
            continue;
        }
        let mut end = person.name.end;
        loop {
            let rest = &text[end..];
            let Some(joint) = [", and ", " and ", ", "]
                .iter()
                .find(|j| rest.starts_with(**j))
            else {
                break;
            };
            let start = end + joint.len();
            let Some(first) = words.iter().position(|w| w.range.start == start) else {
                break;
            };
            let next: Vec<Word> = words[first..]
                .iter()
                .take_while(|w| capitalised(text, w))
                .cloned()
                .collect();
            let next = trim_run(text, next);
            if !is_name(text, &next) {
                break;
            }
            let name = next[0].range.start..next[next.len() - 1].range.end;
            more.push(Discovered {
                seen: person.seen.start..name.end,
                role: person.role.clone(),
                name: name.clone(),
            });
            end = name.end;
        }
    }
    found.extend(more);
}

/// Where `needle` stands as whole words in `text`.
fn whole_words<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(needle)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let end = at + needle.len();
            !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[end..].starts_with(|c: char| c.is_alphanumeric())
        })
}

/// The shorter name that a name found at the start of a sentence stands
/// for, when its first word is a common word capitalised only for that:
/// the article writes the word in lowercase elsewhere, names the rest alone
/// elsewhere, and has the whole name only at the start of sentences. In
/// "Pivot Nhan Gia Bao, 24, scored twice" beside "the best pivot" and "Nhan
/// Gia Bao (23, 27)", the name is "Nhan Gia Bao". `texts` are the article's
/// headline and paragraphs; the answer is where the shorter name starts in
/// `name`.
pub(super) fn name_after_a_common_word(name: &str, texts: &[&str]) -> Option<usize> {
    let (first, rest) = name.split_once(' ')?;
    let lower = first.to_lowercase();
    if !rest.contains(' ')
        || !first.starts_with(char::is_uppercase)
        || FAMILY_NAME_SET.contains(crate::text::fold(first).as_str())
    {
        return None;
    }
    let plural = format!("{lower}s");
    let common = texts.iter().any(|text| {
        whole_words(text, &lower).next().is_some() || whole_words(text, &plural).next().is_some()
    });
    let only_opening = texts
        .iter()
        .all(|text| whole_words(text, name).all(|at| opens_sentence(text, at)));
    let alone = texts.iter().any(|text| {
        whole_words(text, rest).any(|at| {
            let capitalised_before = word_before(text, at).is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && !LEADING_SET.contains(crate::text::fold(w).as_str())
            });
            let capitalised_after = text[at + rest.len()..]
                .strip_prefix(' ')
                .is_some_and(|next| next.starts_with(char::is_uppercase));
            !capitalised_before && !capitalised_after
        })
    });
    (common && only_opening && alone).then_some(first.len() + 1)
}

/// Whether the article shows a name to be a team's, a firm's or a place's:
/// somewhere a role and another name follow it in lowercase ("Thai Son Nam
/// captain Tran Van Vu", "Sahako coach Pham Quoc Huy"), or a thing does
/// ("the Wolka Kosowska trade centre"). `texts` are the article's headline
/// and paragraphs.
pub(super) fn named_as_a_body(name: &str, texts: &[&str]) -> bool {
    texts.iter().any(|text| {
        whole_words(text, name).any(|at| {
            let rest = &text[at + name.len()..];
            thing_after(rest, is_thing) || role_and_name_after(rest)
        })
    })
}

/// Whether `rest` starts with a role word in lowercase, singular, and a
/// name: " captain Tran Van Vu".
fn role_and_name_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let role_end = rest.find(' ').unwrap_or(rest.len());
    if !ROLE_SET.contains(&rest[..role_end]) {
        return false;
    }
    let next = &rest[role_end..];
    let Some(next) = next.strip_prefix(' ') else {
        return false;
    };
    let clause = &next[..next
        .find([',', ';', '.', '(', ')', ':'])
        .unwrap_or(next.len())];
    let run: Vec<Word> = words(clause)
        .into_iter()
        .take_while(|w| capitalised(clause, w))
        .take(5)
        .collect();
    let run = trim_run(clause, run);
    run.first().is_some_and(|w| w.range.start == 0) && is_name(clause, &run)
}

/// The words of a run that stay one space apart from its first.
fn trim_run<'a>(text: &str, run: Vec<Word<'a>>) -> Vec<Word<'a>> {
    let mut kept: Vec<Word> = Vec::new();
    for word in run {
        if let Some(last) = kept.last()
            && !one_space(&text[last.range.end..word.range.start])
        {
            break;
        }
        kept.push(word);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Option<String>)> {
        discover(text, &[])
            .into_iter()
            .map(|d| (text[d.name].to_string(), d.role))
            .collect()
    }

    fn one(name: &str, role: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), role.map(str::to_string))
    }

    #[test]
    fn names_with_an_apostrophe_or_an_honour_and_things_named_after_people() {
        assert_eq!(
            people("Siobhan O'Connell, a Dublin economist, said so."),
            [one("Siobhan O'Connell", Some("a Dublin economist"))]
        );
        // A possessive is not part of the name.
        assert_eq!(
            people("Vietnam's Pham Thi Lan, deputy minister, spoke."),
            [one("Pham Thi Lan", Some("deputy minister"))]
        );
        assert_eq!(
            people("Datuk Seri Ahmad Faizal Rahman, Malaysia's Minister of Trade, said."),
            [one(
                "Ahmad Faizal Rahman",
                Some("Malaysia's Minister of Trade")
            )]
        );
        assert!(people("the bulk carrier Tran Quang Khai sailed").is_empty());
        assert!(people("a visit to the Phan Chau Trinh innovation corner").is_empty());
    }

    /// Words read character by character: what `words` reads faster.
    fn words_by_chars(text: &str) -> Vec<(Range<usize>, String)> {
        let mut found = Vec::new();
        let mut start: Option<usize> = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let inside = c.is_alphanumeric() || c == '-' || name_apostrophe(text, start, at, c);
            match (inside, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    let word = text[s..at].trim_end_matches('-');
                    if !word.is_empty() {
                        found.push((s..s + word.len(), crate::text::fold(word)));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        found
    }

    #[test]
    fn words_agree_with_reading_character_by_character() {
        for text in [
            "Siobhan O'Connell’s view -- of Tô Lâm, 59-NQ/TW; D'Souza's 'quote' — x-",
            "’Ab O’Brien' A'",
            "Nghị quyết số 57 (2024): “Đổi mới” – ĐẢNG-- -- x",
            "",
            "-",
            "a\u{a0}b\tc\n\nD",
        ] {
            let fast: Vec<(Range<usize>, String)> = words(text)
                .into_iter()
                .map(|w| (w.range, w.lower.into_owned()))
                .collect();
            assert_eq!(fast, words_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn affiliations_asides_descriptions_and_short_titles() {
        // Institution words are English: "Đàm" is a family name.
        assert_eq!(
            people("replacing Dr. Đàm Văn Sáu, who retires."),
            [one("Đàm Văn Sáu", None)]
        );
        assert_eq!(
            people("the Defence Attaché, Col. Arief Nugroho; and others"),
            [one("Arief Nugroho", Some("Defence Attaché"))]
        );
        let names: Vec<String> = people("It was led by Col. Arief Nugroho.")
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["Arief Nugroho"]);
        // A bracketed year between the name and its role.
        assert_eq!(
            people("- Zhang Wei (born 1986), a Chinese national who arranged supplies;"),
            [one(
                "Zhang Wei",
                Some("a Chinese national who arranged supplies")
            )]
        );
        // A body after "of", up to the end of the list item or clause.
        assert_eq!(
            people("co-authors are Kwame Asante Mensah of the University of Ghana and Lin Hu."),
            [one(
                "Kwame Asante Mensah",
                Some("of the University of Ghana")
            )]
        );
        assert_eq!(
            people("Kwame Asante Mensah of the University of Ghana said so."),
            [one(
                "Kwame Asante Mensah",
                Some("of the University of Ghana")
            )]
        );
        assert!(people("a degree in Computer Science of some kind").is_empty());
        // A word that describes firms as often as people counts after a name only.
        assert_eq!(
            people("a show by Ratna Puspitasari, a designer from Yogyakarta, opened."),
            [one("Ratna Puspitasari", Some("a designer from Yogyakarta"))]
        );
        assert!(people("at the chip designer Silicon Lotus;").is_empty());
        // A description ending in "s" is read whole, not cut to "witne".
        assert_eq!(
            people("said John Moore, a witness to the crash."),
            [one("John Moore", Some("a witness to the crash"))]
        );
        assert!(people("The largest tenant, Straits Harbour Logistics, will build.").is_empty());
        // Occupations known by their ending, in lowercase only.
        assert_eq!(
            people("joined by pianist Ton That Minh Khang and others"),
            [one("Ton That Minh Khang", Some("pianist"))]
        );
        assert_eq!(
            people("John McCain, himself a former prisoner in Hanoi, arrived."),
            [one(
                "John McCain",
                Some("himself a former prisoner in Hanoi")
            )]
        );
        assert_eq!(
            people("John Kerry, then chairman of the committee, sat."),
            [one("John Kerry", Some("then chairman of the committee"))]
        );
        assert_eq!(
            people(
                "Its hero is Nguyen Co Thach, foreign minister from 1980 to 1991, whom he served."
            ),
            [one(
                "Nguyen Co Thach",
                Some("foreign minister from 1980 to 1991")
            )]
        );
        // The end of a body's name after "of" is a place.
        assert!(
            people("head of the Sub-department of Dak Nong, as Director of it, and").is_empty()
        );
        assert!(people("the Department of Tourism of Binh Thuan, who moves on").is_empty());
    }

    #[test]
    fn roles_after_an_age_or_as_a_compound_and_offices_before_a_name() {
        assert_eq!(
            people("said Nguyen Thi Be Tu, 48, director of the co-operative."),
            [one(
                "Nguyen Thi Be Tu",
                Some("director of the co-operative")
            )]
        );
        assert_eq!(
            people("Media contact: Ms Vu Thu Hang, press officer"),
            [one("Vu Thu Hang", Some("press officer"))]
        );
        let found =
            people("Deputy Minister of Construction Cao Tien Luc, who inspected it, spoke.");
        assert!(
            found.iter().all(|(name, _)| name == "Cao Tien Luc"),
            "{found:?}"
        );
        // A place after "in", though a clause that could follow a person does.
        assert!(people("the representative in Viet Nam, who visited on Monday").is_empty());
        assert!(people("stop at the Nguyen Sinh Sac relic site").is_empty());
    }

    #[test]
    fn a_role_after_a_name_makes_a_person() {
        assert_eq!(
            people("Nguyen Van An - Secretary of the Provincial Party Committee, spoke."),
            [one(
                "Nguyen Van An",
                Some("Secretary of the Provincial Party Committee")
            )]
        );
        assert_eq!(
            people("comrade Tran Van Binh, Politburo member, Prime Minister, said so."),
            [one(
                "Tran Van Binh",
                Some("Politburo member, Prime Minister")
            )]
        );
        assert_eq!(
            people("\"No,\" said Jane Doe, an economist at a bank in Hanoi."),
            [one("Jane Doe", Some("an economist at a bank in Hanoi"))]
        );
    }

    #[test]
    fn honorifics_and_titles_before_a_name_make_a_person() {
        assert_eq!(
            people("Mr Le Van Cuong spoke."),
            [one("Le Van Cuong", None)]
        );
        assert_eq!(
            people("Ms. Pham Thi Dao left."),
            [one("Pham Thi Dao", None)]
        );
        assert_eq!(
            people("Vietnamese Foreign Minister Bui Thanh Son said"),
            [one("Bui Thanh Son", Some("Vietnamese Foreign Minister"))]
        );
        assert_eq!(
            people("the support of leader Fidel Castro"),
            [one("Fidel Castro", Some("leader"))]
        );
    }

    #[test]
    fn institutions_named_after_people_are_not_people() {
        assert!(people("At the Ho Chi Minh National Academy of Politics, a course.").is_empty());
        assert!(people("Mrs Doe, of the Nelson Mandela Foundation, spoke.").is_empty());
        assert!(
            people("in Ho Chi Minh City, Da Nang and Hai Phong, and of Ton Duc Thang University")
                .is_empty()
        );
    }

    #[test]
    fn names_after_an_office_with_fields_and_commas() {
        let text = "with Laos' Minister of Technology and Communications Khampheng Sayavong; and Deputy Minister of Culture, Sports and Tourism Vu Thi Thanh Mai spoke.";
        let titles: Vec<TitleHit> = ["Minister", "Deputy Minister"]
            .iter()
            .map(|t| {
                let at = text.find(&format!(" {t} of")).unwrap() + 1;
                TitleHit {
                    group: 0,
                    range: at..at + t.len(),
                }
            })
            .collect();
        let found: Vec<String> = discover(text, &titles)
            .into_iter()
            .map(|d| text[d.name].to_string())
            .collect();
        assert_eq!(found, ["Khampheng Sayavong", "Vu Thi Thanh Mai"]);
    }

    #[test]
    fn bodies_between_title_and_name_are_skipped() {
        let text = "Minister of Home Affairs Luu Quang Hieu spoke.";
        let titles = [TitleHit {
            group: 0,
            range: 0..8,
        }];
        let found: Vec<(String, Option<String>)> = discover(text, &titles)
            .into_iter()
            .map(|d| (text[d.name].to_string(), d.role))
            .collect();
        assert_eq!(
            found,
            [one("Luu Quang Hieu", Some("Minister of Home Affairs"))]
        );
    }

    #[test]
    fn any_slice_of_awkward_text_is_read_without_panic() {
        let text = "Ông Trần\u{a0}Văn Án – Bí thư, “Mr\u{a0}Lê Văn Bình”, İstanbul’s Mayor Ali Veli elected\u{a0}Chair; Minister of Home Affairs\u{a0}Luu Quang Hieu; Guests: Ngô Bảo Châu, Đặng Thái Sơn.";
        let titles = [TitleHit {
            group: 0,
            range: 0..0,
        }];
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &start in &boundaries {
            let slice = &text[start..];
            discover(slice, &[]);
            discover(slice, &titles);
        }
        for &end in &boundaries {
            discover(&text[..end], &[]);
        }
    }

    #[test]
    fn particles_stay_inside_names() {
        assert_eq!(
            people("European Commission President Ursula von der Leyen said"),
            [one(
                "Ursula von der Leyen",
                Some("European Commission President")
            )]
        );
        assert!(people("the bank of Ho Chi Minh City de facto").is_empty());
    }

    #[test]
    fn names_in_a_list_of_attendees_are_people() {
        assert_eq!(
            people("Also in attendance were Vu Tien Loc, Nguyen Van Than and Mr. Dau Anh Tuan."),
            [
                one("Vu Tien Loc", None),
                one("Nguyen Van Than", None),
                one("Dau Anh Tuan", None)
            ]
        );
        assert!(people("\"It works,\" said one of the guests, Hanoi and Hue agreed.").is_empty());
    }

    #[test]
    fn a_vietnamese_name_or_a_clause_of_a_person_needs_no_title() {
        assert_eq!(
            people("He replaces Dao Minh Chau, who stepped down."),
            [one("Dao Minh Chau", None)]
        );
        assert_eq!(
            people("Nguyễn Thị Hoa thanked the donors."),
            [one("Nguyễn Thị Hoa", None)]
        );
        assert_eq!(
            people("Jane Q Doe, 67, won the vote."),
            [one("Jane Q Doe", None)]
        );
        assert_eq!(
            people("John Smith, who chairs it, left."),
            [one("John Smith", None)]
        );
        assert!(people("Vietnam Airlines, which flies there, grew.").is_empty());
        assert!(people("They toured Ha Long Bay and Tran Hung Dao Street.").is_empty());
        assert!(people("Samsung Display Vietnam opened a plant.").is_empty());
    }

    #[test]
    fn a_role_between_two_names_is_the_second_one_s() {
        assert_eq!(
            people(
                "planned for Hai Phong, Singapore's Second Minister for Trade, Mr Lim Wee Kiat, said."
            ),
            [one("Lim Wee Kiat", Some("Second Minister for Trade"))]
        );
        assert!(people("the sail training ship Le Quy Don called at Changi.").is_empty());
    }

    #[test]
    fn a_signature_gives_the_name_and_its_role() {
        assert_eq!(
            people("Do Thi Huong Giang Director, Giang An Furniture Co."),
            [one("Do Thi Huong Giang", Some("Director"))]
        );
        assert!(people("The Ha Noi Mayor spoke.").is_empty());
        assert!(people("a house on Ly Tu Trong street, full of maps").is_empty());
    }

    #[test]
    fn credits_name_people_and_ships_are_things() {
        assert_eq!(
            people("(Reporting by Bao Ngoc Tran; Editing by Hugo Lefebvre)"),
            [one("Bao Ngoc Tran", None), one("Hugo Lefebvre", None)]
        );
        assert!(people("His trawler, the Le Van Tam, has not fished.").is_empty());
    }

    #[test]
    fn a_clause_after_a_name_is_no_role() {
        assert!(
            people("Park Ji-won, an analyst at Hanbit Securities, said wages for engineers rose.")
                == [one("Park Ji-won", Some("an analyst at Hanbit Securities"))]
        );
    }

    #[test]
    fn plural_titles_and_offices_and_appositions() {
        assert_eq!(
            people("were Deputy Prime Ministers Ha Minh Tuan and Vu Thi Thu Trang; and others"),
            [
                one("Ha Minh Tuan", Some("Deputy Prime Minister")),
                one("Vu Thi Thu Trang", Some("Deputy Prime Minister"))
            ]
        );
        assert_eq!(
            people("Comrade Ngo Thi Chau elected Secretary of Bac Ninh Provincial Party Committee"),
            [one(
                "Ngo Thi Chau",
                Some("Secretary of Bac Ninh Provincial Party Committee")
            )]
        );
        assert_eq!(
            people("The Vietnamese ambassador in Canberra, Do Minh Khoa, said"),
            [one(
                "Do Minh Khoa",
                Some("Vietnamese ambassador in Canberra")
            )]
        );
    }

    #[test]
    fn ages_in_apposition_descriptions_and_possessives() {
        // An age after a name set off by commas still ends the apposition.
        assert_eq!(
            people("Among the injured were two cyclists and a Dutch tourist, Anna de Vries, 34."),
            [one("Anna de Vries", Some("Dutch tourist"))]
        );
        // The age says a person is meant, so a description is a role.
        assert_eq!(
            people("The witness, Pham Van Loc, 52, said the car ran a red light."),
            [one("Pham Van Loc", Some("witness"))]
        );
        assert_eq!(
            people("The vendor, Harbour Fresh Foods, said prices would rise."),
            []
        );
        // A possessive before the role is part of it.
        assert_eq!(
            people("He lives with his daughter, Vu Thi Hoa, 40, in Hue."),
            [one("Vu Thi Hoa", Some("his daughter"))]
        );
        // An age does not end an apposition when a number goes on.
        assert_eq!(age_length(", 27.5 percent"), None);
        assert_eq!(age_length(", 27."), Some(4));
    }

    #[test]
    fn what_follows_an_age() {
        // Where someone is from.
        assert_eq!(
            people("The victims were Lam Van Tu, 64, of Cai Be; and two children."),
            [one("Lam Van Tu", Some("of Cai Be"))]
        );
        // An office someone has been given, without the decision giving it.
        assert_eq!(
            people(
                "Hoang Thi Lan, 51, has been appointed Vietnam's envoy to Chile under Decision 12."
            ),
            [one("Hoang Thi Lan", Some("Vietnam's envoy to Chile"))]
        );
        assert_eq!(
            people("Ana Costa was named Minister of Health by the President on Friday."),
            [one("Ana Costa", Some("Minister of Health"))]
        );
        // A role that counts the person among others.
        assert_eq!(
            people(
                "Mr Trinh Van Hai (1950–2024), one of the first engineers trained abroad, died."
            ),
            [one(
                "Trinh Van Hai",
                Some("one of the first engineers trained abroad")
            )]
        );
        assert_eq!(
            people("Mr Ly Van Kien, 61, a wholesaler at the Dong Xuan market, was re-elected."),
            [one(
                "Ly Van Kien",
                Some("a wholesaler at the Dong Xuan market")
            )]
        );
    }

    #[test]
    fn common_occupations_and_descriptions_before_a_name() {
        assert_eq!(
            people("Passenger Dinh Thi Lan, 45, said the bus swerved."),
            [one("Dinh Thi Lan", Some("Passenger"))]
        );
        assert_eq!(
            people("Grace Wanjiru, an Ethiopian runner, led from the start."),
            [one("Grace Wanjiru", Some("an Ethiopian runner"))]
        );
        // "-list" words name people when they are players of an instrument.
        assert_eq!(
            people("Ines Moreau, a cellist with the city orchestra, played."),
            [one(
                "Ines Moreau",
                Some("a cellist with the city orchestra")
            )]
        );
        assert!(!is_agent_noun("shortlist"));
        // A description before a name of Vietnamese shape is its role.
        assert_eq!(
            people("a dress by the Da Nang designer Ho Thi Kim Oanh, in silk"),
            [one("Ho Thi Kim Oanh", Some("designer"))]
        );
        // A description opening a sentence is not part of the name.
        assert_eq!(
            people("Driver Mai Van Tien, 39, was unhurt."),
            [one("Mai Van Tien", Some("Driver"))]
        );
        assert_eq!(
            people("the works of the lacquer master Pham Van Don, shown here"),
            [one("Pham Van Don", Some("master"))]
        );
        // After a full stop, a role word ends a sentence and is no title.
        assert!(people("He was named the best player. Anna Berg won again.").is_empty());
    }

    #[test]
    fn geographic_features_are_places() {
        assert!(people("The Hai Van Pass, a favourite of every cyclist, closed.").is_empty());
        assert!(people("The Lang Biang Peak, a challenge for any athlete, was shut.").is_empty());
    }

    #[test]
    fn affiliations_after_titles_commas_and_in_brackets() {
        // "Assoc." is an academic rank like "Prof.", no role.
        assert_eq!(
            people("Assoc. Prof. Le Minh Quan of Hue University said so."),
            [one("Le Minh Quan", Some("of Hue University"))]
        );
        // A bare office and the body the person is of.
        assert_eq!(
            people("Deputy Nguyen Van Khoa of the Gia Lai delegation asked why."),
            [one(
                "Nguyen Van Khoa",
                Some("Deputy of the Gia Lai delegation")
            )]
        );
        // A body after a comma, for a name an honorific shows is a person's.
        assert_eq!(
            people("- Dr. Ingrid Olsen, University of Bergen, Norway"),
            [one("Ingrid Olsen", Some("University of Bergen"))]
        );
        assert!(people("in Bac Ninh, Hanoi Medical University opened").is_empty());
        // A role or a body in brackets after a name shown to be a person's.
        assert_eq!(
            people("Deputy Tran Thi Nga (Ha Giang delegation) asked the minister."),
            [one("Tran Thi Nga", Some("Deputy, Ha Giang delegation"))]
        );
        assert_eq!(
            people("Prof. Hans Weber (Dean of the Law School) opened it."),
            [one("Hans Weber", Some("Dean of the Law School"))]
        );
        // A title and a one-word name starting a clause is no role.
        assert_eq!(
            people("At the invitation of Tran Van Duc, Minister Sato will visit in May."),
            [one("Tran Van Duc", None)]
        );
        // A possessive with "our" opens a role too.
        assert_eq!(
            people("Pictures by Do Thanh Tung, our staff photographer."),
            [one("Do Thanh Tung", Some("our staff photographer"))]
        );
    }

    #[test]
    fn modifiers_before_a_title_are_part_of_it() {
        let text = "Senior Lieutenant General Phan Van Giang spoke.";
        let at = text.find("Lieutenant").unwrap();
        let titles = [TitleHit {
            group: 0,
            range: at..at + "Lieutenant General".len(),
        }];
        let found: Vec<(String, Option<String>)> = discover(text, &titles)
            .into_iter()
            .map(|d| (text[d.name].to_string(), d.role))
            .collect();
        assert_eq!(
            found,
            [one("Phan Van Giang", Some("Senior Lieutenant General"))]
        );
    }

    #[test]
    fn a_name_after_a_common_word_is_the_shorter_name() {
        let texts = [
            "Winger Bui Tien Dung scores as Hanoi win",
            "Winger Bui Tien Dung, 22, scored the winner.",
            "He is the fastest winger in the league.",
            "- Hanoi: Bui Tien Dung (71).",
        ];
        let name = "Winger Bui Tien Dung";
        assert_eq!(name_after_a_common_word(name, &texts), Some(7));
        // Not when the first word is never written in lowercase (a given
        // name), nor when the whole name is met inside a sentence.
        let texts = ["Maria Lopez Garcia, 40, spoke.", "Later Lopez Garcia left."];
        assert_eq!(name_after_a_common_word("Maria Lopez Garcia", &texts), None);
        let texts = [
            "Winger Bui Tien Dung, 22, scored.",
            "the winger said, and then Winger Bui Tien Dung left",
            "- Bui Tien Dung (71).",
        ];
        assert_eq!(name_after_a_common_word(name, &texts), None);
        // A family name opening the name stays.
        let texts = [
            "Ha Minh Tuan spoke.",
            "on 30 ha of land",
            "Minh Tuan, 30, said",
        ];
        assert_eq!(name_after_a_common_word("Ha Minh Tuan", &texts), None);
    }

    #[test]
    fn a_name_the_article_uses_for_a_team_or_a_place_is_no_one_s() {
        let texts = [
            "Hoang Anh Gia Lai beat Binh Dinh 2-0.",
            "Hoang Anh Gia Lai captain Nguyen Tuan Anh scored.",
        ];
        assert!(named_as_a_body("Hoang Anh Gia Lai", &texts));
        let texts = ["They met at the Tan Dinh Phu market on Monday."];
        assert!(named_as_a_body("Tan Dinh Phu", &texts));
        // A role after a person's name is not followed by another name.
        let texts = [
            "Tran Quoc Hung captain of the team, scored.",
            "Tran Quoc Hung coaches Binh Dinh.",
        ];
        assert!(!named_as_a_body("Tran Quoc Hung", &texts));
    }
}
