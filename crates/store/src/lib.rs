//! The storage seam: one narrow trait per aggregate, in domain words, and
//! two implementations (SQLite, PostgreSQL) that share their SQL where the
//! dialects agree. The web layer sees only [`Store`]; both backends pass the
//! one conformance suite in `tests/conformance.rs`.

mod error;
pub mod export;
pub mod log;
pub mod postgres;
mod receptions;
pub mod schema;
pub mod sqlite;
pub mod testing;
mod types;

use async_trait::async_trait;
use std::sync::Arc;

pub use error::StoreError;
pub use receptions::*;
pub use types::*;

use adaldyq_domain::territory::Territory;
use adaldyq_domain::{Grant, Role};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Facts about the installation itself (for example that the demo is loaded).
#[async_trait]
pub trait MetaStore: Send + Sync {
    async fn meta(&self, key: &str) -> Result<Option<String>>;
    /// Sets a fact only if it is not set yet; true when this call set it.
    /// Start-up uses it so that two servers never load the demo twice.
    async fn claim_meta(&self, key: &str, value: &str) -> Result<bool>;
}

/// The territory tree and the institutions that hang on it.
#[async_trait]
pub trait TerritoryStore: Send + Sync {
    /// Adds new territories and renames existing ones in one transaction;
    /// rows must come parents first (as `parse_kato_csv` gives them).
    async fn upsert_territories(&self, rows: &[Territory]) -> Result<ImportReport>;
    async fn territories(&self) -> Result<Vec<TerritoryRecord>>;
    async fn territory(&self, code: &str) -> Result<Option<TerritoryRecord>>;
    /// Marks a subtree as not receiving routed work (Baikonur's lease).
    async fn set_routable(&self, code: &str, routable: bool) -> Result<()>;
    async fn create_institution(&self, new: &NewInstitution) -> Result<i64>;
    async fn institution(&self, id: i64) -> Result<Option<Institution>>;
    /// Institutions on the territory and below it, or all of them.
    async fn institutions(&self, under: Option<&str>) -> Result<Vec<Institution>>;
}

/// Users, their grants and the second-factor policy per role.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Fails with [`StoreError::Conflict`] when the e-mail address is taken.
    async fn create_user(&self, new: &NewUser) -> Result<i64>;
    async fn user(&self, id: i64) -> Result<Option<User>>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn users(&self) -> Result<Vec<User>>;
    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()>;
    /// Counts a failed sign-in and locks the account for `lock_secs` once
    /// `lock_after` failures are reached; returns the new state.
    async fn record_failed_sign_in(
        &self,
        user_id: i64,
        now: i64,
        lock_after: i64,
        lock_secs: i64,
    ) -> Result<SignInFailures>;
    async fn clear_failed_sign_ins(&self, user_id: i64) -> Result<()>;
    /// Stores a new, not yet confirmed TOTP secret (or removes it).
    async fn set_totp(&self, user_id: i64, secret: Option<&str>, enabled: bool) -> Result<()>;
    /// Spends a TOTP time step: true only the first time a step at or after
    /// the last used one is presented, so a code cannot be replayed.
    async fn spend_totp_step(&self, user_id: i64, step: i64) -> Result<bool>;
    async fn grants(&self, user_id: i64) -> Result<Vec<Grant>>;
    async fn add_grant(&self, user_id: i64, grant: &Grant, by: &Actor) -> Result<()>;
    async fn remove_grant(&self, user_id: i64, grant: &Grant, by: &Actor) -> Result<bool>;
    async fn role_policies(&self) -> Result<Vec<RolePolicy>>;
    async fn set_role_policy(&self, role: Role, require_second_factor: bool, by: &Actor) -> Result<()>;
}

/// API tokens for staff integrations.
#[async_trait]
pub trait TokenStore: Send + Sync {
    async fn create_token(&self, user_id: i64, token_hash: &[u8], name: &str, now: i64) -> Result<i64>;
    /// The user a live (not revoked) token belongs to.
    async fn token_user(&self, token_hash: &[u8]) -> Result<Option<i64>>;
    async fn tokens(&self) -> Result<Vec<ApiToken>>;
    async fn revoke_token(&self, id: i64, now: i64) -> Result<bool>;
}

