//! Rows of the receptions capability as the seam hands them out: the
//! programme's structure, receptions and their slots, bookings, the record
//! and the public summary. Personal data (a booked person's name and
//! contact) is kept out of `Debug`, and the public reads never carry the
//! online link.

use adaldyq_domain::appeal::AppealLanguage;
use adaldyq_domain::reception::{
    booking_window, may_book, BookingStatus, Capacity, CoHost, Details, Mode, Occurrence, Priority, QuestionOutcome,
    ReceptionStatus, Refusal, ReminderKind, Rule, ValidBooking, Window,
};
use serde::Serialize;

/// A programme (Kyzylorda's «Ақмешіт — адалдық алаңы») and its project office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgramme {
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub office_name_kk: String,
    pub office_name_ru: String,
    pub office_name_en: String,
    pub office_address: String,
    pub office_phone: String,
    pub office_email: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub id: i64,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub office_name_kk: String,
    pub office_name_ru: String,
    pub office_name_en: String,
    pub office_address: String,
    pub office_phone: String,
    pub office_email: String,
    pub is_demo: bool,
}

/// A programme's working group in one rural district (one per district and
/// programme); its contact is the group's public one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkingGroup {
    pub programme_id: i64,
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingGroup {
    pub id: i64,
    pub programme_id: i64,
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub is_demo: bool,
}

/// A member of a working group. The phone and e-mail are shown publicly
/// only when `contact_public` (the member agreed).
#[derive(Clone, PartialEq, Eq)]
pub struct NewMember {
    pub group_id: i64,
    pub name: String,
    /// The position in each language the pages are shown in.
    pub position_kk: String,
    pub position_ru: String,
    pub position_en: String,
    /// The institution they work for, when it is on the platform…
    pub institution_id: Option<i64>,
    /// …else (or also) its name as written.
    pub institution_text: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contact_public: bool,
    pub is_demo: bool,
}

impl std::fmt::Debug for NewMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewMember").field("group_id", &self.group_id).finish_non_exhaustive()
    }
}

/// A member as staff see them (with the contact, agreed to show or not).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: i64,
    pub group_id: i64,
    pub name: String,
    /// The position in each language the pages are shown in.
    pub position_kk: String,
    pub position_ru: String,
    pub position_en: String,
    pub institution_id: Option<i64>,
    pub institution_text: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contact_public: bool,
    pub is_demo: bool,
}

impl std::fmt::Debug for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Member").field("id", &self.id).field("group_id", &self.group_id).finish_non_exhaustive()
    }
}

impl Member {
    /// The member as the public page shows them: the contact only if agreed.
    pub fn public(&self) -> Member {
        let (phone, email) = if self.contact_public { (self.phone.clone(), self.email.clone()) } else { (None, None) };
        Member { phone, email, ..self.clone() }
    }
}

/// Who receives citizens at a reception: a head, an akim of a rural
/// district, a commission member. Reused across receptions (a host has a
/// feed of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHost {
    pub name: String,
    /// The position in each language the pages are shown in.
    pub position_kk: String,
    pub position_ru: String,
    pub position_en: String,
    pub institution_id: Option<i64>,
    pub institution_text: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Host {
    pub id: i64,
    pub name: String,
    /// The position in each language the pages are shown in.
    pub position_kk: String,
    pub position_ru: String,
    pub position_en: String,
    pub institution_id: Option<i64>,
    pub institution_text: String,
    pub is_demo: bool,
}

/// A reception to schedule: checked with
/// [`adaldyq_domain::reception::check_plan`] first (the store does not
/// check texts again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReception {
    pub group_id: i64,
    /// The group's rural district, or a village under it (a field visit).
    pub territory_code: String,
    pub host_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Capacity,
    pub details: Details,
}

