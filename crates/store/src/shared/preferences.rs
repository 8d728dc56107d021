//! Who wants which notices: a person's language and phone, the optional
//! notices they switched off, and those switched off for an appeal by the
//! link in a notice to an applicant without an account. Read when a notice
//! is written (outbox.rs), so a switched-off notice is never queued.

use super::super::{Backend, Db};
use crate::{Channel, NoticeProfile, PreferenceStore, Result, StoreError, SwitchedOff};
use async_trait::async_trait;
use sqlx::Row;

fn pairs(rows: &[<Db as sqlx::Database>::Row]) -> Result<SwitchedOff> {
    rows.iter()
        .map(|r| {
            let channel: String = r.try_get("channel")?;
            let channel =
                Channel::parse(&channel).ok_or_else(|| StoreError::Invalid(format!("notice channel {channel:?}")))?;
            Ok((r.try_get("kind")?, channel))
        })
        .collect()
}

#[async_trait]
impl PreferenceStore for Backend {
    async fn notice_profile(&self, user_id: i64) -> Result<Option<NoticeProfile>> {
        let Some(user) = sqlx::query::<Db>("SELECT language, phone FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.read_pool())
            .await?
        else {
            return Ok(None);
        };
        let rows =
            sqlx::query::<Db>("SELECT kind, channel FROM notice_preferences WHERE user_id = $1 ORDER BY kind, channel")
                .bind(user_id)
                .fetch_all(self.read_pool())
                .await?;
        Ok(Some(NoticeProfile {
            language: user.try_get("language")?,
            phone: user.try_get("phone")?,
            switched_off: pairs(&rows)?,
        }))
    }

    async fn save_notice_profile(&self, user_id: i64, profile: &NoticeProfile) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        let done = sqlx::query::<Db>("UPDATE users SET language = $2, phone = $3 WHERE id = $1")
            .bind(user_id)
            .bind(&profile.language)
            .bind(&profile.phone)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query::<Db>("DELETE FROM notice_preferences WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        for (kind, channel) in &profile.switched_off {
            sqlx::query::<Db>(
                "INSERT INTO notice_preferences (user_id, kind, channel) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(user_id)
            .bind(kind)
            .bind(channel.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn switch_off_for_user(&self, user_id: i64, kind: &str, channel: Channel) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "INSERT INTO notice_preferences (user_id, kind, channel) SELECT id, $2, $3 FROM users WHERE id = $1 \
             ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(kind)
        .bind(channel.as_str())
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn switch_off_for_appeal(&self, appeal_id: i64, kind: &str, channel: Channel) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "INSERT INTO appeal_notice_optouts (appeal_id, kind, channel) SELECT id, $2, $3 FROM appeals \
             WHERE id = $1 ON CONFLICT DO NOTHING",
        )
        .bind(appeal_id)
        .bind(kind)
        .bind(channel.as_str())
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn appeal_switched_off(&self, appeal_id: i64) -> Result<SwitchedOff> {
        let rows = sqlx::query::<Db>(
            "SELECT kind, channel FROM appeal_notice_optouts WHERE appeal_id = $1 ORDER BY kind, channel",
        )
        .bind(appeal_id)
        .fetch_all(self.read_pool())
        .await?;
        pairs(&rows)
    }
}
