//! Booking a seat: what a person gives (checked and normalised here), the
//! key that makes two bookings one person's, the booking code and the
//! manage token, the day's queue order, when reminders are due, and the
//! record of the questions raised.

use crate::appeal::{normalise_phone, optional_text, required_text, FieldError, Problem, MAX_NAME_CHARS};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

named_enum!(
    /// Where a booking stands.
    BookingStatus {
        Booked => "booked",
        /// Every seat was taken: first in line when one is given up.
        Waitlisted => "waitlisted",
        Cancelled => "cancelled",
        /// Came and is waiting in the queue.
        CheckedIn => "checked_in",
        /// Was received by the host (the record holds the questions).
        Received => "received",
        NoShow => "no_show",
    }
);

impl BookingStatus {
    /// Every status but cancelled: the person holds a place (or a place in
    /// line), so they cannot book the same reception again.
    pub fn is_active(self) -> bool {
        self != BookingStatus::Cancelled
    }

    /// Before the day: the person may still cancel or move it.
    pub fn is_pending(self) -> bool {
        matches!(self, BookingStatus::Booked | BookingStatus::Waitlisted)
    }
}

named_enum!(
    /// Shown to staff as queue priority, never publicly.
    Priority {
        Veteran => "veteran",
        Disability => "disability",
        LargeFamily => "large_family",
    }
);

named_enum!(
    /// The notices a booked person is sent (outbox kinds).
    BookingNotice {
        BookingConfirmed => "booking_confirmed",
        BookingMoved => "booking_moved",
        BookingCancelled => "booking_cancelled",
        ReceptionPostponed => "reception_postponed",
        ReceptionCancelled => "reception_cancelled",
        WaitlistPromoted => "waitlist_promoted",
        Reminder24h => "reminder_24h",
        Reminder2h => "reminder_2h",
    }
);

named_enum!(
    /// The reminders before a booked slot.
    ReminderKind {
        DayBefore => "reminder_24h",
        HoursBefore => "reminder_2h",
    }
);

impl ReminderKind {
    /// How long before the slot the reminder goes.
    pub fn lead_secs(self) -> i64 {
        match self {
            ReminderKind::DayBefore => 24 * 3600,
            ReminderKind::HoursBefore => 2 * 3600,
        }
    }

    pub fn notice(self) -> BookingNotice {
        match self {
            ReminderKind::DayBefore => BookingNotice::Reminder24h,
            ReminderKind::HoursBefore => BookingNotice::Reminder2h,
        }
    }

    /// Whether the reminder is due at `now` for a slot starting at
    /// `slot_starts_at`, booked at `booked_at`: its time has come and the
    /// slot has not started; the booking existed when its time came (someone
    /// who books 5 hours ahead gets no "tomorrow" reminder); and the day-
    /// before reminder is not sent once the later one is due (a job that was
    /// down sends one reminder, not two).
    pub fn is_due(self, slot_starts_at: i64, booked_at: i64, now: i64) -> bool {
        let at = slot_starts_at - self.lead_secs();
        let superseded =
            self == ReminderKind::DayBefore && now >= slot_starts_at - ReminderKind::HoursBefore.lead_secs();
        now >= at && now < slot_starts_at && booked_at < at && !superseded
    }
}

named_enum!(
    /// What became of a question raised at a reception.
    QuestionOutcome {
        /// Answered there and then (a short answer is recorded).
        AnsweredOnTheSpot => "answered_on_the_spot",
        /// Filed as an appeal (channel `reception`), linked to the question.
        TakenAsAppeal => "taken_as_appeal",
    }
);

pub const MAX_TOPIC_CHARS: usize = 500;
pub const MAX_QUESTION_CHARS: usize = 5_000;
pub const MAX_SHORT_ANSWER_CHARS: usize = 2_000;

/// What a person sends to book, as typed (the form and the API fill it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct BookingInput {
    pub name: String,
    pub phone: String,
    pub email: String,
    /// The question's topic, in a few words.
    pub topic: String,
    /// Empty, or one of [`Priority`]'s names.
    pub priority: String,
}

/// A booking that passed every check: phone as +7XXXXXXXXXX, e-mail in
/// lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBooking {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub topic: String,
    pub priority: Option<Priority>,
}

