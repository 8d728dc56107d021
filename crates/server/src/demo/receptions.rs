//! The demo's receptions, so the public pages show a programme at work: a
//! month of past receptions across several districts (most held, with the
//! people received and their questions: some answered on the spot, some
//! taken as appeals through the web's own `take_as_appeal`, channel
//! `reception`; one cancelled with its reason; one where the host did not
//! come) and a month of planned ones open for booking.
//!
//! Everything goes through the store's calls with the clock passed in, as
//! if done on the day, so the sequence numbers, leaves and appeal events
//! are the real ones. The people received are walk-ins with no contact:
//! a made-up person is never sent a notice (a booking would write one),
//! and their appeals carry only the made-up name, no address to write to,
//! and no receipt secret (nobody holds the receipt).

use adaldyq_domain::appeal::{AppealKind, AppealLanguage};
use adaldyq_domain::calendar::Calendar;
use adaldyq_domain::reception::{at_local, local_date, Capacity, CoHost, Details, Mode, QuestionOutcome, ValidBooking};
use adaldyq_store::{Actor, DynStore, NewHost, NewQuestion, NewReception, PlanOutcome, WorkingGroup};
use adaldyq_web::receptions::take::{take_as_appeal, Taking};
use jiff::civil::{time, Date};
use jiff::ToSpan;

/// The district the demo coordinator works in: its groups always get
/// receptions, so the coordinator's pages are not empty.
use super::DEMO_DISTRICT;

const HOUR: i64 = 3_600;
/// Every how many groups (in territory order) one gets receptions: 144
/// groups give a dozen across the oblast's districts.
const EVERY: usize = 12;

/// Questions people raise, with the short answer given when it was
/// answered on the spot (empty: taken as an appeal).
const QUESTIONS: [(&str, &str, AppealKind); 8] = [
    ("Ауылдағы көше жарығы үш айдан бері жанбайды", "", AppealKind::Complaint),
    (
        "Балабақшаға кезек қалай тексеріледі?",
        "Кезек нөмірін egov.kz порталынан көруге болады; әкімдік хатшысы көрсетіп берді",
        AppealKind::InformationRequest,
    ),
    ("Жайылымға су жеткізу құбыры жөнделмеген", "", AppealKind::Complaint),
    (
        "Жер учаскесіне өтінімнің мерзімі қашан бітеді?",
        "Өтінім тіркелген күннен бастап 15 жұмыс күні; нөмірі бойынша тексерілді",
        AppealKind::InformationRequest,
    ),
    ("Мектепке баратын жолды қыста тазалау ұсынысы", "", AppealKind::Proposal),
    (
        "Әлеуметтік көмекке қандай құжаттар керек?",
        "Құжаттар тізімі берілді, халыққа қызмет көрсету орталығына жолдама жазылды",
        AppealKind::InformationRequest,
    ),
    ("Фельдшерлік пунктте дәрігер аптасына бір рет қана келеді", "", AppealKind::ServiceQuality),
    ("Ауылға автобус қатынасын ашу туралы", "", AppealKind::Proposal),
];

const PEOPLE: [&str; 6] = [
    "Демо тұрғын Айжан",
    "Демо тұрғын Ерболат",
    "Демо тұрғын Гүлмира",
    "Демо тұрғын Нұржан",
    "Демо тұрғын Салтанат",
    "Демо тұрғын Қайрат",
];

/// Makes the receptions once (an installation whose demo predates them
/// gets them on its next start). `now` is the loading instant.
pub async fn load(store: &DynStore, now: i64) -> anyhow::Result<()> {
    if store.hosts(None).await?.iter().any(|h| h.is_demo) {
        return Ok(());
    }
    let calendar = Calendar::kazakhstan();
    let groups = store.working_groups(None).await?;
    let chosen: Vec<&WorkingGroup> = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| i.is_multiple_of(EVERY) || in_demo_district(g) && i.is_multiple_of(3))
        .map(|(_, g)| g)
        .collect();
    let institutions = store.institutions(None).await?;
    let today = local_date(now);
    let past_days = working_days(&calendar, today, -30);
    let future_days = working_days(&calendar, today, 30);
    for (i, group) in chosen.iter().enumerate() {
        let office = institutions.iter().find(|x| x.is_demo && x.territory_code == group.territory_code).map(|x| x.id);
        let host = store
            .create_host(&NewHost {
                name: format!("Демо әкім {}", i + 1),
                position_kk: "Ауылдық округ әкімі".into(),
                position_ru: "Аким сельского округа".into(),
                position_en: "Akim of the rural district".into(),
                institution_id: office,
                institution_text: String::new(),
                is_demo: true,
            })
            .await?;
        // Spread over the month: each group its own days, two weeks apart.
        for (n, days) in [&past_days, &future_days].into_iter().enumerate() {
            for k in 0..2 {
                let Some(day) = days.get((i * 2 + k * 9) % days.len().max(1)) else { continue };
                let starts_at = at_local(*day, time(10, 0, 0, 0));
                let new = plan(group, host, starts_at, i + k);
                // Planned three weeks before, as a coordinator would.
                let planned_at = (starts_at - 21 * 24 * HOUR).min(now);
                let PlanOutcome::Done(id) = store.schedule_reception(&new, &Actor::system(), planned_at).await? else {
                    continue; // a clash with the host's other day: leave it
                };
                if n == 0 {
                    past(store, &calendar, id, &new, office, i * 2 + k).await?;
                }
            }
        }
    }
    Ok(())
}

