//! The programme's structure: the programme and its project office, a
//! working group per rural district with its members, and the hosts.

use super::super::super::{Backend, Db};
use super::{host, Tx};
use crate::{
    Host, Member, NewHost, NewMember, NewProgramme, NewWorkingGroup, Programme, ProgrammeStore, Result, WorkingGroup,
};
use async_trait::async_trait;
use sqlx::Row;

const PROGRAMME_COLUMNS: &str = "id, name_kk, name_ru, name_en, office_name_kk, office_name_ru, office_name_en, \
     office_address, office_phone, office_email, is_demo";

const GROUP_COLUMNS: &str =
    "g.id, g.programme_id, g.territory_code, g.name_kk, g.name_ru, g.name_en, g.address, g.phone, g.email, g.is_demo";

const MEMBER_COLUMNS: &str =
    "id, group_id, name, position_kk, position_ru, position_en, institution_id, institution_text, phone, email, \
     contact_public, is_demo";

const HOST_COLUMNS: &str = "id, name, position_kk, position_ru, position_en, institution_id, institution_text, is_demo";

fn programme(r: &<Db as sqlx::Database>::Row) -> Result<Programme> {
    Ok(Programme {
        id: r.try_get("id")?,
        name_kk: r.try_get("name_kk")?,
        name_ru: r.try_get("name_ru")?,
        name_en: r.try_get("name_en")?,
        office_name_kk: r.try_get("office_name_kk")?,
        office_name_ru: r.try_get("office_name_ru")?,
        office_name_en: r.try_get("office_name_en")?,
        office_address: r.try_get("office_address")?,
        office_phone: r.try_get("office_phone")?,
        office_email: r.try_get("office_email")?,
        is_demo: r.try_get("is_demo")?,
    })
}

fn group(r: &<Db as sqlx::Database>::Row) -> Result<WorkingGroup> {
    Ok(WorkingGroup {
        id: r.try_get("id")?,
        programme_id: r.try_get("programme_id")?,
        territory_code: r.try_get("territory_code")?,
        name_kk: r.try_get("name_kk")?,
        name_ru: r.try_get("name_ru")?,
        name_en: r.try_get("name_en")?,
        address: r.try_get("address")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        is_demo: r.try_get("is_demo")?,
    })
}

fn member(r: &<Db as sqlx::Database>::Row) -> Result<Member> {
    Ok(Member {
        id: r.try_get("id")?,
        group_id: r.try_get("group_id")?,
        name: r.try_get("name")?,
        position_kk: r.try_get("position_kk")?,
        position_ru: r.try_get("position_ru")?,
        position_en: r.try_get("position_en")?,
        institution_id: r.try_get("institution_id")?,
        institution_text: r.try_get("institution_text")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        contact_public: r.try_get("contact_public")?,
        is_demo: r.try_get("is_demo")?,
    })
}

