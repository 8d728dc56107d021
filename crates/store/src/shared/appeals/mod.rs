//! Appeals, one aggregate in three files: `filing` (the race-free number,
//! the group committer), `workflow` (every change after filing, each with
//! its event, leaf and notice) and `queries` (what pages and jobs read).
//! This file holds what all three share: the row mappers and the writing
//! of an event with its log leaf and notice.

mod filing;
mod queries;
mod workflow;

pub(crate) use filing::Filings;

use super::super::Db;
use crate::log::{AppealState, EventRecord};
use crate::{Appeal, NewEvent, Result, StoreError};
use adaldyq_domain::appeal::{AppealChannel, AppealKind, AppealLanguage, EventKind, Status};
use sqlx::Row;

pub(super) const APPEAL_COLUMNS: &str = "a.id, a.number, a.kind, a.territory_code, a.institution_id, a.subject, a.body, \
     a.language, a.anonymous, a.status, a.received_at, a.registered_on, a.due_on, a.term_days, a.secret_hash, a.updated_at, a.category_id, a.assignee_id, a.channel, a.reception_id";

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!("{what} {v:?}"))
}

pub(super) fn appeal(row: &<Db as sqlx::Database>::Row) -> Result<Appeal> {
    let kind: String = row.try_get("kind")?;
    let language: String = row.try_get("language")?;
    let status: String = row.try_get("status")?;
    let channel: String = row.try_get("channel")?;
    Ok(Appeal {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        kind: AppealKind::parse(&kind).ok_or_else(|| bad("appeal kind", &kind))?,
        category_id: row.try_get("category_id")?,
        assignee_id: row.try_get("assignee_id")?,
        territory_code: row.try_get("territory_code")?,
        institution_id: row.try_get("institution_id")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        language: AppealLanguage::parse(&language).ok_or_else(|| bad("language", &language))?,
        anonymous: row.try_get("anonymous")?,
        status: Status::parse(&status).ok_or_else(|| bad("status", &status))?,
        received_at: row.try_get("received_at")?,
        registered_on: row.try_get("registered_on")?,
        due_on: row.try_get("due_on")?,
        term_days: row.try_get("term_days")?,
        secret_hash: row.try_get("secret_hash")?,
        updated_at: row.try_get("updated_at")?,
        channel: AppealChannel::parse(&channel).ok_or_else(|| bad("channel", &channel))?,
        reception_id: row.try_get("reception_id")?,
    })
}

fn attachment(r: &<Db as sqlx::Database>::Row) -> Result<crate::Attachment> {
    Ok(crate::Attachment {
        id: r.try_get("id")?,
        appeal_id: r.try_get("appeal_id")?,
        sha256: r.try_get("sha256")?,
        name: r.try_get("name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Inserts the files' rows; their ids, in order.
async fn insert_files(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    at: i64,
    files: &[crate::NewAttachment],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(files.len());
    for f in files {
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO attachments (appeal_id, sha256, name, media_type, size, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(appeal_id)
        .bind(&f.sha256)
        .bind(&f.name)
        .bind(&f.media_type)
        .bind(f.size)
        .bind(at)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// What an event's leaf says about its appeal: the appeal as it is after
/// the event (read in the event's transaction, after its update).
struct Logged {
    number: String,
    institution: Option<i64>,
    salt: Vec<u8>,
    subject: String,
    text: String,
    corruption_report: bool,
    state: AppealState,
}

async fn logged(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64) -> Result<Logged> {
    let a = sqlx::query::<Db>(
        "SELECT number, kind, institution_id, salt, subject, body, status, assignee_id, category_id, term_days, due_on \
         FROM appeals WHERE id = $1",
    )
    .bind(appeal_id)
    .fetch_one(&mut **tx)
    .await?;
    let files = sqlx::query::<Db>("SELECT id, sha256 FROM attachments WHERE appeal_id = $1 ORDER BY id")
        .bind(appeal_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("sha256")?)))
        .collect::<Result<Vec<(i64, String)>>>()?;
    let kind: String = a.try_get("kind")?;
    Ok(Logged {
        number: a.try_get("number")?,
        institution: a.try_get("institution_id")?,
        salt: a.try_get("salt")?,
        subject: a.try_get("subject")?,
        text: a.try_get("body")?,
        corruption_report: kind == AppealKind::CorruptionReport.as_str(),
        state: state_of(&a, files)?,
    })
}

/// An appeal row's state (its status, institution_id, assignee_id,
/// category_id, term_days and due_on columns) with its files.
pub(super) fn state_of(row: &<Db as sqlx::Database>::Row, files: Vec<(i64, String)>) -> Result<AppealState> {
    Ok(AppealState {
        status: row.try_get("status")?,
        institution: row.try_get("institution_id")?,
        assignee: row.try_get("assignee_id")?,
        category: row.try_get("category_id")?,
        term_days: row.try_get("term_days")?,
        due_on: row.try_get("due_on")?,
        files,
    })
}

/// Writes an event, its leaf in the transparency log and its notices (the
/// applicant's, the staff's), in the caller's transaction, after the change it records: the leaf commits to
/// the appeal's state as the change left it.
pub(super) async fn insert_event(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64, e: &NewEvent) -> Result<()> {
    let a = logged(tx, appeal_id).await?;
    insert_logged_event(tx, appeal_id, &a, e).await
}

/// Writes an event whose appeal the caller already has in hand.
async fn insert_logged_event(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    a: &Logged,
    e: &NewEvent,
) -> Result<()> {
    let state = a.state.encode();
    let record = EventRecord {
        kind: e.kind.as_str(),
        number: &a.number,
        at: e.at,
        role: &e.actor_role,
        institution: a.institution,
        salt: &a.salt,
        body: &e.body,
        filed: (e.kind == EventKind::Filed).then_some((a.subject.as_str(), a.text.as_str())),
        state: Some(&state),
        actor_user_id: e.actor_user_id,
        corruption_report: a.corruption_report,
    };
    let leaf_index = super::log::append_leaf(tx, &crate::log::event_leaf(&record)).await?;
    let event_id = sqlx::query_scalar::<Db, i64>(
        "INSERT INTO appeal_events (appeal_id, kind, at, actor_role, actor_user_id, body, internal, leaf_index, institution_id, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(appeal_id)
    .bind(e.kind.as_str())
    .bind(e.at)
    .bind(&e.actor_role)
    .bind(e.actor_user_id)
    .bind(&e.body)
    .bind(e.internal)
    .bind(leaf_index)
    .bind(a.institution)
    .bind(&state)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(notice) = &e.notice {
        super::outbox::enqueue(tx, appeal_id, event_id, e.kind.as_str(), notice, e.at).await?;
    }
    if let Some(notice) = &e.staff_notice {
        super::outbox::enqueue_for_staff(tx, appeal_id, event_id, e.actor_user_id, notice, e.at).await?;
    }
    Ok(())
}
