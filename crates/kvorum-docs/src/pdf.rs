//! Renders a laid-out [`Document`] as PDF with pdf-writer, embedding the glyphs it uses of
//! Kvorum Sans (Liberation Sans without hinting; a subset, made with subsetter).
//!
//! The layout has three kinds of item (text, rules, grey boxes), so the PDF is written
//! directly: one content stream per page, the text of a run of lines in one text object,
//! one Type 0 font per style that text uses, with the widths and a ToUnicode map (so text
//! can be searched and copied), all compressed. Text strings use two printable bytes per
//! glyph ([`cid_for`]), which a CIDToGIDMap turns into the subset's glyph. printpdf did this
//! before; without its HTML engine it could not subset, so every PDF carried both fonts
//! whole and compressing them was half of a 23-page minutes' 80–100 ms (issue 17). Same
//! input, same bytes: the dates come from the document, the file identifier from the
//! file's own bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::{DateTime, Datelike, Timelike};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::fonts::{Style, BOLD_TTF, REGULAR_TTF, TABLE_SIZE as LOW_CHARS};
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
/// code its text strings use.
struct UsedFont {
    ps_name: String,
    program: Vec<u8>,
    /// The code of each character below U+2100 (0: not in the font), and of any above.
    cid_low: Vec<u16>,
    cid_high: BTreeMap<char, u16>,
    /// The glyphs text can show, by CID (ascending).
    glyphs: Vec<UsedGlyph>,
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bold: bool,
}

impl UsedFont {
    /// The code for `ch` in this font's text strings (`.notdef` if the font lacks it).
    fn cid(&self, ch: char) -> u16 {
        match self.cid_low.get(ch as usize) {
            Some(&cid) => cid,
            None => self.cid_high.get(&ch).copied().unwrap_or(0),
        }
    }
}

struct UsedGlyph {
    cid: u16,
    /// The glyph's id in the subset program.
    gid: u16,
    /// Advance width in 1/1000 em.
    width: f32,
    /// The character it stands for (for copying text out of the PDF).
    unicode: char,
}

pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    // The characters each style uses: a table for the common ones (a set per character
    // was a tenth of the rendering), a set for the rest.
    let mut low = [vec![false; LOW_CHARS], vec![false; LOW_CHARS]];
    let mut used: [BTreeSet<char>; 2] = [BTreeSet::new(), BTreeSet::new()];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { style, text, .. } = item {
                let i = style_index(*style);
                for ch in text.chars() {
                    match low[i].get_mut(ch as usize) {
                        Some(seen) => *seen = true,
                        None => {
                            used[i].insert(ch);
                        }
                    }
                }
            }
        }
    }
    for (set, seen) in used.iter_mut().zip(&low) {
        set.extend(
            (0u32..)
                .zip(seen)
                .filter(|(_, &s)| s)
                .filter_map(|(c, _)| char::from_u32(c)),
        );
    }
    // A style no text uses is not embedded at all.
    let fonts: [Option<UsedFont>; 2] = [
        (!used[0].is_empty())
            .then(|| subset_font(REGULAR_TTF, &used[0], "KvorumSans", false))
            .transpose()?,
        (!used[1].is_empty())
            .then(|| subset_font(BOLD_TTF, &used[1], "KvorumSans-Bold", true))
            .transpose()?,
    ];

    let mut next = Ref::new(1);
    let mut alloc = || next.bump();
    let catalog_id = alloc();
    let tree_id = alloc();
    let info_id = alloc();
    let font_ids: Vec<[Ref; 6]> = STYLES
        .iter()
        .map(|_| [alloc(), alloc(), alloc(), alloc(), alloc(), alloc()])
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
    let mut glyphs = Vec::new();
    for (page, &(page_id, content_id)) in doc.pages.iter().zip(&page_ids) {
        let mut c = Content::new();
        // What the graphics and text state hold, so an operator is written only when it
        // changes; the text of a run of lines is one text object.
        let mut fill: Option<f32> = None;
        let mut line_width: Option<f32> = None;
        let mut font: Option<(Style, f32)> = None;
        let mut in_text = false;
        for item in &page.items {
            if in_text && !matches!(item, Item::Text { .. }) {
                c.end_text();
                in_text = false;
            }
            match item {
                Item::Fill { x, y, w, h, gray } => {
                    if fill != Some(*gray) {
                        c.set_fill_gray(*gray);
                        fill = Some(*gray);
                    }
                    c.rect(pt(*x), pt(A4_H - y - h), pt(*w), pt(*h));
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
                    c.move_to(pt(*x1), pt(A4_H - y1));
                    c.line_to(pt(*x2), pt(A4_H - y2));
                    c.stroke();
                }
                Item::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                } => {
                    let Some(used) = &fonts[style_index(*style)] else {
                        continue;
                    };
                    if fill != Some(0.0) {
                        c.set_fill_gray(0.0);
                        fill = Some(0.0);
                    }
                    if !in_text {
                        c.begin_text();
                        in_text = true;
                    }
                    if font != Some((*style, *size)) {
                        c.set_font(font_name(*style), *size);
                        font = Some((*style, *size));
                    }
                    glyphs.clear();
                    for ch in text.chars() {
                        glyphs.extend_from_slice(&used.cid(ch).to_be_bytes());
                    }
                    c.set_text_matrix([1.0, 0.0, 0.0, 1.0, pt(*x), pt(A4_H - y)]);
                    c.show(Str(&glyphs));
                }
            }
        }
        if in_text {
            c.end_text();
        }
        let stream = z.deflate(&c.finish());
        pdf.stream(content_id, &stream).filter(Filter::FlateDecode);
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(tree_id)
            .contents(content_id);
        let mut resources = p.resources();
        let mut fonts_dict = resources.fonts();
        for ((style, ids), used) in STYLES.iter().zip(&font_ids).zip(&fonts) {
            if used.is_some() {
                fonts_dict.pair(font_name(*style), ids[0]);
            }
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
        let Some(font) = font else { continue };
        let [type0_id, cid_id, descriptor_id, cmap_id, file_id, gid_map_id] = *ids;
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
            .cid_to_gid_map_stream(gid_map_id);
        let mut widths = cid.widths();
        // Runs of consecutive CIDs share one entry.
        let mut run: Vec<f32> = Vec::new();
        let mut run_start = 0u16;
        for (i, glyph) in font.glyphs.iter().enumerate() {
            let continues = i > 0 && font.glyphs[i - 1].cid.checked_add(1) == Some(glyph.cid);
            if !continues && !run.is_empty() {
                widths.consecutive(run_start, run.drain(..));
            }
            if run.is_empty() {
                run_start = glyph.cid;
            }
            run.push(glyph.width);
        }
        if !run.is_empty() {
            widths.consecutive(run_start, run.drain(..));
        }
        widths.finish();
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
        for g in &font.glyphs {
            cmap.pair(g.cid, g.unicode);
        }
        let cmap = z.deflate(&cmap.finish());
        pdf.cmap(cmap_id, &cmap).filter(Filter::FlateDecode);
        // CIDToGIDMap: for every CID up to the highest, the glyph it shows (two bytes each).
        let top = font.glyphs.last().map_or(0, |g| usize::from(g.cid));
        let mut map = vec![0u8; 2 * (top + 1)];
        for g in &font.glyphs {
            let at = 2 * usize::from(g.cid);
            map[at..at + 2].copy_from_slice(&g.gid.to_be_bytes());
        }
        let map = z.deflate(&map);
        pdf.stream(gid_map_id, &map).filter(Filter::FlateDecode);
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

/// Millimetres from the page's edge as points, to 1/100 pt (1/280 mm: nothing a printer
/// shows, and "62.36" instead of "62.362206" in every operator).
fn pt(mm: f32) -> f32 {
    (mm * PT_PER_MM * 100.0).round() / 100.0
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

/// The bytes a literal string in a content stream carries as themselves: printable ASCII
/// but the delimiters `(`, `)` and `\`, which would need an escape.
const PLAIN: [u8; 92] = {
    let mut out = [0u8; 92];
    let (mut b, mut i) = (b' ', 0);
    while b <= b'~' {
        if b != b'(' && b != b')' && b != b'\\' {
            out[i] = b;
            i += 1;
        }
        b += 1;
    }
    out
};

/// The code a text string uses for the `n`-th glyph of a subset (from 0, `.notdef` not
/// counted): two plain bytes, so a line of text costs two bytes a letter in the content
/// stream instead of up to eight (`\000\022`) with the glyph ids as codes. The CIDFont's
/// CIDToGIDMap turns the code back into the glyph. `None` past 92 × 92 glyphs, more than
/// the font has.
fn cid_for(n: usize) -> Option<u16> {
    let hi = *PLAIN.get(n / PLAIN.len())?;
    let lo = PLAIN[n % PLAIN.len()];
    Some(u16::from_be_bytes([hi, lo]))
}
/// The font cut down to the glyphs `chars` need, with subsetter (typst's subsetter for PDF:
/// it keeps `.notdef` first, adds the parts of composite glyphs such as å, and leaves out the
/// tables a PDF does not use). The face is named with the subset tag the PDF standard asks
/// for (ISO 32000-1, 9.6.4): six capitals derived from the glyph set, so the same document
/// gets the same name.
fn subset_font(
    ttf: &[u8],
    chars: &BTreeSet<char>,
    ps_name: &str,
    bold: bool,
) -> Result<UsedFont, PdfError> {
    let broken = |e: &dyn std::fmt::Display| PdfError::Font(format!("{ps_name}: {e}"));
    let face = ttf_parser::Face::parse(ttf, 0).map_err(|e| broken(&e))?;
    let mut remapper = subsetter::GlyphRemapper::new();
    // The characters in order, so the same text gives the same subset.
    let of_char: Vec<(char, u16)> = chars
        .iter()
        .filter_map(|&c| face.glyph_index(c).map(|g| (c, g.0)))
        .filter(|&(_, g)| g != 0)
        .collect();
    let mut glyphs: Vec<UsedGlyph> = Vec::new();
    let mut cid_low = vec![0u16; LOW_CHARS];
    let mut cid_high = BTreeMap::new();
    let mut cid_of_glyph: BTreeMap<u16, u16> = BTreeMap::new();
    let em = f32::from(face.units_per_em());
    let scale = |v: f32| v * 1000.0 / em;
    for &(c, old) in &of_char {
        let cid = match cid_of_glyph.get(&old) {
            Some(&cid) => cid,
            None => {
                let Some(cid) = cid_for(glyphs.len()) else {
                    continue;
                };
                // The first character that maps to a glyph is the one copying gives back.
                glyphs.push(UsedGlyph {
                    cid,
                    gid: remapper.remap(old),
                    width: scale(f32::from(
                        face.glyph_hor_advance(ttf_parser::GlyphId(old))
                            .unwrap_or(0),
                    )),
                    unicode: c,
                });
                cid_of_glyph.insert(old, cid);
                cid
            }
        };
        match cid_low.get_mut(c as usize) {
            Some(slot) => *slot = cid,
            None => {
                cid_high.insert(c, cid);
            }
        }
    }
    let program = subsetter::subset(ttf, 0, &remapper).map_err(|e| broken(&e))?;
    let b = face.global_bounding_box();
    // The glyph ids' hash, as letters A–Z.
    let h = fnv1a(remapper.remapped_gids().flat_map(u16::to_be_bytes));
    let tag: String = (0..6)
        .map(|i| char::from(b'A' + u8::try_from((h >> (i * 8)) % 26).unwrap_or(0)))
        .collect();
    Ok(UsedFont {
        ps_name: format!("{tag}+{ps_name}"),
        program,
        cid_low,
        cid_high,
        glyphs,
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

/// Reads a PDF's text back, one string per page (for tests and checks of what was printed):
/// the page's lines joined by single spaces (printpdf ends a line of a text object with a
/// line break, and the lines of separate objects with nothing).
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
        .map(|p| p.join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect())
}
