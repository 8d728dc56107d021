//! Appeals: filing in one transaction, events, staff lists.

use super::super::{Backend, Db};
use crate::log::{AppealState, EventRecord};
use crate::{
    Appeal, AppealEvent, AppealStore, CreateOutcome, InboxFilter, NewAppeal, NewEvent, OutboxRow, Result, StoreError,
    Tombstone,
};
use adaldyq_domain::appeal::{receipt_number, AppealKind, AppealLanguage, Contact, EventKind, Status};
use async_trait::async_trait;
use sqlx::Row;

pub(super) const APPEAL_COLUMNS: &str = "a.id, a.number, a.kind, a.territory_code, a.institution_id, a.subject, a.body, \
     a.language, a.anonymous, a.status, a.received_at, a.registered_on, a.due_on, a.term_days, a.secret_hash, a.updated_at, a.category_id, a.assignee_id";

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Invalid(format!("{what} {v:?}"))
}

pub(super) fn appeal(row: &<Db as sqlx::Database>::Row) -> Result<Appeal> {
    let kind: String = row.try_get("kind")?;
    let language: String = row.try_get("language")?;
    let status: String = row.try_get("status")?;
    Ok(Appeal {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        kind: AppealKind::parse(&kind).ok_or_else(|| bad("appeal kind", &kind))?,
        category_id: row.try_get("category_id")?,
        assignee_id: row.try_get("assignee_id")?,
        territory_code: row.try_get("territory_code")?,
        institution_id: row.try_get("institution_id")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        language: AppealLanguage::parse(&language).ok_or_else(|| bad("language", &language))?,
        anonymous: row.try_get("anonymous")?,
        status: Status::parse(&status).ok_or_else(|| bad("status", &status))?,
        received_at: row.try_get("received_at")?,
        registered_on: row.try_get("registered_on")?,
        due_on: row.try_get("due_on")?,
        term_days: row.try_get("term_days")?,
        secret_hash: row.try_get("secret_hash")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn attachment(r: &<Db as sqlx::Database>::Row) -> Result<crate::Attachment> {
    Ok(crate::Attachment {
        id: r.try_get("id")?,
        appeal_id: r.try_get("appeal_id")?,
        sha256: r.try_get("sha256")?,
        name: r.try_get("name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Inserts the files' rows; their ids, in order.
async fn insert_files(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    at: i64,
    files: &[crate::NewAttachment],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(files.len());
    for f in files {
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO attachments (appeal_id, sha256, name, media_type, size, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(appeal_id)
        .bind(&f.sha256)
        .bind(&f.name)
        .bind(&f.media_type)
        .bind(f.size)
        .bind(at)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// What an event's leaf says about its appeal: the appeal as it is after
/// the event (read in the event's transaction, after its update).
struct Logged {
    number: String,
    institution: Option<i64>,
    salt: Vec<u8>,
    subject: String,
    text: String,
    corruption_report: bool,
    state: AppealState,
}

async fn logged(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64) -> Result<Logged> {
    let a = sqlx::query::<Db>(
        "SELECT number, kind, institution_id, salt, subject, body, status, assignee_id, category_id, term_days, due_on \
         FROM appeals WHERE id = $1",
    )
    .bind(appeal_id)
    .fetch_one(&mut **tx)
    .await?;
    let files = sqlx::query::<Db>("SELECT id, sha256 FROM attachments WHERE appeal_id = $1 ORDER BY id")
        .bind(appeal_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("sha256")?)))
        .collect::<Result<Vec<(i64, String)>>>()?;
    let kind: String = a.try_get("kind")?;
    Ok(Logged {
        number: a.try_get("number")?,
        institution: a.try_get("institution_id")?,
        salt: a.try_get("salt")?,
        subject: a.try_get("subject")?,
        text: a.try_get("body")?,
        corruption_report: kind == AppealKind::CorruptionReport.as_str(),
        state: state_of(&a, files)?,
    })
}

/// An appeal row's state (its status, institution_id, assignee_id,
/// category_id, term_days and due_on columns) with its files.
pub(super) fn state_of(row: &<Db as sqlx::Database>::Row, files: Vec<(i64, String)>) -> Result<AppealState> {
    Ok(AppealState {
        status: row.try_get("status")?,
        institution: row.try_get("institution_id")?,
        assignee: row.try_get("assignee_id")?,
        category: row.try_get("category_id")?,
        term_days: row.try_get("term_days")?,
        due_on: row.try_get("due_on")?,
        files,
    })
}

/// Writes an event, its leaf in the transparency log and its notice, in the
/// caller's transaction, after the change it records: the leaf commits to
/// the appeal's state as the change left it.
pub(super) async fn insert_event(tx: &mut sqlx::Transaction<'_, Db>, appeal_id: i64, e: &NewEvent) -> Result<()> {
    let a = logged(tx, appeal_id).await?;
    insert_logged_event(tx, appeal_id, &a, e).await
}

/// Writes an event whose appeal the caller already has in hand.
async fn insert_logged_event(
    tx: &mut sqlx::Transaction<'_, Db>,
    appeal_id: i64,
    a: &Logged,
    e: &NewEvent,
) -> Result<()> {
    let state = a.state.encode();
    let record = EventRecord {
        kind: e.kind.as_str(),
        number: &a.number,
        at: e.at,
        role: &e.actor_role,
        institution: a.institution,
        salt: &a.salt,
        body: &e.body,
        filed: (e.kind == EventKind::Filed).then_some((a.subject.as_str(), a.text.as_str())),
        state: Some(&state),
        actor_user_id: e.actor_user_id,
        corruption_report: a.corruption_report,
    };
    let leaf_index = super::log::append_leaf(tx, &crate::log::event_leaf(&record)).await?;
    let event_id = sqlx::query_scalar::<Db, i64>(
        "INSERT INTO appeal_events (appeal_id, kind, at, actor_role, actor_user_id, body, internal, leaf_index, institution_id, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(appeal_id)
    .bind(e.kind.as_str())
    .bind(e.at)
    .bind(&e.actor_role)
    .bind(e.actor_user_id)
    .bind(&e.body)
    .bind(e.internal)
    .bind(leaf_index)
    .bind(a.institution)
    .bind(&state)
    .fetch_one(&mut **tx)
    .await?;
    if let Some(notice) = &e.notice {
        super::outbox::enqueue(tx, appeal_id, event_id, e.kind.as_str(), notice, e.at).await?;
    }
    Ok(())
}

impl Backend {
    async fn number_for_token(&self, token: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar::<Db, String>("SELECT number FROM appeals WHERE client_token = $1")
            .bind(token)
            .fetch_optional(self.write_pool())
            .await?)
    }

    /// Files through the group committer (see [`Filings`]).
    async fn try_create(&self, new: &NewAppeal) -> Result<CreateOutcome> {
        self.filings.get_or_init(|| Filings::start(self.write_pool().clone())).file(new.clone()).await
    }
}

/// Files one appeal inside `tx`: its number, the appeal, its contact, its
/// events with their log leaves and notices, its files.
async fn create_in(tx: &mut sqlx::Transaction<'_, Db>, new: &NewAppeal) -> Result<CreateOutcome> {
    {
        if let Some(token) = &new.client_token {
            let existing = sqlx::query_scalar::<Db, String>("SELECT number FROM appeals WHERE client_token = $1")
                .bind(token)
                .fetch_optional(&mut **tx)
                .await?;
            if let Some(number) = existing {
                return Ok(CreateOutcome::Duplicate { number });
            }
        }
        // The counter row is locked by the update until commit, so two
        // filers in the same region and year never get the same number.
        let seq = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO appeal_counters (region, year, value) VALUES ($1, $2, 1) \
             ON CONFLICT (region, year) DO UPDATE SET value = appeal_counters.value + 1 RETURNING value",
        )
        .bind(&new.region)
        .bind(new.year as i64)
        .fetch_one(&mut **tx)
        .await?;
        let number = receipt_number(&new.region, new.year, seq);
        let a = &new.appeal;
        let id = sqlx::query_scalar::<Db, i64>(
            "INSERT INTO appeals (number, kind, territory_code, institution_id, subject, body, language, anonymous, \
             status, received_at, registered_on, due_on, term_days, secret_hash, client_token, salt, updated_at, category_id, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $10, $17, $18) RETURNING id",
        )
        .bind(&number)
        .bind(a.kind.as_str())
        .bind(&a.territory)
        .bind(a.institution)
        .bind(&a.subject)
        .bind(&a.text)
        .bind(a.language.as_str())
        .bind(a.contact.is_none())
        .bind(Status::Registered.as_str())
        .bind(new.received_at)
        .bind(&new.registered_on)
        .bind(&new.due_on)
        .bind(new.term_days)
        .bind(&new.secret_hash)
        .bind(&new.client_token)
        .bind(&new.salt)
        .bind(a.category)
        .bind(adaldyq_domain::search::normalise(&format!("{} {}", a.subject, a.text)))
        .fetch_one(&mut **tx)
        .await?;
        if let Some(c) = &a.contact {
            sqlx::query::<Db>(
                "INSERT INTO appeal_contacts (appeal_id, name, email, phone, iin) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&c.name)
            .bind(&c.email)
            .bind(&c.phone)
            .bind(&c.iin)
            .execute(&mut **tx)
            .await?;
        }
        let filed = NewEvent {
            kind: EventKind::Filed,
            at: new.received_at,
            actor_role: new.actor_role.as_str().to_owned(),
            actor_user_id: new.actor_user_id,
            body: serde_json::json!({ "kind": a.kind, "territory": a.territory, "language": a.language }).to_string(),
            internal: false,
            notice: None,
        };
        let file_ids = insert_files(tx, id, new.received_at, &new.attachments).await?;
        let logged = Logged {
            number: number.clone(),
            institution: a.institution,
            salt: new.salt.clone(),
            subject: a.subject.clone(),
            text: a.text.clone(),
            corruption_report: a.kind == AppealKind::CorruptionReport,
            state: AppealState {
                status: Status::Registered.as_str().to_owned(),
                institution: a.institution,
                assignee: None,
                category: a.category,
                term_days: new.term_days,
                due_on: new.due_on.clone(),
                files: file_ids.into_iter().zip(new.attachments.iter().map(|f| f.sha256.clone())).collect(),
            },
        };
        insert_logged_event(tx, id, &logged, &filed).await?;
        let registered = NewEvent {
            kind: EventKind::Registered,
            at: new.received_at,
            actor_role: "system".into(),
            actor_user_id: None,
            body: serde_json::json!({ "number": number, "registered_on": new.registered_on, "due_on": new.due_on })
                .to_string(),
            internal: false,
            notice: Some(serde_json::json!({ "number": number, "due_on": new.due_on }).to_string()),
        };
        insert_logged_event(tx, id, &logged, &registered).await?;
        if let (Some(rule), Some(institution)) = (new.routed_by_rule, a.institution) {
            let routed = NewEvent {
                kind: EventKind::Routed,
                at: new.received_at,
                actor_role: "system".into(),
                actor_user_id: None,
                body: serde_json::json!({ "rule": rule, "institution": institution }).to_string(),
                internal: false,
                notice: None,
            };
            insert_logged_event(tx, id, &logged, &routed).await?;
        }
        Ok(CreateOutcome::Created { id, number })
    }
}

/// Group commit for filings: submissions queue here and one task files
/// whatever has queued in one transaction (each in its own savepoint, so one
/// refusal touches no other), commits once, then answers each. A receipt is
/// still acknowledged only after its commit; many commits share one fsync.
pub(crate) struct Filings {
    queue: tokio::sync::mpsc::Sender<Job>,
}

type Job = (NewAppeal, tokio::sync::oneshot::Sender<Result<CreateOutcome>>);

/// Most filings one transaction takes.
const BATCH: usize = 64;

impl Filings {
    fn start(pool: sqlx::Pool<Db>) -> Filings {
        let (queue, mut jobs) = tokio::sync::mpsc::channel::<Job>(1024);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while jobs.recv_many(&mut batch, BATCH).await > 0 {
                file_batch(&pool, std::mem::take(&mut batch)).await;
            }
        });
        Filings { queue }
    }

    async fn file(&self, new: NewAppeal) -> Result<CreateOutcome> {
        let (answer, reply) = tokio::sync::oneshot::channel();
        let gone = || StoreError::Invalid("the store is closing".into());
        self.queue.send((new, answer)).await.map_err(|_| gone())?;
        reply.await.map_err(|_| gone())?
    }
}

async fn file_batch(pool: &sqlx::Pool<Db>, batch: Vec<Job>) {
    let mut outcomes = Vec::with_capacity(batch.len());
    let committed: Result<()> = async {
        let mut tx = pool.begin().await?;
        for (new, _) in &batch {
            sqlx::query::<Db>("SAVEPOINT filing").execute(&mut *tx).await?;
            let outcome = create_in(&mut tx, new).await;
            if outcome.is_err() {
                sqlx::query::<Db>("ROLLBACK TO SAVEPOINT filing").execute(&mut *tx).await?;
            }
            sqlx::query::<Db>("RELEASE SAVEPOINT filing").execute(&mut *tx).await?;
            outcomes.push(outcome);
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    match committed {
        Ok(()) => {
            for ((_, answer), outcome) in batch.into_iter().zip(outcomes) {
                let _ = answer.send(outcome);
            }
        }
        Err(e) => {
            let why = e.to_string();
            for (_, answer) in batch {
                let _ = answer.send(Err(StoreError::Invalid(format!("the filing was not committed: {why}"))));
            }
        }
    }
}

type Update<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

impl Backend {
    /// The codes of the given territories and of every unit under them.
    pub(super) async fn subtree_codes(&self, roots: &[String]) -> Result<Vec<String>> {
        if roots.is_empty() {
            return Ok(vec![]);
        }
        let ps: Vec<String> = (1..=roots.len()).map(|k| format!("${k}")).collect();
        let sql = format!(
            "SELECT DISTINCT t.code FROM territories t JOIN territories s ON t.path = s.path OR t.path LIKE s.path || '/%' \
             WHERE s.code IN ({}) ORDER BY t.code",
            ps.join(", ")
        );
        let mut q = sqlx::query_scalar::<Db, String>(&sql);
        for r in roots {
            q = q.bind(r.clone());
        }
        Ok(q.fetch_all(self.read_pool()).await?)
    }

    /// Runs an `UPDATE appeals … WHERE id = … AND status = <expected>` and,
    /// only if it moved the appeal (nobody moved it meanwhile), records the
    /// event and its files, all in one transaction.
    async fn guarded(
        &self,
        update: Update<'_>,
        appeal_id: i64,
        event: &NewEvent,
        files: &[crate::NewAttachment],
    ) -> Result<bool> {
        let mut tx = self.write_pool().begin().await?;
        if update.execute(&mut *tx).await?.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        insert_files(&mut tx, appeal_id, event.at, files).await?;
        insert_event(&mut tx, appeal_id, event).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Moves an appeal from one status to another with its event;
    /// optionally with a new term.
    async fn move_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        term: Option<(i64, &str)>,
    ) -> Result<bool> {
        let update = match term {
            None => sqlx::query::<Db>("UPDATE appeals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(to.as_str())
                .bind(event.at)
                .bind(appeal_id)
                .bind(from.as_str()),
            Some((days, due)) => sqlx::query::<Db>(
                "UPDATE appeals SET status = $1, updated_at = $2, term_days = $5, due_on = $6 WHERE id = $3 AND status = $4",
            )
            .bind(to.as_str())
            .bind(event.at)
            .bind(appeal_id)
            .bind(from.as_str())
            .bind(days)
            .bind(due),
        };
        self.guarded(update, appeal_id, event, &[]).await
    }
}

#[async_trait]
impl AppealStore for Backend {
    async fn create_appeal(&self, new: &NewAppeal) -> Result<CreateOutcome> {
        // A conflict can only be the form token, sent twice at once (the
        // number cannot collide): the other submission won, report it.
        match self.try_create(new).await {
            Err(StoreError::Conflict(msg)) => match &new.client_token {
                Some(token) => match self.number_for_token(token).await? {
                    Some(number) => Ok(CreateOutcome::Duplicate { number }),
                    None => Err(StoreError::Conflict(msg)),
                },
                None => Err(StoreError::Conflict(msg)),
            },
            other => other,
        }
    }

    async fn appeal_by_number(&self, number: &str) -> Result<Option<Appeal>> {
        let sql = format!("SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.number = $1");
        let row = sqlx::query::<Db>(&sql).bind(number).fetch_optional(self.read_pool()).await?;
        row.as_ref().map(appeal).transpose()
    }

    async fn appeal_contact(&self, appeal_id: i64) -> Result<Option<Contact>> {
        let row = sqlx::query::<Db>("SELECT name, email, phone, iin FROM appeal_contacts WHERE appeal_id = $1")
            .bind(appeal_id)
            .fetch_optional(self.read_pool())
            .await?;
        row.map(|r| {
            Ok(Contact {
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
                iin: r.try_get("iin")?,
            })
        })
        .transpose()
    }

    async fn appeal_events(&self, appeal_id: i64) -> Result<Vec<AppealEvent>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, kind, at, actor_role, actor_user_id, body, internal, leaf_index FROM appeal_events \
             WHERE appeal_id = $1 ORDER BY id",
        )
        .bind(appeal_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(AppealEvent {
                    id: r.try_get("id")?,
                    kind: EventKind::parse(&kind).ok_or_else(|| bad("event kind", &kind))?,
                    at: r.try_get("at")?,
                    actor_role: r.try_get("actor_role")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    body: r.try_get("body")?,
                    internal: r.try_get("internal")?,
                    leaf_index: r.try_get("leaf_index")?,
                })
            })
            .collect()
    }

    async fn record_event(&self, appeal_id: i64, from: Status, to: Status, event: &NewEvent) -> Result<bool> {
        self.move_appeal(appeal_id, from, to, event, None).await
    }

    async fn record_term_event(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        term_days: i64,
        due_on: &str,
    ) -> Result<bool> {
        self.move_appeal(appeal_id, from, to, event, Some((term_days, due_on))).await
    }

    async fn inbox(&self, f: &InboxFilter) -> Result<Vec<Appeal>> {
        self.inbox_page(f).await
    }

    async fn inbox_count(&self, f: &InboxFilter, cap: i64) -> Result<i64> {
        self.inbox_total(f, cap).await
    }

    async fn forward_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        institution_id: i64,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, institution_id = $5 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(institution_id);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn assign_appeal(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        assignee_id: i64,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, assignee_id = $5 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(assignee_id);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn reassign_with_term(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        institution_id: Option<i64>,
        term_days: i64,
        due_on: &str,
        event: &NewEvent,
    ) -> Result<bool> {
        let update = sqlx::query::<Db>(
            "UPDATE appeals SET status = $1, updated_at = $2, institution_id = COALESCE($5, institution_id), \
             term_days = $6, due_on = $7, assignee_id = NULL WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(event.at)
        .bind(appeal_id)
        .bind(from.as_str())
        .bind(institution_id)
        .bind(term_days)
        .bind(due_on);
        self.guarded(update, appeal_id, event, &[]).await
    }

    async fn staff_of_institution(&self, institution_id: i64) -> Result<Vec<crate::User>> {
        let ids = sqlx::query_scalar::<Db, i64>(
            "SELECT DISTINCT user_id FROM grants WHERE institution_id = $1 AND role IN ('officer', 'head') ORDER BY user_id",
        )
        .bind(institution_id)
        .fetch_all(self.read_pool())
        .await?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(u) = crate::AccountStore::user(self, id).await? {
                out.push(u);
            }
        }
        Ok(out)
    }

    async fn overdue(&self, today: &str, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.due_on < $1 \
             AND a.status IN ('registered', 'assigned', 'in_progress', 'awaiting_clarification') ORDER BY a.due_on, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(today).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn attachments(&self, appeal_id: i64) -> Result<Vec<crate::Attachment>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, appeal_id, sha256, name, media_type, size, created_at FROM attachments WHERE appeal_id = $1 ORDER BY id",
        )
        .bind(appeal_id)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(attachment).collect()
    }

    async fn record_event_with_files(
        &self,
        appeal_id: i64,
        from: Status,
        to: Status,
        event: &NewEvent,
        files: &[crate::NewAttachment],
    ) -> Result<bool> {
        let update = sqlx::query::<Db>("UPDATE appeals SET status = $4, updated_at = $1 WHERE id = $2 AND status = $3")
            .bind(event.at)
            .bind(appeal_id)
            .bind(from.as_str())
            .bind(to.as_str());
        self.guarded(update, appeal_id, event, files).await
    }

    async fn tombstone(&self, appeal_id: i64, what: &Tombstone, event: &NewEvent) -> Result<Vec<String>> {
        let mut tx = self.write_pool().begin().await?;
        if matches!(what, Tombstone::Hide | Tombstone::Erase) {
            sqlx::query::<Db>(
                "UPDATE appeals SET subject = '', body = '', search_text = '', updated_at = $2 WHERE id = $1",
            )
            .bind(appeal_id)
            .bind(event.at)
            .execute(&mut *tx)
            .await?;
            sqlx::query::<Db>(
                "UPDATE appeal_events SET body = '{}' WHERE appeal_id = $1 \
                 AND kind NOT IN ('filed', 'registered', 'routed', 'assigned', 'hidden', 'erased', 'attachments_deleted')",
            )
            .bind(appeal_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query::<Db>("UPDATE outbox SET payload = '{}' WHERE appeal_id = $1 AND sent_at IS NULL")
                .bind(appeal_id)
                .execute(&mut *tx)
                .await?;
        }
        let ids: Option<Vec<i64>> = match what {
            Tombstone::Hide => Some(Vec::new()),
            Tombstone::Erase => {
                sqlx::query::<Db>("DELETE FROM appeal_contacts WHERE appeal_id = $1")
                    .bind(appeal_id)
                    .execute(&mut *tx)
                    .await?;
                super::outbox::forget_recipients(&mut tx, appeal_id, event.at).await?;
                None
            }
            Tombstone::DeleteAttachments(ids) => Some(ids.clone()),
        };
        let rows = sqlx::query::<Db>("SELECT id, sha256 FROM attachments WHERE appeal_id = $1")
            .bind(appeal_id)
            .fetch_all(&mut *tx)
            .await?;
        let mut gone = Vec::new();
        for r in rows {
            let id: i64 = r.try_get("id")?;
            if ids.as_ref().is_none_or(|keep| keep.contains(&id)) {
                sqlx::query::<Db>("DELETE FROM attachments WHERE id = $1").bind(id).execute(&mut *tx).await?;
                gone.push(r.try_get::<String, _>("sha256")?);
            }
        }
        insert_event(&mut tx, appeal_id, event).await?;
        tx.commit().await?;
        Ok(gone)
    }

    async fn attachment_refs(&self, sha256: &str) -> Result<i64> {
        Ok(sqlx::query_scalar::<Db, i64>("SELECT COUNT(*) FROM attachments WHERE sha256 = $1")
            .bind(sha256)
            .fetch_one(self.read_pool())
            .await?)
    }

    async fn closed_with_files_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>> {
        let rows = sqlx::query::<Db>(&format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.status = 'closed' AND a.updated_at < $1 \
             AND EXISTS (SELECT 1 FROM attachments f WHERE f.appeal_id = a.id) ORDER BY a.id LIMIT $2"
        ))
        .bind(before)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter().map(appeal).collect()
    }

    async fn attachment(&self, id: i64) -> Result<Option<crate::Attachment>> {
        let row = sqlx::query::<Db>(
            "SELECT id, appeal_id, sha256, name, media_type, size, created_at FROM attachments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        row.as_ref().map(attachment).transpose()
    }

    async fn answered_before(&self, before: i64, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.status = 'answered' AND a.updated_at < $1 ORDER BY a.updated_at, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(before).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn appeals_filed_by(&self, user_id: i64, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.anonymous = false AND a.id IN \
             (SELECT appeal_id FROM appeal_events WHERE kind = 'filed' AND actor_user_id = $1) ORDER BY a.id DESC LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(user_id).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn escalated_due_before(&self, date: &str, limit: i64) -> Result<Vec<Appeal>> {
        let sql = format!(
            "SELECT {APPEAL_COLUMNS} FROM appeals a WHERE a.due_on < $1 AND a.status = 'escalated' ORDER BY a.due_on, a.id LIMIT $2"
        );
        let rows = sqlx::query::<Db>(&sql).bind(date).bind(limit).fetch_all(self.read_pool()).await?;
        rows.iter().map(appeal).collect()
    }

    async fn outbox_pending(&self, limit: i64) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query::<Db>(
            "SELECT id, appeal_id, kind, payload, created_at FROM outbox WHERE id IN \
             (SELECT MIN(id) FROM outbox WHERE sent_at IS NULL GROUP BY COALESCE(event_id, -id)) ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxRow {
                    id: r.try_get("id")?,
                    appeal_id: r.try_get("appeal_id")?,
                    kind: r.try_get("kind")?,
                    payload: r.try_get("payload")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}
