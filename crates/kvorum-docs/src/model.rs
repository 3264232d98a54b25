//! Document models: what a document says, built by kvorum-api from domain data.

use chrono::NaiveDate;
use kvorum_core::dates::format_date;

use crate::fonts::Style;
use crate::layout::{Align, Column, Document, Flow, Frame};

/// The member list, as printed for the board.
#[derive(Debug, Clone)]
pub struct MemberList {
    pub association_name: String,
    /// e.g. "Aktive medlemmer" or "Alle medlemmer, søgning: »bo«".
    pub selection: String,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub rows: Vec<MemberListRow>,
}

#[derive(Debug, Clone)]
pub struct MemberListRow {
    pub member_no: i64,
    pub name: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub joined_on: NaiveDate,
    /// "Betalt", "Ikke betalt", "—"
    pub fee: String,
}

pub fn member_list_layout(list: &MemberList) -> Document {
    let title = "Medlemsliste";
    let mut flow = Flow::new(Frame {
        margin_x: 12.0,
        top: 22.0,
        bottom: 18.0,
        header_left: list.association_name.clone(),
        header_right: title.to_owned(),
        footer_left: format!("Udskrevet {} med Kvorum", format_date(list.printed_on)),
    });
    flow.paragraph(title, 18.0, Style::Bold);
    flow.gap(1.0);
    let count = kvorum_core::text::n_da(
        i64::try_from(list.rows.len()).unwrap_or(i64::MAX),
        "medlem",
        "medlemmer",
    );
    flow.paragraph(
        &format!(
            "{} · {} · pr. {}",
            list.selection,
            count,
            format_date(list.printed_on)
        ),
        10.0,
        Style::Regular,
    );
    flow.gap(4.0);
    let col = |h: &str, w: f32, a: Align| Column {
        heading: h.to_owned(),
        width: w,
        align: a,
    };
    let columns = [
        col("Nr.", 11.0, Align::Right),
        col("Navn", 38.0, Align::Left),
        col("Adresse", 44.0, Align::Left),
        col("E-mail", 36.0, Align::Left),
        col("Telefon", 21.0, Align::Left),
        col("Indmeldt", 18.0, Align::Left),
        col("Kontingent", 18.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = list
        .rows
        .iter()
        .map(|r| {
            vec![
                r.member_no.to_string(),
                r.name.clone(),
                r.address.clone(),
                r.email.clone(),
                r.phone.clone(),
                format_date(r.joined_on),
                r.fee.clone(),
            ]
        })
        .collect();
    flow.table(&columns, &rows, 8.0);
    flow.finish(title, &list.association_name, list.created_unix)
}

/// Headings inside a section: (the clause they come before, the heading).
pub type Inside = Vec<(usize, String)>;

/// The bylaws as printed: title, sections with clauses, the adoption line and history.
#[derive(Debug, Clone)]
pub struct BylawsDoc {
    pub association_name: String,
    /// Printed as a draft ("Udkast") when not adopted.
    pub draft: bool,
    /// "Vedtaget på generalforsamlingen den …"
    pub adopted_note: Option<String>,
    /// Earlier and current adoptions, oldest first.
    pub history: Vec<String>,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    /// (title, clauses, headings inside the section) in § order.
    pub sections: Vec<(String, Vec<String>, Inside)>,
}

pub fn bylaws_layout(doc: &BylawsDoc) -> Document {
    let title = format!("Vedtægter for {}", doc.association_name);
    let mut flow = Flow::new(Frame {
        margin_x: 22.0,
        top: 24.0,
        bottom: 20.0,
        header_left: doc.association_name.clone(),
        header_right: if doc.draft {
            "Vedtægter (udkast)".into()
        } else {
            "Vedtægter".into()
        },
        footer_left: format!("Udskrevet {} med Kvorum", format_date(doc.printed_on)),
    });
    flow.paragraph(&title, 18.0, Style::Bold);
    if doc.draft {
        flow.gap(1.0);
        flow.paragraph("UDKAST – ikke vedtaget", 11.0, Style::Bold);
    }
    flow.gap(4.0);
    for (i, (heading, clauses, inside)) in doc.sections.iter().enumerate() {
        // keep a heading together with the start of its text
        flow.need(18.0);
        flow.gap(3.0);
        flow.paragraph(&format!("§ {}. {}", i + 1, heading), 12.0, Style::Bold);
        flow.gap(1.0);
        for (j, clause) in clauses.iter().enumerate() {
            for (_, sub) in inside.iter().filter(|(before, _)| *before == j) {
                flow.need(12.0);
                flow.gap(1.5);
                flow.paragraph(sub, 10.5, Style::Bold);
                flow.gap(0.5);
            }
            let text = if clauses.len() > 1 && j > 0 {
                format!("Stk. {}. {}", j + 1, clause)
            } else {
                clause.clone()
            };
            flow.paragraph(&text, 10.5, Style::Regular);
            flow.gap(1.5);
        }
    }
    flow.gap(6.0);
    if let Some(note) = &doc.adopted_note {
        flow.need(12.0);
        flow.paragraph(&format!("{note}."), 10.5, Style::Bold);
    }
    if !doc.history.is_empty() {
        flow.need(20.0);
        flow.gap(4.0);
        flow.paragraph("Vedtægternes historik", 11.0, Style::Bold);
        for h in &doc.history {
            flow.paragraph(&format!("– {h}"), 10.0, Style::Regular);
        }
    }
    flow.finish(&title, &doc.association_name, doc.created_unix)
}
