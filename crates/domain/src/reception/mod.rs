//! Receptions: the project offices' public receptions of citizens (DESIGN.md,
//! "Seats" and "Times"). What a reception is (mode, status, capacity, its
//! booking window and slots), whether it may be booked at a given instant,
//! and the checks of a coordinator's plan. The store enforces capacity under
//! concurrency; every rule that needs no database lives here, with the
//! clock passed in. Instants are UTC seconds; local times are Asia/Qyzylorda.

mod booking;
mod schedule;

pub use booking::*;
pub use schedule::*;

use crate::appeal::{required_text, AppealLanguage, Problem};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

named_enum!(
    /// Where a reception happens: at a place (an address), online (a link
    /// shown only to people booked) or as a field visit to a village.
    Mode {
        Place => "place",
        Online => "online",
        FieldVisit => "field_visit",
    }
);

named_enum!(
    /// Where a reception stands. "Open" is not stored: it is a planned (or
    /// postponed) reception inside its booking window, see [`may_book`].
    ReceptionStatus {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
        /// Moved to a new time (with a reason); it is planned at that time.
        Postponed => "postponed",
    }
);

impl ReceptionStatus {
    /// Still ahead: it may be booked, changed, postponed, cancelled or held.
    pub fn is_upcoming(self) -> bool {
        matches!(self, ReceptionStatus::Planned | ReceptionStatus::Postponed)
    }
}

/// A co-host beside the host (say, the Anti-Corruption Agency's
/// representative): named on the public page, not a person the platform
/// keeps a record of.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoHost {
    pub name: String,
    pub position: String,
    pub institution: String,
}

/// How many people a reception takes: slots of `slot_minutes` from its
/// start, `seats_per_slot` in each, and a waiting list of `waitlist_size`
/// for when every seat is taken. Set when the reception is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub slot_minutes: i64,
    pub seats_per_slot: i64,
    pub waitlist_size: i64,
}

/// What a coordinator may change about a planned reception without moving
/// it (a new time is a postponement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    pub mode: Mode,
    /// The place, or the village of a field visit; may be empty online.
    pub address: String,
    /// The online meeting's address: only people booked are given it.
    pub online_link: Option<String>,
    pub topics: String,
    /// The languages the reception is held in (Kazakh, Russian).
    pub languages: Vec<AppealLanguage>,
    /// Step-free access, a sign-language interpreter, a hearing loop…
    pub accessibility: String,
    pub co_hosts: Vec<CoHost>,
    /// Booking opens this many days before the start…
    pub opens_days_before: i64,
    /// …and closes this many hours before it.
    pub closes_hours_before: i64,
}

pub const MIN_SLOT_MINUTES: i64 = 5;
pub const MAX_SLOT_MINUTES: i64 = 240;
pub const MAX_SEATS_PER_SLOT: i64 = 200;
pub const MAX_WAITLIST: i64 = 1_000;
pub const MAX_OPENS_DAYS_BEFORE: i64 = 365;
pub const MAX_CLOSES_HOURS_BEFORE: i64 = 168;
/// A reception is a working day's event, not a week's.
pub const MAX_DURATION_SECS: i64 = 12 * 3600;
pub const MAX_ADDRESS_CHARS: usize = 500;
pub const MAX_TOPICS_CHARS: usize = 2_000;
pub const MAX_ACCESSIBILITY_CHARS: usize = 1_000;
pub const MAX_LINK_CHARS: usize = 2_000;
pub const MAX_PERSON_FIELD_CHARS: usize = 200;

/// Why a field of a reception's plan was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanProblem {
    /// A text field's own problem (required, too long, control characters…).
    Text(Problem),
    /// A number outside its bounds (see the `MIN_`/`MAX_` constants).
    OutOfRange,
    /// The end is not after the start.
    NotAfterStart,
    /// Longer than [`MAX_DURATION_SECS`].
    TooLong,
    /// An online link that is not an http(s) address.
    BadLink,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanError {
    pub field: &'static str,
    pub problem: PlanProblem,
}

