//! Hard validation of every report (domain §2.4): a report that breaks an identity is an
//! error naming the identity and its numbers, never a figure shown.

use crate::cells::Cells;
use crate::error::{ReportError, ReportResult};
use crate::form::{Column, Form, FormKind};

fn form_name(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Cases => "việc / cases",
        FormKind::Money => "tiền / money",
    }
}

fn broken(form: &Form, identity: &'static str, detail: String) -> ReportError {
    ReportError::Identity { identity, form: form_name(form.kind), detail }
}

fn equal(form: &Form, identity: &'static str, left: i128, right: &[i128], ops: &str) -> ReportResult<()> {
    let sum: i128 = right.iter().sum();
    if left == sum {
        return Ok(());
    }
    let terms: Vec<String> = right.iter().map(i128::to_string).collect();
    Err(broken(form, identity, format!("{left} ≠ {} = {sum}", terms.join(ops))))
}

/// Checks the identities of one form. Codes are those of the cases form; the money form
/// follows the same rules (T1 = T2 + T3, …) with `reduced` among the resolved amounts.
pub fn validate_form(f: &Form) -> ReportResult<()> {
    for column in Column::of(f.kind) {
        let value = f.get(column);
        if value < 0 {
            return Err(broken(f, "≥ 0", format!("{} = {value}", column.key())));
        }
    }
    let neg = |v: i128| -v;
    let resolved = [f.completed, f.terminated, f.reduced];
    equal(f, "V1 = V2 + V3", f.accepted, &[f.carried_over, f.new], " + ")?;
    equal(f, "V5 = V1 − V4", f.to_enforce, &[f.accepted, neg(f.delegated_out)], " + ")?;
    equal(f, "V5 = V6 + V13", f.to_enforce, &[f.with_means, f.without_means], " + ")?;
    let members = [f.completed, f.terminated, f.reduced, f.in_progress, f.postponed, f.suspended, f.other];
    equal(f, "V6 = V7 + V8 (+ T9) + V9 + V10 + V11 + V12", f.with_means, &members, " + ")?;
    let forward = [f.to_enforce, neg(resolved[0]), neg(resolved[1]), neg(resolved[2])];
    equal(f, "V14 = V5 − V7 − V8 (− T9)", f.carried_forward, &forward, " + ")?;
    let forward_with = [f.with_means, neg(resolved[0]), neg(resolved[1]), neg(resolved[2])];
    equal(f, "V15 = V6 − V7 − V8 (− T9)", f.carried_forward_with_means, &forward_with, " + ")?;
    let done: i128 = resolved.iter().sum();
    if f.with_means < done {
        return Err(broken(f, "V6 ≥ V7 + V8 (+ T9)", format!("{} < {done}", f.with_means)));
    }
    Ok(())
}

/// Checks both forms of a row of cells.
pub fn validate_cells(cells: &Cells) -> ReportResult<(Form, Form)> {
    let cases = Form::from_cells(FormKind::Cases, cells);
    let money = Form::from_cells(FormKind::Money, cells);
    validate_form(&cases)?;
    validate_form(&money)?;
    Ok((cases, money))
}

/// Checks that rows that partition a whole add up to it (parent = Σ children + own cases;
/// unit = Σ origins, Σ officers, Σ judgment types).
pub fn validate_partition(identity: &'static str, whole: &Cells, parts: &[&Cells]) -> ReportResult<()> {
    let mut sum = Cells::default();
    for p in parts {
        sum.add(p);
    }
    if sum == *whole {
        return Ok(());
    }
    for kind in [FormKind::Cases, FormKind::Money] {
        let (w, s) = (Form::from_cells(kind, whole), Form::from_cells(kind, &sum));
        if let Some(c) = Column::of(kind).find(|c| w.get(*c) != s.get(*c)) {
            let detail = format!("{}: {} ≠ Σ {}", c.key(), w.get(c), s.get(c));
            return Err(ReportError::Identity { identity, form: form_name(kind), detail });
        }
    }
    Err(ReportError::Identity { identity, form: "cells", detail: format!("{whole:?} ≠ Σ {sum:?}") })
}

/// Checks two cumulative periods of one reporting year (both from 01/10, the later one
/// ending later): what was accepted, completed or terminated cannot go down (domain §2.4).
///
/// Money completed (T7) and reduced (T9) are not checked: money collected on a case that is
/// delegated out later in the year leaves with the case (it is in T4, not T7, of the longer
/// period), as the interchange contract counts it; so T7 may go down from one month to the
/// next. The amounts of new cases and of terminated cases are checked.
pub fn validate_cumulative(earlier: &Form, later: &Form) -> ReportResult<()> {
    let mut checks = vec![
        ("V3 lũy kế không giảm / cumulative new never decreases", earlier.new, later.new),
        ("V8 lũy kế không giảm / cumulative terminated never decreases", earlier.terminated, later.terminated),
    ];
    if later.kind == FormKind::Cases {
        checks.push((
            "V7 lũy kế không giảm / cumulative completed never decreases",
            earlier.completed,
            later.completed,
        ));
    }
    for (identity, before, after) in checks {
        if after < before {
            let detail = format!("{after} < {before}");
            return Err(ReportError::Identity { identity, form: form_name(later.kind), detail });
        }
    }
    Ok(())
}
