//! The complete forms as an agency files them (domain §2.2, §2.4): form number and title, the
//! reporting unit, the period, the unit of measure, two-row headings with numbered columns,
//! a row per subordinate unit then the total, the target and the gap in percentage points,
//! the same period of the previous year, and the signature block (Người lập biểu, Thủ trưởng
//! đơn vị, place and date). One `FormSet` holds every form of a report:
//!
//! * the cases and money forms (families A, B);
//! * the per-officer forms, officers by name (family C);
//! * the sub-series forms: credit institutions, state budget, prisoners, corruption and
//!   economic asset recovery (families D–G), a row per unit counting only that sub-series;
//! * the CEPEJ indicators, with the same period of the previous year beside them.
//!
//! Every export (XLSX, CSV, the print view and the web page) lays out the same `FormSet`, so
//! they cannot disagree. Form numbers are **data** with their confidence: the annex of TT
//! 05/2024/TT-BTP was not retrieved (domain §2.2.1), so the numbers below are the project's
//! own numbering in the style of the earlier circulars, marked [U] until checked.

pub mod csv;
pub mod html;
pub mod xlsx;

use thads_core::confidence::Confidence;
use thads_core::dates::{Period, format_vn};
use thads_core::{Category, Percent, StaffId, UnitId};
use time::Date;

use crate::cepej::Cepej;
use crate::engine::{Engine, Keep};
use crate::error::{ReportError, ReportResult};
use crate::extended::FullReport;
use crate::form::{Column, Form, FormKind};
use crate::output::labels;
use crate::report::{Report, TargetRates, Targets};
use crate::timekey::TimeKey;
use crate::vi;

/// Which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormId {
    /// The cases or money form of the unit, a row per subordinate unit.
    Main(FormKind),
    /// The same columns, a row per enforcement officer (Chấp hành viên).
    Officers(FormKind),
    /// A sub-series: only the cases of one category, a row per subordinate unit.
    SubSeries(Category, FormKind),
    /// The CEPEJ indicators.
    Cepej,
}

/// A form's number and title as data, with how sure we are of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormInfo {
    pub id: FormId,
    /// Short key: the sheet name, the anchor on the page, the first CSV column.
    pub key: &'static str,
    pub number: &'static str,
    pub title: &'static str,
    pub confidence: Confidence,
    pub citation: &'static str,
}

const NUMBERING: &str =
    "domain §2.2.1: phụ lục TT 05/2024/TT-BTP chưa đối chiếu; số hiệu theo cách đánh số của TT 01/2013, TT 06/2019";

macro_rules! form {
    ($id:expr, $key:literal, $number:literal, $title:literal) => {
        FormInfo {
            id: $id,
            key: $key,
            number: $number,
            title: $title,
            confidence: Confidence::Unconfirmed,
            citation: NUMBERING,
        }
    };
}

