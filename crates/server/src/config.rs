//! Settings, layered: defaults → TOML file (`--config`) → environment
//! (`ADALDYQ_…`) → command-line flags. Clap reads the flags and the
//! environment (a flag wins); the file fills what neither gave.

use clap::Args;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Every setting, as flags with their environment twins. No `Debug`: it
/// holds secrets (the database URL's password, the metrics token).
#[derive(Args, Default, Clone)]
pub struct SettingArgs {
    /// TOML file with settings (the same names as the flags, with `_`)
    #[arg(long, env = "ADALDYQ_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "ADALDYQ_LISTEN", global = true)]
    pub listen: Option<SocketAddr>,
    /// Folder for the SQLite database, keys and uploads [default: data]
    #[arg(long, env = "ADALDYQ_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Database: `postgres://…` or `sqlite:PATH` [default: sqlite in the data folder]
    #[arg(long, env = "ADALDYQ_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Public address of the site (https://…): origin checks, Secure cookies, HSTS, receipt QR codes
    #[arg(long, env = "ADALDYQ_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Log as JSON lines instead of text
    #[arg(long, env = "ADALDYQ_LOG_JSON", global = true)]
    pub log_json: Option<bool>,
    /// Load the demo region and accounts into an empty database on start [default: true]
    #[arg(long, env = "ADALDYQ_DEMO", global = true)]
    pub demo: Option<bool>,
    /// Hours a session lasts without use [default: 12]
    #[arg(long, env = "ADALDYQ_SESSION_HOURS", global = true)]
    pub session_hours: Option<i64>,
    /// Seconds before a request is cut off with 408 [default: 30]
    #[arg(long, env = "ADALDYQ_REQUEST_TIMEOUT_SECS", global = true)]
    pub request_timeout_secs: Option<u64>,
    /// Largest request body in bytes [default: 2097152]
    #[arg(long, env = "ADALDYQ_MAX_BODY_BYTES", global = true)]
    pub max_body_bytes: Option<usize>,
    /// Failed sign-ins with one e-mail address before it is slowed down (known device or second factor still pass) [default: 5]
    #[arg(long, env = "ADALDYQ_SIGN_IN_LOCK_AFTER", global = true)]
    pub sign_in_lock_after: Option<i64>,
    /// Minutes those failures are counted over, and the wait [default: 15]
    #[arg(long, env = "ADALDYQ_SIGN_IN_LOCK_MINUTES", global = true)]
    pub sign_in_lock_minutes: Option<i64>,
    /// Sign-in attempts per minute from one address [default: 10]
    #[arg(long, env = "ADALDYQ_SIGN_INS_PER_MINUTE", global = true)]
    pub sign_ins_per_minute: Option<u32>,
    /// Anonymous filings per minute from one address [default: 20]
    #[arg(long, env = "ADALDYQ_FILINGS_PER_MINUTE", global = true)]
    pub filings_per_minute: Option<u32>,
    /// Receipt look-ups per minute from one address [default: 60]
    #[arg(long, env = "ADALDYQ_TRACKINGS_PER_MINUTE", global = true)]
    pub trackings_per_minute: Option<u32>,
    /// Trust X-Forwarded-For from a reverse proxy in front [default: false]
    #[arg(long, env = "ADALDYQ_BEHIND_PROXY", global = true)]
    pub behind_proxy: Option<bool>,
    /// Behind a proxy: how many proxies in front append to X-Forwarded-For; the client is that many entries from the right [default: 1]
    #[arg(long, env = "ADALDYQ_TRUSTED_PROXY_HOPS", global = true)]
    pub trusted_proxy_hops: Option<usize>,
    /// Bearer token Prometheus sends to read /metrics; without one, /metrics is not served
    #[arg(long, env = "ADALDYQ_METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Largest attached file in bytes [default: 10485760]
    #[arg(long, env = "ADALDYQ_ATTACHMENT_MAX_BYTES", global = true)]
    pub attachment_max_bytes: Option<usize>,
    /// Most files attached to one appeal [default: 5]
    #[arg(long, env = "ADALDYQ_ATTACHMENT_MAX_COUNT", global = true)]
    pub attachment_max_count: Option<usize>,
    /// Days after an appeal is closed before its files are deleted (with a
    /// logged tombstone); 0 keeps them [default: 1825]
    #[arg(long, env = "ADALDYQ_ATTACHMENT_RETENTION_DAYS", global = true)]
    pub attachment_retention_days: Option<i64>,
    /// The transparency log's origin, the name of its key; read only when
    /// the key is made on first start [default: the public URL's host + /log]
    #[arg(long, env = "ADALDYQ_LOG_ORIGIN", global = true)]
    pub log_origin: Option<String>,
    /// A witness whose cosignatures the log accepts (its C2SP verifier key); repeat for several
    #[arg(long = "witness-key", env = "ADALDYQ_WITNESS_KEYS", global = true, value_delimiter = ',')]
    pub witness_keys: Vec<String>,
    /// SMTP server for e-mail notices: smtp://host:25 (no TLS, a local relay),
    /// smtp://user:pass@host:587?tls=required (STARTTLS), smtps://user:pass@host:465
    /// (implicit TLS); without one, e-mail notices wait in the queue
    #[arg(long, env = "ADALDYQ_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// A PEM file of CA certificates to trust for the SMTP server besides the built-in roots
    /// (a relay whose certificate comes from an internal CA); needs a TLS SMTP URL
    #[arg(long, env = "ADALDYQ_SMTP_CA_FILE", global = true)]
    pub smtp_ca_file: Option<PathBuf>,
    /// The From address of e-mail notices, e.g. "Adaldyq <noreply@adaldyq.example.kz>"
    #[arg(long, env = "ADALDYQ_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// SMS gateway URL for SMS notices; without one, SMS notices wait in the queue
    #[arg(long, env = "ADALDYQ_SMS_URL", global = true, hide_env_values = true)]
    pub sms_url: Option<String>,
    /// The SMS gateway's HTTP method [default: POST]
    #[arg(long, env = "ADALDYQ_SMS_METHOD", global = true)]
    pub sms_method: Option<String>,
    /// A header the SMS gateway wants ("Name: value", e.g. an API key); repeat for several
    #[arg(
        long = "sms-header",
        env = "ADALDYQ_SMS_HEADERS",
        global = true,
        value_delimiter = '\n',
        hide_env_values = true
    )]
    pub sms_headers: Vec<String>,
    /// The SMS gateway's JSON body, with {phone} and {text} [default: {"phone": "{phone}", "text": "{text}"}]
    #[arg(long, env = "ADALDYQ_SMS_BODY", global = true)]
    pub sms_body: Option<String>,
    /// Tries before a notice is given up on (dead-lettered) [default: 8]
    #[arg(long, env = "ADALDYQ_NOTICE_MAX_TRIES", global = true)]
    pub notice_max_tries: Option<i64>,
    /// Seconds before the first retry of a notice; each next waits twice as long, up to 6 hours [default: 60]
    #[arg(long, env = "ADALDYQ_NOTICE_RETRY_SECS", global = true)]
    pub notice_retry_secs: Option<u64>,
    /// Seconds a worker holds the notices it claimed; a stopped worker's are sent by another after this [default: 300]
    #[arg(long, env = "ADALDYQ_NOTICE_LEASE_SECS", global = true)]
    pub notice_lease_secs: Option<u64>,
}

