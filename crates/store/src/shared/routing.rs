//! Categories and routing rules.

use super::super::{Backend, Db};
use super::log::audit;
use crate::{Actor, Category, NewCategory, Result, RoutingRule, RoutingStore, StoreError};
use adaldyq_domain::appeal::AppealKind;
use async_trait::async_trait;
use sqlx::Row;

fn category(r: &<Db as sqlx::Database>::Row) -> Result<Category> {
    let kind: String = r.try_get("kind")?;
    Ok(Category {
        id: r.try_get("id")?,
        kind: AppealKind::parse(&kind).ok_or_else(|| StoreError::Invalid(format!("category kind {kind}")))?,
        name_kk: r.try_get("name_kk")?,
        name_ru: r.try_get("name_ru")?,
        name_en: r.try_get("name_en")?,
        active: r.try_get("active")?,
    })
}

fn rule(r: &<Db as sqlx::Database>::Row) -> Result<RoutingRule> {
    Ok(RoutingRule {
        id: r.try_get("id")?,
        category_id: r.try_get("category_id")?,
        territory_code: r.try_get("territory_code")?,
        institution_id: r.try_get("institution_id")?,
    })
}

#[async_trait]
impl RoutingStore for Backend {
    async fn create_category(&self, new: &NewCategory, by: &Actor) -> Result<i64> {
        let mut tx = self.write_pool().begin().await?;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO categories (kind, name_kk, name_ru, name_en, active) VALUES ($1, $2, $3, $4, true) RETURNING id",
        )
        .bind(new.kind.as_str())
        .bind(&new.name_kk)
        .bind(&new.name_ru)
        .bind(&new.name_en)
        .fetch_one(&mut *tx)
        .await?;
        let change = serde_json::json!({ "category_added": id, "kind": new.kind });
        audit(&mut tx, by, "routing_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn categories(&self) -> Result<Vec<Category>> {
        let rows =
            sqlx::query::<Db>("SELECT id, kind, name_kk, name_ru, name_en, active FROM categories ORDER BY kind, id")
                .fetch_all(self.read_pool())
                .await?;
        rows.iter().map(category).collect()
    }

    async fn category(&self, id: i64) -> Result<Option<Category>> {
        let row = sqlx::query::<Db>("SELECT id, kind, name_kk, name_ru, name_en, active FROM categories WHERE id = $1")
            .bind(id)
            .fetch_optional(self.read_pool())
            .await?;
        row.as_ref().map(category).transpose()
    }

    async fn set_category_active(&self, id: i64, active: bool, by: &Actor) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        let done = sqlx::query::<Db>("UPDATE categories SET active = $1 WHERE id = $2")
            .bind(active)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let change = serde_json::json!({ "category": id, "active": active });
        audit(&mut tx, by, "routing_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn create_rule(
        &self,
        category_id: Option<i64>,
        territory_code: &str,
        institution_id: i64,
        by: &Actor,
    ) -> Result<i64> {
        let mut tx = self.write_pool().begin().await?;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO routing_rules (category_id, territory_code, institution_id) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(category_id)
        .bind(territory_code)
        .bind(institution_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::NotFound("the category, territory or institution of the rule".into())
            }
            other => other.into(),
        })?;
        let change = serde_json::json!({ "rule_added": id, "category": category_id, "territory": territory_code, "institution": institution_id });
        audit(&mut tx, by, "routing_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn rules(&self) -> Result<Vec<RoutingRule>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, category_id, territory_code, institution_id FROM routing_rules ORDER BY territory_code, id",
        )
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(rule).collect()
    }

    async fn delete_rule(&self, id: i64, by: &Actor) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        let done = sqlx::query::<Db>("DELETE FROM routing_rules WHERE id = $1").bind(id).execute(&mut *tx).await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        audit(&mut tx, by, "routing_changed", &serde_json::json!({ "rule_deleted": id }).to_string(), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn route(&self, category: Option<i64>, path: &[String]) -> Result<Option<RoutingRule>> {
        // Deepest territory first; at each, the category's rule before the
        // default. Paths are short (at most four levels), so one query each.
        for code in path.iter().rev() {
            let rows = sqlx::query::<Db>(
                "SELECT id, category_id, territory_code, institution_id FROM routing_rules \
                 WHERE territory_code = $1 ORDER BY id",
            )
            .bind(code)
            .fetch_all(self.read_pool())
            .await?;
            let rules = rows.iter().map(rule).collect::<Result<Vec<_>>>()?;
            let specific = category.and_then(|c| rules.iter().find(|r| r.category_id == Some(c)));
            if let Some(r) = specific.or_else(|| rules.iter().find(|r| r.category_id.is_none())) {
                return Ok(Some(r.clone()));
            }
        }
        Ok(None)
    }
}
