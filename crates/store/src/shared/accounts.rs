//! Users, grants and the second-factor policy.

use super::super::{Backend, Db};
use super::log::audit;
use crate::{AccountStore, Actor, NewUser, Result, RolePolicy, SignInFailures, StoreError, User};
use adaldyq_domain::{Grant, Role, Scope};
use async_trait::async_trait;
use sqlx::Row;

const USER_COLUMNS: &str = "id, email, name, password_hash, totp_secret, totp_enabled, failed_sign_ins, \
                            locked_until, created_at, is_demo, language, phone";

fn user(row: &<Db as sqlx::Database>::Row) -> Result<User> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_enabled: row.try_get("totp_enabled")?,
        failed_sign_ins: row.try_get("failed_sign_ins")?,
        locked_until: row.try_get("locked_until")?,
        created_at: row.try_get("created_at")?,
        is_demo: row.try_get("is_demo")?,
        language: row.try_get("language")?,
        phone: row.try_get("phone")?,
    })
}

/// The stored form of a scope: its kind and at most one of the two keys.
fn scope_columns(scope: &Scope) -> (&'static str, Option<&str>, Option<i64>) {
    match scope {
        Scope::All => ("all", None, None),
        Scope::Own => ("own", None, None),
        Scope::Territory(code) => ("territory", Some(code.as_str()), None),
        Scope::Institution(id) => ("institution", None, Some(*id)),
    }
}

fn grant(row: &<Db as sqlx::Database>::Row) -> Result<Grant> {
    let role: String = row.try_get("role")?;
    let kind: String = row.try_get("scope_kind")?;
    let role = Role::parse(&role).ok_or_else(|| StoreError::Invalid(format!("role {role}")))?;
    let scope = match kind.as_str() {
        "all" => Scope::All,
        "own" => Scope::Own,
        "territory" => Scope::Territory(
            row.try_get::<Option<String>, _>("territory_code")?
                .ok_or_else(|| StoreError::Invalid("territory grant without a territory".into()))?,
        ),
        "institution" => Scope::Institution(
            row.try_get::<Option<i64>, _>("institution_id")?
                .ok_or_else(|| StoreError::Invalid("institution grant without an institution".into()))?,
        ),
        other => return Err(StoreError::Invalid(format!("scope kind {other}"))),
    };
    Ok(Grant { role, scope })
}

