//! `GET /{lang}/receptions`: the receptions of the region as a list or a
//! month calendar, filtered by district, rural district, institution and
//! dates. The filters are a GET form, so the page works without JavaScript
//! and a filtered view can be linked; a date that cannot be read comes back
//! with the error at its field and nothing typed lost.

use super::month::{self, Month};
use super::public::Names;
use super::times;
use super::view::PublicReception;
use super::Feeds;
use crate::appeals::new::TerritoryGroup;
use crate::appeals::{date_text, place};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{html, Page};
use crate::state::{now, AppState};
use adaldyq_domain::Locale;
use adaldyq_store::{ReceptionFilter, ReceptionOrder};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use serde::Deserialize;

/// The filter form as sent; every field may be missing or empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub district: String,
    pub rural: String,
    pub institution: String,
    pub from: String,
    pub to: String,
    /// `month` for the calendar; anything else is the list.
    pub view: String,
    /// `YYYY-MM`, the calendar's month.
    pub month: String,
}

/// The filters as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criteria {
    /// The rural district when one is chosen, else the district; the
    /// receptions of the whole subtree are shown.
    pub territory: Option<String>,
    pub institution: Option<i64>,
    /// Local days, `to` included.
    pub from: Date,
    pub to: Option<Date>,
    /// The calendar's month (its first day), when the calendar is asked for.
    pub month: Option<Date>,
}

impl Criteria {
    /// The instants the store is asked for: from the start of `from` to the
    /// start of the day after `to` (a month: the whole month).
    pub fn window(&self) -> (i64, Option<i64>) {
        match self.month {
            Some(m) => (times::day_start(m.first_of_month()), m.last_of_month().tomorrow().ok().map(times::day_start)),
            None => (times::day_start(self.from), self.to.and_then(|d| d.tomorrow().ok()).map(times::day_start)),
        }
    }
}

/// A field the reader must correct: its id and the message key.
pub type FieldError = (&'static str, &'static str);

/// A date as a date field sends it (`2026-03-01`) or as a person types it
/// where the browser has no date field (`01.03.2026`).
fn date_of(s: &str) -> Option<Date> {
    let s = s.trim();
    let d: Date = match s.split('.').collect::<Vec<_>>()[..] {
        [d, m, y] if d.len() == 2 && m.len() == 2 && y.len() == 4 => {
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?
        }
        _ if s.len() == 10 => s.parse().ok()?,
        _ => return None,
    };
    (2000..=2099).contains(&d.year()).then_some(d)
}

/// Reads the form. Without dates the list starts today and runs on; the
/// calendar shows this month unless another is chosen (its form has a month
/// instead of the dates).
pub fn parse(q: &ListQuery, today: Date) -> Result<Criteria, Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = |s: &str| Some(s.trim().to_owned()).filter(|c| adaldyq_domain::territory::is_kato_code(c));
    let territory = code(&q.rural).or_else(|| code(&q.district));
    let institution = q.institution.trim().parse::<i64>().ok().filter(|i| *i > 0);
    if q.view == "month" {
        // The calendar has a month field instead of the dates.
        let month = if q.month.trim().is_empty() { Some(today.first_of_month()) } else { month::parse_month(&q.month) };
        return match month {
            Some(m) => Ok(Criteria { territory, institution, from: m, to: None, month: Some(m) }),
            None => Err(vec![("month", "receptions-bad-month")]),
        };
    }
    let mut day = |field: &'static str, typed: &str| {
        if typed.trim().is_empty() {
            return None;
        }
        let d = date_of(typed);
        if d.is_none() {
            errors.push((field, "receptions-bad-date"));
        }
        d
    };
    let (from, to) = (day("from", &q.from), day("to", &q.to));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(("to", "receptions-bad-range"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Criteria { territory, institution, from: from.unwrap_or(today), to, month: None })
}

/// The month the calendar opens on from the list: the month of the list's
/// first day when one was typed.
pub fn month_of(q: &ListQuery) -> String {
    date_of(&q.from).map(month::month_param).unwrap_or_default()
}

/// One reception in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub href: String,
    /// `2026-03-01T00:30:00+05:00`, for `<time datetime>`.
    pub datetime: String,
    pub when: String,
    pub host: String,
    pub place: String,
    pub status: String,
    pub cancelled: bool,
    /// «4 орын бос», or empty when nothing can be booked.
    pub seats: String,
}