/// Every form, in the order they are laid out.
pub const CATALOGUE: [FormInfo; 13] = {
    use Category::*;
    use FormId::*;
    use FormKind::{Cases as V, Money as T};
    [
        form!(Main(V), "01", "Biểu số 01/TK-THADS", "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"),
        form!(Main(T), "02", "Biểu số 02/TK-THADS", "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN"),
        form!(Officers(V), "03", "Biểu số 03/TK-THADS", "KẾT QUẢ THI HÀNH ÁN CỦA CHẤP HÀNH VIÊN TÍNH BẰNG VIỆC"),
        form!(Officers(T), "04", "Biểu số 04/TK-THADS", "KẾT QUẢ THI HÀNH ÁN CỦA CHẤP HÀNH VIÊN TÍNH BẰNG TIỀN"),
        form!(
            SubSeries(TinDung, V),
            "05a",
            "Biểu số 05a/TK-THADS",
            "KẾT QUẢ THI HÀNH ÁN CHO TỔ CHỨC TÍN DỤNG, NGÂN HÀNG TÍNH BẰNG VIỆC"
        ),
        form!(
            SubSeries(TinDung, T),
            "05b",
            "Biểu số 05b/TK-THADS",
            "KẾT QUẢ THI HÀNH ÁN CHO TỔ CHỨC TÍN DỤNG, NGÂN HÀNG TÍNH BẰNG TIỀN"
        ),
        form!(
            SubSeries(NganSach, V),
            "06a",
            "Biểu số 06a/TK-THADS",
            "KẾT QUẢ THI HÀNH CÁC KHOẢN THU NGÂN SÁCH NHÀ NƯỚC TÍNH BẰNG VIỆC"
        ),
        form!(
            SubSeries(NganSach, T),
            "06b",
            "Biểu số 06b/TK-THADS",
            "KẾT QUẢ THI HÀNH CÁC KHOẢN THU NGÂN SÁCH NHÀ NƯỚC TÍNH BẰNG TIỀN"
        ),
        form!(
            SubSeries(PhamNhan, V),
            "07a",
            "Biểu số 07a/TK-THADS",
            "KẾT QUẢ THI HÀNH ÁN ĐỐI VỚI NGƯỜI ĐANG CHẤP HÀNH HÌNH PHẠT TÙ TÍNH BẰNG VIỆC"
        ),
        form!(
            SubSeries(PhamNhan, T),
            "07b",
            "Biểu số 07b/TK-THADS",
            "KẾT QUẢ THI HÀNH ÁN ĐỐI VỚI NGƯỜI ĐANG CHẤP HÀNH HÌNH PHẠT TÙ TÍNH BẰNG TIỀN"
        ),
        form!(
            SubSeries(ThamNhung, V),
            "08a",
            "Biểu số 08a/TK-THADS",
            "KẾT QUẢ THU HỒI TÀI SẢN TRONG CÁC VỤ ÁN HÌNH SỰ VỀ THAM NHŨNG, KINH TẾ TÍNH BẰNG VIỆC"
        ),
        form!(
            SubSeries(ThamNhung, T),
            "08b",
            "Biểu số 08b/TK-THADS",
            "KẾT QUẢ THU HỒI TÀI SẢN TRONG CÁC VỤ ÁN HÌNH SỰ VỀ THAM NHŨNG, KINH TẾ TÍNH BẰNG TIỀN"
        ),
        form!(Cepej, "CEPEJ", "Phụ lục CEPEJ", "CHỈ SỐ HIỆU QUẢ THEO CEPEJ (HỘI ĐỒNG CHÂU ÂU)"),
    ]
};

/// The note a form carries while its number and title are not confirmed: how sure, and why
/// (the catalogue's confidence and citation, printed on every export so that nobody files an
/// unchecked number unknowingly).
pub fn numbering_note(info: &FormInfo) -> Option<String> {
    let how = match info.confidence {
        Confidence::Confirmed => return None,
        Confidence::Inferred => "suy luận [I]",
        Confidence::Unconfirmed => "chưa đối chiếu [U]",
    };
    Some(format!("Số hiệu và tên biểu: {how} — {}.", info.citation))
}

impl FormInfo {
    pub fn of(id: FormId) -> Option<&'static FormInfo> {
        CATALOGUE.iter().find(|f| f.id == id)
    }

    pub fn by_key(key: &str) -> Option<&'static FormInfo> {
        CATALOGUE.iter().find(|f| f.key == key)
    }
}

/// One figure of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A number of cases or days.
    Count(i128),
    /// Whole đồng.
    Money(i128),
    /// A rate, `None` when it has no denominator.
    Rate(Option<Percent>),
    /// A rate minus its target, in percentage points: vượt (> 0) / thiếu (< 0).
    Gap(Option<Percent>),
    Text(String),
    Empty,
}

impl Value {
    /// As the forms print it: `1.234.567`, `63,89`, `vượt 0,35`, `thiếu 20,90`, `đạt`, `–`.
    pub fn to_vi(&self) -> String {
        match self {
            Value::Count(n) | Value::Money(n) => vi::number(*n),
            Value::Rate(p) => p.map_or_else(|| "–".into(), Percent::to_vi),
            Value::Gap(None) => "–".into(),
            Value::Gap(Some(p)) => gap_text(*p),
            Value::Text(t) => t.clone(),
            Value::Empty => String::new(),
        }
    }

