# Giấy triệu tập: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
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
GIẤY TRIỆU TẬP
:::
::: body
Căn cứ Điều 20 Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Chấp hành viên {unit_name} triệu tập:
Ông (bà): {addressee_name}.
Địa chỉ: {addressee_address}.
Có mặt vào hồi {appointment_time}, {appointment_date}, tại {appointment_place}.
Để: {appointment_purpose}.
Khi đến mang theo Giấy triệu tập này và giấy tờ tùy thân. Trường hợp vắng mặt phải có lý do chính đáng./.
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
