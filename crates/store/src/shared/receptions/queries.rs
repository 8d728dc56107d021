//! What pages, feeds and the API read about receptions: lists by place,
//! host, institution and dates; slots and the free ones to offer; the
//! day's queue, bookings and record for staff; the public summary.

use super::super::super::{Backend, Db};
use super::{booking, reception, slot, BOOKING_COLUMNS, BOOKING_FROM, RECEPTION_COLUMNS};
use crate::{
    Booking, FreeSlot, ProgrammeStore, PublicSummary, Question, Reception, ReceptionFilter, ReceptionOrder,
    ReceptionQueries, Result, Slot, StoreError,
};
use adaldyq_domain::reception::{
    booking_window, local_date, may_book, queue_order, Details, Mode, QuestionOutcome, QueueKey, ReceptionStatus,
};
use async_trait::async_trait;
use sqlx::Row;

/// A value bound to a numbered placeholder.
enum Arg {
    Int(i64),
    Text(String),
}

fn arg(args: &mut Vec<Arg>, value: Arg) -> String {
    args.push(value);
    format!("${}", args.len())
}

/// The most rows one list returns (and what a limit of 0 means).
const MAX_LIST: i64 = 1_000;

#[async_trait]
impl ReceptionQueries for Backend {
    async fn reception(&self, id: i64) -> Result<Option<Reception>> {
        let sql = format!("SELECT {RECEPTION_COLUMNS} FROM receptions r WHERE r.id = $1");
        let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(reception).transpose()
    }