impl ValidBooking {
    /// Who this is, for "one seat per person per reception".
    pub fn person_key(&self) -> Option<String> {
        person_key(self.phone.as_deref(), self.email.as_deref())
    }
}

/// The key that makes two bookings one person's: the normalised phone, else
/// the e-mail in lower case (both as [`validate_booking`] leaves them), so
/// "8 (701) 123-45-67" and "+77011234567" are one person.
pub fn person_key(phone: Option<&str>, email: Option<&str>) -> Option<String> {
    fn present(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    present(phone)
        .map(|p| normalise_phone(p).unwrap_or_else(|| p.to_owned()))
        .or_else(|| present(email).map(str::to_lowercase))
}

fn contact(input: &BookingInput, errors: &mut Vec<FieldError>) -> (Option<String>, Option<String>) {
    let email = Some(input.email.trim()).filter(|e| !e.is_empty()).map(|e| match crate::account::normalise_email(e) {
        Ok(e) => e,
        Err(_) => {
            errors.push(FieldError { field: "email", problem: Problem::BadEmail });
            e.to_lowercase()
        }
    });
    let phone = Some(input.phone.trim()).filter(|p| !p.is_empty()).map(|p| match normalise_phone(p) {
        Some(p) => p,
        None => {
            errors.push(FieldError { field: "phone", problem: Problem::BadPhone });
            p.to_owned()
        }
    });
    (phone, email)
}

fn priority(input: &BookingInput, errors: &mut Vec<FieldError>) -> Option<Priority> {
    let p = input.priority.trim();
    if p.is_empty() {
        return None;
    }
    let parsed = Priority::parse(p);
    if parsed.is_none() {
        errors.push(FieldError { field: "priority", problem: Problem::Unknown });
    }
    parsed
}

fn text(field: &'static str, value: &str, max: usize, needed: bool, errors: &mut Vec<FieldError>) -> String {
    let checked = if needed { required_text(value, max) } else { optional_text(value, max) };
    checked.unwrap_or_else(|problem| {
        errors.push(FieldError { field, problem });
        value.trim().to_owned()
    })
}

/// Checks a booking and reports every problem at once: a name, a topic,
/// and a phone or an e-mail (at least one: the booking is confirmed and
/// reminded through it).
pub fn validate_booking(input: &BookingInput) -> Result<ValidBooking, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = text("name", &input.name, MAX_NAME_CHARS, true, &mut errors);
    let (phone, email) = contact(input, &mut errors);
    if phone.is_none() && email.is_none() {
        errors.push(FieldError { field: "phone", problem: Problem::ContactNeeded });
    }
    let topic = text("topic", &input.topic, MAX_TOPIC_CHARS, true, &mut errors);
    let priority = priority(input, &mut errors);
    if errors.is_empty() {
        Ok(ValidBooking { name, phone, email, topic, priority })
    } else {
        Err(errors)
    }
}

/// Checks a walk-in, written down by staff on the day: a name is enough
/// (the person is there); a phone or e-mail, if given, must be valid.
pub fn validate_walk_in(input: &BookingInput) -> Result<ValidBooking, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = text("name", &input.name, MAX_NAME_CHARS, true, &mut errors);
    let (phone, email) = contact(input, &mut errors);
    let topic = text("topic", &input.topic, MAX_TOPIC_CHARS, false, &mut errors);
    let priority = priority(input, &mut errors);
    if errors.is_empty() {
        Ok(ValidBooking { name, phone, email, topic, priority })
    } else {
        Err(errors)
    }
}

/// Checks a question of the record: its text, and the short answer when it
/// was answered on the spot.
pub fn check_question(
    text_in: &str,
    outcome: QuestionOutcome,
    answer: &str,
) -> Result<(String, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let question = text("question", text_in, MAX_QUESTION_CHARS, true, &mut errors);
    let needed = outcome == QuestionOutcome::AnsweredOnTheSpot;
    let answer = text("answer", answer, MAX_SHORT_ANSWER_CHARS, needed, &mut errors);
    if errors.is_empty() {
        Ok((question, answer))
    } else {
        Err(errors)
    }
}

