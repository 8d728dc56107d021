//! Full-text search in Kazakh, Russian and English, the same on both
//! backends: text is reduced here, in Rust, to a line of stems, which SQLite
//! (FTS5) and PostgreSQL (`to_tsvector('simple')`) only index as words. So
//! "жолдар", "жолдың" and "жол" meet, and so do "дороги" and "дорога".

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Letters only Kazakh has: a word with one of them is Kazakh.
const KAZAKH_LETTERS: &str = "әғқңөұүһі";

/// Kazakh endings, longest first: plural, possessive, case (the common
/// ones). No stemmer crate knows Kazakh; this light stripper keeps at least
/// three letters of the stem, so it can merge forms but rarely words.
const KAZAKH_SUFFIXES: &[&str] = &[
    "лардың",
    "лердің",
    "дардың",
    "дердің",
    "тардың",
    "тердің",
    "ларға",
    "лерге",
    "дарға",
    "дерге",
    "тарға",
    "терге",
    "лардан",
    "лерден",
    "дардан",
    "дерден",
    "тардан",
    "терден",
    "ларда",
    "лерде",
    "дарда",
    "дерде",
    "тарда",
    "терде",
    "ларды",
    "лерді",
    "дарды",
    "дерді",
    "тарды",
    "терді",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "да",
    "де",
    "та",
    "те",
    "ды",
    "ді",
    "ты",
    "ті",
    "ны",
    "ні",
    "сы",
    "сі",
    "ы",
    "і",
];

fn kazakh_stem(word: &str) -> String {
    let len = word.chars().count();
    for suffix in KAZAKH_SUFFIXES {
        let n = suffix.chars().count();
        if len >= n + 3 && word.ends_with(suffix) {
            return word.chars().take(len - n).collect();
        }
    }
    word.to_owned()
}

/// The stems a word may have. A Cyrillic word without Kazakh-only letters
/// may be Russian or Kazakh ("жолдар"), so it gets both stems; the query
/// side then accepts either.
fn stems(word: &str) -> Vec<String> {
    let mut out = if word.chars().any(|c| KAZAKH_LETTERS.contains(c)) {
        vec![kazakh_stem(word)]
    } else if word.chars().any(|c| ('а'..='я').contains(&c)) {
        vec![RUSSIAN.stem(word).into_owned(), kazakh_stem(word)]
    } else if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        vec![ENGLISH.stem(word).into_owned()]
    } else {
        vec![word.to_owned()]
    };
    out.dedup();
    out
}

/// The words of a text, lower case, each at most 64 characters.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е").chars().take(64).collect::<String>())
}

/// The indexed form of a text: every stem of every word, space-separated.
pub fn normalise(text: &str) -> String {
    words(text).flat_map(|w| stems(&w)).collect::<Vec<_>>().join(" ")
}

/// A query: for each word (at most eight, without repeats), the stems any
/// of which may match. All words must match.
pub fn query_terms(query: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for w in words(query) {
        let s = stems(&w);
        if !out.contains(&s) {
            out.push(s);
        }
        if out.len() == 8 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether a query finds a text, as both backends decide it: every
    /// query word has a stem in the text's index.
    fn finds(query: &str, text: &str) -> bool {
        let index: Vec<String> = normalise(text).split(' ').map(str::to_owned).collect();
        query_terms(query).iter().all(|alts| alts.iter().any(|a| index.contains(a)))
    }

    #[test]
    fn forms_of_a_word_meet() {
        assert!(finds("жолдар", "Жолдың жағдайы"));
        assert!(finds("жол", "жолдар бұзылған"));
        assert!(finds("дороги", "ремонт дорога"));
        assert!(finds("road", "the roads are broken"));
        assert!(finds("ЖОЛДАР жарық", "Көшедегі жарық, жолдар!"));
        assert!(!finds("жарық су", "Көшедегі жарық"), "every word must match");
        assert!(!finds("су", "сот"), "short words stay whole");
        assert_eq!(normalise("Көшедегі жарық"), normalise("көшедегі ЖАРЫҚ!"));
    }

    #[test]
    fn queries_are_bounded_and_deduplicated() {
        assert_eq!(query_terms("жолдар жолдар").len(), 1);
        assert_eq!(query_terms(&"слово ".repeat(100)).len(), 1);
        let many: String = (0..20).map(|i| format!("w{i} ")).collect();
        assert_eq!(query_terms(&many).len(), 8);
        assert!(query_terms(" ,.;!").is_empty());
    }

    proptest! {
        #[test]
        fn a_text_is_found_by_its_own_words(text in "[а-яәғқңөұүһіa-z ]{0,80}") {
            let first_words: String = text.split(' ').filter(|w| !w.is_empty()).take(8).collect::<Vec<_>>().join(" ");
            prop_assert!(finds(&first_words, &text));
        }
    }
}
