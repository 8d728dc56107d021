//! `adaldyq-bench-seed DATA_DIR N [DATABASE_URL]`: adds N appeals to the
//! database of a data folder that `adaldyq demo` prepared (its SQLite file,
//! or the PostgreSQL database given): each with its "filed" and
//! "registered" events (and the later ones of a server in its steady state:
//! answered, closed, escalated), their leaves in the
//! transparency log, the tree's stored hashes and a checkpoint signed with
//! the folder's log key, so the server starts on a fully integrated log.
//! Bulk-loaded in large transactions with synchronous=OFF (SQLite) or
//! synchronous_commit=off (PostgreSQL): this builds test data, it is not
//! how the platform writes.

use adaldyq_domain::appeal::DISPUTE_WINDOW_DAYS;
use adaldyq_domain::calendar::{Calendar, WorkingHours};
use adaldyq_domain::search::normalise;
use adaldyq_store::log::{event_leaf, AppealState, EventRecord};
use adaldyq_tlog::note::LogKey;
use adaldyq_tlog::Tree;
use sqlx::any::AnyPoolOptions;
use sqlx::{Executor, Row};
use std::path::PathBuf;

const KINDS: [&str; 5] = ["complaint", "corruption_report", "proposal", "information_request", "service_quality"];
const LANGS: [&str; 3] = ["kk", "ru", "en"];
const SUBJECTS: [&str; 6] =
    ["Жол жөндеу", "Ремонт дороги", "Су құбыры", "Нет воды во дворе", "Көше шамдары жанбайды", "Street lights are off"];
const TEXTS: [&str; 4] = [
    "Ауылдағы жол көктемнен бері жөнделмеген, балалар мектепке бара алмайды.",
    "Во дворе третий день нет воды, обращались в акимат, ответа нет.",
    "Кеше жарықтандыру жұмыс істемейді, түнде жүру қауіпті.",
    "The bus to the district centre has not run for a week.",
];