/// A reception as anyone may see it. It never holds the online link (see
/// [`crate::BookingStore::online_link`]), only whether there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reception {
    pub id: i64,
    pub group_id: i64,
    pub territory_code: String,
    pub host_id: i64,
    pub co_hosts: Vec<CoHost>,
    pub mode: Mode,
    pub address: String,
    pub has_online_link: bool,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Capacity,
    pub opens_days_before: i64,
    pub closes_hours_before: i64,
    pub topics: String,
    pub languages: Vec<AppealLanguage>,
    pub accessibility: String,
    pub status: ReceptionStatus,
    /// Why it was cancelled or postponed.
    pub status_reason: Option<String>,
    /// The start it had before it was postponed.
    pub postponed_from: Option<i64>,
    /// Raised on every change (iCal SEQUENCE).
    pub sequence: i64,
    /// `None` until the day; `false` when the host did not come.
    pub host_attended: Option<bool>,
    pub schedule_id: Option<i64>,
    /// Seats of all slots, and how many are taken.
    pub seats: i64,
    pub seats_taken: i64,
    /// People on the waiting list.
    pub waitlisted: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Reception {
    pub fn seats_left(&self) -> i64 {
        (self.seats - self.seats_taken).max(0)
    }

    pub fn window(&self) -> Window {
        booking_window(self.starts_at, self.opens_days_before, self.closes_hours_before)
    }

    /// Whether it may be booked at `now`, and if not why.
    pub fn may_book(&self, now: i64) -> Result<(), Refusal> {
        may_book(self.status, self.starts_at, self.window(), now)
    }

    /// "Open" on the pages: bookable at `now`.
    pub fn is_open(&self, now: i64) -> bool {
        self.may_book(now).is_ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub id: i64,
    pub reception_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub seats: i64,
    pub taken: i64,
}

impl Slot {
    pub fn free(&self) -> i64 {
        (self.seats - self.taken).max(0)
    }
}

/// A slot with a free seat, offered when the one asked for is full: of the
/// same reception, or of the working group's next receptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FreeSlot {
    pub reception_id: i64,
    pub slot_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub free: i64,
}

/// In which order a list of receptions comes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReceptionOrder {
    /// Soonest first (the public list, the calendar, the iCal feeds).
    #[default]
    Starts,
    /// Most recently scheduled first (the Atom feed of new receptions).
    NewestScheduled,
}

/// Which receptions a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceptionFilter {
    /// The territory's subtree (a district, a rural district, a village).
    pub territory: Option<String>,
    pub group_id: Option<i64>,
    pub host_id: Option<i64>,
    /// Receptions whose host works for this institution.
    pub institution_id: Option<i64>,
    /// Starting at or after this instant…
    pub from: Option<i64>,
    /// …and before this one.
    pub to: Option<i64>,
    /// Only these statuses (all when empty).
    pub statuses: Vec<ReceptionStatus>,
    pub order: ReceptionOrder,
    pub limit: i64,
}

/// Another reception of the same host at an overlapping time: the reason a
/// reception is refused, named so the coordinator can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clash {
    pub reception_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// What scheduling, changing the host of or postponing a reception gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanOutcome {
    /// Done; the reception's id.
    Done(i64),
    /// The host has another reception then.
    HostBusy(Clash),
    /// The reception is not upcoming (held or cancelled), or not found.
    Refused(Refusal),
}

/// A booking to place. The manage token itself is never stored: only its
/// keyed hash (HMAC-SHA-256 under the server's key, as the receipt
/// secret), which the later calls look the booking up by.
#[derive(Clone, PartialEq, Eq)]
pub struct NewBooking {
    pub reception_id: i64,
    /// A slot the person chose; `None` takes the earliest with a free seat.
    pub slot_id: Option<i64>,
    pub booking: ValidBooking,
    pub manage_token_hash: Vec<u8>,
    /// The form's token or the API's `Idempotency-Key`: the same key
    /// answers with the first booking, placing nothing twice.
    pub idempotency_key: Option<String>,
    pub user_id: Option<i64>,
    /// The page's language segment (kk, kk-latn, ru, en): its notices' language.
    pub language: String,
}

impl std::fmt::Debug for NewBooking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewBooking").field("reception_id", &self.reception_id).finish_non_exhaustive()
    }
}

/// A booking placed: booked in a slot, or on the waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub booking_id: i64,
    pub code: String,
    /// Booked or waitlisted.
    pub status: BookingStatus,
    pub slot_starts_at: Option<i64>,
    /// The same idempotency key was used before: this is that booking
    /// (as it stands now), and nothing new was placed.
    pub duplicate: bool,
}

/// The answer to a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingOutcome {
    Placed(Placement),
    /// No seat and no room on the waiting list (or the slot asked for is
    /// full): free slots to offer instead, soonest first.
    Full {
        next: Vec<FreeSlot>,
    },
    Refused(Refusal),
}