/// Checks a reception's plan and reports every problem at once; the
/// details come back trimmed as they are to be stored.
pub fn check_plan(
    starts_at: i64,
    ends_at: i64,
    capacity: &Capacity,
    details: &Details,
) -> Result<Details, Vec<PlanError>> {
    let mut errors = Vec::new();
    let mut push = |field: &'static str, problem: PlanProblem| errors.push(PlanError { field, problem });
    if ends_at <= starts_at {
        push("ends_at", PlanProblem::NotAfterStart);
    } else if ends_at - starts_at > MAX_DURATION_SECS {
        push("ends_at", PlanProblem::TooLong);
    }
    let ranges = [
        ("slot_minutes", capacity.slot_minutes, MIN_SLOT_MINUTES, MAX_SLOT_MINUTES),
        ("seats_per_slot", capacity.seats_per_slot, 1, MAX_SEATS_PER_SLOT),
        ("waitlist_size", capacity.waitlist_size, 0, MAX_WAITLIST),
        ("opens_days_before", details.opens_days_before, 0, MAX_OPENS_DAYS_BEFORE),
        ("closes_hours_before", details.closes_hours_before, 0, MAX_CLOSES_HOURS_BEFORE),
    ];
    for (field, value, min, max) in ranges {
        if !(min..=max).contains(&value) {
            push(field, PlanProblem::OutOfRange);
        }
    }
    let e = &mut errors;
    let address = plan_text("address", &details.address, MAX_ADDRESS_CHARS, details.mode != Mode::Online, e);
    let topics = plan_text("topics", &details.topics, MAX_TOPICS_CHARS, false, e);
    let accessibility = plan_text("accessibility", &details.accessibility, MAX_ACCESSIBILITY_CHARS, false, e);
    let link = details.online_link.as_deref().map(str::trim).filter(|l| !l.is_empty());
    let mut push = |field: &'static str, problem: PlanProblem| errors.push(PlanError { field, problem });
    let online_link = match link {
        None if details.mode == Mode::Online => {
            push("online_link", PlanProblem::Text(Problem::Required));
            None
        }
        None => None,
        Some(l) => {
            if l.chars().count() > MAX_LINK_CHARS {
                push("online_link", PlanProblem::Text(Problem::TooLong));
            } else if !is_web_link(l) {
                push("online_link", PlanProblem::BadLink);
            }
            Some(l.to_owned())
        }
    };
    let mut co_hosts = Vec::new();
    for c in &details.co_hosts {
        let name = plan_text("co_hosts", &c.name, MAX_PERSON_FIELD_CHARS, true, &mut errors);
        let position = plan_text("co_hosts", &c.position, MAX_PERSON_FIELD_CHARS, false, &mut errors);
        let institution = plan_text("co_hosts", &c.institution, MAX_PERSON_FIELD_CHARS, false, &mut errors);
        co_hosts.push(CoHost { name, position, institution });
    }
    let mut languages: Vec<AppealLanguage> = Vec::new();
    for l in &details.languages {
        if !languages.contains(l) {
            languages.push(*l);
        }
    }
    if languages.is_empty() {
        errors.push(PlanError { field: "languages", problem: PlanProblem::Text(Problem::Required) });
    }
    if errors.is_empty() {
        Ok(Details { address, online_link, topics, accessibility, co_hosts, languages, ..details.clone() })
    } else {
        Err(errors)
    }
}

/// A text of the plan: required or not, trimmed, its problem recorded.
fn plan_text(field: &'static str, value: &str, max: usize, needed: bool, errors: &mut Vec<PlanError>) -> String {
    match required_text(value, max) {
        Ok(v) => v,
        Err(Problem::Required) if !needed => String::new(),
        Err(problem) => {
            errors.push(PlanError { field, problem: PlanProblem::Text(problem) });
            value.trim().to_owned()
        }
    }
}

/// An http(s) address with a host and no spaces: what a meeting link is.
fn is_web_link(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// When booking is possible: from `opens_at` (N days before the start)
/// until `closes_at` (M hours before it), both UTC seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub opens_at: i64,
    pub closes_at: i64,
}

/// The booking window of a reception starting at `starts_at`.
pub fn booking_window(starts_at: i64, opens_days_before: i64, closes_hours_before: i64) -> Window {
    Window { opens_at: starts_at - opens_days_before * 86_400, closes_at: starts_at - closes_hours_before * 3_600 }
}

/// Why a booking (or a move, or a cancellation) was refused: the web says
/// each in the reader's language (`reception-refused-<key>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Refusal {
    /// No such reception (or booking).
    NotFound,
    Cancelled,
    /// Already held: its day is over.
    Held,
    /// It has started (or is over).
    Started,
    /// It has not started yet (it cannot be marked held before its time).
    NotStarted,
    NotYetOpen {
        opens_at: i64,
    },
    Closed {
        closed_at: i64,
    },
    /// This person (by phone or e-mail) already holds a place in it.
    AlreadyBooked,
    /// The slot asked for is not one of this reception's.
    NoSuchSlot,
    /// The booking is not in a state that allows this (cancelled, or the
    /// person was already received).
    NotActive,
    /// The idempotency key was used for another booking (another
    /// reception or person): a client's mistake, never answered with that
    /// booking.
    KeyReused,
}

