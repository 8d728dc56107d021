//! Rows as the seam hands them out: plain data in domain words.

use adaldyq_domain::territory::TerritoryKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TerritoryRecord {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: i64,
    pub kind: TerritoryKind,
    pub name_kk: String,
    pub name_ru: String,
    /// Codes from the root down to this unit, itself included.
    pub path: Vec<String>,
    pub routable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ImportReport {
    pub added: u64,
    pub updated: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInstitution {
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Institution {
    pub id: i64,
    pub territory_code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub is_demo: bool,
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub created_at: i64,
    pub is_demo: bool,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser").field("email", &"<redacted>").finish_non_exhaustive()
    }
}

/// A user row. Secrets (password hash, TOTP secret) are left out of `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub failed_sign_ins: i64,
    pub locked_until: Option<i64>,
    pub created_at: i64,
    pub is_demo: bool,
    /// The language of the person's notices (a locale segment: kk,
    /// kk-latn, ru, en).
    pub language: String,
    /// Where SMS notices go (+7XXXXXXXXXX); none: no SMS.
    pub phone: Option<String>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("totp_enabled", &self.totp_enabled)
            .field("failed_sign_ins", &self.failed_sign_ins)
            .field("locked_until", &self.locked_until)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInFailures {
    pub count: i64,
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolePolicy {
    pub role: adaldyq_domain::Role,
    pub require_second_factor: bool,
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: Vec<u8>,
    pub user_id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolState {
    pub size: u32,
    pub idle: u32,
}

/// One cell of an exported row, in the portable types the schema uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    /// Base64 in the export file.
    Blob(BlobCell),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlobCell {
    pub b64: String,
}

/// A new appeal, checked and dated, ready to be stored in one transaction
/// with its events and its receipt notice.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAppeal {
    pub appeal: adaldyq_domain::appeal::ValidAppeal,
    /// Region and year that number the receipt.
    pub region: String,
    pub year: i32,
    pub received_at: i64,
    pub registered_on: String,
    pub due_on: String,
    pub term_days: i64,
    /// HMAC of the receipt secret; the secret itself is never stored.
    pub secret_hash: Option<Vec<u8>>,
    /// The form's one-time token, so a resubmitted form files nothing twice.
    pub client_token: Option<String>,
    pub salt: Vec<u8>,
    /// The routing rule that chose the institution, when one did.
    pub routed_by_rule: Option<i64>,
    /// Files already stored on disk, recorded with the appeal.
    pub attachments: Vec<NewAttachment>,
    /// Who registered it: a citizen online, or a coordinator from paper.
    pub actor_role: adaldyq_domain::Role,
    pub actor_user_id: Option<i64>,
    /// How it came (the web form unless said otherwise) and from which
    /// reception.
    pub origin: AppealOrigin,
}

/// How an appeal reached the platform: the channel, and the reception a
/// question taken there was raised at. The default is the web form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppealOrigin {
    pub channel: adaldyq_domain::appeal::AppealChannel,
    pub reception_id: Option<i64>,
}

impl std::fmt::Debug for NewAppeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAppeal").field("region", &self.region).field("year", &self.year).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateOutcome {
    Created {
        id: i64,
        number: String,
    },
    /// The same form was sent before: this is its number.
    Duplicate {
        number: String,
    },
}

/// An appeal row. The contact lives apart (it is personal data).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Appeal {
    pub id: i64,
    pub number: String,
    pub kind: adaldyq_domain::appeal::AppealKind,
    pub category_id: Option<i64>,
    pub territory_code: String,
    pub institution_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub subject: String,
    pub body: String,
    pub language: adaldyq_domain::appeal::AppealLanguage,
    pub anonymous: bool,
    pub status: adaldyq_domain::appeal::Status,
    pub received_at: i64,
    pub registered_on: String,
    pub due_on: String,
    pub term_days: i64,
    #[serde(skip)]
    pub secret_hash: Option<Vec<u8>>,
    pub updated_at: i64,
    pub channel: adaldyq_domain::appeal::AppealChannel,
    /// The reception the question was raised at (channel `reception`).
    pub reception_id: Option<i64>,
}

impl std::fmt::Debug for Appeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Appeal").field("number", &self.number).field("status", &self.status).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppealEvent {
    pub id: i64,
    pub kind: adaldyq_domain::appeal::EventKind,
    pub at: i64,
    /// A role's name, or "system" for what the platform does by itself.
    pub actor_role: String,
    pub actor_user_id: Option<i64>,
    /// JSON: what the event says (an answer's text, a reason).
    pub body: String,
    /// Staff-only (internal notes): never shown to the applicant.
    pub internal: bool,
    /// Its leaf in the transparency log.
    pub leaf_index: Option<i64>,
}

