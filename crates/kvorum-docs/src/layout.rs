//! Pure layout: A4 pages of positioned text, rules and shaded boxes, measured with the
//! embedded font. Coordinates are millimetres from the page's top-left corner.

use crate::fonts::{metrics, Style};

pub const A4_W: f32 = 210.0;
pub const A4_H: f32 = 297.0;
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
    },
    /// A filled box in grey (0 = black, 1 = white).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A laid-out document, ready for any renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub author: String,
    /// When the document was made, as seconds since the Unix epoch (written into the PDF's
    /// metadata so the same input always carries the same dates).
    pub created_unix: i64,
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One table column: heading, width in mm, alignment.
#[derive(Debug, Clone)]
pub struct Column {
    pub heading: String,
    pub width: f32,
    pub align: Align,
}

/// Cuts `text` to fit `max_pt`, ending in "…" when it had to be cut.
pub fn fit(text: &str, size: f32, style: Style, max_pt: f32) -> String {
    let m = metrics(style);
    if m.width_pt(text, size) <= max_pt {
        return text.to_owned();
    }
    let mut out = String::new();
    for ch in text.chars() {
        out.push(ch);
        if m.width_pt(&out, size) + m.width_pt("…", size) > max_pt {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// Splits `text` into lines no wider than `max_pt`, breaking at spaces.
pub fn wrap(text: &str, size: f32, style: Style, max_pt: f32) -> Vec<String> {
    let m = metrics(style);
    let space = m.units(" ");
    let mut lines = Vec::new();
    for para in text.split('\n') {
        // The line's width is kept as it grows (in font units, which add up exactly), and a
        // word is measured as it is found: one pass over the paragraph's characters.
        let mut line = String::new();
        let mut width = 0u32;
        let mut start: Option<usize> = None;
        let mut growing = 0u32;
        // A space after the paragraph ends its last word.
        for (i, ch) in para
            .char_indices()
            .chain(std::iter::once((para.len(), ' ')))
        {
            if !ch.is_whitespace() {
                start.get_or_insert(i);
                growing = growing.saturating_add(m.char_units(ch));
                continue;
            }
            let Some(s) = start.take() else {
                continue;
            };
            let word = &para[s..i];
            let w = std::mem::take(&mut growing);
            if line.is_empty() {
                line.push_str(word);
                width = w;
            } else if m.units_pt(width.saturating_add(space).saturating_add(w), size) <= max_pt {
                line.push(' ');
                line.push_str(word);
                width = width.saturating_add(space).saturating_add(w);
            } else {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
                width = w;
            }
        }
        lines.push(line);
    }
    lines
}

/// One table row's text items: each cell cut to its column and aligned in it.
fn cells(
    columns: &[Column],
    texts: &[&str],
    x0: f32,
    baseline: f32,
    size: f32,
    style: Style,
) -> Vec<Item> {
    const PAD: f32 = 1.2;
    let mut x = x0;
    let mut items = Vec::with_capacity(columns.len());
    for (c, cell) in columns.iter().zip(texts) {
        let text = fit(cell, size, style, (c.width - 2.0 * PAD) * PT_PER_MM);
        let tx = match c.align {
            Align::Left => x + PAD,
            Align::Right => x + c.width - PAD - metrics(style).width_pt(&text, size) / PT_PER_MM,
        };
        if !text.is_empty() {
            items.push(Item::Text {
                x: tx,
                y: baseline,
                size,
                style,
                text,
            });
        }
        x += c.width;
    }
    items
}

/// Page furniture every document shares: margins, running header, footer.
pub struct Frame {
    pub margin_x: f32,
    pub top: f32,
    pub bottom: f32,
    /// Left of the running header (the association's name).
    pub header_left: String,
    /// Right of the running header (the document's title).
    pub header_right: String,
    /// Left of the footer, e.g. "Udskrevet 22.11.2026".
    pub footer_left: String,
}

impl Frame {
    pub fn content_width(&self) -> f32 {
        A4_W - 2.0 * self.margin_x
    }
}

/// Builds pages top to bottom, starting a new page when the next block does not fit.
pub struct Flow {
    frame: Frame,
    pages: Vec<Page>,
    y: f32,
    /// Pages (by index) where "Side x af y" starts again: each letter of a mail merge.
    restarts: Vec<usize>,
}

impl Flow {
    pub fn new(frame: Frame) -> Self {
        let mut f = Flow {
            y: frame.top,
            frame,
            pages: Vec::new(),
            restarts: vec![0],
        };
        f.new_page();
        f
    }

    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn new_page(&mut self) {
        let f = &self.frame;
        let header_y = f.top - 8.0;
        let mut page = Page::default();
        page.items.push(Item::Text {
            x: f.margin_x,
            y: header_y,
            size: 8.5,
            style: Style::Bold,
            text: f.header_left.clone(),
        });
        let w = metrics(Style::Regular).width_pt(&f.header_right, 8.5) / PT_PER_MM;
        page.items.push(Item::Text {
            x: A4_W - f.margin_x - w,
            y: header_y,
            size: 8.5,
            style: Style::Regular,
            text: f.header_right.clone(),
        });
        page.items.push(Item::Line {
            x1: f.margin_x,
            y1: header_y + 2.0,
            x2: A4_W - f.margin_x,
            y2: header_y + 2.0,
            width_pt: 0.5,
        });
        self.pages.push(page);
        self.y = self.frame.top;
    }

    /// Starts a new page whose numbering starts again at 1 (the next letter).
    pub fn new_document(&mut self) {
        self.new_page();
        self.restarts.push(self.pages.len() - 1);
    }

    /// Room left on this page, in mm.
    pub fn room(&self) -> f32 {
        A4_H - self.frame.bottom - self.y
    }

    /// Ensures `h` mm fit on the page, starting a new one if not. Returns true if it broke.
    pub fn need(&mut self, h: f32) -> bool {
        if self.room() < h {
            self.new_page();
            true
        } else {
            false
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// A paragraph, wrapped to the content width.
    pub fn paragraph(&mut self, text: &str, size: f32, style: Style) {
        self.paragraph_indented(text, size, style, 0.0);
    }

    /// A paragraph starting `indent` mm in from the margin.
    pub fn paragraph_indented(&mut self, text: &str, size: f32, style: Style, indent: f32) {
        let line_h = size * 1.35 / PT_PER_MM;
        let max = (self.frame.content_width() - indent) * PT_PER_MM;
        for line in wrap(text, size, style, max) {
            self.need(line_h);
            self.y += line_h;
            let (x, y) = (self.frame.margin_x + indent, self.y - line_h * 0.25);
            self.page().items.push(Item::Text {
                x,
                y,
                size,
                style,
                text: line,
            });
        }
    }

    /// One line set flush right (a letter's sender block and date); cut to the width.
    pub fn paragraph_right(&mut self, text: &str, size: f32, style: Style) {
        let line_h = size * 1.35 / PT_PER_MM;
        let line = fit(text, size, style, self.frame.content_width() * PT_PER_MM);
        let w = metrics(style).width_pt(&line, size) / PT_PER_MM;
        self.need(line_h);
        self.y += line_h;
        let (x, y) = (A4_W - self.frame.margin_x - w, self.y - line_h * 0.25);
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            style,
            text: line,
        });
    }

    /// A paragraph with a label hanging in the margin before it: "4." then the item text.
    pub fn hanging(&mut self, label: &str, text: &str, size: f32, style: Style, indent: f32) {
        let line_h = size * 1.35 / PT_PER_MM;
        self.need(line_h);
        let (x, y) = (self.frame.margin_x, self.y + line_h * 0.75);
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            style,
            text: label.to_owned(),
        });
        self.paragraph_indented(text, size, style, indent);
    }

    /// A paragraph in a shaded box with a bar on its left, kept on one page (a decision).
    pub fn boxed(&mut self, text: &str, size: f32, style: Style) {
        const PAD: f32 = 2.5;
        let line_h = size * 1.35 / PT_PER_MM;
        let max = (self.frame.content_width() - 2.0 * PAD - 1.0) * PT_PER_MM;
        let lines = wrap(text, size, style, max);
        let h = line_h * lines.len() as f32 + 2.0 * PAD;
        self.need(h);
        let (x0, y0, w) = (self.frame.margin_x, self.y, self.frame.content_width());
        let page = self.page();
        page.items.push(Item::Fill {
            x: x0,
            y: y0,
            w,
            h,
            gray: 0.92,
        });
        page.items.push(Item::Fill {
            x: x0,
            y: y0,
            w: 1.0,
            h,
            gray: 0.2,
        });
        for (i, line) in lines.into_iter().enumerate() {
            page.items.push(Item::Text {
                x: x0 + 1.0 + PAD,
                y: y0 + PAD + line_h * (i as f32 + 1.0) - line_h * 0.25,
                size,
                style,
                text: line,
            });
        }
        self.y += h;
    }

    /// Signature lines side by side, two to a row: a line to sign on, the name under it,
    /// then the role and the date.
    pub fn signatures(&mut self, signers: &[(String, String)], date_line: &str) {
        let w = self.frame.content_width();
        let col_w = (w - 12.0) / 2.0;
        for pair in signers.chunks(2) {
            self.need(32.0);
            self.gap(16.0);
            let y = self.y;
            let x0 = self.frame.margin_x;
            let page = self.page();
            for (i, (role, name)) in pair.iter().enumerate() {
                let x = x0 + i as f32 * (col_w + 12.0);
                page.items.push(Item::Line {
                    x1: x,
                    y1: y,
                    x2: x + col_w,
                    y2: y,
                    width_pt: 0.6,
                });
                for (k, (text, style)) in [
                    (name.clone(), Style::Bold),
                    (role.clone(), Style::Regular),
                    (date_line.to_owned(), Style::Regular),
                ]
                .into_iter()
                .enumerate()
                {
                    page.items.push(Item::Text {
                        x,
                        y: y + 4.5 + 4.5 * k as f32,
                        size: 9.5,
                        style,
                        text,
                    });
                }
            }
            self.y += 16.0;
        }
    }

    /// A table whose header row is repeated on every page it runs onto. Cells that are
    /// too wide are cut with "…" (the row height is fixed so 5 000 rows stay fast).
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        self.table_rows(columns, rows, size, size * 1.6 / PT_PER_MM);
    }

    /// A table with rows `row_h` mm high (room to sign in, on an attendance sheet).
    pub fn table_rows(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32, row_h: f32) {
        self.table_styled(columns, rows, size, row_h, &|_| Style::Regular);
    }

    /// A financial statement: a row whose first cell is not indented (a heading, a total,
    /// the result) in bold; the items under a heading indented with spaces.
    pub fn statement_table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        let bold = |row: &[String]| {
            if row.first().is_some_and(|c| c.starts_with(' ')) {
                Style::Regular
            } else {
                Style::Bold
            }
        };
        self.table_styled(columns, rows, size, size * 1.6 / PT_PER_MM, &bold);
    }

    fn table_styled(
        &mut self,
        columns: &[Column],
        rows: &[Vec<String>],
        size: f32,
        row_h: f32,
        style: &dyn Fn(&[String]) -> Style,
    ) {
        let head_h = size * 1.6 / PT_PER_MM;
        let x0 = self.frame.margin_x;
        let total_w: f32 = columns.iter().map(|c| c.width).sum();
        // A table without headings has no header row (not an empty grey band).
        let headed = columns.iter().any(|c| !c.heading.trim().is_empty());
        let header = |flow: &mut Flow| {
            if !headed {
                return;
            }
            let y = flow.y;
            let page = flow.page();
            page.items.push(Item::Fill {
                x: x0,
                y,
                w: total_w,
                h: head_h,
                gray: 0.88,
            });
            let headings: Vec<&str> = columns.iter().map(|c| c.heading.as_str()).collect();
            let baseline = y + head_h * 0.7;
            page.items
                .extend(cells(columns, &headings, x0, baseline, size, Style::Bold));
            flow.y += head_h;
        };
        self.need(if headed { head_h } else { 0.0 } + row_h);
        header(self);
        for (i, row) in rows.iter().enumerate() {
            if self.need(row_h) {
                header(self);
            }
            let y = self.y;
            let page = self.page();
            if i % 2 == 1 {
                page.items.push(Item::Fill {
                    x: x0,
                    y,
                    w: total_w,
                    h: row_h,
                    gray: 0.96,
                });
            }
            let texts: Vec<&str> = row.iter().map(String::as_str).collect();
            let baseline = y + row_h - head_h * 0.3;
            page.items
                .extend(cells(columns, &texts, x0, baseline, size, style(row)));
            self.y += row_h;
        }
        let y = self.y;
        self.page().items.push(Item::Line {
            x1: x0,
            y1: y,
            x2: x0 + total_w,
            y2: y,
            width_pt: 0.5,
        });
    }

    /// A horizontal bar chart, kept on one page: per row a label, a light bar that is the
    /// line's budget (every budget the same length, so small lines read as well as big ones)
    /// and a dark bar for the actual share of it, running past the budget's end (in black) when
    /// it is overrun; the percentage after the bars. Negative values count as 0.
    pub fn bar_chart(&mut self, rows: &[(String, i64, i64)], label_w: f32) {
        const BAR_H: f32 = 4.2;
        const ROW_H: f32 = 7.0;
        let h = ROW_H * rows.len() as f32 + 10.0;
        self.need(h);
        let x0 = self.frame.margin_x;
        let bar_x = x0 + label_w;
        let full = self.frame.content_width() - label_w - 16.0;
        // The budget is 80 % of the room, leaving a quarter more for overruns.
        let bar_w = full * 0.8;
        let scale = |v: i64, budget: i64| {
            if budget <= 0 {
                if v > 0 {
                    full
                } else {
                    0.0
                }
            } else {
                ((v.max(0) as f64 / budget as f64).min(1.25) * f64::from(bar_w)) as f32
            }
        };
        let top = self.y;
        let page = self.page();
        for (i, (label, budget, actual)) in rows.iter().enumerate() {
            let y = top + ROW_H * i as f32 + 1.0;
            page.items.push(Item::Text {
                x: x0,
                y: y + BAR_H - 0.6,
                size: 8.5,
                style: Style::Regular,
                text: fit(label, 8.5, Style::Regular, (label_w - 2.0) * PT_PER_MM),
            });
            page.items.push(Item::Fill {
                x: bar_x,
                y,
                w: if *budget > 0 { bar_w } else { 0.3 },
                h: BAR_H,
                gray: 0.82,
            });
            page.items.push(Item::Fill {
                x: bar_x,
                y: y + 1.0,
                w: scale(*actual, *budget),
                h: BAR_H - 2.0,
                gray: if actual > budget { 0.0 } else { 0.3 },
            });
            let pct = if *budget > 0 {
                let (a, b) = (i128::from(*actual), i128::from(*budget));
                format!("{} %", (a * 100 + b / 2) / b)
            } else {
                "—".to_owned()
            };
            page.items.push(Item::Text {
                x: bar_x + full + 2.0,
                y: y + BAR_H - 0.6,
                size: 8.5,
                style: Style::Regular,
                text: pct,
            });
        }
        let ly = top + ROW_H * rows.len() as f32 + 3.0;
        page.items.push(Item::Fill {
            x: bar_x,
            y: ly,
            w: 6.0,
            h: 3.0,
            gray: 0.82,
        });
        page.items.push(Item::Text {
            x: bar_x + 7.5,
            y: ly + 2.6,
            size: 8.0,
            style: Style::Regular,
            text: "Budget (100 %)".into(),
        });
        page.items.push(Item::Fill {
            x: bar_x + 34.0,
            y: ly + 0.5,
            w: 6.0,
            h: 2.0,
            gray: 0.3,
        });
        page.items.push(Item::Text {
            x: bar_x + 41.5,
            y: ly + 2.6,
            size: 8.0,
            style: Style::Regular,
            text: "Faktisk (sort: over budget)".into(),
        });
        self.y = top + h;
    }

    /// A line chart of cumulative spending per month (thick) against an even pace (thin),
    /// kept on one page; `labels` are the months, values in øre with `None` for months to come.
    pub fn pace_chart(&mut self, labels: &[String], actual: &[Option<i64>], even: &[i64]) {
        const H: f32 = 48.0;
        self.need(H + 16.0);
        let x0 = self.frame.margin_x + 22.0;
        let w = self.frame.content_width() - 24.0;
        let top = self.y + 2.0;
        let n = labels.len().max(1);
        let max = even
            .iter()
            .copied()
            .chain(actual.iter().flatten().copied())
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let xs = |i: usize| x0 + w * (i as f32 + 1.0) / n as f32;
        let ys = |v: i64| top + H - (v.max(0) as f64 / max * f64::from(H)) as f32;
        let page = self.page();
        for k in 0..=4 {
            let v = (max * f64::from(k) / 4.0) as i64;
            let y = ys(v);
            page.items.push(Item::Line {
                x1: x0,
                y1: y,
                x2: x0 + w,
                y2: y,
                width_pt: 0.2,
            });
            let label = kvorum_core::Money(v).format_number();
            let label = label.split(',').next().unwrap_or("").to_owned();
            let lw = metrics(Style::Regular).width_pt(&label, 7.0) / PT_PER_MM;
            page.items.push(Item::Text {
                x: x0 - 1.5 - lw,
                y: y + 1.0,
                size: 7.0,
                style: Style::Regular,
                text: label,
            });
        }
        for (i, l) in labels.iter().enumerate() {
            let lw = metrics(Style::Regular).width_pt(l, 7.0) / PT_PER_MM;
            page.items.push(Item::Text {
                x: xs(i) - lw / 2.0,
                y: top + H + 4.0,
                size: 7.0,
                style: Style::Regular,
                text: l.clone(),
            });
        }
        let mut prev = (x0, ys(0));
        for (i, v) in even.iter().enumerate() {
            let p = (xs(i), ys(*v));
            page.items.push(Item::Line {
                x1: prev.0,
                y1: prev.1,
                x2: p.0,
                y2: p.1,
                width_pt: 0.6,
            });
            prev = p;
        }
        let mut prev = (x0, ys(0));
        for (i, v) in actual.iter().enumerate() {
            let Some(v) = v else { break };
            let p = (xs(i), ys(*v));
            page.items.push(Item::Line {
                x1: prev.0,
                y1: prev.1,
                x2: p.0,
                y2: p.1,
                width_pt: 2.0,
            });
            page.items.push(Item::Fill {
                x: p.0 - 0.8,
                y: p.1 - 0.8,
                w: 1.6,
                h: 1.6,
                gray: 0.0,
            });
            prev = p;
        }
        let ly = top + H + 9.0;
        for (k, (label, width)) in [("Forbrug", 2.0), ("Jævnt forbrug", 0.6)]
            .into_iter()
            .enumerate()
        {
            let x = x0 + 45.0 * k as f32;
            page.items.push(Item::Line {
                x1: x,
                y1: ly,
                x2: x + 8.0,
                y2: ly,
                width_pt: width,
            });
            page.items.push(Item::Text {
                x: x + 10.0,
                y: ly + 1.1,
                size: 8.0,
                style: Style::Regular,
                text: label.into(),
            });
        }
        self.y = top + H + 13.0;
    }

    /// Finishes the document: adds "Side x af y" to every footer.
    pub fn finish(mut self, title: &str, author: &str, created_unix: i64) -> Document {
        let total = self.pages.len();
        let f = &self.frame;
        let footer_y = A4_H - f.bottom + 9.0;
        for (i, page) in self.pages.iter_mut().enumerate() {
            // Numbered within its part: the part starts at the last restart at or before i.
            let start = self
                .restarts
                .iter()
                .copied()
                .filter(|&r| r <= i)
                .max()
                .unwrap_or(0);
            let end = self
                .restarts
                .iter()
                .copied()
                .filter(|&r| r > i)
                .min()
                .unwrap_or(total);
            let label = format!("Side {} af {}", i - start + 1, end - start);
            let w = metrics(Style::Regular).width_pt(&label, 8.5) / PT_PER_MM;
            page.items.push(Item::Line {
                x1: f.margin_x,
                y1: footer_y - 4.0,
                x2: A4_W - f.margin_x,
                y2: footer_y - 4.0,
                width_pt: 0.3,
            });
            page.items.push(Item::Text {
                x: f.margin_x,
                y: footer_y,
                size: 8.5,
                style: Style::Regular,
                text: f.footer_left.clone(),
            });
            page.items.push(Item::Text {
                x: A4_W - f.margin_x - w,
                y: footer_y,
                size: 8.5,
                style: Style::Regular,
                text: label,
            });
        }
        Document {
            title: title.to_owned(),
            author: author.to_owned(),
            created_unix,
            pages: self.pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame {
            margin_x: 15.0,
            top: 25.0,
            bottom: 20.0,
            header_left: "Perronen".into(),
            header_right: "Medlemsliste".into(),
            footer_left: "Udskrevet 22.11.2026".into(),
        }
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let s = fit(
            "Søren Kierkegaards Allé 123, 2. tv.",
            9.0,
            Style::Regular,
            60.0,
        );
        assert!(s.ends_with('…'));
        assert!(metrics(Style::Regular).width_pt(&s, 9.0) <= 60.0);
        assert_eq!(fit("Kort", 9.0, Style::Regular, 60.0), "Kort");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let text =
            "Foreningens formål er at drive et værested for socialt udsatte borgere i kommunen";
        let lines = wrap(text, 11.0, Style::Regular, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
    }

    /// The one-pass `wrap` breaks exactly where splitting into words and measuring each
    /// word does, for text with Danish letters, runs of spaces and tabs, long words and
    /// empty lines.
    #[test]
    fn wrapping_in_one_pass_breaks_where_measuring_words_does() {
        fn by_words(text: &str, size: f32, style: Style, max_pt: f32) -> Vec<String> {
            let m = metrics(style);
            let mut lines = Vec::new();
            for para in text.split('\n') {
                let mut line = String::new();
                for word in para.split_whitespace() {
                    let wider = format!("{line} {word}");
                    if line.is_empty() {
                        line.push_str(word);
                    } else if m.width_pt(&wider, size) <= max_pt {
                        line = wider;
                    } else {
                        lines.push(std::mem::replace(&mut line, word.to_owned()));
                    }
                }
                lines.push(line);
            }
            lines
        }
        let words = [
            "Perronen",
            "æblegrød",
            "ØKONOMI",
            "på",
            "—",
            "generalforsamlingens",
            "i",
            "Åbningstider:",
            "kr. 1.250,00",
            "\t",
            "  ",
            "x",
            "Mødestedet-Huset",
        ];
        let mut seed = 7u32;
        for case in 0..300 {
            let mut text = String::new();
            for _ in 0..(case % 40) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let word = words[(seed >> 16) as usize % words.len()];
                text.push_str(word);
                text.push(if seed.is_multiple_of(11) { '\n' } else { ' ' });
            }
            for (style, max) in [(Style::Regular, 120.0), (Style::Bold, 60.0)] {
                assert_eq!(
                    wrap(&text, 10.5, style, max),
                    by_words(&text, 10.5, style, max),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_table_breaks_across_pages_with_its_header_repeated() {
        let mut flow = Flow::new(frame());
        let cols = vec![
            Column {
                heading: "Nr.".into(),
                width: 20.0,
                align: Align::Right,
            },
            Column {
                heading: "Navn".into(),
                width: 80.0,
                align: Align::Left,
            },
        ];
        let rows: Vec<Vec<String>> = (1..=200)
            .map(|i| vec![i.to_string(), format!("Medlem {i}")])
            .collect();
        flow.table(&cols, &rows, 9.0);
        let doc = flow.finish("Medlemsliste", "Perronen", 0);
        assert!(doc.pages.len() >= 4, "{} pages", doc.pages.len());
        let n = doc.pages.len();
        for (i, p) in doc.pages.iter().enumerate() {
            let texts: Vec<&str> = p.texts().collect();
            assert!(texts.contains(&"Navn"), "header repeated on page {}", i + 1);
            let footer = format!("Side {} af {}", i + 1, n);
            assert!(texts.contains(&footer.as_str()));
        }
        let all: Vec<&str> = doc.pages.iter().flat_map(|p| p.texts()).collect();
        assert!(all.contains(&"Medlem 1") && all.contains(&"Medlem 200"));
        // nothing is drawn below the bottom margin
        for p in &doc.pages {
            for it in &p.items {
                if let Item::Text { y, text, .. } = it {
                    if !text.starts_with("Side") && !text.starts_with("Udskrevet") {
                        assert!(*y < A4_H - 20.0, "{text} at {y}");
                    }
                }
            }
        }
    }
}
