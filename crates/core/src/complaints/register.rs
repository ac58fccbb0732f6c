//! A complaint or denunciation as registered, and what the law makes of it: whether it came
//! after its limitation period (it is registered all the same, with `late` and the citation:
//! every letter received goes into the register, TT 13/2021/TT-BTP Điều 5 khoản 2; whether to
//! accept a late one is the head's decision, Luật THADS 2008 Điều 141 khoản 4), the time limits
//! it runs under, and the checks of its later steps (acceptance, extension, referral,
//! resolution).

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::kinds::{Channel, ComplaintId, Level, Matter, Object, Outcome};
use super::limits::LimitKind;
use crate::calendar::WorkingCalendar;
use crate::case::CaseId;
use crate::dates::format_vn;
use crate::deadlines::{Due, Length, Limit, Limits};
use crate::field::{self, FieldError};
use crate::unit::UnitId;

/// The longest complainant name and subject kept.
/// Obstacle days beyond ten years are a typing slip, not a fact.
pub const OBSTACLE_MAX: u16 = 3650;

/// A letter as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFacts {
    pub unit: UnitId,
    pub matter: Matter,
    pub channel: Channel,
    pub received_on: Date,
    pub complainant: String,
    /// What it is about, in the register's words.
    pub subject: String,
    pub case_id: Option<CaseId>,
    /// A first complaint: the day the decision was received or the act became known. A second
    /// complaint: the day the first decision was received. `None`: unknown, no lateness judged.
    pub act_on: Option<Date>,
    /// Days of objective obstacle or force majeure (trở ngại khách quan, sự kiện bất khả kháng)
    /// not counted in the limitation period (Luật THADS 2008 Điều 140 khoản 2; NĐ 62/2015
    /// Điều 38 khoản 6): the period starts that many days later.
    pub obstacle_days: u16,
    /// An earlier letter with the same content: this one is linked to it and not counted again
    /// (domain §2.2.2; TT 13/2021/TT-BTP Điều 8 khoản 4 điểm a).
    pub same_matter_as: Option<ComplaintId>,
    /// Decided at registration from the authority table (`AuthorityRules::resolver`), or
    /// stated by the officer when the person complained of is not known.
    pub within_authority: bool,
}

/// A decision on the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub date: Date,
    pub outcome: Outcome,
}

/// What happened to a letter after it was registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    /// Thụ lý.
    pub accepted_on: Option<Date>,
    /// Chuyển đơn or hướng dẫn (a letter not within authority).
    pub referred_on: Option<Date>,
    /// Gia hạn: days added to the time limit to resolve.
    pub extension_days: u16,
    pub resolution: Option<Resolution>,
}

/// A stored letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRecord {
    pub id: ComplaintId,
    pub facts: ComplaintFacts,
    pub progress: Progress,
}

/// Why a letter or one of its steps is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintError {
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("ngày nhận đơn {} sau ngày hôm nay / received in the future", format_vn(*.0))]
    ReceivedInFuture(Date),
    #[error("ngày nhận quyết định / biết hành vi {} sau ngày nhận đơn / the act is dated after the letter", format_vn(*.0))]
    ActAfterReceipt(Date),
    #[error("số ngày trở ngại khách quan quá lớn (tối đa {OBSTACLE_MAX}) / too many obstacle days")]
    ObstacleTooLong,
    #[error(
        "«{}»: quyết định giải quyết lần đầu có hiệu lực thi hành, không có khiếu nại lần hai (NĐ 62/2015 Điều 38 \
         khoản 3) / no second-level complaint against a protective measure", .0.label_vi()
    )]
    NoSecondLevel(Object),
    #[error("ngày {} trước ngày nhận đơn / before the letter was received", format_vn(*.0))]
    BeforeReceipt(Date),
    #[error("ngày {} trước ngày thụ lý / before the letter was accepted", format_vn(*.0))]
    BeforeAcceptance(Date),
    #[error("ngày {} sau ngày hôm nay / dated in the future", format_vn(*.0))]
    InFuture(Date),
    #[error("đơn đã được giải quyết / the letter is already resolved")]
    AlreadyResolved,
    #[error("đơn đã được thụ lý / the letter is already accepted")]
    AlreadyAccepted,
    #[error("đơn đã được chuyển / hướng dẫn / the letter was already referred")]
    AlreadyReferred,
    #[error("đơn không thuộc thẩm quyền: chuyển đơn hoặc hướng dẫn / not within authority: refer it")]
    NotWithinAuthority,
    #[error("đơn thuộc thẩm quyền: thụ lý và giải quyết / within authority: accept and resolve it")]
    WithinAuthority,
    #[error(
        "đơn trùng nội dung với đơn {0:?}: ghi nhận trên đơn đầu tiên / a repeat letter: record it on the first one"
    )]
    Linked(ComplaintId),
    #[error("gia hạn phải từ 1 đến {max} ngày / an extension is 1 to {max} days")]
    Extension { max: u16 },
}