/// The letters and digits a booking code is made of: no 0/O, 1/I/L, 8/B,
/// and every letter one that looks the same in Cyrillic (А, С, Е, Н, К, М,
/// Р, Т, Х, У), so a code typed on a Kazakh or Russian keyboard still reads.
pub const CODE_ALPHABET: &[u8; 18] = b"ACEHKMPTXY23456789";
/// 18⁷ ≈ 612 million codes: short enough to say at the desk.
pub const CODE_LEN: usize = 7;

/// A booking code from random bytes (the store draws them and retries on
/// the rare collision). Not a secret: the manage token is.
pub fn booking_code(random: &[u8; CODE_LEN]) -> String {
    random.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect()
}

/// A code as typed: case, spaces and dashes do not matter, and the
/// Cyrillic look-alikes read as their Latin letters.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c.to_uppercase().next().unwrap_or(c) {
            'А' => 'A',
            'С' => 'C',
            'Е' => 'E',
            'Н' => 'H',
            'К' => 'K',
            'М' => 'M',
            'Р' => 'P',
            'Т' => 'T',
            'Х' => 'X',
            'У' => 'Y',
            c => c,
        })
        .collect()
}

/// Whether a (normalised) code has a booking code's shape.
pub fn is_booking_code(s: &str) -> bool {
    s.len() == CODE_LEN && s.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// Random bytes in a manage token: 128 bits, so a keyed fast hash
/// (HMAC-SHA-256, as the receipt secret) is enough to store it.
pub const MANAGE_TOKEN_BYTES: usize = 16;

/// A manage token from random bytes: 32 lower-case hex digits, safe in a
/// link. Only its keyed hash is stored.
pub fn manage_token(random: &[u8; MANAGE_TOKEN_BYTES]) -> String {
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// A manage token as it comes back from a link or a paste, or `None` when
/// it cannot be one (so nothing is looked up).
pub fn normalise_manage_token(typed: &str) -> Option<String> {
    let t = typed.trim().to_ascii_lowercase();
    (t.len() == MANAGE_TOKEN_BYTES * 2 && t.bytes().all(|b| b.is_ascii_hexdigit())).then_some(t)
}

/// What puts a booking in its place in the day's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueKey {
    /// The slot's start (a walk-in is given the slot of its arrival).
    pub slot_starts_at: Option<i64>,
    pub priority: Option<Priority>,
    pub booked_at: i64,
    pub id: i64,
}

/// The queue order: slot by slot; within a slot, people with a priority
/// first; then in the order they booked.
pub fn queue_order(a: &QueueKey, b: &QueueKey) -> Ordering {
    let slot = |k: &QueueKey| k.slot_starts_at.unwrap_or(i64::MAX);
    slot(a)
        .cmp(&slot(b))
        .then(a.priority.is_none().cmp(&b.priority.is_none()))
        .then(a.booked_at.cmp(&b.booked_at))
        .then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> BookingInput {
        BookingInput {
            name: "Айгүл Сәрсенова".into(),
            phone: "8 (701) 123-45-67".into(),
            email: " Aigul@Demo.Example ".into(),
            topic: "Жер учаскесі".into(),
            priority: String::new(),
        }
    }

    #[test]
    fn a_booking_is_normalised_and_keyed_by_phone_then_email() {
        let b = validate_booking(&input()).unwrap();
        assert_eq!(b.phone.as_deref(), Some("+77011234567"));
        assert_eq!(b.email.as_deref(), Some("aigul@demo.example"));
        assert_eq!(b.person_key().as_deref(), Some("+77011234567"));
        let by_mail = validate_booking(&BookingInput { phone: String::new(), ..input() }).unwrap();
        assert_eq!(by_mail.person_key().as_deref(), Some("aigul@demo.example"));
        assert_eq!(person_key(Some("+7 701 123 45 67"), None), person_key(Some("87011234567"), Some("x@y.kz")));
    }

    #[test]
    fn a_booking_needs_a_name_a_topic_and_a_way_to_reach_the_person() {
        let errors = validate_booking(&BookingInput { priority: "vip".into(), ..Default::default() }).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                ("name", Problem::Required),
                ("phone", Problem::ContactNeeded),
                ("topic", Problem::Required),
                ("priority", Problem::Unknown)
            ]
        );
        let bad = validate_booking(&BookingInput { phone: "12".into(), email: "no".into(), ..input() }).unwrap_err();
        assert_eq!(
            bad,
            vec![
                FieldError { field: "email", problem: Problem::BadEmail },
                FieldError { field: "phone", problem: Problem::BadPhone }
            ]
        );
        let veteran = validate_booking(&BookingInput { priority: "veteran".into(), ..input() }).unwrap();
        assert_eq!(veteran.priority, Some(Priority::Veteran));
    }

    #[test]
    fn a_walk_in_needs_only_a_name() {
        let w = validate_walk_in(&BookingInput { name: "Серік".into(), ..Default::default() }).unwrap();
        assert_eq!((w.phone, w.email, w.topic.as_str()), (None, None, ""));
        assert!(validate_walk_in(&BookingInput::default()).is_err());
    }

    #[test]
    fn a_question_answered_on_the_spot_needs_its_answer() {
        let spot = QuestionOutcome::AnsweredOnTheSpot;
        assert_eq!(
            check_question("Жол қашан жөнделеді?", spot, "").unwrap_err(),
            vec![FieldError { field: "answer", problem: Problem::Required }]
        );
        assert!(check_question("Жол қашан жөнделеді?", QuestionOutcome::TakenAsAppeal, "").is_ok());
        assert_eq!(check_question(" Q ", spot, " A ").unwrap(), ("Q".into(), "A".into()));
    }

    #[test]
    fn codes_are_unambiguous_and_read_from_cyrillic() {
        let code = booking_code(&[0, 1, 2, 3, 17, 18, 255]);
        assert_eq!(code, "ACEH9AH");
        assert!(is_booking_code(&code));
        // Typed on a Cyrillic keyboard, in lower case, with a dash.
        assert_eq!(normalise_code("асе-н9ан"), "ACEH9AH");
        assert!(!is_booking_code("ACEH0AH"), "no zero");
        assert!(!is_booking_code("ACEH9A"));
    }

    #[test]
    fn manage_tokens_carry_128_bits() {
        let t = manage_token(&[0xAB; MANAGE_TOKEN_BYTES]);
        assert_eq!(t.len(), 32);
        assert_eq!(normalise_manage_token(&format!(" {} ", t.to_uppercase())), Some(t));
        assert_eq!(normalise_manage_token("abc"), None);
        assert_eq!(normalise_manage_token(&"g".repeat(32)), None);
    }

    #[test]
    fn the_queue_is_by_slot_then_priority_then_booking_order() {
        let k = |id, slot, priority, booked_at| QueueKey { slot_starts_at: slot, priority, booked_at, id };
        let mut q = [
            k(1, Some(200), None, 1),
            k(2, Some(100), None, 5),
            k(3, Some(100), Some(Priority::Veteran), 9),
            k(4, Some(100), None, 2),
            k(5, None, None, 0),
            k(6, Some(200), Some(Priority::LargeFamily), 8),
        ];
        q.sort_by(queue_order);
        assert_eq!(q.iter().map(|k| k.id).collect::<Vec<_>>(), vec![3, 4, 2, 6, 1, 5]);
    }

    #[test]
    fn reminders_come_once_and_only_to_those_booked_in_time() {
        let slot = 1_000_000;
        let day = ReminderKind::DayBefore;
        let soon = ReminderKind::HoursBefore;
        let early = slot - 3 * 86_400;
        assert!(!day.is_due(slot, early, slot - 86_401));
        assert!(day.is_due(slot, early, slot - 86_400));
        assert!(!day.is_due(slot, early, slot - 7_200), "the 2-hour reminder takes over");
        assert!(soon.is_due(slot, early, slot - 7_200));
        assert!(!soon.is_due(slot, early, slot), "the slot has started");
        assert!(!day.is_due(slot, slot - 5 * 3600, slot - 4 * 3600), "booked after the day-before mark");
        assert!(soon.is_due(slot, slot - 5 * 3600, slot - 3600));
    }

    #[test]
    fn statuses() {
        assert!(BookingStatus::NoShow.is_active());
        assert!(!BookingStatus::Cancelled.is_active());
        assert!(BookingStatus::Waitlisted.is_pending());
        assert!(!BookingStatus::CheckedIn.is_pending());
        for k in BookingNotice::ALL {
            assert_eq!(BookingNotice::parse(k.as_str()), Some(*k));
        }
        assert_eq!(ReminderKind::DayBefore.notice().as_str(), "reminder_24h");
    }
}
