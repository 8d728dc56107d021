//! Kazakh Cyrillic → Latin: `to_latin` on text and `html_to_latin` on pages.
//! Properties: no Kazakh (or Russian) Cyrillic letter survives `to_latin`;
//! nothing else is lost or reordered; `html_to_latin` keeps every
//! non-Kazakh character, equals `to_latin` on markup-free text, and leaves
//! `data-verbatim`, `<script>`, `<style>`, `<textarea>` and non-visible
//! attributes byte-for-byte while transliterating visible ones.
#![no_main]

use adaldyq_domain::translit::{html_to_latin, to_latin};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// The 42 letters of the table, both cases; Russian's 33 are among them.
const KAZAKH: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";

fn is_kazakh(c: char) -> bool {
    KAZAKH.contains(c)
}

/// Every character of `input` that is not a table letter appears in
/// `output`, in order.
fn keeps_the_rest(input: &str, output: &str) -> bool {
    let mut rest = output.chars();
    input.chars().filter(|&c| !is_kazakh(c)).all(|c| rest.any(|o| o == c))
}

const VERBATIM_TAGS: [&str; 6] = ["div", "span", "DIV", "p", "Section", "td"];
const RAW_TAGS: [&str; 6] = ["script", "style", "textarea", "SCRIPT", "Style", "TextArea"];
const VISIBLE: [&str; 8] = ["title", "alt", "placeholder", "aria-label", "content", "label", "TITLE", "Alt"];
const DATA: [&str; 6] = ["href", "class", "value", "name", "data-x", "src"];

#[derive(Arbitrary, Debug)]
enum Input {
    Text(String),
    Html(String),
    /// prefix `<tag data-verbatim>` content `</tag>` suffix
    Verbatim { prefix: String, tag: u8, content: String, suffix: String },
    /// prefix `<raw>` content `</raw>` suffix
    Raw { prefix: String, tag: u8, content: String, suffix: String },
    /// `<p name="value">text</p>`
    Attr { visible: bool, name: u8, single_quote: bool, value: String, text: String },
}

fn no_lt(s: &str) -> String {
    s.replace('<', "")
}

fuzz_target!(|input: Input| {
    match input {
        Input::Text(text) => {
            let out = to_latin(&text);
            assert!(!out.chars().any(is_kazakh), "Cyrillic left in {out:?} from {text:?}");
            assert!(keeps_the_rest(&text, &out), "{text:?} -> {out:?} lost characters");
            if !text.chars().any(is_kazakh) {
                assert_eq!(out, text, "text without Kazakh letters changed");
            }
        }
        Input::Html(html) => {
            let out = html_to_latin(&html);
            assert!(keeps_the_rest(&html, &out), "{html:?} -> {out:?} lost characters");
            if !html.chars().any(is_kazakh) {
                assert_eq!(out, html, "HTML without Kazakh letters changed");
            }
            if !html.contains('<') {
                assert_eq!(out, to_latin(&html), "markup-free HTML differs from to_latin");
            }
        }
        Input::Verbatim { prefix, tag, content, suffix } => {
            let tag = VERBATIM_TAGS[tag as usize % VERBATIM_TAGS.len()];
            let (prefix, content, suffix) = (no_lt(&prefix), no_lt(&content), no_lt(&suffix));
            let html = format!("{prefix}<{tag} data-verbatim>{content}</{tag}>{suffix}");
            let want = format!("{}<{tag} data-verbatim>{content}</{tag}>{}", to_latin(&prefix), to_latin(&suffix));
            assert_eq!(html_to_latin(&html), want, "data-verbatim content changed");
        }
        Input::Raw { prefix, tag, content, suffix } => {
            let tag = RAW_TAGS[tag as usize % RAW_TAGS.len()];
            let (prefix, content, suffix) = (no_lt(&prefix), no_lt(&content), no_lt(&suffix));
            let html = format!("{prefix}<{tag}>{content}</{tag}>{suffix}");
            let want = format!("{}<{tag}>{content}</{tag}>{}", to_latin(&prefix), to_latin(&suffix));
            assert_eq!(html_to_latin(&html), want, "raw text element content changed");
        }
        Input::Attr { visible, name, single_quote, value, text } => {
            let name = if visible { VISIBLE[name as usize % VISIBLE.len()] } else { DATA[name as usize % DATA.len()] };
            let q = if single_quote { '\'' } else { '"' };
            let value = value.replace(q, "");
            let text = no_lt(&text);
            let html = format!("<p {name}={q}{value}{q}>{text}</p>");
            let shown = if visible { to_latin(&value) } else { value.clone() };
            let want = format!("<p {name}={q}{shown}{q}>{}</p>", to_latin(&text));
            assert_eq!(html_to_latin(&html), want, "attribute {name}");
        }
    }
});
