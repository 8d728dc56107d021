//! The plan of a reception as a coordinator types it, shared by the
//! reception form and the schedule form: the choices offered (places and
//! hosts within the coordinator's scope), the form as typed (kept whole on
//! an error), and its check into what the store takes, with every problem
//! named at its field in the reader's language.

use super::{groups_in_scope, may_manage};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::receptions::public::Names;
use crate::state::AppState;
use adaldyq_domain::appeal::{required_text, AppealLanguage, Problem};
use adaldyq_domain::reception::{
    check_plan, Capacity, CoHost, Details, Mode, PlanProblem, MAX_CLOSES_HOURS_BEFORE, MAX_OPENS_DAYS_BEFORE,
    MAX_PERSON_FIELD_CHARS, MAX_SEATS_PER_SLOT, MAX_SLOT_MINUTES, MAX_WAITLIST, MIN_SLOT_MINUTES,
};
use adaldyq_domain::Principal;
use adaldyq_store::{Member, NewHost, Reception, WorkingGroup};

/// The form as typed: every field a string, so nothing is lost on an error.
#[derive(Debug, Default, Clone)]
pub struct PlanForm {
    pub territory: String,
    /// `h:<host id>`, `m:<group id>:<member id>` or `new` (typed below).
    pub host: String,
    pub host_name: String,
    pub host_position: String,
    pub host_institution: String,
    /// One co-host a line: «name; position; institution».
    pub co_hosts: String,
    pub mode: String,
    pub address: String,
    pub online_link: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub slot_minutes: String,
    pub seats_per_slot: String,
    pub waitlist_size: String,
    pub opens_days_before: String,
    pub closes_hours_before: String,
    pub topics: String,
    pub languages: Vec<String>,
    pub accessibility: String,
    /// Hold it on a day off all the same (asked only once it was flagged).
    pub day_off_ok: bool,
    pub weekday: String,
    pub week: String,
}

impl PlanForm {
    /// A new plan's defaults.
    pub fn blank() -> PlanForm {
        PlanForm {
            mode: "place".into(),
            start: "10:00".into(),
            end: "13:00".into(),
            slot_minutes: "20".into(),
            seats_per_slot: "2".into(),
            waitlist_size: "5".into(),
            opens_days_before: "30".into(),
            closes_hours_before: "2".into(),
            languages: vec!["kk".into(), "ru".into()],
            week: "first".into(),
            weekday: "2".into(),
            ..PlanForm::default()
        }
    }

    /// The form as posted (a language may come more than once).
    pub fn from_pairs(pairs: &[(String, String)]) -> PlanForm {
        let mut f = PlanForm::default();
        for (k, v) in pairs {
            let v = v.clone();
            match k.as_str() {
                "territory" => f.territory = v,
                "host" => f.host = v,
                "host_name" => f.host_name = v,
                "host_position" => f.host_position = v,
                "host_institution" => f.host_institution = v,
                "co_hosts" => f.co_hosts = v,
                "mode" => f.mode = v,
                "address" => f.address = v,
                "online_link" => f.online_link = v,
                "date" => f.date = v,
                "start" => f.start = v,
                "end" => f.end = v,
                "slot_minutes" => f.slot_minutes = v,
                "seats_per_slot" => f.seats_per_slot = v,
                "waitlist_size" => f.waitlist_size = v,
                "opens_days_before" => f.opens_days_before = v,
                "closes_hours_before" => f.closes_hours_before = v,
                "topics" => f.topics = v,
                "languages" => f.languages.push(v),
                "accessibility" => f.accessibility = v,
                "day_off_ok" => f.day_off_ok = !v.is_empty(),
                "weekday" => f.weekday = v,
                "week" => f.week = v,
                _ => {}
            }
        }
        f
    }

