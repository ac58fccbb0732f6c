# Quyết định về việc chưa có điều kiện thi hành án: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
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
Về việc chưa có điều kiện thi hành án
:::
::: body
^**{issuer_title:upper}**
Căn cứ khoản 1 Điều 23, Điều 44a Luật Thi hành án dân sự;
Căn cứ Điều 9 Nghị định số 62/2015/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Căn cứ kết quả xác minh điều kiện thi hành án {verification_date} của Chấp hành viên {officer_name};
Xét thấy {reason},
^**QUYẾT ĐỊNH:**
**Điều 1.** Xác định người phải thi hành án chưa có điều kiện thi hành án theo {legal_ground}.
Người phải thi hành án: {debtor_name}.
Địa chỉ: {debtor_address}.
::: if debtor_id_number
Số định danh cá nhân (mã số doanh nghiệp): {debtor_id_number}.
:::
Khoản chưa có điều kiện thi hành: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
**Điều 2.** Khi có thông tin mới về điều kiện thi hành án của người phải thi hành án, Chấp hành viên tiến hành xác minh và tổ chức thi hành án theo quy định. Thông tin về người phải thi hành án chưa có điều kiện thi hành được công khai trên Trang thông tin điện tử về thi hành án dân sự.
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