async fn insert_group(tx: &mut Tx<'_>, new: &NewWorkingGroup) -> Result<i64> {
    Ok(sqlx::query_scalar::<Db, i64>(
        "INSERT INTO working_groups (programme_id, territory_code, name_kk, name_ru, name_en, address, phone, \
         email, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.programme_id)
    .bind(&new.territory_code)
    .bind(&new.name_kk)
    .bind(&new.name_ru)
    .bind(&new.name_en)
    .bind(&new.address)
    .bind(&new.phone)
    .bind(&new.email)
    .bind(new.is_demo)
    .fetch_one(&mut **tx)
    .await?)
}

async fn insert_member(tx: &mut Tx<'_>, group_id: i64, new: &NewMember) -> Result<i64> {
    Ok(sqlx::query_scalar::<Db, i64>(
        "INSERT INTO working_group_members (group_id, name, position_kk, position_ru, position_en, institution_id, \
         institution_text, phone, email, contact_public, is_demo) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(group_id)
    .bind(&new.name)
    .bind(&new.position_kk)
    .bind(&new.position_ru)
    .bind(&new.position_en)
    .bind(new.institution_id)
    .bind(&new.institution_text)
    .bind(&new.phone)
    .bind(&new.email)
    .bind(new.contact_public)
    .bind(new.is_demo)
    .fetch_one(&mut **tx)
    .await?)
}

#[async_trait]
impl ProgrammeStore for Backend {
    async fn create_programme(&self, new: &NewProgramme) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "INSERT INTO programmes (name_kk, name_ru, name_en, office_name_kk, office_name_ru, office_name_en, \
             office_address, office_phone, office_email, is_demo) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&new.name_kk)
        .bind(&new.name_ru)
        .bind(&new.name_en)
        .bind(&new.office_name_kk)
        .bind(&new.office_name_ru)
        .bind(&new.office_name_en)
        .bind(&new.office_address)
        .bind(&new.office_phone)
        .bind(&new.office_email)
        .bind(new.is_demo)
        .fetch_one(self.write_pool())
        .await?)
    }

    async fn programmes(&self) -> Result<Vec<Programme>> {
        let sql = format!("SELECT {PROGRAMME_COLUMNS} FROM programmes ORDER BY id");
        let rows = sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?;
        rows.iter().map(programme).collect()
    }

    async fn programme(&self, id: i64) -> Result<Option<Programme>> {
        let sql = format!("SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(programme).transpose()
    }

    async fn create_working_group(&self, new: &NewWorkingGroup) -> Result<i64> {
        let mut tx = self.write_pool().begin().await?;
        let id = insert_group(&mut tx, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn load_working_groups(&self, groups: &[(NewWorkingGroup, Vec<NewMember>)]) -> Result<Vec<i64>> {
        let mut tx = self.write_pool().begin().await?;
        let mut ids = Vec::with_capacity(groups.len());
        for (group, members) in groups {
            let id = insert_group(&mut tx, group).await?;
            for m in members {
                insert_member(&mut tx, id, m).await?;
            }
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    async fn update_working_group(&self, id: i64, new: &NewWorkingGroup) -> Result<bool> {
        let done = sqlx::query::<Db>(
            "UPDATE working_groups SET name_kk = $2, name_ru = $3, name_en = $4, address = $5, phone = $6, \
             email = $7 WHERE id = $1",
        )
        .bind(id)
        .bind(&new.name_kk)
        .bind(&new.name_ru)
        .bind(&new.name_en)
        .bind(&new.address)
        .bind(&new.phone)
        .bind(&new.email)
        .execute(self.write_pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn working_group(&self, id: i64) -> Result<Option<WorkingGroup>> {
        let sql = format!("SELECT {GROUP_COLUMNS} FROM working_groups g WHERE g.id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(group).transpose()
    }

    async fn working_groups(&self, under: Option<&str>) -> Result<Vec<WorkingGroup>> {
        let rows = match under {
            None => {
                let sql = format!(
                    "SELECT {GROUP_COLUMNS} FROM working_groups g JOIN territories t ON t.code = g.territory_code \
                     ORDER BY t.path, g.id"
                );
                sqlx::query::<Db>(&sql).fetch_all(self.read_pool()).await?
            }
            Some(code) => {
                let sql = format!(
                    "SELECT {GROUP_COLUMNS} FROM working_groups g JOIN territories t ON t.code = g.territory_code \
                     JOIN territories s ON s.code = $1 \
                     WHERE t.path = s.path OR t.path LIKE s.path || '/%' ORDER BY t.path, g.id"
                );
                sqlx::query::<Db>(&sql).bind(code).fetch_all(self.read_pool()).await?
            }
        };
        rows.iter().map(group).collect()
    }

    async fn working_group_for(&self, territory: &str) -> Result<Option<WorkingGroup>> {
        // The group whose district's path is the longest prefix of the
        // place's path: the place itself, else its nearest parent.
        let sql = format!(
            "SELECT {GROUP_COLUMNS} FROM working_groups g JOIN territories t ON t.code = g.territory_code \
             JOIN territories p ON p.code = $1 \
             WHERE p.path = t.path OR p.path LIKE t.path || '/%' ORDER BY LENGTH(t.path) DESC, g.id LIMIT 1"
        );
        let row = sqlx::query::<Db>(&sql).bind(territory).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(group).transpose()
    }

    async fn add_member(&self, new: &NewMember) -> Result<i64> {
        let mut tx = self.write_pool().begin().await?;
        let id = insert_member(&mut tx, new.group_id, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn remove_member(&self, id: i64) -> Result<bool> {
        let done = sqlx::query::<Db>("DELETE FROM working_group_members WHERE id = $1")
            .bind(id)
            .execute(self.write_pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn members(&self, group_id: i64) -> Result<Vec<Member>> {
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM working_group_members WHERE group_id = $1 ORDER BY id");
        let rows = sqlx::query::<Db>(&sql).bind(group_id).fetch_all(self.read_pool()).await?;
        rows.iter().map(member).collect()
    }

    async fn public_members(&self, group_id: i64) -> Result<Vec<Member>> {
        Ok(self.members(group_id).await?.iter().map(Member::public).collect())
    }

    async fn create_host(&self, new: &NewHost) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>(
            "INSERT INTO reception_hosts (name, position_kk, position_ru, position_en, institution_id, institution_text, \
             is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&new.name)
        .bind(&new.position_kk)
        .bind(&new.position_ru)
        .bind(&new.position_en)
        .bind(new.institution_id)
        .bind(&new.institution_text)
        .bind(new.is_demo)
        .fetch_one(self.write_pool())
        .await?)
    }

    async fn host(&self, id: i64) -> Result<Option<Host>> {
        let sql = format!("SELECT {HOST_COLUMNS} FROM reception_hosts WHERE id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(host).transpose()
    }

    async fn hosts(&self, institution_id: Option<i64>) -> Result<Vec<Host>> {
        let sql = format!(
            "SELECT {HOST_COLUMNS} FROM reception_hosts WHERE $1 IS NULL OR institution_id = $1 ORDER BY name, id"
        );
        let rows = sqlx::query::<Db>(&sql).bind(institution_id).fetch_all(self.read_pool()).await?;
        rows.iter().map(host).collect()
    }
}
