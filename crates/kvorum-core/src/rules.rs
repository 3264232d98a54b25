//! The bylaws' rule settings and the rules that read them. Danish law leaves almost
//! everything to the bylaws, so every number here is a setting with the usual value as its
//! default (DOMAIN.md), and every answer carries a Danish explanation fit for the minutes.
//! Fractions are exact: no floating point decides a vote.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::format_date;
use crate::fees::{fee_status, FeeRate, FeeStatus, Payment};
use crate::members::Member;
use crate::text::{Lang, Text};
use crate::validation::FieldErrors;

/// An exact share, e.g. 2/3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

impl Fraction {
    pub const HALF: Fraction = Fraction { num: 1, den: 2 };
    pub const TWO_THIRDS: Fraction = Fraction { num: 2, den: 3 };
    pub const THREE_QUARTERS: Fraction = Fraction { num: 3, den: 4 };

    pub fn is_valid(self) -> bool {
        self.den > 0 && self.num > 0 && self.num <= self.den
    }

    /// `share * base`, rounded up: the least whole number that is at least that share.
    pub fn at_least(self, base: u32) -> u32 {
        let p = u64::from(base) * u64::from(self.num);
        u32::try_from(p.div_ceil(u64::from(self.den.max(1)))).unwrap_or(u32::MAX)
    }

    /// The least whole number that is strictly more than `share * base`.
    pub fn more_than(self, base: u32) -> u32 {
        let p = u64::from(base) * u64::from(self.num);
        u32::try_from(p / u64::from(self.den.max(1)) + 1).unwrap_or(u32::MAX)
    }

    /// The share as the catalogue says it ("halvdelen", "2/3"; "half", "2/3").
    pub fn text(self) -> Text {
        Text::new("fraction")
            .num("num", self.num)
            .num("den", self.den)
    }

    /// "2/3", "halvdelen" for 1/2.
    pub fn text_da(self) -> String {
        match (self.num, self.den) {
            (1, 2) => "halvdelen".into(),
            (n, d) => format!("{n}/{d}"),
        }
    }

    /// Reads "2/3", "3/4", "1/2".
    pub fn parse(s: &str) -> Result<Fraction, Text> {
        let (a, b) = s
            .trim()
            .split_once('/')
            .ok_or_else(|| Text::new("fraction-bad").str("value", s))?;
        let f = Fraction {
            num: a
                .trim()
                .parse()
                .map_err(|_| Text::new("fraction-bad").str("value", s))?,
            den: b
                .trim()
                .parse()
                .map_err(|_| Text::new("fraction-bad").str("value", s))?,
        };
        if f.is_valid() {
            Ok(f)
        } else {
            Err(Text::new("fraction-range").str("value", s))
        }
    }
}

/// What the share of a decision is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MajorityBase {
    /// De afgivne stemmer (for + imod, and blanks where they count).
    VotesCast,
    /// De fremmødte stemmeberettigede.
    PresentWithVote,
    /// Alle stemmeberettigede medlemmer.
    AllWithVote,
}

/// What happens when a decision lacks its quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Fallback {
    /// Nothing: the proposal falls.
    None,
    /// A second assembly within `within_days` decides by `majority` of votes cast,
    /// regardless of how many attend.
    SecondAssembly {
        within_days: u32,
        majority: Fraction,
        strict: bool,
    },
}

