//! Appeals on the citizen's side: filing (form and API share [`file`]), the
//! receipt, tracking with the receipt's number and secret.

pub mod answers;
pub mod done;
pub mod due;
pub mod escalate;
pub mod feedback;
pub mod files;
pub mod mine;
pub mod new;
pub mod place;
pub mod proof;
pub mod receipt;
pub mod scrub;
pub mod tombstone;
pub mod track;

use crate::i18n::Tr;
use crate::state::{now, AppState};
use adaldyq_domain::appeal::{region_of, FieldError, Problem, ValidAppeal};
use adaldyq_domain::calendar::{Due, WorkingHours};
use adaldyq_domain::Role;
use adaldyq_store::{Appeal, AppealOrigin, CreateOutcome, NewAppeal};
use hmac::{Hmac, Mac};
use jiff::civil::Date;
use sha2::Sha256;

/// The term of an answer in working days (Art. 76).
pub const TERM_DAYS: u32 = 15;

/// A receipt secret: 130 random bits as 26 characters of Crockford base32
/// (no I, L, O or U), in groups of five and four, so that a person can copy it
/// from paper and read it out over the phone: "XXXXX-XXXXX-XXXX-XXXX-XXXX-XXXX".
pub fn new_secret() -> String {
    let mut bytes = [0u8; 17];
    getrandom::fill(&mut bytes).expect("the OS random source");
    // 17 bytes give 28 characters of 5 random bits each; 26 of them carry 130.
    let s = base32::encode(base32::Alphabet::Crockford, &bytes);
    let s = &s[..26];
    let mut groups = Vec::new();
    let mut at = 0;
    for len in [5, 5, 4, 4, 4, 4] {
        groups.push(&s[at..at + len]);
        at += len;
    }
    groups.join("-")
}

