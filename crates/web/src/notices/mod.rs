//! Notices leave the server here: a delivery worker claims a batch of
//! outbox notices under a lease, renders each in its recipient's language,
//! sends it by e-mail (SMTP) or SMS (an HTTP gateway) and records the
//! outcome: sent; failed and retried later (exponential backoff with
//! jitter); or, after `max_tries`, dead-lettered for an administrator.
//!
//! Delivery is at least once. It is exactly once unless a worker stops
//! between sending and recording: then the notice's lease runs out
//! (`lease`) and another try sends it again, with the same Message-ID, so
//! the duplicate can be recognised. That window is the time between the
//! SMTP server's (or gateway's) acceptance and the `sent` update, plus
//! whatever was in flight when the worker stopped: at most one duplicate
//! per stop, per notice of the batch being sent.

pub mod digest;
pub mod mail;
pub mod preferences;
pub mod sms;
pub mod text;
pub mod unsubscribe;

use crate::state::{now, AppState};
use adaldyq_store::{Channel, Notice};
use prometheus_client::encoding::EncodeLabelSet;
use std::time::Duration;

/// How notices are sent, and how hard the worker tries.
#[derive(Clone)]
pub struct NoticeSettings {
    /// `smtp://`, `smtp://…?tls=required` (STARTTLS), `smtps://` (implicit
    /// TLS), with `user:password@` for AUTH; none: e-mail stays queued.
    pub smtp_url: Option<String>,
    /// A PEM file of CA certificates the SMTP server's certificate may come
    /// from, trusted besides the built-in roots (an internal CA's relay).
    pub smtp_ca_file: Option<std::path::PathBuf>,
    /// The From address of e-mails (and the domain of their Message-IDs).
    pub mail_from: Option<String>,
    pub sms: Option<sms::Gateway>,
    /// Tries before a notice is dead-lettered.
    pub max_tries: i64,
    /// The first retry waits about this long; each further one twice as
    /// long, up to `retry_max`, with up to a quarter more of jitter.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// How long a claim lasts: a worker that stopped mid-batch lets go
    /// after this.
    pub lease: Duration,
    /// How often an idle worker looks for notices.
    pub poll: Duration,
    /// Notices claimed at once.
    pub batch: i64,
    /// One SMTP or gateway conversation's limit.
    pub send_timeout: Duration,
}

impl Default for NoticeSettings {
    fn default() -> Self {
        NoticeSettings {
            smtp_url: None,
            smtp_ca_file: None,
            mail_from: None,
            sms: None,
            max_tries: 8,
            retry_base: Duration::from_secs(60),
            retry_max: Duration::from_secs(6 * 3600),
            lease: Duration::from_secs(300),
            poll: Duration::from_secs(5),
            batch: 20,
            send_timeout: Duration::from_secs(30),
        }
    }
}

impl NoticeSettings {
    pub fn email_configured(&self) -> bool {
        self.smtp_url.is_some() && self.mail_from.is_some()
    }

    /// The channels this server can send on.
    pub fn channels(&self) -> Vec<Channel> {
        let mut out = Vec::new();
        if self.email_configured() {
            out.push(Channel::Email);
        }
        if self.sms.is_some() {
            out.push(Channel::Sms);
        }
        out
    }
}

/// Seconds to wait before try `tries + 1`, after `tries` failed:
/// `base · 2^(tries-1)`, capped at `max`, plus `jitter` (0..1) of a quarter
/// of it, so that notices that failed together do not retry together.
pub fn backoff(tries: i64, base: Duration, max: Duration, jitter: f64) -> i64 {
    let base = base.as_secs_f64().max(0.0);
    let wait = (base * 2f64.powi((tries.max(1) - 1).min(30) as i32)).min(max.as_secs_f64());
    (wait * (1.0 + 0.25 * jitter.clamp(0.0, 1.0))).ceil() as i64
}

