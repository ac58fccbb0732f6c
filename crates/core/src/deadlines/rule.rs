//! One legal time limit as data: what starts it, how long it is, in which unit, under which
//! legal regime, how sure we are of it, and whether a recorded event can show it was met.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::WorkingCalendar;
use crate::case::Origin;
use crate::confidence::Confidence;
use crate::event::EventCode;

/// The legal regime a step falls under (domain §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Luật THADS 26/2008 (sửa đổi 2014, 2018, 2020, 2022) và NĐ 62/2015: steps to 30/06/2026.
    Old,
    /// Luật THADS 106/2025 và NĐ 152/2026: steps from 01/07/2026.
    New,
}

impl Regime {
    pub const ALL: [Regime; 2] = [Regime::Old, Regime::New];

    /// The regime of a step taken on `day` (NĐ 152/2026 Điều 115: results achieved before the
    /// new law stand; every further step follows it).
    pub fn on(day: Date, new_law_from: Date) -> Regime {
        if day < new_law_from { Regime::Old } else { Regime::New }
    }

    pub fn code(self) -> &'static str {
        match self {
            Regime::Old => "old",
            Regime::New => "new",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Regime::Old => "Luật THADS 26/2008, NĐ 62/2015",
            Regime::New => "Luật THADS 106/2025, NĐ 152/2026",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// How a length is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Ngày: calendar days; a last day that is not a working day moves to the next one.
    CalendarDays,
    /// Ngày làm việc.
    WorkingDays,
    /// Tháng: same day of the last month, or its last day.
    Months,
}

/// A length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Length {
    pub count: u16,
    pub unit: Unit,
}

impl Length {
    pub const fn days(count: u16) -> Length {
        Length { count, unit: Unit::CalendarDays }
    }

    pub const fn working_days(count: u16) -> Length {
        Length { count, unit: Unit::WorkingDays }
    }

    pub const fn months(count: u16) -> Length {
        Length { count, unit: Unit::Months }
    }

    /// The last day of a limit of this length counted from `start` (Bộ luật Dân sự 2015 Điều
    /// 147–148: `start` is not counted; a last day off work moves to the next working day).
    pub fn end(self, start: Date, calendar: &WorkingCalendar) -> Date {
        Date::from_julian_day(self.end_jd(start.to_julian_day(), calendar)).unwrap_or(start)
    }

    pub(crate) fn end_jd(self, start: i32, calendar: &WorkingCalendar) -> i32 {
        let n = u32::from(self.count);
        match self.unit {
            Unit::CalendarDays => calendar.add_days_jd(start, n),
            Unit::WorkingDays if n == 0 => calendar.roll_forward_jd(start),
            Unit::WorkingDays => calendar.add_working_days_jd(start, n),
            Unit::Months => calendar.roll_forward_jd(add_months_jd(start, n)),
        }
    }

    /// The end of a waiting period, not moved off rest days: a condition, not a time limit.
    pub(crate) fn plain_end_jd(self, start: i32, calendar: &WorkingCalendar) -> i32 {
        let n = u32::from(self.count);
        match self.unit {
            Unit::CalendarDays => start + i32::from(self.count),
            Unit::WorkingDays => calendar.add_working_days_jd(start, n),
            Unit::Months => add_months_jd(start, n),
        }
    }
}

fn add_months_jd(start: i32, n: u32) -> i32 {
    Date::from_julian_day(start).map(|d| crate::calendar::add_months_clamped(d, n).to_julian_day()).unwrap_or(start)
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::CalendarDays => "ngày",
            Unit::WorkingDays => "ngày làm việc",
            Unit::Months => "tháng",
        };
        write!(f, "{:02} {unit}", self.count)
    }
}

