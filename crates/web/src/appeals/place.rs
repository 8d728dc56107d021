//! The filing form's "where, and to whom": the territory and institution
//! selects with names spelled out («ауылдық округі», not «а.о.»), and the
//! search by village, rural district, district or body name that works
//! without JavaScript: the form comes back with the matches only, and a
//! single match is chosen.

use super::new::{name, TerritoryGroup};
use adaldyq_domain::place::{matches, spell_out};
use adaldyq_domain::territory::TerritoryKind;
use adaldyq_domain::{translit, Locale};
use adaldyq_store::{Institution, TerritoryRecord};

/// A territory's name for the reader, abbreviations spelled out.
pub fn place_name(locale: Locale, t: &TerritoryRecord) -> String {
    name(locale, &spell_out(&t.name_kk), &spell_out(&t.name_ru))
}

/// An institution's name for the reader; names made from a unit's
/// («Аманөткел а.о. әкімінің аппараты») are spelled out too.
pub fn institution_name(locale: Locale, i: &Institution) -> String {
    match locale {
        Locale::Ru => spell_out(&i.name_ru),
        Locale::En => i.name_en.clone(),
        _ => spell_out(&i.name_kk),
    }
}

/// Whether appeals can be filed under this unit from the form's select: a
/// district or city, or a unit just below one (not a single settlement).
fn selectable(t: &TerritoryRecord) -> bool {
    t.routable && t.level >= 2 && t.kind != TerritoryKind::Settlement
}

/// Districts and cities with the units below them.
pub fn territory_groups(locale: Locale, all: &[TerritoryRecord]) -> Vec<TerritoryGroup> {
    all.iter()
        .filter(|t| t.level == 2 && t.routable)
        .map(|d| TerritoryGroup {
            label: place_name(locale, d),
            options: std::iter::once((d.code.clone(), place_name(locale, d)))
                .chain(
                    all.iter()
                        .filter(|t| t.parent_code.as_deref() == Some(&d.code) && selectable(t))
                        .map(|t| (t.code.clone(), place_name(locale, t))),
                )
                .collect(),
        })
        .collect()
}

/// Institutions grouped by the district they are in.
pub fn institution_groups(
    locale: Locale,
    all: &[TerritoryRecord],
    institutions: &[&Institution],
) -> Vec<TerritoryGroup> {
    all.iter()
        .filter(|t| t.level == 2 && t.routable)
        .map(|d| TerritoryGroup {
            label: place_name(locale, d),
            options: institutions
                .iter()
                .filter(|i| all.iter().any(|t| t.code == i.territory_code && t.path.get(1) == Some(&d.code)))
                .map(|i| (i.id.to_string(), institution_name(locale, i)))
                .collect(),
        })
        .filter(|g| !g.options.is_empty())
        .collect()
}

/// What a search found.
pub struct Found {
    /// The units to file under, each with the name that matched and where it
    /// lies: «Аманөткел ауылы (Аманөткел ауылдық округі, Арал ауданы)».
    pub places: Vec<(String, String)>,
    /// Bodies whose name matched.
    pub by_name: Vec<i64>,
    /// Bodies serving the places found (of their district or below).
    pub serving: Vec<i64>,
}

/// Searches the territory tree (settlements included) and the bodies.
pub fn search(locale: Locale, query: &str, all: &[TerritoryRecord], institutions: &[Institution]) -> Found {
    let by_code = |code: &str| all.iter().find(|t| t.code == code);
    // (unit to file under, its label, the level of what matched)
    let mut places: Vec<(String, String, i64)> = Vec::new();
    for t in all.iter().filter(|t| t.level >= 2) {
        let (kk, ru) = (spell_out(&t.name_kk), spell_out(&t.name_ru));
        if !matches(query, &[&kk, &ru, &translit::to_latin(&kk)]) {
            continue;
        }
        // A settlement is filed under its rural district.
        let Some(unit) = t.path.iter().rev().filter_map(|c| by_code(c)).find(|u| selectable(u)) else {
            continue;
        };
        let above: Vec<String> = unit
            .path
            .iter()
            .rev()
            .filter_map(|c| by_code(c))
            .filter(|u| u.level >= 2 && u.code != t.code)
            .map(|u| place_name(locale, u))
            .collect();
        let label = if above.is_empty() {
            place_name(locale, t)
        } else {
            format!("{} ({})", place_name(locale, t), above.join(", "))
        };
        match places.iter_mut().find(|(code, _, _)| *code == unit.code) {
            // Several names under one unit: the unit's own name, else the first.
            Some(found) if t.level < found.2 => *found = (unit.code.clone(), label, t.level),
            Some(_) => {}
            None => places.push((unit.code.clone(), label, t.level)),
        }
    }
    let found_paths: Vec<&Vec<String>> =
        places.iter().filter_map(|(code, _, _)| by_code(code)).map(|t| &t.path).collect();
    let by_name = institutions
        .iter()
        .filter(|i| matches(query, &[&i.name_kk, &i.name_ru, &i.name_en, &translit::to_latin(&i.name_kk)]))
        .map(|i| i.id)
        .collect();
    let serving = institutions
        .iter()
        .filter(|i| {
            by_code(&i.territory_code).is_some_and(|t| t.level >= 2 && found_paths.iter().any(|p| p.contains(&t.code)))
        })
        .map(|i| i.id)
        .collect();
    Found { places: places.into_iter().map(|(code, label, _)| (code, label)).collect(), by_name, serving }
}
