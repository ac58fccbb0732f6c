//! The statistics page's report and complete forms, kept between requests while the data they
//! come from stays as it was: computing them is the full report with every breakdown (at
//! 10,000,000 cases about 25 ms of CPU a view, 80 views a second on this machine), and they
//! change only when the ledger or the reference data do. The print view and the exports read the
//! same kept forms, each signed by its reader.
//!
//! Under a stream of writes (a national server records several events a second) they are
//! computed at most once per `THADS_REPORT_MAX_AGE_MS` (1 s by default) for each unit and period:
//! kept figures from before the latest writes are shown while younger than that.
//!
//! What they are computed from, and what moves when it changes: the statistics engine and the
//! cases (the ledger generation, moved in the transaction of every write of a case); units,
//! staff (the unit's head), targets, the staff registry's names and the reorganisations (the
//! reference generation, moved by triggers of schemas 9 and 32); the day (part of the key).

use std::sync::Arc;

use thads_core::reorg::Structure;
use thads_core::{Period, UnitId};
use thads_reports::forms::html as forms_html;
use thads_reports::{FormSet, Report, Signing};
use time::{Date, OffsetDateTime};

use crate::error::WebError;
use crate::memo::Memo;
use crate::state::AppState;

/// The report by unit and every complete form of a unit and period, signed by nobody (the unit's
/// head is named; the preparer and the place are the reader's, `Kept::signing`).
pub struct Kept {
    pub report: Report,
    pub set: FormSet,
    /// The page's HTML of each form but its signature block (`page_bodies`): laying
    /// out the forms is most of a page's work once they are computed.
    pub bodies: Vec<Option<String>>,
    /// When they were computed (the server's clock): the page says it, since kept figures may be
    /// up to `THADS_REPORT_MAX_AGE_MS` behind the latest write.
    pub computed_at: OffsetDateTime,
}

impl Kept {
    /// The forms' signature block for a reader: they prepare the forms, at `place`.
    pub fn signing(&self, preparer: String, place: String) -> Signing {
        Signing { preparer, place, ..self.set.signing.clone() }
    }

    /// The forms signed by a reader, for the exports (which write the set whole).
    pub fn signed_set(&self, signing: Signing) -> FormSet {
        FormSet { signing, ..self.set.clone() }
    }
}

/// A unit, the period's first and last day, the day, the structure.
type KeptKey = (UnitId, Date, Date, Date, Structure);
/// The reference generation and the ledger generation the figures were computed from.
type KeptVersion = (i64, i64);
type KeptForms = Memo<KeptKey, KeptVersion, Kept>;

/// The most units × periods kept: a national set of forms with an officer per row is megabytes.
const MAX_KEPT: usize = 64;

/// The report and forms of `unit` for `period` on `structure`, computed when the ledger or the
/// reference data moved since they were last computed.
pub fn figures(state: &AppState, unit: UnitId, period: Period, structure: Structure) -> Result<Arc<Kept>, WebError> {
    let store = state.store.as_ref();
    let key = (unit, period.from(), period.to(), state.today(), structure);
    let kept = state.part(|_| KeptForms::with_max_keys(MAX_KEPT));
    let (max_age, now) = (state.report_max_age(), std::time::Instant::now());
    // Figures younger than the age allowed are shown whatever moved since: found without asking
    // the store or the engine anything (the engine is then left to the writes).
    if let Some(young) = kept.young(&key, max_age, now) {
        return Ok(young);
    }
    // Read before the engine and the store: what is computed is at least this new.
    let reference = state.reference();
    let generation = state.engine.refresh(store, &state.rules, false)?;
    if store.reference_generation()? != reference {
        // Reference data changed and this server has not reloaded it yet (it does within
        // `THADS_REFERENCE_CHECK_MS`): computed afresh, not kept under a version it may not be.
        return compute(state, unit, period, structure).map(Arc::new);
    }
    kept.get_within(&key, &(reference, generation), max_age, now, || compute(state, unit, period, structure))
}

fn compute(state: &AppState, unit: UnitId, period: Period, structure: Structure) -> Result<Kept, WebError> {
    let report = crate::reorg::report_of(state, unit, period, true, structure)?;
    let set = crate::reorg::forms_of(state, unit, period, String::new(), String::new(), structure)?;
    let bodies = page_bodies(&set);
    Ok(Kept { report, set, bodies, computed_at: state.now() })
}

/// Rows above which a form is not laid out on the statistics page but linked to its print view
/// and the XLSX: the per-officer forms of a province run to hundreds of rows, the nation's to
/// thousands (3,691 officers, 4 MB of HTML, on the 1,000,000-case demo).
pub const PAGE_FORM_ROWS: usize = 300;

/// The body of each form short enough for the page (`forms_html::form_body`, the same for
/// every reader, kept with the forms), `None` for a form longer than `PAGE_FORM_ROWS`.
pub fn page_bodies(set: &thads_reports::forms::FormSet) -> Vec<Option<String>> {
    set.forms.iter().map(|f| (f.rows.len() <= PAGE_FORM_ROWS).then(|| forms_html::form_body(set, f))).collect()
}