    /// As a machine reads it (CSV): `1234567`, `63.89`, `-20.90`.
    pub fn to_plain(&self) -> String {
        match self {
            Value::Count(n) | Value::Money(n) => n.to_string(),
            Value::Rate(p) | Value::Gap(p) => p.map(|p| p.to_string()).unwrap_or_default(),
            Value::Text(t) => t.clone(),
            Value::Empty => String::new(),
        }
    }
}

/// `vượt 0,35`, `thiếu 20,90` or `đạt`: the gap to a target in percentage points.
pub fn gap_text(gap: Percent) -> String {
    let points = Percent(gap.hundredths().abs()).to_vi();
    match gap.hundredths() {
        0 => "đạt".into(),
        d if d > 0 => format!("vượt {points}"),
        _ => format!("thiếu {points}"),
    }
}

/// A column heading: its group (the merged heading above it, if any), its label and its
/// number on the numbering row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub group: Option<&'static str>,
    pub label: String,
    pub number: String,
    /// The width of the column in an XLSX sheet (characters).
    pub width: u16,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A subordinate unit, an officer or an indicator.
    Item,
    /// The unit's own cases.
    Own,
    /// The total.
    Total,
    /// The same period of the previous year.
    LastYear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRow {
    pub kind: RowKind,
    /// `1`, `2`… (empty for the total and the previous year).
    pub index: String,
    /// The unit or officer code, when the row is one.
    pub key: String,
    pub label: String,
    pub values: Vec<Value>,
}

/// One complete form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialForm {
    pub info: FormInfo,
    /// "Đơn vị tính: việc" / "đồng".
    pub measure: &'static str,
    /// The heading of the label column: "Đơn vị", "Chấp hành viên", "Chỉ số".
    pub row_heading: &'static str,
    pub columns: Vec<Heading>,
    pub rows: Vec<FormRow>,
    /// Lines under the table: the target and the gap, the comparison with last year.
    pub notes: Vec<String>,
}

impl OfficialForm {
    /// Runs of columns under the same group heading: `(group, first column, count)`.
    pub fn groups(&self) -> Vec<(Option<&'static str>, usize, usize)> {
        let mut out: Vec<(Option<&'static str>, usize, usize)> = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            match out.last_mut() {
                Some((g, _, n)) if g.is_some() && *g == c.group => *n += 1,
                _ => out.push((c.group, i, 1)),
            }
        }
        out
    }
}

/// Who signs, where and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// The place written before the date ("Bắc Giang"); dots to fill by hand when empty.
    pub place: String,
    pub date: Date,
    /// Người lập biểu: the statistician preparing the forms (may be empty: signed by hand).
    pub preparer: String,
    /// Thủ trưởng đơn vị: the head of the unit (may be empty).
    pub head: String,
}

impl Signing {
    /// `Bắc Giang, ngày 04 tháng 12 năm 2026`.
    pub fn place_and_date(&self) -> String {
        let place = if self.place.trim().is_empty() { "……………" } else { self.place.trim() };
        let d = self.date;
        format!("{place}, ngày {:02} tháng {:02} năm {}", d.day(), u8::from(d.month()), d.year())
    }
}

pub const PREPARER: &str = "NGƯỜI LẬP BIỂU";
pub const PREPARER_NOTE: &str = "(Ký, ghi rõ họ tên)";
pub const HEAD: &str = "THỦ TRƯỞNG ĐƠN VỊ";
pub const HEAD_NOTE: &str = "(Ký tên, đóng dấu)";

/// Every form of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormSet {
    pub unit_code: String,
    pub unit_name: String,
    pub period: Period,
    /// Đơn vị nhận báo cáo: the unit above (its parent), or the Ministry for the nation.
    pub receiver: String,
    pub forms: Vec<OfficialForm>,
    pub signing: Signing,
}

