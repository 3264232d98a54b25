//! kvorum-core — the ground floor of Kvorum: the association's rules as types and pure
//! functions. No I/O, no async, no SQL, no clock: callers pass `today`.
//! Everything above (store, docs, api, the Tauri shell, the CLI) depends on this crate;
//! it depends on nothing of ours.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod association;
pub mod backups;
pub mod bank;
pub mod bank_statement;
pub mod board;
pub mod budget;
pub mod bylaws;
pub mod closing;
pub mod consent;
pub mod csv_file;
pub mod dates;
pub mod decisions;
pub mod election_count;
pub mod election_plan;
pub mod elections;
pub mod fee_books;
pub mod fees;
pub mod grants;
pub mod ids;
pub mod meetings;
pub mod member_import;
pub mod members;
pub mod mobilepay;
pub mod money;
pub mod privacy;
pub mod processing;
pub mod rules;
pub mod rules_from_text;
pub mod text;
pub mod validation;
pub mod vouchers;

pub use money::Money;
pub use validation::{FieldError, FieldErrors};
