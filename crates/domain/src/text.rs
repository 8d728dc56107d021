//! What counts as acceptable text anywhere a person types into the platform,
//! and how a cell is written into a spreadsheet file. One rule for every
//! form, JSON body, query and import, so that both backends store the same
//! thing: PostgreSQL refuses NUL (SQLite keeps it), and an installation
//! holding one could not move.

use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory, GeneralCategoryGroup};
use icu_properties::{CodePointMapData, CodePointSetData};
use std::borrow::Cow;

/// Whether `s` holds no control characters (Unicode category Cc) other
/// than tab, line feed, and a carriage return that ends a line (`\r\n`, as
/// browsers send a textarea's lines).
pub fn is_acceptable(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let fine = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !fine {
            return false;
        }
    }
    true
}

/// Whether `s` shows something: at least one letter, digit, punctuation
/// mark or symbol that is drawn. Spaces, format characters (zero-width
/// space, joiners, direction marks), other default-ignorable code points
/// (the Hangul fillers) and combining marks on nothing are not.
pub fn is_visible(s: &str) -> bool {
    let categories = CodePointMapData::<GeneralCategory>::new();
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
    let drawn = GeneralCategoryGroup::Letter
        .union(GeneralCategoryGroup::Number)
        .union(GeneralCategoryGroup::Punctuation)
        .union(GeneralCategoryGroup::Symbol);
    // U+2800 (the blank Braille pattern) is a symbol that draws nothing and
    // is not default-ignorable; it is the usual way round such checks.
    s.chars().any(|c| c != '\u{2800}' && drawn.contains(categories.get(c)) && !ignorable.contains(c))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV
/// injection): `=`, `+`, `-`, `@`, and a leading tab or carriage return.
pub fn starts_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as it goes into any CSV or spreadsheet the platform writes: one
/// that a spreadsheet would run as a formula gets a leading `'`, as OWASP
/// advises, so it is shown as the text it is. Everything else is unchanged.
pub fn spreadsheet_cell(s: &str) -> Cow<'_, str> {
    if starts_like_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One CSV record (with its line end), each cell through
/// [`spreadsheet_cell`] and quoted where needed: every CSV the platform
/// writes is built from these.
pub fn csv_record<I, S>(cells: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let cells: Vec<String> = cells.into_iter().map(|c| spreadsheet_cell(c.as_ref()).into_owned()).collect();
    // Writing to memory cannot fail, and csv writes valid UTF-8 from &str.
    let _ = writer.write_record(&cells);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_are_refused_but_tabs_and_line_ends_kept() {
        assert!(is_acceptable("Көшеде жарық жоқ.\nҮш ай бойы.\r\n\tРахмет"));
        assert!(is_acceptable(""));
        for bad in ["a\u{0}b", "\u{0}", "a\u{1}", "a\u{1b}[31m", "a\u{7f}", "a\u{85}b", "a\u{9f}", "a\rb", "a\r"] {
            assert!(!is_acceptable(bad), "{bad:?}");
        }
    }

    #[test]
    fn invisible_text_is_not_visible() {
        for blank in [
            "",
            " \t\n",
            "\u{200b}\u{200b}",
            "\u{200c}\u{200d}\u{2060}\u{feff}",
            "\u{202e}\u{200e}\u{200f}",
            "\u{3164}\u{115f}\u{ffa0}",
            "\u{2800}\u{2800}",
            "\u{301}\u{34f}",
            "\u{a0}\u{3000}",
            "\u{fe0f}",
        ] {
            assert!(!is_visible(blank), "{blank:?}");
        }
        for seen in ["a", "Ә", "5", ".", "€", "😀", "\u{200b}ok\u{200b}", "ж"] {
            assert!(is_visible(seen), "{seen:?}");
        }
    }

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_cell(s), format!("'{s}"));
        }
        assert_eq!(spreadsheet_cell("Арал ауданы"), "Арал ауданы");
        assert_eq!(spreadsheet_cell(""), "");
        assert_eq!(csv_record(["=1+1", "a,b", "2026-03-22"]), "'=1+1,\"a,b\",2026-03-22\n");
        assert_eq!(csv_record(["@x\"y"]), "\"'@x\"\"y\"\n");
    }

    proptest! {
        #[test]
        fn acceptable_text_has_no_control_but_tab_and_line_ends(s in "\\PC*[\u{0}-\u{1f}\u{7f}-\u{9f}]?\\PC*") {
            let ok = is_acceptable(&s);
            let stripped = s.replace("\r\n", "");
            prop_assert_eq!(ok, !stripped.chars().any(|c| c.is_control() && c != '\t' && c != '\n'));
        }
    }
}
