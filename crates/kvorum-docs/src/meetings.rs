//! The meeting documents: the notice (indkaldelse) and the final agenda, the attendance
//! sheet for paper check-in, and the minutes (referat) with their signature lines.

use chrono::NaiveDate;
use kvorum_core::dates::format_date;
use kvorum_core::meetings::{minutes_blocks, MinutesBlock};

use crate::fonts::Style;
use crate::layout::{Align, Column, Document, Flow, Frame, Item, Page, A4_H, A4_W};

fn frame(association: &str, right: &str, printed_on: NaiveDate) -> Frame {
    Frame {
        margin_x: 22.0,
        top: 24.0,
        bottom: 20.0,
        header_left: association.to_owned(),
        header_right: right.to_owned(),
        footer_left: format!("Udskrevet {} med Kvorum", format_date(printed_on)),
    }
}

/// One proposal as the notice or agenda lists it.
#[derive(Debug, Clone)]
pub struct NoticeProposal {
    pub number: i64,
    pub title: String,
    /// "Stillet af Bestyrelsen, modtaget 01.03.2026"
    pub byline: String,
    /// Printed in the final agenda; the first notice lists titles only.
    pub text: String,
    pub recommendation: String,
}

/// The notice of a meeting, or (with `full_proposals`) the final agenda.
#[derive(Debug, Clone)]
pub struct NoticeDoc {
    pub association_name: String,
    /// "Indkaldelse til ordinær generalforsamling" / "Dagsorden for …"
    pub title: String,
    /// "lørdag den 14. marts 2026 kl. 14.00"
    pub when: String,
    pub place: String,
    /// Paragraphs before the agenda (the bylaws' deadlines and who may vote).
    pub intro: Vec<String>,
    /// Agenda item titles in order, with the index of the proposals item, if any.
    pub agenda: Vec<String>,
    pub proposals_item: Option<usize>,
    pub proposals: Vec<NoticeProposal>,
    pub full_proposals: bool,
    /// Paragraphs after the agenda.
    pub outro: Vec<String>,
    /// "Med venlig hilsen / Bestyrelsen"
    pub signed_by: String,
    /// The day it was sent, as recorded ("20.02.2026"): printed under the place.
    pub sent_on: Option<String>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
}

pub fn notice_layout(doc: &NoticeDoc) -> Document {
    let mut flow = Flow::new(frame(&doc.association_name, &doc.title, doc.printed_on));
    flow.paragraph(&doc.association_name, 11.0, Style::Regular);
    notice_body(&mut flow, doc);
    flow.finish(&doc.title, &doc.association_name, doc.created_unix)
}

/// The notice as letters to members without e-mail: one letter per address, the address
/// where a window envelope shows it (DIN 5008: 45 mm from the top edge), each letter
/// numbered from its own first page.
pub fn notice_letters_layout(doc: &NoticeDoc, addresses: &[Vec<String>]) -> Document {
    let mut flow = Flow::new(frame(&doc.association_name, &doc.title, doc.printed_on));
    for (i, address) in addresses.iter().enumerate() {
        if i > 0 {
            flow.new_document();
        }
        flow.gap(21.0);
        for line in address {
            flow.paragraph(line, 11.0, Style::Regular);
        }
        flow.gap(18.0);
        notice_body(&mut flow, doc);
    }
    flow.finish(&doc.title, &doc.association_name, doc.created_unix)
}

