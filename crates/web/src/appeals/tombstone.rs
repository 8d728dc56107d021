//! Nothing goes silently: hiding an appeal's content, erasing a filer's
//! personal data on request and deleting files whose retention is over
//! each write a tombstone event with the reason (and so a log leaf); the
//! files no appeal refers to any more are then removed from disk.

use crate::state::AppState;
use adaldyq_domain::appeal::EventKind;
use adaldyq_store::{Actor, NewEvent, Tombstone};

/// Removes stored files no attachment row refers to any more.
async fn remove_unreferenced(state: &AppState, shas: &[String]) -> adaldyq_store::Result<()> {
    for sha in shas {
        if state.store.attachment_refs(sha).await? == 0 {
            if let Some(path) = super::files::path_of(&state.config.data_dir, sha) {
                if let Err(e) = tokio::fs::remove_file(&path).await {
                    if e.kind() != std::io::ErrorKind::NotFound {
                        tracing::warn!(error = %e, "removing a file whose rows are gone");
                    }
                }
            }
        }
    }
    Ok(())
}

/// Hides (`erase == false`) or erases an appeal's content, with the reason.
pub async fn apply(
    state: &AppState,
    number: &str,
    what: Tombstone,
    reason: &str,
    by: &Actor,
    now: i64,
) -> anyhow::Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        anyhow::bail!("a reason is required: it is published in the log's history of the appeal");
    }
    let appeal =
        state.store.appeal_by_number(number).await?.ok_or_else(|| anyhow::anyhow!("no appeal numbered {number}"))?;
    let kind = match what {
        Tombstone::Hide => EventKind::Hidden,
        Tombstone::Erase => EventKind::Erased,
        Tombstone::DeleteAttachments(_) => EventKind::AttachmentsDeleted,
    };
    let event = NewEvent {
        kind,
        at: now,
        actor_role: by.role.clone(),
        actor_user_id: by.user_id,
        body: serde_json::json!({ "reason": reason }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    let gone = state.store.tombstone(appeal.id, &what, &event).await?;
    remove_unreferenced(state, &gone).await?;
    Ok(())
}

/// Deletes the files of appeals closed more than `retention_days` ago, each
/// with an `attachments_deleted` tombstone. How many appeals lost files.
pub async fn expire_files(state: &AppState, retention_days: i64, now: i64) -> adaldyq_store::Result<u64> {
    if retention_days <= 0 {
        return Ok(0);
    }
    let mut done = 0;
    for a in state.store.closed_with_files_before(now - retention_days * 86_400, 200).await? {
        let ids = state.store.attachments(a.id).await?.iter().map(|f| f.id).collect();
        let event = NewEvent {
            kind: EventKind::AttachmentsDeleted,
            at: now,
            actor_role: "system".into(),
            actor_user_id: None,
            body: serde_json::json!({ "reason": "retention_period_over", "days": retention_days }).to_string(),
            internal: false,
            notice: None,
            staff_notice: None,
        };
        let gone = state.store.tombstone(a.id, &Tombstone::DeleteAttachments(ids), &event).await?;
        remove_unreferenced(state, &gone).await?;
        done += 1;
    }
    Ok(done)
}