/// The same settings as read from the TOML file.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    public_url: Option<String>,
    log_json: Option<bool>,
    demo: Option<bool>,
    session_hours: Option<i64>,
    request_timeout_secs: Option<u64>,
    max_body_bytes: Option<usize>,
    sign_in_lock_after: Option<i64>,
    sign_in_lock_minutes: Option<i64>,
    sign_ins_per_minute: Option<u32>,
    filings_per_minute: Option<u32>,
    trackings_per_minute: Option<u32>,
    behind_proxy: Option<bool>,
    trusted_proxy_hops: Option<usize>,
    metrics_token: Option<String>,
    attachment_max_bytes: Option<usize>,
    attachment_max_count: Option<usize>,
    log_origin: Option<String>,
    witness_keys: Option<Vec<String>>,
    attachment_retention_days: Option<i64>,
    smtp_url: Option<String>,
    smtp_ca_file: Option<PathBuf>,
    mail_from: Option<String>,
    sms_url: Option<String>,
    sms_method: Option<String>,
    sms_headers: Option<Vec<String>>,
    sms_body: Option<String>,
    notice_max_tries: Option<i64>,
    notice_retry_secs: Option<u64>,
    notice_lease_secs: Option<u64>,
}

/// The settings in force.
#[derive(Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: String,
    pub log_json: bool,
    pub demo: bool,
    pub session_hours: i64,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    pub sign_in_lock_after: i64,
    pub sign_in_lock_minutes: i64,
    pub sign_ins_per_minute: u32,
    pub filings_per_minute: u32,
    pub trackings_per_minute: u32,
    pub behind_proxy: bool,
    pub trusted_proxy_hops: usize,
    pub metrics_token: Option<String>,
    pub attachments: adaldyq_domain::attachment::AttachmentLimits,
    pub log_origin: String,
    pub witness_keys: Vec<String>,
    pub attachment_retention_days: i64,
    pub notices: adaldyq_web::notices::NoticeSettings,
}