impl FormSet {
    /// `Từ ngày 01/10/2022 đến ngày 31/03/2023`.
    pub fn period_text(&self) -> String {
        format!("Từ ngày {} đến ngày {}", format_vn(self.period.from()), format_vn(self.period.to()))
    }

    pub fn form(&self, key: &str) -> Option<&OfficialForm> {
        self.forms.iter().find(|f| f.info.key == key)
    }
}

/// Everything the forms are laid out from.
pub struct FormInputs<'a> {
    pub full: &'a FullReport,
    /// The sub-series reports by unit, one per category (`Engine::report_by_unit_of`).
    pub sub_series: &'a [(Category, Report)],
    pub targets: &'a Targets,
    /// An officer's name by id (accounts, staff); `None` when not found.
    pub officer_name: &'a dyn Fn(StaffId) -> Option<String>,
    /// The unit the forms are sent to (`Engine::receiver`).
    pub receiver: String,
    pub signing: Signing,
}

impl<K: TimeKey> Engine<K> {
    /// The full report and the four sub-series reports by unit, ready for `FormSet::build`.
    pub fn form_reports(
        &self,
        unit: UnitId,
        period: Period,
        targets: &Targets,
    ) -> ReportResult<(FullReport, Vec<(Category, Report)>)> {
        if self.keep != Keep::All {
            return Err(ReportError::NoBreakdowns);
        }
        let full = self.full_report(unit, period, targets)?;
        let sub = Category::ALL
            .into_iter()
            .map(|c| Ok((c, self.report_by_unit_of(unit, period, c)?)))
            .collect::<ReportResult<Vec<_>>>()?;
        Ok((full, sub))
    }
}

impl<K: TimeKey> Engine<K> {
    /// The unit a unit's forms are sent to: its parent, or the Ministry of Justice (Bộ Tư
    /// pháp) for a unit with none (the nation).
    pub fn receiver(&self, unit: UnitId) -> String {
        let parent = self.units.get(unit).and_then(|u| u.parent).and_then(|p| self.units.get(p));
        parent.map_or_else(|| "Bộ Tư pháp".to_string(), |p| p.name.clone())
    }
}

impl FormSet {
    /// Lays out every form of the catalogue.
    pub fn build(input: &FormInputs<'_>) -> ReportResult<FormSet> {
        let r = &input.full.report;
        let mut forms = Vec::with_capacity(CATALOGUE.len());
        for info in CATALOGUE {
            let mut form = match info.id {
                FormId::Main(kind) => main_form(info, kind, input),
                FormId::Officers(kind) => officer_form(info, kind, input),
                FormId::SubSeries(category, kind) => {
                    let report = input
                        .sub_series
                        .iter()
                        .find(|(c, _)| *c == category)
                        .map(|(_, r)| r)
                        .ok_or(ReportError::NoBreakdowns)?;
                    unit_form(info, kind, report, None, false)
                }
                FormId::Cepej => cepej_form(info, input.full)?,
            };
            if let Some(note) = numbering_note(&info) {
                form.notes.push(note);
            }
            forms.push(form);
        }
        Ok(FormSet {
            unit_code: r.unit_code.to_string(),
            unit_name: r.unit_name.clone(),
            period: r.period,
            receiver: input.receiver.clone(),
            forms,
            signing: input.signing.clone(),
        })
    }
}

fn measure(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Cases => "Đơn vị tính: việc",
        FormKind::Money => "Đơn vị tính: đồng",
    }
}

const TARGET_GROUP: &str = "Chỉ tiêu được giao";