/// Server-side sessions, shared by every app server through the database.
#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, new: &NewSession) -> Result<()>;
    /// A live session (not expired at `now`) by the hash of its token.
    async fn session(&self, token_hash: &[u8], now: i64) -> Result<Option<Session>>;
    async fn touch_session(&self, token_hash: &[u8], now: i64, expires_at: i64) -> Result<()>;
    async fn complete_second_factor(&self, token_hash: &[u8]) -> Result<()>;
    async fn delete_session(&self, token_hash: &[u8]) -> Result<()>;
    /// Ends every session of a user but one (after a password change).
    async fn delete_other_sessions(&self, user_id: i64, keep: &[u8]) -> Result<u64>;
    async fn purge_expired_sessions(&self, now: i64) -> Result<u64>;
}

/// Appeals, filed and changed: filing with a race-free receipt number, and
/// every later change with its event, log leaf and notice (the store's
/// `shared/appeals/filing.rs` and `workflow.rs`).
#[async_trait]
pub trait AppealStore: Send + Sync {
    /// Stores the appeal, its contact, the "filed" and "registered" events
    /// and the receipt notice in one transaction, numbering it from a
    /// counter that cannot race.
    async fn create_appeal(&self, new: &NewAppeal) -> Result<CreateOutcome>;
    /// Records an event if the appeal is still in `from` (another officer may
    /// have moved it meanwhile): false when it was not.
    async fn record_event(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        event: &NewEvent,
    ) -> Result<bool>;
    /// Like [`AppealStore::record_event`], and sets a new term and due date
    /// in the same transaction (an extension; a clarification that stopped
    /// the clock).
    async fn record_term_event(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        event: &NewEvent,
        term_days: i64,
        due_on: &str,
    ) -> Result<bool>;
    /// Hands the appeal to another institution with its event, if nobody
    /// moved it meanwhile.
    async fn forward_appeal(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        institution_id: i64,
        event: &NewEvent,
    ) -> Result<bool>;
    /// Assigns the appeal (status assigned) with its event, if nobody moved
    /// it meanwhile.
    async fn assign_appeal(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        assignee_id: i64,
        event: &NewEvent,
    ) -> Result<bool>;
    /// Moves the appeal to a status, possibly another institution, and a new
    /// term, with its event (a dispute sends it to the higher body).
    #[allow(clippy::too_many_arguments)]
    async fn reassign_with_term(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        institution_id: Option<i64>,
        term_days: i64,
        due_on: &str,
        event: &NewEvent,
    ) -> Result<bool>;
    /// Records an event that brings files (an answer with documents, the
    /// applicant adding information), with the files' rows, in one
    /// transaction, if the appeal is still in `from`.
    async fn record_event_with_files(
        &self,
        appeal_id: i64,
        from: adaldyq_domain::appeal::Status,
        to: adaldyq_domain::appeal::Status,
        event: &NewEvent,
        files: &[NewAttachment],
    ) -> Result<bool>;
    /// Hides or erases content, or deletes files, and writes the tombstone
    /// event (with its reason) in the same transaction: nothing goes
    /// silently. The content hashes of the files whose rows went, for the
    /// caller to remove those no other appeal refers to.
    async fn tombstone(&self, appeal_id: i64, what: &Tombstone, event: &NewEvent) -> Result<Vec<String>>;
}