/// A database URL without its password, for logs and `Debug`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("demo", &self.demo)
            .field("behind_proxy", &self.behind_proxy)
            .field("trusted_proxy_hops", &self.trusted_proxy_hops)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl Settings {
    pub fn resolve(args: &SettingArgs) -> anyhow::Result<Settings> {
        let file: FileSettings = match &args.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("cannot read the settings file {}: {e}", path.display()))?;
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            }
            None => FileSettings::default(),
        };
        let data_dir = args.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("data"));
        let database_url = args
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite:{}", data_dir.join("adaldyq.db").display()));
        let public_url = args.public_url.clone().or(file.public_url.clone()).unwrap_or_default();
        let trusted_proxy_hops = args.trusted_proxy_hops.or(file.trusted_proxy_hops).unwrap_or(1);
        if trusted_proxy_hops == 0 {
            anyhow::bail!("trusted-proxy-hops must be at least 1 (the proxy in front)");
        }
        Ok(Settings {
            listen: args.listen.or(file.listen).unwrap_or_else(|| "127.0.0.1:8080".parse().expect("an address")),
            data_dir,
            database_url,
            public_url: args.public_url.clone().or(file.public_url).unwrap_or_default(),
            log_json: args.log_json.or(file.log_json).unwrap_or(false),
            demo: args.demo.or(file.demo).unwrap_or(true),
            session_hours: args.session_hours.or(file.session_hours).unwrap_or(12),
            request_timeout: Duration::from_secs(args.request_timeout_secs.or(file.request_timeout_secs).unwrap_or(30)),
            max_body_bytes: args.max_body_bytes.or(file.max_body_bytes).unwrap_or(2 * 1024 * 1024),
            sign_in_lock_after: args.sign_in_lock_after.or(file.sign_in_lock_after).unwrap_or(5),
            sign_in_lock_minutes: args.sign_in_lock_minutes.or(file.sign_in_lock_minutes).unwrap_or(15),
            sign_ins_per_minute: args.sign_ins_per_minute.or(file.sign_ins_per_minute).unwrap_or(10),
            filings_per_minute: args.filings_per_minute.or(file.filings_per_minute).unwrap_or(20),
            trackings_per_minute: args.trackings_per_minute.or(file.trackings_per_minute).unwrap_or(60),
            behind_proxy: args.behind_proxy.or(file.behind_proxy).unwrap_or(false),
            trusted_proxy_hops,
            metrics_token: args.metrics_token.clone().or(file.metrics_token).filter(|t| !t.trim().is_empty()),
            attachments: adaldyq_domain::attachment::AttachmentLimits {
                max_bytes: args.attachment_max_bytes.or(file.attachment_max_bytes).unwrap_or(10 * 1024 * 1024),
                max_count: args.attachment_max_count.or(file.attachment_max_count).unwrap_or(5),
            },
            attachment_retention_days: args
                .attachment_retention_days
                .or(file.attachment_retention_days)
                .unwrap_or(1825),
            log_origin: args.log_origin.clone().or(file.log_origin).unwrap_or_else(|| default_origin(&public_url)),
            witness_keys: if args.witness_keys.is_empty() {
                file.witness_keys.unwrap_or_default()
            } else {
                args.witness_keys.clone()
            },
            notices: notice_settings(
                args,
                NoticeFile {
                    smtp_url: file.smtp_url,
                    smtp_ca_file: file.smtp_ca_file,
                    mail_from: file.mail_from,
                    sms_url: file.sms_url,
                    sms_method: file.sms_method,
                    sms_headers: file.sms_headers,
                    sms_body: file.sms_body,
                    max_tries: file.notice_max_tries,
                    retry_secs: file.notice_retry_secs,
                    lease_secs: file.notice_lease_secs,
                },
            )?,
        })
    }

    pub fn web_config(
        &self,
        secret_key: Vec<u8>,
        log_key: std::sync::Arc<adaldyq_tlog::note::LogKey>,
    ) -> adaldyq_web::WebConfig {
        adaldyq_web::WebConfig {
            public_url: self.public_url.clone(),
            session_hours: self.session_hours,
            request_timeout: self.request_timeout,
            max_body_bytes: self.max_body_bytes,
            sign_in_lock_after: self.sign_in_lock_after,
            sign_in_lock_minutes: self.sign_in_lock_minutes,
            sign_ins_per_minute: self.sign_ins_per_minute,
            filings_per_minute: self.filings_per_minute,
            trackings_per_minute: self.trackings_per_minute,
            behind_proxy: self.behind_proxy,
            trusted_proxy_hops: self.trusted_proxy_hops,
            metrics_token: self.metrics_token.clone(),
            secret_key,
            data_dir: self.data_dir.clone(),
            attachments: self.attachments,
            log_key,
            witnesses: self.witness_keys.clone(),
            attachment_retention_days: self.attachment_retention_days,
            notices: self.notices.clone(),
        }
    }

    /// The log's signing key: `log.key` in the data folder, made on first start.
    pub fn log_key(&self) -> anyhow::Result<std::sync::Arc<adaldyq_tlog::note::LogKey>> {
        let path = self.data_dir.join("log.key");
        let key = adaldyq_tlog::note::LogKey::load_or_create(&path, &self.log_origin)
            .map_err(|e| anyhow::anyhow!("the transparency log's key ({}): {e}", path.display()))?;
        Ok(std::sync::Arc::new(key))
    }
}