/// An event to record, with the status it moves the appeal to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: adaldyq_domain::appeal::EventKind,
    pub at: i64,
    pub actor_role: String,
    pub actor_user_id: Option<i64>,
    pub body: String,
    pub internal: bool,
    /// A notice for the applicant, written in the same transaction.
    pub notice: Option<String>,
    /// A notice for staff (assigned to them, escalated to them), written in
    /// the same transaction.
    pub staff_notice: Option<StaffNotice>,
}

/// A notice to staff about an appeal's event: to whom, its kind (see
/// `adaldyq_domain::notice`) and what its text needs (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNotice {
    pub kind: String,
    pub to: StaffRecipients,
    pub payload: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffRecipients {
    /// One person (the officer an appeal was assigned to).
    User(i64),
    /// The heads of the body that has the appeal once the event is done
    /// (where it was escalated or disputed to), the actor aside.
    HeadsOfAppealBody,
}

/// Which (kind, channel) pairs a person has switched off.
pub type SwitchedOff = Vec<(String, Channel)>;

/// One's notice settings: the language and phone (on `users`) and the
/// optional notices switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeProfile {
    pub language: String,
    pub phone: Option<String>,
    pub switched_off: SwitchedOff,
}

/// An open appeal falling due soon, as a morning digest lists it, with the
/// staff member it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    /// The staff member: the assignee, or a head of the body for an
    /// appeal nobody is assigned to.
    pub user_id: i64,
    pub appeal_id: i64,
    pub number: String,
    pub due_on: String,
    pub subject: String,
}

/// In which order a staff list comes, and so which keyset pages it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InboxOrder {
    /// Newest first, paged by `before_id` (the API's order).
    #[default]
    Newest,
    /// Soonest due first, then first filed, paged by `after_due`: a day's
    /// work in the order the deadlines ask for it.
    Due,
}

/// Which appeals a staff list shows; pages by keyset (`before_id`, or
/// `after_due` in due order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    pub institutions: Vec<i64>,
    /// Territory subtrees (their path prefixes are looked up by code).
    pub territories: Vec<String>,
    pub status: Option<adaldyq_domain::appeal::Status>,
    /// Only appeals assigned to this user.
    pub assignee: Option<i64>,
    pub kind: Option<adaldyq_domain::appeal::AppealKind>,
    pub language: Option<adaldyq_domain::appeal::AppealLanguage>,
    /// Narrows the scope to a territory's subtree.
    pub within: Option<String>,
    /// Only open appeals due on or after this date (with `due_by`: "due
    /// within the next days").
    pub due_from: Option<String>,
    /// Full-text query: for each word, the stems any of which must occur
    /// (see `adaldyq_domain::search::query_terms`).
    pub text: Vec<Vec<String>>,
    /// Only open appeals due on or before this date (YYYY-MM-DD).
    pub due_by: Option<String>,
    /// Only appeals still waiting for an answer (their deadline runs).
    pub open_only: bool,
    pub order: InboxOrder,
    pub before_id: Option<i64>,
    /// In due order: only the rows after this (due date, id).
    pub after_due: Option<(String, i64)>,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxRow {
    pub id: i64,
    pub appeal_id: Option<i64>,
    /// Set for a notice to a booked person (receptions).
    pub booking_id: Option<i64>,
    pub kind: String,
    pub payload: String,
    pub created_at: i64,
}

/// One exception to the Monday–Friday week, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRow {
    pub day: String,
    pub working: bool,
    pub reason: String,
}

/// An open appeal's term, for recomputing its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTerm {
    pub id: i64,
    /// The receipt number, for the calendar editor's preview of moves.
    pub number: String,
    pub registered_on: String,
    pub term_days: i64,
    pub due_on: String,
}

/// A change that is not about one appeal: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_role: String,
    pub kind: String,
    pub body: String,
}

/// An issued API token (its secret is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: i64,
    pub kind: adaldyq_domain::appeal::AppealKind,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    pub kind: adaldyq_domain::appeal::AppealKind,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

/// Appeals of `category` (or of any category when `None`: the territory's
/// default) filed on `territory` or below go to `institution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutingRule {
    pub id: i64,
    pub category_id: Option<i64>,
    pub territory_code: String,
    pub institution_id: i64,
}

/// A file stored content-addressed, to record with an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub sha256: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub appeal_id: i64,
    #[serde(skip)]
    pub sha256: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerTemplate {
    pub id: i64,
    pub institution_id: i64,
    pub language: String,
    pub title: String,
    pub body: String,
}

/// Who made a change: the audit trail keeps the person, the transparency
/// log only the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub role: String,
    pub user_id: Option<i64>,
}

impl Actor {
    /// The platform itself (start-up data, jobs) or the operator's CLI.
    pub fn system() -> Actor {
        Actor { role: "system".into(), user_id: None }
    }

