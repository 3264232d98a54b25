//! Field-level validation errors, with the sentence shown next to the field: a catalogue
//! message ([`Text`]) rendered in Danish, and again in the user's language at the edge.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{Lang, Text};

/// One problem with one field of a form or one column of an imported row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field's name in the DTO (camelCase), e.g. `postalCode`.
    pub field: String,
    /// A sentence saying what is wrong and how to fix it (Danish until localized).
    pub message: String,
    /// The message in the catalogue, to render it in another language.
    #[serde(skip)]
    #[ts(skip)]
    pub text: Option<Text>,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<Text>) -> Self {
        let text = message.into();
        Self {
            field: field.to_owned(),
            message: text.da(),
            text: Some(text),
        }
    }

    /// The same error with its message in `lang`.
    pub fn localized(mut self, lang: Lang) -> Self {
        if let Some(t) = &self.text {
            self.message = t.render(lang);
        }
        self
    }
}

/// All the problems found in one input; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// A single problem.
    pub fn one(field: &str, message: impl Into<Text>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }
    pub fn push(&mut self, field: &str, message: impl Into<Text>) {
        self.0.push(FieldError::new(field, message));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Records the error of a parse step, returning its value when it succeeded.
    pub fn take<T, E: Into<Text>>(&mut self, field: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.push(field, m);
                None
            }
        }
    }
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&parts.join(" "))
    }
}

/// Whether a text holds what looks like a CPR number: six digits that are a date (ddmmåå,
/// the day also +60 as for a substitute number), then four digits, with or without a hyphen
/// or space between — and no digit on either side, so an account or phone number is not one.
/// Kvorum never stores a CPR number: a field holding one is refused where it was typed.
pub fn looks_like_cpr(text: &str) -> bool {
    static CPR: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = CPR.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^0-9])([0-9]{2})([0-9]{2})[0-9]{2}[- ]?[0-9]{4}(?:$|[^0-9])")
            .expect("the CPR pattern")
    });
    re.captures_iter(text).any(|c| {
        let day: u32 = c[1].parse().unwrap_or(0);
        let month: u32 = c[2].parse().unwrap_or(0);
        ((1..=31).contains(&day) || (61..=91).contains(&day)) && (1..=12).contains(&month)
    })
}

/// The message for a field that holds what looks like a CPR number.
pub fn cpr_refused() -> Text {
    Text::new("field-looks-like-cpr")
}

#[cfg(test)]
mod cpr_tests {
    use super::looks_like_cpr;

    #[test]
    fn a_cpr_number_is_seen_and_other_numbers_are_not() {
        for cpr in [
            "010170-1234",
            "0101701234",
            "Karin 311299 1234",
            "cpr 610170-1234",
        ] {
            assert!(looks_like_cpr(cpr), "{cpr}");
        }
        for other in [
            "20 30 40 50",
            "0012345678",
            "reg. 1234 konto 0012345678",
            "Kontingent 2026 · nr. 12",
            "12345678901",
            "321270-1234",
            "011370-1234",
        ] {
            assert!(!looks_like_cpr(other), "{other}");
        }
    }
}