impl Refusal {
    /// The message-key part naming the refusal.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::NotFound => "not-found",
            Refusal::Cancelled => "cancelled",
            Refusal::Held => "held",
            Refusal::Started => "started",
            Refusal::NotStarted => "not-started",
            Refusal::NotYetOpen { .. } => "not-yet-open",
            Refusal::Closed { .. } => "closed",
            Refusal::AlreadyBooked => "already-booked",
            Refusal::NoSuchSlot => "no-such-slot",
            Refusal::NotActive => "not-active",
            Refusal::KeyReused => "key-reused",
        }
    }
}

/// Whether a reception may be booked at `now`: upcoming (planned or
/// postponed), not started, and inside its booking window. "Open" on the
/// pages is exactly this.
pub fn may_book(status: ReceptionStatus, starts_at: i64, window: Window, now: i64) -> Result<(), Refusal> {
    match status {
        ReceptionStatus::Cancelled => Err(Refusal::Cancelled),
        ReceptionStatus::Held => Err(Refusal::Held),
        _ if now >= starts_at => Err(Refusal::Started),
        _ if now < window.opens_at => Err(Refusal::NotYetOpen { opens_at: window.opens_at }),
        _ if now >= window.closes_at => Err(Refusal::Closed { closed_at: window.closes_at }),
        _ => Ok(()),
    }
}

/// Whether a reception is open for booking at `now` (see [`may_book`]).
pub fn is_open(status: ReceptionStatus, starts_at: i64, window: Window, now: i64) -> bool {
    may_book(status, starts_at, window, now).is_ok()
}

/// Whether a booked person may still give up their place at `now`: until
/// the reception starts, even after booking has closed (the seat may go to
/// someone on the waiting list).
pub fn may_cancel(status: ReceptionStatus, starts_at: i64, now: i64) -> Result<(), Refusal> {
    match status {
        ReceptionStatus::Cancelled => Err(Refusal::Cancelled),
        ReceptionStatus::Held => Err(Refusal::Held),
        _ if now >= starts_at => Err(Refusal::Started),
        _ => Ok(()),
    }
}

/// The slots of a reception: back to back from the start, each
/// `slot_minutes` long, as many as fit before the end (at least one, which
/// ends with the reception when it is shorter than a slot).
pub fn slot_times(starts_at: i64, ends_at: i64, slot_minutes: i64) -> Vec<(i64, i64)> {
    let len = slot_minutes.max(1) * 60;
    let mut out = Vec::new();
    let mut at = starts_at;
    while at + len <= ends_at {
        out.push((at, at + len));
        at += len;
    }
    if out.is_empty() && ends_at > starts_at {
        out.push((starts_at, ends_at));
    }
    out
}

/// Whether two spans of time overlap (touching ends do not).
pub fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

static ZONE: LazyLock<TimeZone> = LazyLock::new(|| {
    jiff::tz::TimeZoneDatabase::bundled().get(crate::calendar::TIME_ZONE).expect("the bundled tz database has the zone")
});

/// The zone receptions are planned and shown in (Asia/Qyzylorda).
pub fn zone() -> &'static TimeZone {
    &ZONE
}