/// A secret as typed, read the Crockford way: case, spaces and dashes do not
/// matter, O reads as 0, and I or L as 1.
pub fn crockford_normal(secret: &str) -> String {
    secret
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// Secrets are stored as a keyed hash: with 128 or more random bits a fast
/// HMAC is as safe as a slow password hash, and costs microseconds, not
/// seconds. The form hashed ignores case, spaces and dashes; a new secret is
/// already in its Crockford form, so it hashes the same either way.
pub fn hash_secret(key: &[u8], secret: &str) -> Vec<u8> {
    let normal: String = secret.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"receipt:");
    mac.update(normal.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Whether a typed secret matches a stored hash: read the Crockford way (the
/// secrets issued now), or as typed (the older RFC 4648 secrets, in which O,
/// I and L are letters of their own).
pub fn secret_matches(key: &[u8], typed: &str, stored: &[u8]) -> bool {
    use crate::middleware::security::constant_eq;
    let crockford = constant_eq(stored, &hash_secret(key, &crockford_normal(typed)));
    let as_typed = constant_eq(stored, &hash_secret(key, typed));
    crockford | as_typed
}

/// A receipt number as typed, with or without its dashes or with spaces:
/// its digits put back in the `43-2026-000123` shape.
pub fn receipt_number_normal(typed: &str) -> String {
    let digits: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() >= 12 {
        format!("{}-{}-{}", &digits[..2], &digits[2..6], &digits[6..])
    } else {
        typed.trim().to_owned()
    }
}

/// Looks an appeal up by number and secret. An unknown number and a wrong
/// secret give the same `None`, so the answer tells an attacker nothing.
pub async fn find_with_secret(state: &AppState, number: &str, secret: &str) -> anyhow::Result<Option<Appeal>> {
    let number = receipt_number_normal(number);
    let appeal = if adaldyq_domain::appeal::is_receipt_number(&number) {
        state.store.appeal_by_number(&number).await?
    } else {
        None
    };
    let key = &state.config.secret_key;
    Ok(appeal.filter(|a| a.secret_hash.as_deref().is_some_and(|h| secret_matches(key, secret, h))))
}

/// `dd.mm.yyyy`, as Kazakhstan writes dates.
pub fn date_text(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

pub fn parse_date(s: &str) -> Option<Date> {
    s.parse().ok()
}

/// A computed term in full sentences ("The appeal was registered on
/// 18.03.2026 (Wednesday). … 23.03.2026–25.03.2026 are days off (Nauryz; …)
/// … The answer is due by 13.04.2026 (Monday)."): see [`due::lines`].
pub fn explain(tr: Tr, due: &Due) -> String {
    due::lines(tr, due).join(" ")
}

/// The due date of a stored appeal, recomputed with its explanation.
pub fn due_of(state: &AppState, appeal: &Appeal) -> Option<Due> {
    let registered = parse_date(&appeal.registered_on)?;
    Some(state.calendar().due_date(registered, appeal.term_days as u32))
}

/// What filing gives back.
pub struct Filed {
    pub number: String,
    /// Shown once, to every filer: named or anonymous, the number and the
    /// secret are the way back to the answer. `None` only for a duplicate.
    pub secret: Option<String>,
    pub due: Due,
    /// The same form was sent before: nothing new was filed.
    pub duplicate: bool,
}

/// Checks what a valid appeal points at: the place exists and takes
/// appeals, the chosen body serves it, the category is of the appeal's kind.
/// The form asks this before "check your answers", and filing again.
pub async fn check_references(
    state: &AppState,
    appeal: &ValidAppeal,
) -> anyhow::Result<Result<adaldyq_store::TerritoryRecord, Vec<FieldError>>> {
    let territory = state.store.territory(&appeal.territory).await?;
    let Some(territory) = territory.filter(|t| t.routable) else {
        return Ok(Err(vec![FieldError { field: "territory", problem: Problem::Unknown }]));
    };
    let mut errors = Vec::new();
    if let Some(id) = appeal.institution {
        let inst = state.store.institution(id).await?;
        // An institution of the same district, or one above the territory.
        let fits = match &inst {
            Some(i) => state.store.territory(&i.territory_code).await?.is_some_and(|t| {
                territory.path.contains(&t.code) || (t.path.len() > 1 && t.path.get(1) == territory.path.get(1))
            }),
            None => false,
        };
        if !fits {
            errors.push(FieldError { field: "institution", problem: Problem::Unknown });
        }
    }
    if let Some(id) = appeal.category {
        let fits = state.store.category(id).await?.is_some_and(|c| c.active && c.kind == appeal.kind);
        if !fits {
            errors.push(FieldError { field: "category", problem: Problem::Unknown });
        }
    }
    Ok(if errors.is_empty() { Ok(territory) } else { Err(errors) })
}

/// Files a checked appeal: where it goes must exist (and be routable),
/// registration and due dates follow the calendar, and everything lands in
/// one transaction. `origin` says how it came (the form, the API, a
/// reception).
pub async fn file(
    state: &AppState,
    appeal: ValidAppeal,
    client_token: Option<String>,
    actor: (Role, Option<i64>),
    attachments: Vec<adaldyq_store::NewAttachment>,
    origin: AppealOrigin,
) -> anyhow::Result<Result<Filed, Vec<FieldError>>> {
    let territory = match check_references(state, &appeal).await? {
        Ok(t) => t,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut appeal = appeal;
    // No institution chosen: the routing rules pick one (the nearest
    // territory's rule for the category, else its default). With no rule the
    // appeal stays with the territory's project office, never lost.
    let mut routed_by_rule = None;
    if appeal.institution.is_none() {
        if let Some(rule) = state.store.route(appeal.category, &territory.path).await? {
            appeal.institution = Some(rule.institution_id);
            routed_by_rule = Some(rule.id);
        }
    }
    let calendar = state.calendar();
    let received = jiff::Timestamp::from_second(now()).unwrap_or_else(|_| jiff::Timestamp::now());
    // With how the arrival was read, so the receipt can say why a late
    // filing counts from the next working day.
    let due = calendar.due_on_arrival(received, &WorkingHours::default(), TERM_DAYS);
    let registered = due.registered;
    let secret = Some(new_secret());
    let mut salt = vec![0u8; 16];
    getrandom::fill(&mut salt).expect("the OS random source");
    let new = NewAppeal {
        region: region_of(&appeal.territory).to_owned(),
        year: registered.year() as i32,
        received_at: received.as_second(),
        registered_on: registered.to_string(),
        due_on: due.due.to_string(),
        term_days: TERM_DAYS as i64,
        secret_hash: secret.as_deref().map(|s| hash_secret(&state.config.secret_key, s)),
        client_token,
        salt,
        routed_by_rule,
        attachments,
        actor_role: actor.0,
        actor_user_id: actor.1,
        origin,
        appeal,
    };
    Ok(Ok(match state.store.create_appeal(&new).await? {
        CreateOutcome::Created { number, .. } => Filed { number, secret, due, duplicate: false },
        CreateOutcome::Duplicate { number } => Filed { number, secret: None, due, duplicate: true },
    }))
}

/// The message for a field's problem, in the reader's language.
pub fn problem_text(tr: Tr, e: &FieldError) -> String {
    problem_message(tr, tr.t(&format!("field-{}", e.field)), e.problem)
}

/// The message for a problem of the field labelled `field`.
pub fn problem_message(tr: Tr, field: String, problem: Problem) -> String {
    let key = match problem {
        Problem::Required => "problem-required",
        Problem::TooLong => "problem-too-long",
        Problem::Unknown => "problem-unknown",
        Problem::BadEmail => "problem-bad-email",
        Problem::BadPhone => "problem-bad-phone",
        Problem::BadIin => "problem-bad-iin",
        Problem::ContactNeeded => "problem-contact-needed",
        Problem::NotForAnonymous => "problem-not-for-anonymous",
        Problem::ControlCharacters => "problem-control-characters",
        Problem::Invisible => "problem-invisible",
    };
    tr.with(key, &[("field", field)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_forgiving_to_type() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(a.replace('-', "").len(), 26, "130 bits in Crockford base32");
        let key = b"k";
        assert_eq!(hash_secret(key, &a), hash_secret(key, &a.to_lowercase().replace('-', " ")));
        assert_ne!(hash_secret(key, &a), hash_secret(key, &b));
        assert_ne!(hash_secret(b"other", &a), hash_secret(key, &a));
    }

    #[test]
    fn numbers_are_read_with_or_without_dashes() {
        assert_eq!(receipt_number_normal("432026000123"), "43-2026-000123");
        assert_eq!(receipt_number_normal(" 43 2026 000123 "), "43-2026-000123");
        assert_eq!(receipt_number_normal("43-2026-1000123"), "43-2026-1000123");
        assert_eq!(receipt_number_normal("nonsense"), "nonsense");
    }
}
