//! A case's history as a party reads it: each effective step in plain words, without notes,
//! grounds, amounts or who recorded it (those stay in the office). Corrections and voids are
//! never shown: only the history as it now stands.

use crate::event::EventCode;
use crate::state::{CaseState, Closing};

/// A step a party sees: its words in Vietnamese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicStep {
    pub vi: &'static str,
    pub en: &'static str,
}

/// The words of an event for the parties; `None` for an event not shown to them.
pub fn public_step(code: EventCode) -> Option<PublicStep> {
    let (vi, en) = match code {
        EventCode::WithMeans => {
            ("Đã xác minh: người phải thi hành án có điều kiện thi hành", "Checked: the debtor can pay")
        }
        EventCode::NoMeans => {
            ("Đã xác minh: người phải thi hành án chưa có điều kiện thi hành", "Checked: the debtor cannot pay for now")
        }
        EventCode::Postponed => ("Việc thi hành án được hoãn", "Enforcement postponed"),
        EventCode::Suspended => ("Việc thi hành án tạm dừng (tạm đình chỉ)", "Enforcement suspended"),
        EventCode::Resumed => ("Việc thi hành án được tiếp tục", "Enforcement resumed"),
        EventCode::Collected => ("Cơ quan thi hành án đã thu được tiền", "Money was collected"),
        EventCode::Reduced => ("Nghĩa vụ được giảm", "The obligation was reduced"),
        EventCode::Exempted => ("Nghĩa vụ được miễn", "The obligation was waived"),
        EventCode::Terminated => ("Việc thi hành án chấm dứt (đình chỉ)", "Enforcement ended (terminated)"),
        EventCode::Completed => ("Đã thi hành xong", "Enforcement completed"),
        EventCode::DelegatedOut => ("Chuyển cho cơ quan thi hành án khác", "Handed to another enforcement office"),
        EventCode::Withdrawn => {
            ("Quyết định thi hành án bị thu hồi hoặc hủy", "The enforcement decision was withdrawn")
        }
        EventCode::SeparateRegister => (
            "Chuyển sang theo dõi riêng (chưa có điều kiện lâu dài)",
            "Moved to separate follow-up (no means for a long time)",
        ),
        EventCode::RequestReturned => {
            ("Đã gửi lại đơn yêu cầu cho người yêu cầu", "The request was returned to the requester")
        }
    };
    Some(PublicStep { vi, en })
}

/// The state of a case in plain words, Vietnamese and English.
pub fn state_words(state: &CaseState) -> PublicStep {
    let (vi, en) = match state {
        CaseState::Opened => ("Đã ra quyết định thi hành án, đang chờ xác minh", "Decision issued, being checked"),
        CaseState::WithMeans => ("Đang thi hành", "Being enforced"),
        CaseState::WithoutMeans => {
            ("Người phải thi hành án chưa có điều kiện thi hành", "The debtor cannot pay for now")
        }
        CaseState::Postponed(_) => ("Đang hoãn thi hành án", "Postponed"),
        CaseState::Suspended(_) => ("Đang tạm dừng thi hành án", "Suspended"),
        CaseState::Closed(Closing::Completed) => ("Đã thi hành xong", "Completed"),
        CaseState::Closed(Closing::Terminated | Closing::Exempted) => ("Đã chấm dứt thi hành án", "Ended"),
        CaseState::Closed(Closing::DelegatedOut) => ("Đã chuyển cơ quan khác", "Handed to another office"),
        CaseState::Closed(Closing::Withdrawn) => ("Quyết định đã bị thu hồi", "Decision withdrawn"),
        CaseState::Closed(Closing::SeparateRegister) => ("Đang theo dõi riêng", "Under separate follow-up"),
        CaseState::Closed(Closing::RequestReturned) => ("Đã gửi lại đơn yêu cầu", "Request returned"),
    };
    PublicStep { vi, en }
}
