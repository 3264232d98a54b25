//! Personal data: what the association holds about one person (indsigt, GDPR art. 15), as a
//! document the person can read — the register's fields first, then one section per kind of
//! record, and what was not searched and why.

use chrono::NaiveDate;
use kvorum_core::dates::format_date;

use crate::fonts::Style;
use crate::layout::{Align, Column, Document, Flow, Frame};

/// One kind of record about the person: a table with its Danish headings and widths (mm).
#[derive(Debug, Clone)]
pub struct AccessSection {
    pub title: String,
    /// What the records are and why they are kept.
    pub note: Option<String>,
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SubjectAccessDoc {
    pub association_name: String,
    /// "Karin Hansen, medlem nr. 12"
    pub person: String,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    pub intro: Vec<String>,
    /// The register's fields: (label, value).
    pub facts: Vec<(String, String)>,
    pub sections: Vec<AccessSection>,
    /// What was not searched, the rights the person has, whom to ask.
    pub closing: Vec<String>,
}

fn frame(association: &str, printed_on: NaiveDate) -> Frame {
    Frame {
        margin_x: 18.0,
        top: 22.0,
        bottom: 18.0,
        header_left: association.to_owned(),
        header_right: "Dine oplysninger".to_owned(),
        footer_left: format!("Udleveret {} med Kvorum", format_date(printed_on)),
    }
}

/// The person's data as pages: title, the register's fields, one section per kind.
pub fn subject_access_layout(doc: &SubjectAccessDoc) -> Document {
    let mut flow = Flow::new(frame(&doc.association_name, doc.printed_on));
    flow.paragraph("Dine oplysninger", 18.0, Style::Bold);
    flow.paragraph(
        &format!("{} · {}", doc.person, doc.association_name),
        11.0,
        Style::Regular,
    );
    flow.gap(4.0);
    for p in &doc.intro {
        flow.paragraph(p, 10.0, Style::Regular);
        flow.gap(1.5);
    }
    flow.gap(3.0);
    flow.paragraph("I medlemsregistret", 12.0, Style::Bold);
    flow.gap(1.0);
    let columns = [
        Column {
            heading: String::new(),
            width: 52.0,
            align: Align::Left,
        },
        Column {
            heading: String::new(),
            width: 122.0,
            align: Align::Left,
        },
    ];
    let facts: Vec<Vec<String>> = doc
        .facts
        .iter()
        .map(|(k, v)| vec![k.clone(), v.clone()])
        .collect();
    flow.table(&columns, &facts, 9.5);
    for s in &doc.sections {
        flow.gap(5.0);
        flow.need(24.0);
        flow.paragraph(&s.title, 12.0, Style::Bold);
        if let Some(n) = &s.note {
            flow.paragraph(n, 9.5, Style::Regular);
        }
        flow.gap(1.0);
        if s.rows.is_empty() {
            flow.paragraph("Ingen.", 9.5, Style::Regular);
            continue;
        }
        let columns: Vec<Column> = s
            .columns
            .iter()
            .map(|(h, w)| Column {
                heading: h.clone(),
                width: *w,
                align: Align::Left,
            })
            .collect();
        flow.table(&columns, &s.rows, 9.0);
    }
    flow.gap(6.0);
    for p in &doc.closing {
        flow.need(10.0);
        flow.paragraph(p, 9.5, Style::Regular);
        flow.gap(1.5);
    }
    flow.finish("Dine oplysninger", &doc.association_name, doc.created_unix)
}
/// One processing activity of the record of processing: a kind of person and what is
/// done with their data, as (label, text) rows.
#[derive(Debug, Clone)]
pub struct ProcessingActivity {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

/// The record of processing activities (fortegnelse, GDPR art. 30) the board signs.
#[derive(Debug, Clone)]
pub struct ProcessingRecordDoc {
    pub association_name: String,
    pub printed_on: NaiveDate,
    pub created_unix: i64,
    /// The controller: (label, value) rows.
    pub controller: Vec<(String, String)>,
    pub intro: Vec<String>,
    pub activities: Vec<ProcessingActivity>,
    /// What is not held, security, and how the record is kept up to date.
    pub closing: Vec<(String, String)>,
    /// (role, name) for each signature line.
    pub signatories: Vec<(String, String)>,
}

/// The record of processing as pages: the controller, one block per activity, what is not
/// held and the security measures, and the board's signature lines.
pub fn processing_record_layout(doc: &ProcessingRecordDoc) -> Document {
    let mut flow = Flow::new(Frame {
        header_right: "Fortegnelse over behandlinger".to_owned(),
        footer_left: format!("Udskrevet {} med Kvorum", format_date(doc.printed_on)),
        ..frame(&doc.association_name, doc.printed_on)
    });
    flow.paragraph("Fortegnelse over behandlingsaktiviteter", 18.0, Style::Bold);
    flow.paragraph(
        "Databeskyttelsesforordningens artikel 30, stk. 1",
        10.0,
        Style::Regular,
    );
    flow.gap(4.0);
    for p in &doc.intro {
        flow.paragraph(p, 10.0, Style::Regular);
        flow.gap(1.5);
    }
    flow.gap(2.0);
    flow.paragraph("Dataansvarlig", 12.0, Style::Bold);
    flow.gap(1.0);
    for (label, text) in &doc.controller {
        flow.hanging(label, text, 9.5, Style::Regular, 46.0);
    }
    for a in &doc.activities {
        flow.gap(5.0);
        flow.need(30.0);
        flow.paragraph(&a.title, 12.0, Style::Bold);
        flow.gap(1.0);
        for (label, text) in &a.rows {
            flow.hanging(label, text, 9.5, Style::Regular, 46.0);
            flow.gap(0.8);
        }
    }
    for (title, text) in &doc.closing {
        flow.gap(5.0);
        flow.need(18.0);
        flow.paragraph(title, 12.0, Style::Bold);
        flow.gap(1.0);
        flow.paragraph(text, 9.5, Style::Regular);
    }
    flow.gap(6.0);
    flow.need(50.0);
    flow.paragraph("Gennemgået og godkendt af bestyrelsen", 12.0, Style::Bold);
    flow.signatures(&doc.signatories, "Dato:");
    flow.finish(
        "Fortegnelse over behandlingsaktiviteter",
        &doc.association_name,
        doc.created_unix,
    )
}
