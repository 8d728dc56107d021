//! Filing: an appeal, its contact, its first events (with their leaves and
//! the receipt notice) and its files in one transaction, numbered from a
//! counter that cannot race, through a group committer.

use super::super::super::{Backend, Db};
use super::{insert_files, insert_logged_event, Logged};
use crate::log::AppealState;
use crate::{CreateOutcome, NewAppeal, NewEvent, Result, StoreError};
use adaldyq_domain::appeal::{receipt_number, AppealChannel, AppealKind, EventKind, Status};

impl Backend {
    /// Files an appeal; a form sent twice at once answers with the first
    /// one's number.
    pub(super) async fn file_appeal(&self, new: &NewAppeal) -> Result<CreateOutcome> {
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
             status, received_at, registered_on, due_on, term_days, secret_hash, client_token, salt, updated_at, category_id, search_text, \
             channel, reception_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $10, $17, $18, $19, $20) RETURNING id",
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
        .bind(new.origin.channel.as_str())
        .bind(new.origin.reception_id)
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
            body: filed_body(new).to_string(),
            internal: false,
            notice: None,
            staff_notice: None,
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
            staff_notice: None,
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
                staff_notice: None,
            };
            insert_logged_event(tx, id, &logged, &routed).await?;
        }
        Ok(CreateOutcome::Created { id, number })
    }
}

/// What the "filed" event says: the kind, the place, the language, and how
/// the appeal came when not through the web form (the API, paper, a
/// reception, with the reception's id).
fn filed_body(new: &NewAppeal) -> serde_json::Value {
    let a = &new.appeal;
    let mut body = serde_json::json!({ "kind": a.kind, "territory": a.territory, "language": a.language });
    if new.origin.channel != AppealChannel::Web {
        body["channel"] = serde_json::json!(new.origin.channel);
    }
    if let Some(r) = new.origin.reception_id {
        body["reception"] = serde_json::json!(r);
    }
    body
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