/// The rule for one kind of decision (ordinary, bylaw amendment, dissolution, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRule {
    /// `ordinary`, `amendment`, `dissolution`, `exclusion`, or one the association adds.
    pub kind: String,
    /// Danish name, e.g. "Vedtægtsændring".
    pub name: String,
    pub majority: Fraction,
    /// True: strictly more than the share (simple majority); false: at least the share.
    pub strict: bool,
    pub base: MajorityBase,
    /// Whether blank votes count as votes cast (and so work as "no").
    pub blank_counts: bool,
    /// Share of all members with voting right that must be present, if any.
    pub quorum: Option<Fraction>,
    pub fallback: Fallback,
    /// Must it be adopted at two consecutive assemblies (e.g. dissolution)?
    pub two_assemblies: bool,
    /// The § (section key) the rule comes from.
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrdinaryAssemblyRules {
    /// The assembly is held no later than the end of this month (e.g. 3 = "senest i marts").
    pub latest_month: Option<u32>,
    pub notice_days: u32,
    pub proposal_deadline_days: u32,
    /// The final agenda with proposals is sent this many days before, if the bylaws say so.
    pub final_agenda_days: Option<u32>,
    /// Notice of an assembly may be given by e-mail (»ved e-mail eller brev«) to members
    /// who have given an address; the others, or everyone when not, get a letter. A notice
    /// is a membership matter under the bylaws, not marketing: no newsletter consent needed.
    pub notice_by_email: bool,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExtraordinaryAssemblyRules {
    pub board_may_call: bool,
    /// Members may demand it when this share of the members asks in writing.
    pub member_share: Option<Fraction>,
    /// … or this number of members.
    pub member_count: Option<u32>,
    /// It must be held within this many days of the demand.
    pub hold_within_days: u32,
    pub notice_days: u32,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VotingRules {
    /// The fee for the assembly's year must be paid.
    pub fee_paid_required: bool,
    /// A payment counts only if made at least this many days before the assembly (0: up to the day).
    pub payment_days_before: u32,
    pub min_membership_days: u32,
    pub min_age: Option<u32>,
    pub proxies_allowed: bool,
    pub max_proxies_per_member: u32,
    /// Proxies must be registered this many days in advance, if any.
    pub proxy_registration_days: Option<u32>,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointedSeat {
    /// e.g. "Guldborgsund Kommune"
    pub appointed_by: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardRules {
    pub seats_min: u32,
    pub seats_max: u32,
    /// Elected seats.
    pub seats: u32,
    pub term_years: u32,
    /// Half the board each year: this many seats in even years, the rest in odd years.
    pub staggered: bool,
    pub seats_in_even_years: u32,
    /// Positions the assembly elects directly (e.g. `chair`); the rest by constitution.
    pub directly_elected: Vec<String>,
    pub alternates: u32,
    pub alternate_term_years: u32,
    pub alternates_ranked: bool,
    /// Alternates are the runners-up of the board election rather than a separate election.
    pub alternates_from_same_vote: bool,
    pub appointed: Vec<AppointedSeat>,
    pub auditors: u32,
    pub auditor_alternates: u32,
    pub auditor_term_years: u32,
    pub eligibility_requires_voting_right: bool,
    /// Share of the board that must be present for it to decide (board meetings).
    #[serde(default = "half")]
    pub quorum: Fraction,
    /// True: strictly more than the share ("mere end halvdelen").
    #[serde(default = "yes")]
    pub quorum_strict: bool,
    pub section: Option<String>,
}

fn half() -> Fraction {
    Fraction::HALF
}
fn yes() -> bool {
    true
}

impl BoardRules {
    /// All seats at the board table: elected and appointed.
    pub fn size(&self) -> u32 {
        self.seats + self.appointed.iter().map(|a| a.count).sum::<u32>()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TieRule {
    Lot,
    RunOff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ElectionRules {
    /// Each voter marks at most as many candidates as there are seats.
    pub max_marks_is_seats: bool,
    pub written_ballot_when_contested: bool,
    pub written_ballot_on_request: bool,
    pub ties: TieRule,
    pub section: Option<String>,
}

/// All the settings the bylaws carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleSettings {
    pub ordinary: OrdinaryAssemblyRules,
    pub extraordinary: ExtraordinaryAssemblyRules,
    pub voting: VotingRules,
    pub decisions: Vec<DecisionRule>,
    pub board: BoardRules,
    pub election: ElectionRules,
    pub fiscal_year_start_month: u32,
    pub fiscal_section: Option<String>,
}

fn s(key: &str) -> Option<String> {
    Some(key.to_owned())
}

impl Default for RuleSettings {
    /// The usual values of Danish bylaws (DOMAIN.md), linked to the template's sections.
    fn default() -> Self {
        let decision = |kind: &str, name: &str, majority: Fraction, strict: bool, section: &str| {
            DecisionRule {
                kind: kind.into(),
                name: name.into(),
                majority,
                strict,
                base: MajorityBase::VotesCast,
                blank_counts: false,
                quorum: None,
                fallback: Fallback::None,
                two_assemblies: false,
                section: s(section),
            }
        };
        RuleSettings {
            ordinary: OrdinaryAssemblyRules {
                latest_month: Some(3),
                notice_days: 14,
                proposal_deadline_days: 8,
                final_agenda_days: Some(7),
                notice_by_email: true,
                section: s("generalforsamling"),
            },
            extraordinary: ExtraordinaryAssemblyRules {
                board_may_call: true,
                member_share: Some(Fraction { num: 1, den: 4 }),
                member_count: None,
                hold_within_days: 28,
                notice_days: 14,
                section: s("ekstraordinaer"),
            },
            voting: VotingRules {
                fee_paid_required: true,
                payment_days_before: 0,
                min_membership_days: 0,
                min_age: None,
                proxies_allowed: true,
                max_proxies_per_member: 1,
                proxy_registration_days: None,
                section: s("stemmeret"),
            },
            decisions: vec![
                decision(
                    "ordinary",
                    "Almindelig beslutning",
                    Fraction::HALF,
                    true,
                    "stemmeret",
                ),
                DecisionRule {
                    quorum: Some(Fraction { num: 1, den: 3 }),
                    fallback: Fallback::SecondAssembly {
                        within_days: 28,
                        majority: Fraction::TWO_THIRDS,
                        strict: false,
                    },
                    ..decision(
                        "amendment",
                        "Vedtægtsændring",
                        Fraction::TWO_THIRDS,
                        false,
                        "vedtaegtsaendring",
                    )
                },
                DecisionRule {
                    two_assemblies: true,
                    ..decision(
                        "dissolution",
                        "Opløsning",
                        Fraction::TWO_THIRDS,
                        false,
                        "oploesning",
                    )
                },
                decision(
                    "exclusion",
                    "Eksklusion",
                    Fraction::TWO_THIRDS,
                    false,
                    "medlemskab",
                ),
            ],
            board: BoardRules {
                seats_min: 3,
                seats_max: 7,
                seats: 5,
                term_years: 2,
                staggered: true,
                seats_in_even_years: 3,
                directly_elected: vec![],
                alternates: 2,
                alternate_term_years: 1,
                alternates_ranked: true,
                alternates_from_same_vote: false,
                appointed: vec![AppointedSeat {
                    appointed_by: "Kommunen".into(),
                    count: 1,
                }],
                auditors: 1,
                auditor_alternates: 1,
                auditor_term_years: 1,
                eligibility_requires_voting_right: true,
                quorum: Fraction::HALF,
                quorum_strict: true,
                section: s("bestyrelse"),
            },
            election: ElectionRules {
                max_marks_is_seats: true,
                written_ballot_when_contested: true,
                written_ballot_on_request: true,
                ties: TieRule::Lot,
                section: s("bestyrelse"),
            },
            fiscal_year_start_month: 1,
            fiscal_section: s("regnskab"),
        }
    }
}

impl RuleSettings {
    pub fn decision(&self, kind: &str) -> Option<&DecisionRule> {
        self.decisions.iter().find(|d| d.kind == kind)
    }

    /// Checks the settings; field names are dotted paths, e.g. `ordinary.noticeDays`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        let o = &self.ordinary;
        if !(1..=120).contains(&o.notice_days) {
            e.push("ordinary.noticeDays", Text::new("rules-notice-days"));
        }
        if o.proposal_deadline_days > 120 {
            e.push(
                "ordinary.proposalDeadlineDays",
                Text::new("rules-proposal-days"),
            );
        }
        if o.latest_month.is_some_and(|m| !(1..=12).contains(&m)) {
            e.push("ordinary.latestMonth", Text::new("rules-month"));
        }
        if o.final_agenda_days.is_some_and(|d| d > o.notice_days) {
            e.push(
                "ordinary.finalAgendaDays",
                Text::new("rules-final-agenda-before-notice"),
            );
        }
        if self
            .extraordinary
            .member_share
            .is_some_and(|f| !f.is_valid())
        {
            e.push("extraordinary.memberShare", Text::new("rules-share"));
        }
        if self.voting.proxies_allowed && self.voting.max_proxies_per_member == 0 {
            e.push(
                "voting.maxProxiesPerMember",
                Text::new("rules-proxies-zero"),
            );
        }
        for (i, d) in self.decisions.iter().enumerate() {
            if !d.majority.is_valid() {
                e.push(
                    &format!("decisions.{i}.majority"),
                    Text::new("rules-majority-bad").str("name", &d.name),
                );
            }
            if d.quorum.is_some_and(|q| !q.is_valid()) {
                e.push(
                    &format!("decisions.{i}.quorum"),
                    Text::new("rules-quorum-bad").str("name", &d.name),
                );
            }
        }
        for kind in ["ordinary", "amendment", "dissolution"] {
            if self.decision(kind).is_none() {
                e.push(
                    "decisions",
                    Text::new("rules-decision-missing").str("kind", kind),
                );
            }
        }
        let b = &self.board;
        if b.seats_min > b.seats_max || !(b.seats_min..=b.seats_max).contains(&b.seats) {
            e.push("board.seats", Text::new("rules-board-seats"));
        }
        if !(1..=6).contains(&b.term_years) {
            e.push("board.termYears", Text::new("rules-term-years"));
        }
        if b.staggered && b.seats_in_even_years > b.seats {
            e.push("board.seatsInEvenYears", Text::new("rules-even-years"));
        }
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            e.push("fiscalYearStartMonth", Text::new("rules-fiscal-month"));
        }
        e.into_result(|| ())
    }
}

/// Whether a member may vote at an assembly, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VotingRight {
    pub entitled: bool,
    /// Each reason a member may not vote, in Danish; empty when entitled.
    pub reasons: Vec<String>,
    pub explanation: String,
}

/// `voting_right(member, fees, assembly_date, rules)`: the bylaws' test, with the reasons.
pub fn voting_right(
    member: &Member,
    rates: &[FeeRate],
    payments: &[Payment],
    assembly_date: NaiveDate,
    rules: &VotingRules,
) -> VotingRight {
    let mut reasons = Vec::new();
    if !member.active_on(assembly_date) {
        reasons.push(match member.left_on {
            Some(l) if l <= assembly_date => format!("Udmeldt {}", format_date(l)),
            _ => format!(
                "Ikke medlem på dagen (indmeldt {})",
                format_date(member.joined_on)
            ),
        });
    } else {
        let days = (assembly_date - member.joined_on).num_days();
        if days < i64::from(rules.min_membership_days) {
            reasons.push(format!(
                "Medlem i {days} dage; vedtægterne kræver {} dage (indmeldt {})",
                rules.min_membership_days,
                format_date(member.joined_on)
            ));
        }
    }
    if let Some(min_age) = rules.min_age {
        let min = i32::try_from(min_age).unwrap_or(i32::MAX);
        match (member.birth_date, member.birth_year) {
            // Only the year: old enough for sure, too young for sure, or the birthday this
            // year decides, which the register cannot tell.
            (None, Some(y)) => {
                let age = assembly_date.year() - y;
                if age == min {
                    reasons.push(format!(
                        "Født i {y}: om medlemmet er fyldt {min_age} år, kan ikke ses, da kun fødselsåret gemmes"
                    ));
                } else if age < min {
                    reasons.push(format!("Under {min_age} år"));
                }
            }
            (None, None) => reasons.push(format!(
                "Fødselsdato mangler, så alderskravet ({min_age} år) kan ikke tjekkes"
            )),
            (Some(b), _) => {
                let mut age = assembly_date.year() - b.year();
                if (assembly_date.month(), assembly_date.day()) < (b.month(), b.day()) {
                    age -= 1;
                }
                if age < min {
                    reasons.push(format!("Under {min_age} år"));
                }
            }
        }
    }
    if rules.fee_paid_required {
        let year = assembly_date.year();
        let cutoff = assembly_date - Duration::days(i64::from(rules.payment_days_before));
        let counted: Vec<Payment> = payments
            .iter()
            .filter(|p| p.paid_on <= cutoff)
            .cloned()
            .collect();
        match fee_status(member, year, rates, &counted) {
            FeeStatus::Paid { .. } | FeeStatus::NoFee | FeeStatus::NotMember => {}
            FeeStatus::PartlyPaid { .. } => {
                reasons.push(format!("Kontingent for {year} er kun delvist betalt"))
            }
            FeeStatus::Unpaid { .. } => {
                let late = fee_status(member, year, rates, payments).is_settled();
                reasons.push(if late {
                    format!(
                        "Kontingent for {year} er betalt for sent (skulle være betalt senest {})",
                        format_date(cutoff)
                    )
                } else {
                    format!("Kontingent for {year} er ikke betalt")
                });
            }
        }
    }
    let entitled = reasons.is_empty();
    let explanation = if entitled {
        "Har stemmeret".to_owned()
    } else {
        format!("Ingen stemmeret: {}", reasons.join("; "))
    };
    VotingRight {
        entitled,
        reasons,
        explanation,
    }
}

/// The dates an ordinary assembly's preparation must keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Deadlines {
    pub assembly_date: NaiveDate,
    pub latest_notice: NaiveDate,
    pub proposal_deadline: NaiveDate,
    pub final_agenda: Option<NaiveDate>,
    /// False when the date is outside the bylaws' month window.
    pub within_window: bool,
    pub explanation: String,
}

/// The notice, proposal and final-agenda dates for an assembly on `assembly_date`, with the
/// sentence that says them in `lang`.
pub fn deadlines(assembly_date: NaiveDate, rules: &OrdinaryAssemblyRules, lang: Lang) -> Deadlines {
    let before = |d: u32| assembly_date - Duration::days(i64::from(d));
    let latest_notice = before(rules.notice_days);
    let proposal_deadline = before(rules.proposal_deadline_days);
    let final_agenda = rules.final_agenda_days.map(before);
    let within_window = rules
        .latest_month
        .is_none_or(|m| assembly_date.month() <= m);
    let said = match final_agenda {
        Some(f) => Text::new("deadlines-final").str("final", format_date(f)),
        None => Text::new("deadlines"),
    }
    .str("notice", format_date(latest_notice))
    .num("days", rules.notice_days)
    .str("proposals", format_date(proposal_deadline));
    let mut explanation = said.render(lang);
    if !within_window {
        let month = Text::new("month").num("n", rules.latest_month.unwrap_or(12));
        explanation.push(' ');
        explanation.push_str(
            &Text::new("deadlines-window")
                .text("month", month)
                .render(lang),
        );
    }
    Deadlines {
        assembly_date,
        latest_notice,
        proposal_deadline,
        final_agenda,
        within_window,
        explanation,
    }
}

/// Whether a notice sent on `sent_on` lawfully called the assembly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeCheck {
    pub lawful: bool,
    /// No notice yet, but its deadline has not passed: nothing is wrong yet.
    pub pending: bool,
    pub days_before: i64,
    /// What was sent when, against what the bylaws require, with the verdict.
    pub explanation: String,
    /// The same without the verdict (the minutes state the verdict in their own words).
    pub facts: String,
}

pub fn check_notice(
    sent_on: NaiveDate,
    assembly_date: NaiveDate,
    notice_days: u32,
    lang: Lang,
) -> NoticeCheck {
    let days_before = (assembly_date - sent_on).num_days();
    let lawful = days_before >= i64::from(notice_days);
    let facts = Text::new("notice-facts")
        .str("sent", format_date(sent_on))
        .num("before", days_before)
        .num("days", notice_days);
    let explanation = Text::new("notice-sent")
        .text("facts", facts.clone())
        .str("lawful", if lawful { "yes" } else { "no" })
        .render(lang);
    NoticeCheck {
        lawful,
        pending: false,
        days_before,
        explanation,
        facts: facts.render(lang),
    }
}

/// The votes of one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteCounts {
    pub for_votes: u32,
    pub against: u32,
    pub blank: u32,
    pub invalid: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DecisionResult {
    Adopted,
    Rejected,
    /// Too few present: the bylaws' fallback applies.
    NotQuorate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionOutcome {
    pub result: DecisionResult,
    /// Votes for needed to adopt.
    pub required: u32,
    /// The number the share was taken of.
    pub base: u32,
    /// What to do next when not quorate.
    pub fallback: Option<Fallback>,
    /// Also needs adopting at the next assembly (e.g. dissolution).
    pub needs_second_assembly: bool,
    pub explanation: String,
}

/// `decide(kind, counts, present_with_vote, members_with_vote, rules)`.
pub fn decide(
    rule: &DecisionRule,
    counts: VoteCounts,
    present_with_vote: u32,
    members_with_vote: u32,
) -> DecisionOutcome {
    let VoteCounts {
        for_votes,
        against,
        blank,
        invalid,
    } = counts;
    // Counts come from the user: summed saturating, so absurd numbers give a result, not a panic.
    let counted_blank = if rule.blank_counts { blank } else { 0 };
    let cast = for_votes
        .saturating_add(against)
        .saturating_add(counted_blank);
    let (base, base_text) = match rule.base {
        MajorityBase::VotesCast => (cast, "af de afgivne stemmer"),
        MajorityBase::PresentWithVote => (present_with_vote, "af de fremmødte stemmeberettigede"),
        MajorityBase::AllWithVote => (members_with_vote, "af alle stemmeberettigede medlemmer"),
    };
    let required = if rule.strict {
        rule.majority.more_than(base)
    } else {
        rule.majority.at_least(base)
    }
    .max(1);
    let share_text = if rule.strict && rule.majority == Fraction::HALF {
        format!("Krævet simpelt flertal (mere end halvdelen {base_text}): {required}")
    } else if rule.strict {
        format!(
            "Krævet mere end {} {base_text}: {required}",
            rule.majority.text_da()
        )
    } else {
        format!("Krævet {} {base_text}: {required}", rule.majority.text_da())
    };
    let mut tally = format!(
        "{} for, {} imod, {}",
        crate::text::group_thousands(for_votes.into(), '.'),
        crate::text::group_thousands(against.into(), '.'),
        crate::text::n_da(blank, "blank", "blanke")
    );
    if invalid > 0 {
        tally.push_str(&format!(
            ", {}",
            crate::text::n_da(invalid, "ugyldig", "ugyldige")
        ));
    }
    if !rule.blank_counts && blank > 0 {
        tally.push_str(" (blanke stemmer tæller ikke med)");
    }
    if let Some(q) = rule.quorum {
        let needed = q.at_least(members_with_vote);
        if present_with_vote < needed {
            let next = match &rule.fallback {
                Fallback::SecondAssembly { within_days, majority, strict } => format!(
                    " Forslaget kan vedtages på en ny generalforsamling inden {within_days} dage med {}{} af de afgivne stemmer, uanset antal fremmødte.",
                    if *strict { "mere end " } else { "" },
                    majority.text_da()
                ),
                Fallback::None => " Forslaget er bortfaldet.".into(),
            };
            return DecisionOutcome {
                result: DecisionResult::NotQuorate,
                required,
                base,
                fallback: Some(rule.fallback.clone()),
                needs_second_assembly: matches!(rule.fallback, Fallback::SecondAssembly { .. }),
                explanation: format!(
                    "Ikke beslutningsdygtig: {present_with_vote} stemmeberettigede til stede; vedtægterne kræver {} af {members_with_vote} ({}).{next}",
                    q.text_da(),
                    needed
                ),
            };
        }
    }
    let adopted = for_votes >= required;
    let mut explanation = format!(
        "{}: {tally}. {share_text}.",
        if adopted { "Vedtaget" } else { "Forkastet" }
    );
    if adopted && rule.two_assemblies {
        explanation.push_str(" Beslutningen skal også vedtages på den næste generalforsamling.");
    }
    DecisionOutcome {
        result: if adopted {
            DecisionResult::Adopted
        } else {
            DecisionResult::Rejected
        },
        required,
        base,
        fallback: None,
        needs_second_assembly: adopted && rule.two_assemblies,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn counts(f: u32, a: u32, b: u32) -> VoteCounts {
        VoteCounts {
            for_votes: f,
            against: a,
            blank: b,
            invalid: 0,
        }
    }

    #[test]
    fn the_issue_example() {
        let rules = RuleSettings::default();
        let amendment = rules.decision("amendment").unwrap();
        let out = decide(amendment, counts(14, 3, 2), 19, 40);
        assert_eq!(out.result, DecisionResult::Adopted);
        assert_eq!(out.required, 12);
        assert_eq!(
            out.explanation,
            "Vedtaget: 14 for, 3 imod, 2 blanke (blanke stemmer tæller ikke med). Krævet 2/3 af de afgivne stemmer: 12."
        );
    }

    #[test]
    fn exactly_two_thirds_is_enough_and_half_is_not_a_majority() {
        let rules = RuleSettings::default();
        let amendment = rules.decision("amendment").unwrap();
        assert_eq!(
            decide(amendment, counts(10, 5, 0), 15, 15).result,
            DecisionResult::Adopted
        );
        assert_eq!(
            decide(amendment, counts(9, 5, 0), 15, 15).result,
            DecisionResult::Rejected
        );
        let ordinary = rules.decision("ordinary").unwrap();
        assert_eq!(
            decide(ordinary, counts(5, 5, 0), 10, 10).result,
            DecisionResult::Rejected,
            "a tie falls"
        );
        assert_eq!(
            decide(ordinary, counts(6, 5, 3), 14, 14).result,
            DecisionResult::Adopted
        );
    }

    #[test]
    fn too_few_present_calls_for_a_second_assembly() {
        let rules = RuleSettings::default();
        let out = decide(
            rules.decision("amendment").unwrap(),
            counts(10, 0, 0),
            10,
            60,
        );
        assert_eq!(out.result, DecisionResult::NotQuorate);
        assert!(out.needs_second_assembly);
        assert!(
            out.explanation
                .contains("ny generalforsamling inden 28 dage"),
            "{}",
            out.explanation
        );
    }

    #[test]
    fn deadlines_and_notice() {
        let r = RuleSettings::default().ordinary;
        let d = deadlines(day(2027, 3, 20), &r, Lang::Da);
        assert_eq!(d.latest_notice, day(2027, 3, 6));
        assert_eq!(d.proposal_deadline, day(2027, 3, 12));
        assert_eq!(d.final_agenda, Some(day(2027, 3, 13)));
        assert!(d.within_window);
        assert!(!deadlines(day(2027, 4, 2), &r, Lang::Da).within_window);
        assert!(check_notice(day(2027, 3, 6), day(2027, 3, 20), 14, Lang::Da).lawful);
        let late = check_notice(day(2027, 3, 7), day(2027, 3, 20), 14, Lang::Da);
        assert!(!late.lawful);
        assert!(late.explanation.ends_with("ikke lovligt indkaldt."));
    }

    #[test]
    fn fractions_parse_and_validate() {
        assert_eq!(Fraction::parse("2/3"), Ok(Fraction::TWO_THIRDS));
        assert!(Fraction::parse("4/3").is_err());
        assert!(Fraction::parse("abc").is_err());
        assert!(RuleSettings::default().validate().is_ok());
    }

    fn member(joined: NaiveDate, birth: Option<NaiveDate>) -> Member {
        use crate::members::{builtin_membership_types, validate_member, MemberInput};
        let i = MemberInput {
            name: "Karin".into(),
            joined_on: Some(joined),
            birth_date: birth,
            birth_year: None,
            membership_type: "ordinary".into(),
            ..Default::default()
        };
        validate_member(&i, &builtin_membership_types(), day(2027, 1, 1))
            .unwrap()
            .into_member(crate::ids::MemberId::new(), 1, 1)
    }

    fn paid(m: &Member, on: NaiveDate) -> Payment {
        Payment {
            id: crate::ids::PaymentId::new(),
            member_id: m.id,
            year: 2027,
            paid_on: on,
            amount: crate::Money::from_kr(150),
            method: crate::fees::PaymentMethod::Cash,
            voucher_no: None,
        }
    }

    #[test]
    fn voting_right_says_why_not() {
        let rates = [FeeRate {
            year: 2027,
            membership_type: "ordinary".into(),
            amount: crate::Money::from_kr(150),
        }];
        let assembly = day(2027, 3, 20);
        let mut rules = RuleSettings::default().voting;
        let m = member(day(2020, 1, 1), None);
        let no = voting_right(&m, &rates, &[], assembly, &rules);
        assert_eq!(
            no.explanation,
            "Ingen stemmeret: Kontingent for 2027 er ikke betalt"
        );
        assert!(voting_right(&m, &rates, &[paid(&m, day(2027, 3, 20))], assembly, &rules).entitled);
        rules.payment_days_before = 7;
        let late = voting_right(&m, &rates, &[paid(&m, day(2027, 3, 19))], assembly, &rules);
        assert!(
            late.reasons[0].contains("betalt for sent"),
            "{:?}",
            late.reasons
        );
        rules.payment_days_before = 0;
        rules.min_age = Some(15);
        let young = member(day(2026, 1, 1), Some(day(2012, 3, 21)));
        let r = voting_right(
            &young,
            &rates,
            &[paid(&young, day(2027, 1, 5))],
            assembly,
            &rules,
        );
        assert_eq!(r.reasons, ["Under 15 år"]);
        let birthday = member(day(2026, 1, 1), Some(day(2012, 3, 20)));
        assert!(
            voting_right(
                &birthday,
                &rates,
                &[paid(&birthday, day(2027, 1, 5))],
                assembly,
                &rules
            )
            .entitled
        );
        rules.min_age = None;
        rules.min_membership_days = 90;
        let newcomer = member(day(2027, 2, 1), None);
        let r = voting_right(
            &newcomer,
            &rates,
            &[paid(&newcomer, day(2027, 2, 1))],
            assembly,
            &rules,
        );
        assert!(
            r.reasons[0].starts_with("Medlem i 47 dage"),
            "{:?}",
            r.reasons
        );
        let mut gone = member(day(2020, 1, 1), None);
        gone.left_on = Some(day(2027, 2, 1));
        assert!(
            voting_right(&gone, &rates, &[], assembly, &rules).reasons[0].starts_with("Udmeldt")
        );
    }

    proptest! {
        /// More votes for never turns an adoption into a rejection.
        #[test]
        fn thresholds_are_monotone(f in 0u32..500, a in 0u32..500, b in 0u32..100, num in 1u32..5, extra in 0u32..4, strict: bool, blank_counts: bool) {
            let den = num + extra;
            let rule = DecisionRule { majority: Fraction { num, den }, strict, blank_counts, ..RuleSettings::default().decision("ordinary").unwrap().clone() };
            let before = decide(&rule, counts(f, a, b), 0, 0).result;
            let after = decide(&rule, counts(f + 1, a, b), 0, 0).result;
            if before == DecisionResult::Adopted {
                prop_assert_eq!(after, DecisionResult::Adopted);
            }
            let fewer_against = decide(&rule, counts(f, a.saturating_sub(1), b), 0, 0).result;
            if before == DecisionResult::Adopted {
                prop_assert_eq!(fewer_against, DecisionResult::Adopted);
            }
        }

        /// Blank votes change the result only where the setting counts them.
        #[test]
        fn blanks_count_only_when_set(f in 0u32..300, a in 0u32..300, b in 0u32..300) {
            let base = RuleSettings::default().decision("amendment").unwrap().clone();
            let not_counted = DecisionRule { blank_counts: false, ..base.clone() };
            prop_assert_eq!(decide(&not_counted, counts(f, a, b), 0, 0).result, decide(&not_counted, counts(f, a, 0), 0, 0).result);
            let counted = DecisionRule { blank_counts: true, ..base };
            prop_assert_eq!(decide(&counted, counts(f, a, b), 0, 0).base, f + a + b);
        }

        /// Exact arithmetic: "at least 2/3" means 3·for ≥ 2·cast, with no rounding error.
        #[test]
        fn exact_two_thirds(f in 1u32..10_000, a in 0u32..10_000) {
            let rule = RuleSettings::default().decision("amendment").unwrap().clone();
            let adopted = decide(&rule, counts(f, a, 0), 0, 0).result == DecisionResult::Adopted;
            prop_assert_eq!(adopted, 3 * u64::from(f) >= 2 * u64::from(f + a));
        }
    }

    #[test]
    fn absurd_counts_do_not_panic() {
        let rule = RuleSettings::default().decisions[0].clone();
        let counts = VoteCounts {
            for_votes: u32::MAX,
            against: 1,
            blank: u32::MAX,
            invalid: u32::MAX,
        };
        let out = decide(&rule, counts, u32::MAX, u32::MAX);
        assert!(!out.explanation.is_empty());
    }
}
