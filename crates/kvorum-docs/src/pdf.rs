//! Renders a laid-out [`Document`] with printpdf, embedding Liberation Sans (subset).

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use crate::fonts::{Style, BOLD_TTF, REGULAR_TTF};
use crate::layout::{Document, Item, A4_H, A4_W};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be read: {0}")]
    Font(String),
    #[error("the PDF could not be read: {0}")]
    Parse(String),
}

fn gray(g: f32) -> Color {
    Color::Rgb(Rgb {
        r: g,
        g,
        b: g,
        icc_profile: None,
    })
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into()
}

pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let mut warnings = Vec::new();
    let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)
        .ok_or_else(|| PdfError::Font("LiberationSans-Regular".into()))?;
    let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)
        .ok_or_else(|| PdfError::Font("LiberationSans-Bold".into()))?;
    // The fonts under fixed names instead of printpdf's random ones, so the same document
    // renders to the same bytes (approved minutes and closed accounts print identically).
    let fixed = |pdf: &mut PdfDocument, font: &ParsedFont, name: &str| {
        let random = pdf.add_font(font);
        let id = FontId(name.to_owned());
        if let Some(f) = pdf.resources.fonts.map.remove(&random) {
            pdf.resources.fonts.map.insert(id.clone(), f);
        }
        id
    };
    let regular_id = fixed(&mut pdf, &regular, "KvorumRegular");
    let bold_id = fixed(&mut pdf, &bold, "KvorumBold");
    let font = |s: Style| -> FontId {
        match s {
            Style::Regular => regular_id.clone(),
            Style::Bold => bold_id.clone(),
        }
    };

    let created = OffsetDateTime::from_unix_timestamp(doc.created_unix)
        .or_else(|_| OffsetDateTime::from_unix_timestamp(0))
        .map_err(|e| PdfError::Font(e.to_owned()))?;
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone();
    info.creator = "Kvorum".into();
    info.producer = "Kvorum (printpdf)".into();
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let pages: Vec<PdfPage> = doc
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 6);
            for item in &page.items {
                match item {
                    Item::Fill {
                        x,
                        y,
                        w,
                        h,
                        gray: g,
                    } => {
                        ops.push(Op::SetFillColor { col: gray(*g) });
                        ops.push(Op::DrawRectangle {
                            rectangle: Rect {
                                x: pt(*x),
                                y: pt(A4_H - y - h),
                                width: pt(*w),
                                height: pt(*h),
                                mode: Some(PaintMode::Fill),
                                winding_order: None,
                            },
                        });
                    }
                    Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width_pt,
                    } => {
                        ops.push(Op::SetOutlineColor { col: gray(0.2) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point::new(Mm(*x1), Mm(A4_H - y1)),
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point::new(Mm(*x2), Mm(A4_H - y2)),
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                    Item::Text {
                        x,
                        y,
                        size,
                        style,
                        text,
                    } => {
                        ops.push(Op::SetFillColor { col: gray(0.0) });
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font(*style)),
                            size: Pt(*size),
                        });
                        ops.push(Op::SetTextCursor {
                            pos: Point::new(Mm(*x), Mm(A4_H - y)),
                        });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        });
                        ops.push(Op::EndTextSection);
                    }
                }
            }
            PdfPage::new(Mm(A4_W), Mm(A4_H), ops)
        })
        .collect();
    pdf.with_pages(pages);
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut bytes = pdf.save(&opts, &mut Vec::new());
    fixed_file_id(&mut bytes);
    Ok(bytes)
}

/// The file identifier in the trailer (`/ID[(…)(…)]`), which printpdf draws at random, made
/// from the file's own bytes instead: the same letters A–P, the same length, so nothing
/// else in the file moves.
fn fixed_file_id(bytes: &mut [u8]) {
    use std::hash::{Hash, Hasher};
    const N: usize = 32;
    let Some(start) = bytes.windows(5).rposition(|w| w == b"/ID[(") else {
        return;
    };
    let a = start + 5;
    let b = a + N + 2;
    let fits = bytes.len() >= b + N + 2
        && &bytes[a + N..b] == b")("
        && &bytes[b + N..b + N + 2] == b")]"
        && bytes[a..a + N]
            .iter()
            .chain(&bytes[b..b + N])
            .all(u8::is_ascii_uppercase);
    if !fits {
        return;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes[..start].hash(&mut h);
    let first = h.finish();
    bytes[b + N..].hash(&mut h);
    let second = h.finish();
    let mut id = [b'A'; N];
    for (i, c) in id.iter_mut().enumerate() {
        let v = if i < 16 { first } else { second };
        // A 4-bit nibble, 0..=15, as a letter A..=P.
        *c = b'A' + u8::try_from((v >> ((i % 16) * 4)) & 0xF).unwrap_or(0);
    }
    bytes[a..a + N].copy_from_slice(&id);
    bytes[b..b + N].copy_from_slice(&id);
}

/// Reads a PDF's text back, one string per page (for tests and checks of what was printed).
pub fn page_texts(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let doc = printpdf::PdfDocument::parse(
        bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .map_err(PdfError::Parse)?;
    Ok(doc
        .extract_text()
        .into_iter()
        .map(|p| p.join(" "))
        .collect())
}