fn jitter() -> f64 {
    let mut b = [0u8; 2];
    let _ = getrandom::fill(&mut b);
    u16::from_le_bytes(b) as f64 / u16::MAX as f64
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct NoticeLabels {
    pub channel: String,
    pub outcome: String,
}

/// Why a try failed: `Retry` for what may pass (a server down, a 4xx
/// reply), `Permanent` for what will not (a refused recipient, a 5xx).
/// Both are retried until `max_tries`; a permanent one is still tried
/// again because SMTP servers report passing trouble as 5xx too.
#[derive(Debug)]
pub enum SendError {
    Retry(String),
    Permanent(String),
}

impl SendError {
    fn text(&self) -> &str {
        match self {
            SendError::Retry(s) | SendError::Permanent(s) => s,
        }
    }
}

/// The senders, made once from the settings.
pub struct Senders {
    mail: Option<mail::Mailer>,
    sms: Option<sms::Gateway>,
}

impl Senders {
    pub fn new(settings: &NoticeSettings) -> anyhow::Result<Senders> {
        let mail = match (&settings.smtp_url, &settings.mail_from) {
            (Some(url), Some(from)) => {
                Some(mail::Mailer::new(url, from, settings.send_timeout, settings.smtp_ca_file.as_deref())?)
            }
            _ => None,
        };
        Ok(Senders { mail, sms: settings.sms.clone() })
    }
}

/// One round: claims a batch and sends it; how many notices were handled.
pub async fn deliver_once(state: &AppState, senders: &Senders, worker: &str) -> adaldyq_store::Result<usize> {
    let settings = &state.config.notices;
    let mut channels = Vec::new();
    if senders.mail.is_some() {
        channels.push(Channel::Email);
    }
    if senders.sms.is_some() {
        channels.push(Channel::Sms);
    }
    let lease = settings.lease.as_secs().max(1) as i64;
    let batch = state.store.claim_notices(worker, &channels, now(), lease, settings.batch).await?;
    let n = batch.len();
    for notice in batch {
        let outcome = send(state, senders, &notice).await;
        let label = |outcome: &str| NoticeLabels { channel: notice.channel.as_str().into(), outcome: outcome.into() };
        match outcome {
            Ok(()) => {
                state.store.notice_sent(notice.id, now()).await?;
                state.metrics.notices.get_or_create(&label("sent")).inc();
            }
            Err(e) => {
                let dead = notice.tries >= settings.max_tries;
                let retry_at =
                    (!dead).then(|| now() + backoff(notice.tries, settings.retry_base, settings.retry_max, jitter()));
                // The error names the server's reply, never the message.
                tracing::warn!(
                    notice = notice.id,
                    tries = notice.tries,
                    dead,
                    error = e.text(),
                    "a notice was not sent"
                );
                state.store.notice_failed(notice.id, worker, e.text(), retry_at, now()).await?;
                state.metrics.notices.get_or_create(&label(if dead { "dead" } else { "failed" })).inc();
            }
        }
    }
    Ok(n)
}

/// Renders and sends one claimed notice (without recording the outcome).
pub async fn send(state: &AppState, senders: &Senders, notice: &Notice) -> Result<(), SendError> {
    let message = text::render(state, notice).await.map_err(|e| SendError::Retry(format!("rendering: {e}")))?;
    match notice.channel {
        Channel::Email => match &senders.mail {
            Some(m) => m.send(notice, &message).await,
            None => Err(SendError::Retry("e-mail is not configured".into())),
        },
        Channel::Sms => match &senders.sms {
            Some(g) => g.send(&notice.address, &message.sms, state.config.notices.send_timeout).await,
            None => Err(SendError::Retry("SMS is not configured".into())),
        },
    }
}

/// A name for this worker's claims: unique per process and start.
pub fn worker_name() -> String {
    let mut b = [0u8; 6];
    let _ = getrandom::fill(&mut b);
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "adaldyq".into());
    format!("{host}-{}-{}", std::process::id(), b.iter().map(|x| format!("{x:02x}")).collect::<String>())
}

/// The delivery worker: runs until the server stops. With nothing to send
/// (or nothing configured) it looks again every `poll`.
pub async fn run(state: AppState) {
    let senders = match Senders::new(&state.config.notices) {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "notices cannot be sent: the e-mail settings are wrong");
            return;
        }
    };
    let worker = worker_name();
    loop {
        match deliver_once(&state, &senders, &worker).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the notice worker"),
        }
        tokio::time::sleep(state.config.notices.poll).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_with_a_quarter_of_jitter() {
        let (base, max) = (Duration::from_secs(60), Duration::from_secs(3600));
        assert_eq!(backoff(1, base, max, 0.0), 60);
        assert_eq!(backoff(2, base, max, 0.0), 120);
        assert_eq!(backoff(4, base, max, 0.0), 480);
        assert_eq!(backoff(20, base, max, 0.0), 3600, "capped");
        assert_eq!(backoff(1, base, max, 1.0), 75, "at most a quarter more");
        assert!((60..=75).contains(&backoff(1, base, max, jitter())));
    }
}