    /// A reception as its edit form starts.
    pub fn of_reception(r: &Reception, d: &Details) -> PlanForm {
        let start = adaldyq_domain::reception::local_datetime(r.starts_at);
        let end = adaldyq_domain::reception::local_datetime(r.ends_at);
        PlanForm {
            territory: r.territory_code.clone(),
            host: format!("h:{}", r.host_id),
            co_hosts: co_hosts_text(&d.co_hosts),
            mode: d.mode.as_str().into(),
            address: d.address.clone(),
            online_link: d.online_link.clone().unwrap_or_default(),
            date: start.date().to_string(),
            start: format!("{:02}:{:02}", start.hour(), start.minute()),
            end: format!("{:02}:{:02}", end.hour(), end.minute()),
            slot_minutes: r.capacity.slot_minutes.to_string(),
            seats_per_slot: r.capacity.seats_per_slot.to_string(),
            waitlist_size: r.capacity.waitlist_size.to_string(),
            opens_days_before: d.opens_days_before.to_string(),
            closes_hours_before: d.closes_hours_before.to_string(),
            topics: d.topics.clone(),
            languages: d.languages.iter().map(|l| l.as_str().to_owned()).collect(),
            accessibility: d.accessibility.clone(),
            ..PlanForm::default()
        }
    }

    pub fn has_language(&self, l: &str) -> bool {
        self.languages.iter().any(|x| x == l)
    }
}

