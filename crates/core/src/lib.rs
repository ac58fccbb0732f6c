//! THADS domain: the units of the enforcement system, cases (one enforcement decision each),
//! their dated histories and the state machine that checks them, money in whole đồng, the
//! legal rules kept as data, and what each case adds to the statistics ledger.
//!
//! Nothing here does IO: no files, no database, no clock (today is always a parameter).

pub mod access;
pub mod amount;
pub mod assets;
pub mod calendar;
pub mod case;
pub mod confidence;
pub mod dates;
pub mod deadlines;
pub mod event;
pub mod field;
pub mod grounds;
pub mod ledger;
pub mod lifecycle;
pub mod money;
pub mod percent;
pub mod rules;
pub mod staff;
pub mod state;
pub mod text;
pub mod unit;
pub mod versioned;

// The agency's registers beside the cases (issue 20).
pub mod admin_judgments;
pub mod complaints;
pub mod exemption;
pub mod reception;

// Monthly closing (issue 17).
pub mod periods;

// Reorganisations of units as dated operations (issue 23).
pub mod reorg;
// The staff registry (issue 23).
pub mod personnel;
// The citizens' portal (issue 21).
pub mod portal;
// Enforcement requests filed online (issue 21).
pub mod requests;

pub use amount::{Vnd, VndSum};
pub use case::{
    Case, CaseBasis, CaseDetails, CaseFacts, CaseId, CaseNo, Categories, Category, JudgmentType, Origin, PartyId,
};
pub use dates::{Clock, FixedClock, MonthKey, Period, ReportingYear};
pub use event::{Entry, Event, EventCode, EventId, EventRecord, Ground, SupersessionFault};
pub use lifecycle::{Reason, Refusal, Step};
pub use percent::Percent;
pub use rules::{Bucket, ClassificationRules, Rules};
pub use staff::{Login, Role, Staff, StaffId};
pub use state::{CaseState, Closing, Snapshot};
pub use unit::{Unit, UnitCode, UnitId, UnitKind, UnitTree};
