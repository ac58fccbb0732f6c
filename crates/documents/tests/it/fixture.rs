//! One fixed case with every field a built-in template uses, so that each template renders.

use thads_core::Vnd;
use thads_documents::{DocumentData, DocumentKind};
use time::Date;
use time::macros::date;

/// The data of a document dated `issue_date` (the regime follows from it).
pub fn case_data(issue_date: Date) -> DocumentData {
    let mut d = DocumentData::new();
    let texts = [
        ("unit_superior_name", "Cục Quản lý thi hành án dân sự"),
        ("unit_name", "Thi hành án dân sự tỉnh Nghệ An"),
        ("issuer_title", "Trưởng Thi hành án dân sự tỉnh Nghệ An"),
        ("place", "Nghệ An"),
        ("document_number", "46"),
        ("document_symbol", "QĐ-THADS"),
        ("signer_authority", "KT. Trưởng Thi hành án dân sự tỉnh"),
        ("signer_title", "Phó Trưởng Thi hành án dân sự tỉnh"),
        ("signer_name", "Trần Thị Bích Ngọc"),
        ("case_number", "128/2025"),
        ("lookup_code", "NA-2025-000128-7Q"),
        ("enforcement_decision_number", "46/QĐ-THADS"),
        ("officer_name", "Lê Quang Huy"),
        ("officer_phone", "0238 3844 556"),
        ("judgment_number", "12/2025/DS-PT"),
        ("judgment_court", "Tòa án nhân dân tỉnh Nghệ An"),
        ("creditor_name", "Công ty cổ phần Thương mại Hồng Lĩnh"),
        ("creditor_address", "số 15 đường Lê Lợi, phường Vinh Phú, tỉnh Nghệ An"),
        ("creditor_id_number", "2901234567"),
        ("debtor_name", "Ông Nguyễn Văn Ước"),
        ("debtor_address", "xóm 3, xã Diễn Châu, tỉnh Nghệ An"),
        ("debtor_id_number", "040085001234"),
        ("addressee_name", "Ông Nguyễn Văn Ước"),
        ("addressee_address", "xóm 3, xã Diễn Châu, tỉnh Nghệ An"),
        ("obligation", "trả cho Công ty cổ phần Thương mại Hồng Lĩnh số tiền nợ gốc và lãi theo bản án"),
        ("voluntary_period", "10 ngày"),
        ("payment_instructions", "nộp vào tài khoản của Thi hành án dân sự tỉnh Nghệ An tại Kho bạc Nhà nước khu vực"),
        ("notification_method", "qua ứng dụng VNeID"),
        ("legal_ground", "điểm b khoản 1 Điều 48 Luật Thi hành án dân sự"),
        (
            "reason",
            "người phải thi hành án đang điều trị bệnh nặng tại Bệnh viện Hữu nghị đa khoa Nghệ An, có xác nhận của cơ sở y tế",
        ),
        ("delegate_unit_name", "Thi hành án dân sự tỉnh Hà Tĩnh"),
        ("delegate_unit_address", "số 2 đường Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh"),
        ("appointment_time", "08 giờ 00"),
        ("appointment_place", "trụ sở Thi hành án dân sự tỉnh Nghệ An, số 9 đường Trường Thi"),
        ("appointment_purpose", "làm việc về việc thi hành Quyết định thi hành án số 46/QĐ-THADS"),
        ("verification_time", "09 giờ 30"),
        ("verification_place", "Ủy ban nhân dân xã Diễn Châu, tỉnh Nghệ An"),
        ("means_assessment", "người phải thi hành án có tài sản là quyền sử dụng đất, đủ điều kiện thi hành án"),
        ("coercion_place", "thửa đất số 215, tờ bản đồ số 7, xóm 3, xã Diễn Châu, tỉnh Nghệ An"),
        (
            "asset_description",
            "quyền sử dụng 250 m² đất ở và tài sản gắn liền với đất tại thửa đất số 215, tờ bản đồ số 7",
        ),
        ("valuation_org", "Công ty TNHH Thẩm định giá Đông Á"),
        ("valuation_certificate", "1508/2025/CT-ĐA"),
    ];
    for (name, value) in texts {
        d.text(name, value).ok();
    }
    let dates = [
        ("issue_date", issue_date),
        ("acceptance_date", date!(2025 - 09 - 29)),
        ("enforcement_decision_date", date!(2025 - 10 - 05)),
        ("request_date", date!(2025 - 09 - 29)),
        ("judgment_date", date!(2025 - 08 - 05)),
        ("period_from", issue_date),
        ("period_to", date!(2027 - 01 - 15)),
        ("appointment_date", date!(2027 - 02 - 03)),
        ("verification_date", date!(2025 - 11 - 04)),
        ("coercion_date", date!(2027 - 03 - 09)),
        ("valuation_date", date!(2026 - 12 - 01)),
    ];
    for (name, value) in dates {
        d.date(name, value).ok();
    }
    d.money("amount", Vnd::new(761_546_547_000).unwrap_or(Vnd::ZERO)).ok();
    d.money("valuation_price", Vnd::new(2_105_000_000).unwrap_or(Vnd::ZERO)).ok();
    d.list("recipients", ["Đương sự", "Viện kiểm sát nhân dân tỉnh Nghệ An", "Chấp hành viên Lê Quang Huy"]).ok();
    d.list(
        "participants",
        [
            "Ông Lê Quang Huy, Chấp hành viên",
            "Bà Phạm Thị Hoa, Thư ký thi hành án",
            "Ông Hồ Văn Tám, công chức địa chính xã Diễn Châu",
        ],
    )
    .ok();
    d.list(
        "findings",
        [
            "Người phải thi hành án đứng tên quyền sử dụng thửa đất số 215, tờ bản đồ số 7, diện tích 250 m²",
            "Không có tài khoản tại các tổ chức tín dụng trên địa bàn",
        ],
    )
    .ok();
    d.list(
        "seized_assets",
        ["Quyền sử dụng 250 m² đất tại thửa đất số 215, tờ bản đồ số 7", "Nhà ở cấp 4 gắn liền với thửa đất"],
    )
    .ok();
    d
}

