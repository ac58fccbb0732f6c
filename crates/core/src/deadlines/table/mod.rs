//! The built-in time limits of domain §3, both regimes. Old-law citations were checked against
//! the consolidated text (Bộ pháp điển, topic "Thi hành án dân sự"); new-law ones against the
//! text of NĐ 152/2026. Luật 106/2025 itself was not available: its cells carry the old value,
//! are `Unconfirmed` and `must_verify`, and an administrator overrides them.

use super::rule::{Condition, DeadlineKind, DeadlineRule, Length, Regime, Scope, Tracking};
use crate::case::Origin;
use crate::confidence::Confidence;

mod new;
mod old;

/// Every built-in rule.
pub fn default_rules() -> Vec<DeadlineRule> {
    let mut rules = old::rules();
    rules.extend(new::rules());
    rules
}

/// The parts of a rule that vary; the rest is derived (trigger from the kind) or defaulted.
struct Spec {
    id: &'static str,
    kind: DeadlineKind,
    names: (&'static str, &'static str),
    citation: &'static str,
    length: Length,
    confidence: Confidence,
    tracking: Tracking,
    note: &'static str,
}

/// Optional parts, set by the few rules that need them.
#[derive(Default)]
struct Extra {
    waiting: Option<Length>,
    scope: Scope,
    condition: Condition,
    must_verify: bool,
}

fn build(regime: Regime, spec: Spec, extra: Extra) -> DeadlineRule {
    DeadlineRule {
        id: spec.id.to_string(),
        kind: spec.kind,
        regime,
        name_vi: spec.names.0.to_string(),
        name_en: spec.names.1.to_string(),
        citation: spec.citation.to_string(),
        starts: spec.kind.trigger(),
        waiting: extra.waiting,
        length: spec.length,
        scope: extra.scope,
        condition: extra.condition,
        confidence: spec.confidence,
        must_verify: extra.must_verify,
        tracking: spec.tracking,
        note: spec.note.to_string(),
    }
}

fn prisoner(yes: bool) -> Scope {
    Scope { origin: None, prisoner: Some(yes) }
}

fn origin(origin: Origin) -> Scope {
    Scope { origin: Some(origin), prisoner: None }
}

const NOTIFICATION_NOTE: &str = "Ngày thông báo không được ghi nhận: thời hạn tự nguyện được tính từ ngày cuối của thời hạn \
     thông báo sau ngày ra quyết định / the notification date is not recorded: the voluntary period is assumed to \
     start on the last day of this limit after the decision date";
const UNRECORDED_ACT: &str = "Không có sự kiện ghi nhận việc thực hiện: chỉ nhắc đến hạn, không đánh dấu quá hạn / no event \
     records the act: shown until due, never marked overdue";
const NOT_RECORDED_START: &str = "Sự kiện bắt đầu chưa được ghi nhận trong hệ thống: chỉ lưu làm dữ liệu / what starts it is \
     not recorded yet: kept as data, computes nothing";
const REVIEW_NOTE: &str = "Nhắc rà soát, không phải thời hạn luật định: căn cứ hoãn/tạm đình chỉ có thể đã hết mà chưa có \
     quyết định tiếp tục (tiếp tục trong 05 ngày làm việc) / a review reminder, not a statutory limit: the ground \
     may have ended without a resumption decision";
