//! What files a filer may attach: images, PDF and office documents, judged
//! by their content (magic bytes, via `infer`), not by the name they carry;
//! limits on size and count are settings.

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

/// Media types accepted, as their content shows them.
pub const ALLOWED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heif",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/msword",
    "application/vnd.ms-excel",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentProblem {
    Empty,
    TooLarge,
    /// Not an image, PDF or office document, whatever its name says.
    Forbidden,
}

/// Checks one file and gives its media type.
pub fn check(bytes: &[u8], limits: &AttachmentLimits) -> Result<&'static str, AttachmentProblem> {
    if bytes.is_empty() {
        return Err(AttachmentProblem::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(AttachmentProblem::TooLarge);
    }
    let kind = infer::get(bytes).ok_or(AttachmentProblem::Forbidden)?;
    ALLOWED.iter().copied().find(|m| *m == kind.mime_type()).ok_or(AttachmentProblem::Forbidden)
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
