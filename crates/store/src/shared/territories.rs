//! Territories and institutions.

use super::super::{Backend, Db};
use crate::{ImportReport, Institution, NewInstitution, Result, StoreError, TerritoryRecord, TerritoryStore};
use adaldyq_domain::territory::{Territory, TerritoryKind};
use async_trait::async_trait;
use sqlx::Row;

const TERRITORY_COLUMNS: &str = "code, parent_code, level, kind, name_kk, name_ru, path, routable";
const INSTITUTION_COLUMNS: &str = "i.id, i.territory_code, i.name_kk, i.name_ru, i.name_en, i.is_demo";

fn territory(row: &<Db as sqlx::Database>::Row) -> Result<TerritoryRecord> {
    let kind: String = row.try_get("kind")?;
    let path: String = row.try_get("path")?;
    Ok(TerritoryRecord {
        code: row.try_get("code")?,
        parent_code: row.try_get("parent_code")?,
        level: row.try_get("level")?,
        kind: TerritoryKind::parse(&kind).ok_or_else(|| StoreError::Invalid(format!("territory kind {kind}")))?,
        name_kk: row.try_get("name_kk")?,
        name_ru: row.try_get("name_ru")?,
        path: path.split('/').map(str::to_owned).collect(),
        routable: row.try_get("routable")?,
    })
}

fn institution(row: &<Db as sqlx::Database>::Row) -> Result<Institution> {
    Ok(Institution {
        id: row.try_get("id")?,
        territory_code: row.try_get("territory_code")?,
        name_kk: row.try_get("name_kk")?,
        name_ru: row.try_get("name_ru")?,
        name_en: row.try_get("name_en")?,
        is_demo: row.try_get("is_demo")?,
    })
}

#[async_trait]
impl TerritoryStore for Backend {
    async fn upsert_territories(&self, rows: &[Territory]) -> Result<ImportReport> {
        let mut tx = self.write_pool().begin().await?;
        let mut report = ImportReport::default();
        for t in rows {
            let parent_path = match &t.parent_code {
                None => None,
                Some(p) => Some(
                    sqlx::query_scalar::<Db, String>("SELECT path FROM territories WHERE code = $1")
                        .bind(p)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("parent territory {p}")))?,
                ),
            };
            if parent_path.as_deref().is_some_and(|pp| pp.split('/').any(|c| c == t.code)) {
                return Err(StoreError::TerritoryLoop(t.code.clone()));
            }
            let path = match parent_path {
                Some(pp) => format!("{pp}/{}", t.code),
                None => t.code.clone(),
            };
            let old_path = sqlx::query_scalar::<Db, String>("SELECT path FROM territories WHERE code = $1")
                .bind(&t.code)
                .fetch_optional(&mut *tx)
                .await?;
            let existed = old_path.is_some();
            // Moved under another parent: its whole subtree moves with it.
            if let Some(old) = old_path.filter(|old| *old != path) {
                sqlx::query::<Db>(
                    "UPDATE territories SET path = $1 || SUBSTR(path, LENGTH($2) + 1) WHERE path LIKE $2 || '/%'",
                )
                .bind(&path)
                .bind(&old)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query::<Db>(
                "INSERT INTO territories (code, parent_code, level, kind, name_kk, name_ru, path, routable) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, true) \
                 ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, \
                 kind = excluded.kind, name_kk = excluded.name_kk, name_ru = excluded.name_ru, path = excluded.path",
            )
            .bind(&t.code)
            .bind(&t.parent_code)
            .bind(t.level as i64)
            .bind(t.kind.as_str())
            .bind(&t.name_kk)
            .bind(&t.name_ru)
            .bind(&path)
            .execute(&mut *tx)
            .await?;
            if existed {
                report.updated += 1;
            } else {
                report.added += 1;
            }
        }
        tx.commit().await?;
        Ok(report)
    }

    async fn territories(&self) -> Result<Vec<TerritoryRecord>> {
        let sql = format!("SELECT {TERRITORY_COLUMNS} FROM territories ORDER BY path");
        let rows = sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?;
        rows.iter().map(territory).collect()
    }

    async fn territory(&self, code: &str) -> Result<Option<TerritoryRecord>> {
        let sql = format!("SELECT {TERRITORY_COLUMNS} FROM territories WHERE code = $1");
        let row = sqlx::query::<Db>(&sql).bind(code).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(territory).transpose()
    }

    async fn set_routable(&self, code: &str, routable: bool) -> Result<()> {
        let path = sqlx::query_scalar::<Db, String>("SELECT path FROM territories WHERE code = $1")
            .bind(code)
            .fetch_optional(self.read_pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("territory {code}")))?;
        sqlx::query::<Db>("UPDATE territories SET routable = $1 WHERE path = $2 OR path LIKE $3")
            .bind(routable)
            .bind(&path)
            .bind(format!("{path}/%"))
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn create_institution(&self, new: &NewInstitution) -> Result<i64> {
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO institutions (territory_code, name_kk, name_ru, name_en, is_demo) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&new.territory_code)
        .bind(&new.name_kk)
        .bind(&new.name_ru)
        .bind(&new.name_en)
        .bind(new.is_demo)
        .fetch_one(self.write_pool())
        .await?;
        Ok(id)
    }

    async fn institution(&self, id: i64) -> Result<Option<Institution>> {
        let sql = format!("SELECT {INSTITUTION_COLUMNS} FROM institutions i WHERE i.id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(institution).transpose()
    }

    async fn institutions(&self, under: Option<&str>) -> Result<Vec<Institution>> {
        let rows = match under {
            None => {
                let sql = format!("SELECT {INSTITUTION_COLUMNS} FROM institutions i ORDER BY i.id");
                sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?
            }
            Some(code) => {
                let sql = format!(
                    "SELECT {INSTITUTION_COLUMNS} FROM institutions i \
                     JOIN territories t ON t.code = i.territory_code \
                     JOIN territories s ON s.code = $1 \
                     WHERE t.path = s.path OR t.path LIKE s.path || '/%' ORDER BY i.id"
                );
                sqlx::query::<Db>(&sql).bind(code).fetch_all(self.read_pool()).await?
            }
        };
        rows.iter().map(institution).collect()
    }
}
