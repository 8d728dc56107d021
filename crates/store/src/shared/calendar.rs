//! The calendar's exceptions to the Monday–Friday week.

use super::super::{Backend, Db};
use super::log::audit;
use crate::{Actor, AuditEntry, CalendarRow, CalendarStore, NewEvent, OpenTerm, Result};
use adaldyq_domain::appeal::EventKind;
use async_trait::async_trait;
use sqlx::Row;

#[async_trait]
impl CalendarStore for Backend {
    async fn calendar(&self) -> Result<Vec<CalendarRow>> {
        let rows = sqlx::query::<Db>("SELECT day, working, reason FROM calendar_exceptions ORDER BY day")
            .fetch_all(self.read_pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(CalendarRow { day: r.try_get("day")?, working: r.try_get("working")?, reason: r.try_get("reason")? })
            })
            .collect()
    }

    async fn replace_calendar(&self, rows: &[CalendarRow]) -> Result<()> {
        let mut tx = self.write_pool().begin().await?;
        write_rows(&mut tx, rows).await?;
        let change = serde_json::json!({ "calendar_replaced": rows.len() });
        audit(&mut tx, &Actor::system(), "calendar_loaded", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn open_terms(&self) -> Result<Vec<OpenTerm>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, number, registered_on, term_days, due_on FROM appeals \
             WHERE status NOT IN ('answered', 'closed', 'rejected', 'forwarded') ORDER BY id",
        )
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OpenTerm {
                    id: r.try_get("id")?,
                    number: r.try_get("number")?,
                    registered_on: r.try_get("registered_on")?,
                    term_days: r.try_get("term_days")?,
                    due_on: r.try_get("due_on")?,
                })
            })
            .collect()
    }

    async fn apply_calendar_change(
        &self,
        rows: &[CalendarRow],
        due_dates: &[(i64, String)],
        audit: &AuditEntry,
    ) -> Result<()> {
        let mut tx = self.write_pool().begin().await?;
        write_rows(&mut tx, rows).await?;
        // Each moved due date is an event of its appeal, so the appeal's
        // state stays what its logged events say, with its notice.
        for (id, due) in due_dates {
            let was = sqlx::query_scalar::<Db, String>("SELECT due_on FROM appeals WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            if &was == due {
                continue;
            }
            sqlx::query::<Db>("UPDATE appeals SET due_on = $1 WHERE id = $2")
                .bind(due)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let event = NewEvent {
                kind: EventKind::TermRecomputed,
                at: audit.at,
                actor_role: audit.actor_role.clone(),
                actor_user_id: audit.actor_user_id,
                body: serde_json::json!({ "from": was, "to": due, "reason": "calendar_changed" }).to_string(),
                internal: false,
                // The applicant is told the new date and why (an anonymous
                // one gets a row that is never sent, as for every notice).
                notice: Some(serde_json::json!({ "due_on": due, "from": was }).to_string()),
                staff_notice: None,
            };
            super::appeals::insert_event(&mut tx, *id, &event).await?;
        }
        let by = Actor { role: audit.actor_role.clone(), user_id: audit.actor_user_id };
        super::log::audit(&mut tx, &by, &audit.kind, &audit.body, Some(audit.at)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_events(&self, kind: &str) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query::<Db>(
            "SELECT at, actor_user_id, kind, body, actor_role FROM audit_events WHERE kind = $1 ORDER BY id",
        )
        .bind(kind)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.try_get("at")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    kind: r.try_get("kind")?,
                    body: r.try_get("body")?,
                    actor_role: r.try_get("actor_role")?,
                })
            })
            .collect()
    }
}

async fn write_rows(tx: &mut sqlx::Transaction<'_, Db>, rows: &[CalendarRow]) -> Result<()> {
    sqlx::query::<Db>("DELETE FROM calendar_exceptions").execute(&mut **tx).await?;
    for r in rows {
        sqlx::query::<Db>("INSERT INTO calendar_exceptions (day, working, reason) VALUES ($1, $2, $3)")
            .bind(&r.day)
            .bind(r.working)
            .bind(&r.reason)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