/// The headings of a cases or money form: grouped as the official forms group them.
fn headings(kind: FormKind, with_target: bool) -> Vec<Heading> {
    let group = |c: Column| match c {
        Column::Accepted | Column::CarriedOver | Column::New => Some("Tổng số thụ lý"),
        Column::WithMeans
        | Column::Completed
        | Column::Terminated
        | Column::Reduced
        | Column::InProgress
        | Column::Postponed
        | Column::Suspended
        | Column::Other => Some("Có điều kiện thi hành"),
        Column::CarriedForward | Column::CarriedForwardWithMeans => Some("Chuyển kỳ sau"),
        _ => None,
    };
    let label = |c: Column| match c {
        Column::Accepted | Column::WithMeans | Column::CarriedForward => "Tổng số",
        Column::CarriedForwardWithMeans => "Có điều kiện",
        other => labels::heading(other),
    };
    let width = if kind == FormKind::Money { 16 } else { 10 };
    let mut out: Vec<Heading> = Column::of(kind)
        .map(|c| Heading { group: group(c), label: label(c).into(), number: String::new(), width })
        .collect();
    for label in ["Thi hành xong (%)", "Có điều kiện (%)"] {
        out.push(Heading { group: Some("Tỷ lệ"), label: label.into(), number: String::new(), width: 9 });
    }
    if with_target {
        for label in ["Tỷ lệ được giao (%)", "Vượt (+) / thiếu (−) (điểm %)"] {
            out.push(Heading { group: Some(TARGET_GROUP), label: label.into(), number: String::new(), width: 11 });
        }
    }
    number(out)
}

fn number(mut columns: Vec<Heading>) -> Vec<Heading> {
    for (i, c) in columns.iter_mut().enumerate() {
        c.number = format!("({})", i + 1);
    }
    columns
}

/// The figures of one row: the form's columns, its two rates, and (when asked) the target
/// and the gap.
fn values(form: &Form, target: Option<Option<Percent>>) -> Vec<Value> {
    let wrap = |n: i128| if form.kind == FormKind::Money { Value::Money(n) } else { Value::Count(n) };
    let mut out: Vec<Value> = Column::of(form.kind).map(|c| wrap(form.get(c))).collect();
    out.push(Value::Rate(form.completion_rate()));
    out.push(Value::Rate(form.with_means_share()));
    if let Some(target) = target {
        match target {
            Some(t) => {
                out.push(Value::Rate(Some(t)));
                out.push(Value::Gap(form.completion_rate().map(|r| r.minus(t))));
            }
            None => out.extend([Value::Empty, Value::Empty]),
        }
    }
    out
}

fn pick(kind: FormKind, t: TargetRates) -> Percent {
    match kind {
        FormKind::Cases => t.cases,
        FormKind::Money => t.money,
    }
}

/// A form with a row per subordinate unit and the total; with targets on the main forms.
fn unit_form(
    info: FormInfo,
    kind: FormKind,
    r: &Report,
    targets: Option<&Targets>,
    own_label_total: bool,
) -> OfficialForm {
    let with_target = targets.is_some();
    let target_of = |unit: UnitId, own: bool| {
        targets.map(|t| if own { None } else { t.for_period(unit, r.period).map(|x| pick(kind, x)) })
    };
    let mut rows = Vec::new();
    for (i, row) in r.rows.iter().enumerate() {
        rows.push(FormRow {
            kind: if row.own { RowKind::Own } else { RowKind::Item },
            index: (i + 1).to_string(),
            key: row.code.to_string(),
            label: labels::unit_row_label(row),
            values: values(row.form(kind), target_of(row.unit, row.own)),
        });
    }
    let total_label = if own_label_total { format!("Tổng cộng: {}", r.unit_name) } else { "Tổng cộng".into() };
    rows.push(FormRow {
        kind: RowKind::Total,
        index: String::new(),
        key: r.unit_code.to_string(),
        label: total_label,
        values: values(r.cases_or_money(kind), targets.map(|_| r.target.map(|t| pick(kind, t)))),
    });
    OfficialForm {
        info,
        measure: measure(kind),
        row_heading: "Đơn vị",
        columns: headings(kind, with_target),
        rows,
        notes: Vec::new(),
    }
}

