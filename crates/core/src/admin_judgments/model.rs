//! A judgment of an administrative case that the agency monitors (theo dõi thi hành án hành
//! chính: Luật Tố tụng hành chính 2015 Điều 311–312, NĐ 71/2016/NĐ-CP), the monitoring steps
//! recorded on it, and the checks of a new step.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::format_vn;
use crate::field::{self, FieldError};
use crate::unit::UnitId;

/// Database identity of a monitored judgment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AdminJudgmentId(pub i64);

/// What the judgment orders, by the point of Luật TTHC 2015 Điều 311 khoản 1; it decides the
/// voluntary period (khoản 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Point {
    /// a) the claim against a decision is rejected: the decision stands.
    A,
    /// b) an administrative decision is annulled in whole or part.
    B,
    /// c) a dismissal decision is annulled.
    C,
    /// d) an act is declared unlawful: stop it.
    D,
    /// đ) a failure to act is declared unlawful: act.
    Dd,
    /// e) a voters' list must be corrected: at once.
    E,
    /// g) an interim measure: at once.
    G,
}

impl Point {
    pub const ALL: [Point; 7] = [Point::A, Point::B, Point::C, Point::D, Point::Dd, Point::E, Point::G];

    pub fn code(self) -> &'static str {
        match self {
            Point::A => "a",
            Point::B => "b",
            Point::C => "c",
            Point::D => "d",
            Point::Dd => "dd",
            Point::E => "e",
            Point::G => "g",
        }
    }

    pub fn parse(text: &str) -> Option<Point> {
        Point::ALL.into_iter().find(|p| p.code() == text.trim())
    }

    /// Thi hành ngay (Điều 311 khoản 2 điểm a) rather than within 30 days.
    pub fn immediate(self) -> bool {
        matches!(self, Point::E | Point::G)
    }
}

/// Where the body that must comply sits: a provincial people's committee (or its chairman) or
/// a central body is followed up through the management body (NĐ 71/2016 Điều 35 khoản 1
/// điểm b); any other through the competent authority directly (điểm c, khoản 2 điểm b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyLevel {
    Central,
    Provincial,
    Local,
}

/// A monitored judgment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminJudgment {
    pub unit: UnitId,
    pub court: String,
    pub judgment_no: String,
    pub judgment_on: Date,
    /// The day the agency received the judgment from the court.
    pub received_on: Date,
    /// Cơ quan, người phải thi hành án.
    pub body: String,
    pub body_level: BodyLevel,
    pub obligation: String,
    pub point: Point,
    /// The day the body received the judgment, which starts its voluntary period; when not
    /// known, the day the agency received it is assumed [I].
    pub body_received_on: Option<Date>,
}

/// One monitoring step, by who takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The agency notifies the body of its voluntary period (NĐ 71/2016 Điều 14 khoản 2).
    VoluntaryNotice,
    /// The body reports its result (Điều 10 khoản 2).
    BodyReport,
    /// The agency asks for information and documents (Điều 14 khoản 4).
    InformationRequest,
    /// The court's decision compelling execution is received (Luật TTHC Điều 312 khoản 2).
    CompulsionDecision,
    /// The officer works with the body and minutes it (Điều 14 khoản 3).
    WorkingSession,
    /// The compelling decision is published (Điều 30 khoản 1).
    Publication,
    /// The body's superior issues its directive (Điều 13 khoản 1).
    SuperiorDirective,
    /// The agency reports to the superior body or the people's committee (Luật TTHC Điều 312
    /// khoản 2; NĐ 71/2016 Điều 13, 34).
    ReportToSuperior,
    /// The agency proposes that responsibility be handled (Điều 14 khoản 5, Điều 35).
    ResponsibilityProposal,
    /// The head addressed answers the proposal (Điều 7 khoản 3, Điều 8 khoản 3).
    ProposalReply,
    /// The body has complied in full (Điều 12 khoản 3).
    Completed,
    /// Publication ends after completion (Điều 30 khoản 3).
    Unpublished,
}

