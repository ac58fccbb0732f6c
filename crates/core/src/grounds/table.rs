//! The built-in grounds. Luật THADS 26/2008 (sửa đổi 2014) Điều 48 (hoãn) and Điều 50 (đình
//! chỉ) are confirmed (domain §3.7); Điều 49 (tạm đình chỉ) and Điều 44a (chưa có điều kiện)
//! were written from memory and are `Unconfirmed`; Điều 61 (miễn, giảm) is confirmed, its
//! special cases inferred (domain §3.10); the separate register and the return of the request
//! cite NĐ 62/2015 Điều 9 and Luật 106/2025 Điều 38 (domain §3.5). Luật 106/2025 renumbers the
//! law: until its articles are read, the grounds keep the 2008 numbering, which the registers
//! use.

use super::{GroundChoice, GroundRules, StateBudgetOnly};
use crate::confidence::Confidence::{self, Confirmed, Inferred, Unconfirmed};
use crate::event::{EventCode, Ground};

type Row = (&'static str, &'static str, &'static str, &'static str, Confidence);

const LAW: &str = "Luật THADS 26/2008 (sửa đổi 2014)";

/// Hoãn thi hành án, Điều 48 khoản 1.
const POSTPONED: [Row; 8] = [
    (
        "48.1.a",
        "Người phải thi hành án ốm nặng, mất hoặc bị hạn chế năng lực hành vi dân sự",
        "The debtor is seriously ill or lacks legal capacity",
        "Điều 48 khoản 1 điểm a",
        Confirmed,
    ),
    (
        "48.1.b",
        "Chưa xác định được địa chỉ của người phải thi hành án hoặc vì lý do chính đáng khác",
        "The debtor's address is unknown, or another legitimate reason",
        "Điều 48 khoản 1 điểm b",
        Confirmed,
    ),
    (
        "48.1.c",
        "Đương sự đồng ý hoãn (có văn bản)",
        "The parties agree in writing",
        "Điều 48 khoản 1 điểm c",
        Confirmed,
    ),
    (
        "48.1.d",
        "Tài sản đang được Tòa án thụ lý giải quyết",
        "The asset is before a court",
        "Điều 48 khoản 1 điểm d",
        Confirmed,
    ),
    (
        "48.1.đ",
        "Chờ Tòa án giải thích bản án, quyết định",
        "Awaiting the court's explanation of the judgment",
        "Điều 48 khoản 1 điểm đ",
        Confirmed,
    ),
    (
        "48.1.e",
        "Người được nhận tài sản, người được giao nuôi dưỡng đã được thông báo hợp lệ 02 lần mà không đến nhận",
        "The recipient was notified twice and did not come",
        "Điều 48 khoản 1 điểm e",
        Confirmed,
    ),
    (
        "48.1.g",
        "Chuyển giao quyền, nghĩa vụ bị trở ngại do sự kiện bất khả kháng",
        "A transfer of rights or obligations blocked by force majeure",
        "Điều 48 khoản 1 điểm g",
        Confirmed,
    ),
    (
        "48.1.h",
        "Tài sản không bán được mà người được thi hành án không nhận",
        "An unsold asset the creditor refused",
        "Điều 48 khoản 1 điểm h",
        Confirmed,
    ),
];

/// Tạm đình chỉ thi hành án, Điều 49 (from memory).
const SUSPENDED: [Row; 2] = [
    (
        "49.1",
        "Người có thẩm quyền kháng nghị giám đốc thẩm, tái thẩm yêu cầu tạm đình chỉ",
        "A protest for cassation or re-opening review",
        "Điều 49 khoản 1",
        Unconfirmed,
    ),
    (
        "49.2",
        "Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản đối với người phải thi hành án",
        "A court accepted a bankruptcy petition against the debtor",
        "Điều 49 khoản 2",
        Unconfirmed,
    ),
];

/// Đình chỉ thi hành án, Điều 50 khoản 1.
const TERMINATED: [Row; 8] = [
    (
        "50.1.a",
        "Người phải thi hành án chết không để lại di sản hoặc nghĩa vụ không được chuyển giao",
        "The debtor died without an estate, or the obligation is not transferable",
        "Điều 50 khoản 1 điểm a",
        Confirmed,
    ),
    (
        "50.1.b",
        "Người được thi hành án chết mà quyền không được chuyển giao hoặc không có người thừa kế",
        "The creditor died and the right is not transferable or has no heir",
        "Điều 50 khoản 1 điểm b",
        Confirmed,
    ),
    (
        "50.1.c",
        "Đương sự thỏa thuận hoặc người được thi hành án từ bỏ quyền (có văn bản)",
        "The parties agree, or the creditor waives in writing",
        "Điều 50 khoản 1 điểm c",
        Confirmed,
    ),
    ("50.1.d", "Bản án, quyết định bị hủy", "The judgment was annulled", "Điều 50 khoản 1 điểm d", Confirmed),
    (
        "50.1.đ",
        "Tổ chức phải thi hành án giải thể, không còn tài sản, không có người kế thừa",
        "The debtor organisation was dissolved with no assets and no successor",
        "Điều 50 khoản 1 điểm đ",
        Confirmed,
    ),
    ("50.1.e", "Có quyết định miễn thi hành án", "A decision of exemption", "Điều 50 khoản 1 điểm e", Confirmed),
    (
        "50.1.g",
        "Tòa án ra quyết định mở thủ tục phá sản đối với người phải thi hành án",
        "The court opened bankruptcy proceedings against the debtor",
        "Điều 50 khoản 1 điểm g",
        Confirmed,
    ),
    (
        "50.1.h",
        "Người chưa thành niên được giao nuôi dưỡng đã chết hoặc đã thành niên",
        "The child in custody died or came of age",
        "Điều 50 khoản 1 điểm h",
        Confirmed,
    ),
];