/// What is read about appeals: one appeal, its events, files and contact;
/// the inbox; the lists the jobs walk (`shared/appeals/queries.rs`).
#[async_trait]
pub trait AppealQueries: Send + Sync {
    async fn appeal_by_number(&self, number: &str) -> Result<Option<Appeal>>;
    /// An appeal by its row id (a reception's question links to it so).
    async fn appeal_by_id(&self, id: i64) -> Result<Option<Appeal>>;
    async fn appeal_contact(&self, appeal_id: i64) -> Result<Option<adaldyq_domain::appeal::Contact>>;
    async fn appeal_events(&self, appeal_id: i64) -> Result<Vec<AppealEvent>>;
    /// Users holding the officer or head role over an institution.
    async fn staff_of_institution(&self, institution_id: i64) -> Result<Vec<User>>;
    async fn inbox(&self, filter: &InboxFilter) -> Result<Vec<Appeal>>;
    /// How many appeals the filter matches (its keyset and limit aside),
    /// counting no further than `cap`: a page can say "more than 10,000"
    /// without walking a million rows.
    async fn inbox_count(&self, filter: &InboxFilter, cap: i64) -> Result<i64>;
    /// Open appeals due before `today` that are not escalated yet (Art. 91:
    /// a missed deadline counts as a refusal), oldest first.
    async fn overdue(&self, today: &str, limit: i64) -> Result<Vec<Appeal>>;
    /// Answered appeals not touched since `before` (seconds), oldest first:
    /// their dispute window is over and they can be closed.
    async fn answered_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>>;
    /// The appeals a signed-in user filed (named ones only), newest first.
    async fn appeals_filed_by(&self, user_id: i64, limit: i64) -> Result<Vec<Appeal>>;
    /// Escalated appeals due before `date`, oldest first (for the next step).
    async fn escalated_due_before(&self, date: &str, limit: i64) -> Result<Vec<Appeal>>;
    /// Notices not sent yet, one per event whatever the number of its
    /// recipients (see [`OutboxStore`] for the delivery queue itself).
    async fn outbox_pending(&self, limit: i64) -> Result<Vec<OutboxRow>>;
    async fn attachments(&self, appeal_id: i64) -> Result<Vec<Attachment>>;
    async fn attachment(&self, id: i64) -> Result<Option<Attachment>>;
    /// How many attachment rows refer to a stored file.
    async fn attachment_refs(&self, sha256: &str) -> Result<i64>;
    /// Closed appeals, untouched since `before`, that still have files.
    async fn closed_with_files_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>>;
    /// The morning digest's lines: open appeals due on or before `until`
    /// (overdue ones too), each for its assignee, or for every head of its
    /// body while nobody is assigned; by person, then soonest due. Appeals
    /// waiting for the applicant's clarification are left out (their clock
    /// is stopped).
    async fn due_for_digest(&self, until: &str, limit: i64) -> Result<Vec<DigestLine>>;
}

/// The programme's structure behind public receptions: the programme and
/// its project office, one working group per rural district with its
/// members, and the hosts who receive citizens
/// (`shared/receptions/programme.rs`).
#[async_trait]
pub trait ProgrammeStore: Send + Sync {
    async fn create_programme(&self, new: &NewProgramme) -> Result<i64>;
    async fn programmes(&self) -> Result<Vec<Programme>>;
    async fn programme(&self, id: i64) -> Result<Option<Programme>>;
    /// Fails with [`StoreError::Conflict`] when the programme already has a
    /// group in that rural district.
    async fn create_working_group(&self, new: &NewWorkingGroup) -> Result<i64>;
    /// Loads groups with their members in one transaction (an import, the
    /// demo's 144 groups): all or nothing. Each member's `group_id` is
    /// ignored: it joins the group it comes with. The groups' ids, in order.
    async fn load_working_groups(&self, groups: &[(NewWorkingGroup, Vec<NewMember>)]) -> Result<Vec<i64>>;
    /// Renames the group or changes its contact (not its district or
    /// programme); false when there is no such group.
    async fn update_working_group(&self, id: i64, new: &NewWorkingGroup) -> Result<bool>;
    async fn working_group(&self, id: i64) -> Result<Option<WorkingGroup>>;
    /// The groups on the territory and below it (all of them with `None`),
    /// in territory order.
    async fn working_groups(&self, under: Option<&str>) -> Result<Vec<WorkingGroup>>;
    /// The group a place belongs to: the group of the territory itself or
    /// of the nearest unit above it (a village's rural district).
    async fn working_group_for(&self, territory: &str) -> Result<Option<WorkingGroup>>;
    async fn add_member(&self, new: &NewMember) -> Result<i64>;
    async fn remove_member(&self, id: i64) -> Result<bool>;
    /// The members with their contacts, for staff.
    async fn members(&self, group_id: i64) -> Result<Vec<Member>>;
    /// The members as the public page shows them: a phone or e-mail only
    /// where the member agreed to show it.
    async fn public_members(&self, group_id: i64) -> Result<Vec<Member>>;
    async fn create_host(&self, new: &NewHost) -> Result<i64>;
    async fn host(&self, id: i64) -> Result<Option<Host>>;
    /// Hosts by name, optionally only those of one institution.
    async fn hosts(&self, institution_id: Option<i64>) -> Result<Vec<Host>>;
}

