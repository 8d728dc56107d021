//! The languages the platform speaks: Kazakh (Cyrillic, and Latin as a
//! transliterated view), Russian and English. The URL prefix names the
//! language so that every page can be linked in a given language.

use std::fmt;

/// A language of the interface. `KkLatn` is Kazakh rendered in Cyrillic and
/// then transliterated (see [`crate::translit`]), so it has no catalogue of
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Kk,
    KkLatn,
    Ru,
    En,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Kk, Locale::KkLatn, Locale::Ru, Locale::En];

    /// The first path segment of a page in this language (`/kk-latn/…`).
    pub fn segment(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::KkLatn => "kk-latn",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::KkLatn => "kk-Latn",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The message catalogue that renders this language.
    pub fn catalogue(self) -> &'static str {
        match self {
            Locale::Kk | Locale::KkLatn => "kk",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Kk => "Қазақша",
            Locale::KkLatn => "Qazaqşa",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    /// Parses a path segment or a cookie value; case-insensitive because
    /// BCP 47 tags are.
    pub fn from_segment(s: &str) -> Option<Locale> {
        match s.to_ascii_lowercase().as_str() {
            "kk" => Some(Locale::Kk),
            "kk-latn" => Some(Locale::KkLatn),
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The best match for an `Accept-Language` header, by quality, falling
    /// back to Kazakh, the state language.
    pub fn from_accept_language(header: &str) -> Locale {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (pos, part) in header.split(',').enumerate() {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if q.is_nan() || q <= 0.0 {
                continue;
            }
            let locale = if tag == "kk-latn" || tag.starts_with("kk-latn-") {
                Some(Locale::KkLatn)
            } else {
                match tag.split('-').next().unwrap_or("") {
                    "kk" => Some(Locale::Kk),
                    "ru" => Some(Locale::Ru),
                    "en" => Some(Locale::En),
                    _ => None,
                }
            };
            if let Some(locale) = locale {
                let better = match best {
                    None => true,
                    Some((bq, bpos, _)) => q > bq || (q == bq && pos < bpos),
                };
                if better {
                    best = Some((q, pos, locale));
                }
            }
        }
        best.map(|(_, _, l)| l).unwrap_or(Locale::Kk)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.segment())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_segment(l.segment()), Some(l));
            assert_eq!(Locale::from_segment(l.html_lang()), Some(l));
        }
        assert_eq!(Locale::from_segment("de"), None);
        assert_eq!(Locale::from_segment(""), None);
    }

    #[test]
    fn accept_language_picks_by_quality() {
        assert_eq!(Locale::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"), Locale::Ru);
        assert_eq!(Locale::from_accept_language("en;q=0.5, ru;q=0.7"), Locale::Ru);
        assert_eq!(Locale::from_accept_language("de, en-GB;q=0.3"), Locale::En);
        assert_eq!(Locale::from_accept_language("kk-Latn-KZ"), Locale::KkLatn);
        assert_eq!(Locale::from_accept_language("kk-KZ, ru"), Locale::Kk);
        assert_eq!(Locale::from_accept_language("fr, de"), Locale::Kk);
        assert_eq!(Locale::from_accept_language("ru;q=0, en"), Locale::En);
        assert_eq!(Locale::from_accept_language(";;;,q=,"), Locale::Kk);
    }
}
