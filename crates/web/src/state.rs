//! What every handler can reach: the store, the settings that the web layer
//! reads, the secrets it signs with, the metrics and the rate limiters.

use crate::middleware::ratelimit::RateLimits;
use crate::ops::Metrics;
use adaldyq_domain::calendar::{Calendar, Exception, Reason};
use adaldyq_store::{CalendarRow, DynStore, TerritoryRecord};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a server trusts its copy of the territory tree. A change made
/// through this server drops the copy at once; other servers sharing the
/// database see a change within this time.
pub const TERRITORY_TTL: Duration = Duration::from_secs(5);

/// Settings of the web layer; the server fills them from its configuration.
#[derive(Clone)]
pub struct WebConfig {
    /// The public origin (`https://adaldyq.example.kz`), used to check the
    /// `Origin` of form posts and to decide on `Secure` cookies and HSTS.
    /// Empty: the request's `Host` is taken as the origin (local use).
    pub public_url: String,
    pub session_hours: i64,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    pub sign_in_lock_after: i64,
    pub sign_in_lock_minutes: i64,
    pub sign_ins_per_minute: u32,
    pub filings_per_minute: u32,
    pub trackings_per_minute: u32,
    /// Trust `X-Forwarded-For` from the proxy in front (for rate limits).
    pub behind_proxy: bool,
    /// How many proxies in front append to `X-Forwarded-For`: the client's
    /// address is that many entries from the right (1: nginx alone).
    pub trusted_proxy_hops: usize,
    /// The bearer token `/metrics` asks for; without one, `/metrics` is not
    /// served at all.
    pub metrics_token: Option<String>,
    /// Keys CSRF tokens; made on first start and kept in the data folder.
    pub secret_key: Vec<u8>,
    /// Where attached files are kept (content-addressed, `attachments/`).
    pub data_dir: std::path::PathBuf,
    pub attachments: adaldyq_domain::attachment::AttachmentLimits,
    /// Signs the transparency log's checkpoints; made on first start and
    /// kept in the data folder (mode 0600).
    pub log_key: Arc<adaldyq_tlog::note::LogKey>,
    /// The witnesses whose cosignatures the log accepts (C2SP vkeys).
    pub witnesses: Vec<String>,
    /// Days after closing before an appeal's files are deleted; 0 keeps them.
    pub attachment_retention_days: i64,
    /// How notices are sent (e-mail, SMS) and retried.
    pub notices: crate::notices::NoticeSettings,
}

impl std::fmt::Debug for WebConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebConfig")
            .field("public_url", &self.public_url)
            .field("session_hours", &self.session_hours)
            .field("request_timeout", &self.request_timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("behind_proxy", &self.behind_proxy)
            .field("trusted_proxy_hops", &self.trusted_proxy_hops)
            .field("secret_key", &"<redacted>")
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: String::new(),
            session_hours: 12,
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 2 * 1024 * 1024,
            sign_in_lock_after: 5,
            sign_in_lock_minutes: 15,
            sign_ins_per_minute: 10,
            filings_per_minute: 20,
            trackings_per_minute: 60,
            behind_proxy: false,
            trusted_proxy_hops: 1,
            metrics_token: None,
            secret_key: vec![0; 32],
            data_dir: std::path::PathBuf::from("data"),
            attachments: adaldyq_domain::attachment::AttachmentLimits::default(),
            log_key: Arc::new(adaldyq_tlog::note::LogKey::generate("adaldyq.local/log").expect("a valid origin")),
            witnesses: Vec::new(),
            attachment_retention_days: 1825,
            notices: crate::notices::NoticeSettings::default(),
        }
    }
}

impl WebConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The largest body a filing with all its files may have.
    pub fn upload_bytes(&self) -> usize {
        self.attachments.max_bytes.saturating_mul(self.attachments.max_count).saturating_add(1024 * 1024)
    }
}