impl Row {
    pub fn of(tr: Tr, lang: &str, r: &PublicReception) -> Row {
        let open = r.booking == super::view::Booking::Open;
        Row {
            href: r.path(lang),
            datetime: times::rfc3339(r.starts_at),
            when: r.when(),
            host: r.host.line(),
            place: r.place(tr),
            status: r.status.words(tr),
            cancelled: r.status == super::view::Shown::Cancelled,
            seats: if open { tr.count("reception-seats-left", r.seats_left) } else { String::new() },
        }
    }
}

/// What the filter form offers.
#[derive(Default)]
pub struct Choices {
    pub districts: Vec<(String, String)>,
    /// Rural districts under their district.
    pub rurals: Vec<TerritoryGroup>,
    /// Institutions under their district.
    pub institutions: Vec<TerritoryGroup>,
}

#[derive(Template)]
#[template(path = "receptions/list.html")]
pub struct ListPage {
    pub page: Page,
    pub q: ListQuery,
    pub choices: Choices,
    /// (field id, message), in the order of the form.
    pub errors: Vec<(&'static str, String)>,
    pub rows: Vec<Row>,
    /// The calendar, when asked for.
    pub month: Option<Month>,
    /// The same filters as a list and as a calendar; the calendar's
    /// previous and next months.
    pub list_href: String,
    pub month_href: String,
    pub previous_href: String,
    pub next_href: String,
    /// A sentence on what is shown («12 reception(s) from 01.03.2026»).
    pub shown: String,
    /// The calendar of the chosen territory (or the region's) and the
    /// Atom feed.
    pub feeds: Feeds,
}

impl ListPage {
    /// The message of a field the reader must correct.
    pub fn error_for(&self, field: &str) -> Option<&String> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }
}

/// `GET /{lang}/receptions`.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let tr = ctx.tr();
    let lang = ctx.locale.segment();
    let now = now();
    let today = times::local_date(now).unwrap_or_default();
    let names = Names::load(&state).await?;
    let choices = choices(ctx.locale, &names);
    let kept = kept(&q);
    let mut page = ctx.page("receptions-title");
    let parsed = parse(&q, today);
    let mut status = StatusCode::OK;
    let (mut rows, mut month, mut shown_text, mut errors) = (Vec::new(), None, String::new(), Vec::new());
    let mut territory = None;
    match parsed {
        Err(list) => {
            status = StatusCode::UNPROCESSABLE_ENTITY;
            page.title = tr.with("receptions-error-title", &[("title", page.title.clone())]);
            errors = list.into_iter().map(|(field, key)| (field, tr.t(key))).collect();
        }
        Ok(c) => {
            let (from, to) = c.window();
            let filter = ReceptionFilter {
                territory: c.territory.clone(),
                institution_id: c.institution,
                from: Some(from),
                to,
                order: ReceptionOrder::Starts,
                limit: MAX_ROWS,
                ..ReceptionFilter::default()
            };
            let found: Vec<PublicReception> = state
                .store
                .receptions(&filter)
                .await?
                .iter()
                .map(|r| names.reception(ctx.locale, r, now, None))
                .collect();
            shown_text = shown(tr, found.len(), &c);
            match c.month {
                Some(m) => {
                    let items = found.iter().map(|r| (r.starts_at, r.to_item(tr, lang))).collect();
                    month = Some(month::build(tr, m, today, items));
                }
                None => rows = found.iter().map(|r| Row::of(tr, lang, r)).collect(),
            }
            territory = c.territory;
        }
    }
    let feeds = match territory.as_deref().or(names.region().map(|t| t.code.as_str())) {
        Some(code) => Feeds::new(tr).territory(tr, code, &names.territory_name(ctx.locale, code)),
        None => Feeds::new(tr),
    };
    page.alternates = feeds.alternates();
    let (previous, next) = month.as_ref().map(|m| (m.previous.clone(), m.next.clone())).unwrap_or_default();
    let body = ListPage {
        list_href: href(&page, &kept, "", ""),
        month_href: href(&page, &kept, "month", &month_of(&kept)),
        previous_href: href(&page, &kept, "month", &previous),
        next_href: href(&page, &kept, "month", &next),
        shown: shown_text,
        rows,
        month,
        errors,
        choices,
        q: kept,
        feeds,
        page,
    };
    Ok(html(ctx.locale, status, &body))
}

/// The most receptions one list or month shows (a month of the whole
/// region holds a few hundred at most).
pub const MAX_ROWS: i64 = 1000;