/// The notice settings the file gave.
struct NoticeFile {
    smtp_url: Option<String>,
    smtp_ca_file: Option<PathBuf>,
    mail_from: Option<String>,
    sms_url: Option<String>,
    sms_method: Option<String>,
    sms_headers: Option<Vec<String>>,
    sms_body: Option<String>,
    max_tries: Option<i64>,
    retry_secs: Option<u64>,
    lease_secs: Option<u64>,
}

fn notice_settings(args: &SettingArgs, file: NoticeFile) -> anyhow::Result<adaldyq_web::notices::NoticeSettings> {
    let defaults = adaldyq_web::notices::NoticeSettings::default();
    let set = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let headers =
        if args.sms_headers.is_empty() { file.sms_headers.unwrap_or_default() } else { args.sms_headers.clone() };
    let headers = headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| match h.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.trim().to_owned())),
            _ => Err(anyhow::anyhow!("an SMS header must read \"Name: value\"")),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let sms = set(args.sms_url.clone().or(file.sms_url)).map(|url| adaldyq_web::notices::sms::Gateway {
        url,
        method: args.sms_method.clone().or(file.sms_method).unwrap_or_else(|| "POST".into()),
        headers,
        body: args
            .sms_body
            .clone()
            .or(file.sms_body)
            .unwrap_or_else(|| adaldyq_web::notices::sms::Gateway::DEFAULT_BODY.into()),
    });
    let max_tries = args.notice_max_tries.or(file.max_tries).unwrap_or(defaults.max_tries);
    if max_tries < 1 {
        anyhow::bail!("notice-max-tries must be at least 1");
    }
    let settings = adaldyq_web::notices::NoticeSettings {
        smtp_url: set(args.smtp_url.clone().or(file.smtp_url)),
        smtp_ca_file: args.smtp_ca_file.clone().or(file.smtp_ca_file).filter(|p| !p.as_os_str().is_empty()),
        mail_from: set(args.mail_from.clone().or(file.mail_from)),
        sms,
        max_tries,
        retry_base: args.notice_retry_secs.or(file.retry_secs).map(Duration::from_secs).unwrap_or(defaults.retry_base),
        lease: args.notice_lease_secs.or(file.lease_secs).map(Duration::from_secs).unwrap_or(defaults.lease),
        ..defaults
    };
    if settings.smtp_url.is_some() && settings.mail_from.is_none() {
        anyhow::bail!("an SMTP URL needs --mail-from, the address notices come from");
    }
    if settings.smtp_ca_file.is_some() && settings.smtp_url.is_none() {
        anyhow::bail!("an SMTP CA file needs --smtp-url, the server it is for");
    }
    // Refuses a bad URL or From address at start, not at the first notice.
    adaldyq_web::notices::Senders::new(&settings)?;
    Ok(settings)
}