/// The case's data for one kind of document: the ground and reason that kind states (a
/// postponement and a termination do not rest on the same article).
pub fn data_for(kind: DocumentKind, issue_date: Date) -> DocumentData {
    let mut d = case_data(issue_date);
    let new = issue_date >= date!(2026 - 07 - 01);
    let (reason, old_ground, new_ground) = match kind {
        DocumentKind::QdHoan => (
            "người phải thi hành án đang điều trị bệnh nặng tại Bệnh viện Hữu nghị đa khoa Nghệ An, có xác nhận của cơ sở y tế",
            "điểm a khoản 1 Điều 48 Luật Thi hành án dân sự",
            "quy định của Luật Thi hành án dân sự số 106/2025/QH15",
        ),
        DocumentKind::QdTamDinhChi => (
            "Chánh án Tòa án nhân dân cấp cao tại Hà Nội đã ra Quyết định số 15/2026/QĐ-TA tạm đình chỉ thi hành bản án để xem xét theo thủ tục giám đốc thẩm",
            "khoản 1 Điều 49 Luật Thi hành án dân sự",
            "quy định của Luật Thi hành án dân sự số 106/2025/QH15",
        ),
        DocumentKind::QdDinhChi => (
            "người được thi hành án có văn bản từ bỏ quyền được thi hành án",
            "điểm c khoản 1 Điều 50 Luật Thi hành án dân sự",
            "Điều 48 Luật Thi hành án dân sự số 106/2025/QH15",
        ),
        DocumentKind::QdChuaCoDieuKien => (
            "người phải thi hành án không có thu nhập và không có tài sản để thi hành án",
            "điểm a khoản 1 Điều 44a Luật Thi hành án dân sự",
            "Điều 38 Luật Thi hành án dân sự số 106/2025/QH15",
        ),
        DocumentKind::QdTiepTuc => (
            "căn cứ hoãn thi hành án không còn: người phải thi hành án đã điều trị khỏi bệnh",
            "khoản 4 Điều 48 Luật Thi hành án dân sự",
            "Quyết định hoãn thi hành án số 50/QĐ-THADS ngày 09 tháng 3 năm 2026",
        ),
        DocumentKind::QdUyThac => (
            "người phải thi hành án có tài sản là quyền sử dụng đất tại tỉnh Hà Tĩnh",
            "Điều 55 Luật Thi hành án dân sự",
            "Điều 49 Luật Thi hành án dân sự số 106/2025/QH15",
        ),
        _ => return d,
    };
    d.text("reason", reason).ok();
    d.text("legal_ground", if new { new_ground } else { old_ground }).ok();
    d
}
