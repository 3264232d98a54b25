//! The embedded font and its glyph metrics, so the layout can measure text exactly as the
//! PDF will show it. Kvorum Sans is Liberation Sans 2.1.5 without its TrueType hinting, which
//! a PDF does not need (half the files' size): every glyph, metric and table else as it was,
//! renamed as the SIL OFL 1.1 asks of a changed font (`scripts/make-fonts.py`,
//! fonts/LICENSE-Liberation.txt).

use std::sync::OnceLock;

pub const REGULAR_TTF: &[u8] = include_bytes!("../fonts/KvorumSans-Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../fonts/KvorumSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
}

/// Advance widths per char for the Latin range we print, in font units.
pub struct Metrics {
    units_per_em: f32,
    advances: Vec<u16>,
    fallback: u16,
}

/// The characters kept in tables rather than maps (here and in the PDF writer): Latin,
/// Greek, Cyrillic and the punctuation and currency signs, everything a Danish document is
/// likely to hold.
pub(crate) const TABLE_SIZE: usize = 0x2100;

impl Metrics {
    fn load(bytes: &[u8]) -> Metrics {
        let face = ttf_parser::Face::parse(bytes, 0).ok();
        let Some(face) = face else {
            return Metrics {
                units_per_em: 1000.0,
                advances: vec![500; TABLE_SIZE],
                fallback: 500,
            };
        };
        let adv = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let fallback = adv('n').unwrap_or(500);
        // The characters the font's Unicode maps have, rather than a lookup for each of the
        // table's 8 448 places; the first map that has a character wins, as in
        // `Face::glyph_index`.
        let mut found: Vec<Option<u16>> = vec![None; TABLE_SIZE];
        for sub in face
            .tables()
            .cmap
            .iter()
            .flat_map(|c| c.subtables)
            .filter(|s| s.is_unicode())
        {
            sub.codepoints(|cp| {
                let Some(slot) = usize::try_from(cp).ok().and_then(|i| found.get_mut(i)) else {
                    return;
                };
                if slot.is_none() {
                    *slot = sub.glyph_index(cp).and_then(|g| face.glyph_hor_advance(g));
                }
            });
        }
        let advances = found.into_iter().map(|a| a.unwrap_or(fallback)).collect();
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            advances,
            fallback,
        }
    }

    /// Width of `text` at `size_pt`, in points.
    pub fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        self.units_pt(self.units(text), size_pt)
    }

    /// Width of `text` in font units (widths add up: the font is not kerned here).
    pub fn units(&self, text: &str) -> u32 {
        text.chars()
            .map(|c| self.char_units(c))
            .fold(0u32, u32::saturating_add)
    }

    /// Width of one character in font units.
    pub fn char_units(&self, c: char) -> u32 {
        u32::from(
            self.advances
                .get(c as usize)
                .copied()
                .unwrap_or(self.fallback),
        )
    }

    /// Font units at `size_pt`, in points.
    pub fn units_pt(&self, units: u32, size_pt: f32) -> f32 {
        units as f32 * size_pt / self.units_per_em
    }
}

pub fn metrics(style: Style) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    match style {
        Style::Regular => REGULAR.get_or_init(|| Metrics::load(REGULAR_TTF)),
        Style::Bold => BOLD.get_or_init(|| Metrics::load(BOLD_TTF)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table read from the font's maps holds, in every place, what looking the
    /// character up one by one gives.
    #[test]
    fn table_matches_lookup_per_character() {
        for (bytes, style) in [(REGULAR_TTF, Style::Regular), (BOLD_TTF, Style::Bold)] {
            let face = ttf_parser::Face::parse(bytes, 0).unwrap();
            let m = metrics(style);
            for (i, &got) in m.advances.iter().enumerate() {
                let want = char::from_u32(u32::try_from(i).unwrap())
                    .and_then(|c| face.glyph_index(c))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(m.fallback);
                assert_eq!(got, want, "U+{i:04X}");
            }
        }
    }

    #[test]
    fn measures_danish_letters() {
        let m = metrics(Style::Regular);
        let w = m.width_pt("æøå ÆØÅ", 10.0);
        assert!(w > 20.0 && w < 60.0, "{w}");
        assert!(metrics(Style::Bold).width_pt("Medlem", 10.0) > m.width_pt("Medlem", 10.0));
    }
}
