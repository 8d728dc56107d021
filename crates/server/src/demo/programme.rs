//! The demo's programme: Kyzylorda oblast's «Ақмешіт — адалдық алаңы» with
//! its project office «Адалдық алаңы» and a working group in each of the
//! 144 units of the rural level the 2021 article counts (141 rural
//! districts and 3 settlement administrations), each with two or three
//! made-up members. People and contacts are invented and marked as demo
//! data; no demo phone number is given (any would be someone's).

use adaldyq_domain::territory::{Territory, TerritoryKind};
use adaldyq_domain::translit::to_latin;
use adaldyq_store::{DynStore, NewMember, NewProgramme, NewWorkingGroup};

pub const NAME_KK: &str = "Ақмешіт — адалдық алаңы";
const MAIL: &str = "demo.adaldyq.example";

/// The units that have a working group: the rural level of the tree.
pub fn has_working_group(t: &Territory) -> bool {
    matches!(t.kind, TerritoryKind::RuralOkrug | TerritoryKind::SettlementAdmin)
}

/// Loads the programme and its groups, once (an installation whose demo
/// predates receptions gets them on its next start).
pub async fn load(store: &DynStore, territories: &[Territory]) -> anyhow::Result<()> {
    if store.programmes().await?.iter().any(|p| p.is_demo && p.name_kk == NAME_KK) {
        return Ok(());
    }
    let programme = store
        .create_programme(&NewProgramme {
            name_kk: NAME_KK.into(),
            name_ru: "Акмешит — адалдық алаңы".into(),
            name_en: "Akmeshit — a square of integrity".into(),
            office_name_kk: "«Адалдық алаңы» жобалық кеңсесі".into(),
            office_name_ru: "Проектный офис «Адалдық алаңы»".into(),
            office_name_en: "The “Adaldyq alany” project office".into(),
            office_address: "Қызылорда".into(),
            office_phone: String::new(),
            office_email: format!("office@{MAIL}"),
            is_demo: true,
        })
        .await?;
    let institutions = store.institutions(None).await?;
    let mut groups = Vec::new();
    for (i, t) in territories.iter().filter(|t| has_working_group(t)).enumerate() {
        // The unit's akim's office, made by the demo for every such unit.
        let office = institutions.iter().find(|x| x.is_demo && x.territory_code == t.code).map(|x| x.id);
        // Its first village names the place the group meets.
        let seat = territories.iter().find(|s| s.parent_code.as_deref() == Some(t.code.as_str()));
        let group = NewWorkingGroup {
            programme_id: programme,
            territory_code: t.code.clone(),
            name_kk: format!("{} жұмыс тобы", t.name_kk),
            name_ru: format!("Рабочая группа: {}", t.name_ru),
            name_en: format!("Working group: {}", to_latin(&t.name_kk)),
            address: seat.map_or_else(|| t.name_kk.clone(), |s| s.name_kk.clone()),
            phone: String::new(),
            email: format!("wg-{}@{MAIL}", t.code),
            is_demo: true,
        };
        groups.push((group, members(i, t, office)));
    }
    store.load_working_groups(&groups).await?;
    Ok(())
}

const WOMEN: [&str; 8] = ["Айгүл", "Гүлнар", "Сәуле", "Мадина", "Жанар", "Динара", "Әсел", "Ботагөз"];
const MEN: [&str; 8] = ["Ерлан", "Нұрлан", "Бауыржан", "Асқар", "Ғалым", "Серік", "Дәурен", "Марат"];
const FATHERS: [&str; 10] = ["Абай", "Бек", "Жақсылық", "Қасым", "Нұр", "Сейіт", "Тұрсын", "Өмір", "Ораз", "Есен"];

/// A made-up name, the same for the same seed on every installation.
fn name(seed: usize) -> String {
    let father = FATHERS[(seed * 7 + 3) % FATHERS.len()];
    if seed.is_multiple_of(2) {
        format!("{} {father}қызы", WOMEN[(seed / 2) % WOMEN.len()])
    } else {
        format!("{} {father}ұлы", MEN[(seed / 2) % MEN.len()])
    }
}

/// The group's akim (contact shown), its secretary (shown), and in every
/// other group a public council member who did not agree to show theirs.
fn members(i: usize, t: &Territory, office: Option<i64>) -> Vec<NewMember> {
    let (akim_kk, akim_ru, akim_en) = match t.kind {
        TerritoryKind::SettlementAdmin => ("Кент әкімі", "Аким поселка", "Akim of the settlement"),
        _ => ("Ауылдық округ әкімі", "Аким сельского округа", "Akim of the rural district"),
    };
    let person = |seed: usize, position: (&str, &str, &str), mail: &str, shown: bool, at: Option<i64>| NewMember {
        group_id: 0,
        name: name(seed),
        position_kk: position.0.into(),
        position_ru: position.1.into(),
        position_en: position.2.into(),
        institution_id: at,
        institution_text: String::new(),
        phone: None,
        email: Some(format!("{mail}-{}@{MAIL}", t.code)),
        contact_public: shown,
        is_demo: true,
    };
    let mut list = vec![
        person(i * 3, (akim_kk, akim_ru, akim_en), "akim", true, office),
        person(
            i * 3 + 1,
            ("Жұмыс тобының хатшысы", "Секретарь рабочей группы", "Secretary of the working group"),
            "secretary",
            true,
            office,
        ),
    ];
    if i.is_multiple_of(2) {
        list.push(person(
            i * 3 + 2,
            ("Қоғамдық кеңес мүшесі", "Член общественного совета", "Member of the public council"),
            "council",
            false,
            None,
        ));
    }
    list
}
