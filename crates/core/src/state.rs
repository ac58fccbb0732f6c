//! The state of a case on a day: open in one of five states or closed in one of seven ways
//! (domain §3.11), with its money at that moment (`Snapshot`). The nouns only: the state
//! machine that moves between them is `lifecycle`, how they are counted `rules` and `ledger`;
//! all of them, and `case` (a stored case keeps its current snapshot), read this module.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::amount::Vnd;
use crate::event::{EventCode, Ground};

/// How a case left the register of this agency (terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closing {
    Completed,
    Terminated,
    Exempted,
    DelegatedOut,
    Withdrawn,
    SeparateRegister,
    RequestReturned,
}

impl Closing {
    pub const ALL: [Closing; 7] = [
        Closing::Completed,
        Closing::Terminated,
        Closing::Exempted,
        Closing::DelegatedOut,
        Closing::Withdrawn,
        Closing::SeparateRegister,
        Closing::RequestReturned,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The closing an event code records, if it is one.
    pub(crate) fn of(code: EventCode) -> Option<Closing> {
        match code {
            EventCode::Completed => Some(Closing::Completed),
            EventCode::Terminated => Some(Closing::Terminated),
            EventCode::Exempted => Some(Closing::Exempted),
            EventCode::DelegatedOut => Some(Closing::DelegatedOut),
            EventCode::Withdrawn => Some(Closing::Withdrawn),
            EventCode::SeparateRegister => Some(Closing::SeparateRegister),
            EventCode::RequestReturned => Some(Closing::RequestReturned),
            _ => None,
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Closing::Completed => "Thi hành xong",
            Closing::Terminated => "Đình chỉ thi hành án",
            Closing::Exempted => "Miễn thi hành án (đình chỉ)",
            Closing::DelegatedOut => "Đã ủy thác",
            Closing::Withdrawn => "Quyết định đã thu hồi / hủy",
            Closing::SeparateRegister => "Chuyển sổ theo dõi riêng",
            Closing::RequestReturned => "Đã gửi lại yêu cầu thi hành án",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Closing::Completed => "Completed",
            Closing::Terminated => "Terminated",
            Closing::Exempted => "Exempted (terminated)",
            Closing::DelegatedOut => "Delegated to another agency",
            Closing::Withdrawn => "Decision withdrawn / annulled",
            Closing::SeparateRegister => "Moved to the separate register",
            Closing::RequestReturned => "Request returned",
        }
    }
}

/// The state of a case on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "ground")]
pub enum CaseState {
    /// Decision issued, means not yet verified.
    Opened,
    /// Có điều kiện: đang thi hành.
    WithMeans,
    /// Chưa có điều kiện thi hành.
    WithoutMeans,
    /// Hoãn, with its legal ground if known.
    Postponed(Option<Ground>),
    /// Tạm đình chỉ, with its legal ground if known.
    Suspended(Option<Ground>),
    Closed(Closing),
}

impl CaseState {
    pub fn is_closed(&self) -> bool {
        matches!(self, CaseState::Closed(_))
    }

    /// A stable code: `opened`, `with_means`, …, or the closing (`completed`, `terminated`, …).
    pub fn code(&self) -> &'static str {
        match self {
            CaseState::Opened => "opened",
            CaseState::WithMeans => "with_means",
            CaseState::WithoutMeans => "without_means",
            CaseState::Postponed(_) => "postponed",
            CaseState::Suspended(_) => "suspended",
            CaseState::Closed(Closing::Completed) => "completed",
            CaseState::Closed(Closing::Terminated) => "terminated",
            CaseState::Closed(Closing::Exempted) => "exempted",
            CaseState::Closed(Closing::DelegatedOut) => "delegated_out",
            CaseState::Closed(Closing::Withdrawn) => "withdrawn",
            CaseState::Closed(Closing::SeparateRegister) => "separate_register",
            CaseState::Closed(Closing::RequestReturned) => "request_returned",
        }
    }

    /// The state of a stored `code` (and ground), the inverse of `code`.
    pub fn from_code(code: &str, ground: Option<Ground>) -> Option<CaseState> {
        Some(match code {
            "opened" => CaseState::Opened,
            "with_means" => CaseState::WithMeans,
            "without_means" => CaseState::WithoutMeans,
            "postponed" => CaseState::Postponed(ground),
            "suspended" => CaseState::Suspended(ground),
            other => CaseState::Closed(Closing::ALL.into_iter().find(|c| CaseState::Closed(*c).code() == other)?),
        })
    }

    /// The ground of a postponement or suspension.
    pub fn ground(&self) -> Option<&Ground> {
        match self {
            CaseState::Postponed(g) | CaseState::Suspended(g) => g.as_ref(),
            _ => None,
        }
    }

    pub fn label_vi(&self) -> &'static str {
        match self {
            CaseState::Opened => "Đã ra quyết định thi hành án, chưa xác minh",
            CaseState::WithMeans => "Có điều kiện – đang thi hành",
            CaseState::WithoutMeans => "Chưa có điều kiện thi hành",
            CaseState::Postponed(_) => "Hoãn thi hành án",
            CaseState::Suspended(_) => "Tạm đình chỉ thi hành án",
            CaseState::Closed(c) => c.label_vi(),
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            CaseState::Opened => "Decision issued, not yet verified",
            CaseState::WithMeans => "With means – being enforced",
            CaseState::WithoutMeans => "Without means",
            CaseState::Postponed(_) => "Postponed",
            CaseState::Suspended(_) => "Suspended",
            CaseState::Closed(c) => c.label_en(),
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// State and money of a case right after an event (or at acceptance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub state: CaseState,
    /// Còn phải thi hành: what is still owed (zero once closed).
    pub outstanding: Vnd,
    /// Collected so far (thu được).
    pub collected: Vnd,
    /// Reduced so far (giảm).
    pub reduced: Vnd,
}