#[async_trait]
impl AccountStore for Backend {
    async fn create_user(&self, new: &NewUser) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "INSERT INTO users (email, name, password_hash, totp_enabled, failed_sign_ins, created_at, is_demo) \
             VALUES ($1, $2, $3, false, 0, $4, $5) RETURNING id",
        )
        .bind(&new.email)
        .bind(&new.name)
        .bind(&new.password_hash)
        .bind(new.created_at)
        .bind(new.is_demo)
        .fetch_one(self.write_pool())
        .await?)
    }

    async fn user(&self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(user).transpose()
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        let row = sqlx::query::<Db>(&sql).bind(email).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(user).transpose()
    }

    async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY id");
        let rows = sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?;
        rows.iter().map(user).collect()
    }

    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
        let done = sqlx::query::<Db>("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(self.write_pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        Ok(())
    }

    async fn record_failed_sign_in(
        &self,
        user_id: i64,
        now: i64,
        lock_after: i64,
        lock_secs: i64,
    ) -> Result<SignInFailures> {
        let row = sqlx::query::<Db>(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, \
             locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN $3 ELSE locked_until END \
             WHERE id = $1 RETURNING failed_sign_ins, locked_until",
        )
        .bind(user_id)
        .bind(lock_after)
        .bind(now + lock_secs)
        .fetch_optional(self.write_pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?;
        Ok(SignInFailures { count: row.try_get("failed_sign_ins")?, locked_until: row.try_get("locked_until")? })
    }

    async fn clear_failed_sign_ins(&self, user_id: i64) -> Result<()> {
        sqlx::query::<Db>("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn set_totp(&self, user_id: i64, secret: Option<&str>, enabled: bool) -> Result<()> {
        sqlx::query::<Db>("UPDATE users SET totp_secret = $1, totp_enabled = $2, totp_last_step = NULL WHERE id = $3")
            .bind(secret)
            .bind(enabled && secret.is_some())
            .bind(user_id)
            .execute(self.write_pool())
            .await?;
        Ok(())
    }

    async fn spend_totp_step(&self, user_id: i64, step: i64) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn grants(&self, user_id: i64) -> Result<Vec<Grant>> {
        let rows = sqlx::query::<Db>(
            "SELECT role, scope_kind, territory_code, institution_id FROM grants WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(grant).collect()
    }

    async fn add_grant(&self, user_id: i64, g: &Grant, by: &Actor) -> Result<()> {
        if !g.scope.fits(g.role) {
            return Err(StoreError::Invalid(format!("the scope {} does not fit the role {}", g.scope, g.role)));
        }
        if self.grants(user_id).await?.contains(g) {
            return Ok(());
        }
        let (kind, territory, institution) = scope_columns(&g.scope);
        let mut tx = self.write_pool().begin().await?;
        sqlx::query::<Db>(
            "INSERT INTO grants (user_id, role, scope_kind, territory_code, institution_id) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(g.role.as_str())
        .bind(kind)
        .bind(territory)
        .bind(institution)
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::NotFound(format!("the user or the scope of {} {}", g.role, g.scope))
            }
            other => other.into(),
        })?;
        let change = serde_json::json!({ "user": user_id, "granted": g.role.as_str(), "scope": g.scope.to_string() });
        audit(&mut tx, by, "roles_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_grant(&self, user_id: i64, g: &Grant, by: &Actor) -> Result<bool> {
        let (kind, territory, institution) = scope_columns(&g.scope);
        let mut sql = String::from("DELETE FROM grants WHERE user_id = $1 AND role = $2 AND scope_kind = $3");
        let query = match (territory, institution) {
            (Some(t), _) => {
                sql.push_str(" AND territory_code = $4");
                sqlx::query::<Db>(&sql).bind(user_id).bind(g.role.as_str()).bind(kind).bind(t)
            }
            (_, Some(i)) => {
                sql.push_str(" AND institution_id = $4");
                sqlx::query::<Db>(&sql).bind(user_id).bind(g.role.as_str()).bind(kind).bind(i)
            }
            _ => sqlx::query::<Db>(&sql).bind(user_id).bind(g.role.as_str()).bind(kind),
        };
        let mut tx = self.write_pool().begin().await?;
        if query.execute(&mut *tx).await?.rows_affected() == 0 {
            return Ok(false);
        }
        let change = serde_json::json!({ "user": user_id, "revoked": g.role.as_str(), "scope": g.scope.to_string() });
        audit(&mut tx, by, "roles_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn role_policies(&self) -> Result<Vec<RolePolicy>> {
        let rows = sqlx::query::<Db>("SELECT role, require_second_factor FROM role_policies ORDER BY role")
            .fetch_all(self.read_pool())
            .await?;
        rows.iter()
            .filter_map(|row| {
                let role: String = match row.try_get("role") {
                    Ok(r) => r,
                    Err(e) => return Some(Err(e.into())),
                };
                let require: bool = match row.try_get("require_second_factor") {
                    Ok(r) => r,
                    Err(e) => return Some(Err(e.into())),
                };
                Role::parse(&role).map(|role| Ok(RolePolicy { role, require_second_factor: require }))
            })
            .collect()
    }

    async fn set_role_policy(&self, role: Role, require_second_factor: bool, by: &Actor) -> Result<()> {
        let mut tx = self.write_pool().begin().await?;
        sqlx::query::<Db>(
            "INSERT INTO role_policies (role, require_second_factor) VALUES ($1, $2) \
             ON CONFLICT (role) DO UPDATE SET require_second_factor = excluded.require_second_factor",
        )
        .bind(role.as_str())
        .bind(require_second_factor)
        .execute(&mut *tx)
        .await?;
        let change = serde_json::json!({ "role": role.as_str(), "second_factor_required": require_second_factor });
        audit(&mut tx, by, "roles_changed", &change.to_string(), None).await?;
        tx.commit().await?;
        Ok(())
    }
}
