//! The register of complaints and denunciations (khiếu nại, tố cáo; schema 0016_complaints):
//! every letter received, as the domain records it (`thads_core::complaints`), with what the
//! register keeps beside it: where a letter outside authority went, the letter whose first
//! decision a second-level complaint contests, the reception session it came from, and who
//! registered it when. Checking a step is domain work above the store.

use thads_core::complaints::{ComplaintId, ComplaintRecord, Progress, ReferralKind};
use thads_core::reception::SessionId;
use time::OffsetDateTime;

use crate::StoreResult;

/// The columns of `complaints`, in the order the backends read a `ComplaintRow`.
pub const COMPLAINT_COLUMNS: &str = "id, unit_id, kind, object, level, channel, received_on, complainant, subject, \
                                     case_id, act_on, obstacle_days, same_matter_as, within_authority, \
                                     first_decision_of, session_id, accepted_on, referred_on, referral, referred_to, \
                                     extension_days, resolved_on, outcome, registered_by, registered_at";

/// Where a letter outside the agency's authority went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub kind: ReferralKind,
    /// The body it was forwarded to, or the one the complainant was told to write to.
    pub to: String,
}

/// A letter of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRow {
    pub record: ComplaintRecord,
    /// A second-level complaint: the letter whose first decision it contests.
    pub first_decision_of: Option<ComplaintId>,
    /// The reception session the letter was handed in at.
    pub session: Option<SessionId>,
    pub referral: Option<Referral>,
    pub registered_by: String,
    pub registered_at: OffsetDateTime,
}

/// Reading the register.
pub trait Complaints {
    /// Every letter, by id.
    fn complaints(&self) -> StoreResult<Vec<ComplaintRow>>;
    fn complaint(&self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>>;
}

/// Writing the register, in a transaction.
pub trait ComplaintsTx {
    /// The letter as this transaction sees it, locked against concurrent steps.
    fn complaint_for_update(&mut self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>>;
    /// Inserts a letter (its `record.id` is ignored) and returns its id. `Invalid` when a
    /// letter, case, unit or session it names does not exist.
    fn insert_complaint(&mut self, row: &ComplaintRow) -> StoreResult<ComplaintId>;
    /// Replaces the steps of a letter; `NotFound` if there is none.
    fn update_complaint_progress(
        &mut self,
        id: ComplaintId,
        progress: &Progress,
        referral: Option<&Referral>,
    ) -> StoreResult<()>;
}

/// The stored columns of one letter, as both backends read and write them (dates already
/// converted by the backend), so that codes are turned into values in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintColumns {
    pub id: i64,
    pub unit_id: i64,
    pub kind: String,
    pub object: Option<String>,
    pub level: String,
    pub channel: String,
    pub received_on: time::Date,
    pub complainant: String,
    pub subject: String,
    pub case_id: Option<i64>,
    pub act_on: Option<time::Date>,
    pub obstacle_days: i64,
    pub same_matter_as: Option<i64>,
    pub within_authority: bool,
    pub first_decision_of: Option<i64>,
    pub session_id: Option<i64>,
    pub accepted_on: Option<time::Date>,
    pub referred_on: Option<time::Date>,
    pub referral: Option<String>,
    pub referred_to: Option<String>,
    pub extension_days: i64,
    pub resolved_on: Option<time::Date>,
    pub outcome: Option<String>,
    pub registered_by: String,
    pub registered_at: i64,
}

impl ComplaintColumns {
    pub fn of(row: &ComplaintRow) -> ComplaintColumns {
        use thads_core::complaints::Matter;
        let f = &row.record.facts;
        let p = &row.record.progress;
        let (object, level) = match f.matter {
            Matter::KhieuNai { object, level } => (Some(object.code().to_string()), level),
            Matter::ToCao { level } => (None, level),
        };
        ComplaintColumns {
            id: row.record.id.0,
            unit_id: f.unit.0,
            kind: f.matter.kind().code().into(),
            object,
            level: level.code().into(),
            channel: f.channel.code().into(),
            received_on: f.received_on,
            complainant: f.complainant.clone(),
            subject: f.subject.clone(),
            case_id: f.case_id.map(|c| c.0),
            act_on: f.act_on,
            obstacle_days: i64::from(f.obstacle_days),
            same_matter_as: f.same_matter_as.map(|c| c.0),
            within_authority: f.within_authority,
            first_decision_of: row.first_decision_of.map(|c| c.0),
            session_id: row.session.map(|s| s.0),
            accepted_on: p.accepted_on,
            referred_on: p.referred_on,
            referral: row.referral.as_ref().map(|r| r.kind.code().into()),
            referred_to: row.referral.as_ref().map(|r| r.to.clone()),
            extension_days: i64::from(p.extension_days),
            resolved_on: p.resolution.map(|r| r.date),
            outcome: p.resolution.map(|r| r.outcome.code().into()),
            registered_by: row.registered_by.clone(),
            registered_at: row.registered_at.unix_timestamp(),
        }
    }

