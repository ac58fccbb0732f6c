//! Why a change to a case was refused, typed: each refusal has a stable code for programs (the
//! API's `code`, listed in the OpenAPI document and interchange §4) and a message in the
//! reader's language. The rules of a case's life (`thads_core::Reason`) give most of them, one
//! code per reason; the rest come from what was typed (an unknown event, a bad date, amount or
//! text) and from a stored history that no longer holds. The matches are exhaustive, so a new
//! reason in core does not compile here until it has its code and its words.

use thads_app::HistoryRefusal;
use thads_core::dates::format_vn;
use thads_core::event::EventError;
use thads_core::field::{FieldError, Problem};
use thads_core::money::MoneyError;
use thads_core::{CaseState, EventCode, Reason, SupersessionFault};
use time::Date;

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The event breaks a rule of the case's life.
    Event(Reason),
    /// The new, backdated event makes a later recorded one break a rule.
    BreaksLater {
        later: EventCode,
        date: Date,
        reason: Reason,
    },
    /// The history already stored does not replay under the current rules.
    StoredHistory(Reason),
    /// What replaces what in the stored history is ambiguous (a record replaced twice…).
    Links(SupersessionFault),
    UnknownEvent(String),
    InvalidDate(String),
    InvalidAmount(MoneyError),
    /// A text refused by its field's rule (a note, a legal ground).
    Text(FieldError),
    /// A correction or a void without a note saying why (pages only).
    NoteRequired,
    /// A fact of a case refused (intake, edit), naming its field by its API name; `refusal`
    /// says why (`Other` worded in both languages gets the code `invalid_field`).
    Field {
        field: &'static str,
        refusal: Box<Refusal>,
    },
    /// Anything else, already worded in both languages by the layer that refused it.
    Other(String),
    /// A step of a seized asset's chain the rules do not allow (issue 19): the rule and its
    /// citation, in both languages.
    AssetStep(thads_core::assets::AssetReason),
}

/// Every code of `Refusal` a caller of the API may meet (all but `note_required`), in the
/// order of the documents, with what it means (the OpenAPI document's `Error` schema says it).
/// `refused` is a refusal without a code of its own yet, worded in both languages.
pub const API_REFUSALS: [(&str, &str); 25] = [
    ("before_acceptance", "the event is dated before the case was accepted"),
    ("in_future", "the event is dated after today"),
    ("case_closed", "the case closed on or before the event's date; no event may follow"),
    ("state_forbids", "the case's state does not allow this event"),
    ("amount_required", "this event needs an amount"),
    ("amount_not_allowed", "this event takes no amount"),
    ("amount_zero", "the amount of an event that moves money is 0"),
    ("more_than_owed", "the amount is more than what is still owed"),
    ("still_owed", "money is still owed: the case cannot be completed"),
    ("new_law_only", "returning the request applies only from 01/07/2026 (Luật 106/2025)"),
    ("on_request_only", "returning the request applies only to cases enforced on request"),
    ("ex_officio_only", "under the new law a case enforced on request is returned, not moved to the separate register"),
    ("unknown_ground", "the ground is not one of the grounds of this event (interchange §1)"),
    (
        "state_budget_only",
        "exemption and reduction apply only to an obligation owed to the state budget (category ngan_sach)",
    ),
    (
        "too_early_after_no_means",
        "moving to the separate register or returning the request before the waiting period after the decision on \
         lack of means has passed",
    ),
    ("breaks_later_event", "this (backdated) event makes a later recorded event break one of the rules above"),
    (
        "stored_history_invalid",
        "the case's stored history does not hold under the current rules (an administrator settles it)",
    ),
    (
        "ambiguous_corrections",
        "what replaces what in the case's stored history is ambiguous (an administrator settles it)",
    ),
    ("unknown_event", "not an event code of interchange §1"),
    ("invalid_date", "not a date"),
    ("invalid_amount", "not an amount of whole đồng (negative, malformed, too large)"),
    ("invalid_text", "a text field (note, legal ground) is too long or holds an invisible or control character"),
    ("invalid_field", "a fact of a case taken in or edited is refused; `field` names it"),
    ("refused", "refused for a reason without a code of its own yet; the message is in both languages"),
    (
        "asset_step_refused",
        "a step of a seized asset (valuation, auction, outcome, reduction, creditor taking it, handover) that the \
         rules of the regime of its day do not allow; the message names the rule and its citation",
    ),
];