/// Planning receptions (`shared/receptions/scheduling.rs`, and
/// `schedules.rs` for the recurring schedules): each change
/// raises the reception's sequence (iCal SEQUENCE) and is a leaf in the
/// transparency log, in the same transaction; bookings are never logged.
/// A host cannot hold two overlapping receptions (neither cancelled): the
/// clash is named. Check the plan with `adaldyq_domain::reception::check_plan`
/// before calling.
#[async_trait]
pub trait ReceptionStore: Send + Sync {
    /// Schedules a reception with its slots (leaf `reception_scheduled`).
    async fn schedule_reception(&self, new: &NewReception, by: &Actor, now: i64) -> Result<PlanOutcome>;
    /// Changes the host and what may change without moving the reception
    /// (mode, place, link, topics, languages, access, co-hosts, booking
    /// window); leaf `reception_changed`. Refused once held or cancelled.
    async fn update_reception(
        &self,
        id: i64,
        host_id: i64,
        details: &adaldyq_domain::reception::Details,
        by: &Actor,
        now: i64,
    ) -> Result<PlanOutcome>;
    /// Cancels with a reason: every active booking is cancelled and told
    /// (`reception_cancelled`); leaf `reception_cancelled`.
    async fn cancel_reception(&self, id: i64, reason: &str, by: &Actor, now: i64) -> Result<PlanOutcome>;
    /// Moves the reception to a new start (same length): its slots shift
    /// with it, bookings are carried over and told (`reception_postponed`),
    /// their reminders are due again; leaf `reception_postponed`.
    /// `new_starts_at` must be in the future ([`StoreError::Invalid`]).
    async fn postpone_reception(
        &self,
        id: i64,
        new_starts_at: i64,
        reason: &str,
        by: &Actor,
        now: i64,
    ) -> Result<PlanOutcome>;
    /// Marks the reception held (not before its start): those booked who
    /// never came become no-shows, and the summary counts go into the leaf
    /// `reception_held`.
    async fn hold_reception(
        &self,
        id: i64,
        host_attended: bool,
        by: &Actor,
        now: i64,
    ) -> Result<std::result::Result<HeldSummary, adaldyq_domain::reception::Refusal>>;
    /// Records on the day whether the host came (before it is marked held,
    /// which fixes it in the log); false when the reception is not upcoming.
    async fn set_host_attended(&self, id: i64, attended: bool, now: i64) -> Result<bool>;
    /// A recurring schedule (leaf `reception_schedule_created`); it makes
    /// nothing until [`ReceptionStore::generate_receptions`] runs it.
    async fn create_schedule(&self, new: &NewSchedule, by: &Actor, now: i64) -> Result<i64>;
    async fn schedule(&self, id: i64) -> Result<Option<Schedule>>;
    /// The schedules, of one working group or all.
    async fn schedules(&self, group_id: Option<i64>) -> Result<Vec<Schedule>>;
    async fn set_schedule_active(&self, id: i64, active: bool, by: &Actor, now: i64) -> Result<bool>;
    /// Makes the schedule's receptions from `from` to `to` (local dates,
    /// both included): working days of `calendar` only. A day off is
    /// flagged, a date on which the host is busy is reported with the clash,
    /// a date made before is left alone; each reception made is scheduled
    /// as by [`ReceptionStore::schedule_reception`].
    async fn generate_receptions(
        &self,
        schedule_id: i64,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
        calendar: &adaldyq_domain::calendar::Calendar,
        by: &Actor,
        now: i64,
    ) -> Result<GenerateReport>;
}

