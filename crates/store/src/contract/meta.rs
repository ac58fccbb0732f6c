//! Contract check of the reference generation (schemas 9 and 32): every committed change of
//! units, staff, targets, announced days, rule corrections, the staff registry or
//! reorganisations moves it, a dropped one does not, and the writes of a working day (cases,
//! events, the ledger, passwords, sessions) leave it alone, so that a server reloads what it
//! keeps only when it must.

use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use thads_core::deadlines::Length;
use thads_core::percent::Percent;
use thads_core::personnel::{PersonFacts, Rank};
use thads_core::reorg::OpKind;
use thads_core::rules::Confidence;
use thads_core::{EventCode, Login, ReportingYear, Role, UnitKind};
use time::macros::{date, datetime};

use super::{event, ok, seed_case, seed_units, staff_member, unit};
use crate::*;

/// A change of one kind, named for the failure message.
type Change<'a> = (&'a str, Box<dyn FnOnce(&mut dyn WriteTx) + 'a>);

/// Runs `change` in a transaction and commits it; returns how far the generation moved.
fn moved_by(store: &dyn Store, change: impl FnOnce(&mut dyn WriteTx)) -> i64 {
    let before = ok(store.reference_generation());
    let mut tx = ok(store.begin());
    change(tx.as_mut());
    ok(tx.commit());
    ok(store.reference_generation()) - before
}

pub fn reference_generation_moves_with_reference_data_only(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "1/QĐ-THADS");
    let clerk = staff_member(store, ids[2], "thu.ky", Role::Clerk);
    let at = datetime!(2026-11-20 08:00 UTC);
    let year = ok(ReportingYear::new(2026).map_err(|e| StoreError::Invalid(e.to_string())));
    let target = Target { unit: ids[2], year, cases: Percent(8000), money: Percent(4000) };
    let day = AnnouncedDayRecord {
        day: AnnouncedDay { date: date!(2027 - 04 - 30), kind: AnnouncedKind::DayOff, source: "TB 1/BNV".into() },
        added_by: "admin".into(),
        added_at: at,
    };
    let rule = RuleOverride {
        rule_id: "new.first_verification".into(),
        length: Length::working_days(10),
        confidence: Confidence::Confirmed,
        source: "Luật THADS Điều 44".into(),
        set_by: "admin".into(),
        set_at: at,
    };
    let login = |l: &str| ok(Login::new(l).map_err(|e| StoreError::Invalid(e.to_string())));
    let person = PersonFacts {
        unit: ids[2],
        full_name: "Trần Thị Hoa".into(),
        title: String::new(),
        rank: Rank::ChvTrungCap,
        appointed_on: None,
        term_ends_on: None,
        staff: Some(clerk),
    };
    let reorg = NewReorgOperation {
        kind: OpKind::Rename,
        on: date!(2026 - 01 - 01),
        changes: vec![],
        recorded_by: "admin".into(),
        recorded_at: at,
        cases_moved: 0,
        staff_moved: 0,
    };
    let changes: Vec<Change> = vec![
        (
            "a unit",
            Box::new(|tx| {
                ok(tx.insert_unit(&unit("BG-KV3", UnitKind::Region, Some(ids[1]))));
            }),
        ),
        ("a successor", Box::new(|tx| ok(tx.link_successor(ids[3], ids[2])))),
        (
            "a person",
            Box::new(|tx| {
                let new = NewStaff {
                    unit: ids[3],
                    login: login("chv.binh"),
                    full_name: "Lê Bình".into(),
                    role: Role::Officer,
                };
                ok(tx.insert_staff(&new));
            }),
        ),
        ("a person's unit and role", Box::new(|tx| ok(tx.update_staff(clerk, ids[3], Role::Head)))),
        ("a target", Box::new(|tx| ok(tx.insert_target(&target)))),
        (
            "a target replaced",
            Box::new(|tx| {
                ok(tx.set_target(&Target { cases: Percent(8500), ..target }));
            }),
        ),
        ("an announced day", Box::new(|tx| ok(tx.insert_announced_day(&day)))),
        (
            "an announced day withdrawn",
            Box::new(|tx| {
                ok(tx.delete_announced_day(day.day.date));
            }),
        ),
        (
            "a rule corrected",
            Box::new(|tx| {
                ok(tx.set_rule_override(&rule));
            }),
        ),
        (
            "a correction removed",
            Box::new(|tx| {
                ok(tx.delete_rule_override(&rule.rule_id));
            }),
        ),
        (
            "a person of the registry (schema 32: the forms print their names)",
            Box::new(|tx| {
                ok(tx.insert_person(&person));
            }),
        ),
        (
            "a reorganisation (schema 32: past periods are laid out on its structure)",
            Box::new(|tx| {
                ok(tx.insert_reorg_operation(&reorg));
            }),
        ),
    ];
    for (what, change) in changes {
        assert!(moved_by(store, change) > 0, "{what} moves the reference generation");
    }

    let before = ok(store.reference_generation());
    let mut tx = ok(store.begin());
    ok(tx.insert_unit(&unit("BG-KV4", UnitKind::Region, Some(ids[1]))));
    drop(tx);
    assert_eq!(ok(store.reference_generation()), before, "a dropped transaction moves nothing");

    let day_of_work = moved_by(store, |tx| {
        ok(tx.insert_events(&[event(case, date!(2025 - 11 - 03), EventCode::WithMeans, None)]));
        ok(tx.touch_ledger());
        ok(tx.set_password(clerk, "$argon2id$x", at));
        let session = NewSession {
            token_hash: "t".into(),
            staff: clerk,
            csrf: "c".into(),
            created_at: at,
            expires_at: at + time::Duration::hours(8),
        };
        ok(tx.insert_session(&session));
        ok(tx.delete_expired_sessions(at));
    });
    assert_eq!(day_of_work, 0, "cases, the ledger, passwords and sessions leave it alone");
}