/// A booking as staff and its holder see it (personal data: not in `Debug`).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    pub id: i64,
    pub reception_id: i64,
    pub slot_id: Option<i64>,
    pub slot_starts_at: Option<i64>,
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub topic: String,
    /// Staff only: never shown publicly.
    pub priority: Option<Priority>,
    pub user_id: Option<i64>,
    pub language: String,
    pub status: BookingStatus,
    pub walk_in: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub checked_in_at: Option<i64>,
}

impl std::fmt::Debug for Booking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Booking")
            .field("id", &self.id)
            .field("reception_id", &self.reception_id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The answer to cancelling a booking (an answer, not stored in bulk: the
/// booking is not boxed).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    /// Cancelled; the booking as it is now.
    Cancelled(Booking),
    Refused(Refusal),
}

/// The answer to moving a booking to another slot.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveOutcome {
    Moved(Booking),
    /// That slot has no free seat: others to offer.
    Full {
        next: Vec<FreeSlot>,
    },
    Refused(Refusal),
}

/// The answer to checking a person in by their code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckIn {
    CheckedIn(Booking),
    /// Checked in (or received) before: nothing changed.
    Already(Booking),
    /// Cancelled, or still on the waiting list: not checked in.
    NotActive(Booking),
    /// No booking of this reception has the code.
    Unknown,
}

/// A question raised by a person received, for the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub booking_id: i64,
    pub text: String,
    pub outcome: QuestionOutcome,
    /// The short answer given on the spot (empty when taken as an appeal).
    pub answer: String,
}

#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: i64,
    pub reception_id: i64,
    pub booking_id: i64,
    pub text: String,
    pub outcome: QuestionOutcome,
    pub answer: String,
    /// The appeal it became, once the web layer filed it.
    pub appeal_id: Option<i64>,
    pub created_at: i64,
}

impl std::fmt::Debug for Question {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Question").field("id", &self.id).field("outcome", &self.outcome).finish_non_exhaustive()
    }
}

/// The counts a held reception's leaf carries: no names, no contacts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HeldSummary {
    /// Places taken by booking (walk-ins aside).
    pub booked: i64,
    /// People received (booked and walk-ins).
    pub received: i64,
    pub walk_ins: i64,
    /// Booked people who did not come (those never checked in are counted
    /// as such when the reception is marked held).
    pub no_shows: i64,
    pub questions: i64,
    pub answered_on_the_spot: i64,
    pub taken_as_appeals: i64,
    pub host_attended: bool,
}

/// A reception's public summary: what happened and what became of the
/// appeals it raised (live), with no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicSummary {
    pub reception_id: i64,
    pub starts_at: i64,
    pub status: ReceptionStatus,
    pub host: Host,
    pub host_attended: Option<bool>,
    pub people_received: i64,
    pub questions: i64,
    pub answered_on_the_spot: i64,
    /// Questions that became appeals.
    pub appeals: i64,
    /// Of those: answered on or before their due date…
    pub answered_in_time: i64,
    /// …answered after it…
    pub answered_late: i64,
    /// …not answered and past it…
    pub overdue: i64,
    /// …and still within their term.
    pub pending: i64,
}

/// A recurring schedule: "every first Tuesday, 10:00–13:00" for a working
/// group and a host, with the terms of the receptions it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchedule {
    pub group_id: i64,
    pub territory_code: String,
    pub host_id: i64,
    pub rule: Rule,
    /// Local (Asia/Qyzylorda) times of day.
    pub start: jiff::civil::Time,
    pub end: jiff::civil::Time,
    pub capacity: Capacity,
    pub details: Details,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub id: i64,
    pub group_id: i64,
    pub territory_code: String,
    pub host_id: i64,
    pub rule: Rule,
    pub start: jiff::civil::Time,
    pub end: jiff::civil::Time,
    pub capacity: Capacity,
    pub details: Details,
    pub active: bool,
    pub created_at: i64,
}

/// What running a schedule over a range did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateReport {
    /// Receptions made: the local date and the new reception's id.
    pub created: Vec<(jiff::civil::Date, i64)>,
    /// Dates that are days off: not made, for a coordinator to decide.
    pub flagged: Vec<Occurrence>,
    /// Dates on which the host already has a reception: not made.
    pub clashes: Vec<(jiff::civil::Date, Clash)>,
    /// Dates the schedule had already made (a second run makes nothing twice).
    pub existing: Vec<jiff::civil::Date>,
}

/// A reminder whose time has come (see [`ReminderKind::is_due`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReminder {
    pub booking_id: i64,
    pub kind: ReminderKind,
    pub slot_starts_at: i64,
}
