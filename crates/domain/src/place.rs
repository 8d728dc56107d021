//! Place names for people: the classifier (KATO) abbreviates the kind of a
//! unit («Ақжарма а.о.», «с.Баймурат»), which a filer should not have to
//! decode, so the filing form spells it out; and a search key under which a
//! name is found however it is typed (Kazakh or Russian keyboard, Latin).

/// Kazakh abbreviations, as whole words, and what they stand for.
const KK_WORDS: &[(&str, &str)] = &[
    ("атын.а.о.", "атындағы ауылдық округі"),
    ("атын.а.о", "атындағы ауылдық округі"),
    ("атын.а.", "атындағы ауыл"),
    ("а.о.", "ауылдық округі"),
    ("а.о", "ауылдық округі"),
    ("а.", "ауылы"),
    ("к.ә.", "кенттік әкімшілігі"),
    ("к.", "кенті"),
    ("Қ.Ә.", "қалалық әкімдігі"),
    ("қ.ә.", "қалалық әкімшілігі"),
    ("қ.", "қаласы"),
    ("ст.", "станциясы"),
];

/// Russian abbreviations that are whole words.
const RU_WORDS: &[(&str, &str)] = &[
    ("с.о.", "сельский округ"),
    ("п.а.", "поселковая администрация"),
    ("г.а.", "городская администрация"),
    ("Г.А.", "городская администрация"),
    ("им.", "имени"),
];

/// Abbreviations that start a word, glued to what follows («с.Баймурат»),
/// longest first; the same in Kazakh for a railway passing loop.
const PREFIXES: &[(&str, &str)] = &[
    ("с.о.", "сельский округ "),
    ("рзд.", "разъезд "),
    ("ст.", "станция "),
    ("им.", "имени "),
    ("с.", "село "),
    ("п.", "посёлок "),
    ("г.", "город "),
];

/// A classifier name with its abbreviations written out in full:
/// «Ақжарма а.о.» → «Ақжарма ауылдық округі», «с.им.Бухарбай батыра» →
/// «село имени Бухарбай батыра». Initials («Ж.Маханбетов») stay as they are.
pub fn spell_out(name: &str) -> String {
    let mut words = Vec::new();
    for word in name.split_whitespace() {
        if let Some((_, full)) = KK_WORDS.iter().chain(RU_WORDS).find(|(short, _)| *short == word) {
            words.push((*full).to_owned());
            continue;
        }
        let mut rest = word;
        let mut out = String::new();
        while let Some((short, full)) = PREFIXES.iter().find(|(short, _)| rest.starts_with(short)) {
            out.push_str(full);
            rest = &rest[short.len()..];
        }
        out.push_str(rest);
        words.push(out.trim_end().to_owned());
    }
    words.join(" ")
}

/// A name reduced for matching: lower case, Kazakh letters as the Russian
/// ones a Russian keyboard types instead, Latin letters of the Kazakh
/// alphabet without their marks, and anything but letters and digits a space.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // 'İ' lower-cases to 'i' and a combining dot, which goes.
    for c in text.chars().flat_map(char::to_lowercase).filter(|c| *c != '\u{307}') {
        let c = match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            'ё' => 'е',
            'ä' => 'a',
            'ğ' => 'g',
            'ñ' => 'n',
            'ö' => 'o',
            'ū' | 'ü' => 'u',
            'ş' => 's',
            'ı' => 'i',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a typed query finds a name given in any of its forms: every word
/// of the query starts a word of the name, or is inside one ("арал" finds
/// «Аралқұм» and «Арал ауданы»).
pub fn matches(query: &str, names: &[&str]) -> bool {
    let words: Vec<String> = search_key(query).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    !words.is_empty()
        && names.iter().any(|name| {
            let key = search_key(name);
            words.iter().all(|w| key.contains(w.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_spelled_out() {
        assert_eq!(spell_out("Ақжарма а.о."), "Ақжарма ауылдық округі");
        assert_eq!(spell_out("Қызылжарма а.о"), "Қызылжарма ауылдық округі");
        assert_eq!(spell_out("Машбек Нәлібаев атын.а.о."), "Машбек Нәлібаев атындағы ауылдық округі");
        assert_eq!(spell_out("Баймұрат а."), "Баймұрат ауылы");
        assert_eq!(spell_out("Белкөл к.ә."), "Белкөл кенттік әкімшілігі");
        assert_eq!(spell_out("Арал қ."), "Арал қаласы");
        assert_eq!(spell_out("Қараөзек ст."), "Қараөзек станциясы");
        assert_eq!(spell_out("Ж.Маханбетов а."), "Ж.Маханбетов ауылы", "initials stay");
        assert_eq!(spell_out("Акжарминский с.о."), "Акжарминский сельский округ");
        assert_eq!(spell_out("с.Ж.Маханбетова"), "село Ж.Маханбетова");
        assert_eq!(spell_out("с.им.Бухарбай батыра"), "село имени Бухарбай батыра");
        assert_eq!(spell_out("с.о.им.Машбека Налибаева"), "сельский округ имени Машбека Налибаева");
        assert_eq!(spell_out("ст.Караозек"), "станция Караозек");
        assert_eq!(spell_out("рзд.93 Укулисай"), "разъезд 93 Укулисай");
        assert_eq!(spell_out("Белкольская п.а."), "Белкольская поселковая администрация");
        assert_eq!(spell_out("г.Кызылорда"), "город Кызылорда");
        assert_eq!(spell_out("Арал ауданы"), "Арал ауданы", "nothing to spell out");
    }

    #[test]
    fn no_abbreviation_is_left_in_the_shipped_classifier() {
        for t in crate::territory::demo_territories() {
            for name in [spell_out(&t.name_kk), spell_out(&t.name_ru)] {
                let left: Vec<&str> = name
                    .split_whitespace()
                    .filter(|w| w.ends_with('.') && w.chars().filter(|c| c.is_lowercase()).count() > 0)
                    .collect();
                assert!(left.is_empty(), "{name}: {left:?}");
            }
        }
    }

    #[test]
    fn names_are_found_however_they_are_typed() {
        assert!(matches("аманоткел", &["Аманөткел ауылы"]), "a Russian keyboard finds a Kazakh name");
        assert!(matches("Aman", &["Amanötkel auyly"]), "Latin");
        assert!(matches("арал", &["Аралқұм ауылы"]));
        assert!(matches("  Арал  ауданы ", &["Арал ауданы"]));
        assert!(!matches("арал", &["Қазалы ауданы"]));
        assert!(!matches("   ", &["Арал ауданы"]), "an empty query finds nothing");
    }
}