/// The codes of `API_REFUSALS`.
pub const API_CODES: [&str; 25] = codes_of(&API_REFUSALS);

const fn codes_of<const N: usize>(table: &[(&'static str, &'static str); N]) -> [&'static str; N] {
    let mut codes = [""; N];
    let mut i = 0;
    while i < N {
        codes[i] = table[i].0;
        i += 1;
    }
    codes
}

impl Refusal {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Event(reason) => reason_code(reason),
            Refusal::BreaksLater { .. } => "breaks_later_event",
            Refusal::StoredHistory(_) => "stored_history_invalid",
            Refusal::Links(_) => "ambiguous_corrections",
            Refusal::UnknownEvent(_) => "unknown_event",
            Refusal::InvalidDate(_) => "invalid_date",
            Refusal::InvalidAmount(_) => "invalid_amount",
            Refusal::Text(_) => "invalid_text",
            Refusal::NoteRequired => "note_required",
            Refusal::Field { refusal, .. } => match **refusal {
                Refusal::Other(_) => "invalid_field",
                ref inner => inner.code(),
            },
            Refusal::Other(_) => "refused",
            Refusal::AssetStep(_) => "asset_step_refused",
        }
    }

    /// What the reader is told, in their language (`Other` is worded in both already).
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            Refusal::Event(reason) => reason_message(reason, lang),
            Refusal::BreaksLater { later, date, reason } => {
                let (event, why, date) = (event_label(*later, lang), reason_message(reason, lang), format_vn(*date));
                pick(
                    en,
                    format!("sự kiện này làm sự kiện đã ghi «{event}» ngày {date} không còn hợp lệ: {why}"),
                    format!("this event makes the recorded «{event}» of {date} invalid: {why}"),
                )
            }
            Refusal::StoredHistory(reason) => {
                let why = reason_message(reason, lang);
                pick(
                    en,
                    format!("lịch sử đã lưu không hợp lệ theo quy tắc hiện hành: {why}"),
                    format!("the stored history does not hold under the current rules: {why}"),
                )
            }
            Refusal::Links(fault) => links_message(fault, en),
            Refusal::UnknownEvent(code) => {
                pick(en, format!("mã sự kiện không hợp lệ «{code}»"), format!("unknown event code «{code}»"))
            }
            Refusal::InvalidDate(date) => pick(
                en,
                format!("ngày không hợp lệ «{date}» (dd/mm/yyyy)"),
                format!("invalid date «{date}» (dd/mm/yyyy)"),
            ),
            Refusal::InvalidAmount(e) => money_message(e, en),
            Refusal::Text(e) => text_message(e, en),
            Refusal::NoteRequired => pick(en, "cần ghi chú lý do".into(), "a note saying why is required".into()),
            Refusal::Field { refusal, .. } => match &**refusal {
                Refusal::Other(both) => one_language(both, en),
                inner => inner.message(lang),
            },
            Refusal::Other(both) => both.clone(),
            Refusal::AssetStep(reason) => {
                let both = reason.to_string();
                let vi = one_language(&both, false);
                if en { format!("{} — {vi}", one_language(&both, true)) } else { vi }
            }
        }
    }
}

impl Refusal {
    /// The field of a case this refusal names, by its API name.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::Field { field, .. } => Some(field),
            _ => None,
        }
    }

    /// A refusal of `field` with the reason worded in both languages (`vi / en`).
    pub fn of_field(field: &'static str, both_languages: impl Into<String>) -> Refusal {
        Refusal::Field { field, refusal: Box::new(Refusal::Other(both_languages.into())) }
    }
}