fn salt() -> Vec<u8> {
    let mut s = vec![0u8; 16];
    getrandom::fill(&mut s).expect("random");
    s
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str = "usage: adaldyq-bench-seed DATA_DIR N [DATABASE_URL]";
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().ok_or(USAGE)?);
    let n: u64 = args.next().ok_or(USAGE)?.parse()?;
    let url = match args.next() {
        Some(url) => url,
        None => format!("sqlite:{}", data.join("adaldyq.db").display()),
    };
    let sqlite = url.starts_with("sqlite:");
    // Migrate to this build's schema first.
    adaldyq_store::open(&url).await?.close().await;
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                let setup = if sqlite {
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON"
                } else {
                    "SET synchronous_commit = off"
                };
                conn.execute(setup).await.map(|_| ())
            })
        })
        .connect(&url)
        .await?;

    let institutions: Vec<(i64, String)> = sqlx::query("SELECT id, territory_code FROM institutions ORDER BY id")
        .fetch_all(&pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    if institutions.is_empty() {
        return Err("no institutions: run `adaldyq demo --data-dir DATA_DIR` first".into());
    }
    let existing: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT data FROM log_leaves ORDER BY idx").fetch_all(&pool).await?;
    let integrated: i64 = sqlx::query_scalar("SELECT COALESCE((SELECT integrated FROM log_state WHERE id = 1), 0)")
        .fetch_one(&pool)
        .await?;
    let mut tree = Tree::from_leaves(existing);
    let start: i64 = sqlx::query_scalar(
        "SELECT COALESCE((SELECT value FROM appeal_counters WHERE region = '43' AND year = 2026), 0)",
    )
    .fetch_one(&pool)
    .await?;

    let calendar = Calendar::kazakhstan();
    let now = jiff::Timestamp::now().as_second();
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let began = std::time::Instant::now();
    let batch = 5_000;
    let mut i = 0u64;
    while i < n {
        let mut tx = pool.begin().await?;
        for _ in 0..batch.min(n - i) {
            let seq = start + i as i64 + 1;
            let number = format!("43-2026-{seq:06}");
            let (institution, territory) = &institutions[(i as usize) % institutions.len()];
            let kind = KINDS[(i % 5) as usize];
            let language = LANGS[(i % 3) as usize];
            let subject = format!("{} №{seq}", SUBJECTS[(i % 6) as usize]);
            let text = TEXTS[(i % 4) as usize];
            let received = now - (n - i) as i64 * 20;
            let ts = jiff::Timestamp::from_second(received)?;
            let registered = calendar.registration_date(ts, &WorkingHours::default());
            let due = calendar.due_date(registered, 15).due;
            // The steady state of a running server (so its jobs find
            // nothing to do in the benchmark): appeals due in the past were
            // answered, and closed once the dispute window was over; those
            // due in the last two days are escalated where they are (the
            // first step); of the rest, one in five is answered already.
            let due_days_ago = (today - due).get_days();
            let answered_at = if due_days_ago > 2 {
                Some(received + 5 * 86_400)
            } else if due_days_ago <= 0 && i % 5 == 0 {
                Some(received + 86_400).filter(|&t| t < now)
            } else {
                None
            };
            let closed_at = answered_at.map(|t| t + DISPUTE_WINDOW_DAYS * 86_400 + 60).filter(|&t| t < now);
            let escalated_at = (answered_at.is_none() && due_days_ago > 0).then_some(now - 3_600);
            let status = match (answered_at, closed_at, escalated_at) {
                (_, Some(_), _) => "closed",
                (Some(_), None, _) => "answered",
                (None, _, Some(_)) => "escalated",
                _ => "registered",
            };
            let updated_at = closed_at.or(answered_at).or(escalated_at).unwrap_or(received);
            let salt = salt();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO appeals (number, kind, territory_code, institution_id, subject, body, language, anonymous, \
                 status, received_at, registered_on, due_on, term_days, secret_hash, client_token, salt, updated_at, category_id, search_text) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9, $10, $11, 15, NULL, NULL, $12, $14, NULL, $13) RETURNING id",
            )
            .bind(&number)
            .bind(kind)
            .bind(territory)
            .bind(institution)
            .bind(&subject)
            .bind(text)
            .bind(language)
            .bind(status)
            .bind(received)
            .bind(registered.to_string())
            .bind(due.to_string())
            .bind(&salt)
            .bind(normalise(&format!("{subject} {text}")))
            .bind(updated_at)
            .fetch_one(&mut *tx)
            .await?;
            let mut events = vec![
                (
                    "filed",
                    received,
                    "citizen",
                    serde_json::json!({ "kind": kind, "territory": territory, "language": language }),
                ),
                (
                    "registered",
                    received,
                    "system",
                    serde_json::json!({ "number": number, "registered_on": registered.to_string(), "due_on": due.to_string() }),
                ),
            ];
            if let Some(at) = answered_at {
                events.push((
                    "answered",
                    at,
                    "officer",
                    serde_json::json!({ "text": "Жол жөндеу жоспарға енгізілді." }),
                ));
            }
            if let Some(at) = closed_at {
                events.push(("closed", at, "system", serde_json::json!({ "reason": "dispute_window_over" })));
            }
            if let Some(at) = escalated_at {
                events.push((
                    "escalated",
                    at,
                    "system",
                    serde_json::json!({ "due_on": due.to_string(), "escalated_on": today.to_string() }),
                ));
            }
            for (ekind, at, role, body) in events {
                let body = body.to_string();
                // Each event logs the appeal's state after it.
                let state = AppealState {
                    status: match ekind {
                        "answered" | "closed" | "escalated" => ekind,
                        _ => "registered",
                    }
                    .to_owned(),
                    institution: Some(*institution),
                    assignee: None,
                    category: None,
                    term_days: 15,
                    due_on: due.to_string(),
                    files: vec![],
                }
                .encode();
                let leaf = event_leaf(&EventRecord {
                    kind: ekind,
                    number: &number,
                    at,
                    role,
                    institution: Some(*institution),
                    salt: &salt,
                    body: &body,
                    filed: (ekind == "filed").then_some((subject.as_str(), text)),
                    state: Some(&state),
                    actor_user_id: None,
                    corruption_report: kind == "corruption_report",
                })
                .encode()?;
                tree.push(&leaf);
                let idx = tree.size() as i64 - 1;
                sqlx::query("INSERT INTO log_leaves (idx, data) VALUES ($1, $2)")
                    .bind(idx)
                    .bind(&leaf)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO appeal_events (appeal_id, kind, at, actor_role, actor_user_id, body, internal, leaf_index, institution_id, state) \
                     VALUES ($1, $2, $3, $4, NULL, $5, false, $6, $7, $8)",
                )
                .bind(id)
                .bind(ekind)
                .bind(at)
                .bind(role)
                .bind(&body)
                .bind(idx)
                .bind(institution)
                .bind(&state)
                .execute(&mut *tx)
                .await?;
            }
            i += 1;
        }
        tx.commit().await?;
        if i % 100_000 == 0 || i == n {
            eprintln!("{i} appeals, {} leaves, {:.0} s", tree.size(), began.elapsed().as_secs_f64());
        }
    }

    // The counter, the tree's stored hashes, a signed checkpoint.
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO appeal_counters (region, year, value) VALUES ('43', 2026, $1) \
         ON CONFLICT (region, year) DO UPDATE SET value = $1",
    )
    .bind(start + n as i64)
    .execute(&mut *tx)
    .await?;
    let size = tree.size();
    let from = tlog_tiles::stored_hash_count(integrated as u64);
    // 500 hashes to a statement (several million of them).
    let stored: Vec<(usize, &adaldyq_tlog::Hash)> = tree.stored().iter().enumerate().skip(from as usize).collect();
    for chunk in stored.chunks(500) {
        let values: Vec<String> = (0..chunk.len()).map(|k| format!("(${}, ${})", 2 * k + 1, 2 * k + 2)).collect();
        let sql = format!(
            "INSERT INTO log_hashes (idx, hash) VALUES {} ON CONFLICT (idx) DO UPDATE SET hash = excluded.hash",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (k, h) in chunk {
            q = q.bind(*k as i64).bind(&h.0[..]);
        }
        q.execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO log_state (id, size, integrated) VALUES (1, $1, $1) \
         ON CONFLICT (id) DO UPDATE SET size = $1, integrated = $1",
    )
    .bind(size as i64)
    .execute(&mut *tx)
    .await?;
    let key = LogKey::load_or_create(&data.join("log.key"), "adaldyq.local/log")?;
    let note = key.sign(size, &tree.root())?;
    sqlx::query(
        "INSERT INTO log_checkpoints (size, root, note, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (size) DO UPDATE SET root = $2, note = $3, created_at = $4",
    )
    .bind(size as i64)
    .bind(&tree.root().0[..])
    .bind(&note)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if sqlite {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
    }
    sqlx::query("ANALYZE").execute(&pool).await?;
    pool.close().await;
    eprintln!("done: {n} appeals, {size} leaves in the log, {:.0} s", began.elapsed().as_secs_f64());
    Ok(())
}
