//! Typed internal ids. They are UUIDv7 so that an association's data can move between a
//! SQLite file and a PostgreSQL server without renumbering; human numbers are separate.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

macro_rules! typed_id {
    ($name:ident) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
        )]
        #[ts(type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered id (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

typed_id!(AssociationId);
typed_id!(MemberId);
typed_id!(ConsentId);
typed_id!(PaymentId);
typed_id!(FeeRateId);
typed_id!(BylawsVersionId);
typed_id!(MeetingId);
typed_id!(AgendaItemId);
typed_id!(ProposalId);
typed_id!(ProxyId);
typed_id!(DecisionId);
typed_id!(MinutesId);
typed_id!(TermId);
typed_id!(ElectionId);
typed_id!(CandidateId);
typed_id!(BudgetLineId);
typed_id!(BookingId);
typed_id!(AccountId);
typed_id!(ReminderId);
typed_id!(VoucherId);
typed_id!(StatementId);
typed_id!(GrantId);
typed_id!(FrikortWorkerId);
typed_id!(FrikortJobId);
