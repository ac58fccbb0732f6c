//! Assets on SQLite: the asset, its cases in link order, its steps numbered per asset (a step
//! appended on a stale count collides on `(asset_id, seq)`), and coercion plans.

use rusqlite::{Row, params};
use thads_core::assets::AssetId;
use thads_core::{CaseId, UnitId};
use thads_store::{
    ASSET_COLUMNS, ASSET_RULE_COLUMNS, AssetProceeds, AssetRow, AssetRuleRecord, AssetStepRow, Assets, AssetsTx,
    COERCION_PLAN_COLUMNS, CoercionPlanRow, NewAsset, NewAssetStep, NewCoercionPlan, PoliceStep, STEP_COLUMNS,
    StoreError, StoreResult, attach_cases, codes, kind_of_text, police_of_text, police_text, step_of_text, step_text,
};
use time::PrimitiveDateTime;
use time::macros::format_description;

use crate::SqliteStore;
use crate::convert::{date_of, date_text, instant_of, instant_secs, vnd};
use crate::error::unique;
use crate::tx::SqliteTx;

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

fn asset(row: &Row<'_>) -> StoreResult<AssetRow> {
    Ok(AssetRow {
        id: AssetId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        cases: Vec::new(),
        kind: kind_of_text(&get::<String>(row, 2)?)?,
        description: get(row, 3)?,
        location: get(row, 4)?,
        owner: get(row, 5)?,
        encumbrances: get(row, 6)?,
        seized_on: date_of("assets.seized_on", &get::<String>(row, 7)?)?,
        decision: get(row, 8)?,
        perishable: get(row, 9)?,
        for_state_budget: get(row, 10)?,
        steps: get(row, 11)?,
        recorded_by: get(row, 12)?,
        recorded_at: instant_of("assets.recorded_at", get(row, 13)?)?,
    })
}

fn step(row: &Row<'_>) -> StoreResult<AssetStepRow> {
    Ok(AssetStepRow {
        id: get(row, 0)?,
        asset: AssetId(get(row, 1)?),
        seq: get(row, 2)?,
        date: date_of("asset_steps.date", &get::<String>(row, 3)?)?,
        step: step_of_text(&get::<String>(row, 4)?)?,
        note: get(row, 5)?,
        recorded_by: get(row, 6)?,
        recorded_at: instant_of("asset_steps.recorded_at", get(row, 7)?)?,
    })
}

const MINUTE: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]");

fn minute_text(t: PrimitiveDateTime) -> String {
    t.format(MINUTE).unwrap_or_default()
}

fn minute_of(column: &str, text: &str) -> StoreResult<PrimitiveDateTime> {
    PrimitiveDateTime::parse(text, MINUTE).map_err(|_| StoreError::corrupt(column, text))
}

fn id_list(units: &[UnitId]) -> String {
    let ids: Vec<String> = units.iter().map(|u| u.0.to_string()).collect();
    if ids.is_empty() { "null".into() } else { ids.join(", ") }
}

impl SqliteStore {
    fn assets_where(&self, clause: &str, param: Option<i64>) -> StoreResult<Vec<AssetRow>> {
        let sql = format!("select {ASSET_COLUMNS} from assets a where {clause} order by a.id");
        let mut rows = match param {
            Some(p) => self.query_all(&sql, [p], asset)?,
            None => self.query_all(&sql, [], asset)?,
        };
        let ids: Vec<String> = rows.iter().map(|r| r.id.0.to_string()).collect();
        if ids.is_empty() {
            return Ok(rows);
        }
        let links = self.query_all(
            &format!(
                "select asset_id, case_id from asset_cases where asset_id in ({}) order by asset_id, position",
                ids.join(", ")
            ),
            [],
            |r| Ok((get(r, 0)?, get(r, 1)?)),
        )?;
        attach_cases(&mut rows, &links);
        Ok(rows)
    }
}

impl Assets for SqliteStore {
    fn asset(&self, id: AssetId) -> StoreResult<Option<AssetRow>> {
        Ok(self.assets_where("a.id = ?1", Some(id.0))?.into_iter().next())
    }

    fn assets_of_case(&self, case: CaseId) -> StoreResult<Vec<AssetRow>> {
        self.assets_where("a.id in (select asset_id from asset_cases where case_id = ?1)", Some(case.0))
    }

    fn assets_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetRow>> {
        self.assets_where(&format!("a.unit_id in ({})", id_list(units)), None)
    }

