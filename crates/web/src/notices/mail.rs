//! E-mail through SMTP (lettre): one message per notice, plain text and
//! HTML as alternatives, with the notice's stable Message-ID.
//!
//! The URL follows lettre: `smtp://host:25` (no TLS: a relay on the same
//! machine), `smtp://user:pass@host:587?tls=required` (STARTTLS),
//! `smtps://user:pass@host:465` (implicit TLS). A password is never sent
//! in the clear to another machine: such a URL is refused at start.

use super::text::Message;
use super::SendError;
use adaldyq_store::Notice;
use lettre::message::{header, Mailbox, MultiPart};
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of Message-IDs: the From address's.
    domain: String,
}

impl Mailer {
    pub fn new(url: &str, from: &str, timeout: Duration) -> anyhow::Result<Mailer> {
        let parsed = url::Url::parse(url).map_err(|e| anyhow::anyhow!("the SMTP URL: {e}"))?;
        let plain = parsed.scheme() == "smtp" && !parsed.query_pairs().any(|(k, v)| k == "tls" && v == "required");
        let local = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "::1" | "[::1]"));
        if plain && parsed.password().is_some() && !local {
            anyhow::bail!(
                "the SMTP URL sends a password without TLS: add ?tls=required (STARTTLS) or use smtps:// (implicit TLS)"
            );
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("the SMTP URL: {e}"))?
            .timeout(Some(timeout))
            .build();
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
