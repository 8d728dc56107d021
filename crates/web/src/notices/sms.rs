//! SMS through an HTTP gateway, as Kazakh SMS gateways expose them: a URL,
//! a method, headers (an API key) and a JSON body template in which
//! `{phone}` and `{text}` are replaced (as JSON strings' contents).

use super::SendError;
use std::time::Duration;

#[derive(Clone)]
pub struct Gateway {
    pub url: String,
    pub method: String,
    /// `Name: value` pairs; may hold an API key, so never logged.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Gateway {
    /// The default body: `{"phone": "…", "text": "…"}`.
    pub const DEFAULT_BODY: &'static str = r#"{"phone": "{phone}", "text": "{text}"}"#;

    /// The request body for one SMS: the template with `{phone}` and
    /// `{text}` replaced by their JSON-escaped contents.
    pub fn body_for(&self, phone: &str, text: &str) -> String {
        let esc = |s: &str| {
            let quoted = serde_json::to_string(s).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_owned()
        };
        self.body.replace("{phone}", &esc(phone)).replace("{text}", &esc(text))
    }

    pub async fn send(&self, phone: &str, text: &str, timeout: Duration) -> Result<(), SendError> {
        let gateway = self.clone();
        let body = self.body_for(phone, text);
        tokio::task::spawn_blocking(move || gateway.post(body, timeout))
            .await
            .unwrap_or_else(|e| Err(SendError::Retry(format!("the SMS task: {e}"))))
    }

    fn post(&self, body: String, timeout: Duration) -> Result<(), SendError> {
        let agent: ureq::Agent =
            ureq::Agent::config_builder().timeout_global(Some(timeout)).http_status_as_error(false).build().into();
        let method = self.method.to_ascii_uppercase();
        let mut req = ureq::http::Request::builder().method(method.as_str()).uri(&self.url);
        let mut typed = false;
        for (k, v) in &self.headers {
            typed |= k.eq_ignore_ascii_case("content-type");
            req = req.header(k, v);
        }
        if !typed {
            req = req.header("Content-Type", "application/json");
        }
        let req = req.body(body).map_err(|e| SendError::Permanent(format!("the SMS gateway request: {e}")))?;
        match agent.run(req) {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) if r.status().is_client_error() && r.status().as_u16() != 429 => {
                Err(SendError::Permanent(format!("SMS gateway: HTTP {}", r.status().as_u16())))
            }
            Ok(r) => Err(SendError::Retry(format!("SMS gateway: HTTP {}", r.status().as_u16()))),
            Err(e) => Err(SendError::Retry(format!("SMS gateway: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_template_is_filled_with_json_escaped_values() {
        let g = super::Gateway {
            url: String::new(),
            method: "POST".into(),
            headers: vec![],
            body: super::Gateway::DEFAULT_BODY.into(),
        };
        let body = g.body_for("+77011234567", "№1 \"жауап\"\nберілді");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["phone"], "+77011234567");
        assert_eq!(v["text"], "№1 \"жауап\"\nберілді");
    }
}
