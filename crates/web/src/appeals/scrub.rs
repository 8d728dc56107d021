//! Removes what a file tells about whoever made it, before it is stored:
//! photos are decoded and encoded again (EXIF with its GPS position and
//! author, XMP, IPTC, comments and colour profiles do not survive; the
//! EXIF orientation is applied to the pixels first), PDFs lose their /Info
//! dictionary and every XMP stream, office archives (OOXML, ODF) are
//! rewritten with empty document properties and their pictures cleaned. The stored bytes, and so the
//! SHA-256 the log commits to, are the clean ones: no original is kept.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::{Cursor, Read, Write};

/// The file cannot be read as what its content claims to be, so its hidden
/// data could not be removed: it is refused, never stored as it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// A decoded photo may take this much memory (a 10 MB file can claim
/// billions of pixels).
const MAX_PIXEL_BYTES: u64 = 256 * 1024 * 1024;
const MAX_SIDE: u32 = 16_384;
/// An office archive may unpack to this much, in at most this many parts.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
const MAX_PARTS: usize = 10_000;
/// JPEG quality when a photo is encoded again: no visible loss.
const JPEG_QUALITY: u8 = 90;

/// The clean bytes of a file of an accepted media type (as
/// `adaldyq_domain::attachment::check` judged it). CPU-bound: call it off
/// the async runtime. A panic inside a parser counts as unreadable.
pub fn scrub(media_type: &str, bytes: &[u8]) -> Result<Vec<u8>, Unreadable> {
    std::panic::catch_unwind(|| match media_type {
        "image/jpeg" => photo(bytes, ImageFormat::Jpeg),
        "image/png" => photo(bytes, ImageFormat::Png),
        "image/webp" => photo(bytes, ImageFormat::WebP),
        "application/pdf" => pdf(bytes),
        m if m.starts_with("application/vnd.openxmlformats-officedocument.") => archive(bytes, OOXML),
        m if m.starts_with("application/vnd.oasis.opendocument.") => archive(bytes, ODF),
        _ => Err(Unreadable),
    })
    .unwrap_or(Err(Unreadable))
}

fn photo(bytes: &[u8], format: ImageFormat) -> Result<Vec<u8>, Unreadable> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXEL_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Unreadable)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| Unreadable)?;
    img.apply_orientation(orientation);
    let mut out = Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Jpeg => {
            let img = match img {
                DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => img,
                other => DynamicImage::ImageRgb8(other.to_rgb8()),
            };
            img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        }
        ImageFormat::Png => img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
        _ => {
            // The WebP encoder takes 8-bit images only, and writes lossless.
            let img = match img {
                DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => img,
                other => DynamicImage::ImageRgba8(other.to_rgba8()),
            };
            img.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        }
    };
    written.map_err(|_| Unreadable)?;
    Ok(out.into_inner())
}

fn pdf(bytes: &[u8]) -> Result<Vec<u8>, Unreadable> {
    use lopdf::Object;
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|_| Unreadable)?;
    // Still encrypted after trying the empty password: unreadable here, and
    // its hidden data cannot be reached.
    if doc.is_encrypted() || doc.get_pages().is_empty() {
        return Err(Unreadable);
    }
    doc.trailer.remove(b"Info");
    // XMP may hang on the catalog, on pages, images and fonts; PieceInfo is
    // the private data of the application that wrote the file.
    for object in doc.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        dict.remove(b"Metadata");
        dict.remove(b"PieceInfo");
    }
    // The whole file is written anew: earlier revisions (incremental
    // updates, with their own /Info) and the now unreferenced objects go.
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|_| Unreadable)?;
    Ok(out)
}

/// Which parts of an office archive say who wrote it, each replaced by an
/// empty part of the same kind (so the package stays valid and opens).
struct ArchiveRules {
    /// A part every archive of the kind has.
    required: &'static str,
    blank: &'static [(&'static str, &'static str)],
}

const OOXML: ArchiveRules = ArchiveRules {
    required: "[content_types].xml",
    blank: &[
        (
            "docprops/core.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"#,
        ),
        (
            "docprops/app.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>"#,
        ),
        (
            "docprops/custom.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>"#,
        ),
    ],
};

const ODF: ArchiveRules = ArchiveRules {
    required: "mimetype",
    blank: &[
        (
            "meta.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>"#,
        ),
        // Printer names ("HP on IVANOV-PC") and window settings.
        (
            "settings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>"#,
        ),
    ],
};

