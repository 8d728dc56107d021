//! Appeals: their kinds, statuses and events, the check of what a filer
//! sends, and the receipt number. The rules of when and by whom an appeal
//! moves live here so that the web, the API and the store agree.

use serde::{Deserialize, Serialize};

named_enum!(
    /// What the filer asks for (DESIGN.md glossary).
    AppealKind {
        Complaint => "complaint",
        CorruptionReport => "corruption_report",
        Proposal => "proposal",
        InformationRequest => "information_request",
        ServiceQuality => "service_quality",
    }
);

named_enum!(
    /// Where an appeal stands.
    Status {
        Received => "received",
        Registered => "registered",
        Assigned => "assigned",
        InProgress => "in_progress",
        AwaitingClarification => "awaiting_clarification",
        Answered => "answered",
        Closed => "closed",
        Forwarded => "forwarded",
        Rejected => "rejected",
        Escalated => "escalated",
        Reopened => "reopened",
    }
);

named_enum!(
    /// Something that happened to an appeal; each is recorded with who,
    /// when and why.
    EventKind {
        Filed => "filed",
        Registered => "registered",
        Routed => "routed",
        Assigned => "assigned",
        Answered => "answered",
        NoteAdded => "note_added",
        Extended => "extended",
        ClarificationRequested => "clarification_requested",
        ClarificationGiven => "clarification_given",
        Rated => "rated",
        Disputed => "disputed",
        Escalated => "escalated",
        Forwarded => "forwarded",
        InformationAdded => "information_added",
        Closed => "closed",
        Hidden => "hidden",
        Erased => "erased",
        AttachmentsDeleted => "attachments_deleted",
        TermRecomputed => "term_recomputed",
    }
);

impl EventKind {
    /// A tombstone: content was hidden or erased; the events before it keep
    /// their leaves, but no longer their content.
    pub fn erases_content(self) -> bool {
        matches!(self, EventKind::Hidden | EventKind::Erased)
    }
}

named_enum!(
    /// The languages an appeal may be written in; the answer is given in the
    /// same one (Law on Languages, Art. 11).
    AppealLanguage {
        Kk => "kk",
        Ru => "ru",
        En => "en",
    }
);

named_enum!(
    /// How an appeal reached the platform: the web form, the API, a paper
    /// registered by staff, or a question taken at a public reception.
    AppealChannel {
        Web => "web",
        Api => "api",
        Paper => "paper",
        Reception => "reception",
    }
);

impl Default for AppealChannel {
    /// Most appeals come through the web form.
    fn default() -> Self {
        AppealChannel::Web
    }
}

impl Status {
    /// Whether the applicant still waits for an answer, so the deadline runs.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Answered | Status::Closed | Status::Rejected | Status::Forwarded)
    }
}

/// Which status an event leads to from a status, or `None` when the event is
/// not allowed there. Notes never change the status.
pub fn transition(from: Status, event: EventKind) -> Option<Status> {
    use EventKind as E;
    use Status as S;
    match (from, event) {
        (S::Received, E::Registered) => Some(S::Registered),
        (S::Registered, E::Routed) => Some(S::Registered),
        (S::Registered | S::Assigned | S::InProgress | S::Escalated | S::Reopened, E::Assigned) => Some(S::Assigned),
        (S::Registered | S::Assigned | S::InProgress | S::Escalated | S::Reopened, E::Answered) => Some(S::Answered),
        (s @ (S::Registered | S::Assigned | S::InProgress | S::Escalated | S::Reopened), E::Extended) => Some(s),
        (S::Registered | S::Assigned | S::InProgress | S::Escalated | S::Reopened, E::ClarificationRequested) => {
            Some(S::AwaitingClarification)
        }
        (S::AwaitingClarification, E::ClarificationGiven) => Some(S::InProgress),
        (S::AwaitingClarification, E::Answered) => Some(S::Answered),
        (S::Registered | S::Assigned | S::InProgress | S::Escalated | S::Reopened, E::Forwarded) => Some(S::Registered),
        (S::Answered, E::Rated) => Some(S::Answered),
        (S::Answered, E::Closed) => Some(S::Closed),
        (S::Answered, E::Disputed) => Some(S::Reopened),
        (S::Registered | S::Assigned | S::InProgress | S::AwaitingClarification, E::Escalated) => Some(S::Escalated),
        (s, E::NoteAdded) => Some(s),
        (s, E::InformationAdded) if s.is_open() => Some(s),
        (s, E::Hidden | E::Erased | E::AttachmentsDeleted) => Some(s),
        // The calendar changed under an open term: only the due date moves.
        (s, E::TermRecomputed) if s.is_open() => Some(s),
        _ => None,
    }
}

