# Thông báo thi hành án: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
# Cú pháp: xem tài liệu của crate thads-documents (lib.rs).
::: agency
{unit_superior_name:upper}
{unit_name:upper}
:::
::: number
Số: {document_number}/{document_symbol}
:::
::: place_date
{place}, {issue_date}
:::
::: title
THÔNG BÁO
Về việc thi hành án
:::
::: body
^Kính gửi: {addressee_name}
Địa chỉ: {addressee_address}.
Căn cứ Điều 39 Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
{unit_name} thông báo để {addressee_name} biết: Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} đối với người phải thi hành án {debtor_name}; khoản phải thi hành: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
Chấp hành viên được phân công tổ chức thi hành án: {officer_name}.
::: if officer_phone
Số điện thoại liên hệ: {officer_phone}.
:::
::: if lookup_code
Mã tra cứu thông tin việc thi hành án: **{lookup_code}**. Đương sự dùng mã này để tra cứu tình hình thi hành án trên Cổng thông tin điện tử về thi hành án dân sự.
:::
Đề nghị {addressee_name} thực hiện đúng nội dung Quyết định thi hành án./.
:::
::: recipients
- {recipients};
- Lưu: VT, HSTHA.
:::
::: signature
::: if signer_authority
{signer_authority:upper}
:::
{signer_title:upper}
~
{signer_name}
:::
