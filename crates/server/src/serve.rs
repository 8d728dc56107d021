//! Start-up and shutdown: open and migrate the store, load the demo on the
//! first start, listen, run the housekeeping job, and on SIGTERM let
//! in-flight requests finish before closing the database cleanly.

use crate::config::{redact_url, Settings};
use crate::demo;
use adaldyq_store::DynStore;
use adaldyq_web::{app, AppState};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

pub fn init_logging(json: bool) {
    let filter = EnvFilter::try_from_env("ADALDYQ_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().finish().with(no_client_addresses()).init();
    } else {
        builder.finish().with(no_client_addresses()).init();
    }
}

/// axum's server logs each connection's peer address and port at trace
/// level ("connection 203.0.113.7:5123 accepted"). An anonymous filer's
/// address must reach no log at any level, so those events are dropped
/// whatever `ADALDYQ_LOG` asks for; only its errors (which name no peer)
/// are kept.
fn no_client_addresses() -> tracing_subscriber::filter::FilterFn<impl Fn(&tracing::Metadata<'_>) -> bool> {
    tracing_subscriber::filter::filter_fn(|m| !is_connection_log(m.target()) || *m.level() == tracing::Level::ERROR)
}

fn is_connection_log(target: &str) -> bool {
    target == "axum::serve" || target.starts_with("axum::serve::")
}

/// Files in the data folder are the owner's only: an installation made
/// before the umask was set (0644 files, 0755 folders) is tightened on
/// start. Symbolic links are left alone; what cannot be changed is
/// reported, and the server starts anyway.
#[cfg(unix)]
pub fn restrict_data_dir(dir: &Path) {
    if let Err(e) = restrict(dir) {
        tracing::warn!(error = %e, "the data folder could not be made private to this user");
    }
}

#[cfg(unix)]
fn restrict(dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(anyhow::anyhow!("{}: {e}", dir.display())),
    };
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != mode {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))
            .map_err(|e| anyhow::anyhow!("making {} private: {e}", dir.display()))?;
    }
    if meta.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            restrict(&entry?.path())?;
        }
    }
    Ok(())
}

/// The key that signs CSRF tokens and hashes client addresses: made on the
/// first start, kept in the data folder with mode 0600. With several app
/// servers, give them the same data folder's key.
pub fn secret_key(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("secret.key");
    match std::fs::read(&path) {
        Ok(key) if key.len() >= 32 => Ok(key),
        Ok(_) => anyhow::bail!("{} is shorter than 32 bytes", path.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir)?;
            let mut key = vec![0u8; 32];
            getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
            demo::write_private(&path, &key)?;
            Ok(key)
        }
        Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
    }
}

pub async fn open_store(settings: &Settings) -> anyhow::Result<DynStore> {
    adaldyq_store::open(&settings.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", redact_url(&settings.database_url)))
}

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    // Listen for SIGTERM before announcing anything: a stop sent right after
    // start-up must still be graceful.
    let stop = shutdown_signal()?;
    #[cfg(unix)]
    restrict_data_dir(&settings.data_dir);
    let store = open_store(&settings).await?;
    let key = secret_key(&settings.data_dir)?;
    let fresh =
        if settings.demo { demo::load(&store, &settings.data_dir, adaldyq_web::state::now()).await? } else { vec![] };
    let state = AppState::new(store.clone(), settings.web_config(key, settings.log_key()?));
    state.load_calendar().await?;
    // Sign a checkpoint of what is there before serving, then every second.
    state.checkpoint().await.map_err(|e| anyhow::anyhow!("the transparency log: {e}"))?;
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(
        %addr, backend = store.backend(), elapsed_ms = started.elapsed().as_millis() as u64,
        "adaldyq is listening"
    );
    print_welcome(&settings, addr, !fresh.is_empty());

    let recount = state.clone();
    tokio::spawn(async move {
        match adaldyq_web::admin::calendar::recount_with_rules_once(&recount).await {
            Ok(Some(n)) => {
                tracing::info!(moved = n, "open due dates counted again with the rules for years without a decree")
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "counting open due dates again"),
        }
    });
    let housekeeping = tokio::spawn(housekeeping(state.clone()));
    let checkpointer = tokio::spawn(checkpointer(state.clone()));
    // The notices' delivery worker; with no channel set up, notices wait.
    let notices = tokio::spawn(adaldyq_web::notices::run(state.clone()));
    // The staff's morning digest, once a working day from 08:00 (claimed
    // in the database, so once however many servers run).
    let digests = tokio::spawn(adaldyq_web::notices::digest::run(state.clone()));
    // Reception reminders (24 h and 2 h before) and waiting lists a freed
    // seat left waiting, once a minute (safe on several servers at once).
    let receptions = tokio::spawn(adaldyq_web::receptions::reminders::run(state.clone()));
    let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(stop).await?;
    housekeeping.abort();
    checkpointer.abort();
    notices.abort();
    digests.abort();
    receptions.abort();
    tracing::info!("shutting down: closing the database");
    store.close().await;
    Ok(())
}

fn print_welcome(settings: &Settings, addr: SocketAddr, first: bool) {
    println!("Adaldyq is running at http://{addr}/");
    if let Some(accounts) = demo::read_accounts(&settings.data_dir) {
        if first {
            println!("The demo (Kyzylorda oblast) was loaded. Demo accounts, one per role:");
        } else {
            println!("Demo accounts (from {}):", settings.data_dir.join(demo::ACCOUNTS_FILE).display());
        }
        for line in accounts.lines() {
            println!("  {line}");
        }
    }
}

/// Every second: new leaves into the tree and a signed checkpoint (batched:
/// one checkpoint for all the changes of that second).
async fn checkpointer(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match state.checkpoint().await {
            Ok(Some(c)) => tracing::debug!(size = c.size, "checkpoint signed"),
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "the checkpointer"),
        }
    }
}

/// Every few minutes: ends expired sessions, escalates overdue appeals
/// (Art. 91) and closes answered ones whose dispute window is over. All are
/// safe to run on several servers at once.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    loop {
        tick.tick().await;
        match state.store.purge_expired_sessions(adaldyq_web::state::now()).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "removing expired sessions"),
        }
        let today = adaldyq_web::appeals::escalate::today(&state);
        match adaldyq_web::appeals::escalate::escalate_overdue(&state, today).await {
            Ok(n) if n > 0 => tracing::info!(appeals = n, "overdue appeals escalated"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "escalating overdue appeals"),
        }
        match adaldyq_web::appeals::escalate::close_settled(&state, adaldyq_web::state::now()).await {
            Ok(n) if n > 0 => tracing::info!(appeals = n, "answered appeals closed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "closing answered appeals"),
        }
        let retention = state.config.attachment_retention_days;
        match adaldyq_web::appeals::tombstone::expire_files(&state, retention, adaldyq_web::state::now()).await {
            Ok(n) if n > 0 => tracing::info!(appeals = n, "files past their retention deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deleting files past their retention"),
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C. The handlers are installed when this is
/// called, not when the future is first polled.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let ctrl_c = tokio::signal::ctrl_c();
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutdown signal received: finishing requests in flight");
    })
}
