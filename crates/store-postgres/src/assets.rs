//! Assets on PostgreSQL: as on SQLite; a step is appended with the asset's row locked, and a
//! stale count is refused without breaking the transaction.

use postgres::Row;
use thads_core::assets::AssetId;
use thads_core::{CaseId, UnitId};
use thads_store::{
    ASSET_COLUMNS, ASSET_RULE_COLUMNS, AssetProceeds, AssetRow, AssetRuleRecord, AssetStepRow, Assets, AssetsTx,
    COERCION_PLAN_COLUMNS, CoercionPlanRow, NewAsset, NewAssetStep, NewCoercionPlan, PoliceStep, STEP_COLUMNS,
    StoreError, StoreResult, attach_cases, codes, kind_of_text, police_of_text, police_text, step_of_text, step_text,
};

use crate::PgStore;
use crate::convert::{get, instant_of, vnd};
use crate::error::constraint;
use crate::tx::PgTx;

fn asset(row: &Row) -> StoreResult<AssetRow> {
    Ok(AssetRow {
        id: AssetId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        cases: Vec::new(),
        kind: kind_of_text(&get::<String>(row, 2)?)?,
        description: get(row, 3)?,
        location: get(row, 4)?,
        owner: get(row, 5)?,
        encumbrances: get(row, 6)?,
        seized_on: get(row, 7)?,
        decision: get(row, 8)?,
        perishable: get(row, 9)?,
        for_state_budget: get(row, 10)?,
        steps: get(row, 11)?,
        recorded_by: get(row, 12)?,
        recorded_at: instant_of("assets.recorded_at", get(row, 13)?)?,
    })
}

fn step(row: &Row) -> StoreResult<AssetStepRow> {
    Ok(AssetStepRow {
        id: get(row, 0)?,
        asset: AssetId(get(row, 1)?),
        seq: get(row, 2)?,
        date: get(row, 3)?,
        step: step_of_text(&get::<String>(row, 4)?)?,
        note: get(row, 5)?,
        recorded_by: get(row, 6)?,
        recorded_at: instant_of("asset_steps.recorded_at", get(row, 7)?)?,
    })
}

impl PgStore {
    fn with_cases(&self, mut rows: Vec<AssetRow>) -> StoreResult<Vec<AssetRow>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id.0).collect();
        if ids.is_empty() {
            return Ok(rows);
        }
        let links = self.query_all(
            "select asset_id, case_id from asset_cases where asset_id = any($1) order by asset_id, position",
            &[&ids],
            |r| Ok((get(r, 0)?, get(r, 1)?)),
        )?;
        attach_cases(&mut rows, &links);
        Ok(rows)
    }
}

impl Assets for PgStore {
    fn asset(&self, id: AssetId) -> StoreResult<Option<AssetRow>> {
        let sql = format!("select {ASSET_COLUMNS} from assets a where a.id = $1");
        let rows = self.query_all(&sql, &[&id.0], asset)?;
        Ok(self.with_cases(rows)?.into_iter().next())
    }

    fn assets_of_case(&self, case: CaseId) -> StoreResult<Vec<AssetRow>> {
        let sql = format!(
            "select {ASSET_COLUMNS} from assets a \
             where a.id in (select asset_id from asset_cases where case_id = $1) order by a.id"
        );
        let rows = self.query_all(&sql, &[&case.0], asset)?;
        self.with_cases(rows)
    }

