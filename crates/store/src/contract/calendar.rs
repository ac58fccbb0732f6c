//! Contract check of the calendar's announced days (schema 0003_calendar): they round-trip,
//! sorted by date, one per date.

use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use time::Date;
use time::macros::{date, datetime};

use super::ok;
use crate::*;

fn announced(date: Date, kind: AnnouncedKind, source: &str) -> AnnouncedDayRecord {
    AnnouncedDayRecord {
        day: AnnouncedDay { date, kind, source: source.into() },
        added_by: "admin".into(),
        added_at: datetime!(2026-11-20 08:00 UTC),
    }
}

pub fn announced_days_round_trip_once_per_date(store: &dyn Store) {
    let off = announced(date!(2027 - 04 - 30), AnnouncedKind::DayOff, "Thông báo 6150/TB-BNV ngày 25/10/2026");
    let work = announced(date!(2027 - 04 - 24), AnnouncedKind::WorkingDay, "Thông báo 6150/TB-BNV");
    let mut tx = ok(store.begin());
    ok(tx.insert_announced_day(&off));
    ok(tx.insert_announced_day(&work));
    let twice = tx.insert_announced_day(&announced(off.day.date, AnnouncedKind::WorkingDay, "QĐ khác"));
    assert!(matches!(twice, Err(StoreError::Duplicate(_))), "{twice:?}");
    assert_eq!(ok(tx.announced_days()).len(), 2, "the transaction sees its own days");
    ok(tx.commit());
    assert_eq!(ok(store.announced_days()), vec![work.clone(), off.clone()], "sorted by date");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_announced_day(off.day.date)), Some(off));
    assert_eq!(ok(tx.delete_announced_day(date!(2027 - 01 - 01))), None);
    drop(tx);
    assert_eq!(ok(store.announced_days()).len(), 2, "a dropped transaction deletes nothing");
}