/// Seats (`shared/receptions/booking.rs`, and `reminders.rs`): the
/// database holds capacity: a
/// guarded `taken < seats` update and the booking's insert in one
/// transaction, a unique index per reception and person, the waiting list
/// likewise guarded; never count-then-insert. Every change writes the
/// person's notice to the outbox in the same transaction. A manage token is
/// given by its keyed hash; an unknown or wrong one answers `None` and
/// changes nothing.
#[async_trait]
pub trait BookingStore: Send + Sync {
    /// Books the earliest slot with a free seat (or the one asked for);
    /// when every seat is taken, a place on the waiting list while there is
    /// room; else Full with the next free slots (of this reception or the
    /// working group's next open ones). The same idempotency key answers
    /// with the first booking (refused as `KeyReused` if that was another
    /// reception's or person's); a refusal changes nothing, so a repeat is
    /// judged afresh.
    async fn book(&self, new: &NewBooking, now: i64) -> Result<BookingOutcome>;
    async fn booking(&self, id: i64) -> Result<Option<Booking>>;
    /// The booking a manage link's token (its hash) belongs to.
    async fn booking_by_token(&self, token_hash: &[u8]) -> Result<Option<Booking>>;
    /// A booking of the reception by its code as typed (any case, Cyrillic
    /// look-alikes, dashes: see `adaldyq_domain::reception::normalise_code`).
    async fn booking_by_code(&self, reception_id: i64, code: &str) -> Result<Option<Booking>>;
    /// A signed-in person's bookings, soonest reception first.
    async fn bookings_of_user(&self, user_id: i64) -> Result<Vec<Booking>>;
    /// Gives up the place (until the reception starts): the seat goes to
    /// the first on the waiting list (told `waitlist_promoted`) in the same
    /// transaction, and the person is told `booking_cancelled`.
    async fn cancel_booking(&self, token_hash: &[u8], now: i64) -> Result<Option<CancelOutcome>>;
    /// The same, done by staff for the person.
    async fn cancel_booking_by_staff(&self, booking_id: i64, now: i64) -> Result<Option<CancelOutcome>>;
    /// Moves a booked place to another slot of the same reception while it
    /// is open, guarded as booking is; told `booking_moved`.
    async fn move_booking(&self, token_hash: &[u8], slot_id: i64, now: i64) -> Result<Option<MoveOutcome>>;
    /// The online link, for the holder of a seat (booked or checked in) at
    /// an upcoming online reception only.
    async fn online_link(&self, token_hash: &[u8]) -> Result<Option<String>>;
    /// Fills free seats from the waiting list, first come first served
    /// (after seats were added or a race left one free); how many moved up.
    async fn promote_waitlist(&self, reception_id: i64, now: i64) -> Result<u64>;
    /// Reminders whose time has come at `now` and that were not sent.
    async fn due_reminders(&self, now: i64, limit: i64) -> Result<Vec<DueReminder>>;
    /// Writes a reminder's notice and marks it sent, once: false when it
    /// was written before or the booking is no longer booked.
    async fn queue_reminder(
        &self,
        booking_id: i64,
        kind: adaldyq_domain::reception::ReminderKind,
        now: i64,
    ) -> Result<bool>;
    /// Upcoming receptions (not started at `now`) that have a free seat
    /// and someone on the waiting list, soonest first: what the periodic
    /// job hands to [`BookingStore::promote_waitlist`]. A cancellation
    /// promotes at once, so this finds only what a race left behind.
    async fn waitlists_to_promote(&self, now: i64, limit: i64) -> Result<Vec<i64>>;
}

