# Quyết định thi hành án: Luật THADS 106/2025/QH15, NĐ 152/2026/NĐ-CP, dùng cho văn bản từ ngày 01/07/2026
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
QUYẾT ĐỊNH
::: if request_date
Về việc thi hành án theo yêu cầu
::: else
Về việc thi hành án chủ động
:::
:::
::: body
^**{issuer_title:upper}**
Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;
::: if request_date
Căn cứ Điều 11, Điều 12 Nghị định số 152/2026/NĐ-CP ngày 13 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thi hành án dân sự;
::: else
Căn cứ Điều 8, Điều 12 Nghị định số 152/2026/NĐ-CP ngày 13 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thi hành án dân sự;
:::
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Bản án, Quyết định số {judgment_number} {judgment_date} của {judgment_court};
::: if request_date
Xét đơn yêu cầu thi hành án {request_date} của {creditor_name},
:::
^**QUYẾT ĐỊNH:**
**Điều 1.** Cho thi hành án đối với: {debtor_name}.
Địa chỉ: {debtor_address}.
::: if debtor_id_number
Số định danh cá nhân (mã số doanh nghiệp): {debtor_id_number}.
:::
Phải thi hành các khoản sau: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
::: if creditor_name
Cho người được thi hành án: {creditor_name}, địa chỉ: {creditor_address}.
:::
**Điều 2.** Trong thời hạn {voluntary_period} kể từ ngày nhận được hoặc được thông báo hợp lệ Quyết định này, người phải thi hành án có trách nhiệm tự nguyện thi hành án; hết thời hạn trên mà không tự nguyện thi hành thì bị cưỡng chế thi hành án theo quy định của pháp luật.
::: if payment_instructions
Tiền thi hành án nộp theo chỉ dẫn: {payment_instructions}.
:::
Quyết định này được thông báo cho đương sự {notification_method}.
Chấp hành viên được phân công tổ chức thi hành: {officer_name}.
**Điều 3.** Chấp hành viên, người được thi hành án, người phải thi hành án và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.
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
