//! The staff registry on PostgreSQL (schema 0022_personnel). Codes are turned into values by
//! `PersonColumns`; a change locks its person (`for update`); the workload is one `group by`
//! over the cases table.

use postgres::Row;
use thads_core::UnitId;
use thads_core::personnel::{Person, PersonFacts, PersonId, Quota};
use thads_store::{
    PERSON_COLUMNS, PersonColumns, Personnel, PersonnelTx, StoreError, StoreResult, WorkloadTally, quotas_of, tally_of,
    workload_sql,
};

use crate::PgStore;
use crate::convert::get;
use crate::error::constraint;
use crate::tx::PgTx;

const QUOTAS_SQL: &str = "select unit_id, cast(null as text), total from staff_posts
     union all select unit_id, rank, posts from staff_rank_posts order by 1";

fn linked() -> String {
    "tài khoản đã gắn với người khác / login already linked to another person".into()
}

impl Personnel for PgStore {
    fn people(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<Person>> {
        match units {
            None => self.query_all(&format!("select {PERSON_COLUMNS} from personnel order by id"), &[], person),
            Some(list) => {
                let ids: Vec<i64> = list.iter().map(|u| u.0).collect();
                let sql = format!("select {PERSON_COLUMNS} from personnel where unit_id = any($1) order by id");
                self.query_all(&sql, &[&ids], person)
            }
        }
    }

    fn person(&self, id: PersonId) -> StoreResult<Option<Person>> {
        self.query_one(&format!("select {PERSON_COLUMNS} from personnel where id = $1"), &[&id.0], person)
    }

    fn quotas(&self) -> StoreResult<Vec<Quota>> {
        quotas_of(self.query_all(QUOTAS_SQL, &[], quota_row)?)
    }

    fn workload(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<WorkloadTally>> {
        self.query_all(&workload_sql(units), &[], tally)
    }
}

impl PersonnelTx for PgTx<'_> {
    fn person_for_update(&mut self, id: PersonId) -> StoreResult<Option<Person>> {
        let sql = format!("select {PERSON_COLUMNS} from personnel where id = $1 for update");
        self.query(&sql, &[&id.0])?.first().map(person).transpose()
    }

    fn insert_person(&mut self, f: &PersonFacts) -> StoreResult<PersonId> {
        // In a savepoint: a refused person leaves the transaction usable, as on SQLite.
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into personnel (unit_id, full_name, title, rank, appointed_on, term_ends_on, staff_id, status)
                 values ($1, $2, $3, $4, $5, $6, $7, 'active') returning id",
                &[
                    &f.unit.0,
                    &f.full_name,
                    &f.title,
                    &f.rank.code(),
                    &f.appointed_on,
                    &f.term_ends_on,
                    &f.staff.map(|s| s.0),
                ],
                constraint(linked),
            )
        })?;
        let first = rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        Ok(PersonId(get(first, 0)?))
    }

    fn update_person(&mut self, p: &Person) -> StoreResult<()> {
        let f = &p.facts;
        let changed = self.savepoint(|tx| {
            tx.query_mapped(
                "update personnel set unit_id = $2, full_name = $3, title = $4, rank = $5, appointed_on = $6,
                    term_ends_on = $7, staff_id = $8, status = $9, ended_on = $10 where id = $1 returning id",
                &[
                    &p.id.0,
                    &f.unit.0,
                    &f.full_name,
                    &f.title,
                    &f.rank.code(),
                    &f.appointed_on,
                    &f.term_ends_on,
                    &f.staff.map(|s| s.0),
                    &p.status.code(),
                    &p.ended_on,
                ],
                constraint(linked),
            )
        })?;
        if changed.is_empty() {
            return Err(StoreError::NotFound(format!("cán bộ / person #{}", p.id.0)));
        }
        Ok(())
    }

    fn set_quota(&mut self, q: &Quota) -> StoreResult<Option<Quota>> {
        let rows = self.query(
            "select unit_id, cast(null as text), total from staff_posts where unit_id = $1
             union all select unit_id, rank, posts from staff_rank_posts where unit_id = $1",
            &[&q.unit.0],
        )?;
        let previous = quotas_of(rows.iter().map(quota_row).collect::<StoreResult<Vec<_>>>()?)?.into_iter().next();
        let what = || format!("biên chế / posts of unit #{}", q.unit.0);
        self.savepoint(|tx| {
            tx.query_mapped("delete from staff_rank_posts where unit_id = $1", &[&q.unit.0], constraint(what))?;
            tx.query_mapped(
                "insert into staff_posts (unit_id, total) values ($1, $2)
                 on conflict (unit_id) do update set total = excluded.total",
                &[&q.unit.0, &i64::from(q.total)],
                constraint(what),
            )?;
            for (rank, posts) in &q.by_rank {
                tx.query_mapped(
                    "insert into staff_rank_posts (unit_id, rank, posts) values ($1, $2, $3)",
                    &[&q.unit.0, &rank.code(), &i64::from(*posts)],
                    constraint(what),
                )?;
            }
            Ok(())
        })?;
        Ok(previous)
    }
}

fn quota_row(r: &Row) -> StoreResult<(i64, Option<String>, i64)> {
    Ok((get(r, 0)?, get(r, 1)?, get(r, 2)?))
}

fn tally(r: &Row) -> StoreResult<WorkloadTally> {
    tally_of(get(r, 0)?, get(r, 1)?, [get(r, 2)?, get(r, 3)?, get(r, 4)?, get(r, 5)?, get(r, 6)?, get(r, 7)?])
}

fn person(row: &Row) -> StoreResult<Person> {
    PersonColumns {
        id: get(row, 0)?,
        unit_id: get(row, 1)?,
        full_name: get(row, 2)?,
        title: get(row, 3)?,
        rank: get(row, 4)?,
        appointed_on: get(row, 5)?,
        term_ends_on: get(row, 6)?,
        staff_id: get(row, 7)?,
        status: get(row, 8)?,
        ended_on: get(row, 9)?,
    }
    .into_person()
}
