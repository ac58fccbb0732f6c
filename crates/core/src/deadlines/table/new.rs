//! NEW regime: Luật THADS 106/2025 and NĐ 152/2026, for steps from 01/07/2026. The law's own
//! text was not available: where NĐ 152/2026 does not give a limit, the old value is kept,
//! flagged `Unconfirmed` and `must_verify` (domain §3 "verify").

use super::{Extra, NOT_RECORDED_START, NOTIFICATION_NOTE, REVIEW_NOTE, Spec, UNRECORDED_ACT, build, origin, prisoner};
use crate::case::Origin;
use crate::confidence::Confidence::*;
use crate::deadlines::rule::{DeadlineKind as K, DeadlineRule, Length, Regime, Tracking};

const VERIFY: &str = "Giá trị của luật cũ; chưa đối chiếu Luật 106/2025 — quản trị viên cần xác nhận / the old value; \
     not yet checked against Luật 106/2025 — an administrator must confirm it";

fn verify() -> Extra {
    Extra { must_verify: true, ..Extra::default() }
}

pub(super) fn rules() -> Vec<DeadlineRule> {
    let new = |spec, extra| build(Regime::New, spec, extra);
    let unverified = |id, kind, names, citation, length, tracking| {
        new(Spec { id, kind, names, citation, length, confidence: Unconfirmed, tracking, note: VERIFY }, verify())
    };
    vec![
        new(
            Spec {
                id: "new.notification",
                kind: K::Notification,
                names: ("Thông báo quyết định thi hành án", "Notify the enforcement decision"),
                citation: "Luật THADS 106/2025 (chưa đối chiếu); NĐ 152/2026 Điều 15–16 (VNeID, giao trực tiếp)",
                length: Length::working_days(3),
                confidence: Unconfirmed,
                tracking: Tracking::DataOnly,
                note: NOTIFICATION_NOTE,
            },
            verify(),
        ),
        unverified(
            "new.voluntary_period",
            K::VoluntaryPeriod,
            ("Thời hạn tự nguyện thi hành án", "Voluntary compliance period"),
            "Luật THADS 106/2025 (chưa đối chiếu); NĐ 152/2026 Điều 12 khoản 1 (nội dung của quyết định)",
            Length::days(10),
            Tracking::UntilDue,
        ),
        unverified(
            "new.first_verification",
            K::FirstVerification,
            ("Xác minh điều kiện thi hành án", "First verification of means"),
            "Luật THADS 106/2025 (chưa đối chiếu); NĐ 152/2026 Điều 21",
            Length::days(10),
            Tracking::Tracked,
        ),
        new(
            Spec {
                id: "new.no_means_decision",
                kind: K::NoMeansDecision,
                names: ("Ra quyết định về việc chưa có điều kiện thi hành án", "Decide lack of means"),
                citation: "Luật THADS 106/2025 Điều 38 (chưa đối chiếu)",
                length: Length::working_days(5),
                confidence: Unconfirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            verify(),
        ),
        new(
            Spec {
                id: "new.reverification",
                kind: K::Reverification,
                names: ("Xác minh lại điều kiện thi hành án", "Re-verify means"),
                citation: "Luật THADS 106/2025 Điều 38 khoản 3 (kỳ hạn chưa đối chiếu)",
                length: Length::months(6),
                confidence: Unconfirmed,
                tracking: Tracking::Tracked,
                note: VERIFY,
            },
            Extra { scope: prisoner(false), must_verify: true, ..Extra::default() },
        ),
        new(
            Spec {
                id: "new.reverification_prisoner",
                kind: K::Reverification,
                names: ("Xác minh lại điều kiện thi hành án (phạm nhân)", "Re-verify means (prisoner)"),
                citation: "Luật THADS 106/2025 Điều 38 khoản 3 (kỳ hạn chưa đối chiếu)",
                length: Length::months(12),
                confidence: Unconfirmed,
                tracking: Tracking::Tracked,
                note: VERIFY,
            },
            Extra { scope: prisoner(true), must_verify: true, ..Extra::default() },
        ),
        new(
            Spec {
                id: "new.reverify_on_new_information",
                kind: K::ReverifyOnNewInformation,
                names: ("Xác minh khi có thông tin mới", "Verify on new information"),
                citation: "Luật THADS 106/2025 Điều 38 khoản 2 (chưa đối chiếu)",
                length: Length::days(10),
                confidence: Unconfirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            verify(),
        ),
        new(
            Spec {
                id: "new.postponement_decision",
                kind: K::PostponementDecision,
                names: ("Ra quyết định hoãn thi hành án", "Decide a postponement"),
                citation: "Luật THADS 106/2025 (chưa đối chiếu)",
                length: Length::working_days(5),
                confidence: Unconfirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            verify(),
        ),
        new(
            Spec {
                id: "new.postponement_review",
                kind: K::PostponementReview,
                names: ("Rà soát việc hoãn thi hành án", "Review a long postponement"),
                citation: "Luật THADS 106/2025 (chưa đối chiếu); mặc định như Luật 26/2008 Điều 48 khoản 2",
                length: Length::months(3),
                confidence: Unconfirmed,
                tracking: Tracking::Tracked,
                note: REVIEW_NOTE,
            },
            verify(),
        ),
        new(
            Spec {
                id: "new.suspension_review",
                kind: K::SuspensionReview,
                names: ("Rà soát việc tạm đình chỉ thi hành án", "Review a long suspension"),
                citation: "Luật THADS 106/2025 (chưa đối chiếu; nhắc việc)",
                length: Length::months(3),
                confidence: Unconfirmed,
                tracking: Tracking::Tracked,
                note: REVIEW_NOTE,
            },
            verify(),
        ),
        new(
            Spec {
                id: "new.resumption",
                kind: K::Resumption,
                names: ("Ra quyết định tiếp tục thi hành án", "Decide resumption"),
                citation: "NĐ 152/2026 Điều 11 khoản 4 (phán quyết trọng tài nước ngoài); các trường hợp khác: \
                           Luật 106/2025 (chưa đối chiếu)",
                length: Length::working_days(5),
                confidence: Inferred,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            Extra::default(),
        ),
        new(
            Spec {
                id: "new.separate_register",
                kind: K::SeparateRegister,
                names: ("Chuyển sổ theo dõi để thống kê riêng (việc chủ động)", "Move to the separate register"),
                citation: "Luật THADS 106/2025 Điều 38 khoản 3–4; NĐ 152/2026 Điều 22 khoản 1",
                length: Length::working_days(0),
                confidence: Inferred,
                tracking: Tracking::Tracked,
                note: "Hết 02 năm từ quyết định chưa có điều kiện [C]; nghị định không cho thêm ngày nào, nên đến hạn \
                       khi hết 02 năm [I]; giả định không có thông tin mới / due when the two years end (the decree \
                       gives no further days); no new information assumed",
            },
            Extra { waiting: Some(Length::months(24)), scope: origin(Origin::ChuDong), ..Extra::default() },
        ),
        new(
            Spec {
                id: "new.request_return",
                kind: K::RequestReturn,
                names: ("Gửi lại yêu cầu thi hành án (việc theo yêu cầu)", "Return the request to the creditor"),
                citation: "Luật THADS 106/2025 Điều 38 khoản 4; NĐ 152/2026 Điều 22 khoản 2, Điều 32 khoản 1 điểm d",
                length: Length::working_days(0),
                confidence: Inferred,
                tracking: Tracking::Tracked,
                note: "Hết 02 năm từ quyết định chưa có điều kiện [C]; đến hạn khi hết 02 năm [I]; thông báo cho Viện \
                       kiểm sát / due when the two years end; notify the procuracy",
            },
            Extra { waiting: Some(Length::months(24)), scope: origin(Origin::TheoYeuCau), ..Extra::default() },
        ),
        unverified(
            "new.payout",
            K::Payout,
            ("Thanh toán tiền thi hành án", "Pay out collected money"),
            "Luật THADS 106/2025 (chưa đối chiếu); NĐ 152/2026 Điều 30 khoản 3–4 (gia hạn)",
            Length::days(10),
            Tracking::UntilDue,
        ),
        new(
            Spec {
                id: "new.publish_no_means",
                kind: K::PublishNoMeans,
                names: ("Công khai thông tin người chưa có điều kiện", "Publish the debtor without means"),
                citation: "NĐ 152/2026/NĐ-CP Điều 23 khoản 1",
                length: Length::working_days(5),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: UNRECORDED_ACT,
            },
            Extra::default(),
        ),
        new(
            Spec {
                id: "new.unpublish_no_means",
                kind: K::UnpublishNoMeans,
                names: ("Chấm dứt công khai thông tin", "Stop publishing after resumption"),
                citation: "NĐ 152/2026/NĐ-CP Điều 23 khoản 2",
                length: Length::working_days(3),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: UNRECORDED_ACT,
            },
            Extra::default(),
        ),
    ]
}
