//! Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), the
//! second factor staff can turn on. A code is accepted one step either side
//! of now, and each step only once (the store remembers the last one).

use totp_rs::{Algorithm, Secret, TOTP};

pub const ISSUER: &str = "Adaldyq";

pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the OS random source");
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_b32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// The `otpauth://` URI an authenticator app scans.
pub fn uri(secret_b32: &str, account: &str) -> Option<String> {
    totp(secret_b32, account).map(|t| t.get_url())
}

/// The QR code of the URI as inline SVG.
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    Some(svg.split_once("?>").map(|(_, rest)| rest.to_owned()).unwrap_or(svg))
}

/// The time step a code belongs to, if it is valid around `now`.
pub fn matching_step(secret_b32: &str, code: &str, now: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret_b32, "x")?;
    let step = now / 30;
    (step - 1..=step + 1)
        .find(|s| crate::middleware::security::constant_eq(t.generate((*s * 30) as u64).as_bytes(), code.as_bytes()))
}

/// The code for a moment, for tests and for the CLI's checks.
pub fn code_at(secret_b32: &str, at: i64) -> Option<String> {
    totp(secret_b32, "x").map(|t| t.generate(at as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_step_only() {
        let secret = new_secret();
        let now = 1_790_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code, now), Some(now / 30));
        assert_eq!(matching_step(&secret, &code, now + 30), Some(now / 30), "one step of drift");
        assert_eq!(matching_step(&secret, &code, now + 120), None);
        assert_eq!(matching_step(&secret, "12a456", now), None);
        assert!(uri(&secret, "a@demo.example").unwrap().starts_with("otpauth://totp/"));
        assert!(qr_svg("otpauth://totp/x").unwrap().trim_start().starts_with("<svg"));
    }

    #[test]
    fn rfc6238_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → 287082.
        let secret = Secret::Raw(b"12345678901234567890".to_vec()).to_encoded().to_string();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
    }
}