fn notice_body(flow: &mut Flow, doc: &NoticeDoc) {
    flow.gap(2.0);
    flow.paragraph(&doc.title, 17.0, Style::Bold);
    flow.gap(3.0);
    // The labels' column is as wide as the widest label, "Udsendt:".
    let label = if doc.sent_on.is_some() { 21.0 } else { 18.0 };
    flow.hanging("Tid:", &doc.when, 11.0, Style::Bold, label);
    flow.hanging("Sted:", &doc.place, 11.0, Style::Bold, label);
    if let Some(sent) = &doc.sent_on {
        flow.hanging("Udsendt:", sent, 11.0, Style::Bold, label);
    }
    flow.gap(4.0);
    for p in &doc.intro {
        flow.paragraph(p, 10.5, Style::Regular);
        flow.gap(2.0);
    }
    flow.gap(2.0);
    flow.paragraph("Dagsorden", 13.0, Style::Bold);
    flow.gap(1.5);
    for (i, item) in doc.agenda.iter().enumerate() {
        flow.hanging(&format!("{}.", i + 1), item, 11.0, Style::Regular, 8.0);
        if Some(i) == doc.proposals_item {
            if doc.proposals.is_empty() {
                flow.paragraph_indented(
                    "Der er endnu ikke modtaget forslag.",
                    10.0,
                    Style::Regular,
                    12.0,
                );
            }
            for p in &doc.proposals {
                flow.paragraph_indented(
                    &format!("Forslag {}: {}", p.number, p.title),
                    10.5,
                    Style::Bold,
                    12.0,
                );
                flow.paragraph_indented(&p.byline, 9.5, Style::Regular, 12.0);
                if doc.full_proposals {
                    if !p.text.is_empty() {
                        flow.gap(0.8);
                        flow.paragraph_indented(&p.text, 10.0, Style::Regular, 12.0);
                    }
                    if !p.recommendation.is_empty() {
                        flow.gap(0.8);
                        flow.paragraph_indented(
                            &format!("Bestyrelsens indstilling: {}", p.recommendation),
                            10.0,
                            Style::Bold,
                            12.0,
                        );
                    }
                }
                flow.gap(1.5);
            }
        }
        flow.gap(1.2);
    }
    flow.gap(3.0);
    for p in &doc.outro {
        flow.paragraph(p, 10.5, Style::Regular);
        flow.gap(2.0);
    }
    flow.gap(4.0);
    flow.need(14.0);
    flow.paragraph("Med venlig hilsen", 10.5, Style::Regular);
    flow.paragraph(&doc.signed_by, 10.5, Style::Bold);
}

#[derive(Debug, Clone)]
pub struct AttendanceRow {
    pub member_no: i64,
    pub name: String,
    /// "Ja" or "Nej: Kontingent for 2026 er ikke betalt"
    pub voting: String,
}

/// The list members sign at the door when check-in is on paper.
#[derive(Debug, Clone)]
pub struct AttendanceSheet {
    pub association_name: String,
    pub meeting_title: String,
    pub when: String,
    pub rows: Vec<AttendanceRow>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
}

