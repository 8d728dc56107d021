//! Recurring schedules ("every first Tuesday, 10:00–13:00"): kept, turned
//! on and off (each a leaf), and run over a range of dates: a working day
//! gets its reception (scheduled as any other, clash check and leaf
//! included), a day off is flagged for a coordinator, a date made before is
//! left alone.

use super::super::super::{Backend, Db};
use super::super::log::audit;
use super::scheduling::insert_reception;
use crate::{Actor, GenerateReport, NewReception, NewSchedule, PlanOutcome, Result, Schedule, StoreError};
use adaldyq_domain::calendar::Calendar;
use adaldyq_domain::reception::{
    at_local, local_time_text, occurrences, parse_local_time, weekday_from_number, weekday_number, Capacity, Details,
    Rule, Week,
};
use sqlx::Row;

const SCHEDULE_COLUMNS: &str = "id, group_id, territory_code, host_id, weekday, week, start_time, end_time, \
     slot_minutes, seats_per_slot, waitlist_size, details, active, created_at";

fn schedule(r: &<Db as sqlx::Database>::Row) -> Result<Schedule> {
    let bad = |what: &str, v: String| StoreError::Invalid(format!("schedule {what} {v:?}"));
    let weekday: i64 = r.try_get("weekday")?;
    let week: String = r.try_get("week")?;
    let start: String = r.try_get("start_time")?;
    let end: String = r.try_get("end_time")?;
    let details: String = r.try_get("details")?;
    Ok(Schedule {
        id: r.try_get("id")?,
        group_id: r.try_get("group_id")?,
        territory_code: r.try_get("territory_code")?,
        host_id: r.try_get("host_id")?,
        rule: Rule {
            weekday: weekday_from_number(weekday).ok_or_else(|| bad("weekday", weekday.to_string()))?,
            week: Week::parse(&week).ok_or_else(|| bad("week", week.clone()))?,
        },
        start: parse_local_time(&start).ok_or_else(|| bad("start", start.clone()))?,
        end: parse_local_time(&end).ok_or_else(|| bad("end", end.clone()))?,
        capacity: Capacity {
            slot_minutes: r.try_get("slot_minutes")?,
            seats_per_slot: r.try_get("seats_per_slot")?,
            waitlist_size: r.try_get("waitlist_size")?,
        },
        details: serde_json::from_str::<Details>(&details).map_err(|_| bad("details", details.clone()))?,
        active: r.try_get("active")?,
        created_at: r.try_get("created_at")?,
    })
}

impl Backend {
    pub(super) async fn add_schedule(&self, new: &NewSchedule, by: &Actor, now: i64) -> Result<i64> {
        let mut tx = self.write_pool().begin().await?;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO reception_schedules (group_id, territory_code, host_id, weekday, week, start_time, end_time, \
             slot_minutes, seats_per_slot, waitlist_size, details, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12) RETURNING id",
        )
        .bind(new.group_id)
        .bind(&new.territory_code)
        .bind(new.host_id)
        .bind(weekday_number(new.rule.weekday))
        .bind(new.rule.week.as_str())
        .bind(local_time_text(new.start))
        .bind(local_time_text(new.end))
        .bind(new.capacity.slot_minutes)
        .bind(new.capacity.seats_per_slot)
        .bind(new.capacity.waitlist_size)
        .bind(serde_json::to_string(&new.details).expect("plain fields serialise"))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let body = serde_json::json!({
            "schedule": id,
            "group": new.group_id,
            "territory": new.territory_code,
            "host": new.host_id,
            "weekday": weekday_number(new.rule.weekday),
            "week": new.rule.week,
            "start": local_time_text(new.start),
            "end": local_time_text(new.end),
        });
        audit(&mut tx, by, "reception_schedule_created", &body.to_string(), Some(now)).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(super) async fn schedule_by_id(&self, id: i64) -> Result<Option<Schedule>> {
        let sql = format!("SELECT {SCHEDULE_COLUMNS} FROM reception_schedules WHERE id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(schedule).transpose()
    }

    pub(super) async fn schedule_list(&self, group_id: Option<i64>) -> Result<Vec<Schedule>> {
        let sql =
            format!("SELECT {SCHEDULE_COLUMNS} FROM reception_schedules WHERE $1 IS NULL OR group_id = $1 ORDER BY id");
        let rows = sqlx::query::<Db>(&sql).bind(group_id).fetch_all(self.read_pool()).await?;
        rows.iter().map(schedule).collect()
    }

    pub(super) async fn activate_schedule(&self, id: i64, active: bool, by: &Actor, now: i64) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        let done = sqlx::query::<Db>("UPDATE reception_schedules SET active = $2 WHERE id = $1 AND active <> $2")
            .bind(id)
            .bind(active)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        let body = serde_json::json!({ "schedule": id, "active": active });
        audit(&mut tx, by, "reception_schedule_changed", &body.to_string(), Some(now)).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub(super) async fn run_schedule(
        &self,
        schedule_id: i64,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
        calendar: &Calendar,
        by: &Actor,
        now: i64,
    ) -> Result<GenerateReport> {
        let s = self
            .schedule_by_id(schedule_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("schedule {schedule_id}")))?;
        if !s.active {
            return Err(StoreError::Invalid(format!("schedule {schedule_id} is not active")));
        }
        let mut report = GenerateReport::default();
        for o in occurrences(&s.rule, from, to, calendar) {
            if o.day_off.is_some() {
                report.flagged.push(o);
                continue;
            }
            let day = o.date.to_string();
            let made =
                sqlx::query_scalar::<Db, i64>("SELECT id FROM receptions WHERE schedule_id = $1 AND scheduled_on = $2")
                    .bind(schedule_id)
                    .bind(&day)
                    .fetch_optional(self.write_pool())
                    .await?;
            if made.is_some() {
                report.existing.push(o.date);
                continue;
            }
            let new = NewReception {
                group_id: s.group_id,
                territory_code: s.territory_code.clone(),
                host_id: s.host_id,
                starts_at: at_local(o.date, s.start),
                ends_at: at_local(o.date, s.end),
                capacity: s.capacity,
                details: s.details.clone(),
            };
            let mut tx = self.write_pool().begin().await?;
            match insert_reception(&mut tx, &new, Some((schedule_id, day)), by, now).await {
                Ok(PlanOutcome::Done(id)) => {
                    tx.commit().await?;
                    report.created.push((o.date, id));
                }
                Ok(PlanOutcome::HostBusy(c)) => {
                    tx.rollback().await?;
                    report.clashes.push((o.date, c));
                }
                Ok(PlanOutcome::Refused(_)) => tx.rollback().await?,
                // Another run made it meanwhile (the schedule's date is unique).
                Err(StoreError::Conflict(_)) => report.existing.push(o.date),
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }
}
