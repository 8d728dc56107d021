//! What the filing form sends, down the path `appeals::new::submit` takes:
//! the url-encoded body read as axum's `Form` reads it (serde_urlencoded),
//! the fields turned into an `AppealInput` as `submit` does, `validate`,
//! and for each uploaded file `attachment::check` and `clean_name`; then
//! the other inputs people type: search queries (`search::normalise`,
//! `search::query_terms`), receipt numbers, ratings, `Accept-Language`,
//! and an administrator's KATO CSV upload (`territory::parse_kato_csv`).
//! `read_form` and `check_files` are `pub(crate)` in the web crate, so the
//! multipart decoding itself (axum/multer) is not fuzzed here.
//! Properties: a valid appeal has only checked, trimmed, bounded fields; a
//! refusal names at least one field; phone and e-mail normalisation are
//! idempotent; an IIN with its computed check digit is valid and a wrong
//! digit is not; a text is found by its own words; a parsed KATO file has
//! valid, unique codes with parents first.
#![no_main]

use adaldyq_domain::account::normalise_email;
use adaldyq_domain::appeal::{
    iin_is_valid, is_receipt_number, normalise_phone, parse_rating, receipt_number, region_of, validate,
    AppealInput, AppealKind, AppealLanguage, MAX_NAME_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS,
};
use adaldyq_domain::attachment::{check, clean_name, AttachmentLimits, AttachmentProblem, ALLOWED};
use adaldyq_domain::search::{normalise, query_terms};
use adaldyq_domain::territory::{is_kato_code, parse_kato_csv, TerritoryKind, CSV_HEADER};
use adaldyq_domain::Locale;
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::collections::{HashMap, HashSet};

