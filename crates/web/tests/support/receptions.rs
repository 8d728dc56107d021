//! Receptions for the web tests, made through the store's own calls: the
//! programme, working groups in two districts, hosts, and receptions at
//! chosen local times.

use super::TestApp;
use adaldyq_domain::appeal::AppealLanguage;
use adaldyq_domain::reception::{Capacity, CoHost, Details, Mode};
use adaldyq_store::{Actor, NewHost, NewMember, NewProgramme, NewReception, NewWorkingGroup, PlanOutcome};

/// Аманөткел rural district, Арал district (the test district).
pub const RURAL: &str = "433233000";
/// A village of it (a field visit goes there).
pub const VILLAGE: &str = "433233100";
/// Жаңақорған rural district, Жаңақорған district (another district).
pub const OTHER_RURAL: &str = "434030000";

pub struct Programme {
    pub id: i64,
    pub group: i64,
    pub other_group: i64,
    pub host: i64,
    pub other_host: i64,
}

/// The programme, a group in [`RURAL`] with one member who shows their
/// contact and one who does not, a group in [`OTHER_RURAL`], and two hosts
/// (the first of the test institution).
pub async fn programme(app: &TestApp) -> Programme {
    let s = &app.db.store;
    let id = s
        .create_programme(&NewProgramme {
            name_kk: "Ақмешіт — адалдық алаңы".into(),
            name_ru: "Акмешит — адалдық алаңы".into(),
            name_en: "Akmeshit — a square of integrity".into(),
            office_name_kk: "«Адалдық алаңы» жобалық кеңсесі".into(),
            office_name_ru: "Проектный офис «Адалдық алаңы»".into(),
            office_name_en: "Project office «Adaldyq alany»".into(),
            office_address: "Қызылорда, Бейбітшілік көшесі, 10".into(),
            office_phone: "+7 724 200 00 00".into(),
            office_email: "office@adaldyq.example".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let group = |code: &str, kk: &str, ru: &str, en: &str| NewWorkingGroup {
        programme_id: id,
        territory_code: code.into(),
        name_kk: kk.into(),
        name_ru: ru.into(),
        name_en: en.into(),
        address: "Ауыл әкімдігі".into(),
        phone: "+7 724 000 11 22".into(),
        email: "group@adaldyq.example".into(),
        is_demo: true,
    };
    let g = s
        .create_working_group(&group(
            RURAL,
            "Аманөткел жұмыс тобы",
            "Рабочая группа Аманоткель",
            "Amanotkel working group",
        ))
        .await
        .unwrap();
    let other = s
        .create_working_group(&group(
            OTHER_RURAL,
            "Жаңақорған жұмыс тобы",
            "Рабочая группа Жанакорган",
            "Zhanakorgan working group",
        ))
        .await
        .unwrap();
    let member = |name: &str, phone: &str, public: bool| NewMember {
        group_id: g,
        name: name.into(),
        position_kk: "жұмыс тобының мүшесі".into(),
        position_ru: "член рабочей группы".into(),
        position_en: "member of the working group".into(),
        institution_id: None,
        institution_text: "Аудан әкімдігі".into(),
        phone: Some(phone.into()),
        email: None,
        contact_public: public,
        is_demo: true,
    };
    s.add_member(&member("Асқар Келісті", "+77010000001", true)).await.unwrap();
    s.add_member(&member("Дана Құпиялы", "+77010000002", false)).await.unwrap();
    let host = s
        .create_host(&NewHost {
            name: "Айгүл Сейітова".into(),
            position_kk: "ауылдық округ әкімі".into(),
            position_ru: "аким сельского округа".into(),
            position_en: "akim of the rural district".into(),
            institution_id: Some(app.institution),
            institution_text: String::new(),
            is_demo: true,
        })
        .await
        .unwrap();
    let other_host = s
        .create_host(&NewHost {
            name: "Бақыт Жанғазиев".into(),
            position_kk: "аудан әкімінің орынбасары".into(),
            position_ru: "заместитель акима района".into(),
            position_en: "deputy akim of the district".into(),
            institution_id: None,
            institution_text: "Жаңақорған ауданы әкімдігі".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    Programme { id, group: g, other_group: other, host, other_host }
}

/// Details of a reception at a place, open from 30 days to 1 hour before.
pub fn details(mode: Mode) -> Details {
    Details {
        mode,
        address: if mode == Mode::Online {
            String::new()
        } else {
            "Аманөткел ауылы, Мектеп көшесі, 5".into()
        },
        online_link: (mode == Mode::Online).then(|| "https://meet.example/secret-room-42".into()),
        topics: "жер, су, жолдар".into(),
        languages: vec![AppealLanguage::Kk, AppealLanguage::Ru],
        accessibility: "Пандус бар, бірінші қабат".into(),
        co_hosts: vec![CoHost {
            name: "Ғалия Әлімқұлова".into(),
            position: "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің өкілі".into(),
            institution: String::new(),
        }],
        opens_days_before: 30,
        closes_hours_before: 1,
    }
}

/// The instant of a local date and time in Asia/Qyzylorda.
pub fn local(date: jiff::civil::Date, hour: i8, minute: i8) -> i64 {
    let zone = jiff::tz::TimeZone::get("Asia/Qyzylorda").unwrap();
    zone.to_ambiguous_timestamp(date.at(hour, minute, 0, 0)).compatible().unwrap().as_second()
}

/// The local date `days` from today.
pub fn in_days(days: i64) -> jiff::civil::Date {
    let zone = jiff::tz::TimeZone::get("Asia/Qyzylorda").unwrap();
    let today = zone.to_datetime(jiff::Timestamp::now()).date();
    today.checked_add(jiff::Span::new().days(days)).unwrap()
}

/// Schedules a reception of `minutes` from `starts_at`; its id.
pub async fn reception(
    app: &TestApp,
    group: i64,
    territory: &str,
    host: i64,
    starts_at: i64,
    minutes: i64,
    details: Details,
) -> i64 {
    let new = NewReception {
        group_id: group,
        territory_code: territory.into(),
        host_id: host,
        starts_at,
        ends_at: starts_at + minutes * 60,
        capacity: Capacity { slot_minutes: 30, seats_per_slot: 2, waitlist_size: 2 },
        details,
    };
    match app.db.store.schedule_reception(&new, &Actor::system(), adaldyq_web::state::now()).await.unwrap() {
        PlanOutcome::Done(id) => id,
        other => panic!("not scheduled: {other:?}"),
    }
}
