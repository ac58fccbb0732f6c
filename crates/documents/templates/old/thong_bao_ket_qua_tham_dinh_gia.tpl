# Thông báo kết quả thẩm định giá: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
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
Về kết quả thẩm định giá tài sản
:::
::: body
^Kính gửi: {addressee_name}
Địa chỉ: {addressee_address}.
Căn cứ Điều 98, Điều 99 Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Căn cứ Chứng thư thẩm định giá số {valuation_certificate} {valuation_date} của {valuation_org};
Chấp hành viên thông báo kết quả thẩm định giá tài sản kê biên của người phải thi hành án {debtor_name} như sau:
Tài sản: {asset_description}.
Giá trị tài sản theo kết quả thẩm định giá: {valuation_price} (Bằng chữ: {valuation_price:words}).
Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được thông báo này, đương sự có quyền yêu cầu thẩm định giá lại theo Điều 99 Luật Thi hành án dân sự./.
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