pub fn co_hosts_text(c: &[CoHost]) -> String {
    c.iter()
        .map(|c| {
            let mut parts = vec![c.name.as_str(), c.position.as_str(), c.institution.as_str()];
            while parts.last().is_some_and(|p| p.is_empty()) {
                parts.pop();
            }
            parts.join("; ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_co_hosts(text: &str) -> Vec<CoHost> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split(';').map(|p| p.trim().to_owned());
            CoHost {
                name: parts.next().unwrap_or_default(),
                position: parts.next().unwrap_or_default(),
                institution: parts.collect::<Vec<_>>().join("; "),
            }
        })
        .collect()
}

/// Options under a heading (`<optgroup>`).
pub struct OptGroup {
    pub label: String,
    /// (value, label)
    pub options: Vec<(String, String)>,
}

/// What the form offers: places and hosts within the coordinator's scope.
pub struct Choices {
    /// A working group's rural district, and its villages (field visits).
    pub territories: Vec<OptGroup>,
    /// Hosts who already receive in these territories (`h:<id>`) and the
    /// working groups' members (`m:<group>:<member>`).
    pub hosts: Vec<OptGroup>,
}

/// The choices for `p`; `keep_host` is the host of the reception being
/// edited, always offered.
pub async fn choices(
    state: &AppState,
    ctx: &Ctx,
    p: &Principal,
    names: &Names,
    keep_host: Option<i64>,
) -> AppResult<(Choices, Vec<WorkingGroup>)> {
    let groups = groups_in_scope(state, p).await?;
    let mut territories = Vec::new();
    let mut member_groups = Vec::new();
    for g in &groups {
        let mut options = vec![(g.territory_code.clone(), names.territory_name(ctx.locale, &g.territory_code))];
        for t in names.territories.iter().filter(|t| t.parent_code.as_deref() == Some(g.territory_code.as_str())) {
            if may_manage(p, &t.path) {
                options.push((t.code.clone(), format!("— {}", names.territory_name(ctx.locale, &t.code))));
            }
        }
        let label = crate::receptions::public::group_name(ctx.locale, g);
        territories.push(OptGroup { label: label.clone(), options });
        let members = state.store.members(g.id).await?;
        if !members.is_empty() {
            let options = members.iter().map(|m| (format!("m:{}:{}", g.id, m.id), member_line(ctx, m))).collect();
            member_groups.push(OptGroup { label, options });
        }
    }
    let mut host_ids: Vec<i64> = Vec::new();
    for r in super::receptions_in_scope(state, p).await? {
        if !host_ids.contains(&r.host_id) {
            host_ids.push(r.host_id);
        }
    }
    if let Some(h) = keep_host.filter(|h| !host_ids.contains(h)) {
        host_ids.push(h);
    }
    let mut known: Vec<(String, String)> =
        host_ids.iter().map(|id| (format!("h:{id}"), names.host(ctx.locale, *id).line())).collect();
    known.sort_by(|a, b| a.1.cmp(&b.1));
    let mut hosts = Vec::new();
    if !known.is_empty() {
        hosts.push(OptGroup { label: ctx.tr().t("rstaff-hosts-known"), options: known });
    }
    hosts.extend(member_groups);
    Ok((Choices { territories, hosts }, groups))
}

fn position_of(locale: adaldyq_domain::Locale, kk: &str, ru: &str, en: &str) -> String {
    let s = match locale {
        adaldyq_domain::Locale::Ru => ru,
        adaldyq_domain::Locale::En => en,
        _ => kk,
    };
    if s.is_empty() { kk } else { s }.to_owned()
}

fn member_line(ctx: &Ctx, m: &Member) -> String {
    [
        m.name.clone(),
        position_of(ctx.locale, &m.position_kk, &m.position_ru, &m.position_en),
        m.institution_text.clone(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// Who the coordinator chose to receive.
#[derive(Debug, Clone)]
pub enum HostChoice {
    Existing(i64),
    Member(Member),
    Typed { name: String, position: String, institution: String },
}

/// The host's id: an existing host, or one made from a member or from what
/// was typed (reusing a host of the same name, position and institution).
pub async fn resolve_host(state: &AppState, choice: &HostChoice) -> AppResult<i64> {
    let new = match choice {
        HostChoice::Existing(id) => return Ok(*id),
        HostChoice::Member(m) => NewHost {
            name: m.name.clone(),
            position_kk: m.position_kk.clone(),
            position_ru: m.position_ru.clone(),
            position_en: m.position_en.clone(),
            institution_id: m.institution_id,
            institution_text: m.institution_text.clone(),
            is_demo: false,
        },
        HostChoice::Typed { name, position, institution } => NewHost {
            name: name.clone(),
            position_kk: position.clone(),
            position_ru: position.clone(),
            position_en: position.clone(),
            institution_id: None,
            institution_text: institution.clone(),
            is_demo: false,
        },
    };
    let same = state.store.hosts(None).await?.into_iter().find(|h| {
        h.name == new.name
            && h.position_kk == new.position_kk
            && h.institution_id == new.institution_id
            && h.institution_text == new.institution_text
    });
    match same {
        Some(h) => Ok(h.id),
        None => Ok(state.store.create_host(&new).await?),
    }
}

/// The errors of a form: (field, message), in the form's order.
#[derive(Debug, Default, Clone)]
pub struct Errors(pub Vec<(String, String)>);

const ORDER: [&str; 23] = [
    "territory",
    "host",
    "host_name",
    "host_position",
    "host_institution",
    "co_hosts",
    "mode",
    "address",
    "online_link",
    "weekday",
    "week",
    "date",
    "start",
    "end",
    "slot_minutes",
    "seats_per_slot",
    "waitlist_size",
    "opens_days_before",
    "closes_hours_before",
    "topics",
    "languages",
    "accessibility",
    "reason",
];

impl Errors {
    pub fn add(&mut self, field: &str, message: String) {
        if !self.0.iter().any(|(f, _)| f == field) {
            self.0.push((field.to_owned(), message));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn sorted(mut self) -> Errors {
        self.0.sort_by_key(|(f, _)| ORDER.iter().position(|o| o == f).unwrap_or(ORDER.len()));
        self
    }
}

/// The message for a text's problem.
pub fn text_message(tr: Tr, field: &str, problem: Problem, max: usize) -> String {
    match problem {
        Problem::Required | Problem::Invisible => tr.t(&format!("rstaff-error-{}-required", field.replace('_', "-"))),
        Problem::TooLong => tr.with("rstaff-error-too-long", &[("max", max.to_string())]),
        _ => tr.t("rstaff-error-text"),
    }
}

fn range_message(tr: Tr, min: i64, max: i64) -> String {
    tr.with("rstaff-error-range", &[("min", min.to_string()), ("max", max.to_string())])
}

/// A typed date: `2026-12-16` (what a date field sends) or `16.12.2026`.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// The plan's parts every form has, checked.
pub struct Checked {
    pub group: WorkingGroup,
    pub territory: String,
    pub host: HostChoice,
    pub capacity: Capacity,
    pub details: Details,
}

/// Checks what the forms share. `span` is the start and end the domain's
/// plan check sees (an example day for a schedule), `None` when the times
/// themselves did not parse (their errors are already in `errors`).
pub async fn check(
    state: &AppState,
    tr: Tr,
    p: &Principal,
    groups: &[WorkingGroup],
    f: &PlanForm,
    span: Option<(i64, i64)>,
    errors: &mut Errors,
) -> AppResult<Option<Checked>> {
    let territories = state.territories().await?;
    // The place: one of a group's rural district or its villages, in scope.
    let place = territories.iter().find(|t| t.code == f.territory.trim()).filter(|t| may_manage(p, &t.path));
    let group = place.and_then(|t| {
        groups
            .iter()
            .find(|g| t.code == g.territory_code || t.parent_code.as_deref() == Some(g.territory_code.as_str()))
    });
    if group.is_none() {
        errors.add("territory", tr.t("rstaff-error-territory"));
    }
    let host = check_host(state, tr, groups, f, errors).await?;
    let mode = Mode::parse(f.mode.trim());
    if mode.is_none() {
        errors.add("mode", tr.t("rstaff-error-mode"));
    }
    let number = |field: &str, value: &str, min: i64, max: i64, errors: &mut Errors| -> i64 {
        match value.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                errors.add(field, range_message(tr, min, max));
                min
            }
        }
    };
    let capacity = Capacity {
        slot_minutes: number("slot_minutes", &f.slot_minutes, MIN_SLOT_MINUTES, MAX_SLOT_MINUTES, errors),
        seats_per_slot: number("seats_per_slot", &f.seats_per_slot, 1, MAX_SEATS_PER_SLOT, errors),
        waitlist_size: number("waitlist_size", &f.waitlist_size, 0, MAX_WAITLIST, errors),
    };
    let opens = number("opens_days_before", &f.opens_days_before, 0, MAX_OPENS_DAYS_BEFORE, errors);
    let closes = number("closes_hours_before", &f.closes_hours_before, 0, MAX_CLOSES_HOURS_BEFORE, errors);
    let mut languages = Vec::new();
    for l in &f.languages {
        match AppealLanguage::parse(l) {
            Some(l) => languages.push(l),
            None => errors.add("languages", tr.t("rstaff-error-languages-required")),
        }
    }
    let co_hosts = parse_co_hosts(&f.co_hosts);
    let details = Details {
        mode: mode.unwrap_or(Mode::Place),
        address: f.address.clone(),
        online_link: Some(f.online_link.clone()).filter(|l| !l.trim().is_empty()),
        topics: f.topics.clone(),
        languages,
        accessibility: f.accessibility.clone(),
        co_hosts,
        opens_days_before: opens,
        closes_hours_before: closes,
    };
    let (starts, ends) = span.unwrap_or((0, 3600));
    let details = match check_plan(starts, ends, &capacity, &details) {
        Ok(d) => Some(d),
        Err(problems) => {
            for e in problems {
                let (field, message) = plan_message(tr, e.field, e.problem);
                if span.is_some() || !["start", "end", "date"].contains(&field) {
                    errors.add(field, message);
                }
            }
            None
        }
    };
    Ok(match (group, host, details, errors.is_empty()) {
        (Some(g), Some(host), Some(details), true) => Some(Checked {
            group: g.clone(),
            territory: place.map(|t| t.code.clone()).unwrap_or_default(),
            host,
            capacity,
            details,
        }),
        _ => None,
    })
}

fn plan_message(tr: Tr, field: &'static str, problem: PlanProblem) -> (&'static str, String) {
    use adaldyq_domain::reception::{MAX_ACCESSIBILITY_CHARS, MAX_ADDRESS_CHARS, MAX_LINK_CHARS, MAX_TOPICS_CHARS};
    let max = match field {
        "address" => MAX_ADDRESS_CHARS,
        "topics" => MAX_TOPICS_CHARS,
        "accessibility" => MAX_ACCESSIBILITY_CHARS,
        "online_link" => MAX_LINK_CHARS,
        _ => MAX_PERSON_FIELD_CHARS,
    };
    match (field, problem) {
        ("ends_at", PlanProblem::NotAfterStart) => ("end", tr.t("rstaff-error-end-after")),
        ("ends_at", _) => ("end", tr.t("rstaff-error-day-too-long")),
        ("online_link", PlanProblem::BadLink) => (field, tr.t("rstaff-error-online-link")),
        ("co_hosts", PlanProblem::Text(Problem::Required)) => (field, tr.t("rstaff-error-co-hosts")),
        (_, PlanProblem::Text(problem)) => (field, text_message(tr, field, problem, max)),
        (_, _) => (field, tr.t("rstaff-error-text")),
    }
}

async fn check_host(
    state: &AppState,
    tr: Tr,
    groups: &[WorkingGroup],
    f: &PlanForm,
    errors: &mut Errors,
) -> AppResult<Option<HostChoice>> {
    let choice = f.host.trim();
    if let Some(id) = choice.strip_prefix("h:").and_then(|s| s.parse::<i64>().ok()) {
        if state.store.host(id).await?.is_some() {
            return Ok(Some(HostChoice::Existing(id)));
        }
    } else if let Some((g, m)) = choice.strip_prefix("m:").and_then(|s| s.split_once(':')) {
        let (g, m) = (g.parse::<i64>().unwrap_or(0), m.parse::<i64>().unwrap_or(0));
        if groups.iter().any(|x| x.id == g) {
            if let Some(member) = state.store.members(g).await?.into_iter().find(|x| x.id == m) {
                return Ok(Some(HostChoice::Member(member)));
            }
        }
    } else if choice == "new" {
        let max = MAX_PERSON_FIELD_CHARS;
        let name = required_text(&f.host_name, max)
            .map_err(|e| errors.add("host_name", text_message(tr, "host_name", e, max)))
            .ok();
        let position = required_text(&f.host_position, max)
            .map_err(|e| errors.add("host_position", text_message(tr, "host_position", e, max)))
            .ok();
        let institution = match required_text(&f.host_institution, max) {
            Ok(t) => Some(t),
            Err(Problem::Required) => Some(String::new()),
            Err(e) => {
                errors.add("host_institution", text_message(tr, "host_institution", e, max));
                None
            }
        };
        return Ok(match (name, position, institution) {
            (Some(name), Some(position), Some(institution)) => Some(HostChoice::Typed { name, position, institution }),
            _ => None,
        });
    }
    errors.add("host", tr.t("rstaff-error-host"));
    Ok(None)
}

/// A day off in words: «16.12.2026 is a day off (Independence Day)».
pub fn day_off_message(tr: Tr, calendar: &adaldyq_domain::calendar::Calendar, date: jiff::civil::Date) -> String {
    let reason = day_off_reason(tr, calendar, date);
    tr.with("rstaff-error-day-off", &[("date", date.strftime("%d.%m.%Y").to_string()), ("reason", reason)])
}

/// Why a date is a day off: the holiday's name, or "a weekend".
pub fn day_off_reason(tr: Tr, calendar: &adaldyq_domain::calendar::Calendar, date: jiff::civil::Date) -> String {
    calendar
        .exception(date)
        .map(|e| tr.t(&format!("reason-{}", e.reason.as_str().replace('_', "-"))))
        .unwrap_or_else(|| tr.t("rstaff-weekend"))
}