/// The longest a head may extend the term to (Art. 76): two months from
/// registration in all.
pub const MAX_EXTENSION_MONTHS: i8 = 2;

/// Why an extension was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionProblem {
    ReasonRequired,
    NotLater,
    NotWorkingDay,
    BeyondTwoMonths,
}

/// Checks a head's extension (Art. 76): a reason, a later due date that is a
/// working day, and no more than two months from registration in all.
pub fn check_extension(
    calendar: &crate::calendar::Calendar,
    registered: jiff::civil::Date,
    current_due: jiff::civil::Date,
    new_due: jiff::civil::Date,
    reason: &str,
) -> Result<(), ExtensionProblem> {
    if reason.trim().is_empty() {
        return Err(ExtensionProblem::ReasonRequired);
    }
    if new_due <= current_due {
        return Err(ExtensionProblem::NotLater);
    }
    if !calendar.is_working_day(new_due) {
        return Err(ExtensionProblem::NotWorkingDay);
    }
    let limit = registered.checked_add(jiff::Span::new().months(MAX_EXTENSION_MONTHS)).unwrap_or(registered);
    if new_due > limit {
        return Err(ExtensionProblem::BeyondTwoMonths);
    }
    Ok(())
}

/// Working days after registration within which an appeal outside the
/// body's competence must be forwarded (Art. 76).
pub const FORWARD_WITHIN_WORKING_DAYS: i64 = 3;

/// Calendar days after the answer in which the applicant may dispute it
/// (the answer may be appealed to the higher body, Art. 91).
pub const DISPUTE_WINDOW_DAYS: i64 = 30;

/// Whether the dispute window is still open `days_since_answer` days on.
pub fn may_dispute(days_since_answer: i64) -> bool {
    (0..=DISPUTE_WINDOW_DAYS).contains(&days_since_answer)
}

/// An applicant's rating of the answer: 1 to 5.
pub fn parse_rating(s: &str) -> Option<u8> {
    s.trim().parse::<u8>().ok().filter(|r| (1..=5).contains(r))
}

/// Why a field of an appeal was refused; the web names the field and says
/// it in the filer's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    Unknown,
    BadEmail,
    BadPhone,
    BadIin,
    ContactNeeded,
    NotForAnonymous,
    /// Control characters other than tab and line ends (NUL, escapes):
    /// never stored, so every backend holds the same text.
    ControlCharacters,
    /// Only spaces or invisible characters where something must be said.
    Invisible,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_NAME_CHARS: usize = 200;

/// What a filer sends, as typed (the form and the API both fill it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AppealInput {
    pub kind: String,
    /// A category of the kind (editable by administrators); optional.
    pub category: Option<i64>,
    pub territory: String,
    pub institution: Option<i64>,
    pub subject: String,
    pub text: String,
    pub language: String,
    pub anonymous: bool,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub iin: String,
}

/// A filer's contact, for named appeals only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iin: Option<String>,
}

/// An appeal that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAppeal {
    pub kind: AppealKind,
    pub category: Option<i64>,
    pub territory: String,
    pub institution: Option<i64>,
    pub subject: String,
    pub text: String,
    pub language: AppealLanguage,
    pub contact: Option<Contact>,
}

/// A text that must say something (a subject, an answer, a reason), as
/// stored: trimmed, with no control characters but tab and line ends,
/// something visible in it, and at most `max` characters.
pub fn required_text(value: &str, max: usize) -> Result<String, Problem> {
    let v = value.trim();
    if v.is_empty() {
        Err(Problem::Required)
    } else if !crate::text::is_acceptable(v) {
        Err(Problem::ControlCharacters)
    } else if !crate::text::is_visible(v) {
        Err(Problem::Invisible)
    } else if v.chars().count() > max {
        Err(Problem::TooLong)
    } else {
        Ok(v.to_owned())
    }
}

