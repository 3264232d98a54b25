//! One catalogue for what Kvorum says: error and field messages, the planner's lines and
//! generated sentences are a message id plus parameters ([`Text`]), rendered in Danish or
//! English from `locales/da.ftl` and `locales/en.ftl` (Project Fluent, with the CLDR plural
//! rules of each language: `1 dag`, `2 dage`; `1 day`, `2 days`). The language is chosen at
//! the edge (the app's setting, the CLI's `--lang`) and handed in like `today`.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language a user reads Kvorum in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// `da` or `en` (the settings' spelling); anything else is Danish.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            _ => Lang::Da,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

/// A parameter of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A count or a number of days: selects the plural form.
    Num(i64),
    /// A name, a date already formatted, an amount already formatted.
    Str(String),
    /// Another message, rendered in the same language (a field's name, a month).
    Text(Box<Text>),
}

/// A message of the catalogue with its parameters, not yet in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(id: &'static str) -> Text {
        Text {
            id,
            args: Vec::new(),
        }
    }
    /// Adds a number (counts select the plural form).
    pub fn num(mut self, name: &'static str, n: impl Into<i64>) -> Text {
        self.args.push((name, Arg::Num(n.into())));
        self
    }
    /// Adds a string shown as it is.
    pub fn str(mut self, name: &'static str, s: impl Into<String>) -> Text {
        self.args.push((name, Arg::Str(s.into())));
        self
    }
    /// Adds another message, rendered in the same language.
    pub fn text(mut self, name: &'static str, t: Text) -> Text {
        self.args.push((name, Arg::Text(Box::new(t))));
        self
    }

    /// The message in `lang`. An id missing from the catalogue (a test proves none is)
    /// renders as the id, never as a panic.
    pub fn render(&self, lang: Lang) -> String {
        let bundle = bundle(lang);
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return self.id.to_owned();
        };
        let mut args = FluentArgs::new();
        for (name, arg) in &self.args {
            let value = match arg {
                // A count is written with the language's thousands separator (1.000 medlemmer,
                // 1,000 members); a year or a line, version or member no. is a name, not a
                // quantity, and never is.
                Arg::Num(n) => FluentValue::Number(FluentNumber::new(
                    *n as f64,
                    FluentNumberOptions {
                        use_grouping: !IDENTIFIERS.contains(name),
                        ..FluentNumberOptions::default()
                    },
                )),
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Text(t) => FluentValue::from(t.render(lang)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }

    /// The Danish text (what documents and the stored sentences use).
    pub fn da(&self) -> String {
        self.render(Lang::Da)
    }
}

/// Number parameters that identify rather than count: written without grouping.
const IDENTIFIERS: &[&str] = &[
    "year", "next", "later", "line", "version", "number", "no", "num", "den",
];

/// `50000` as `50.000` (`sep` = '.') or `50,000`.
/// A name as it can stand in a file name or a code: lower case, Danish letters spelt out,
/// every other run of characters one dash ("Karin Ærbø" → "karin-aerboe").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

pub fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// A count with its Danish noun for document text: `n_da(1, "blank", "blanke")` is
/// "1 blank", `n_da(1000, …)` "1.000 blanke".
pub fn n_da(n: impl Into<i64>, one: &str, other: &str) -> String {
    let n = n.into();
    format!(
        "{} {}",
        group_thousands(n, '.'),
        if n == 1 { one } else { other }
    )
}

/// Fluent's own number formatting writes 50000; counts ≥ 1 000 get the separator.
fn grouped(value: &FluentValue, sep: char) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.options.use_grouping && n.value.fract() == 0.0 && n.value.abs() >= 1000.0 =>
        {
            Some(group_thousands(n.value as i64, sep))
        }
        _ => None,
    }
}

fn format_da<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped(value, '.')
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped(value, ',')
}

/// A sentence not yet in the catalogue: shown as written (Danish) in every language.
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new("plain").str("s", s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_owned())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.da())
    }
}

/// The catalogue's source, per language.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => include_str!("../locales/da.ftl"),
        Lang::En => include_str!("../locales/en.ftl"),
    }
}

fn make_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: the text goes into plain strings, PDFs and CSV files.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Da => format_da,
        Lang::En => format_en,
    }));
    let resource = FluentResource::try_new(source(lang).to_owned()).unwrap_or_else(|(r, _)| r);
    // Parse errors and duplicates are caught by the catalogue's tests.
    let _ = bundle.add_resource(resource);
    bundle
}