    fn assets_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetRow>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {ASSET_COLUMNS} from assets a where a.unit_id = any($1) order by a.id");
        let rows = self.query_all(&sql, &[&ids], asset)?;
        self.with_cases(rows)
    }

    fn asset_steps(&self, id: AssetId) -> StoreResult<Vec<AssetStepRow>> {
        let sql = format!("select {STEP_COLUMNS} from asset_steps s where s.asset_id = $1 order by s.seq");
        self.query_all(&sql, &[&id.0], step)
    }

    fn asset_steps_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<AssetStepRow>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!(
            "select {STEP_COLUMNS} from asset_steps s join assets a on a.id = s.asset_id \
             where a.unit_id = any($1) order by s.asset_id, s.seq"
        );
        self.query_all(&sql, &[&ids], step)
    }

    fn asset_step(&self, id: i64) -> StoreResult<Option<AssetStepRow>> {
        let sql = format!("select {STEP_COLUMNS} from asset_steps s where s.id = $1");
        self.query_one(&sql, &[&id], step)
    }

    fn coercion_plans(&self, case: CaseId) -> StoreResult<Vec<CoercionPlanRow>> {
        let sql = format!("select {COERCION_PLAN_COLUMNS} from coercion_plans where case_id = $1 order by id");
        self.query_all(&sql, &[&case.0], plan)
    }

    fn coercion_plans_of_units(&self, units: &[UnitId]) -> StoreResult<Vec<CoercionPlanRow>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {COERCION_PLAN_COLUMNS} from coercion_plans where unit_id = any($1) order by id");
        self.query_all(&sql, &[&ids], plan)
    }

    fn coercion_plan(&self, id: i64) -> StoreResult<Option<CoercionPlanRow>> {
        let sql = format!("select {COERCION_PLAN_COLUMNS} from coercion_plans where id = $1");
        self.query_one(&sql, &[&id], plan)
    }

    fn asset_proceeds(&self, asset: AssetId) -> StoreResult<Option<AssetProceeds>> {
        self.query_one(
            "select asset_id, receipt_id, distribution_id, secured_case_id, recorded_at from asset_proceeds \
             where asset_id = $1",
            &[&asset.0],
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
        self.query_all(&sql, &[], rule_record)
    }
}

fn plan(r: &Row) -> StoreResult<CoercionPlanRow> {
    Ok(CoercionPlanRow {
        id: get(r, 0)?,
        plan: NewCoercionPlan {
            case: CaseId(get(r, 1)?),
            unit: UnitId(get(r, 2)?),
            starts: get(r, 3)?,
            ends: get(r, 4)?,
            place: get(r, 5)?,
            forces: get(r, 6)?,
            police_steps: police_of_text(&get::<String>(r, 7)?)?,
            costs: vnd("coercion_plans.costs", get(r, 8)?)?,
            recorded_by: get(r, 9)?,
            recorded_at: instant_of("coercion_plans.recorded_at", get(r, 10)?)?,
        },
    })
}

fn rule_record(r: &Row) -> StoreResult<AssetRuleRecord> {
    let confidence: String = get(r, 4)?;
    Ok(AssetRuleRecord {
        rule: get(r, 0)?,
        valid_from: get(r, 1)?,
        value: get(r, 2)?,
        citation: get(r, 3)?,
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("asset_rule_versions.confidence", &confidence))?,
        note: get(r, 5)?,
        saved_by: get(r, 6)?,
        saved_at: instant_of("asset_rule_versions.saved_at", get(r, 7)?)?,
    })
}