/// A text that may be left empty (a comment): the same rules as
/// [`required_text`] when something was typed.
pub fn optional_text(value: &str, max: usize) -> Result<String, Problem> {
    match required_text(value, max) {
        Err(Problem::Required) => Ok(String::new()),
        other => other,
    }
}

fn required(field: &'static str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    if let Err(problem) = required_text(value, max) {
        errors.push(FieldError { field, problem });
    }
    value.trim().to_owned()
}

/// Checks everything a filer sent and reports every problem at once.
pub fn validate(input: &AppealInput) -> Result<ValidAppeal, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = AppealKind::parse(input.kind.trim());
    if kind.is_none() {
        let problem = if input.kind.trim().is_empty() { Problem::Required } else { Problem::Unknown };
        errors.push(FieldError { field: "kind", problem });
    }
    let territory = input.territory.trim().to_owned();
    if !crate::territory::is_kato_code(&territory) {
        let problem = if territory.is_empty() { Problem::Required } else { Problem::Unknown };
        errors.push(FieldError { field: "territory", problem });
    }
    let subject = required("subject", &input.subject, MAX_SUBJECT_CHARS, &mut errors);
    let text = required("text", &input.text, MAX_TEXT_CHARS, &mut errors);
    let language = AppealLanguage::parse(input.language.trim());
    if language.is_none() {
        errors.push(FieldError { field: "language", problem: Problem::Required });
    }
    let contact = if input.anonymous {
        for (field, value) in
            [("name", &input.name), ("email", &input.email), ("phone", &input.phone), ("iin", &input.iin)]
        {
            if !value.trim().is_empty() {
                errors.push(FieldError { field, problem: Problem::NotForAnonymous });
            }
        }
        None
    } else {
        let name = required("name", &input.name, MAX_NAME_CHARS, &mut errors);
        let email = Some(input.email.trim()).filter(|e| !e.is_empty()).map(str::to_owned);
        if let Some(e) = &email {
            if crate::account::normalise_email(e).is_err() {
                errors.push(FieldError { field: "email", problem: Problem::BadEmail });
            }
        }
        let phone = Some(input.phone.trim()).filter(|p| !p.is_empty()).map(normalise_phone);
        if let Some(p) = &phone {
            if p.is_none() {
                errors.push(FieldError { field: "phone", problem: Problem::BadPhone });
            }
        }
        if email.is_none() && phone.is_none() {
            errors.push(FieldError { field: "email", problem: Problem::ContactNeeded });
        }
        let iin = Some(input.iin.trim()).filter(|i| !i.is_empty()).map(str::to_owned);
        if let Some(i) = &iin {
            if !iin_is_valid(i) {
                errors.push(FieldError { field: "iin", problem: Problem::BadIin });
            }
        }
        Some(Contact { name, email: email.map(|e| e.to_lowercase()), phone: phone.flatten(), iin })
    };
    match (kind, language) {
        (Some(kind), Some(language)) if errors.is_empty() => Ok(ValidAppeal {
            kind,
            category: input.category,
            territory,
            institution: input.institution,
            subject,
            text,
            language,
            contact,
        }),
        _ => Err(errors),
    }
}

/// A Kazakhstan phone number as +7XXXXXXXXXX (accepts 8XXXXXXXXXX, spaces,
/// dashes and brackets).
pub fn normalise_phone(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest = input.chars().filter(|c| !c.is_ascii_digit()).all(|c| " +-()".contains(c));
    let national = match digits.len() {
        11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
        10 => &digits[..],
        _ => return None,
    };
    rest.then(|| format!("+7{national}"))
}

/// The IIN (individual identification number): 12 digits whose last is a
/// check digit, weights 1..11, and 3..11,1,2 when the first pass gives 10.
pub fn iin_is_valid(iin: &str) -> bool {
    let d: Vec<u32> = iin.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 12 || iin.len() != 12 {
        return false;
    }
    let sum = |weights: [u32; 11]| d.iter().zip(weights).map(|(a, w)| a * w).sum::<u32>() % 11;
    let mut check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if check == 10 {
        check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
        if check == 10 {
            return false;
        }
    }
    check == d[11]
}