fn in_demo_district(g: &WorkingGroup) -> bool {
    g.territory_code.get(..4) == DEMO_DISTRICT.get(..4)
}

/// The working days from `today` (excluded) over `span` days back (< 0) or
/// ahead, soonest to today first when going back.
fn working_days(calendar: &Calendar, today: Date, span: i32) -> Vec<Date> {
    let step = if span < 0 { -1 } else { 1 };
    (1..=span.abs())
        .filter_map(|d| today.checked_add((d * step).days()).ok())
        .filter(|d| calendar.is_working_day(*d))
        .collect()
}

fn plan(group: &WorkingGroup, host: i64, starts_at: i64, seed: usize) -> NewReception {
    let mode = match seed % 5 {
        3 => Mode::Online,
        4 => Mode::FieldVisit,
        _ => Mode::Place,
    };
    NewReception {
        group_id: group.id,
        territory_code: group.territory_code.clone(),
        host_id: host,
        starts_at,
        ends_at: starts_at + 2 * HOUR,
        capacity: Capacity { slot_minutes: 20, seats_per_slot: 2, waitlist_size: 4 },
        details: Details {
            mode,
            address: if mode == Mode::Online {
                String::new()
            } else {
                format!("{}, әкімдік ғимараты", group.address)
            },
            online_link: (mode == Mode::Online).then(|| "https://meet.demo.adaldyq.example/reception".into()),
            topics: "Жер, су, жол, әлеуметтік көмек".into(),
            languages: vec![AppealLanguage::Kk, AppealLanguage::Ru],
            accessibility: "Кіреберісте пандус бар".into(),
            co_hosts: if seed.is_multiple_of(2) {
                vec![CoHost {
                    name: "Демо өкіл".into(),
                    position: "Бас маман".into(),
                    institution: "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі (демо)".into(),
                }]
            } else {
                vec![]
            },
            // Open a month ahead, so every planned one can be booked now.
            opens_days_before: 30,
            closes_hours_before: 2,
        },
    }
}

/// What happened at a past reception: the second was cancelled, the
/// fourth's host did not come, the others were held with their record.
async fn past(
    store: &DynStore,
    calendar: &Calendar,
    id: i64,
    new: &NewReception,
    office: Option<i64>,
    seed: usize,
) -> anyhow::Result<()> {
    let by = Actor::system();
    match seed {
        1 => {
            let reason = "Әкім облыстық кеңеске шақырылды; қабылдау келесі айда өтеді";
            store.cancel_reception(id, reason, &by, new.starts_at - 2 * 24 * HOUR).await?;
            return Ok(());
        }
        3 => {
            store.set_host_attended(id, false, new.starts_at + HOUR).await?;
            let _ = store.hold_reception(id, false, &by, new.ends_at).await?;
            return Ok(());
        }
        _ => {}
    }
    let people = 2 + seed % 4;
    for p in 0..people {
        let at = new.starts_at + (p as i64) * 20 * 60 + 5 * 60;
        let person = ValidBooking {
            name: PEOPLE[(seed + p) % PEOPLE.len()].into(),
            phone: None,
            email: None,
            topic: String::new(),
            priority: None,
        };
        let Ok(booking) = store.walk_in(id, &person, "kk", at).await? else { continue };
        let (text, answer, kind) = QUESTIONS[(seed * 3 + p) % QUESTIONS.len()];
        let outcome =
            if answer.is_empty() { QuestionOutcome::TakenAsAppeal } else { QuestionOutcome::AnsweredOnTheSpot };
        let question = NewQuestion { booking_id: booking.id, text: text.into(), outcome, answer: answer.into() };
        let Ok(q) = store.add_question(&question, at + 10 * 60).await? else { continue };
        if outcome == QuestionOutcome::TakenAsAppeal {
            let taking = Taking {
                reception_id: id,
                territory_code: &new.territory_code,
                person: &booking,
                question_id: q,
                text,
                kind,
                at: at + 10 * 60,
                fallback_institution: office,
            };
            take_as_appeal(store, calendar, None, taking).await?;
        }
    }
    store.hold_reception(id, true, &by, new.ends_at).await?.ok();
    Ok(())
}