pub fn attendance_layout(doc: &AttendanceSheet) -> Document {
    let title = "Fremmødeliste";
    let mut flow = Flow::new(Frame {
        margin_x: 14.0,
        ..frame(&doc.association_name, title, doc.printed_on)
    });
    flow.paragraph(
        &format!("{title}: {}", doc.meeting_title),
        15.0,
        Style::Bold,
    );
    flow.paragraph(&doc.when, 10.0, Style::Regular);
    flow.paragraph(
        "Stemmeret er opgjort efter vedtægterne på mødedagen. Skriv fuldmagtsgiverens navn i kolonnen »Fuldmagt fra«.",
        9.0,
        Style::Regular,
    );
    flow.gap(3.0);
    let col = |h: &str, w: f32, a: Align| Column {
        heading: h.to_owned(),
        width: w,
        align: a,
    };
    let columns = [
        col("Nr.", 10.0, Align::Right),
        col("Navn", 44.0, Align::Left),
        col("Stemmeret", 64.0, Align::Left),
        col("Fuldmagt fra", 24.0, Align::Left),
        col("Underskrift", 40.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = doc
        .rows
        .iter()
        .map(|r| {
            vec![
                r.member_no.to_string(),
                r.name.clone(),
                r.voting.clone(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    flow.table_rows(&columns, &rows, 8.0, 8.5);
    flow.finish(title, &doc.association_name, doc.created_unix)
}

/// The minutes as signed.
#[derive(Debug, Clone)]
pub struct MinutesDoc {
    pub association_name: String,
    /// "Referat af ordinær generalforsamling"
    pub title: String,
    pub when: String,
    /// The referent's text (see [`kvorum_core::meetings::minutes_blocks`]).
    pub text: String,
    /// "Udkast", "Godkendt 20.03.2026", "Version 2, retter version 1: …"
    pub status_lines: Vec<String>,
    pub draft: bool,
    /// (role, name)
    pub signatories: Vec<(String, String)>,
    /// "Dato: 20.03.2026" or "Dato: ______________"
    pub date_line: String,
    pub hash: Option<String>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
}

pub fn minutes_layout(doc: &MinutesDoc) -> Document {
    let right = if doc.draft {
        "Referat (udkast)"
    } else {
        "Referat"
    };
    let mut flow = Flow::new(frame(&doc.association_name, right, doc.printed_on));
    flow.paragraph(&doc.association_name, 11.0, Style::Regular);
    flow.gap(1.5);
    flow.paragraph(&doc.title, 17.0, Style::Bold);
    flow.gap(1.0);
    flow.paragraph(&doc.when, 11.0, Style::Regular);
    for s in &doc.status_lines {
        flow.paragraph(s, 9.5, Style::Bold);
    }
    flow.gap(4.0);
    for block in minutes_blocks(&doc.text) {
        match block {
            MinutesBlock::Item(t) => {
                flow.need(22.0);
                flow.gap(3.0);
                let (n, rest) = t.split_once(". ").unwrap_or(("", &t));
                flow.hanging(&format!("{n}."), rest, 12.0, Style::Bold, 8.0);
                flow.gap(1.5);
            }
            MinutesBlock::Decision(t) => {
                flow.gap(0.5);
                flow.boxed(&t, 10.5, Style::Bold);
                flow.gap(2.0);
            }
            MinutesBlock::Paragraph(t) => {
                flow.paragraph(&t, 10.5, Style::Regular);
                flow.gap(2.0);
            }
        }
    }
    flow.gap(6.0);
    flow.need(40.0);
    flow.paragraph("Underskrifter", 11.0, Style::Bold);
    flow.signatures(&doc.signatories, &doc.date_line);
    if let Some(h) = &doc.hash {
        flow.gap(8.0);
        flow.paragraph(
            &format!("Godkendt og låst i Kvorum. Kontrolsum (SHA-256): {h}"),
            7.5,
            Style::Regular,
        );
    }
    flow.finish(&doc.title, &doc.association_name, doc.created_unix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
    }

    #[test]
    fn minutes_keep_items_decisions_and_signatures() {
        let mut text = String::from("Tid og sted: lørdag den 14. marts 2026.\n\n");
        for i in 1..=9 {
            text.push_str(&format!(
                "{i}. Punkt nummer {i}\n\nNoter til punktet om æbler, øl og ål.\n\nBeslutning: Vedtaget: 14 for, 3 imod.\n\n"
            ));
        }
        let doc = MinutesDoc {
            association_name: "Foreningen Perronen".into(),
            title: "Referat af ordinær generalforsamling".into(),
            when: "lørdag den 14. marts 2026 kl. 14.00, Perronen".into(),
            text,
            status_lines: vec!["Godkendt 20.03.2026".into()],
            draft: false,
            signatories: vec![
                ("Dirigent".into(), "Jens Hansen".into()),
                ("Referent".into(), "Bo Ørsted".into()),
                ("Formand".into(), "Åse Lund".into()),
            ],
            date_line: "Dato: 20.03.2026".into(),
            hash: Some("ab".repeat(32)),
            printed_on: day(),
            created_unix: 0,
        };
        let d = minutes_layout(&doc);
        let all: Vec<&str> = d.pages.iter().flat_map(|p| p.texts()).collect();
        for i in 1..=9 {
            assert!(all.contains(&format!("Punkt nummer {i}").as_str()));
        }
        assert_eq!(
            all.iter()
                .filter(|t| t.starts_with("Beslutning: Vedtaget"))
                .count(),
            9
        );
        assert!(all.contains(&"Åse Lund") && all.contains(&"Dirigent"));
        let n = d.pages.len();
        assert!(all.contains(&format!("Side {n} af {n}").as_str()));
    }
}

/// Ballots for one written election, several to an A4 page with cut lines, and a tally sheet.
#[derive(Debug, Clone)]
pub struct BallotsDoc {
    pub association_name: String,
    /// "Valg af bestyrelsesmedlemmer"
    pub title: String,
    /// "Ordinær generalforsamling 13.03.2027"
    pub meeting: String,
    /// Alphabetical.
    pub candidates: Vec<String>,
    pub max_marks: u32,
    /// How many ballots to print (the votes in the room, rounded up to whole pages).
    pub count: u32,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
}

fn dashed(page: &mut Page, y: f32) {
    let mut x = 6.0;
    while x < A4_W - 6.0 {
        page.items.push(Item::Line {
            x1: x,
            y1: y,
            x2: (x + 3.0).min(A4_W - 6.0),
            y2: y,
            width_pt: 0.4,
        });
        x += 5.0;
    }
    page.items.push(Item::Text {
        x: 6.0,
        y: y - 1.0,
        size: 7.0,
        style: Style::Regular,
        text: "klip her".into(),
    });
}

fn square(page: &mut Page, x: f32, y: f32, s: f32) {
    for (x1, y1, x2, y2) in [
        (x, y, x + s, y),
        (x + s, y, x + s, y + s),
        (x + s, y + s, x, y + s),
        (x, y + s, x, y),
    ] {
        page.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width_pt: 0.8,
        });
    }
}

pub fn ballots_layout(doc: &BallotsDoc) -> Document {
    let n = doc.candidates.len() as f32;
    let height = 34.0 + 9.0 * n;
    let per_page = ((A4_H - 10.0) / height).floor().clamp(1.0, 4.0) as u32;
    let slot = (A4_H - 10.0) / per_page as f32;
    let pages_n = doc.count.max(1).div_ceil(per_page);
    let mut pages = Vec::new();
    let marks = if doc.max_marks == 1 {
        "Sæt højst 1 kryds".to_owned()
    } else {
        format!("Sæt højst {} krydser", doc.max_marks)
    };
    for _ in 0..pages_n {
        let mut page = Page::default();
        for k in 0..per_page {
            let top = 5.0 + slot * k as f32;
            if k > 0 {
                dashed(&mut page, top);
            }
            let x = 25.0;
            let mut y = top + 10.0;
            for (text, size, style) in [
                (doc.association_name.clone(), 9.0, Style::Regular),
                (format!("Stemmeseddel – {}", doc.title), 14.0, Style::Bold),
                (doc.meeting.clone(), 9.0, Style::Regular),
                (marks.clone(), 11.0, Style::Bold),
            ] {
                page.items.push(Item::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                });
                y += size * 0.5 + 1.5;
            }
            y += 3.0;
            for c in &doc.candidates {
                square(&mut page, x, y - 4.5, 6.0);
                page.items.push(Item::Text {
                    x: x + 10.0,
                    y,
                    size: 12.0,
                    style: Style::Regular,
                    text: c.clone(),
                });
                y += 9.0;
            }
        }
        pages.push(page);
    }
    // The tally sheet for the counters.
    let mut flow = Flow::new(frame(
        &doc.association_name,
        "Optællingsskema",
        doc.printed_on,
    ));
    flow.paragraph(
        &format!("Optællingsskema – {}", doc.title),
        15.0,
        Style::Bold,
    );
    flow.paragraph(&doc.meeting, 10.0, Style::Regular);
    flow.paragraph(&format!("{marks} pr. stemmeseddel. En stemmeseddel med flere krydser er ugyldig; en seddel uden krydser er blank."), 9.5, Style::Regular);
    flow.gap(3.0);
    let columns = [
        Column {
            heading: "Kandidat".into(),
            width: 60.0,
            align: Align::Left,
        },
        Column {
            heading: "Streger".into(),
            width: 86.0,
            align: Align::Left,
        },
        Column {
            heading: "I alt".into(),
            width: 20.0,
            align: Align::Right,
        },
    ];
    let mut rows: Vec<Vec<String>> = doc
        .candidates
        .iter()
        .map(|c| vec![c.clone(), String::new(), String::new()])
        .collect();
    for extra in [
        "Blanke stemmesedler",
        "Ugyldige stemmesedler",
        "Afgivne stemmesedler i alt",
    ] {
        rows.push(vec![extra.into(), String::new(), String::new()]);
    }
    flow.table_rows(&columns, &rows, 10.0, 12.0);
    flow.gap(4.0);
    flow.paragraph("Stemmetællere", 11.0, Style::Bold);
    flow.signatures(
        &[
            ("Stemmetæller".into(), String::new()),
            ("Stemmetæller".into(), String::new()),
        ],
        "Dato: ____________",
    );
    let sheet = flow.finish(&doc.title, &doc.association_name, doc.created_unix);
    pages.extend(sheet.pages);
    Document {
        title: format!("Stemmesedler – {}", doc.title),
        author: doc.association_name.clone(),
        created_unix: doc.created_unix,
        pages,
    }
}

/// The board as it stands, for the municipality and the bank.
#[derive(Debug, Clone)]
pub struct BoardListDoc {
    pub association_name: String,
    pub on: NaiveDate,
    /// (seat, name, position, term)
    pub rows: Vec<[String; 4]>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
}

pub fn board_list_layout(doc: &BoardListDoc) -> Document {
    let title = "Bestyrelsen";
    let mut flow = Flow::new(frame(&doc.association_name, title, doc.printed_on));
    flow.paragraph(
        &format!("{title} i {}", doc.association_name),
        16.0,
        Style::Bold,
    );
    flow.paragraph(
        &format!("pr. {}", format_date(doc.on)),
        10.0,
        Style::Regular,
    );
    flow.gap(4.0);
    let col = |h: &str, w: f32| Column {
        heading: h.into(),
        width: w,
        align: Align::Left,
    };
    let columns = [
        col("Plads", 34.0),
        col("Navn", 40.0),
        col("Post", 22.0),
        col("Valgperiode", 70.0),
    ];
    let rows: Vec<Vec<String>> = doc.rows.iter().map(|r| r.to_vec()).collect();
    flow.table(&columns, &rows, 9.0);
    flow.finish(title, &doc.association_name, doc.created_unix)
}
