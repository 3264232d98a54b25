//! The association itself: one database holds one association.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::members::{check_postal_code, normalize_optional};
use crate::text::Text;
use crate::validation::FieldErrors;

/// What the board types when it creates the association's file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AssociationInput {
    pub name: String,
    /// CVR number (8 digits), optional: many small associations have none.
    pub cvr: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// Home municipality (hjemstedskommune), e.g. "Guldborgsund Kommune".
    pub municipality: Option<String>,
    /// Month (1–12) in which the fiscal year starts; 1 = calendar year.
    pub fiscal_year_start_month: u32,
}

/// A validated association record (without id and version, which the store adds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAssociation {
    pub name: String,
    pub cvr: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub municipality: Option<String>,
    pub fiscal_year_start_month: u32,
}

pub fn validate_association(input: &AssociationInput) -> Result<ValidAssociation, FieldErrors> {
    let mut errs = FieldErrors::default();
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        errs.push("name", Text::new("field-association-name"));
    } else if name.chars().count() > 200 {
        errs.push("name", Text::new("field-name-too-long"));
    }
    let cvr = normalize_optional(&input.cvr).map(|c| c.replace(' ', ""));
    if let Some(c) = &cvr {
        if c.len() != 8 || !c.chars().all(|ch| ch.is_ascii_digit()) {
            errs.push("cvr", Text::new("field-cvr"));
        }
    }
    let postal_code = normalize_optional(&input.postal_code);
    if let Some(p) = &postal_code {
        errs.take("postalCode", check_postal_code(p));
    }
    let month = if input.fiscal_year_start_month == 0 {
        1
    } else {
        input.fiscal_year_start_month
    };
    if !(1..=12).contains(&month) {
        errs.push("fiscalYearStartMonth", Text::new("field-fiscal-month"));
    }
    errs.into_result(|| ValidAssociation {
        name,
        cvr,
        address: normalize_optional(&input.address),
        postal_code,
        city: normalize_optional(&input.city),
        municipality: normalize_optional(&input.municipality),
        fiscal_year_start_month: month,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_a_name_and_a_sane_cvr() {
        let e = validate_association(&AssociationInput {
            cvr: Some("123".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "cvr"]);
        let ok = validate_association(&AssociationInput {
            name: " Perronen ".into(),
            cvr: Some("1234 5678".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.name, "Perronen");
        assert_eq!(ok.cvr.as_deref(), Some("12345678"));
        assert_eq!(ok.fiscal_year_start_month, 1);
    }
}

/// The association as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    pub id: crate::ids::AssociationId,
    pub name: String,
    pub cvr: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub municipality: Option<String>,
    pub fiscal_year_start_month: u32,
    #[ts(type = "number")]
    pub version: i64,
}

impl Association {
    /// The association as first stored from validated input (version 1).
    pub fn new(id: crate::ids::AssociationId, v: &ValidAssociation) -> Association {
        Association {
            id,
            name: v.name.clone(),
            cvr: v.cvr.clone(),
            address: v.address.clone(),
            postal_code: v.postal_code.clone(),
            city: v.city.clone(),
            municipality: v.municipality.clone(),
            fiscal_year_start_month: v.fiscal_year_start_month,
            version: 1,
        }
    }
}

impl From<&Association> for AssociationInput {
    fn from(a: &Association) -> Self {
        AssociationInput {
            name: a.name.clone(),
            cvr: a.cvr.clone(),
            address: a.address.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            municipality: a.municipality.clone(),
            fiscal_year_start_month: a.fiscal_year_start_month,
        }
    }
}