/// The cases or money form: rows by unit, the total, the same period last year; notes on the
/// target and on last year.
fn main_form(info: FormInfo, kind: FormKind, input: &FormInputs<'_>) -> OfficialForm {
    let full = input.full;
    let r = &full.report;
    let mut form = unit_form(info, kind, r, Some(input.targets), true);
    let before = &full.previous_year;
    let last_year =
        format!("Cùng kỳ năm trước ({} – {})", format_vn(before.period.from()), format_vn(before.period.to()));
    let prev_target = input.targets.for_period(r.unit, before.period).map(|t| pick(kind, t));
    form.rows.push(FormRow {
        kind: RowKind::LastYear,
        index: String::new(),
        key: String::new(),
        label: last_year,
        values: values(before.cases_or_money(kind), Some(prev_target)),
    });
    let (now, then) = (r.cases_or_money(kind), before.cases_or_money(kind));
    let what = if kind == FormKind::Cases { "về việc" } else { "về tiền" };
    let rate = now.completion_rate();
    form.notes.push(match (rate, r.target) {
        (Some(x), Some(t)) => format!(
            "Tỷ lệ thi hành xong {what}: {}%; chỉ tiêu được giao {}%: {} (điểm phần trăm).",
            x.to_vi(),
            pick(kind, t).to_vi(),
            vi::against_target(x, pick(kind, t))
        ),
        (Some(x), None) => format!("Tỷ lệ thi hành xong {what}: {}%; chưa được giao chỉ tiêu.", x.to_vi()),
        (None, Some(t)) => format!(
            "Tỷ lệ thi hành xong {what}: không có việc có điều kiện; chỉ tiêu được giao {}%.",
            pick(kind, t).to_vi()
        ),
        (None, None) => format!("Tỷ lệ thi hành xong {what}: không có việc có điều kiện."),
    });
    if let (Some(x), Some(p)) = (rate, then.completion_rate()) {
        form.notes.push(format!("So với cùng kỳ năm trước ({}%): {}.", p.to_vi(), vi::against_last_year(x, p)));
    }
    form
}

/// The per-officer form: each officer by name, then cases with no officer, then the total.
fn officer_form(info: FormInfo, kind: FormKind, input: &FormInputs<'_>) -> OfficialForm {
    let r = &input.full.report;
    let mut rows: Vec<FormRow> = Vec::new();
    let mut named: Vec<(bool, String, String, &Form)> = Vec::new();
    let mut unassigned = None;
    // An officer with nothing accepted in or before the period has an empty row: left out.
    let busy = input.full.breakdowns.by_officer.iter().filter(|r| r.cases.accepted != 0 || r.money.accepted != 0);
    for row in busy {
        match row.key.parse::<i64>() {
            Ok(id) => {
                let (known, name) = match (input.officer_name)(StaffId(id)) {
                    Some(name) => (true, name),
                    None => (false, format!("Chấp hành viên không còn trong danh sách (mã {id})")),
                };
                named.push((!known, row.key.clone(), name, row.form(kind)));
            }
            Err(_) => unassigned = Some(row.form(kind)),
        }
    }
    // By name, as a list of staff reads; officers no longer on the staff list last.
    named.sort_by(|a, b| (a.0, &a.2, &a.1).cmp(&(b.0, &b.2, &b.1)));
    // Two officers of the same name are told apart by their staff number.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, _, name, _) in &named {
        *seen.entry(name.clone()).or_default() += 1;
    }
    for (unknown, key, name, _) in named.iter_mut() {
        if !*unknown && seen.get(name.as_str()).copied().unwrap_or(0) > 1 {
            name.push_str(&format!(" (mã {key})"));
        }
    }
    for (i, (_, key, name, form)) in named.into_iter().enumerate() {
        rows.push(FormRow {
            kind: RowKind::Item,
            index: (i + 1).to_string(),
            key,
            label: name,
            values: values(form, None),
        });
    }
    if let Some(form) = unassigned {
        rows.push(FormRow {
            kind: RowKind::Item,
            index: (rows.len() + 1).to_string(),
            key: "none".into(),
            label: "Chưa phân công Chấp hành viên".into(),
            values: values(form, None),
        });
    }
    rows.push(FormRow {
        kind: RowKind::Total,
        index: String::new(),
        key: r.unit_code.to_string(),
        label: "Tổng cộng".into(),
        values: values(r.cases_or_money(kind), None),
    });
    OfficialForm {
        info,
        measure: measure(kind),
        row_heading: "Chấp hành viên",
        columns: headings(kind, false),
        rows,
        notes: Vec::new(),
    }
}

