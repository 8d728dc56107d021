//! Receptions, one capability in a file per trait: `programme` (the
//! programme, working groups, members, hosts), `scheduling` (plan, change,
//! postpone, cancel, hold; with `schedules`, the recurring ones), `booking`
//! (seats under concurrency, the waiting list, manage-token changes; with
//! `reminders`), `day` (check-in, walk-ins, no-shows, the record) and
//! `queries` (what pages and feeds read). This file holds what they share:
//! the row mappers, the host's lock and clash check, the reception's log
//! leaf and the booking's notices.

mod booking;
mod day;
mod programme;
mod queries;
mod reminders;
mod schedules;
mod scheduling;

use super::super::Db;
use super::log::audit;
use crate::{Actor, Booking, Clash, Host, Reception, Result, Slot, StoreError};
use adaldyq_domain::appeal::AppealLanguage;
use adaldyq_domain::reception::{
    BookingNotice, BookingStatus, Capacity, CoHost, Mode, Priority, ReceptionStatus, CODE_LEN,
};
use sqlx::Row;

pub(super) type Tx<'a> = sqlx::Transaction<'a, Db>;

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!("{what} {v:?}"))
}

/// A reception's columns, with its seats summed over its slots. The online
/// link itself is left out on purpose: only whether there is one.
pub(super) const RECEPTION_COLUMNS: &str = "r.id, r.group_id, r.territory_code, r.host_id, r.co_hosts, r.mode, \
     r.address, r.online_link IS NOT NULL AS has_link, r.starts_at, r.ends_at, r.slot_minutes, r.seats_per_slot, \
     r.waitlist_size, r.waitlisted, r.opens_days_before, r.closes_hours_before, r.topics, r.languages, \
     r.accessibility, r.status, r.status_reason, r.postponed_from, r.sequence, r.host_attended, r.schedule_id, \
     r.created_at, r.updated_at, \
     CAST(COALESCE((SELECT SUM(s.seats) FROM reception_slots s WHERE s.reception_id = r.id), 0) AS BIGINT) AS seats, \
     CAST(COALESCE((SELECT SUM(s.taken) FROM reception_slots s WHERE s.reception_id = r.id), 0) AS BIGINT) AS seats_taken";

/// Languages as stored: "kk,ru".
pub(super) fn languages_text(list: &[AppealLanguage]) -> String {
    list.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",")
}

fn languages_of(s: &str) -> Result<Vec<AppealLanguage>> {
    s.split(',').filter(|p| !p.is_empty()).map(|p| AppealLanguage::parse(p).ok_or_else(|| bad("language", p))).collect()
}

pub(super) fn co_hosts_text(list: &[CoHost]) -> String {
    serde_json::to_string(list).expect("plain fields serialise")
}

