//! Vouchers (bilag): the file behind a booking — a PDF or a photo of a receipt — kept in the
//! database itself, so a shared server has it too and a backup holds it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{BookingId, VoucherId};
use crate::text::Text;

/// The largest voucher Kvorum keeps: 10 MB (a phone's photo of a receipt is 2–5 MB).
pub const MAX_VOUCHER_BYTES: usize = 10 * 1024 * 1024;

/// A voucher as listed (its content is read only to save or open it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoucherInfo {
    pub id: VoucherId,
    pub booking: BookingId,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
}

/// The media type of a voucher's bytes, from what they are (not from the file's name): PDF,
/// JPEG, PNG, HEIC (an iPhone's photo) or WebP; anything else, or too big, is refused.
pub fn voucher_media_type(bytes: &[u8]) -> Result<&'static str, Text> {
    if bytes.is_empty() {
        return Err(Text::new("voucher-empty"));
    }
    if bytes.len() > MAX_VOUCHER_BYTES {
        return Err(Text::new("voucher-too-big").num("mb", 10));
    }
    let starts = |p: &[u8]| bytes.starts_with(p);
    if starts(b"%PDF-") {
        Ok("application/pdf")
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if starts(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok("image/png")
    } else if bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && matches!(&bytes[8..12], b"heic" | b"heix" | b"mif1" | b"heif")
    {
        Ok("image/heic")
    } else if bytes.len() > 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Ok("image/webp")
    } else {
        Err(Text::new("voucher-not-a-voucher"))
    }
}

/// A voucher's file name inside the audit package: its voucher number first, so the auditor
/// finds bilag 12 as `012-kvittering.pdf`.
pub fn packaged_name(voucher_no: &str, file_name: &str, n: usize) -> String {
    let clean: String = file_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let no: String = voucher_no
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let no = if no.chars().all(|c| c.is_ascii_digit()) {
        format!("{no:0>3}")
    } else {
        no
    };
    if n == 0 {
        format!("{no}-{clean}")
    } else {
        format!("{no}-{}-{clean}", n + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vouchers_are_known_by_their_bytes() {
        assert_eq!(voucher_media_type(b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(
            voucher_media_type(&[0xFF, 0xD8, 0xFF, 0xE0, 1]),
            Ok("image/jpeg")
        );
        assert_eq!(
            voucher_media_type(b"\0\0\0\x18ftypheic\0\0"),
            Ok("image/heic")
        );
        assert!(voucher_media_type(b"MZ\x90\0 an exe").is_err());
        assert!(voucher_media_type(b"").is_err());
        assert!(voucher_media_type(&vec![b'%'; MAX_VOUCHER_BYTES + 1]).is_err());
    }

    #[test]
    fn packaged_names_start_with_the_voucher_no() {
        assert_eq!(
            packaged_name("12", "kvittering netto.pdf", 0),
            "012-kvittering-netto.pdf"
        );
        assert_eq!(packaged_name("12", "side2.jpg", 1), "012-2-side2.jpg");
        assert_eq!(packaged_name("K-1", "x.pdf", 0), "K-1-x.pdf");
    }
}
