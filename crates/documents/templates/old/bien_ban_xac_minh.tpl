# Biên bản xác minh điều kiện thi hành án: Luật THADS 26/2008/QH12 (sửa đổi), NĐ 62/2015/NĐ-CP, dùng cho văn bản ngày trước 01/07/2026
# Cú pháp: xem tài liệu của crate thads-documents (lib.rs).
::: agency
{unit_superior_name:upper}
{unit_name:upper}
:::
::: title
BIÊN BẢN
Xác minh điều kiện thi hành án
:::
::: body
Hôm nay, vào hồi {verification_time}, {verification_date}, tại {verification_place}.
Căn cứ Điều 44 Luật Thi hành án dân sự, Điều 9 Nghị định số 62/2015/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi hành án dân sự;
::: if legal_bases
Căn cứ {legal_bases};
:::
Căn cứ Quyết định thi hành án số {enforcement_decision_number} {enforcement_decision_date} của {unit_name};
Chúng tôi gồm:
- {participants};
Tiến hành xác minh điều kiện thi hành án của người phải thi hành án {debtor_name}, địa chỉ: {debtor_address}, về khoản phải thi hành: {obligation}.
::: if amount
Số tiền: {amount} (Bằng chữ: {amount:words}).
:::
Kết quả xác minh như sau:
- {findings};
Kết luận: {means_assessment}.
Biên bản đã được đọc lại cho những người có mặt cùng nghe, nhất trí và ký tên dưới đây./.
:::
::: signature
NGƯỜI CHỨNG KIẾN
__(Ký, ghi rõ họ tên)__
~
:::
::: signature
NGƯỜI CUNG CẤP THÔNG TIN
__(Ký, ghi rõ họ tên)__
~
:::
::: signature
CHẤP HÀNH VIÊN
__(Ký, ghi rõ họ tên)__
~
{officer_name}
:::