/// What every handler can reach, behind one shared pointer: the router
/// clones the state for each middleware layer of each request, and one
/// reference count to touch (not one per field) keeps that cheap on a
/// busy multi-core server.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub store: DynStore,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    pub limits: Arc<RateLimits>,
    /// The working-day calendar, read from the store at start and after an
    /// administrator changes it.
    calendar: RwLock<Arc<Calendar>>,
    /// The territory tree (read on most pages: the filing form, the inbox
    /// and its row checks), with when it was read.
    territories: RwLock<Option<(Instant, Arc<Vec<TerritoryRecord>>)>>,
    /// Counts the changes to the tree, so a read that began before one
    /// does not keep its stale result.
    territories_changed: AtomicU64,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(store: DynStore, config: WebConfig) -> AppState {
        let limits = Arc::new(RateLimits::new(&config));
        AppState(Arc::new(Shared {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
            limits,
            calendar: RwLock::new(Arc::new(Calendar::kazakhstan())),
            territories: RwLock::new(None),
            territories_changed: AtomicU64::new(0),
        }))
    }

    /// The territory tree, from memory when read less than
    /// [`TERRITORY_TTL`] ago.
    pub async fn territories(&self) -> adaldyq_store::Result<Arc<Vec<TerritoryRecord>>> {
        let cached = self.territories.read().map(|c| c.clone()).unwrap_or_else(|p| p.into_inner().clone());
        if let Some((at, tree)) = cached {
            if at.elapsed() < TERRITORY_TTL {
                return Ok(tree);
            }
        }
        let generation = self.territories_changed.load(Ordering::Acquire);
        let tree = Arc::new(self.store.territories().await?);
        let mut slot = self.territories.write().unwrap_or_else(|p| p.into_inner());
        if self.territories_changed.load(Ordering::Acquire) == generation {
            *slot = Some((Instant::now(), tree.clone()));
        }
        Ok(tree)
    }

    /// Drops the copy of the territory tree: call after changing it.
    pub fn territories_changed(&self) {
        let mut slot = self.territories.write().unwrap_or_else(|p| p.into_inner());
        self.territories_changed.fetch_add(1, Ordering::AcqRel);
        *slot = None;
    }

    /// One round of the checkpointer: the new leaves into the tree, and a
    /// signed checkpoint (the server runs this every second).
    pub async fn checkpoint(&self) -> Result<Option<adaldyq_store::CheckpointRow>, adaldyq_store::log::LogError> {
        adaldyq_store::log::integrate(self.store.as_ref(), &self.config.log_key, now()).await
    }

    pub fn calendar(&self) -> Arc<Calendar> {
        self.calendar.read().map(|c| c.clone()).unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Reads the calendar from the store; an empty store gets the shipped
    /// Kazakhstan calendar, so a new installation counts deadlines at once.
    pub async fn load_calendar(&self) -> anyhow::Result<()> {
        let mut rows = self.store.calendar().await?;
        if rows.is_empty() {
            rows = Calendar::kazakhstan().exceptions().map(|e| row_of(&e)).collect();
            self.store.replace_calendar(&rows).await?;
        }
        let exceptions = rows.iter().map(exception_of).collect::<anyhow::Result<Vec<_>>>()?;
        let calendar =
            Calendar::from_exceptions(exceptions).map_err(|e| anyhow::anyhow!("the stored calendar: {e}"))?;
        match self.calendar.write() {
            Ok(mut c) => *c = Arc::new(calendar),
            Err(p) => *p.into_inner() = Arc::new(calendar),
        }
        Ok(())
    }
}

fn row_of(e: &Exception) -> CalendarRow {
    CalendarRow { day: e.date.to_string(), working: e.working, reason: e.reason.as_str().to_owned() }
}

fn exception_of(r: &CalendarRow) -> anyhow::Result<Exception> {
    Ok(Exception {
        date: r.day.parse().map_err(|e| anyhow::anyhow!("calendar day {:?}: {e}", r.day))?,
        working: r.working,
        reason: Reason::parse(&r.reason).ok_or_else(|| anyhow::anyhow!("calendar reason {:?}", r.reason))?,
    })
}

/// Seconds since the epoch: the store takes instants as UTC seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
