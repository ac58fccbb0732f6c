//! The time limits of administrative-judgment monitoring as data. They come from Luật Tố tụng
//! hành chính 2015 and NĐ 71/2016/NĐ-CP, read in the consolidated text (Bộ pháp điển, topic
//! "Tố tụng hành chính"); neither is replaced by Luật THADS 106/2025 as far as found, so the
//! new-regime rows keep the same values as `Inferred`. The reminders between escalation steps
//! are the agency's own choice, not statutory: `Unconfirmed`, for an administrator to set.

use serde::{Deserialize, Serialize};

use crate::confidence::Confidence;
use crate::deadlines::{Length, Limit, LimitSpec, Limits, Regime};
use crate::rules::LifecycleRules;

/// Which time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonitorLimit {
    VoluntaryNotice,
    VoluntaryNoticeImmediate,
    VoluntaryPeriod,
    VoluntaryPeriodImmediate,
    BodyReport,
    /// The creditor's year to ask the court to compel execution.
    CompulsionRequest,
    WorkingSession,
    Publication,
    SuperiorDirective,
    ProposalReply,
    Unpublish,
    /// Reminder: ask for information once the body's report is overdue.
    InformationRequestReminder,
    /// Reminder: report to the superior once its directive is overdue.
    ReportReminder,
    /// Reminder: propose that responsibility be handled after the last request went unheeded.
    ProposalReminder,
}

const SAME_UNDER_NEW_LAW: &str = "Luật TTHC 2015 và NĐ 71/2016 không bị Luật THADS 106/2025 thay thế (không tìm thấy văn \
     bản thay thế) / not replaced by the new enforcement law as far as found";
const REMINDER: &str = "Nhắc việc do cơ quan chọn, không phải thời hạn luật định / a reminder the agency chooses, not a \
     statutory limit";

/// The built-in limits.
pub fn monitor_limits() -> Limits<MonitorLimit> {
    let mut rows: Vec<Limit<MonitorLimit>> = Vec::new();
    for spec in specs() {
        rows.push(spec.under(Regime::Old));
        let mut new = spec.under(Regime::New);
        if spec.confidence == Confidence::Confirmed {
            new.confidence = Confidence::Inferred;
            new.note = SAME_UNDER_NEW_LAW.to_string();
        }
        rows.push(new);
    }
    let new_law_from = LifecycleRules::default().new_law_from;
    Limits::new(new_law_from, rows).unwrap_or_else(|_| Limits::empty(new_law_from))
}

fn specs() -> Vec<LimitSpec<MonitorLimit>> {
    use MonitorLimit::*;
    let law = LimitSpec::confirmed;
    let reminder = |id, kind, name_vi, length, citation| LimitSpec {
        confidence: Confidence::Unconfirmed,
        note: REMINDER,
        ..LimitSpec::confirmed(id, kind, name_vi, length, citation)
    };
    vec![
        law(
            "thahc.voluntary_notice",
            VoluntaryNotice,
            "Thông báo tự nguyện thi hành án",
            Length::working_days(5),
            "NĐ 71/2016/NĐ-CP Điều 14 khoản 2",
        ),
        law(
            "thahc.voluntary_notice_immediate",
            VoluntaryNoticeImmediate,
            "Thông báo tự nguyện (thi hành ngay)",
            Length::working_days(0),
            "NĐ 71/2016/NĐ-CP Điều 14 khoản 2 đoạn 3",
        ),
        law(
            "thahc.voluntary_period",
            VoluntaryPeriod,
            "Thời hạn tự nguyện thi hành án",
            Length::days(30),
            "Luật TTHC 2015 Điều 311 khoản 2 điểm b",
        ),
        law(
            "thahc.voluntary_period_immediate",
            VoluntaryPeriodImmediate,
            "Thi hành ngay",
            Length::days(0),
            "Luật TTHC 2015 Điều 311 khoản 2 điểm a",
        ),
        law(
            "thahc.body_report",
            BodyReport,
            "Cơ quan phải thi hành án thông báo kết quả",
            Length::working_days(3),
            "NĐ 71/2016/NĐ-CP Điều 10 khoản 2",
        ),
        law(
            "thahc.compulsion_request",
            CompulsionRequest,
            "Người được thi hành án yêu cầu ra quyết định buộc thi hành",
            Length::months(12),
            "Luật TTHC 2015 Điều 312 khoản 1",
        ),
        law(
            "thahc.working_session",
            WorkingSession,
            "Chấp hành viên làm việc với người phải thi hành án",
            Length::working_days(3),
            "NĐ 71/2016/NĐ-CP Điều 14 khoản 3",
        ),
        law(
            "thahc.publication",
            Publication,
            "Công khai quyết định buộc thi hành án hành chính",
            Length::working_days(5),
            "NĐ 71/2016/NĐ-CP Điều 30 khoản 1",
        ),
        law(
            "thahc.superior_directive",
            SuperiorDirective,
            "Cơ quan cấp trên ban hành văn bản chỉ đạo",
            Length::working_days(3),
            "NĐ 71/2016/NĐ-CP Điều 13 khoản 1",
        ),
        law(
            "thahc.proposal_reply",
            ProposalReply,
            "Trả lời kiến nghị xử lý trách nhiệm",
            Length::working_days(5),
            "NĐ 71/2016/NĐ-CP Điều 7 khoản 3, Điều 8 khoản 3",
        ),
        law(
            "thahc.unpublish",
            Unpublish,
            "Chấm dứt công khai thông tin",
            Length::working_days(2),
            "NĐ 71/2016/NĐ-CP Điều 30 khoản 3",
        ),
        reminder(
            "thahc.information_request",
            InformationRequestReminder,
            "Yêu cầu cung cấp thông tin, tài liệu",
            Length::working_days(5),
            "NĐ 71/2016/NĐ-CP Điều 14 khoản 4",
        ),
        reminder(
            "thahc.report_to_superior",
            ReportReminder,
            "Báo cáo cơ quan cấp trên, Ủy ban nhân dân",
            Length::working_days(5),
            "Luật TTHC 2015 Điều 312 khoản 2; NĐ 71/2016/NĐ-CP Điều 13, 34",
        ),
        reminder(
            "thahc.responsibility_proposal",
            ProposalReminder,
            "Kiến nghị xử lý trách nhiệm",
            Length::days(15),
            "NĐ 71/2016/NĐ-CP Điều 14 khoản 5, Điều 35",
        ),
    ]
}