/// Districts, rural districts under their district, institutions under
/// theirs.
fn choices(locale: Locale, names: &Names) -> Choices {
    let all = &names.territories;
    Choices {
        districts: all
            .iter()
            .filter(|t| t.level == 2 && t.routable)
            .map(|t| (t.code.clone(), names.territory_name(locale, &t.code)))
            .collect(),
        rurals: place::territory_groups(locale, all)
            .into_iter()
            .map(|mut g| {
                // The district itself is the other select's.
                g.options.remove(0);
                g
            })
            .filter(|g| !g.options.is_empty())
            .collect(),
        institutions: place::institution_groups(locale, all, &names.institutions().iter().collect::<Vec<_>>()),
    }
}

/// The page's own address with the filters, `view` and `month` replaced.
pub fn href(page: &Page, q: &ListQuery, view: &str, month: &str) -> String {
    let pairs: Vec<(&str, &str)> = [
        ("district", q.district.as_str()),
        ("rural", q.rural.as_str()),
        ("institution", q.institution.as_str()),
        ("from", q.from.as_str()),
        ("to", q.to.as_str()),
        ("view", view),
        ("month", month),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    if query.is_empty() {
        page.href("/receptions")
    } else {
        format!("{}?{query}", page.href("/receptions"))
    }
}

/// The sentence above the results.
pub fn shown(tr: Tr, count: usize, c: &Criteria) -> String {
    let n = tr.count("receptions-count", count.try_into().unwrap_or(i64::MAX));
    match (c.month, c.to) {
        (Some(_), _) => n,
        (None, Some(to)) => {
            tr.with("receptions-shown-range", &[("count", n), ("from", date_text(c.from)), ("to", date_text(to))])
        }
        (None, None) => tr.with("receptions-shown-from", &[("count", n), ("from", date_text(c.from))]),
    }
}

/// Keeps what was typed, cut to the lengths a field can hold.
pub fn kept(q: &ListQuery) -> ListQuery {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    ListQuery {
        district: cut(&q.district, 12),
        rural: cut(&q.rural, 12),
        institution: cut(&q.institution, 12),
        from: cut(&q.from, 20),
        to: cut(&q.to, 20),
        view: if q.view == "month" { "month".into() } else { String::new() },
        month: cut(&q.month, 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn q(pairs: &[(&str, &str)]) -> ListQuery {
        serde_urlencoded::from_str(&serde_urlencoded::to_string(pairs).unwrap()).unwrap()
    }

    #[test]
    fn the_list_starts_today_and_a_range_includes_its_last_day() {
        let today = date(2026, 3, 10);
        let c = parse(&ListQuery::default(), today).unwrap();
        assert_eq!((c.from, c.to, c.month), (today, None, None));
        let c = parse(&q(&[("from", "2026-03-01"), ("to", "2026-03-01")]), today).unwrap();
        let (from, to) = c.window();
        assert_eq!(to.unwrap() - from, 86_400, "a whole local day");
        assert_eq!(times::local_date(from), Some(date(2026, 3, 1)));
        // A reception at 00:30 local on 1 March is inside; one at 00:30 on 2 March is not.
        let night = "2026-02-28T19:30:00Z".parse::<jiff::Timestamp>().unwrap().as_second();
        assert!(night >= from && night < to.unwrap());
        assert!(night + 86_400 >= to.unwrap());
    }

    #[test]
    fn the_rural_district_narrows_the_district() {
        let c = parse(&q(&[("district", "433200000"), ("rural", "433220100")]), date(2026, 3, 1)).unwrap();
        assert_eq!(c.territory.as_deref(), Some("433220100"));
        let c = parse(&q(&[("district", "433200000"), ("rural", "")]), date(2026, 3, 1)).unwrap();
        assert_eq!(c.territory.as_deref(), Some("433200000"));
        let c = parse(&q(&[("district", "nonsense"), ("institution", "x")]), date(2026, 3, 1)).unwrap();
        assert_eq!((c.territory, c.institution), (None, None));
    }

    #[test]
    fn bad_dates_are_named_at_their_fields() {
        let c = parse(&q(&[("from", "01.03.2026"), ("to", " 2026-03-05 ")]), date(2026, 3, 1)).unwrap();
        assert_eq!((c.from, c.to), (date(2026, 3, 1), Some(date(2026, 3, 5))));
        let e = parse(&q(&[("from", "32.13.2026"), ("to", "2026-02-30")]), date(2026, 3, 1)).unwrap_err();
        assert_eq!(e, [("from", "receptions-bad-date"), ("to", "receptions-bad-date")]);
        let e = parse(&q(&[("from", "2026-03-05"), ("to", "2026-03-01")]), date(2026, 3, 1)).unwrap_err();
        assert_eq!(e, [("to", "receptions-bad-range")]);
        let e = parse(&q(&[("view", "month"), ("month", "2026-13")]), date(2026, 3, 1)).unwrap_err();
        assert_eq!(e, [("month", "receptions-bad-month")]);
    }

    #[test]
    fn the_calendar_shows_a_whole_month() {
        let c = parse(&q(&[("view", "month")]), date(2026, 3, 10)).unwrap();
        assert_eq!(c.month, Some(date(2026, 3, 1)));
        let (from, to) = c.window();
        assert_eq!(times::local_date(from), Some(date(2026, 3, 1)));
        assert_eq!(times::local_date(to.unwrap()), Some(date(2026, 4, 1)));
        let c = parse(&q(&[("view", "month"), ("month", "2026-05")]), date(2026, 3, 10)).unwrap();
        assert_eq!(c.month, Some(date(2026, 5, 1)));
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use crate::receptions::sample;
    use adaldyq_domain::Locale;
    use jiff::civil::date;

    fn page(locale: Locale, q: ListQuery, errors: Vec<(&'static str, String)>) -> String {
        let tr = Tr(locale);
        let p = Page {
            tr,
            locale,
            title: tr.t("receptions-title"),
            rest: "/receptions".into(),
            user_name: None,
            is_staff: false,
            is_admin: false,
            csrf: String::new(),
            alternates: Feeds::new(tr).territory(tr, "430000000", "Қызылорда облысы").alternates(),
        };
        let r = sample();
        let month = (q.view == "month")
            .then(|| month::build(tr, date(2026, 3, 1), date(2026, 3, 10), vec![(r.starts_at, r.to_item(tr, "kk"))]));
        ListPage {
            list_href: href(&p, &q, "", ""),
            month_href: href(&p, &q, "month", ""),
            previous_href: href(&p, &q, "month", "2026-02"),
            next_href: href(&p, &q, "month", "2026-04"),
            shown: "1".into(),
            rows: vec![Row::of(tr, locale.segment(), &r)],
            month,
            errors,
            choices: Choices {
                districts: vec![("433200000".into(), "Сырдария ауданы".into())], ..Default::default()
            },
            q,
            feeds: Feeds::new(tr),
            page: p,
        }
        .render()
        .unwrap()
    }

    #[test]
    fn the_month_is_a_table_with_a_caption_and_day_headers() {
        let html = page(Locale::Kk, ListQuery { view: "month".into(), ..Default::default() }, vec![]);
        assert!(html.contains(r#"<caption id="month-caption">Наурыз 2026</caption>"#));
        assert!(html.contains(r#"<th scope="col">дүйсенбі</th>"#));
        // The reception at 00:30 local on 1 March is in 1 March's cell.
        let cell = html.split(r#"<time datetime="2026-03-01">"#).nth(1).unwrap().split("</td>").next().unwrap();
        assert!(cell.contains(r#"href="/kk/receptions/7""#), "{cell}");
        assert!(cell.contains("00:30–02:00"));
        assert!(html
            .contains(r#"<link rel="alternate" type="text/calendar" href="/kk/receptions/territory/430000000.ics""#));
        assert!(html.contains(r#"name="view" value="month""#), "the filters keep the view");
        assert!(!html.contains('⟦'), "a message is missing");
    }

    #[test]
    fn the_list_keeps_what_was_typed_and_names_the_bad_field() {
        let q = ListQuery { from: "31.02.2026".into(), district: "433200000".into(), ..Default::default() };
        let html = page(Locale::En, q, vec![("from", Tr(Locale::En).t("receptions-bad-date"))]);
        assert!(html.contains(r##"<a href="#from">Enter a date such as 01.03.2026</a>"##));
        assert!(html.contains(r#"value="31.02.2026" aria-invalid="true" aria-describedby="from-error""#));
        assert!(html.contains(r#"<option value="433200000" selected>"#));
        assert!(html.contains("<table class=\"cards receptions\">"));
        assert!(!html.contains('⟦'));
    }
}