/// `https://adaldyq.example.kz/` → `adaldyq.example.kz/log`.
fn default_origin(public_url: &str) -> String {
    let host = public_url.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("");
    if host.is_empty() {
        "adaldyq.local/log".into()
    } else {
        format!("{host}/log")
    }
}

#[cfg(test)]
mod origin_tests {
    #[test]
    fn the_origin_comes_from_the_public_url() {
        assert_eq!(super::default_origin("https://adaldyq.example.kz/"), "adaldyq.example.kz/log");
        assert_eq!(super::default_origin(""), "adaldyq.local/log");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = std::env::temp_dir().join(format!("adaldyq-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9000\"\nsession_hours = 3\ndata_dir = \"/tmp/x\"\n").unwrap();
        let args = SettingArgs { config: Some(file.clone()), session_hours: Some(5), ..Default::default() };
        let s = Settings::resolve(&args).unwrap();
        assert_eq!(s.listen.port(), 9000, "from the file");
        assert_eq!(s.session_hours, 5, "the flag wins");
        assert_eq!(s.database_url, "sqlite:/tmp/x/adaldyq.db", "derived from the data folder");
        assert_eq!(s.sign_ins_per_minute, 10, "default");
        assert_eq!((s.behind_proxy, s.trusted_proxy_hops, s.metrics_token.is_none()), (false, 1, true), "defaults");
        std::fs::write(&file, "behind_proxy = true\ntrusted_proxy_hops = 2\nmetrics_token = \"t\"\n").unwrap();
        let s = Settings::resolve(&SettingArgs { config: Some(file.clone()), ..Default::default() }).unwrap();
        assert_eq!((s.behind_proxy, s.trusted_proxy_hops, s.metrics_token.as_deref()), (true, 2, Some("t")));
        let zero = SettingArgs { trusted_proxy_hops: Some(0), ..Default::default() };
        assert!(Settings::resolve(&zero).is_err(), "no proxy at all is --behind-proxy false, not 0 hops");
        std::fs::write(&file, "nonsense = 1\n").unwrap();
        assert!(Settings::resolve(&args).is_err(), "unknown settings are refused");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn secrets_stay_out_of_debug() {
        let args = SettingArgs {
            database_url: Some("postgres://app:s3cret@db/adaldyq".into()),
            metrics_token: Some("scrape-t0ken".into()),
            ..Default::default()
        };
        let s = Settings::resolve(&args).unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("scrape-t0ken") && shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains("app:***@db"), "{shown}");
        let web = s.web_config(
            b"key-material-key-material-key-ma".to_vec(),
            std::sync::Arc::new(adaldyq_tlog::note::LogKey::generate("adaldyq.test/log").unwrap()),
        );
        assert!(!format!("{web:?}").contains("key-material"));
        assert!(!format!("{web:?}").contains("scrape-t0ken"));
        assert_eq!(web.metrics_token.as_deref(), Some("scrape-t0ken"), "the token reaches the web layer");
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    fn resolve(args: SettingArgs) -> anyhow::Result<Settings> {
        Settings::resolve(&args)
    }

    #[test]
    fn notice_settings_are_checked_at_start() {
        let s = resolve(SettingArgs::default()).unwrap();
        assert!(s.notices.channels().is_empty(), "nothing set: notices wait");
        assert_eq!(s.notices.max_tries, 8);
        let smtp = |url: &str| SettingArgs {
            smtp_url: Some(url.into()),
            mail_from: Some("Adaldyq <noreply@adaldyq.example.kz>".into()),
            ..Default::default()
        };
        assert!(resolve(smtp("smtp://127.0.0.1:2525")).unwrap().notices.email_configured());
        assert!(resolve(smtp("smtp://u:p@mail.example.kz:587?tls=required")).is_ok(), "STARTTLS");
        assert!(resolve(smtp("smtps://u:p@mail.example.kz:465")).is_ok(), "implicit TLS");
        let clear = resolve(smtp("smtp://u:p@mail.example.kz:587")).err().unwrap().to_string();
        assert!(clear.contains("without TLS"), "a password in the clear is refused: {clear}");
        let no_from = SettingArgs { smtp_url: Some("smtp://127.0.0.1:25".into()), ..Default::default() };
        assert!(resolve(no_from).is_err(), "an SMTP URL needs a From address");
        let sms = SettingArgs {
            sms_url: Some("https://sms.example.kz/send".into()),
            sms_headers: vec!["X-Api-Key: k1".into()],
            notice_max_tries: Some(3),
            ..Default::default()
        };
        let s = resolve(sms).unwrap();
        let g = s.notices.sms.as_ref().unwrap();
        assert_eq!((g.method.as_str(), g.headers.clone()), ("POST", vec![("X-Api-Key".to_owned(), "k1".to_owned())]));
        assert_eq!((s.notices.channels(), s.notices.max_tries), (vec![adaldyq_store::Channel::Sms], 3));
        let bad = SettingArgs { sms_url: Some("x".into()), sms_headers: vec!["no colon".into()], ..Default::default() };
        assert!(resolve(bad).is_err());
    }

    #[test]
    fn an_smtp_ca_file_is_read_at_start_and_needs_tls() {
        let dir = std::env::temp_dir().join(format!("adaldyq-smtp-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let with_ca = |url: &str, ca: &std::path::Path| SettingArgs {
            smtp_url: Some(url.into()),
            mail_from: Some("noreply@adaldyq.example.kz".into()),
            smtp_ca_file: Some(ca.to_owned()),
            ..Default::default()
        };
        let missing = dir.join("missing.pem");
        let e = resolve(with_ca("smtps://u:p@mail.example.kz", &missing)).err().unwrap().to_string();
        assert!(e.contains("missing.pem"), "a missing CA file is named at start: {e}");
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let e = resolve(with_ca("smtps://u:p@mail.example.kz", &empty)).err().unwrap().to_string();
        assert!(e.contains("no PEM certificate"), "{e}");
        let no_url = SettingArgs { smtp_ca_file: Some(empty.clone()), ..Default::default() };
        assert!(resolve(no_url).err().unwrap().to_string().contains("needs --smtp-url"));
        // The file's key is read as the flag is.
        let file = dir.join("a.toml");
        let toml = format!(
            "smtp_url = \"smtp://mail.example.kz:587?tls=required\"\nmail_from = \"n@adaldyq.kz\"\nsmtp_ca_file = {:?}\n",
            missing.display().to_string()
        );
        std::fs::write(&file, toml).unwrap();
        let e = resolve(SettingArgs { config: Some(file), ..Default::default() }).err().unwrap().to_string();
        assert!(e.contains("missing.pem"), "{e}");
        // A real bundle (Debian's, where the machine has it) is accepted with
        // TLS, and refused with a URL without TLS: it would be ignored.
        let bundle = std::path::Path::new("/etc/ssl/certs/ca-certificates.crt");
        if bundle.exists() {
            let s = resolve(with_ca("smtp://u:p@mail.example.kz:587?tls=required", bundle)).unwrap();
            assert_eq!(s.notices.smtp_ca_file.as_deref(), Some(bundle));
            assert!(resolve(with_ca("smtps://mail.example.kz", bundle)).is_ok());
            let e = resolve(with_ca("smtp://127.0.0.1:25", bundle)).err().unwrap().to_string();
            assert!(e.contains("uses no TLS"), "{e}");
        } else {
            eprintln!("part skipped: no CA bundle at {}", bundle.display());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
