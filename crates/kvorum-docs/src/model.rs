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
    pub membership_type: String,
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
    let count = match list.rows.len() {
        1 => "1 medlem".to_owned(),
        n => format!("{n} medlemmer"),
    };
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