/// The reader's half of a text worded `vietnamese / english`.
fn one_language(both: &str, en: bool) -> String {
    match both.split_once(" / ") {
        Some((vi, english)) => if en { english } else { vi }.trim().to_string(),
        None => both.to_string(),
    }
}

impl From<HistoryRefusal> for Refusal {
    fn from(h: HistoryRefusal) -> Self {
        match h {
            HistoryRefusal::Event { reason, .. } => Refusal::Event(reason.reason),
            HistoryRefusal::Invalidates { later, later_date, reason, .. } => {
                Refusal::BreaksLater { later, date: later_date, reason: reason.reason }
            }
            HistoryRefusal::Stored { reason, .. } => Refusal::StoredHistory(reason.reason),
            HistoryRefusal::Links { fault, .. } => Refusal::Links(fault),
        }
    }
}

impl From<EventError> for Refusal {
    fn from(e: EventError) -> Self {
        match e {
            EventError::Code(code) => Refusal::UnknownEvent(code),
            EventError::Ground(field) => Refusal::Text(field),
        }
    }
}

fn pick(en: bool, vi: String, english: String) -> String {
    if en { english } else { vi }
}

/// The code of each rule of a case's life.
fn reason_code(reason: &Reason) -> &'static str {
    match reason {
        Reason::BeforeAcceptance { .. } => "before_acceptance",
        Reason::InFuture { .. } => "in_future",
        Reason::AfterClosing { .. } => "case_closed",
        Reason::NotAllowed { .. } => "state_forbids",
        Reason::AmountRequired(_) => "amount_required",
        Reason::AmountNotAllowed(_) => "amount_not_allowed",
        Reason::AmountZero => "amount_zero",
        Reason::ExceedsOutstanding { .. } => "more_than_owed",
        Reason::StillOwed(_) => "still_owed",
        Reason::NewLawOnly(_) => "new_law_only",
        Reason::OnRequestOnly => "on_request_only",
        Reason::ExOfficioOnly(_) => "ex_officio_only",
        Reason::UnknownGround { .. } => "unknown_ground",
        Reason::StateBudgetOnly { .. } => "state_budget_only",
        Reason::TooEarly { .. } => "too_early_after_no_means",
    }
}