impl ComplaintFacts {
    /// The facts with their texts normalised and bounded, checked against each other and
    /// against `today`.
    pub fn checked(mut self, today: Date) -> Result<ComplaintFacts, ComplaintError> {
        self.complainant = field::COMPLAINANT.clean_required(&self.complainant)?;
        self.subject = field::SUBJECT.clean_required(&self.subject)?;
        if self.received_on > today {
            return Err(ComplaintError::ReceivedInFuture(self.received_on));
        }
        if let Some(act) = self.act_on.filter(|act| *act > self.received_on) {
            return Err(ComplaintError::ActAfterReceipt(act));
        }
        if self.obstacle_days > OBSTACLE_MAX {
            return Err(ComplaintError::ObstacleTooLong);
        }
        if let Matter::KhieuNai { object, level: Level::Second } = self.matter
            && matches!(object, Object::PhongToaTaiKhoan | Object::BaoDamKhac)
        {
            return Err(ComplaintError::NoSecondLevel(object));
        }
        Ok(self)
    }
}

/// The limitation period of a complaint: `None` for a denunciation (none applies) or when the
/// day of the act is unknown.
pub fn limitation<'l>(
    facts: &ComplaintFacts,
    limits: &'l Limits<LimitKind>,
    calendar: &WorkingCalendar,
) -> Option<Due<'l, LimitKind>> {
    let kind = match facts.matter {
        Matter::KhieuNai { object, level: Level::First } => LimitKind::Limitation { object },
        Matter::KhieuNai { level: Level::Second, .. } => LimitKind::NextLimitation,
        Matter::ToCao { .. } => return None,
    };
    let act = facts.act_on?;
    // The regime is the act's; the obstacle only pushes the period's end.
    let limit = limits.get(kind, limits.regime_on(act))?;
    let start = act.checked_add(Duration::days(i64::from(facts.obstacle_days)))?;
    Some(Due { started_on: act, due: limit.due(start, calendar), limit })
}

/// Lodged after the limitation period: registered all the same, flagged.
pub fn is_late(facts: &ComplaintFacts, limits: &Limits<LimitKind>, calendar: &WorkingCalendar) -> bool {
    limitation(facts, limits, calendar).is_some_and(|due| facts.received_on > due.due)
}

/// The answer to a registration (the contract's `201`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub within_authority: bool,
    /// The last day to resolve (within authority, acceptance assumed on its last lawful day
    /// until recorded) or to refer (not within authority); `None` for a linked repeat letter.
    pub due: Option<Date>,
    pub citation: Option<String>,
    pub late: bool,
    pub limitation_due: Option<Date>,
    pub limitation_citation: Option<String>,
}

/// What the register answers when a letter is recorded.
pub fn registration(facts: &ComplaintFacts, limits: &Limits<LimitKind>, calendar: &WorkingCalendar) -> Registration {
    let main = deadlines(facts, &Progress::default(), facts.received_on, limits, calendar)
        .into_iter()
        .find(|d| matches!(d.step, StepKind::Resolution | StepKind::Referral));
    let limitation = limitation(facts, limits, calendar);
    Registration {
        within_authority: facts.within_authority,
        due: main.map(|d| d.due),
        citation: main.map(|d| d.limit.citation.clone()),
        late: limitation.is_some_and(|l| facts.received_on > l.due),
        limitation_due: limitation.map(|l| l.due),
        limitation_citation: limitation.map(|l| l.limit.citation.clone()),
    }
}

/// Which step a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Acceptance,
    Resolution,
    Referral,
}

/// A time limit of a letter that is running or has run out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ComplaintDeadline<'l> {
    pub step: StepKind,
    pub started_on: Date,
    /// The last day, with any extension.
    pub due: Date,
    pub overdue: bool,
    /// The resolution clock started on an assumed acceptance (the last day of the acceptance
    /// limit), because no acceptance is recorded yet.
    pub assumed_start: bool,
    pub extended_by: u16,
    pub limit: &'l Limit<LimitKind>,
}