    fn asset_steps(&self, id: AssetId) -> StoreResult<Vec<AssetStepRow>> {
        let sql = format!("select {STEP_COLUMNS} from asset_steps s where s.asset_id = ?1 order by s.seq");
        self.query_all(&sql, [id.0], step)
    }

    fn asset_steps_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetStepRow>> {
        let sql = format!(
            "select {STEP_COLUMNS} from asset_steps s join assets a on a.id = s.asset_id \
             where a.unit_id in ({}) order by s.asset_id, s.seq",
            id_list(units)
        );
        self.query_all(&sql, [], step)
    }

    fn asset_step(&self, id: i64) -> StoreResult<Option<AssetStepRow>> {
        let sql = format!("select {STEP_COLUMNS} from asset_steps s where s.id = ?1");
        self.query_one(&sql, [id], step)
    }

    fn coercion_plans(&self, case: CaseId) -> StoreResult<Vec<CoercionPlanRow>> {
        let sql = format!("select {COERCION_PLAN_COLUMNS} from coercion_plans where case_id = ?1 order by id");
        self.query_all(&sql, [case.0], plan)
    }

    fn coercion_plans_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<CoercionPlanRow>> {
        let sql = format!(
            "select {COERCION_PLAN_COLUMNS} from coercion_plans where unit_id in ({}) order by id",
            id_list(units)
        );
        self.query_all(&sql, [], plan)
    }

    fn coercion_plan(&self, id: i64) -> StoreResult<Option<CoercionPlanRow>> {
        let sql = format!("select {COERCION_PLAN_COLUMNS} from coercion_plans where id = ?1");
        self.query_one(&sql, [id], plan)
    }

    fn asset_proceeds(&self, asset: AssetId) -> StoreResult<Option<AssetProceeds>> {
        self.query_one(
            "select asset_id, receipt_id, distribution_id, secured_case_id, recorded_at from asset_proceeds \
             where asset_id = ?1",
            [asset.0],
            |r| {
                Ok(AssetProceeds {
                    asset: AssetId(get(r, 0)?),
                    receipt: get(r, 1)?,
                    distribution: get(r, 2)?,
                    secured_case: get::<Option<i64>>(r, 3)?.map(CaseId),
                    recorded_at: instant_of("asset_proceeds.recorded_at", get(r, 4)?)?,
                })
            },
        )
    }

    fn asset_rule_versions(&self) -> StoreResult<Vec<AssetRuleRecord>> {
        let sql = format!("select {ASSET_RULE_COLUMNS} from asset_rule_versions order by rule, valid_from");
        self.query_all(&sql, [], rule_record)
    }
}

fn plan(r: &Row<'_>) -> StoreResult<CoercionPlanRow> {
    Ok(CoercionPlanRow {
        id: get(r, 0)?,
        plan: NewCoercionPlan {
            case: CaseId(get(r, 1)?),
            unit: UnitId(get(r, 2)?),
            starts: minute_of("coercion_plans.starts", &get::<String>(r, 3)?)?,
            ends: minute_of("coercion_plans.ends", &get::<String>(r, 4)?)?,
            place: get(r, 5)?,
            forces: get(r, 6)?,
            police_steps: police_of_text(&get::<String>(r, 7)?)?,
            costs: vnd("coercion_plans.costs", get(r, 8)?)?,
            recorded_by: get(r, 9)?,
            recorded_at: instant_of("coercion_plans.recorded_at", get(r, 10)?)?,
        },
    })
}

fn rule_record(r: &Row<'_>) -> StoreResult<AssetRuleRecord> {
    let confidence: String = get(r, 4)?;
    Ok(AssetRuleRecord {
        rule: get(r, 0)?,
        valid_from: date_of("asset_rule_versions.valid_from", &get::<String>(r, 1)?)?,
        value: get(r, 2)?,
        citation: get(r, 3)?,
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("asset_rule_versions.confidence", &confidence))?,
        note: get(r, 5)?,
        saved_by: get(r, 6)?,
        saved_at: instant_of("asset_rule_versions.saved_at", get(r, 7)?)?,
    })
}