/// The local date and time of an instant.
pub fn local_datetime(at: i64) -> DateTime {
    let ts = jiff::Timestamp::from_second(at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ZONE.to_datetime(ts)
}

/// The local day an instant falls on: a reception at 00:30 local time is on
/// that day, not on the UTC day before.
pub fn local_date(at: i64) -> Date {
    local_datetime(at).date()
}

/// The instant of a local date and time (the earlier one if the clocks
/// ever repeat an hour again).
pub fn at_local(date: Date, time: Time) -> i64 {
    ZONE.to_ambiguous_timestamp(date.to_datetime(time)).compatible().map(|t| t.as_second()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_790_000_000;

    fn details() -> Details {
        Details {
            mode: Mode::Place,
            address: " Ауыл әкімдігі, 1-қабат ".into(),
            online_link: None,
            topics: "Жер, су".into(),
            languages: vec![AppealLanguage::Kk, AppealLanguage::Ru, AppealLanguage::Kk],
            accessibility: String::new(),
            co_hosts: vec![],
            opens_days_before: 14,
            closes_hours_before: 2,
        }
    }

    fn capacity() -> Capacity {
        Capacity { slot_minutes: 20, seats_per_slot: 3, waitlist_size: 5 }
    }

    #[test]
    fn a_plan_is_checked_whole_and_trimmed() {
        let ok = check_plan(START, START + 3 * 3600, &capacity(), &details()).unwrap();
        assert_eq!(ok.address, "Ауыл әкімдігі, 1-қабат");
        assert_eq!(ok.languages, vec![AppealLanguage::Kk, AppealLanguage::Ru], "each language once");
        let bad = Details { mode: Mode::Online, address: String::new(), languages: vec![], ..details() };
        let errors = check_plan(START, START, &Capacity { seats_per_slot: 0, ..capacity() }, &bad).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert!(fields.contains(&("ends_at", PlanProblem::NotAfterStart)));
        assert!(fields.contains(&("seats_per_slot", PlanProblem::OutOfRange)));
        assert!(fields.contains(&("online_link", PlanProblem::Text(Problem::Required))));
        assert!(fields.contains(&("languages", PlanProblem::Text(Problem::Required))));
        assert!(!fields.iter().any(|(f, _)| *f == "address"), "online needs no address");
        let place_without_address = Details { address: " ".into(), ..details() };
        let errors = check_plan(START, START + 3600, &capacity(), &place_without_address).unwrap_err();
        assert_eq!(errors, vec![PlanError { field: "address", problem: PlanProblem::Text(Problem::Required) }]);
        let long = check_plan(START, START + MAX_DURATION_SECS + 1, &capacity(), &details()).unwrap_err();
        assert_eq!(long, vec![PlanError { field: "ends_at", problem: PlanProblem::TooLong }]);
    }

    #[test]
    fn an_online_link_must_be_a_web_address() {
        let with = |l: &str| Details { mode: Mode::Online, online_link: Some(l.into()), ..details() };
        assert!(check_plan(START, START + 3600, &capacity(), &with("https://meet.example/abc")).is_ok());
        for bad in ["meet.example/abc", "https://", "javascript:alert(1)", "https://a b"] {
            let errors = check_plan(START, START + 3600, &capacity(), &with(bad)).unwrap_err();
            assert_eq!(errors, vec![PlanError { field: "online_link", problem: PlanProblem::BadLink }], "{bad}");
        }
    }

    #[test]
    fn open_means_upcoming_and_inside_the_window() {
        let w = booking_window(START, 14, 2);
        assert_eq!(w, Window { opens_at: START - 14 * 86_400, closes_at: START - 7_200 });
        let planned = ReceptionStatus::Planned;
        assert_eq!(may_book(planned, START, w, w.opens_at - 1), Err(Refusal::NotYetOpen { opens_at: w.opens_at }));
        assert_eq!(may_book(planned, START, w, w.opens_at), Ok(()));
        assert_eq!(may_book(ReceptionStatus::Postponed, START, w, w.closes_at - 1), Ok(()));
        assert_eq!(may_book(planned, START, w, w.closes_at), Err(Refusal::Closed { closed_at: w.closes_at }));
        assert_eq!(may_book(planned, START, w, START), Err(Refusal::Started));
        assert_eq!(may_book(ReceptionStatus::Cancelled, START, w, w.opens_at), Err(Refusal::Cancelled));
        assert_eq!(may_book(ReceptionStatus::Held, START, w, w.opens_at), Err(Refusal::Held));
        assert!(is_open(planned, START, w, w.opens_at + 10));
        assert!(!is_open(planned, START, w, START + 10));
    }

    #[test]
    fn a_place_may_be_given_up_until_the_start() {
        assert_eq!(may_cancel(ReceptionStatus::Planned, START, START - 60), Ok(()));
        assert_eq!(may_cancel(ReceptionStatus::Planned, START, START), Err(Refusal::Started));
        assert_eq!(may_cancel(ReceptionStatus::Cancelled, START, START - 60), Err(Refusal::Cancelled));
    }

    #[test]
    fn slots_are_back_to_back_and_fit_the_reception() {
        assert_eq!(slot_times(0, 3600, 20), vec![(0, 1200), (1200, 2400), (2400, 3600)]);
        assert_eq!(slot_times(0, 3000, 20), vec![(0, 1200), (1200, 2400)], "the rest is too short for a slot");
        assert_eq!(slot_times(0, 600, 20), vec![(0, 600)], "a short reception is one slot");
        assert!(slot_times(10, 10, 20).is_empty());
    }

    #[test]
    fn overlapping_spans() {
        assert!(overlaps((0, 10), (5, 15)));
        assert!(overlaps((0, 10), (2, 3)));
        assert!(!overlaps((0, 10), (10, 20)), "back to back is no clash");
    }

    #[test]
    fn local_times_are_qyzylorda_times() {
        // 00:30 on 5 May 2026 in Qyzylorda is 19:30 UTC on 4 May.
        let at = at_local(jiff::civil::date(2026, 5, 5), jiff::civil::time(0, 30, 0, 0));
        assert_eq!(jiff::Timestamp::from_second(at).unwrap().to_string(), "2026-05-04T19:30:00Z");
        assert_eq!(local_date(at), jiff::civil::date(2026, 5, 5));
        assert_eq!(local_datetime(at).time(), jiff::civil::time(0, 30, 0, 0));
    }

    #[test]
    fn names_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.as_str()), Some(*m));
        }
        for s in ReceptionStatus::ALL {
            assert_eq!(ReceptionStatus::parse(s.as_str()), Some(*s));
        }
    }
}
