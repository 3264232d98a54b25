//! Renders a laid-out [`Document`] as PDF with pdf-writer, embedding the glyphs it uses of
//! Liberation Sans (a subset, made with allsorts).
//!
//! The layout has three kinds of item (text, rules, grey boxes), so the PDF is written
//! directly: one content stream per page, one Type 0 font per style with the widths and a
//! ToUnicode map (so text can be searched and copied), all compressed. printpdf did this
//! before; without its HTML engine it could not subset, so every PDF carried both fonts
//! whole and compressing them was half of a 23-page minutes' 80–100 ms (issue 17). Same input, same bytes:
//! the dates come from the document, the file identifier from the file's own bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::{DateTime, Datelike, Timelike};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::fonts::{Style, BOLD_TTF, REGULAR_TTF};
use crate::layout::{Document, Item, A4_H, A4_W, PT_PER_MM};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be read: {0}")]
    Font(String),
    #[error("the PDF could not be read: {0}")]
    Parse(String),
}

const STYLES: [Style; 2] = [Style::Regular, Style::Bold];

fn style_index(s: Style) -> usize {
    usize::from(s == Style::Bold)
}

/// One style's font as the document uses it: the subset program and, per character, the
/// glyph id in that subset.
struct UsedFont {
    ps_name: String,
    program: Vec<u8>,
    gid_of: BTreeMap<char, u16>,
    /// Advance widths in 1/1000 em, by subset glyph id.
    widths: Vec<f32>,
    /// The character each subset glyph stands for (for copying text out of the PDF).
    unicode: Vec<(u16, char)>,
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bold: bool,
}

pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut used: [BTreeSet<char>; 2] = [BTreeSet::new(), BTreeSet::new()];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { style, text, .. } = item {
                used[style_index(*style)].extend(text.chars());
            }
        }
    }
    let fonts = [
        subset_font(REGULAR_TTF, &used[0], "LiberationSans", false)?,
        subset_font(BOLD_TTF, &used[1], "LiberationSans-Bold", true)?,
    ];

    let mut next = Ref::new(1);
    let mut alloc = || next.bump();
    let catalog_id = alloc();
    let tree_id = alloc();
    let info_id = alloc();
    let font_ids: Vec<[Ref; 5]> = STYLES
        .iter()
        .map(|_| [alloc(), alloc(), alloc(), alloc(), alloc()])
        .collect();
    let page_ids: Vec<(Ref, Ref)> = doc.pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut z = Deflater::new();
    let mut pdf = Pdf::with_capacity(64 * 1024);
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));

    let font_name = |s: Style| Name(if s == Style::Bold { b"F2" } else { b"F1" });
    let (w, h) = (A4_W * PT_PER_MM, A4_H * PT_PER_MM);
    for (page, &(page_id, content_id)) in doc.pages.iter().zip(&page_ids) {
        let mut c = Content::new();
        // What the graphics state holds, so an operator is written only when it changes.
        let mut fill: Option<f32> = None;
        let mut line_width: Option<f32> = None;
        for item in &page.items {
            match item {
                Item::Fill { x, y, w, h, gray } => {
                    if fill != Some(*gray) {
                        c.set_fill_gray(*gray);
                        fill = Some(*gray);
                    }
                    c.rect(
                        x * PT_PER_MM,
                        (A4_H - y - h) * PT_PER_MM,
                        w * PT_PER_MM,
                        h * PT_PER_MM,
                    );
                    c.fill_nonzero();
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width_pt,
                } => {
                    if line_width.is_none() {
                        c.set_stroke_gray(0.2);
                    }
                    if line_width != Some(*width_pt) {
                        c.set_line_width(*width_pt);
                        line_width = Some(*width_pt);
                    }
                    c.move_to(x1 * PT_PER_MM, (A4_H - y1) * PT_PER_MM);
                    c.line_to(x2 * PT_PER_MM, (A4_H - y2) * PT_PER_MM);
                    c.stroke();
                }
                Item::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                } => {
                    if fill != Some(0.0) {
                        c.set_fill_gray(0.0);
                        fill = Some(0.0);
                    }
                    let font = &fonts[style_index(*style)];
                    let mut glyphs = Vec::with_capacity(text.len() * 2);
                    for ch in text.chars() {
                        let gid = font.gid_of.get(&ch).copied().unwrap_or(0);
                        glyphs.extend_from_slice(&gid.to_be_bytes());
                    }
                    c.begin_text();
                    c.set_font(font_name(*style), *size);
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x * PT_PER_MM, (A4_H - y) * PT_PER_MM]);
                    c.show(Str(&glyphs));
                    c.end_text();
                }
            }
        }
        let stream = z.deflate(&c.finish());
        pdf.stream(content_id, &stream).filter(Filter::FlateDecode);
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(tree_id)
            .contents(content_id);
        let mut resources = p.resources();
        let mut fonts_dict = resources.fonts();
        for (style, ids) in STYLES.iter().zip(&font_ids) {
            fonts_dict.pair(font_name(*style), ids[0]);
        }
        fonts_dict.finish();
        resources.finish();
        p.finish();
    }

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    for (font, ids) in fonts.iter().zip(&font_ids) {
        let [type0_id, cid_id, descriptor_id, cmap_id, file_id] = *ids;
        let name = Name(font.ps_name.as_bytes());
        pdf.type0_font(type0_id)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);
        let mut cid = pdf.cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(system_info)
            .font_descriptor(descriptor_id)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, font.widths.iter().copied());
        cid.finish();
        let mut flags = FontFlags::NON_SYMBOLIC;
        if font.bold {
            flags |= FontFlags::FORCE_BOLD;
        }
        pdf.font_descriptor(descriptor_id)
            .name(name)
            .flags(flags)
            .bbox(font.bbox)
            .italic_angle(0.0)
            .ascent(font.ascent)
            .descent(font.descent)
            .cap_height(font.cap_height)
            .stem_v(if font.bold { 140.0 } else { 80.0 })
            .font_file2(file_id);
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for &(gid, ch) in &font.unicode {
            cmap.pair(gid, ch);
        }
        let cmap = z.deflate(&cmap.finish());
        pdf.cmap(cmap_id, &cmap).filter(Filter::FlateDecode);
        let program = z.deflate(&font.program);
        pdf.stream(file_id, &program)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(font.program.len()).unwrap_or(i32::MAX),
            );
    }

    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&doc.title))
        .author(TextStr(&doc.author))
        .creator(TextStr("Kvorum"))
        .producer(TextStr("Kvorum (pdf-writer)"));
    if let Some(t) = DateTime::from_timestamp(doc.created_unix, 0) {
        let two = |v: u32| u8::try_from(v).unwrap_or(0);
        let date = pdf_writer::Date::new(u16::try_from(t.year()).unwrap_or(0))
            .month(two(t.month()))
            .day(two(t.day()))
            .hour(two(t.hour()))
            .minute(two(t.minute()))
            .second(two(t.second()))
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        info.creation_date(date).modified_date(date);
    }
    info.finish();
    // The file identifier from everything written so far: the same document, the same id.
    let id = file_id(pdf.as_bytes());
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// One compressor for all of a document's streams, reset between them rather than set up
/// again (each set-up zeroes its tables: 5 % of the minutes' instructions).
struct Deflater(flate2::write::ZlibEncoder<Vec<u8>>);

