//! Answer templates.

use super::super::{Backend, Db};
use crate::{AnswerTemplate, Result, TemplateStore};
use async_trait::async_trait;
use sqlx::Row;

fn template(r: &<Db as sqlx::Database>::Row) -> Result<AnswerTemplate> {
    Ok(AnswerTemplate {
        id: r.try_get("id")?,
        institution_id: r.try_get("institution_id")?,
        language: r.try_get("language")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
    })
}

#[async_trait]
impl TemplateStore for Backend {
    async fn create_template(&self, institution_id: i64, language: &str, title: &str, body: &str) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "INSERT INTO answer_templates (institution_id, language, title, body) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(institution_id)
        .bind(language)
        .bind(title)
        .bind(body)
        .fetch_one(self.write_pool())
        .await?)
    }

    async fn templates(&self, institution_id: i64) -> Result<Vec<AnswerTemplate>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, institution_id, language, title, body FROM answer_templates WHERE institution_id = $1 ORDER BY language, title, id",
        )
        .bind(institution_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(template).collect()
    }

    async fn template(&self, id: i64) -> Result<Option<AnswerTemplate>> {
        let row =
            sqlx::query::<Db>("SELECT id, institution_id, language, title, body FROM answer_templates WHERE id = $1")
                .bind(id)
                .fetch_optional(self.read_pool())
                .await?;
        row.as_ref().map(template).transpose()
    }

    async fn delete_template(&self, id: i64) -> Result<bool> {
        let done =
            sqlx::query::<Db>("DELETE FROM answer_templates WHERE id = $1").bind(id).execute(self.write_pool()).await?;
        Ok(done.rows_affected() == 1)
    }
}