/// Rewrites a zip package part by part, in the same order (ODF needs its
/// `mimetype` first and stored), with fixed times and no comments or extra
/// fields, and the properties parts emptied.
fn archive(bytes: &[u8], rules: ArchiveRules) -> Result<Vec<u8>, Unreadable> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unreadable)?;
    if zip.len() > MAX_PARTS {
        return Err(Unreadable);
    }
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let (mut budget, mut found) = (MAX_UNPACKED, false);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| Unreadable)?;
        let name = part.name().map_err(|_| Unreadable)?.into_owned();
        let lower = name.to_ascii_lowercase();
        found |= lower == rules.required;
        let method = if lower == "mimetype" { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default().compression_method(method).last_modified_time(DateTime::default());
        if part.is_dir() {
            out.add_directory(name, options).map_err(|_| Unreadable)?;
            continue;
        }
        if part.encrypted() {
            return Err(Unreadable);
        }
        out.start_file(name, options).map_err(|_| Unreadable)?;
        if let Some((_, empty)) = rules.blank.iter().find(|(n, _)| *n == lower) {
            out.write_all(empty.as_bytes()).map_err(|_| Unreadable)?;
            continue;
        }
        // Pictures inside the document (a pasted phone photo keeps its GPS
        // position) and its thumbnail are cleaned as photos are.
        let picture = if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
            Some(ImageFormat::Jpeg)
        } else if lower.ends_with(".png") {
            Some(ImageFormat::Png)
        } else {
            None
        };
        if let Some(format) = picture {
            let mut raw = Vec::new();
            (&mut part).take(budget + 1).read_to_end(&mut raw).map_err(|_| Unreadable)?;
            budget = budget.checked_sub(raw.len() as u64).ok_or(Unreadable)?;
            out.write_all(&photo(&raw, format)?).map_err(|_| Unreadable)?;
            continue;
        }
        let copied = std::io::copy(&mut (&mut part).take(budget + 1), &mut out).map_err(|_| Unreadable)?;
        budget = budget.checked_sub(copied).ok_or(Unreadable)?;
    }
    if !found {
        return Err(Unreadable);
    }
    Ok(out.finish().map_err(|_| Unreadable)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JPEG's segments before its image data, by marker.
    fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
        let (mut at, mut markers) = (2, vec![]);
        while at + 4 <= bytes.len() && bytes[at] == 0xFF {
            let marker = bytes[at + 1];
            markers.push(marker);
            if marker == 0xDA {
                break;
            }
            at += 2 + u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        }
        markers
    }

    fn jpeg_with(segments: &[(u8, &[u8])]) -> Vec<u8> {
        let mut plain = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(image::RgbImage::from_pixel(4, 2, image::Rgb([200, 10, 10])))
            .write_to(&mut plain, ImageFormat::Jpeg)
            .unwrap();
        let plain = plain.into_inner();
        let mut out = plain[..2].to_vec();
        for (marker, body) in segments {
            out.extend_from_slice(&[0xFF, *marker]);
            out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(body);
        }
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn photos_keep_no_segment_that_can_name_anyone() {
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Ivanov</x:xmpmeta>";
        let iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x08\x1c\x02\x50\0\x03Ivn";
        let dirty = jpeg_with(&[(0xE1, xmp), (0xED, iptc), (0xFE, b"taken by Ivanov")]);
        assert!(jpeg_markers(&dirty).contains(&0xE1));
        let clean = scrub("image/jpeg", &dirty).unwrap();
        let markers = jpeg_markers(&clean);
        assert!(
            markers.iter().all(|m| !(0xE1..=0xEF).contains(m) && *m != 0xFE),
            "no APP1–APP15 or comment: {markers:x?}"
        );
        assert!(!clean.windows(6).any(|w| w == b"Ivanov"));
        let back = image::load_from_memory(&clean).unwrap();
        assert_eq!((back.width(), back.height()), (4, 2));
    }

    #[test]
    fn what_is_not_what_it_claims_is_unreadable() {
        assert_eq!(scrub("image/jpeg", b"\xFF\xD8\xFF\xE0 not really"), Err(Unreadable));
        assert_eq!(scrub("application/pdf", b"%PDF-1.7\n garbage"), Err(Unreadable));
        assert_eq!(
            scrub("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04 torn"),
            Err(Unreadable)
        );
        assert_eq!(scrub("application/x-msdownload", b"MZ"), Err(Unreadable));
    }

    #[test]
    fn odf_keeps_its_mimetype_first_and_stored_and_loses_its_author() {
        use zip::write::SimpleFileOptions;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
        w.start_file("content.xml", SimpleFileOptions::default()).unwrap();
        w.write_all(b"<office:document-content>text</office:document-content>").unwrap();
        w.start_file("Pictures/photo.jpg", SimpleFileOptions::default()).unwrap();
        w.write_all(&jpeg_with(&[(0xFE, b"taken by Ivanov")])).unwrap();
        w.start_file("meta.xml", SimpleFileOptions::default()).unwrap();
        w.write_all(b"<meta:initial-creator>Ivanov Ivan</meta:initial-creator>").unwrap();
        let odt = w.finish().unwrap().into_inner();
        let clean = scrub("application/vnd.oasis.opendocument.text", &odt).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(clean)).unwrap();
        let first = z.by_index(0).unwrap();
        assert_eq!((first.name().unwrap().as_ref(), first.compression()), ("mimetype", zip::CompressionMethod::Stored));
        drop(first);
        let mut meta = String::new();
        z.by_name("meta.xml").unwrap().read_to_string(&mut meta).unwrap();
        assert!(!meta.contains("Ivanov"), "{meta}");
        let mut content = String::new();
        z.by_name("content.xml").unwrap().read_to_string(&mut content).unwrap();
        assert!(content.contains("text"), "the document itself stays");
        let mut picture = Vec::new();
        z.by_name("Pictures/photo.jpg").unwrap().read_to_end(&mut picture).unwrap();
        assert!(!picture.windows(6).any(|w| w == b"Ivanov"), "pictures inside are cleaned too");
        assert_eq!(image::load_from_memory(&picture).unwrap().width(), 4);
    }
}
