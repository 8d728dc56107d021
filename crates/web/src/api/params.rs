//! The rules the API document gives its query parameters and JSON numbers,
//! checked where the document says them. A value that breaks a rule is a
//! 422 problem naming the parameter, in the reader's language; a query that
//! cannot be read at all (a parameter given twice, a word where a number
//! goes) stays axum's 400, as the document says.

use crate::error::problem;
use crate::i18n::Tr;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer};
use serde_json::json;

/// A parameter that breaks its rule: as a response, a 422 problem naming
/// it, with the `errors` list the API's other refusals carry.
#[derive(Debug)]
pub struct Refused {
    name: String,
    problem: &'static str,
    message: String,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let errors = json!([{ "field": self.name, "problem": self.problem, "message": self.message }]);
        problem(StatusCode::UNPROCESSABLE_ENTITY, self.message, json!({ "errors": errors }))
    }
}

/// `Some(code)` when given and a KATO code (9 digits); refused when given
/// and not one, the empty value included.
pub fn kato(tr: Tr, name: &str, value: Option<&str>) -> Result<Option<String>, Refused> {
    match value {
        None => Ok(None),
        Some(v) if adaldyq_domain::territory::is_kato_code(v) => Ok(Some(v.to_owned())),
        Some(_) => Err(Refused {
            name: name.to_owned(),
            problem: "unknown",
            message: tr.with("api-parameter-kato", &[("name", name.to_owned())]),
        }),
    }
}

/// `Some(value)` when given and one of `choices` (exactly, as the document
/// lists them); refused otherwise.
pub fn choice<T>(
    tr: Tr,
    name: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    choices: &[&str],
) -> Result<Option<T>, Refused> {
    match value {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| Refused {
            name: name.to_owned(),
            problem: "unknown",
            message: tr.with("api-parameter-choice", &[("name", name.to_owned()), ("choices", choices.join(", "))]),
        }),
    }
}

/// `value` when within `min..=max`; refused otherwise.
pub fn range(tr: Tr, name: &str, value: i64, min: i64, max: i64) -> Result<i64, Refused> {
    if (min..=max).contains(&value) {
        return Ok(value);
    }
    Err(Refused {
        name: name.to_owned(),
        problem: "out_of_range",
        message: tr.with(
            "api-parameter-range",
            &[("name", name.to_owned()), ("min", min.to_string()), ("max", max.to_string())],
        ),
    })
}

/// A calendar date as the document's pattern ([`DATE_PATTERN`]) says it:
/// `YYYY-MM-DD`, a real date of 2000–2099.
pub const DATE_PATTERN: &str = concat!(
    "^(?:20[0-9]{2}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)",
    "|20(?:[02468][048]|[13579][26])-02-29)$"
);

/// `Some(date)` when given and of [`DATE_PATTERN`]; refused otherwise.
pub fn date(tr: Tr, name: &str, value: Option<&str>) -> Result<Option<jiff::civil::Date>, Refused> {
    match value {
        None => Ok(None),
        Some(v) if v.len() == 10 && crate::api::calendar::registered_is_well_formed(v) => {
            v.parse().map(Some).map_err(|_| date_refused(tr, name))
        }
        Some(_) => Err(date_refused(tr, name)),
    }
}

fn date_refused(tr: Tr, name: &str) -> Refused {
    Refused {
        name: name.to_owned(),
        problem: "invalid",
        message: tr.with("api-parameter-date", &[("name", name.to_owned())]),
    }
}

/// `to` given before `from`: refused, naming `to`.
pub fn not_before(tr: Tr, name: &str, other: &str) -> Refused {
    Refused {
        name: name.to_owned(),
        problem: "out_of_range",
        message: tr.with("api-parameter-not-before", &[("name", name.to_owned()), ("other", other.to_owned())]),
    }
}

/// A JSON number the document calls an integer: JSON Schema counts `3.0`
/// as one, so the API takes it as 3 (serde alone would refuse it).
fn whole(v: serde_json::Number) -> Option<i64> {
    v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        // 2^63 as f64 is the first float past i64::MAX.
        (f.fract() == 0.0 && f >= i64::MIN as f64 && f < 9_223_372_036_854_775_808.0).then_some(f as i64)
    })
}

/// For `#[serde(deserialize_with = "…")]` on an `Option<i64>` field.
pub fn whole_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => whole(n).map(Some).ok_or_else(|| serde::de::Error::custom("expected a whole number")),
    }
}

/// For `#[serde(deserialize_with = "…")]` on a `u64` field that must also fit
/// an i64 (sizes and indexes are stored as SQL integers).
pub fn whole_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    whole(n)
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| serde::de::Error::custom("expected a whole number from 0 to 2^63 - 1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "whole_opt")]
        n: Option<i64>,
    }

    #[test]
    fn dates_as_the_pattern_says_them() {
        let tr = Tr(adaldyq_domain::Locale::En);
        let ok = |s: &str| date(tr, "from", Some(s)).ok().flatten().map(|d| d.to_string());
        assert_eq!(ok("2026-03-01").as_deref(), Some("2026-03-01"));
        assert_eq!(ok("2028-02-29").as_deref(), Some("2028-02-29"));
        for bad in ["2026-02-29", "2026-3-01", "2026-03-01T10:00", " 2026-03-01", "1999-12-31", "2100-01-01", ""] {
            assert_eq!(ok(bad), None, "{bad}");
        }
        assert!(date(tr, "from", None).unwrap().is_none());
        // The pattern as the document gives it, read by hand on the same samples.
        assert!(DATE_PATTERN.starts_with('^') && DATE_PATTERN.ends_with('$'));
        assert!(crate::api::calendar::REGISTERED_PATTERN.starts_with(&DATE_PATTERN[..DATE_PATTERN.len() - 1]));
    }

    #[test]
    fn whole_numbers_as_json_schema_counts_them() {
        let n = |s: &str| serde_json::from_str::<T>(s).map(|t| t.n).ok();
        assert_eq!(n(r#"{"n": 3}"#), Some(Some(3)));
        assert_eq!(n(r#"{"n": 3.0}"#), Some(Some(3)));
        assert_eq!(n(r#"{"n": 1e2}"#), Some(Some(100)));
        assert_eq!(n(r#"{"n": -4.0}"#), Some(Some(-4)));
        assert_eq!(n(r#"{"n": null}"#), Some(None));
        assert_eq!(n(r#"{}"#), Some(None));
        assert_eq!(n(r#"{"n": 3.5}"#), None);
        assert_eq!(n(r#"{"n": 9.3e18}"#), None, "past i64");
        assert_eq!(n(r#"{"n": "3"}"#), None);
    }
}