/// The day of a reception (`shared/receptions/day.rs`): check-in, walk-ins,
/// no-shows, and the record of questions.
#[async_trait]
pub trait ReceptionDayStore: Send + Sync {
    /// Checks a person in by their booking code as typed (a no-show who
    /// comes late is checked in too).
    async fn check_in(&self, reception_id: i64, code: &str, now: i64) -> Result<CheckIn>;
    /// Someone who came without booking: recorded as a walk-in, checked in,
    /// in the slot of the moment, taking no seat. Refused when the
    /// reception is cancelled or held, or the person already has a
    /// booking (check them in instead).
    async fn walk_in(
        &self,
        reception_id: i64,
        person: &adaldyq_domain::reception::ValidBooking,
        language: &str,
        now: i64,
    ) -> Result<std::result::Result<Booking, adaldyq_domain::reception::Refusal>>;
    /// A booked (or checked-in) person who did not come when called.
    async fn mark_no_show(&self, booking_id: i64, now: i64) -> Result<bool>;
    /// The person was received by the host.
    async fn mark_received(&self, booking_id: i64, now: i64) -> Result<bool>;
    /// Records a question raised by a person who came (marking them
    /// received); refused for a booking that is cancelled, waitlisted or a
    /// no-show. Check the text with `check_question` first.
    async fn add_question(
        &self,
        question: &NewQuestion,
        now: i64,
    ) -> Result<std::result::Result<i64, adaldyq_domain::reception::Refusal>>;
    /// Links a question taken as an appeal to the appeal the web filed for
    /// it (channel `reception`); once: false if linked before or answered
    /// on the spot.
    async fn link_question_appeal(&self, question_id: i64, appeal_id: i64) -> Result<bool>;
}

/// What pages, feeds and the API read about receptions
/// (`shared/receptions/queries.rs`). Nothing here returns an online link
/// (see [`BookingStore::online_link`]) and only the staff reads return
/// personal data.
#[async_trait]
pub trait ReceptionQueries: Send + Sync {
    async fn reception(&self, id: i64) -> Result<Option<Reception>>;
    /// The changeable details with the online link, for the coordinator's
    /// edit form.
    async fn reception_details(&self, id: i64) -> Result<Option<adaldyq_domain::reception::Details>>;
    async fn receptions(&self, filter: &ReceptionFilter) -> Result<Vec<Reception>>;
    async fn slots(&self, reception_id: i64) -> Result<Vec<Slot>>;
    /// Slots with a free seat in this reception (if open at `now`) and the
    /// working group's next receptions open at `now`, soonest first.
    async fn free_slots(&self, reception_id: i64, now: i64, limit: i64) -> Result<Vec<FreeSlot>>;
    /// Staff: the day's queue in order (slot, priority, booking order):
    /// everyone booked, checked in, received or a no-show, walk-ins too.
    async fn queue(&self, reception_id: i64) -> Result<Vec<Booking>>;
    /// Staff: every booking, the waiting list and cancellations too, in
    /// booking order.
    async fn bookings(&self, reception_id: i64) -> Result<Vec<Booking>>;
    /// Staff: the record's questions in order.
    async fn questions(&self, reception_id: i64) -> Result<Vec<Question>>;
    /// The public summary, with the fate of its appeals as of `now`.
    async fn public_summary(&self, reception_id: i64, now: i64) -> Result<Option<PublicSummary>>;
}

/// The notices' delivery queue: claims with a lease (so two workers never
/// hold one notice at once), the outcome of each try, dead letters.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Claims up to `limit` notices due at `now` on `channels` for `worker`
    /// until `now + lease_secs`; counts the try. A notice whose lease ran
    /// out (its worker stopped) is claimable again.
    async fn claim_notices(
        &self,
        worker: &str,
        channels: &[Channel],
        now: i64,
        lease_secs: i64,
        limit: i64,
    ) -> Result<Vec<Notice>>;
    /// Records a notice as sent (whoever holds it now: it has left).
    async fn notice_sent(&self, id: i64, now: i64) -> Result<bool>;
    /// Records a failed try by the worker holding the notice: retried at
    /// `retry_at`, or dead-lettered when `None`. False when another worker
    /// holds it now or it was sent meanwhile.
    async fn notice_failed(&self, id: i64, worker: &str, error: &str, retry_at: Option<i64>, now: i64) -> Result<bool>;
    /// An administrator's retry of a dead or failing notice: due now, tries
    /// counted afresh.
    async fn retry_notice(&self, id: i64, now: i64) -> Result<bool>;
    async fn outbox_stats(&self) -> Result<OutboxStats>;
    /// Failing and dead notices, newest problem first.
    async fn notice_problems(&self, limit: i64) -> Result<Vec<NoticeProblem>>;
    /// Claims a day's morning digest (`digest:YYYY-MM-DD` in meta) and
    /// writes one digest notice per (user, payload) in the same
    /// transaction; false, with nothing written, when the day was claimed
    /// already (another server, an earlier round).
    async fn enqueue_digests(&self, day: &str, digests: &[(i64, String)], at: i64) -> Result<bool>;
}