/// A field as typed: one of the values the form offers, or anything.
#[derive(Arbitrary, Debug)]
enum Field {
    Known(u64),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Fields {
    kind: Field,
    category: String,
    territory: Field,
    institution: String,
    subject: String,
    text: String,
    language: Field,
    anonymous: bool,
    name: String,
    email: Field,
    phone: Field,
    iin: Field,
}

#[derive(Arbitrary, Debug)]
enum Body<'a> {
    /// An application/x-www-form-urlencoded body.
    UrlEncoded(&'a [u8]),
    /// The fields, encoded as a browser would.
    Fields(Fields),
}

#[derive(Arbitrary, Debug)]
struct KatoRow {
    code: u8,
    parent: Option<u8>,
    level: u8,
    kind: u8,
    name_kk: String,
    name_ru: String,
}

#[derive(Arbitrary, Debug)]
enum Kato {
    Rows(Vec<KatoRow>),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    body: Body<'a>,
    files: Vec<(String, &'a [u8])>,
    max_bytes: u16,
    query: String,
    search_text: String,
    receipt: (u8, u16, u32),
    typed_receipt: String,
    rating: String,
    accept_language: String,
    kato: Option<Kato>,
}

fn pick(f: &Field, known: &[&str]) -> String {
    match f {
        Field::Known(i) => known[*i as usize % known.len()].to_owned(),
        Field::Raw(s) => s.clone(),
    }
}

/// Eleven digits from `seed` and the IIN check digit, if one exists.
fn iin_with_check(seed: u64) -> (String, Option<u32>) {
    let first = format!("{:011}", seed % 100_000_000_000);
    let d: Vec<u32> = first.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum = |w: [u32; 11]| d.iter().zip(w).map(|(a, w)| a * w).sum::<u32>() % 11;
    let mut check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if check == 10 {
        check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    (first, (check < 10).then_some(check))
}

fn encode(fields: &Fields) -> Vec<u8> {
    let kinds: Vec<&str> = AppealKind::ALL.iter().map(|k| k.as_str()).collect();
    let languages: Vec<&str> = AppealLanguage::ALL.iter().map(|l| l.as_str()).collect();
    let territory = match &fields.territory {
        Field::Known(n) => format!("{:09}", n % 1_000_000_000),
        Field::Raw(s) => s.clone(),
    };
    let email = match &fields.email {
        Field::Known(n) => ["", "a@b.kz", " Азамат@Пошта.ҚЗ ", "x@y", "a b@c.kz"][*n as usize % 5].to_owned(),
        Field::Raw(s) => s.clone(),
    };
    let phone = match &fields.phone {
        Field::Known(n) => format!("8 ({:03}) {:03}-{:02}-{:02}", n % 1000, n / 1000 % 1000, n / 7 % 100, n / 11 % 100),
        Field::Raw(s) => s.clone(),
    };
    let iin = match &fields.iin {
        Field::Known(n) => {
            let (first, check) = iin_with_check(*n);
            format!("{first}{}", check.unwrap_or((*n % 10) as u32))
        }
        Field::Raw(s) => s.clone(),
    };
    let pairs = [
        ("kind", pick(&fields.kind, &kinds)),
        ("category", fields.category.clone()),
        ("territory", territory),
        ("institution", fields.institution.clone()),
        ("subject", fields.subject.clone()),
        ("text", fields.text.clone()),
        ("language", pick(&fields.language, &languages)),
        ("anonymous", if fields.anonymous { "yes".into() } else { String::new() }),
        ("name", fields.name.clone()),
        ("email", email),
        ("phone", phone),
        ("iin", iin),
    ];
    serde_urlencoded::to_string(pairs).unwrap().into_bytes()
}

/// `appeals::new::field`: the first value of a name, or "".
fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// What `appeals::new::submit` builds from the form.
fn appeal_input(pairs: &[(String, String)]) -> AppealInput {
    AppealInput {
        kind: field(pairs, "kind").to_owned(),
        category: field(pairs, "category").parse().ok(),
        territory: field(pairs, "territory").to_owned(),
        institution: field(pairs, "institution").parse().ok(),
        subject: field(pairs, "subject").to_owned(),
        text: field(pairs, "text").to_owned(),
        language: field(pairs, "language").to_owned(),
        anonymous: field(pairs, "anonymous") == "yes",
        name: field(pairs, "name").to_owned(),
        email: field(pairs, "email").to_owned(),
        phone: field(pairs, "phone").to_owned(),
        iin: field(pairs, "iin").to_owned(),
    }
}

fn check_appeal(input: &AppealInput) {
    if let Ok(e) = normalise_email(&input.email) {
        assert_eq!(normalise_email(&e).as_ref(), Ok(&e), "e-mail normalisation is not idempotent");
        assert!(e.len() <= 254 && e.matches('@').count() == 1 && !e.chars().any(char::is_whitespace));
    }
    if let Some(p) = normalise_phone(&input.phone) {
        assert!(p.len() == 12 && p.starts_with("+7") && p[2..].bytes().all(|b| b.is_ascii_digit()), "phone {p:?}");
        assert_eq!(normalise_phone(&p).as_ref(), Some(&p), "phone normalisation is not idempotent");
    }
    if iin_is_valid(&input.iin) {
        assert!(input.iin.len() == 12 && input.iin.bytes().all(|b| b.is_ascii_digit()), "IIN {:?}", input.iin);
        let (first, check) = iin_with_check(input.iin[..11].parse().unwrap());
        assert_eq!(format!("{first}{}", check.unwrap()), input.iin, "IIN accepted with a wrong check digit");
    }
    match validate(input) {
        Ok(v) => {
            assert_eq!(AppealKind::parse(input.kind.trim()), Some(v.kind));
            assert_eq!(AppealLanguage::parse(input.language.trim()), Some(v.language));
            assert!(is_kato_code(&v.territory), "territory {:?}", v.territory);
            for (s, max) in [(&v.subject, MAX_SUBJECT_CHARS), (&v.text, MAX_TEXT_CHARS)] {
                assert!(!s.is_empty() && s.trim() == s.as_str() && s.chars().count() <= max, "field {s:?}");
            }
            assert_eq!(v.contact.is_none(), input.anonymous, "anonymity not kept");
            if let Some(c) = &v.contact {
                assert!(!c.name.is_empty() && c.name.chars().count() <= MAX_NAME_CHARS);
                assert!(c.email.is_some() || c.phone.is_some(), "a named appeal with no way to answer");
                if let Some(e) = &c.email {
                    assert!(normalise_email(e).is_ok(), "accepted e-mail {e:?}");
                }
                if let Some(p) = &c.phone {
                    assert_eq!(normalise_phone(p).as_ref(), Some(p), "accepted phone {p:?}");
                }
                if let Some(i) = &c.iin {
                    assert!(iin_is_valid(i), "accepted IIN {i:?}");
                }
            }
        }
        Err(errors) => assert!(!errors.is_empty(), "refused without naming a field"),
    }
}

fn check_files(files: &[(String, &[u8])], max_bytes: u16) {
    let limits = AttachmentLimits { max_bytes: usize::from(max_bytes), max_count: 5 };
    for (name, bytes) in files.iter().take(8) {
        let clean = clean_name(name);
        assert!(!clean.is_empty() && clean.trim() == clean && clean.chars().count() <= 120, "name {clean:?}");
        assert!(!clean.chars().any(|c| c.is_control() || "/\\\"".contains(c)), "unsafe name {clean:?}");
        match check(bytes, &limits) {
            Ok(mime) => {
                assert!(ALLOWED.iter().any(|(m, _)| *m == mime) && !bytes.is_empty() && bytes.len() <= limits.max_bytes);
            }
            Err(AttachmentProblem::Empty) => assert!(bytes.is_empty()),
            Err(AttachmentProblem::TooLarge) => assert!(bytes.len() > limits.max_bytes),
            Err(AttachmentProblem::Forbidden | AttachmentProblem::Heif | AttachmentProblem::LegacyOffice) => {
                assert!(!bytes.is_empty() && bytes.len() <= limits.max_bytes)
            }
            Err(AttachmentProblem::Unreadable) => panic!("check judges the content's kind only; reading it is the scrubber's"),
        }
    }
}

fn check_search(query: &str, text: &str) {
    let terms = query_terms(query);
    assert!(terms.len() <= 8, "more than eight query words");
    for (i, t) in terms.iter().enumerate() {
        assert!(!t.is_empty(), "a query word with no stem");
        assert!(!terms[..i].contains(t), "a repeated query word");
        assert!(t.iter().all(|s| !s.contains(' ')), "a stem with a space: {t:?}");
    }
    for s in [query, text] {
        let indexed = normalise(s);
        let index: HashSet<&str> = indexed.split(' ').collect();
        let own = query_terms(s);
        assert!(
            own.iter().all(|alts| alts.iter().any(|a| index.contains(a.as_str()))),
            "{s:?} is not found by its own words: {own:?}"
        );
    }
}

fn check_receipts(receipt: (u8, u16, u32), typed: &str, rating: &str) {
    let (region, year, seq) = receipt;
    let region = format!("{:02}", region % 100);
    let year = 1000 + i32::from(year % 9000);
    let number = receipt_number(&region, year, i64::from(seq));
    assert!(is_receipt_number(&number), "{number} is not a receipt number");
    assert_eq!(region_of(&format!("{region}3200000")), region);
    if is_receipt_number(typed) {
        assert!(typed.len() >= 14 && typed.bytes().all(|b| b.is_ascii_digit() || b == b'-'), "{typed:?}");
    }
    let _ = region_of(typed);
    if let Some(r) = parse_rating(rating) {
        assert!((1..=5).contains(&r));
    }
}

fn kato_csv(rows: &[KatoRow]) -> String {
    let code = |c: u8| format!("43{:07}", c % 24);
    let mut s = CSV_HEADER.join(",") + "\n";
    for r in rows.iter().take(40) {
        let kind = TerritoryKind::ALL[r.kind as usize % TerritoryKind::ALL.len()].as_str();
        let parent = r.parent.map(code).unwrap_or_default();
        let names = [&r.name_kk, &r.name_ru].map(|n| format!("\"{}\"", n.replace('"', "\"\"")));
        s.push_str(&format!("{},{parent},{},{kind},{},{}\n", code(r.code), r.level % 6, names[0], names[1]));
    }
    s
}

fn check_kato(kato: &Kato) {
    let text = match kato {
        Kato::Rows(rows) => kato_csv(rows),
        Kato::Raw(s) => s.clone(),
    };
    // One unit already stored, as an update would see it.
    let known = |code: &str| (code == "430000000").then_some(1);
    match parse_kato_csv(&text, &known) {
        Ok(list) => {
            assert!(!list.is_empty());
            // The tree has no cycle: following parents within the file ends.
            let parent: HashMap<&str, &str> =
                list.iter().filter_map(|t| Some((t.code.as_str(), t.parent_code.as_deref()?))).collect();
            for t in &list {
                let mut at = t.code.as_str();
                for _ in 0..list.len() {
                    match parent.get(at) {
                        Some(&p) => at = p,
                        None => break,
                    }
                    assert_ne!(at, t.code, "parse_kato_csv accepted a parent cycle through {} in {text:?}", t.code);
                }
            }
            let mut at: HashMap<&str, usize> = HashMap::new();
            for (i, t) in list.iter().enumerate() {
                assert!(is_kato_code(&t.code), "code {:?}", t.code);
                assert!((1..=4).contains(&t.level), "level {}", t.level);
                assert!(!t.name_kk.is_empty() && !t.name_ru.is_empty());
                assert!(at.insert(&t.code, i).is_none(), "code {} twice", t.code);
                match &t.parent_code {
                    None => assert_eq!(t.level, 1, "{} has no parent", t.code),
                    Some(p) => {
                        assert!(is_kato_code(p));
                        if let Some(&j) = list.iter().position(|x| &x.code == p).as_ref() {
                            assert!(j < i, "{} comes before its parent {p}", t.code);
                        } else {
                            assert_eq!(p, "430000000", "unknown parent {p} accepted");
                        }
                    }
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.windows(2).all(|w| w[0].line <= w[1].line), "errors out of line order");
        }
    }
}

fuzz_target!(|input: Input| {
    let body = match &input.body {
        Body::UrlEncoded(b) => b.to_vec(),
        Body::Fields(f) => encode(f),
    };
    // axum's Form<Vec<(String, String)>>; a body it refuses is a 400.
    if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) {
        check_appeal(&appeal_input(&pairs));
    }
    check_files(&input.files, input.max_bytes);
    check_search(&input.query, &input.search_text);
    check_receipts(input.receipt, &input.typed_receipt, &input.rating);
    let _ = Locale::from_accept_language(&input.accept_language);
    if let Some(kato) = &input.kato {
        check_kato(kato);
    }
});
