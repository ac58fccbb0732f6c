# Quyết định đình chỉ thi hành án: Luật THADS 106/2025/QH15, NĐ 152/2026/NĐ-CP, dùng cho văn bản từ ngày 01/07/2026
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
Về việc đình chỉ thi hành án
:::
::: body
^**{issuer_title:upper}**
Căn cứ Điều 48 Luật Thi hành án dân sự số 106/2025/QH15;
Căn cứ Nghị định số 152/2026/NĐ-CP ngày 13 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Xét thấy {reason},
^**QUYẾT ĐỊNH:**
**Điều 1.** Đình chỉ thi hành Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} theo {legal_ground}.
Người phải thi hành án: {debtor_name}.
Địa chỉ: {debtor_address}.
::: if debtor_id_number
Số định danh cá nhân (mã số doanh nghiệp): {debtor_id_number}.
:::
Khoản đình chỉ thi hành: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.
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
