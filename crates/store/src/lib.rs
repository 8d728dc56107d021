//! The storage seam: one narrow trait per aggregate, in domain words, and
//! two implementations (SQLite, PostgreSQL) that share their SQL where the
//! dialects agree. The web layer sees only [`Store`]; both backends pass the
//! one conformance suite in `tests/conformance.rs`.

mod error;
pub mod export;
pub mod log;
pub mod postgres;
pub mod schema;
pub mod sqlite;
pub mod testing;
mod types;

use async_trait::async_trait;
use std::sync::Arc;

pub use error::StoreError;
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
