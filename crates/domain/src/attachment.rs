//! What files a filer may attach: images, PDF and office documents, judged
//! by their content (magic bytes, via `infer`), not by the name they carry;
//! limits on size and count are settings. Only formats whose hidden data
//! (author, place, software) can be removed before storing are taken, and
//! those who may not know the filer see a neutral name ([`neutral_name`]).

/// The limits in force (configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentLimits {
    pub max_bytes: usize,
    pub max_count: usize,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        AttachmentLimits { max_bytes: 10 * 1024 * 1024, max_count: 5 }
    }
}

/// Media types accepted, as their content shows them, with the extension a
/// neutral name gets.
pub const ALLOWED: &[(&str, &str)] = &[
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/webp", "webp"),
    ("application/pdf", "pdf"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("application/vnd.oasis.opendocument.text", "odt"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
];

/// Old Word, Excel and PowerPoint files (OLE compound files). Removing
/// their summary streams is not enough: Excel keeps the last author in the
/// workbook's WriteAccess record and Word its saved-by list in the table
/// stream, where no well-kept crate rewrites them. The filer is asked for
/// the current format or PDF instead.
const LEGACY_OFFICE: &[&str] = &["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentProblem {
    Empty,
    TooLarge,
    /// Not an image, PDF or office document, whatever its name says.
    Forbidden,
    /// A HEIF/HEIC photo: no pure-Rust decoder exists to remove its
    /// EXIF (place, device, owner), so JPEG is asked for.
    Heif,
    /// An old `.doc`/`.xls`/`.ppt` (see [`LEGACY_OFFICE`]).
    LegacyOffice,
    /// It claims to be one of the accepted formats but cannot be read as
    /// one, so its hidden data could not be removed.
    Unreadable,
}

/// Checks one file and gives its media type.
pub fn check(bytes: &[u8], limits: &AttachmentLimits) -> Result<&'static str, AttachmentProblem> {
    if bytes.is_empty() {
        return Err(AttachmentProblem::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(AttachmentProblem::TooLarge);
    }
    let kind = infer::get(bytes).ok_or(AttachmentProblem::Forbidden)?.mime_type();
    if kind == "image/heif" {
        return Err(AttachmentProblem::Heif);
    }
    if LEGACY_OFFICE.contains(&kind) {
        return Err(AttachmentProblem::LegacyOffice);
    }
    ALLOWED.iter().map(|(m, _)| *m).find(|m| *m == kind).ok_or(AttachmentProblem::Forbidden)
}

/// The name a file is shown and sent under to whoever may not know the
/// filer (the institution a corruption report is about; every reader of an
/// anonymous appeal): `file-N.ext`, N its place in the appeal (from 1), the
/// extension from its content. A name such as `Whistle_Blower_IIN_….jpg`
/// never reaches them.
pub fn neutral_name(position: usize, media_type: &str) -> String {
    let ext = ALLOWED.iter().find(|(m, _)| *m == media_type).map(|(_, e)| *e).unwrap_or("bin");
    format!("file-{position}.{ext}")
}

/// A file name safe to show and to send back in `Content-Disposition`: no
/// path, no control characters, at most 120 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(120).collect();
    if cleaned.trim().is_empty() {
        "file".to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];

    #[test]
    fn files_are_judged_by_content() {
        let limits = AttachmentLimits::default();
        assert_eq!(check(PNG, &limits), Ok("image/png"));
        assert_eq!(check(b"%PDF-1.7\n%...", &limits), Ok("application/pdf"));
        assert_eq!(check(b"MZ\x90\x00\x03\x00\x00\x00", &limits), Err(AttachmentProblem::Forbidden), "a program");
        assert_eq!(check(b"<script>alert(1)</script>", &limits), Err(AttachmentProblem::Forbidden));
        assert_eq!(check(b"", &limits), Err(AttachmentProblem::Empty));
        let small = AttachmentLimits { max_bytes: 8, max_count: 1 };
        assert_eq!(check(PNG, &small), Err(AttachmentProblem::TooLarge));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(check(heic, &limits), Err(AttachmentProblem::Heif), "HEIC photos are asked for as JPEG");
    }

    #[test]
    fn neutral_names_tell_only_the_place_and_the_type() {
        assert_eq!(neutral_name(1, "image/jpeg"), "file-1.jpg");
        assert_eq!(
            neutral_name(3, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "file-3.docx"
        );
        assert_eq!(neutral_name(2, "application/octet-stream"), "file-2.bin");
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\a\\акт.pdf"), "акт.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc\"d.png"), "abcd.png");
        assert_eq!(clean_name(""), "file");
        assert_eq!(clean_name(&"я".repeat(300)).chars().count(), 120);
    }
}
