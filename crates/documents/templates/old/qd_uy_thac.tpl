# Quyết định ủy thác thi hành án: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
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
Về việc ủy thác thi hành án
:::
::: body
^**{issuer_title:upper}**
Căn cứ khoản 1 Điều 23, Điều 55, Điều 56 Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Bản án, Quyết định số {judgment_number} {judgment_date} của {judgment_court};
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Xét thấy {reason},
^**QUYẾT ĐỊNH:**
**Điều 1.** Ủy thác cho {delegate_unit_name} tổ chức thi hành án đối với:
Người phải thi hành án: {debtor_name}.
Địa chỉ: {debtor_address}.
::: if debtor_id_number
Số định danh cá nhân (mã số doanh nghiệp): {debtor_id_number}.
:::
Khoản phải thi hành: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
::: if creditor_name
Người được thi hành án: {creditor_name}, địa chỉ: {creditor_address}.
:::
**Điều 2.** {delegate_unit_name} có trách nhiệm tổ chức thi hành án theo quy định của pháp luật.
**Điều 3.** Chấp hành viên, {delegate_unit_name}, người được thi hành án, người phải thi hành án và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.
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