impl AssetsTx for PgTx<'_> {
    fn insert_asset(&mut self, a: &NewAsset, recorded_by: &str, at: time::OffsetDateTime) -> StoreResult<AssetId> {
        let rows = self.query_mapped(
            "insert into assets (unit_id, kind, description, location, owner, encumbrances, seized_on, decision, \
             perishable, for_state_budget, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
            &[
                &a.unit.0,
                &a.kind.code(),
                &a.description,
                &a.location,
                &a.owner,
                &a.encumbrances,
                &a.seized_on,
                &a.decision,
                &a.perishable,
                &a.for_state_budget,
                &recorded_by,
                &at.unix_timestamp(),
            ],
            constraint(|| "tài sản / asset".to_string()),
        )?;
        let id =
            AssetId(rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))?);
        for case in &a.cases {
            self.link_asset_case(id, *case)?;
        }
        Ok(id)
    }

    fn link_asset_case(&mut self, asset: AssetId, case: CaseId) -> StoreResult<()> {
        let what = || format!("tài sản #{} của việc #{} / asset of case", asset.0, case.0);
        let rows = self.query_mapped(
            "insert into asset_cases (asset_id, case_id, position) \
             values ($1, $2, (select count(*)::integer from asset_cases where asset_id = $1)) \
             on conflict (asset_id, case_id) do nothing returning 1",
            &[&asset.0, &case.0],
            constraint(what),
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate(what())) } else { Ok(()) }
    }

    fn append_asset_step(&mut self, s: &NewAssetStep, expected: i64) -> StoreResult<i64> {
        let stale = || format!("tài sản #{} đã có bước mới, hãy tải lại / the asset changed, reload", s.asset.0);
        let locked = self.query("select id from assets where id = $1 for update", &[&s.asset.0])?;
        if locked.is_empty() {
            return Err(StoreError::NotFound(format!("tài sản / asset #{}", s.asset.0)));
        }
        let count = self.query("select count(*) from asset_steps where asset_id = $1", &[&s.asset.0])?;
        let current: i64 = count.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
        if current != expected {
            return Err(StoreError::Duplicate(stale()));
        }
        let rows = self.query_mapped(
            "insert into asset_steps (asset_id, seq, date, code, data, note, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (asset_id, seq) do nothing returning id",
            &[
                &s.asset.0,
                &(expected + 1),
                &s.date,
                &s.step.code(),
                &step_text(&s.step),
                &s.note,
                &s.recorded_by,
                &s.recorded_at.unix_timestamp(),
            ],
            constraint(stale),
        )?;
        rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Duplicate(stale()))
    }

    fn insert_coercion_plan(&mut self, p: &NewCoercionPlan) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into coercion_plans (case_id, unit_id, starts, ends, place, forces, police_steps, costs, \
             recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            &[
                &p.case.0,
                &p.unit.0,
                &p.starts,
                &p.ends,
                &p.place,
                &p.forces,
                &police_text(&p.police_steps),
                &p.costs.dong(),
                &p.recorded_by,
                &p.recorded_at.unix_timestamp(),
            ],
            constraint(|| "kế hoạch cưỡng chế / coercion plan".to_string()),
        )?;
        rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))
    }

    fn set_police_steps(&mut self, plan: i64, steps: &[PoliceStep]) -> StoreResult<()> {
        let changed =
            self.execute("update coercion_plans set police_steps = $2 where id = $1", &[&plan, &police_text(steps)])?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("kế hoạch cưỡng chế / coercion plan #{plan}")));
        }
        Ok(())
    }

    fn insert_asset_proceeds(&mut self, p: &AssetProceeds) -> StoreResult<()> {
        let what = || format!("tiền của tài sản #{} đã ghi / the asset's proceeds are recorded", p.asset.0);
        let rows = self.query_mapped(
            "insert into asset_proceeds (asset_id, receipt_id, distribution_id, secured_case_id, recorded_at) \
             values ($1, $2, $3, $4, $5) on conflict (asset_id) do nothing returning 1",
            &[&p.asset.0, &p.receipt, &p.distribution, &p.secured_case.map(|c| c.0), &p.recorded_at.unix_timestamp()],
            constraint(what),
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate(what())) } else { Ok(()) }
    }

    fn put_asset_rule_version(&mut self, r: &AssetRuleRecord) -> StoreResult<Option<AssetRuleRecord>> {
        let sql = format!(
            "select {ASSET_RULE_COLUMNS} from asset_rule_versions where rule = $1 and valid_from = $2 for update"
        );
        let previous = self.query(&sql, &[&r.rule, &r.valid_from])?.first().map(rule_record).transpose()?;
        self.execute(
            "insert into asset_rule_versions (rule, valid_from, value, citation, confidence, note, saved_by, saved_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)
             on conflict (rule, valid_from) do update set value = excluded.value, citation = excluded.citation,
                confidence = excluded.confidence, note = excluded.note, saved_by = excluded.saved_by,
                saved_at = excluded.saved_at",
            &[
                &r.rule,
                &r.valid_from,
                &r.value,
                &r.citation,
                &codes::confidence(r.confidence),
                &r.note,
                &r.saved_by,
                &r.saved_at.unix_timestamp(),
            ],
        )?;
        Ok(previous)
    }
}