/// Who wants which notices (issue 12's preferences): a person's language
/// and phone, the optional kinds they switched off per channel, and those
/// an applicant without an account switched off for one appeal. Legal
/// notices are sent whatever is stored here.
#[async_trait]
pub trait PreferenceStore: Send + Sync {
    async fn notice_profile(&self, user_id: i64) -> Result<Option<NoticeProfile>>;
    /// Sets the language and phone and replaces the switched-off set, in
    /// one transaction; false when there is no such user.
    async fn save_notice_profile(&self, user_id: i64, profile: &NoticeProfile) -> Result<bool>;
    /// Switches one kind off on one channel for a person (the link in a
    /// notice); false when it was off already or there is no such user.
    async fn switch_off_for_user(&self, user_id: i64, kind: &str, channel: Channel) -> Result<bool>;
    /// The same for an appeal whose applicant has no account.
    async fn switch_off_for_appeal(&self, appeal_id: i64, kind: &str, channel: Channel) -> Result<bool>;
    async fn appeal_switched_off(&self, appeal_id: i64) -> Result<SwitchedOff>;
}

/// Categories of appeals and the rules that route them.
#[async_trait]
pub trait RoutingStore: Send + Sync {
    async fn create_category(&self, new: &NewCategory, by: &Actor) -> Result<i64>;
    async fn categories(&self) -> Result<Vec<Category>>;
    async fn category(&self, id: i64) -> Result<Option<Category>>;
    async fn set_category_active(&self, id: i64, active: bool, by: &Actor) -> Result<bool>;
    async fn create_rule(
        &self,
        category_id: Option<i64>,
        territory_code: &str,
        institution_id: i64,
        by: &Actor,
    ) -> Result<i64>;
    async fn rules(&self) -> Result<Vec<RoutingRule>>;
    async fn delete_rule(&self, id: i64, by: &Actor) -> Result<bool>;
    /// The institution for an appeal of `category` on the territory whose
    /// path (root first) is `path`: the nearest territory with a rule wins,
    /// and at one territory a rule for the category beats the default.
    async fn route(&self, category: Option<i64>, path: &[String]) -> Result<Option<RoutingRule>>;
}

/// Answer templates per institution.
#[async_trait]
pub trait TemplateStore: Send + Sync {
    async fn create_template(&self, institution_id: i64, language: &str, title: &str, body: &str) -> Result<i64>;
    async fn templates(&self, institution_id: i64) -> Result<Vec<AnswerTemplate>>;
    async fn template(&self, id: i64) -> Result<Option<AnswerTemplate>>;
    async fn delete_template(&self, id: i64) -> Result<bool>;
}

/// The working-day calendar's exceptions (holidays, transfers).
#[async_trait]
pub trait CalendarStore: Send + Sync {
    async fn calendar(&self) -> Result<Vec<CalendarRow>>;
    /// Replaces the whole calendar in one transaction.
    async fn replace_calendar(&self, rows: &[CalendarRow]) -> Result<()>;
    /// The terms of appeals still waiting for an answer.
    async fn open_terms(&self) -> Result<Vec<OpenTerm>>;
    /// An administrator's change: the new calendar, the due dates it moves
    /// and the record of the change, all in one transaction.
    async fn apply_calendar_change(
        &self,
        rows: &[CalendarRow],
        due_dates: &[(i64, String)],
        audit: &AuditEntry,
    ) -> Result<()>;
    async fn audit_events(&self, kind: &str) -> Result<Vec<AuditEntry>>;
}