/// A receipt number: region (the first two digits of the KATO code), year
/// of registration, and the running count in that region and year.
pub fn receipt_number(region: &str, year: i32, seq: i64) -> String {
    format!("{region}-{year}-{seq:06}")
}

/// The region part of a territory's KATO code.
pub fn region_of(territory: &str) -> &str {
    territory.get(..2).unwrap_or(territory)
}

/// Whether a string has the shape of a receipt number (so a typo gets a
/// clear answer before any look-up).
pub fn is_receipt_number(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 2
        && parts[1].len() == 4
        && parts[2].len() >= 6
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn named() -> AppealInput {
        AppealInput {
            kind: "complaint".into(),
            territory: "433200000".into(),
            subject: "Жол".into(),
            text: "Көшеде жарық жоқ".into(),
            language: "kk".into(),
            name: "Азамат".into(),
            phone: "8 (701) 123-45-67".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_named_appeal_needs_a_way_to_answer() {
        let ok = validate(&named()).unwrap();
        assert_eq!(ok.contact.unwrap().phone.as_deref(), Some("+77011234567"));
        let mut no_contact = named();
        no_contact.phone.clear();
        let errors = validate(&no_contact).unwrap_err();
        assert_eq!(errors, vec![FieldError { field: "email", problem: Problem::ContactNeeded }]);
    }

    #[test]
    fn an_anonymous_appeal_carries_nothing_identifying() {
        let mut a = named();
        a.anonymous = true;
        let errors = validate(&a).unwrap_err();
        assert!(errors.contains(&FieldError { field: "name", problem: Problem::NotForAnonymous }));
        a.name.clear();
        a.phone.clear();
        assert_eq!(validate(&a).unwrap().contact, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors =
            validate(&AppealInput { kind: "wish".into(), subject: "x".repeat(201), ..Default::default() }).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert!(fields.contains(&("kind", Problem::Unknown)));
        assert!(fields.contains(&("territory", Problem::Required)));
        assert!(fields.contains(&("subject", Problem::TooLong)));
        assert!(fields.contains(&("text", Problem::Required)));
        assert!(fields.contains(&("language", Problem::Required)));
        assert!(fields.contains(&("name", Problem::Required)));
    }

    #[test]
    fn control_characters_and_invisible_text_are_refused_by_field() {
        let mut a = named();
        a.subject = "Жол\u{0}".into();
        a.text = "\u{200b}\u{200b}".into();
        a.name = "Аза\u{1b}мат".into();
        let errors = validate(&a).unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError { field: "subject", problem: Problem::ControlCharacters },
                FieldError { field: "text", problem: Problem::Invisible },
                FieldError { field: "name", problem: Problem::ControlCharacters },
            ]
        );
        a.subject = "\u{200e}\u{2060}\u{feff}".into();
        a.text = "Бірінші жол\r\nекінші\tжол".into();
        a.name = "Азамат".into();
        assert_eq!(validate(&a).unwrap_err(), vec![FieldError { field: "subject", problem: Problem::Invisible }]);
        assert_eq!(optional_text("  ", 10), Ok(String::new()));
        assert_eq!(optional_text("\u{0}", 10), Err(Problem::ControlCharacters));
        assert_eq!(required_text(" ok ", 10), Ok("ok".into()));
    }

    #[test]
    fn iin_check_digits() {
        // Constructed examples: weights 1..11 give the check digit.
        assert!(iin_is_valid("900101300017"));
        assert!(!iin_is_valid("900101300018"));
        assert!(!iin_is_valid("90010130001"));
        assert!(!iin_is_valid("90010130001a"));
        let mut a = named();
        a.iin = "900101300018".into();
        assert_eq!(validate(&a).unwrap_err(), vec![FieldError { field: "iin", problem: Problem::BadIin }]);
    }

    #[test]
    fn phones_and_numbers() {
        assert_eq!(normalise_phone("+7 701 123 45 67").as_deref(), Some("+77011234567"));
        assert_eq!(normalise_phone("7011234567").as_deref(), Some("+77011234567"));
        assert_eq!(normalise_phone("12345"), None);
        assert_eq!(normalise_phone("+7 701 123 45 6x"), None);
        assert_eq!(receipt_number("43", 2026, 123), "43-2026-000123");
        assert!(is_receipt_number("43-2026-000123"));
        assert!(!is_receipt_number("43-2026-12"));
        assert!(!is_receipt_number("../etc/passwd"));
        assert_eq!(region_of("433200000"), "43");
    }

    #[test]
    fn transitions_follow_the_workflow() {
        assert_eq!(transition(Status::Received, EventKind::Registered), Some(Status::Registered));
        assert_eq!(transition(Status::Registered, EventKind::Answered), Some(Status::Answered));
        assert_eq!(transition(Status::Answered, EventKind::Answered), None, "answered once");
        assert_eq!(transition(Status::Closed, EventKind::Assigned), None);
        assert_eq!(transition(Status::Closed, EventKind::NoteAdded), Some(Status::Closed));
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn extensions_stay_within_two_months() {
        let cal = crate::calendar::Calendar::kazakhstan();
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        let (reg, due) = (d("2026-03-02"), d("2026-03-27"));
        assert_eq!(check_extension(&cal, reg, due, d("2026-04-30"), "проверка на месте"), Ok(()));
        assert_eq!(check_extension(&cal, reg, due, d("2026-05-04"), "x"), Err(ExtensionProblem::BeyondTwoMonths));
        assert_eq!(check_extension(&cal, reg, due, d("2026-03-20"), "x"), Err(ExtensionProblem::NotLater));
        assert_eq!(check_extension(&cal, reg, due, d("2026-04-04"), "x"), Err(ExtensionProblem::NotWorkingDay));
        assert_eq!(check_extension(&cal, reg, due, d("2026-04-10"), " "), Err(ExtensionProblem::ReasonRequired));
        assert_eq!(
            transition(Status::InProgress, EventKind::ClarificationRequested),
            Some(Status::AwaitingClarification)
        );
        assert_eq!(transition(Status::AwaitingClarification, EventKind::ClarificationGiven), Some(Status::InProgress));
        assert_eq!(transition(Status::Answered, EventKind::Extended), None);
        assert_eq!(transition(Status::InProgress, EventKind::InformationAdded), Some(Status::InProgress));
        assert_eq!(transition(Status::Closed, EventKind::InformationAdded), None);
        assert_eq!(transition(Status::Answered, EventKind::Disputed), Some(Status::Reopened));
        assert_eq!(transition(Status::InProgress, EventKind::Escalated), Some(Status::Escalated));
        assert_eq!(transition(Status::Escalated, EventKind::Escalated), None, "escalated once");
        assert!(may_dispute(0) && may_dispute(30) && !may_dispute(31) && !may_dispute(-1));
        assert_eq!(
            (parse_rating("5"), parse_rating("0"), parse_rating("6"), parse_rating("x")),
            (Some(5), None, None, None)
        );
    }

    proptest! {
        #[test]
        fn iin_with_its_computed_check_digit_is_valid(first in "[0-9]{11}") {
            let d: Vec<u32> = first.chars().map(|c| c.to_digit(10).unwrap()).collect();
            let sum = |w: [u32; 11]| d.iter().zip(w).map(|(a, w)| a * w).sum::<u32>() % 11;
            let mut check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
            if check == 10 { check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]); }
            prop_assume!(check < 10);
            let iin = format!("{first}{check}");
            prop_assert!(iin_is_valid(&iin));
            let wrong = format!("{first}{}", (check + 1) % 10);
            prop_assert!(!iin_is_valid(&wrong));
        }

        #[test]
        fn validation_never_panics(kind in ".{0,20}", subject in ".{0,300}", phone in ".{0,20}", iin in ".{0,14}", anonymous: bool) {
            let input = AppealInput { kind, subject, phone, iin, anonymous, ..named() };
            if let Ok(v) = validate(&input) {
                prop_assert!(!v.subject.is_empty() && v.subject.chars().count() <= MAX_SUBJECT_CHARS);
                prop_assert_eq!(v.contact.is_none(), anonymous);
            }
        }
    }
}