/// The CEPEJ indicators of the period and of the same period last year, with how each is
/// computed from the cases form.
fn cepej_form(info: FormInfo, full: &FullReport) -> ReportResult<OfficialForm> {
    let now = full.cepej;
    let before = Cepej::of(&full.previous_year.cases, full.previous_year.period, None)?;
    let text = |s: &str| Value::Text(s.to_string());
    let days = |d: Option<i128>| d.map_or(Value::Rate(None), Value::Count);
    let mut lines: Vec<(&str, Value, Value, &str)> = vec![
        ("Việc mới trong kỳ (incoming)", Value::Count(now.incoming), Value::Count(before.incoming), "(3)"),
        ("Việc đã giải quyết (resolved)", Value::Count(now.resolved), Value::Count(before.resolved), "(7) + (8) + (4)"),
        (
            "Việc tồn đầu kỳ (pending, start)",
            Value::Count(now.pending_start),
            Value::Count(before.pending_start),
            "(2)",
        ),
        ("Việc tồn cuối kỳ (pending, end)", Value::Count(now.pending_end), Value::Count(before.pending_end), "(14)"),
        (
            "Tỷ lệ giải quyết (Clearance Rate, %)",
            Value::Rate(now.clearance_rate),
            Value::Rate(before.clearance_rate),
            "đã giải quyết / việc mới × 100",
        ),
        (
            "Thời gian giải quyết (Disposition Time, ngày)",
            days(now.disposition_time_days),
            days(before.disposition_time_days),
            "số ngày của kỳ × tồn cuối kỳ / đã giải quyết",
        ),
    ];
    if let Some(age) = now.age {
        let empty = || Value::Empty;
        lines.extend([
            ("Việc tồn cuối kỳ: dưới 1 năm", Value::Count(age.under_1.into()), empty(), "tính từ ngày thụ lý"),
            (
                "Việc tồn cuối kỳ: từ 1 đến dưới 2 năm",
                Value::Count(age.from_1_to_2.into()),
                empty(),
                "tính từ ngày thụ lý",
            ),
            (
                "Việc tồn cuối kỳ: từ 2 đến dưới 5 năm",
                Value::Count(age.from_2_to_5.into()),
                empty(),
                "tính từ ngày thụ lý",
            ),
            ("Việc tồn cuối kỳ: từ 5 năm trở lên", Value::Count(age.over_5.into()), empty(), "tính từ ngày thụ lý"),
        ]);
    }
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(i, (label, a, b, how))| FormRow {
            kind: RowKind::Item,
            index: (i + 1).to_string(),
            key: String::new(),
            label: label.into(),
            values: vec![a, b, text(how)],
        })
        .collect();
    let before_label = format!(
        "Cùng kỳ năm trước ({} – {})",
        format_vn(full.previous_year.period.from()),
        format_vn(full.previous_year.period.to())
    );
    let columns = number(vec![
        Heading { group: None, label: "Kỳ báo cáo".into(), number: String::new(), width: 14 },
        Heading { group: None, label: before_label, number: String::new(), width: 18 },
        Heading { group: None, label: "Cách tính (cột của Biểu 01)".into(), number: String::new(), width: 40 },
    ]);
    Ok(OfficialForm {
        info,
        measure: "Đơn vị tính: việc, %, ngày",
        row_heading: "Chỉ số",
        columns,
        rows,
        notes: vec![
            "CEPEJ: Ủy ban châu Âu về hiệu quả tư pháp (Hội đồng châu Âu). Việc đã giải quyết gồm thi hành xong, đình chỉ và ủy thác, thu hồi, hủy; thời gian giải quyết tính theo số ngày của kỳ báo cáo.".into(),
        ],
    })
}