fn reason_message(reason: &Reason, lang: Lang) -> String {
    let en = lang == Lang::En;
    let both = |vi: &str, english: &str| pick(en, vi.to_string(), english.to_string());
    match reason {
        Reason::BeforeAcceptance { date, accepted_on } => {
            let (d, a) = (format_vn(*date), format_vn(*accepted_on));
            both(&format!("ngày {d} trước ngày thụ lý {a}"), &format!("dated {d}, before the case was accepted on {a}"))
        }
        Reason::InFuture { date, today } => {
            let (d, t) = (format_vn(*date), format_vn(*today));
            both(&format!("ngày {d} sau ngày hôm nay {t}"), &format!("dated {d}, after today {t}"))
        }
        Reason::AfterClosing { closing, closed_on } => {
            let (label, day) = (closing.label_vi(), format_vn(*closed_on));
            let code = CaseState::Closed(*closing).code();
            both(
                &format!("việc đã kết thúc ({label}) ngày {day}; không ghi nhận sự kiện sau đó"),
                &format!("the case closed ({code}) on {day}; no event may follow"),
            )
        }
        Reason::NotAllowed { event, state } => not_allowed(*event, state, en),
        Reason::AmountRequired(code) => {
            both(&format!("«{}» cần số tiền", code.label_vi()), &format!("«{}» needs an amount", code.label_en()))
        }
        Reason::AmountNotAllowed(code) => {
            both(&format!("«{}» không có số tiền", code.label_vi()), &format!("«{}» takes no amount", code.label_en()))
        }
        Reason::AmountZero => both("số tiền phải lớn hơn 0", "the amount must be more than zero"),
        Reason::ExceedsOutstanding { amount, outstanding } => both(
            &format!("số tiền {amount} vượt số còn phải thi hành {outstanding}"),
            &format!("the amount {amount} is more than the {outstanding} still owed"),
        ),
        Reason::StillOwed(owed) => both(
            &format!("còn phải thi hành {owed}; ghi nhận thu tiền, giảm hoặc đình chỉ phần còn lại trước"),
            &format!("{owed} is still owed; record it collected, reduced or terminated first"),
        ),
        Reason::NewLawOnly(from) => both(
            &format!("gửi lại yêu cầu thi hành án chỉ áp dụng từ {} (Luật 106/2025)", format_vn(*from)),
            &format!("returning the request applies only from {} (Law 106/2025)", format_vn(*from)),
        ),
        Reason::OnRequestOnly => both(
            "gửi lại yêu cầu chỉ áp dụng cho việc theo yêu cầu",
            "returning the request applies only to cases enforced on request",
        ),
        Reason::ExOfficioOnly(from) => both(
            &format!(
                "từ {} việc theo yêu cầu không chuyển sổ theo dõi riêng mà gửi lại yêu cầu (NĐ 152/2026 Điều 22)",
                format_vn(*from)
            ),
            &format!(
                "from {} a case enforced on request is returned, not moved to the separate register (Decree \
                 152/2026, Art. 22)",
                format_vn(*from)
            ),
        ),
        Reason::UnknownGround { event, ground } => both(
            &format!("«{ground}» không phải căn cứ của «{}»; hãy chọn một căn cứ trong danh sách", event.label_vi()),
            &format!("«{ground}» is not a ground of «{}»; choose one from the list", event.label_en()),
        ),
        Reason::StateBudgetOnly { event, citation } => both(
            &format!(
                "«{}» chỉ áp dụng cho khoản thu, nộp ngân sách nhà nước (nhóm ngan_sach; {citation})",
                event.label_vi()
            ),
            &format!(
                "«{}» applies only to obligations owed to the state budget (category ngan_sach; {citation})",
                event.label_en()
            ),
        ),
        Reason::TooEarly { event, decided_on, allowed_from, citation } => {
            let (decided, allowed) = (format_vn(*decided_on), format_vn(*allowed_from));
            both(
                &format!(
                    "«{}» chỉ được thực hiện từ {allowed}: chưa hết thời gian chưa có điều kiện thi hành kể từ quyết định ngày {decided} ({citation})",
                    event.label_vi()
                ),
                &format!(
                    "«{}» is allowed only from {allowed}: the waiting period after the decision on lack of means of {decided} has not passed ({citation})",
                    event.label_en()
                ),
            )
        }
    }
}

/// An event the state does not allow, with what would allow it where that helps.
fn not_allowed(event: EventCode, state: &CaseState, en: bool) -> String {
    let hint = match (event, state) {
        (EventCode::Resumed, _) => pick(
            en,
            " (chỉ tiếp tục việc đang hoãn, tạm đình chỉ hoặc chưa có điều kiện)".into(),
            " (only a postponed, suspended or without-means case resumes)".into(),
        ),
        (_, CaseState::Postponed(_) | CaseState::Suspended(_)) => pick(
            en,
            " (ra quyết định tiếp tục thi hành án trước)".into(),
            " (decide to resume enforcement first)".into(),
        ),
        (EventCode::SeparateRegister | EventCode::RequestReturned, _) => {
            pick(en, " (chỉ áp dụng cho việc chưa có điều kiện)".into(), " (only for a case without means)".into())
        }
        _ => String::new(),
    };
    pick(
        en,
        format!("«{}» không áp dụng khi việc đang ở trạng thái «{}»{hint}", event.label_vi(), state.label_vi()),
        format!("«{}» is not allowed while the case is «{}»{hint}", event.label_en(), state.label_en()),
    )
}