impl Step {
    pub const ALL: [Step; 12] = [
        Step::VoluntaryNotice,
        Step::BodyReport,
        Step::InformationRequest,
        Step::CompulsionDecision,
        Step::WorkingSession,
        Step::Publication,
        Step::SuperiorDirective,
        Step::ReportToSuperior,
        Step::ResponsibilityProposal,
        Step::ProposalReply,
        Step::Completed,
        Step::Unpublished,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::VoluntaryNotice => "voluntary_notice",
            Step::BodyReport => "body_report",
            Step::InformationRequest => "information_request",
            Step::CompulsionDecision => "compulsion_decision",
            Step::WorkingSession => "working_session",
            Step::Publication => "publication",
            Step::SuperiorDirective => "superior_directive",
            Step::ReportToSuperior => "report_to_superior",
            Step::ResponsibilityProposal => "responsibility_proposal",
            Step::ProposalReply => "proposal_reply",
            Step::Completed => "completed",
            Step::Unpublished => "unpublished",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == text.trim())
    }

    pub fn actor(self) -> Actor {
        match self {
            Step::BodyReport | Step::Completed => Actor::Body,
            Step::SuperiorDirective | Step::ProposalReply => Actor::Superior,
            Step::CompulsionDecision => Actor::Court,
            _ => Actor::Agency,
        }
    }
}

/// Who must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The enforcement agency itself.
    Agency,
    /// The body that must comply.
    Body,
    /// Its superior, or the head a proposal is addressed to.
    Superior,
    Court,
    /// The person who won the case (may ask the court to compel).
    Creditor,
}

/// A recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    pub date: Date,
    pub step: Step,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MonitorError {
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("ngày {} sau ngày hôm nay / dated in the future", format_vn(*.0))]
    InFuture(Date),
    #[error("ngày {} trước ngày của bản án / before the judgment", format_vn(*.0))]
    BeforeJudgment(Date),
    #[error("ngày {} trước ngày nhận bản án / before the judgment was received", format_vn(*.0))]
    BeforeReceipt(Date),
    #[error("bản án đã thi hành xong; không ghi nhận bước nào khác / already completed")]
    AfterCompletion,
    #[error(
        "quyết định buộc thi hành chỉ có sau khi hết thời hạn tự nguyện ({}) / only after the voluntary period",
        format_vn(*.0)
    )]
    BeforeVoluntaryEnd(Date),
    #[error("chưa có kiến nghị để trả lời / no proposal to answer")]
    NoProposal,
    #[error("chưa công khai hoặc chưa thi hành xong / nothing published, or not completed")]
    NothingToUnpublish,
}

impl AdminJudgment {
    /// The judgment with its texts normalised and bounded and its dates in order.
    pub fn checked(mut self, today: Date) -> Result<AdminJudgment, MonitorError> {
        self.court = field::COURT.clean_required(&self.court)?;
        self.judgment_no = field::JUDGMENT_NO.clean_required(&self.judgment_no)?;
        self.body = field::BODY.clean_required(&self.body)?;
        self.obligation = field::OBLIGATION.clean_required(&self.obligation)?;
        for day in [Some(self.received_on), self.body_received_on].into_iter().flatten() {
            if day > today {
                return Err(MonitorError::InFuture(day));
            }
            if day < self.judgment_on {
                return Err(MonitorError::BeforeJudgment(day));
            }
        }
        Ok(self)
    }
}

/// Checks a new step against the judgment, its recorded steps and today.
pub fn check_step(
    judgment: &AdminJudgment,
    steps: &[StepRecord],
    step: Step,
    date: Date,
    today: Date,
    voluntary_end: Date,
) -> Result<(), MonitorError> {
    if date > today {
        return Err(MonitorError::InFuture(date));
    }
    if date < judgment.received_on {
        return Err(MonitorError::BeforeReceipt(date));
    }
    let has = |s: Step| steps.iter().any(|r| r.step == s);
    if has(Step::Completed) && step != Step::Unpublished {
        return Err(MonitorError::AfterCompletion);
    }
    match step {
        Step::CompulsionDecision if date <= voluntary_end => Err(MonitorError::BeforeVoluntaryEnd(voluntary_end)),
        Step::ProposalReply if !has(Step::ResponsibilityProposal) => Err(MonitorError::NoProposal),
        Step::Unpublished if !(has(Step::Publication) && has(Step::Completed)) => Err(MonitorError::NothingToUnpublish),
        _ => Ok(()),
    }
}