pub(super) fn reception(r: &<Db as sqlx::Database>::Row) -> Result<Reception> {
    let mode: String = r.try_get("mode")?;
    let status: String = r.try_get("status")?;
    let co_hosts: String = r.try_get("co_hosts")?;
    Ok(Reception {
        id: r.try_get("id")?,
        group_id: r.try_get("group_id")?,
        territory_code: r.try_get("territory_code")?,
        host_id: r.try_get("host_id")?,
        co_hosts: serde_json::from_str(&co_hosts).map_err(|_| bad("co-hosts", &co_hosts))?,
        mode: Mode::parse(&mode).ok_or_else(|| bad("reception mode", &mode))?,
        address: r.try_get("address")?,
        has_online_link: r.try_get("has_link")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        capacity: Capacity {
            slot_minutes: r.try_get("slot_minutes")?,
            seats_per_slot: r.try_get("seats_per_slot")?,
            waitlist_size: r.try_get("waitlist_size")?,
        },
        opens_days_before: r.try_get("opens_days_before")?,
        closes_hours_before: r.try_get("closes_hours_before")?,
        topics: r.try_get("topics")?,
        languages: languages_of(&r.try_get::<String, _>("languages")?)?,
        accessibility: r.try_get("accessibility")?,
        status: ReceptionStatus::parse(&status).ok_or_else(|| bad("reception status", &status))?,
        status_reason: r.try_get("status_reason")?,
        postponed_from: r.try_get("postponed_from")?,
        sequence: r.try_get("sequence")?,
        host_attended: r.try_get("host_attended")?,
        schedule_id: r.try_get("schedule_id")?,
        seats: r.try_get("seats")?,
        seats_taken: r.try_get("seats_taken")?,
        waitlisted: r.try_get("waitlisted")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The reception as the transaction sees it.
pub(super) async fn reception_in(tx: &mut Tx<'_>, id: i64) -> Result<Option<Reception>> {
    let sql = format!("SELECT {RECEPTION_COLUMNS} FROM receptions r WHERE r.id = $1");
    let row = sqlx::query::<Db>(&sql).bind(id).fetch_optional(&mut **tx).await?;
    row.as_ref().map(reception).transpose()
}

pub(super) const BOOKING_COLUMNS: &str = "b.id, b.reception_id, b.slot_id, s.starts_at AS slot_starts_at, b.code, \
     b.name, b.phone, b.email, b.topic, b.priority, b.user_id, b.language, b.status, b.walk_in, b.created_at, \
     b.updated_at, b.checked_in_at";

/// `FROM` for [`BOOKING_COLUMNS`].
pub(super) const BOOKING_FROM: &str = "reception_bookings b LEFT JOIN reception_slots s ON s.id = b.slot_id";

pub(super) fn booking(r: &<Db as sqlx::Database>::Row) -> Result<Booking> {
    let status: String = r.try_get("status")?;
    let priority: Option<String> = r.try_get("priority")?;
    Ok(Booking {
        id: r.try_get("id")?,
        reception_id: r.try_get("reception_id")?,
        slot_id: r.try_get("slot_id")?,
        slot_starts_at: r.try_get("slot_starts_at")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        phone: r.try_get("phone")?,
        email: r.try_get("email")?,
        topic: r.try_get("topic")?,
        priority: priority.map(|p| Priority::parse(&p).ok_or_else(|| bad("priority", &p))).transpose()?,
        user_id: r.try_get("user_id")?,
        language: r.try_get("language")?,
        status: BookingStatus::parse(&status).ok_or_else(|| bad("booking status", &status))?,
        walk_in: r.try_get("walk_in")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        checked_in_at: r.try_get("checked_in_at")?,
    })
}

/// A booking as the transaction sees it, by a condition on `b`.
pub(super) async fn booking_where(tx: &mut Tx<'_>, condition: &str, value: BindValue<'_>) -> Result<Option<Booking>> {
    let sql = format!("SELECT {BOOKING_COLUMNS} FROM {BOOKING_FROM} WHERE {condition}");
    let q = sqlx::query::<Db>(&sql);
    let q = match value {
        BindValue::Int(i) => q.bind(i),
        BindValue::Blob(b) => q.bind(b.to_vec()),
        BindValue::Text(t) => q.bind(t.to_owned()),
    };
    let row = q.fetch_optional(&mut **tx).await?;
    row.as_ref().map(booking).transpose()
}

/// One value for a `$1`.
pub(super) enum BindValue<'a> {
    Int(i64),
    Blob(&'a [u8]),
    Text(&'a str),
}

pub(super) fn slot(r: &<Db as sqlx::Database>::Row) -> Result<Slot> {
    Ok(Slot {
        id: r.try_get("id")?,
        reception_id: r.try_get("reception_id")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        seats: r.try_get("seats")?,
        taken: r.try_get("taken")?,
    })
}

pub(super) fn host(r: &<Db as sqlx::Database>::Row) -> Result<Host> {
    Ok(Host {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        position_kk: r.try_get("position_kk")?,
        position_ru: r.try_get("position_ru")?,
        position_en: r.try_get("position_en")?,
        institution_id: r.try_get("institution_id")?,
        institution_text: r.try_get("institution_text")?,
        is_demo: r.try_get("is_demo")?,
    })
}

/// Holds the host's row until commit, so two coordinators planning the same
/// host at once are checked for a clash one after the other (a no-op
/// update locks the row on PostgreSQL; SQLite has one writer anyway).
pub(super) async fn lock_host(tx: &mut Tx<'_>, host_id: i64) -> Result<bool> {
    let done = sqlx::query::<Db>("UPDATE reception_hosts SET is_demo = is_demo WHERE id = $1")
        .bind(host_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The host's first other reception (not cancelled) overlapping the span.
pub(super) async fn clash(
    tx: &mut Tx<'_>,
    host_id: i64,
    span: (i64, i64),
    except: Option<i64>,
) -> Result<Option<Clash>> {
    let row = sqlx::query::<Db>(
        "SELECT id, starts_at, ends_at FROM receptions WHERE host_id = $1 AND status <> 'cancelled' \
         AND starts_at < $3 AND ends_at > $2 AND id <> $4 ORDER BY starts_at, id LIMIT 1",
    )
    .bind(host_id)
    .bind(span.0)
    .bind(span.1)
    .bind(except.unwrap_or(-1))
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok(Clash { reception_id: r.try_get("id")?, starts_at: r.try_get("starts_at")?, ends_at: r.try_get("ends_at")? })
    })
    .transpose()
}

/// Records a change of a reception in the transparency log (an audit leaf:
/// who changed it is kept in the audit row, the leaf has the role). What a
/// leaf's body says: the reception as the change left it, and `extra`
/// (a reason, the summary counts). No booking and no person is in it.
pub(super) async fn log_reception(
    tx: &mut Tx<'_>,
    by: &Actor,
    kind: &str,
    id: i64,
    extra: serde_json::Value,
    at: i64,
) -> Result<()> {
    let r = reception_in(tx, id).await?.ok_or_else(|| StoreError::NotFound(format!("reception {id}")))?;
    let mut body = serde_json::json!({
        "reception": r.id,
        "group": r.group_id,
        "territory": r.territory_code,
        "host": r.host_id,
        "mode": r.mode,
        "starts_at": r.starts_at,
        "ends_at": r.ends_at,
        "status": r.status,
        "sequence": r.sequence,
    });
    if let (Some(body), serde_json::Value::Object(more)) = (body.as_object_mut(), extra) {
        body.extend(more);
    }
    audit(tx, by, kind, &body.to_string(), Some(at)).await
}

/// Writes a booking's notice (see `outbox::enqueue_booking`): what the
/// message needs besides the kind: the code, the reception, the slot's
/// start, and, for someone holding a seat at an online reception, the link.
pub(super) async fn notify(
    tx: &mut Tx<'_>,
    booking_id: i64,
    notice: BookingNotice,
    extra: serde_json::Value,
    at: i64,
) -> Result<()> {
    let row = sqlx::query::<Db>(
        "SELECT b.code, b.reception_id, b.status, s.starts_at, r.online_link FROM reception_bookings b \
         JOIN receptions r ON r.id = b.reception_id LEFT JOIN reception_slots s ON s.id = b.slot_id WHERE b.id = $1",
    )
    .bind(booking_id)
    .fetch_one(&mut **tx)
    .await?;
    let status: String = row.try_get("status")?;
    let mut payload = serde_json::json!({
        "code": row.try_get::<String, _>("code")?,
        "reception": row.try_get::<i64, _>("reception_id")?,
        "status": status,
        "slot_starts_at": row.try_get::<Option<i64>, _>("starts_at")?,
    });
    let seated = matches!(BookingStatus::parse(&status), Some(BookingStatus::Booked | BookingStatus::CheckedIn));
    if let (true, Some(link)) = (seated, row.try_get::<Option<String>, _>("online_link")?) {
        payload["online_link"] = serde_json::Value::String(link);
    }
    if let (Some(p), serde_json::Value::Object(more)) = (payload.as_object_mut(), extra) {
        p.extend(more);
    }
    super::outbox::enqueue_booking(tx, booking_id, notice.as_str(), &payload.to_string(), at).await
}

/// A fresh booking code (unique by its index; a collision is drawn again).
pub(super) fn new_code() -> Result<String> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Invalid(format!("random source: {e}")))?;
    Ok(adaldyq_domain::reception::booking_code(&bytes))
}