    async fn reception_details(&self, id: i64) -> Result<Option<Details>> {
        let row = sqlx::query::<Db>(
            "SELECT mode, address, online_link, topics, languages, accessibility, co_hosts, opens_days_before, \
             closes_hours_before FROM receptions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let bad = |what: &str, v: String| StoreError::Invalid(format!("reception {what} {v:?}"));
        let mode: String = r.try_get("mode")?;
        let co_hosts: String = r.try_get("co_hosts")?;
        let languages: String = r.try_get("languages")?;
        Ok(Some(Details {
            mode: Mode::parse(&mode).ok_or_else(|| bad("mode", mode.clone()))?,
            address: r.try_get("address")?,
            online_link: r.try_get("online_link")?,
            topics: r.try_get("topics")?,
            languages: languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(|l| adaldyq_domain::appeal::AppealLanguage::parse(l).ok_or_else(|| bad("language", l.into())))
                .collect::<Result<_>>()?,
            accessibility: r.try_get("accessibility")?,
            co_hosts: serde_json::from_str(&co_hosts).map_err(|_| bad("co-hosts", co_hosts.clone()))?,
            opens_days_before: r.try_get("opens_days_before")?,
            closes_hours_before: r.try_get("closes_hours_before")?,
        }))
    }

    async fn receptions(&self, f: &ReceptionFilter) -> Result<Vec<Reception>> {
        let mut args = Vec::new();
        let mut sql = format!("SELECT {RECEPTION_COLUMNS} FROM receptions r WHERE 1 = 1");
        if let Some(code) = &f.territory {
            let p = arg(&mut args, Arg::Text(code.clone()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM territories t JOIN territories s ON s.code = {p} \
                 WHERE t.code = r.territory_code AND (t.path = s.path OR t.path LIKE s.path || '/%'))"
            ));
        }
        if let Some(g) = f.group_id {
            sql.push_str(&format!(" AND r.group_id = {}", arg(&mut args, Arg::Int(g))));
        }
        if let Some(h) = f.host_id {
            sql.push_str(&format!(" AND r.host_id = {}", arg(&mut args, Arg::Int(h))));
        }
        if let Some(i) = f.institution_id {
            let p = arg(&mut args, Arg::Int(i));
            sql.push_str(&format!(
                " AND r.host_id IN (SELECT h.id FROM reception_hosts h WHERE h.institution_id = {p})"
            ));
        }
        if let Some(from) = f.from {
            sql.push_str(&format!(" AND r.starts_at >= {}", arg(&mut args, Arg::Int(from))));
        }
        if let Some(to) = f.to {
            sql.push_str(&format!(" AND r.starts_at < {}", arg(&mut args, Arg::Int(to))));
        }
        if !f.statuses.is_empty() {
            let ps: Vec<String> = f.statuses.iter().map(|s| arg(&mut args, Arg::Text(s.as_str().into()))).collect();
            sql.push_str(&format!(" AND r.status IN ({})", ps.join(", ")));
        }
        sql.push_str(match f.order {
            ReceptionOrder::Starts => " ORDER BY r.starts_at, r.id",
            ReceptionOrder::NewestScheduled => " ORDER BY r.created_at DESC, r.id DESC",
        });
        let limit = if f.limit <= 0 { MAX_LIST } else { f.limit.min(MAX_LIST) };
        sql.push_str(&format!(" LIMIT {}", arg(&mut args, Arg::Int(limit))));
        let q = args.into_iter().fold(sqlx::query::<Db>(&sql), |q, a| match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(s) => q.bind(s),
        });
        let rows = q.fetch_all(self.read_pool()).await?;
        rows.iter().map(reception).collect()
    }

    async fn slots(&self, reception_id: i64) -> Result<Vec<Slot>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, reception_id, starts_at, ends_at, seats, taken FROM reception_slots \
             WHERE reception_id = $1 ORDER BY starts_at, id",
        )
        .bind(reception_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(slot).collect()
    }

    async fn free_slots(&self, reception_id: i64, now: i64, limit: i64) -> Result<Vec<FreeSlot>> {
        let group = sqlx::query_scalar::<Db, i64>("SELECT group_id FROM receptions WHERE id = $1")
            .bind(reception_id)
            .fetch_optional(self.read_pool())
            .await?;
        let Some(group) = group else { return Ok(vec![]) };
        // Candidates by SQL (upcoming, not started, a seat free); which are
        // open at `now` is the domain's rule.
        let rows = sqlx::query::<Db>(
            "SELECT s.id, s.reception_id, s.starts_at, s.ends_at, s.seats - s.taken AS free, r.status, \
             r.starts_at AS reception_starts, r.opens_days_before, r.closes_hours_before \
             FROM reception_slots s JOIN receptions r ON r.id = s.reception_id \
             WHERE r.group_id = $1 AND r.status IN ('planned', 'postponed') AND r.starts_at > $2 AND s.taken < s.seats \
             ORDER BY s.starts_at, s.id LIMIT $3",
        )
        .bind(group)
        .bind(now)
        .bind(limit.clamp(1, 100) * 20)
        .fetch_all(self.read_pool())
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let status: String = r.try_get("status")?;
            let status = ReceptionStatus::parse(&status).unwrap_or(ReceptionStatus::Cancelled);
            let starts: i64 = r.try_get("reception_starts")?;
            let window = booking_window(starts, r.try_get("opens_days_before")?, r.try_get("closes_hours_before")?);
            if may_book(status, starts, window, now).is_ok() {
                out.push(FreeSlot {
                    reception_id: r.try_get("reception_id")?,
                    slot_id: r.try_get("id")?,
                    starts_at: r.try_get("starts_at")?,
                    ends_at: r.try_get("ends_at")?,
                    free: r.try_get("free")?,
                });
            }
        }
        out.truncate(limit.max(0) as usize);
        Ok(out)
    }

    async fn queue(&self, reception_id: i64) -> Result<Vec<Booking>> {
        let sql = format!(
            "SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.reception_id = $1 \
             AND b.status IN ('booked', 'checked_in', 'received', 'no_show')"
        );
        let rows = sqlx::query::<Db>(&sql).bind(reception_id).fetch_all(self.read_pool()).await?;
        let mut list = rows.iter().map(booking).collect::<Result<Vec<_>>>()?;
        let key = |b: &Booking| QueueKey {
            slot_starts_at: b.slot_starts_at,
            priority: b.priority,
            booked_at: b.created_at,
            id: b.id,
        };
        list.sort_by(|a, b| queue_order(&key(a), &key(b)));
        Ok(list)
    }

    async fn bookings(&self, reception_id: i64) -> Result<Vec<Booking>> {
        let sql = format!(
            "SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE b.reception_id = $1 ORDER BY b.created_at, b.id"
        );
        let rows = sqlx::query::<Db>(&sql).bind(reception_id).fetch_all(self.read_pool()).await?;
        rows.iter().map(booking).collect()
    }

    async fn questions(&self, reception_id: i64) -> Result<Vec<Question>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, reception_id, booking_id, text, outcome, answer, appeal_id, created_at \
             FROM reception_questions WHERE reception_id = $1 ORDER BY id",
        )
        .bind(reception_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                let outcome: String = r.try_get("outcome")?;
                Ok(Question {
                    id: r.try_get("id")?,
                    reception_id: r.try_get("reception_id")?,
                    booking_id: r.try_get("booking_id")?,
                    text: r.try_get("text")?,
                    outcome: QuestionOutcome::parse(&outcome)
                        .ok_or_else(|| StoreError::Invalid(format!("question outcome {outcome:?}")))?,
                    answer: r.try_get("answer")?,
                    appeal_id: r.try_get("appeal_id")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    async fn public_summary(&self, reception_id: i64, now: i64) -> Result<Option<PublicSummary>> {
        let Some(r) = self.reception(reception_id).await? else { return Ok(None) };
        let host = self.host(r.host_id).await?.ok_or_else(|| StoreError::NotFound(format!("host {}", r.host_id)))?;
        let counts = sqlx::query::<Db>(
            "SELECT \
             (SELECT COUNT(*) FROM reception_bookings WHERE reception_id = $1 AND status = 'received') AS received, \
             (SELECT COUNT(*) FROM reception_questions WHERE reception_id = $1) AS questions, \
             (SELECT COUNT(*) FROM reception_questions WHERE reception_id = $1 \
               AND outcome = 'answered_on_the_spot') AS on_the_spot",
        )
        .bind(reception_id)
        .fetch_one(self.read_pool())
        .await?;
        // The appeals it raised, each with its due date and first answer.
        let appeals = sqlx::query::<Db>(
            "SELECT a.id, a.due_on, \
             (SELECT MIN(e.at) FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'answered') AS answered_at \
             FROM appeals a WHERE a.reception_id = $1 OR a.id IN \
             (SELECT q.appeal_id FROM reception_questions q WHERE q.reception_id = $1 AND q.appeal_id IS NOT NULL)",
        )
        .bind(reception_id)
        .fetch_all(self.read_pool())
        .await?;
        let today = local_date(now).to_string();
        let mut s = PublicSummary {
            reception_id,
            starts_at: r.starts_at,
            status: r.status,
            host,
            host_attended: r.host_attended,
            people_received: counts.try_get("received")?,
            questions: counts.try_get("questions")?,
            answered_on_the_spot: counts.try_get("on_the_spot")?,
            appeals: appeals.len() as i64,
            answered_in_time: 0,
            answered_late: 0,
            overdue: 0,
            pending: 0,
        };
        for a in &appeals {
            // Dates as YYYY-MM-DD compare as text.
            let due: String = a.try_get("due_on")?;
            match a.try_get::<Option<i64>, _>("answered_at")? {
                Some(at) if local_date(at).to_string() <= due => s.answered_in_time += 1,
                Some(_) => s.answered_late += 1,
                None if today > due => s.overdue += 1,
                None => s.pending += 1,
            }
        }
        Ok(Some(s))
    }
}
