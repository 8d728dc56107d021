//! The calendar's exceptions to the Monday–Friday week.

use super::super::{Backend, Db};
use crate::{CalendarRow, CalendarStore, Result};
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
        sqlx::query::<Db>("DELETE FROM calendar_exceptions").execute(&mut *tx).await?;
        for r in rows {
            sqlx::query::<Db>("INSERT INTO calendar_exceptions (day, working, reason) VALUES ($1, $2, $3)")
                .bind(&r.day)
                .bind(r.working)
                .bind(&r.reason)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