fn event_label(code: EventCode, lang: Lang) -> &'static str {
    lang.pick(code.label_vi(), code.label_en())
}

fn links_message(fault: &SupersessionFault, en: bool) -> String {
    match fault {
        SupersessionFault::SupersededTwice { target, first, second } => {
            let (t, a, b) = (target.0, first.0, second.0);
            pick(
                en,
                format!("bản ghi #{t} bị thay thế hai lần, bởi bản ghi #{a} và #{b}"),
                format!("record #{t} is replaced twice, by records #{a} and #{b}"),
            )
        }
        SupersessionFault::UnknownTarget { record, target } => {
            let (r, t) = (record.0, target.0);
            pick(
                en,
                format!("bản ghi #{r} thay thế bản ghi #{t}, không phải bản ghi trước đó của việc này"),
                format!("record #{r} replaces record #{t}, which is not an earlier record of this case"),
            )
        }
    }
}

fn money_message(e: &MoneyError, en: bool) -> String {
    match e {
        MoneyError::Negative(v) => pick(en, format!("số tiền âm: {v}"), format!("negative amount: {v}")),
        MoneyError::Malformed(v) => {
            pick(en, format!("số tiền không hợp lệ: «{v}»"), format!("not an amount of whole đồng: «{v}»"))
        }
        MoneyError::TooLarge(v) => pick(en, format!("số tiền quá lớn: «{v}»"), format!("amount too large: «{v}»")),
    }
}

/// A refused text names its field and why, as `thads_core::field` words it, in one language.
fn text_message(e: &FieldError, en: bool) -> String {
    let (field, max) = (if en { e.field.en } else { e.field.vi }, e.field.max_chars);
    let said = |vi: String, english: String| format!("{field}: {}", pick(en, vi, english));
    match e.problem {
        Problem::Empty => said("không được để trống".into(), "must not be empty".into()),
        Problem::TooLong { chars } => {
            said(format!("dài {chars} ký tự, tối đa {max}"), format!("{chars} characters, at most {max}"))
        }
        Problem::Invisible(c) => said(
            format!("có ký tự vô hình {}, hãy gõ lại", code_point(c)),
            format!("holds the invisible character {}; type it again", code_point(c)),
        ),
        Problem::Control(c) => said(
            format!("có ký tự điều khiển {}", code_point(c)),
            format!("holds the control character {}", code_point(c)),
        ),
        Problem::NotAllowed(c) => said(
            format!("có ký tự không được phép {}", code_point(c)),
            format!("holds {}, not allowed here", code_point(c)),
        ),
    }
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use thads_core::Vnd;
    use time::macros::date;

    use super::*;

    #[test]
    fn a_message_is_in_one_language() {
        let owed = Vnd::new(5_000_000).unwrap();
        let r = Refusal::Event(Reason::ExceedsOutstanding { amount: Vnd::new(6_000_000).unwrap(), outstanding: owed });
        assert_eq!(r.code(), "more_than_owed");
        assert_eq!(r.message(Lang::Vi), "số tiền 6.000.000 đ vượt số còn phải thi hành 5.000.000 đ");
        assert_eq!(r.message(Lang::En), "the amount 6.000.000 đ is more than the 5.000.000 đ still owed");
        let later = Refusal::BreaksLater {
            later: EventCode::Collected,
            date: date!(2025 - 11 - 01),
            reason: Reason::AmountZero,
        };
        assert!(!later.message(Lang::En).contains("số tiền"), "{}", later.message(Lang::En));
        let text = Refusal::Text(FieldError { field: thads_core::field::NOTE, problem: Problem::Control('\0') });
        assert_eq!(text.message(Lang::Vi), "ghi chú: có ký tự điều khiển U+0000");
        assert_eq!(text.message(Lang::En), "note: holds the control character U+0000");
    }
}