/// The transparency log: leaves (written by the other stores inside their
/// transactions), the tree's stored hashes, checkpoints, cosignatures.
#[async_trait]
pub trait LogStore: Send + Sync {
    async fn log_state(&self) -> Result<LogState>;
    /// Leaves with `start <= index < end`, in order.
    async fn log_leaves(&self, start: u64, end: u64) -> Result<Vec<(u64, Vec<u8>)>>;
    /// The stored tree hashes at these indexes (missing ones are left out).
    async fn log_hashes(&self, indexes: &[u64]) -> Result<Vec<(u64, Vec<u8>)>>;
    /// Stores a checkpointer round: the new tree hashes, the integrated size
    /// and the checkpoint, in one transaction; false if another round
    /// integrated meanwhile.
    async fn log_integrate(&self, round: &Integration) -> Result<bool>;
    /// Stores a checkpoint (false if one of that size exists).
    async fn add_checkpoint(&self, checkpoint: &CheckpointRow) -> Result<bool>;
    async fn latest_checkpoint(&self) -> Result<Option<CheckpointRow>>;
    async fn checkpoint(&self, size: u64) -> Result<Option<CheckpointRow>>;
    async fn checkpoints(&self) -> Result<Vec<CheckpointRow>>;
    async fn add_cosignature(&self, c: &CosignatureRow) -> Result<bool>;
    async fn cosignatures(&self, size: u64) -> Result<Vec<CosignatureRow>>;
    /// Appeal events after `after_id`, with what their leaves commit to.
    async fn logged_events(&self, after_id: i64, limit: i64) -> Result<Vec<LoggedEvent>>;
    async fn logged_audits(&self) -> Result<Vec<LoggedAudit>>;
    /// Appeals after `after_id` (by id) as they stand, each with the state
    /// its last event logged.
    async fn appeal_states(&self, after_id: i64, limit: i64) -> Result<Vec<AppealStateRow>>;
    async fn appeal_numbers(&self) -> Result<Vec<String>>;
    /// Appeals whose content a tombstone erased or hid: the number and the
    /// id of the last such event.
    async fn tombstones(&self) -> Result<Vec<(String, i64)>>;
}

/// Whole-installation export and import, table by table (see [`export`]).
#[async_trait]
pub trait DumpStore: Send + Sync {
    async fn dump_table(&self, table: &schema::Table) -> Result<Vec<Vec<CellValue>>>;
    /// Loads rows into empty tables in one transaction.
    async fn load_tables(&self, tables: &[(&schema::Table, Vec<Vec<CellValue>>)]) -> Result<()>;
    /// Tables and columns as the database reports them, for the parity test.
    async fn introspect(&self) -> Result<Vec<(String, Vec<String>)>>;
}

/// The whole seam: what the web layer and the server hold.
#[async_trait]
pub trait Store:
    MetaStore
    + TerritoryStore
    + AccountStore
    + SessionStore
    + TokenStore
    + RoutingStore
    + TemplateStore
    + AppealStore
    + AppealQueries
    + ProgrammeStore
    + ReceptionStore
    + BookingStore
    + ReceptionDayStore
    + ReceptionQueries
    + OutboxStore
    + PreferenceStore
    + CalendarStore
    + LogStore
    + DumpStore
{
    /// The backend's name, for logs and metrics ("sqlite", "postgres").
    fn backend(&self) -> &'static str;
    /// Answers when the database does (for `/readyz`).
    async fn ping(&self) -> Result<()>;
    /// Connections in use and idle, for `/metrics`.
    fn pool_state(&self) -> PoolState;
    /// Closes the pools cleanly (SQLite checkpoints its WAL).
    async fn close(&self);
}

pub type DynStore = Arc<dyn Store>;

/// Opens the store a URL names: `sqlite:PATH` / a plain path, or
/// `postgres://…`. Migrates before returning.
pub async fn open(url: &str) -> Result<DynStore> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url, None).await?))
    } else {
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        Ok(Arc::new(sqlite::SqliteStore::open(std::path::Path::new(path)).await?))
    }
}
