//! The catalogue of fields a template may name: each with its type, so that a template is
//! checked when it is saved (a date cannot be read out in words) and the app layer knows what
//! to fill from a case.

use std::fmt;

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A line of text (names, addresses, numbers of documents).
    Text,
    /// A calendar date.
    Date,
    /// An amount of whole đồng.
    Money,
    /// Several lines of text (recipients, legal bases, assets): a template line that names a
    /// list is repeated for each item.
    List,
}

impl FieldType {
    pub fn code(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Date => "date",
            FieldType::Money => "money",
            FieldType::List => "list",
        }
    }

    /// "văn bản", "ngày", …: the type's name in messages.
    pub fn label_vi(self) -> &'static str {
        match self {
            FieldType::Text => "văn bản",
            FieldType::Date => "ngày",
            FieldType::Money => "số tiền",
            FieldType::List => "danh sách",
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label_vi(), self.code())
    }
}

/// One known field: its name in templates, its type and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub ty: FieldType,
    /// What the field holds, in Vietnamese (shown to template authors).
    pub label: &'static str,
}

const fn field(name: &'static str, ty: FieldType, label: &'static str) -> FieldDef {
    FieldDef { name, ty, label }
}

use FieldType::{Date, List, Money, Text};

/// Every field a template may use. The app layer fills them from the case, its unit and the
/// signer; a field a document does not use may be left out.
pub const FIELDS: &[FieldDef] = &[
    // The issuing agency and the document itself.
    field("unit_superior_name", Text, "Tên cơ quan chủ quản (cấp trên trực tiếp)"),
    field("unit_name", Text, "Tên cơ quan thi hành án ban hành văn bản"),
    field("issuer_title", Text, "Chức danh người có thẩm quyền ra quyết định (Thủ trưởng cơ quan THADS)"),
    field("place", Text, "Địa danh nơi ban hành"),
    field("issue_date", Date, "Ngày ban hành văn bản"),
    field("document_number", Text, "Số của văn bản trong sổ của đơn vị"),
    field("document_symbol", Text, "Ký hiệu văn bản (ví dụ QĐ-THADS)"),
    field("signer_authority", Text, "Thẩm quyền ký (TM., KT., TL., Q.)"),
    field("signer_title", Text, "Chức vụ người ký"),
    field("signer_name", Text, "Họ tên người ký"),
    field("recipients", List, "Nơi nhận"),
    field("legal_bases", List, "Căn cứ bổ sung"),
    // The case.
    field("case_number", Text, "Số thụ lý / số hồ sơ thi hành án"),
    field("acceptance_date", Date, "Ngày thụ lý"),
    field("lookup_code", Text, "Mã tra cứu công khai của việc thi hành án"),
    field("enforcement_decision_number", Text, "Số quyết định thi hành án"),
    field("enforcement_decision_date", Date, "Ngày quyết định thi hành án"),
    field("request_date", Date, "Ngày đơn yêu cầu thi hành án"),
    field("officer_name", Text, "Họ tên Chấp hành viên được phân công"),
    field("officer_phone", Text, "Số điện thoại liên hệ của Chấp hành viên"),
    // The judgment.
    field("judgment_number", Text, "Số bản án, quyết định"),
    field("judgment_date", Date, "Ngày bản án, quyết định"),
    field("judgment_court", Text, "Tòa án (cơ quan) ra bản án, quyết định"),
    // The parties.
    field("creditor_name", Text, "Người được thi hành án"),
    field("creditor_address", Text, "Địa chỉ người được thi hành án"),
    field("creditor_id_number", Text, "Số định danh cá nhân / mã số doanh nghiệp của người được thi hành án"),
    field("debtor_name", Text, "Người phải thi hành án"),
    field("debtor_address", Text, "Địa chỉ người phải thi hành án"),
    field("debtor_id_number", Text, "Số định danh cá nhân / mã số doanh nghiệp của người phải thi hành án"),
    field("addressee_name", Text, "Người nhận văn bản (Kính gửi)"),
    field("addressee_address", Text, "Địa chỉ người nhận văn bản"),
    // What is to be enforced.
    field("obligation", Text, "Khoản phải thi hành"),
    field("obligations", List, "Các khoản phải thi hành"),
    field("amount", Money, "Số tiền phải thi hành"),
    field("voluntary_period", Text, "Thời hạn tự nguyện thi hành án (ví dụ: 10 ngày)"),
    field("payment_instructions", Text, "Chỉ dẫn nộp tiền thi hành án (tài khoản, nơi nộp)"),
    field("notification_method", Text, "Hình thức thông báo thi hành án (ví dụ: qua ứng dụng VNeID)"),
    // Grounds and periods.
    field("legal_ground", Text, "Căn cứ pháp lý của quyết định (điểm, khoản, điều)"),
    field("reason", Text, "Lý do"),
    field("period_from", Date, "Từ ngày"),
    field("period_to", Date, "Đến ngày"),
    field("delegate_unit_name", Text, "Cơ quan thi hành án nhận ủy thác"),
    field("delegate_unit_address", Text, "Địa chỉ cơ quan nhận ủy thác"),
    // Summons.
    field("appointment_time", Text, "Giờ có mặt (ví dụ: 08 giờ 00)"),
    field("appointment_date", Date, "Ngày có mặt"),
    field("appointment_place", Text, "Địa điểm có mặt"),
    field("appointment_purpose", Text, "Nội dung làm việc"),
    // Verification of means.
    field("verification_time", Text, "Giờ bắt đầu xác minh"),
    field("verification_date", Date, "Ngày xác minh"),
    field("verification_place", Text, "Địa điểm xác minh"),
    field("participants", List, "Thành phần tham gia"),
    field("findings", List, "Kết quả xác minh"),
    field("means_assessment", Text, "Kết luận về điều kiện thi hành án"),
    // Coercion and valuation.
    field("coercion_date", Date, "Ngày tổ chức cưỡng chế"),
    field("coercion_place", Text, "Địa điểm cưỡng chế"),
    field("seized_assets", List, "Tài sản kê biên"),
    field("asset_description", Text, "Tài sản được thẩm định giá"),
    field("valuation_org", Text, "Tổ chức thẩm định giá"),
    field("valuation_certificate", Text, "Số chứng thư thẩm định giá"),
    field("valuation_date", Date, "Ngày chứng thư thẩm định giá"),
    field("valuation_price", Money, "Giá trị tài sản theo kết quả thẩm định giá"),
];

/// The field of that name, if there is one.
pub fn lookup(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(f.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", f.name);
            assert!(FIELDS[i + 1..].iter().all(|g| g.name != f.name), "{} twice", f.name);
        }
        assert_eq!(lookup("amount").map(|f| f.ty), Some(FieldType::Money));
        assert!(lookup("Amount").is_none());
    }
}
