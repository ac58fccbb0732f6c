//! The staff registry on SQLite (schema 0022_personnel). Dates are ISO text; codes are turned
//! into values by `PersonColumns`; the workload is one `group by` over the cases table.

use rusqlite::{Row, params};
use thads_core::UnitId;
use thads_core::personnel::{Person, PersonFacts, PersonId, Quota};
use thads_store::{
    PERSON_COLUMNS, PersonColumns, Personnel, PersonnelTx, StoreError, StoreResult, WorkloadTally, quotas_of, tally_of,
    workload_sql,
};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::{refused, unique};
use crate::tx::SqliteTx;

fn people_sql(units: Option<&[UnitId]>) -> String {
    match units {
        None => format!("select {PERSON_COLUMNS} from personnel order by id"),
        Some(list) => {
            let ids: Vec<String> = list.iter().map(|u| u.0.to_string()).collect();
            let ids = if ids.is_empty() { "null".to_string() } else { ids.join(", ") };
            format!("select {PERSON_COLUMNS} from personnel where unit_id in ({ids}) order by id")
        }
    }
}

const QUOTAS_SQL: &str = "select unit_id, null, total from staff_posts
     union all select unit_id, rank, posts from staff_rank_posts order by 1";

impl Personnel for SqliteStore {
    fn people(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<Person>> {
        self.query_all(&people_sql(units), [], person)
    }

    fn person(&self, id: PersonId) -> StoreResult<Option<Person>> {
        self.query_one(&format!("select {PERSON_COLUMNS} from personnel where id = ?1"), [id.0], person)
    }

    fn quotas(&self) -> StoreResult<Vec<Quota>> {
        quotas_of(self.query_all(QUOTAS_SQL, [], quota_row)?)
    }

    fn workload(&self, units: Option<&[UnitId]>) -> StoreResult<Vec<WorkloadTally>> {
        self.query_all(&workload_sql(units), [], tally)
    }
}

impl PersonnelTx for SqliteTx<'_> {
    fn person_for_update(&mut self, id: PersonId) -> StoreResult<Option<Person>> {
        // `begin immediate` already holds the database's write lock.
        let sql = format!("select {PERSON_COLUMNS} from personnel where id = ?1");
        Ok(self.all(&sql, [id.0], person)?.into_iter().next())
    }

    fn insert_person(&mut self, f: &PersonFacts) -> StoreResult<PersonId> {
        self.conn()
            .execute(
                "insert into personnel (unit_id, full_name, title, rank, appointed_on, term_ends_on, staff_id, status)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active')",
                params![
                    f.unit.0,
                    f.full_name,
                    f.title,
                    f.rank.code(),
                    f.appointed_on.map(cv::date_text),
                    f.term_ends_on.map(cv::date_text),
                    f.staff.map(|s| s.0)
                ],
            )
            .map_err(unique(|| "tài khoản đã gắn với người khác / login already linked to another person".into()))?;
        Ok(PersonId(self.conn().last_insert_rowid()))
    }

    fn update_person(&mut self, p: &Person) -> StoreResult<()> {
        let f = &p.facts;
        let changed = self
            .conn()
            .execute(
                "update personnel set unit_id = ?2, full_name = ?3, title = ?4, rank = ?5, appointed_on = ?6,
                    term_ends_on = ?7, staff_id = ?8, status = ?9, ended_on = ?10 where id = ?1",
                params![
                    p.id.0,
                    f.unit.0,
                    f.full_name,
                    f.title,
                    f.rank.code(),
                    f.appointed_on.map(cv::date_text),
                    f.term_ends_on.map(cv::date_text),
                    f.staff.map(|s| s.0),
                    p.status.code(),
                    p.ended_on.map(cv::date_text)
                ],
            )
            .map_err(unique(|| "tài khoản đã gắn với người khác / login already linked to another person".into()))?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("cán bộ / person #{}", p.id.0)));
        }
        Ok(())
    }

    fn set_quota(&mut self, q: &Quota) -> StoreResult<Option<Quota>> {
        let rows = self.all(
            "select unit_id, null, total from staff_posts where unit_id = ?1
             union all select unit_id, rank, posts from staff_rank_posts where unit_id = ?1",
            [q.unit.0],
            quota_row,
        )?;
        let previous = quotas_of(rows)?.into_iter().next();
        let conn = self.conn();
        conn.execute("delete from staff_rank_posts where unit_id = ?1", [q.unit.0]).map_err(refused)?;
        conn.execute(
            "insert into staff_posts (unit_id, total) values (?1, ?2)
             on conflict (unit_id) do update set total = excluded.total",
            params![q.unit.0, i64::from(q.total)],
        )
        .map_err(refused)?;
        for (rank, posts) in &q.by_rank {
            conn.execute(
                "insert into staff_rank_posts (unit_id, rank, posts) values (?1, ?2, ?3)",
                params![q.unit.0, rank.code(), i64::from(*posts)],
            )
            .map_err(refused)?;
        }
        Ok(previous)
    }
}

fn quota_row(r: &Row<'_>) -> StoreResult<(i64, Option<String>, i64)> {
    Ok((
        r.get(0).map_err(StoreError::backend)?,
        r.get(1).map_err(StoreError::backend)?,
        r.get(2).map_err(StoreError::backend)?,
    ))
}

fn tally(r: &Row<'_>) -> StoreResult<WorkloadTally> {
    let int = |i: usize| r.get::<_, i64>(i).map_err(StoreError::backend);
    tally_of(
        int(0)?,
        r.get::<_, Option<i64>>(1).map_err(StoreError::backend)?,
        [int(2)?, int(3)?, int(4)?, int(5)?, int(6)?, int(7)?],
    )
}

fn person(row: &Row<'_>) -> StoreResult<Person> {
    let text = |i: usize| row.get::<_, String>(i).map_err(StoreError::backend);
    let day = |i: usize, column: &str| -> StoreResult<Option<Date>> {
        row.get::<_, Option<String>>(i).map_err(StoreError::backend)?.map(|t| cv::date_of(column, &t)).transpose()
    };
    PersonColumns {
        id: row.get(0).map_err(StoreError::backend)?,
        unit_id: row.get(1).map_err(StoreError::backend)?,
        full_name: text(2)?,
        title: text(3)?,
        rank: text(4)?,
        appointed_on: day(5, "personnel.appointed_on")?,
        term_ends_on: day(6, "personnel.term_ends_on")?,
        staff_id: row.get(7).map_err(StoreError::backend)?,
        status: text(8)?,
        ended_on: day(9, "personnel.ended_on")?,
    }
    .into_person()
}
