//! E-mail through SMTP (lettre): one message per notice, plain text and
//! HTML as alternatives, with the notice's stable Message-ID.
//!
//! The URL follows lettre: `smtp://host:25` (no TLS: a relay on the same
//! machine), `smtp://user:pass@host:587?tls=required` (STARTTLS),
//! `smtps://user:pass@host:465` (implicit TLS). A password is never sent
//! in the clear to another machine: such a URL is refused at start.
//! A relay whose certificate comes from an internal CA (as a government
//! relay's often does) is trusted through that CA's PEM file, in addition
//! to the roots built in (Mozilla's, through webpki-roots).

use super::text::Message;
use super::SendError;
use adaldyq_store::Notice;
use lettre::message::{header, Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::Path;
use std::time::Duration;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of Message-IDs: the From address's.
    domain: String,
}

impl Mailer {
    /// `ca_file`: a PEM file of one or more CA certificates to trust too.
    pub fn new(url: &str, from: &str, timeout: Duration, ca_file: Option<&Path>) -> anyhow::Result<Mailer> {
        let parsed = url::Url::parse(url).map_err(|e| anyhow::anyhow!("the SMTP URL: {e}"))?;
        let plain = parsed.scheme() == "smtp" && !parsed.query_pairs().any(|(k, v)| k == "tls" && v == "required");
        let local = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "::1" | "[::1]"));
        if plain && parsed.password().is_some() && !local {
            anyhow::bail!(
                "the SMTP URL sends a password without TLS: add ?tls=required (STARTTLS) or use smtps:// (implicit TLS)"
            );
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("the SMTP URL: {e}"))?
            .timeout(Some(timeout));
        if let Some(path) = ca_file {
            builder = builder.tls(tls_with_ca(&parsed, path)?);
        }
        let transport = builder.build();
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("the mail-from address {from:?}: {e}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Mailer { transport, from, domain })
    }

    /// The notice's Message-ID: the same on every try.
    pub fn message_id(&self, notice: &Notice) -> String {
        format!("<{}@{}>", notice.message_id, self.domain)
    }

    pub async fn send(&self, notice: &Notice, m: &Message) -> Result<(), SendError> {
        let to: Mailbox =
            notice.address.parse().map_err(|e| SendError::Permanent(format!("the address is not valid: {e}")))?;
        let language = notice.language.replace("kk-latn", "kk-Latn");
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(self.message_id(notice)))
            .header(ContentLanguage(language));
        // Optional notices only: a legal one cannot be switched off, so it
        // offers no way to (RFC 2369, and RFC 8058's one-click POST).
        if let Some(link) = &m.unsubscribe {
            builder = builder.header(ListUnsubscribe(format!("<{link}>"))).header(ListUnsubscribePost);
        }
        let email = builder
            .multipart(MultiPart::alternative_plain_html(m.text.clone(), m.html.clone()))
            .map_err(|e| SendError::Permanent(format!("building the message: {e}")))?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(e) => Err(classify(&e)),
        }
    }
}

/// The URL's TLS (STARTTLS or implicit), trusting the CA file's
/// certificates besides the built-in roots. A CA file with a URL without
/// TLS is a mistake in the settings, refused rather than ignored.
fn tls_with_ca(url: &url::Url, path: &Path) -> anyhow::Result<Tls> {
    let pem = std::fs::read(path).map_err(|e| anyhow::anyhow!("the SMTP CA file {}: {e}", path.display()))?;
    if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
        anyhow::bail!("the SMTP CA file {} holds no PEM certificate", path.display());
    }
    let ca = Certificate::from_pem(&pem).map_err(|e| anyhow::anyhow!("the SMTP CA file {}: {e}", path.display()))?;
    let host = url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let parameters = TlsParameters::builder(host.to_owned())
        .add_root_certificate(ca)
        .build_rustls()
        .map_err(|e| anyhow::anyhow!("the SMTP CA file {}: {e}", path.display()))?;
    let tls = url.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
    match (url.scheme(), tls.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(parameters)),
        ("smtp", Some("required")) => Ok(Tls::Required(parameters)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(parameters)),
        _ => anyhow::bail!(
            "an SMTP CA file is given but the SMTP URL uses no TLS: add ?tls=required (STARTTLS) or use smtps://"
        ),
    }
}

/// A refused recipient or message (5xx) is permanent; a server that is
/// down, slow or says "try later" (4xx) is not.
fn classify(e: &SmtpError) -> SendError {
    let text = match e.status() {
        Some(code) => format!("SMTP {code}: {e}"),
        None => format!("SMTP: {e}"),
    };
    if e.is_permanent() {
        SendError::Permanent(text)
    } else {
        SendError::Retry(text)
    }
}

/// `Content-Language`, so a mail client (and the tests) know the language.
#[derive(Clone)]
struct ContentLanguage(String);

impl header::Header for ContentLanguage {
    fn name() -> header::HeaderName {
        header::HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.to_owned()))
    }

    fn display(&self) -> header::HeaderValue {
        header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369): where a mail client's
/// "unsubscribe" goes.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl header::Header for ListUnsubscribe {
    fn name() -> header::HeaderName {
        header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }

    fn display(&self) -> header::HeaderValue {
        header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the
/// link takes a POST with no sign-in, so one click is enough.
#[derive(Clone)]
struct ListUnsubscribePost;

impl header::Header for ListUnsubscribePost {
    fn name() -> header::HeaderName {
        header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> header::HeaderValue {
        header::HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