/// Every table of the schema is one a whole copy carries (`COPIED_TABLES`), and each has the
/// columns the backend says; a fresh store holds rows only where the migrations seed them.
pub fn every_table_of_the_schema_is_copied(store: &dyn Store) {
    for table in ok(store.schema_tables()) {
        assert!(copied_table(&table).is_some(), "table {table} is missing from COPIED_TABLES");
    }
    let rows = ok(store.table_rows());
    for (table, n) in COPIED_TABLES.iter().zip(rows) {
        assert!(!ok(store.table_columns(table.name)).is_empty(), "{} has columns", table.name);
        if table.fill == Fill::Insert {
            assert_eq!(n, 0, "a fresh store has no {}", table.name);
        }
    }
}

/// Rows read by `scan_table` and written back by `copy_rows` (ids, dates, minutes, booleans,
/// bytes, nulls) read the same again; `copy_update` sets the late columns.
pub fn copied_rows_read_back_the_same(store: &dyn Store) {
    let ids = seed_units(store);
    seed_case(store, ids[2], "1/QĐ-THADS");
    let columns = ok(store.table_columns("units"));
    let mut rows = Vec::new();
    ok(store.scan_table("units", &columns, &mut |row| {
        rows.push(row);
        Ok(())
    }));
    assert_eq!(rows.len(), ids.len());
    let id = columns.iter().position(|c| c == "id").unwrap_or(0);
    let code = columns.iter().position(|c| c == "code").unwrap_or(0);
    let parent = columns.iter().position(|c| c == "parent_id").unwrap_or(0);
    let mut copy = rows[1].clone();
    copy[id] = Cell::Int(1_000);
    copy[code] = Cell::Text("BG-COPY".into());
    copy[parent] = Cell::Null;
    let mut tx = ok(store.begin());
    ok(tx.copy_rows("units", &columns, std::slice::from_ref(&copy)));
    ok(tx.copy_update("units", "id", &["parent_id".to_string()], &[vec![Cell::Int(1_000), rows[1][parent].clone()]]));
    ok(tx.reset_id_sequences());
    ok(tx.commit());
    let mut again = Vec::new();
    ok(store.scan_table("units", &columns, &mut |row| {
        again.push(row);
        Ok(())
    }));
    copy[parent] = rows[1][parent].clone();
    assert_eq!(again.last(), Some(&copy), "the copied unit reads back as written");
    let next = ok(store.begin().and_then(|mut tx| {
        let id = tx.insert_unit(&unit("BG-KV9", UnitKind::Region, Some(ids[1])))?;
        tx.commit()?;
        Ok(id)
    }));
    assert!(next.0 > 1_000, "new ids come after the copied ones: {next:?}");
}
