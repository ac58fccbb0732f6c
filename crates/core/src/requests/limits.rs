//! The time limits of a request as data, both regimes, each with its citation and how sure we
//! are of it. Which regime applies is decided by the day the clock starts (the day the request
//! was received, or the day the supplement was asked for).

use serde::{Deserialize, Serialize};

use crate::confidence::Confidence;
use crate::deadlines::{Length, LimitSpec, Limits};
use crate::rules::LifecycleRules;

/// Which time limit of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// Ra quyết định thi hành án theo yêu cầu, from the day the request was received: the
    /// appointment date given to the requester (ngày hẹn).
    Decide,
    /// Thông báo bổ sung: the agency tells the requester what is missing (new law only).
    AskSupplement,
    /// Từ chối yêu cầu: the written refusal, from the day the request was received.
    Refuse,
    /// Bổ sung hồ sơ: how long the requester has to supplement, from the day it was asked.
    SupplementReply,
}

/// The built-in limits of requests.
pub fn default_limits() -> Limits<LimitKind> {
    use LimitKind as K;
    let kept = [
        LimitSpec::confirmed(
            "decide",
            K::Decide,
            "Ra quyết định thi hành án theo yêu cầu",
            Length::working_days(5),
            "Luật THADS 2008 Điều 36 khoản 1",
        ),
        LimitSpec::confirmed(
            "refuse",
            K::Refuse,
            "Thông báo từ chối nhận yêu cầu thi hành án",
            Length::working_days(5),
            "Luật THADS 2008 Điều 31 khoản 5",
        ),
    ];
    let reply = LimitSpec {
        id: "supplement_reply",
        kind: K::SupplementReply,
        name_vi: "Thời hạn người yêu cầu bổ sung hồ sơ",
        length: Length::working_days(10),
        citation: "Không tìm thấy văn bản quy định / no text found",
        confidence: Confidence::Unconfirmed,
        note: "Đơn vị tự ấn định; cán bộ có thể ghi hạn khác khi yêu cầu bổ sung / the agency's own choice; staff \
               may set another day when asking",
    };
    let ask = LimitSpec::confirmed(
        "ask_supplement",
        K::AskSupplement,
        "Thông báo bổ sung yêu cầu thi hành án",
        Length::working_days(1),
        "NĐ 152/2026/NĐ-CP Điều 9 khoản 6",
    );
    Limits::from_specs(LifecycleRules::default().new_law_from, &kept, &[reply], &[ask, reply])
}