    pub fn user(role: &str, user_id: i64) -> Actor {
        Actor { role: role.into(), user_id: Some(user_id) }
    }
}

/// How far the log has grown, and how much of it is in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogState {
    pub size: u64,
    pub integrated: u64,
}

/// A signed checkpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointRow {
    pub size: u64,
    pub root: Vec<u8>,
    pub note: String,
    pub created_at: i64,
}

/// A witness's cosignature line on a stored checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CosignatureRow {
    pub size: u64,
    pub witness: String,
    pub line: String,
    pub created_at: i64,
}

/// An appeal event with what its leaf commits to, for `log verify`.
#[derive(Debug, Clone)]
pub struct LoggedEvent {
    pub event_id: i64,
    pub number: String,
    pub kind: String,
    pub at: i64,
    pub actor_role: String,
    pub body: String,
    pub institution_id: Option<i64>,
    pub leaf_index: Option<i64>,
    pub salt: Vec<u8>,
    pub subject: String,
    pub text: String,
    /// The acting user (the leaf commits to it through the salted hash).
    pub actor_user_id: Option<i64>,
    /// The appeal's state after the event; `None` for older events.
    pub state: Option<String>,
    /// The appeal is a corruption report (its leaves' times are rounded).
    pub corruption_report: bool,
}

/// An appeal as it stands, beside the state its last event logged, for
/// `log verify`.
#[derive(Debug, Clone)]
pub struct AppealStateRow {
    pub appeal_id: i64,
    pub number: String,
    pub current: crate::log::AppealState,
    /// The last event's state; `None` when that event predates logged states.
    pub logged: Option<String>,
}

/// A change not about one appeal (calendar, routing, roles), for `log verify`.
#[derive(Debug, Clone)]
pub struct LoggedAudit {
    pub id: i64,
    pub kind: String,
    pub at: i64,
    pub actor_role: String,
    pub body: String,
    pub salt: Option<Vec<u8>>,
    pub leaf_index: Option<i64>,
}

/// What one round of the checkpointer writes.
#[derive(Debug, Clone)]
pub struct Integration {
    /// The tree size the round started from (a guard against a second writer).
    pub from: u64,
    pub to: u64,
    pub hashes: Vec<(u64, [u8; 32])>,
    pub checkpoint: CheckpointRow,
}

/// What a tombstone does besides recording itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tombstone {
    /// The subject, the text and the texts of the events are blanked.
    Hide,
    /// As `Hide`, and the contact and every file go (erasure on request).
    Erase,
    /// These files go (their retention period is over).
    DeleteAttachments(Vec<i64>),
}

/// How a notice travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A notice a worker has claimed: what to send, to whom, in which language,
/// with what the message needs (the appeal's number, the event's body).
#[derive(Clone)]
pub struct Notice {
    pub id: i64,
    pub appeal_id: Option<i64>,
    /// The account whose notice it is (a staff member, a signed-in filer):
    /// its switch-off link names the account rather than the appeal.
    pub user_id: Option<i64>,
    /// Set for a notice to a booked person (a reception's `booking_…`,
    /// `reception_…`, `waitlist_promoted` and `reminder_…` kinds).
    pub booking_id: Option<i64>,
    /// The appeal's receipt number (never its secret).
    pub number: Option<String>,
    /// The event kind that caused the notice ("registered", "extended", …).
    pub kind: String,
    pub payload: String,
    /// The body of the event that caused it (a reason, an institution id).
    pub event_body: Option<String>,
    pub channel: Channel,
    pub address: String,
    /// A language segment: kk, kk-latn, ru or en.
    pub language: String,
    /// Tries so far, this one included.
    pub tries: i64,
    /// Stable for the notice: every try carries the same one.
    pub message_id: String,
    pub created_at: i64,
}

impl std::fmt::Debug for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notice")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("channel", &self.channel)
            .field("tries", &self.tries)
            .finish_non_exhaustive()
    }
}

/// The delivery queue at a glance, for the administrator's page and metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxStats {
    /// Notices waiting to be sent (not sent, not dead, with a recipient).
    pub queued: i64,
    /// When the oldest of them was written.
    pub oldest_created_at: Option<i64>,
    /// Queued notices whose last try failed.
    pub failing: i64,
    /// Notices given up on.
    pub dead: i64,
    pub sent: i64,
}

/// A notice that failed or was given up on, as the administrator sees it.
#[derive(Debug, Clone)]
pub struct NoticeProblem {
    pub id: i64,
    pub number: Option<String>,
    pub kind: String,
    pub channel: Channel,
    pub address: String,
    pub tries: i64,
    pub last_error: String,
    pub next_try_at: i64,
    pub dead_at: Option<i64>,
}