impl AssetsTx for SqliteTx<'_> {
    fn insert_asset(&mut self, a: &NewAsset, recorded_by: &str, at: time::OffsetDateTime) -> StoreResult<AssetId> {
        self.conn()
            .execute(
                "insert into assets (unit_id, kind, description, location, owner, encumbrances, seized_on, decision, \
                 perishable, for_state_budget, recorded_by, recorded_at) \
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    a.unit.0,
                    a.kind.code(),
                    a.description,
                    a.location,
                    a.owner,
                    a.encumbrances,
                    date_text(a.seized_on),
                    a.decision,
                    a.perishable,
                    a.for_state_budget,
                    recorded_by,
                    instant_secs(at)
                ],
            )
            .map_err(crate::error::refused)?;
        let id = AssetId(self.conn().last_insert_rowid());
        for case in &a.cases {
            self.link_asset_case(id, *case)?;
        }
        Ok(id)
    }

    fn link_asset_case(&mut self, asset: AssetId, case: CaseId) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into asset_cases (asset_id, case_id, position) \
                 values (?1, ?2, (select count(*) from asset_cases where asset_id = ?1))",
                params![asset.0, case.0],
            )
            .map_err(unique(|| format!("tài sản #{} của việc #{} / asset of case", asset.0, case.0)))?;
        Ok(())
    }

    fn append_asset_step(&mut self, s: &NewAssetStep, expected: i64) -> StoreResult<i64> {
        let current: i64 = self
            .conn()
            .query_row("select count(*) from asset_steps where asset_id = ?1", [s.asset.0], |r| r.get(0))
            .map_err(StoreError::backend)?;
        let stale = || format!("tài sản #{} đã có bước mới, hãy tải lại / the asset changed, reload", s.asset.0);
        if current != expected {
            return Err(StoreError::Duplicate(stale()));
        }
        self.conn()
            .execute(
                "insert into asset_steps (asset_id, seq, date, code, data, note, recorded_by, recorded_at) \
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    s.asset.0,
                    expected + 1,
                    date_text(s.date),
                    s.step.code(),
                    step_text(&s.step),
                    s.note,
                    s.recorded_by,
                    instant_secs(s.recorded_at)
                ],
            )
            .map_err(unique(stale))?;
        Ok(self.conn().last_insert_rowid())
    }

    fn insert_coercion_plan(&mut self, p: &NewCoercionPlan) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into coercion_plans (case_id, unit_id, starts, ends, place, forces, police_steps, costs, \
                 recorded_by, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    p.case.0,
                    p.unit.0,
                    minute_text(p.starts),
                    minute_text(p.ends),
                    p.place,
                    p.forces,
                    police_text(&p.police_steps),
                    p.costs.dong(),
                    p.recorded_by,
                    instant_secs(p.recorded_at)
                ],
            )
            .map_err(crate::error::refused)?;
        Ok(self.conn().last_insert_rowid())
    }

    fn set_police_steps(&mut self, plan: i64, steps: &[PoliceStep]) -> StoreResult<()> {
        let changed = self
            .conn()
            .execute("update coercion_plans set police_steps = ?2 where id = ?1", params![plan, police_text(steps)])
            .map_err(StoreError::backend)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("kế hoạch cưỡng chế / coercion plan #{plan}")));
        }
        Ok(())
    }

    fn insert_asset_proceeds(&mut self, p: &AssetProceeds) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into asset_proceeds (asset_id, receipt_id, distribution_id, secured_case_id, recorded_at) \
                 values (?1, ?2, ?3, ?4, ?5)",
                params![p.asset.0, p.receipt, p.distribution, p.secured_case.map(|c| c.0), instant_secs(p.recorded_at)],
            )
            .map_err(unique(|| {
                format!("tiền của tài sản #{} đã ghi / the asset's proceeds are recorded", p.asset.0)
            }))?;
        Ok(())
    }

    fn put_asset_rule_version(&mut self, r: &AssetRuleRecord) -> StoreResult<Option<AssetRuleRecord>> {
        let sql = format!("select {ASSET_RULE_COLUMNS} from asset_rule_versions where rule = ?1 and valid_from = ?2");
        let previous =
            crate::convert::query_all(self.conn(), &sql, params![r.rule, date_text(r.valid_from)], rule_record)?
                .into_iter()
                .next();
        self.conn()
            .execute(
                "insert into asset_rule_versions (rule, valid_from, value, citation, confidence, note, saved_by, saved_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 on conflict (rule, valid_from) do update set value = excluded.value, citation = excluded.citation,
                    confidence = excluded.confidence, note = excluded.note, saved_by = excluded.saved_by,
                    saved_at = excluded.saved_at",
                params![
                    r.rule,
                    date_text(r.valid_from),
                    r.value,
                    r.citation,
                    codes::confidence(r.confidence),
                    r.note,
                    r.saved_by,
                    instant_secs(r.saved_at)
                ],
            )
            .map_err(StoreError::backend)?;
        Ok(previous)
    }
}