    /// The letter these columns hold; a code that does not parse is corrupt data.
    pub fn into_row(self) -> StoreResult<ComplaintRow> {
        use crate::StoreError;
        use thads_core::complaints::{
            Channel, ComplaintFacts, ComplaintKind, Level, Matter, Object, Outcome, Resolution,
        };
        let bad = |column: &str, value: &str| StoreError::corrupt(&format!("complaints.{column}"), value);
        let level = Level::parse(&self.level).map_err(|_| bad("level", &self.level))?;
        let matter = match ComplaintKind::parse(&self.kind).map_err(|_| bad("kind", &self.kind))? {
            ComplaintKind::KhieuNai => {
                let code = self.object.unwrap_or_default();
                Matter::KhieuNai { object: Object::parse(&code).map_err(|_| bad("object", &code))?, level }
            }
            ComplaintKind::ToCao => Matter::ToCao { level },
        };
        let resolution = match (self.resolved_on, self.outcome) {
            (Some(date), Some(code)) => {
                Some(Resolution { date, outcome: Outcome::parse(&code).map_err(|_| bad("outcome", &code))? })
            }
            _ => None,
        };
        let referral = match (self.referral, self.referred_to) {
            (Some(code), to) => Some(Referral {
                kind: ReferralKind::parse(&code).map_err(|_| bad("referral", &code))?,
                to: to.unwrap_or_default(),
            }),
            (None, _) => None,
        };
        let small = |column: &str, v: i64| u16::try_from(v).map_err(|_| bad(column, &v.to_string()));
        let facts = ComplaintFacts {
            unit: thads_core::UnitId(self.unit_id),
            matter,
            channel: Channel::parse(&self.channel).map_err(|_| bad("channel", &self.channel))?,
            received_on: self.received_on,
            complainant: self.complainant,
            subject: self.subject,
            case_id: self.case_id.map(thads_core::CaseId),
            act_on: self.act_on,
            obstacle_days: small("obstacle_days", self.obstacle_days)?,
            same_matter_as: self.same_matter_as.map(ComplaintId),
            within_authority: self.within_authority,
        };
        let progress = Progress {
            accepted_on: self.accepted_on,
            referred_on: self.referred_on,
            extension_days: small("extension_days", self.extension_days)?,
            resolution,
        };
        Ok(ComplaintRow {
            record: ComplaintRecord { id: ComplaintId(self.id), facts, progress },
            first_decision_of: self.first_decision_of.map(ComplaintId),
            session: self.session_id.map(SessionId),
            referral,
            registered_by: self.registered_by,
            registered_at: OffsetDateTime::from_unix_timestamp(self.registered_at)
                .map_err(|_| bad("registered_at", &self.registered_at.to_string()))?,
        })
    }
}
