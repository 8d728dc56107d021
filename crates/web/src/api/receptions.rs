//! `GET /api/v1/receptions?territory=KATO&from=YYYY-MM-DD&to=YYYY-MM-DD`:
//! public receptions as open data, soonest first. `from` and `to` are local
//! days (Asia/Qyzylorda), both included; without `from` the list starts
//! today. Times are RFC 3339 with `+05:00`; titles and names are in the
//! language the client asks for (Accept-Language). No booking, no online
//! link, nobody but the hosts.

use crate::api::params;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::middleware::locale::preferred_locale;
use crate::receptions::list::MAX_ROWS;
use crate::receptions::public::{script, Names};
use crate::receptions::times;
use crate::state::{now, AppState};
use adaldyq_store::ReceptionFilter;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct Filter {
    territory: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

pub async fn list(State(state): State<AppState>, headers: HeaderMap, Query(f): Query<Filter>) -> AppResult<Response> {
    let locale = preferred_locale(&headers);
    let tr = Tr(locale);
    let checked = (|| -> Result<_, params::Refused> {
        let territory = params::kato(tr, "territory", f.territory.as_deref())?;
        let from = params::date(tr, "from", f.from.as_deref())?;
        let to = params::date(tr, "to", f.to.as_deref())?;
        if let (Some(a), Some(b)) = (from, to) {
            if b < a {
                return Err(params::not_before(tr, "to", "from"));
            }
        }
        Ok((territory, from, to))
    })();
    let (territory, from, to) = match checked {
        Ok(v) => v,
        Err(refused) => return Ok(refused.into_response()),
    };
    let now = now();
    let from = from.or_else(|| times::local_date(now)).map(times::day_start);
    let to = to.and_then(|d| d.tomorrow().ok()).map(times::day_start);
    let filter = ReceptionFilter { territory, from, to, limit: MAX_ROWS, ..ReceptionFilter::default() };
    let names = Names::load(&state).await?;
    let items: Vec<_> =
        state.store.receptions(&filter).await?.iter().map(|r| reception_json(&names, locale, r, now)).collect();
    Ok(Json(json!({ "receptions": items })).into_response())
}

/// A reception as the API shows it (the `Reception` schema), in `locale`.
pub fn reception_json(names: &Names, locale: adaldyq_domain::Locale, r: &adaldyq_store::Reception, now: i64) -> Value {
    let tr = Tr(locale);
    let v = names.reception(locale, r, now, None);
    let text = |s: String| script(locale, s);
    json!({
        "id": v.id,
        "title": text(v.title(tr)),
        "host": { "name": text(v.host.name.clone()), "position": text(v.host.position.clone()), "institution": text(v.host.institution.clone()) },
        "territory": v.territory_code,
        "starts_at": times::rfc3339(v.starts_at),
        "ends_at": times::rfc3339(v.ends_at),
        "status": v.status.as_str(),
        "seats_left": v.seats_left,
    })
}