/// What an officer (or the agency) must do, or what period runs: a stable code per time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Thông báo quyết định thi hành án.
    Notification,
    /// Thời hạn tự nguyện thi hành án.
    VoluntaryPeriod,
    /// Xác minh điều kiện thi hành án lần đầu.
    FirstVerification,
    /// Ra quyết định về việc chưa có điều kiện thi hành án.
    NoMeansDecision,
    /// Xác minh lại định kỳ khi chưa có điều kiện.
    Reverification,
    /// Xác minh khi có thông tin mới.
    ReverifyOnNewInformation,
    /// Ra quyết định hoãn thi hành án.
    PostponementDecision,
    /// Rà soát việc hoãn đã kéo dài (nhắc việc, không phải thời hạn luật định).
    PostponementReview,
    /// Rà soát việc tạm đình chỉ đã kéo dài (nhắc việc).
    SuspensionReview,
    /// Ra quyết định tiếp tục thi hành án khi hết căn cứ hoãn, tạm đình chỉ.
    Resumption,
    /// Chuyển sổ theo dõi riêng.
    SeparateRegister,
    /// Gửi lại yêu cầu thi hành án (từ 01/07/2026).
    RequestReturn,
    /// Thanh toán tiền, trả tài sản thi hành án.
    Payout,
    /// Công khai thông tin người phải thi hành án chưa có điều kiện.
    PublishNoMeans,
    /// Chấm dứt công khai thông tin khi tiếp tục thi hành án.
    UnpublishNoMeans,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 15] = [
        DeadlineKind::Notification,
        DeadlineKind::VoluntaryPeriod,
        DeadlineKind::FirstVerification,
        DeadlineKind::NoMeansDecision,
        DeadlineKind::Reverification,
        DeadlineKind::ReverifyOnNewInformation,
        DeadlineKind::PostponementDecision,
        DeadlineKind::PostponementReview,
        DeadlineKind::SuspensionReview,
        DeadlineKind::Resumption,
        DeadlineKind::SeparateRegister,
        DeadlineKind::RequestReturn,
        DeadlineKind::Payout,
        DeadlineKind::PublishNoMeans,
        DeadlineKind::UnpublishNoMeans,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Notification => "notification",
            DeadlineKind::VoluntaryPeriod => "voluntary_period",
            DeadlineKind::FirstVerification => "first_verification",
            DeadlineKind::NoMeansDecision => "no_means_decision",
            DeadlineKind::Reverification => "reverification",
            DeadlineKind::ReverifyOnNewInformation => "reverify_on_new_information",
            DeadlineKind::PostponementDecision => "postponement_decision",
            DeadlineKind::PostponementReview => "postponement_review",
            DeadlineKind::SuspensionReview => "suspension_review",
            DeadlineKind::Resumption => "resumption",
            DeadlineKind::SeparateRegister => "separate_register",
            DeadlineKind::RequestReturn => "request_return",
            DeadlineKind::Payout => "payout",
            DeadlineKind::PublishNoMeans => "publish_no_means",
            DeadlineKind::UnpublishNoMeans => "unpublish_no_means",
        }
    }

    /// What starts the clock of this kind; a rule must say the same (checked when loading).
    pub fn trigger(self) -> Trigger {
        use DeadlineKind as K;
        match self {
            K::Notification => Trigger::Acceptance,
            K::VoluntaryPeriod => Trigger::AssumedNotification,
            K::FirstVerification => Trigger::VoluntaryPeriodEnd,
            K::Reverification => Trigger::LatestNoMeans,
            K::SeparateRegister | K::RequestReturn => Trigger::NoMeansDecision,
            K::PostponementReview => Trigger::Event(EventCode::Postponed),
            K::SuspensionReview => Trigger::Event(EventCode::Suspended),
            K::Payout => Trigger::Event(EventCode::Collected),
            K::PublishNoMeans => Trigger::NoMeansDecision,
            K::UnpublishNoMeans => Trigger::LeftNoMeans,
            K::NoMeansDecision | K::ReverifyOnNewInformation | K::PostponementDecision | K::Resumption => {
                Trigger::NotRecorded
            }
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What starts a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "trigger", content = "event")]
pub enum Trigger {
    /// Ngày ra quyết định thi hành án (`accepted_on`).
    Acceptance,
    /// Ngày thông báo hợp lệ quyết định thi hành án. No event records it: it is assumed to be
    /// the last day of the notification limit after `accepted_on`.
    AssumedNotification,
    /// Ngày hết thời hạn tự nguyện.
    VoluntaryPeriodEnd,
    /// The latest `no_means` event: the decision or the latest re-verification still without.
    LatestNoMeans,
    /// The `no_means` event that began the current spell without means (the decision).
    NoMeansDecision,
    /// A `resumed` or `with_means` event that ended a spell without means.
    LeftNoMeans,
    /// An event of this code.
    Event(EventCode),
    /// A fact no event records yet (a verification result, a ground arising or ending): the
    /// rule is kept as data and computes nothing.
    NotRecorded,
}

/// Whether the system can see that a time limit was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tracking {
    /// A recorded event ends it: overdue once the due date has passed without one.
    Tracked,
    /// No event records the act (payouts, publication) or it is a period that simply runs out
    /// (the voluntary period): shown until it is due, never marked overdue.
    UntilDue,
    /// Its start is not recorded: data for people and later features, computes nothing.
    DataOnly,
}

/// Which cases a rule applies to; `None` means any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Scope {
    pub origin: Option<Origin>,
    /// Whether the debtor is a prisoner (category `pham_nhan`).
    pub prisoner: Option<bool>,
}

impl Scope {
    pub const ANY: Scope = Scope { origin: None, prisoner: None };

    pub(crate) fn matches(self, origin: Origin, prisoner: bool) -> bool {
        self.origin.is_none_or(|o| o == origin) && self.prisoner.is_none_or(|p| p == prisoner)
    }

    pub(crate) fn specificity(self) -> u8 {
        u8::from(self.origin.is_some()) + u8::from(self.prisoner.is_some())
    }
}

/// A count a rule depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "condition", content = "count")]
pub enum Condition {
    #[default]
    None,
    /// Periodic: stops after this many re-verifications (then only on new information).
    AtMostRepeats(u8),
    /// Needs at least this many re-verifications since the decision on lack of means.
    AfterVerifications(u8),
}

/// One legal time limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRule {
    /// Stable id, e.g. `old.first_verification`.
    pub id: String,
    pub kind: DeadlineKind,
    pub regime: Regime,
    pub name_vi: String,
    pub name_en: String,
    pub citation: String,
    pub starts: Trigger,
    /// A period that must pass after the trigger before the clock starts (separate register).
    pub waiting: Option<Length>,
    pub length: Length,
    pub scope: Scope,
    pub condition: Condition,
    pub confidence: Confidence,
    /// The spec marks the value "verify": an administrator must confirm or correct it.
    pub must_verify: bool,
    pub tracking: Tracking,
    /// Readings and assumptions, in plain words.
    pub note: String,
}
