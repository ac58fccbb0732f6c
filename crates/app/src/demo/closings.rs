//! Monthly closing in the demo (issue 17): each province has closed the last two months that
//! ended before the demo's day (on that day), as its head would (the report frozen as a snapshot each time),
//! except that one province in five has not yet closed the last one — late once the 5th of the
//! next month has passed — so the periods page shows closed, late and open months.

use thads_core::dates::MonthKey;
use thads_core::{Rules, UnitKind, UnitTree};
use thads_store::Store;
use time::Date;

use crate::actor::Actor;
use crate::error::AppResult;

/// Closes the months as above; returns how many closings were made.
pub fn close_months(store: &dyn Store, rules: &Rules, as_of: Date) -> AppResult<usize> {
    let units = UnitTree::new(store.units()?);
    let last = MonthKey::of(as_of).previous();
    let mut provinces: Vec<_> =
        units.all().iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).collect();
    provinces.sort_by(|a, b| a.code.cmp(&b.code));
    let mut made = 0;
    for (i, province) in provinces.iter().enumerate() {
        let months = if i % 5 == 4 { vec![last.previous()] } else { vec![last.previous(), last] };
        for month in months {
            // On the demo's day, at noon, by the province's head (the histories run up to that
            // day, so an earlier closing would replay events after its own day).
            let at =
                as_of.with_time(time::Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + time::Duration::hours(12);
            let actor = Actor { login: format!("tp.{}", province.code.as_str().to_lowercase()), at };
            crate::periods::close(store, &actor, rules, province.id, month)?;
            made += 1;
        }
    }
    Ok(made)
}
