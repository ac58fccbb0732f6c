//! OLD regime: Luật THADS 26/2008 (sửa đổi 2014 …), NĐ 62/2015 (sửa đổi NĐ 33/2020, 152/2024),
//! TT 04/2023/TT-BTP; for steps to 30/06/2026.

use super::{Extra, NOT_RECORDED_START, NOTIFICATION_NOTE, REVIEW_NOTE, Spec, UNRECORDED_ACT, build, prisoner};
use crate::confidence::Confidence::*;
use crate::deadlines::rule::{Condition, DeadlineKind as K, DeadlineRule, Length, Regime, Tracking};

pub(super) fn rules() -> Vec<DeadlineRule> {
    let old = |spec, extra| build(Regime::Old, spec, extra);
    vec![
        old(
            Spec {
                id: "old.notification",
                kind: K::Notification,
                names: ("Thông báo quyết định thi hành án", "Notify the enforcement decision"),
                citation: "Luật THADS 26/2008 Điều 39 khoản 1",
                length: Length::working_days(3),
                confidence: Confirmed,
                tracking: Tracking::DataOnly,
                note: NOTIFICATION_NOTE,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.voluntary_period",
                kind: K::VoluntaryPeriod,
                names: ("Thời hạn tự nguyện thi hành án", "Voluntary compliance period"),
                citation: "Luật THADS 26/2008 (sửa đổi 2014) Điều 45 khoản 1",
                length: Length::days(10),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: "Một thời hạn tự hết, không phải việc phải làm / a period that runs out, not an act",
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.first_verification",
                kind: K::FirstVerification,
                names: ("Xác minh điều kiện thi hành án", "First verification of means"),
                citation: "Luật THADS 26/2008 (sửa đổi 2014) Điều 44 khoản 1",
                length: Length::days(10),
                confidence: Confirmed,
                tracking: Tracking::Tracked,
                note: "Met by any classification (with_means, no_means) or postponement, suspension or closing",
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.no_means_decision",
                kind: K::NoMeansDecision,
                names: ("Ra quyết định về việc chưa có điều kiện thi hành án", "Decide lack of means"),
                citation: "NĐ 62/2015/NĐ-CP Điều 9 khoản 4",
                length: Length::working_days(5),
                confidence: Confirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.reverification",
                kind: K::Reverification,
                names: ("Xác minh lại điều kiện thi hành án (6 tháng)", "Re-verify means (6-monthly)"),
                citation: "Luật THADS 26/2008 (sửa đổi 2014) Điều 44 khoản 2",
                length: Length::months(6),
                confidence: Confirmed,
                tracking: Tracking::Tracked,
                note: "Sau hai lần xác minh lại vẫn chưa có điều kiện: chỉ xác minh khi có thông tin mới / after two \
                       re-verifications, only on new information",
            },
            Extra { scope: prisoner(false), condition: Condition::AtMostRepeats(2), ..Extra::default() },
        ),
        old(
            Spec {
                id: "old.reverification_prisoner",
                kind: K::Reverification,
                names: ("Xác minh lại điều kiện thi hành án (phạm nhân, 1 năm)", "Re-verify means (prisoner, yearly)"),
                citation: "Luật THADS 26/2008 (sửa đổi 2014) Điều 44 khoản 2",
                length: Length::months(12),
                confidence: Inferred,
                tracking: Tracking::Tracked,
                note: "Luật: phạm nhân còn từ 02 năm tù trở lên hoặc không rõ địa chỉ mới; hệ thống chỉ biết nhóm \
                       pham_nhan / the law says prisoners with two years or more left or an unknown address; the \
                       system only knows the pham_nhan category",
            },
            Extra { scope: prisoner(true), condition: Condition::AtMostRepeats(2), ..Extra::default() },
        ),
        old(
            Spec {
                id: "old.reverify_on_new_information",
                kind: K::ReverifyOnNewInformation,
                names: ("Xác minh khi có thông tin mới", "Verify on new information"),
                citation: "NĐ 62/2015/NĐ-CP Điều 9 khoản 4",
                length: Length::days(10),
                confidence: Confirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.postponement_decision",
                kind: K::PostponementDecision,
                names: ("Ra quyết định hoãn thi hành án", "Decide a postponement"),
                citation: "Luật THADS 26/2008 Điều 48 khoản 3",
                length: Length::working_days(5),
                confidence: Confirmed,
                tracking: Tracking::DataOnly,
                note: NOT_RECORDED_START,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.postponement_review",
                kind: K::PostponementReview,
                names: ("Rà soát việc hoãn thi hành án", "Review a long postponement"),
                citation: "Luật THADS 26/2008 Điều 48 khoản 2 (hoãn theo kháng nghị không quá 03 tháng), \
                           khoản 4 (tiếp tục trong 05 ngày làm việc)",
                length: Length::months(3),
                confidence: Inferred,
                tracking: Tracking::Tracked,
                note: REVIEW_NOTE,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.suspension_review",
                kind: K::SuspensionReview,
                names: ("Rà soát việc tạm đình chỉ thi hành án", "Review a long suspension"),
                citation: "Luật THADS 26/2008 Điều 49 (không có thời hạn; nhắc việc)",
                length: Length::months(3),
                confidence: Unconfirmed,
                tracking: Tracking::Tracked,
                note: REVIEW_NOTE,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.resumption",
                kind: K::Resumption,
                names: ("Ra quyết định tiếp tục thi hành án", "Decide resumption"),
                citation: "Luật THADS 26/2008 Điều 48 khoản 4 (hoãn); tạm đình chỉ: Điều 49 (chưa đối chiếu)",
                length: Length::working_days(5),
                confidence: Confirmed,
                tracking: Tracking::DataOnly,
                note: "Ngày hết căn cứ hoãn/tạm đình chỉ chưa được ghi nhận; xem postponement_review / the day the \
                       ground ends is not recorded; see postponement_review",
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.separate_register",
                kind: K::SeparateRegister,
                names: ("Chuyển sổ theo dõi riêng", "Move to the separate register"),
                citation: "NĐ 62/2015/NĐ-CP Điều 9 khoản 5 (sửa đổi NĐ 33/2020)",
                length: Length::working_days(3),
                confidence: Confirmed,
                tracking: Tracking::Tracked,
                note: "Đủ 01 năm từ quyết định chưa có điều kiện và đã xác minh lại ít nhất 2 lần; giả định không có \
                       thông tin mới / one year after the decision and at least two re-verifications; no new \
                       information assumed (not recorded)",
            },
            Extra {
                waiting: Some(Length::months(12)),
                scope: prisoner(false),
                condition: Condition::AfterVerifications(2),
                ..Extra::default()
            },
        ),
        old(
            Spec {
                id: "old.separate_register_prisoner",
                kind: K::SeparateRegister,
                names: ("Chuyển sổ theo dõi riêng (phạm nhân)", "Move to the separate register (prisoner)"),
                citation: "NĐ 62/2015/NĐ-CP Điều 9 khoản 5 điểm a (sửa đổi NĐ 33/2020)",
                length: Length::working_days(3),
                confidence: Inferred,
                tracking: Tracking::Tracked,
                note: "02 năm cho phạm nhân còn từ 02 năm tù trở lên; hệ thống chỉ biết nhóm pham_nhan / two years for \
                       prisoners with two years or more left; the system only knows the category",
            },
            Extra {
                waiting: Some(Length::months(24)),
                scope: prisoner(true),
                condition: Condition::AfterVerifications(2),
                ..Extra::default()
            },
        ),
        old(
            Spec {
                id: "old.payout",
                kind: K::Payout,
                names: ("Thanh toán tiền thi hành án", "Pay out collected money"),
                citation: "Luật THADS 26/2008 (sửa đổi 2014) Điều 47 khoản 5",
                length: Length::days(10),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: UNRECORDED_ACT,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.publish_no_means",
                kind: K::PublishNoMeans,
                names: ("Công khai thông tin người chưa có điều kiện", "Publish the debtor without means"),
                citation: "NĐ 62/2015/NĐ-CP Điều 11 khoản 1; TT 04/2023/TT-BTP Điều 5",
                length: Length::working_days(5),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: UNRECORDED_ACT,
            },
            Extra::default(),
        ),
        old(
            Spec {
                id: "old.unpublish_no_means",
                kind: K::UnpublishNoMeans,
                names: ("Chấm dứt công khai thông tin", "Stop publishing after resumption"),
                citation: "TT 04/2023/TT-BTP Điều 6 khoản 2",
                length: Length::working_days(2),
                confidence: Confirmed,
                tracking: Tracking::UntilDue,
                note: UNRECORDED_ACT,
            },
            Extra::default(),
        ),
    ]
}