/// The deadlines of a letter on `on`: acceptance and resolution when within authority,
/// referral when not. A resolved or referred letter has none, nor has a linked repeat letter
/// (its first letter carries them).
pub fn deadlines<'l>(
    facts: &ComplaintFacts,
    progress: &Progress,
    on: Date,
    limits: &'l Limits<LimitKind>,
    calendar: &WorkingCalendar,
) -> Vec<ComplaintDeadline<'l>> {
    if facts.same_matter_as.is_some() || progress.resolution.is_some() || on < facts.received_on {
        return Vec::new();
    }
    let at = |step, due: Due<'l, LimitKind>, assumed_start, extended_by, end: Date| ComplaintDeadline {
        step,
        started_on: due.started_on,
        due: end,
        overdue: end < on,
        assumed_start,
        extended_by,
        limit: due.limit,
    };
    let mut out = Vec::new();
    if !facts.within_authority {
        if progress.referred_on.is_none()
            && let Some(due) =
                limits.from(LimitKind::Referral { kind: facts.matter.kind() }, facts.received_on, calendar)
        {
            out.push(at(StepKind::Referral, due, false, 0, due.due));
        }
        return out;
    }
    let acceptance = limits.from(acceptance_kind(facts.matter), facts.received_on, calendar);
    if let (None, Some(due)) = (progress.accepted_on, acceptance) {
        out.push(at(StepKind::Acceptance, due, false, 0, due.due));
    }
    let start = progress.accepted_on.or(acceptance.map(|a| a.due));
    if let Some(due) = start.and_then(|s| limits.from(resolution_kind(facts.matter), s, calendar)) {
        let end = extended(due.due, progress.extension_days, calendar);
        out.push(at(StepKind::Resolution, due, progress.accepted_on.is_none(), progress.extension_days, end));
    }
    out
}

fn extended(due: Date, days: u16, calendar: &WorkingCalendar) -> Date {
    if days == 0 { due } else { Length::days(days).end(due, calendar) }
}

fn acceptance_kind(matter: Matter) -> LimitKind {
    match matter {
        Matter::KhieuNai { level, .. } => LimitKind::Acceptance { level },
        Matter::ToCao { .. } => LimitKind::DenunciationAcceptance,
    }
}

fn resolution_kind(matter: Matter) -> LimitKind {
    match matter {
        Matter::KhieuNai { object, level } => LimitKind::Resolution { object, level },
        Matter::ToCao { .. } => LimitKind::DenunciationResolution,
    }
}

fn extension_kind(matter: Matter) -> LimitKind {
    match matter {
        Matter::KhieuNai { .. } => LimitKind::Extension,
        Matter::ToCao { .. } => LimitKind::DenunciationExtension,
    }
}

/// Checks that `date` is a possible date for a step of `record`.
fn check_date(record: &ComplaintRecord, date: Date, today: Date) -> Result<(), ComplaintError> {
    if date > today {
        return Err(ComplaintError::InFuture(date));
    }
    if date < record.facts.received_on {
        return Err(ComplaintError::BeforeReceipt(date));
    }
    match record.facts.same_matter_as {
        Some(first) => Err(ComplaintError::Linked(first)),
        None => Ok(()),
    }
}

/// Thụ lý on `date`.
pub fn check_acceptance(record: &ComplaintRecord, date: Date, today: Date) -> Result<(), ComplaintError> {
    check_date(record, date, today)?;
    let p = &record.progress;
    if p.resolution.is_some() {
        return Err(ComplaintError::AlreadyResolved);
    }
    if p.accepted_on.is_some() {
        return Err(ComplaintError::AlreadyAccepted);
    }
    if !record.facts.within_authority {
        return Err(ComplaintError::NotWithinAuthority);
    }
    Ok(())
}

/// Chuyển đơn / hướng dẫn on `date`.
pub fn check_referral(record: &ComplaintRecord, date: Date, today: Date) -> Result<(), ComplaintError> {
    check_date(record, date, today)?;
    if record.facts.within_authority {
        return Err(ComplaintError::WithinAuthority);
    }
    if record.progress.referred_on.is_some() {
        return Err(ComplaintError::AlreadyReferred);
    }
    Ok(())
}

/// Gia hạn by `days` in all (the law allows one extension of at most 30 days).
pub fn check_extension(
    record: &ComplaintRecord,
    days: u16,
    limits: &Limits<LimitKind>,
    on: Date,
) -> Result<(), ComplaintError> {
    if let Some(first) = record.facts.same_matter_as {
        return Err(ComplaintError::Linked(first));
    }
    if record.progress.resolution.is_some() {
        return Err(ComplaintError::AlreadyResolved);
    }
    if !record.facts.within_authority {
        return Err(ComplaintError::NotWithinAuthority);
    }
    let kind = extension_kind(record.facts.matter);
    let max = limits.get(kind, limits.regime_on(on)).map_or(0, |l| l.length.count);
    if days == 0 || days > max {
        return Err(ComplaintError::Extension { max });
    }
    Ok(())
}

/// A decision (or withdrawal) on `resolution.date`. A withdrawal may come at any time, even
/// before acceptance or for a letter being referred; a decision needs the letter within
/// authority.
pub fn check_resolution(record: &ComplaintRecord, resolution: Resolution, today: Date) -> Result<(), ComplaintError> {
    check_date(record, resolution.date, today)?;
    let p = &record.progress;
    if p.resolution.is_some() {
        return Err(ComplaintError::AlreadyResolved);
    }
    if resolution.outcome != Outcome::Rut && !record.facts.within_authority {
        return Err(ComplaintError::NotWithinAuthority);
    }
    match p.accepted_on {
        Some(accepted) if resolution.date < accepted => Err(ComplaintError::BeforeAcceptance(accepted)),
        _ => Ok(()),
    }
}