static DA: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| make_bundle(Lang::Da));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| make_bundle(Lang::En));

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;

    #[test]
    fn counts_have_thousands_separators_and_years_do_not() {
        assert_eq!(group_thousands(50_000, '.'), "50.000");
        assert_eq!(group_thousands(-1_234_567, ','), "-1,234,567");
        assert_eq!(group_thousands(999, '.'), "999");
        let t = Text::new("import-done").num("count", 50_000);
        assert!(
            t.render(Lang::Da).contains("50.000"),
            "{}",
            t.render(Lang::Da)
        );
        assert!(
            t.render(Lang::En).contains("50,000"),
            "{}",
            t.render(Lang::En)
        );
        let y = Text::new("term-until-assembly")
            .str("start", "1. marts 2026")
            .num("year", 2028);
        assert!(
            y.render(Lang::Da).contains("2028"),
            "{}",
            y.render(Lang::Da)
        );
    }

    /// Every variable a pattern uses, also inside selectors and variants.
    fn variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables<'s>(e: &ast::Expression<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => inline_variables(i, out),
        }
    }

    fn inline_variables<'s>(e: &ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
        match e {
            ast::InlineExpression::VariableReference { id } => out.push(id.name),
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            _ => {}
        }
    }

    fn messages(lang: Lang) -> Vec<(String, Vec<String>)> {
        let resource = fluent_syntax::parser::parse(source(lang))
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", lang.code()));
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => {
                    let mut vars = Vec::new();
                    if let Some(p) = &m.value {
                        variables(p, &mut vars);
                    }
                    vars.sort_unstable();
                    vars.dedup();
                    Some((
                        m.id.name.to_owned(),
                        vars.into_iter().map(str::to_owned).collect(),
                    ))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages_with_the_same_parameters() {
        let da = messages(Lang::Da);
        let en = messages(Lang::En);
        let ids =
            |m: &[(String, Vec<String>)]| m.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&da), ids(&en), "the same ids, in the same order");
        for ((id, a), (_, b)) in da.iter().zip(&en) {
            assert_eq!(a, b, "{id} takes the same parameters in both languages");
        }
        let mut unique = ids(&da);
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), da.len(), "no id is defined twice");
    }

    /// Every entry renders in both languages with 0, 1, 2 and 1 000 for each parameter (a
    /// count selects its plural form; a name or a date is shown as the number), without an
    /// error from Fluent, without a brace left over, and typeset as a sentence: no "(er)"
    /// for a plural, no doubled full stop, no "(" glued to a word, and 1 000 grouped unless
    /// the parameter is a year or a number that names something.
    #[test]
    fn every_entry_renders_in_both_languages_with_0_1_2_and_1000() {
        let mut wrong = Vec::new();
        for lang in [Lang::Da, Lang::En] {
            let bundle = bundle(lang);
            for (id, vars) in messages(lang) {
                for n in [0, 1, 2, 1000i64] {
                    let mut args = FluentArgs::new();
                    for v in &vars {
                        args.set(v.clone(), FluentValue::from(n));
                    }
                    let pattern = bundle
                        .get_message(&id)
                        .and_then(|m| m.value())
                        .unwrap_or_else(|| panic!("{id} has no value"));
                    let mut errors = Vec::new();
                    let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(
                        errors.is_empty(),
                        "{id} ({}) with {n}: {errors:?}",
                        lang.code()
                    );
                    assert!(!out.contains('{') && !out.contains('}'), "{id}: {out}");
                    assert!(!out.trim().is_empty() || id == "plain", "{id} is empty");
                    let out = out.replace(['\u{2068}', '\u{2069}'], "");
                    let chars: Vec<char> = out.chars().collect();
                    let glued = chars
                        .windows(2)
                        .any(|w| w[0].is_alphanumeric() && w[1] == '(');
                    let identifiers = vars.iter().any(|v| IDENTIFIERS.contains(&v.as_str()));
                    for (bad, why) in [
                        (
                            out.contains("(er)") || out.contains("(r)") || out.contains("(e)"),
                            "a plural in brackets",
                        ),
                        (out.contains(".."), "a doubled full stop"),
                        (glued, "a bracket glued to a word"),
                        (
                            n == 1000 && out.contains("1000") && !identifiers,
                            "1000 not grouped",
                        ),
                    ] {
                        if bad {
                            wrong.push(format!("{id} ({}) with {n}: {why}: {out}", lang.code()));
                        }
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let days = |n: i64, lang| Text::new("days").num("days", n).render(lang);
        assert_eq!(days(0, Lang::Da), "0 dage");
        assert_eq!(days(1, Lang::Da), "1 dag");
        assert_eq!(days(2, Lang::Da), "2 dage");
        assert_eq!(days(1, Lang::En), "1 day");
        assert_eq!(days(2, Lang::En), "2 days");
        let votes = Text::new("decision-more-votes")
            .num("cast", 1)
            .num("room", 0);
        assert!(votes
            .da()
            .starts_with("Der er talt 1 stemme, men kun 0 stemmer i salen"));
        let month = Text::new("month").num("n", 3);
        let window = Text::new("window-latest-month").text("month", month);
        assert!(window.render(Lang::Da).ends_with("senest i marts."));
        assert!(window.render(Lang::En).ends_with("by the end of March."));
        assert_eq!(
            Text::from("Endnu ikke oversat").render(Lang::En),
            "Endnu ikke oversat"
        );
        assert_eq!(Text::new("no-such-id").render(Lang::En), "no-such-id");
    }

    /// Every id the code names (`Text::new("…")` anywhere in the workspace's sources) is in
    /// the catalogue.
    #[test]
    fn every_id_in_the_code_is_in_the_catalogue() {
        let known: Vec<String> = messages(Lang::Da).into_iter().map(|(id, _)| id).collect();
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![crates];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut used = 0;
        for file in files {
            let code = std::fs::read_to_string(&file).unwrap_or_default();
            for part in code.split("Text::new(\"").skip(1) {
                let id = part.split('"').next().unwrap_or_default();
                if id == "no-such-id" || id.contains('…') {
                    continue;
                }
                used += 1;
                assert!(
                    known.iter().any(|k| k == id),
                    "{} names {id}, which the catalogue lacks",
                    file.display()
                );
            }
        }
        assert!(used > 20, "the scan found the ids ({used})");
    }
}