/// Quyết định về việc chưa có điều kiện thi hành án, Điều 44a khoản 1 (from memory).
const NO_MEANS: [Row; 3] = [
    (
        "44a.1.a",
        "Không có thu nhập hoặc chỉ đủ sinh hoạt tối thiểu, không có tài sản hoặc tài sản không được kê biên",
        "No income beyond subsistence and no seizable assets",
        "Điều 44a khoản 1 điểm a",
        Unconfirmed,
    ),
    (
        "44a.1.b",
        "Tài sản phải trả theo bản án không còn",
        "The specific item to be returned no longer exists",
        "Điều 44a khoản 1 điểm b",
        Unconfirmed,
    ),
    (
        "44a.1.c",
        "Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án",
        "The debtor's address is unknown",
        "Điều 44a khoản 1 điểm c",
        Unconfirmed,
    ),
];

/// Miễn thi hành án, Điều 61.
const EXEMPTED: [Row; 3] = [
    (
        "61.1",
        "Miễn nghĩa vụ chưa thi hành (05 năm dưới 2 triệu; 10 năm từ 2 đến dưới 5 triệu đồng)",
        "Exemption of an unpaid obligation (5 years under 2 million; 10 years 2 to 5 million đồng)",
        "Điều 61 khoản 1",
        Confirmed,
    ),
    (
        "61.2",
        "Miễn phần còn lại sau khi đã thi hành một phần",
        "Exemption of the remainder after partial payment",
        "Điều 61 khoản 2",
        Confirmed,
    ),
    (
        "61.4",
        "Miễn khi gặp khó khăn đặc biệt hoặc lập công lớn",
        "Exemption for special hardship or a great merit",
        "Điều 61 khoản 4",
        Inferred,
    ),
];

/// Giảm thi hành án, Điều 61.
const REDUCED: [Row; 2] = [
    (
        "61.3",
        "Giảm một phần nghĩa vụ sau khi đã thi hành một phần (05 năm hoặc 10 năm)",
        "Reduction after partial payment (5 or 10 years)",
        "Điều 61 khoản 3",
        Confirmed,
    ),
    (
        "61.4",
        "Giảm khi gặp khó khăn đặc biệt hoặc lập công lớn",
        "Reduction for special hardship or a great merit",
        "Điều 61 khoản 4",
        Inferred,
    ),
];

/// The separate register: NĐ 62/2015 Điều 9 khoản 5 (old law), Luật 106/2025 Điều 38 khoản 3.
const SEPARATE_REGISTER: [(&str, &str, &str, &str, Confidence); 2] = [
    (
        "ND62.9.5",
        "Đủ 01 năm (02 năm với phạm nhân) từ quyết định chưa có điều kiện, đã xác minh 02 lần",
        "One year (two for prisoners) after the decision on lack of means, verified twice",
        "NĐ 62/2015/NĐ-CP Điều 9 khoản 5 (sửa đổi NĐ 33/2020)",
        Confirmed,
    ),
    (
        "38.3",
        "Hết 02 năm từ quyết định chưa có điều kiện (việc chủ động)",
        "Two years after the decision on lack of means (enforced ex officio)",
        "Luật THADS 106/2025 Điều 38 khoản 3; NĐ 152/2026 Điều 22 khoản 1",
        Confirmed,
    ),
];

/// The return of the request: Luật 106/2025 Điều 38 khoản 4.
const REQUEST_RETURNED: [(&str, &str, &str, &str, Confidence); 1] = [(
    "38.4",
    "Hết 02 năm từ quyết định chưa có điều kiện (việc theo yêu cầu)",
    "Two years after the decision on lack of means (enforced on request)",
    "Luật THADS 106/2025 Điều 38 khoản 4; NĐ 152/2026 Điều 22 khoản 2, Điều 32 khoản 1 điểm d",
    Confirmed,
)];

fn rows(event: EventCode, rows: &[Row], of_2008: bool) -> impl Iterator<Item = GroundChoice> + '_ {
    rows.iter().filter_map(move |(ground, vi, en, citation, confidence)| {
        Some(GroundChoice {
            event,
            ground: Ground::new(ground).ok()?,
            name_vi: (*vi).to_string(),
            name_en: (*en).to_string(),
            citation: if of_2008 { format!("{LAW} {citation}") } else { (*citation).to_string() },
            confidence: *confidence,
        })
    })
}

pub(super) fn built_in() -> GroundRules {
    use EventCode as E;
    let choices = rows(E::NoMeans, &NO_MEANS, true)
        .chain(rows(E::Postponed, &POSTPONED, true))
        .chain(rows(E::Suspended, &SUSPENDED, true))
        .chain(rows(E::Terminated, &TERMINATED, true))
        .chain(rows(E::Exempted, &EXEMPTED, true))
        .chain(rows(E::Reduced, &REDUCED, true))
        .chain(rows(E::SeparateRegister, &SEPARATE_REGISTER, false))
        .chain(rows(E::RequestReturned, &REQUEST_RETURNED, false))
        .collect();
    GroundRules {
        choices,
        state_budget_only: StateBudgetOnly {
            events: vec![E::Exempted, E::Reduced],
            citation: format!("{LAW} Điều 61 khoản 1 (khoản thu, nộp ngân sách nhà nước)"),
            confidence: Confirmed,
        },
    }
}
