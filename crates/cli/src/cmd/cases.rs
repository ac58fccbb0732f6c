//! `thads case show UNIT CASE_NO`: a case with its dated history, in Vietnamese.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Subcommand;
use thads_app::cases::view::{CaseView, RecordStatus, case_view, find_case};
use thads_core::dates::format_vn;
use thads_core::{Entry, Vnd};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Xem một việc và lịch sử của nó / show a case and its history
    Show {
        /// Mã đơn vị / unit code, e.g. BG-KV1
        unit: String,
        /// Số quyết định / decision number, e.g. 46/QĐ-THADS
        case_no: String,
        /// text (mặc định) hoặc json
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
}

pub fn run(ctx: &Context, command: CaseCommand) -> Result<ExitCode, CliError> {
    match command {
        CaseCommand::Show { unit, case_no, format } => {
            let (_, case) = find_case(ctx.store(), &unit, &case_no)?;
            let view = case_view(ctx.store(), case.id, ctx.actor().today(), &ctx.rules)?;
            let out = if format == "json" {
                let mut json = serde_json::to_value(&view).map_err(|e| CliError::Usage(e.to_string()))?;
                // The code the parties follow the case with on the public portal (mã tra cứu).
                let code = thads_app::portal::lookup_code(ctx.store(), case.id)?.shown();
                if let Some(object) = json.as_object_mut() {
                    object.insert("lookup_code".into(), serde_json::Value::String(code));
                }
                serde_json::to_string_pretty(&json).map_err(|e| CliError::Usage(e.to_string()))?
            } else {
                render(&view)
            };
            crate::out::line(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn render(v: &CaseView) -> String {
    let f = &v.case.facts;
    let mut out = String::new();
    let cats: Vec<&str> = f.categories.iter().map(|c| c.label_vi()).collect();
    let officer =
        v.officer.as_ref().map_or("chưa phân công".to_string(), |o| format!("{} ({})", o.full_name, o.login));
    let lines = [
        format!("Việc {} — {} ({})", f.case_no, v.unit.name, v.unit.code),
        format!("Ngày thụ lý:            {}", format_vn(f.accepted_on)),
        format!(
            "Nguồn:                  {}{}",
            f.origin.label_vi(),
            if f.received_by_delegation { " (nhận ủy thác)" } else { "" }
        ),
        format!("Loại bản án:            {}", f.judgment_type.label_vi()),
        format!("Nhóm:                   {}", if cats.is_empty() { "—".to_string() } else { cats.join("; ") }),
        format!("Người phải thi hành án: {}", f.debtor),
        format!("Người được thi hành án: {}", f.creditor),
        format!("Chấp hành viên:         {officer}"),
        format!("Số tiền phải thi hành:  {}", f.amount),
        format!("Đã thu:                 {}", v.case.current.collected),
        format!("Đã giảm:                {}", v.case.current.reduced),
        format!("Còn phải thi hành:      {}", v.case.current.outstanding),
        format!("Trạng thái:             {}", v.case.current.state.label_vi()),
    ];
    for line in lines.into_iter().chain(detail_lines(&v.details)) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\nLịch sử ({} sự kiện):", v.case.event_count);
    if v.records.is_empty() {
        let _ = writeln!(out, "  (chưa có sự kiện)");
    }
    for (i, r) in sorted(v).into_iter().enumerate() {
        let _ = writeln!(out, "  {:>3}. {}", i + 1, record_line(v, r));
    }
    out
}

/// The lines of a case's details it has (identity numbers, addresses, judgment, request).
fn detail_lines(d: &thads_core::CaseDetails) -> Vec<String> {
    let id = |i: &Option<thads_core::PartyId>| i.as_ref().map(ToString::to_string);
    let text = |t: &str| (!t.is_empty()).then(|| t.to_string());
    [
        ("Số định danh người phải THA:", id(&d.debtor_id)),
        ("Địa chỉ người phải THA:", text(&d.debtor_address)),
        ("Số định danh người được THA:", id(&d.creditor_id)),
        ("Địa chỉ người được THA:", text(&d.creditor_address)),
        ("Bản án:", d.judgment.as_ref().map(|j| format!("{} ngày {} của {}", j.number, format_vn(j.date), j.court))),
        ("Đơn yêu cầu:", d.request.as_ref().map(|r| format!("ngày {} của {}", format_vn(r.date), r.requester))),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| format!("{label:<24}{v}")))
    .collect()
}

/// Records in the order of their effective dates (a void sits at its target's date).
fn sorted(v: &CaseView) -> Vec<&thads_app::cases::view::RecordView> {
    let date_of = |r: &thads_app::cases::view::RecordView| match &r.record.entry {
        Entry::Event(e) => Some(e.date),
        Entry::Void => r.record.supersedes.and_then(|target| {
            v.records.iter().find(|x| x.record.id == target).and_then(|x| match &x.record.entry {
                Entry::Event(e) => Some(e.date),
                Entry::Void => None,
            })
        }),
    };
    let mut all: Vec<_> = v.records.iter().collect();
    all.sort_by_key(|r| (date_of(r), r.record.id));
    all
}

fn record_line(v: &CaseView, r: &thads_app::cases::view::RecordView) -> String {
    let who = format!("ghi bởi {} lúc {}", r.record.recorded_by, instant_vn(r.record.recorded_at));
    let note = if r.record.note.is_empty() { String::new() } else { format!(" — {}", r.record.note) };
    match (&r.record.entry, &r.status) {
        (Entry::Event(e), status) => {
            let amount = e.amount.filter(|a| !a.is_zero()).map_or(String::new(), |a: Vnd| format!(" {a}"));
            let ground = e.ground.as_ref().map_or(String::new(), |g| format!(" (căn cứ {g})"));
            let effect = match status {
                RecordStatus::Effective { step } => {
                    format!(" → {}, còn {}", step.after.state.label_vi(), step.after.outstanding)
                }
                RecordStatus::Superseded { by } => format!(" [đã được sửa bởi bản ghi #{}]", by.0),
                RecordStatus::Void { .. } => String::new(),
            };
            format!(
                "{}  {}{amount}{ground}{effect}  (#{}, {who}{note})",
                format_vn(e.date),
                e.code.label_vi(),
                r.record.id.0
            )
        }
        (Entry::Void, _) => {
            let target = r.record.supersedes.map_or(String::new(), |t| format!(" bản ghi #{}", t.0));
            let _ = v;
            format!("Hủy{target}  (#{}, {who}{note})", r.record.id.0)
        }
    }
}

fn instant_vn(t: time::OffsetDateTime) -> String {
    let local = t.to_offset(thads_app::clock::VIETNAM);
    format!("{} {:02}:{:02}", format_vn(local.date()), local.hour(), local.minute())
}