impl Deflater {
    fn new() -> Deflater {
        Deflater(flate2::write::ZlibEncoder::new(
            Vec::new(),
            flate2::Compression::new(DEFLATE_LEVEL),
        ))
    }

    fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        // Writing into a Vec cannot fail.
        let _ = self.0.write_all(data);
        let _ = self.0.try_finish();
        self.0
            .reset(Vec::with_capacity(data.len() / 3))
            .unwrap_or_default()
    }
}

/// zlib's default level. Measured on the 23-page minutes: level 1 saves 11 % of the
/// process's instructions but doubles the file (123 KB against 63 KB); level 3 is 73 KB.
const DEFLATE_LEVEL: u32 = 6;

/// 16 bytes from the document's bytes (FNV-1a forwards and backwards).
fn file_id(bytes: &[u8]) -> Vec<u8> {
    let a = fnv1a(bytes.iter().copied());
    let b = fnv1a(bytes.iter().rev().copied());
    [a.to_be_bytes(), b.to_be_bytes()].concat()
}

/// FNV-1a: a stable hash (the same in every build), for names and ids that must not move.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The font cut down to the glyphs `chars` need (and `.notdef`, which must come first).
///
/// allsorts keeps the glyphs in the order given, so a glyph's id in the subset is its
/// place in that list. The face is named with the subset tag the PDF standard asks for
/// (ISO 32000-1, 9.6.4): six capitals derived from the glyph set, so the same document
/// gets the same name.
fn subset_font(
    ttf: &[u8],
    chars: &BTreeSet<char>,
    ps_name: &str,
    bold: bool,
) -> Result<UsedFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let broken = |e: &dyn std::fmt::Display| PdfError::Font(format!("{ps_name}: {e}"));
    let face = ttf_parser::Face::parse(ttf, 0).map_err(|e| broken(&e))?;
    let of_char: BTreeMap<char, u16> = chars
        .iter()
        .filter_map(|&c| face.glyph_index(c).map(|g| (c, g.0)))
        .collect();
    let glyphs: BTreeSet<u16> = of_char.values().copied().filter(|&g| g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let new_id: BTreeMap<u16, u16> = ids
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, u16::try_from(i).unwrap_or(0)))
        .collect();
    let font_file = ReadScope::new(ttf)
        .read::<FontData<'_>>()
        .map_err(|e| broken(&e))?;
    let provider = font_file.table_provider(0).map_err(|e| broken(&e))?;
    let program = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| broken(&e))?;

    let em = f32::from(face.units_per_em());
    let scale = |v: f32| v * 1000.0 / em;
    let widths = ids
        .iter()
        .map(|&g| {
            scale(f32::from(
                face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0),
            ))
        })
        .collect();
    let gid_of: BTreeMap<char, u16> = of_char
        .iter()
        .map(|(&c, g)| (c, new_id.get(g).copied().unwrap_or(0)))
        .collect();
    // One character per glyph: the first that maps to it.
    let mut unicode: BTreeMap<u16, char> = BTreeMap::new();
    for (&c, &g) in &gid_of {
        unicode.entry(g).or_insert(c);
    }
    let b = face.global_bounding_box();
    // The glyph ids' hash, as letters A–Z.
    let h = fnv1a(ids.iter().flat_map(|id| id.to_be_bytes()));
    let tag: String = (0..6)
        .map(|i| char::from(b'A' + u8::try_from((h >> (i * 8)) % 26).unwrap_or(0)))
        .collect();
    Ok(UsedFont {
        ps_name: format!("{tag}+{ps_name}"),
        program,
        gid_of,
        widths,
        unicode: unicode.into_iter().collect(),
        bbox: Rect::new(
            scale(f32::from(b.x_min)),
            scale(f32::from(b.y_min)),
            scale(f32::from(b.x_max)),
            scale(f32::from(b.y_max)),
        ),
        ascent: scale(f32::from(face.ascender())),
        descent: scale(f32::from(face.descender())),
        cap_height: scale(f32::from(face.capital_height().unwrap_or(face.ascender()))),
        bold,
    })
}

/// Reads a PDF's text back, one string per page (for tests and checks of what was printed).
#[cfg(feature = "read-back")]
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
