//! The reception book (sổ tiếp công dân) of a unit's scope and period, read once for the API
//! (`GET /api/v1/reception`) and the export (`GET /reception/export`): the figures, the months a
//! head fell short, the sessions held in the period and the heads' schedule of the year.

use thads_app::reception::{ReceptionFigures, figures, sessions_of};
use thads_core::Unit;
use thads_store::{ScheduledDay, SessionRow};

use super::pages::heads_of;
use crate::complaints::period::{Asked, PeriodQuery};
use crate::error::WebError;
use crate::state::AppState;

/// A unit's reception in a period.
pub struct Book {
    pub asked: Asked,
    pub figures: ReceptionFigures,
    /// Held in the period, by date.
    pub sessions: Vec<SessionRow>,
    /// Scheduled from the period's first day to a year later, by date.
    pub schedule: Vec<ScheduledDay>,
}

/// The book of `unit`'s scope for the period asked (`PeriodQuery`: a bad year or month is 400).
pub async fn load(state: &AppState, unit: &Unit, p: &PeriodQuery) -> Result<Book, WebError> {
    let today = state.today();
    let asked = p.asked(today)?;
    let period = asked.period;
    let heads = heads_of(state, unit);
    let id = unit.id;
    let (figures, sessions, schedule) = state
        .blocking(move |s| {
            let scope = s.directory().units.scope(id);
            let f = figures(s.store.as_ref(), &scope, &heads, period, today)?;
            let mut sessions: Vec<SessionRow> = sessions_of(s.store.as_ref(), &scope)?
                .into_iter()
                .filter(|x| period.contains(x.session.date))
                .collect();
            sessions.sort_by_key(|x| (x.session.date, x.id.0));
            let until = period.from().replace_year(period.from().year() + 1).unwrap_or(period.to());
            let mut schedule: Vec<ScheduledDay> = s
                .store
                .reception_schedule()?
                .into_iter()
                .filter(|d| scope.contains(&d.unit) && d.date >= period.from() && d.date <= until)
                .collect();
            schedule.sort_by_key(|d| (d.date, d.head.0));
            Ok((f, sessions, schedule))
        })
        .await?;
    Ok(Book { asked, figures, sessions, schedule })
}
