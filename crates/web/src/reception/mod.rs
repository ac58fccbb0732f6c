//! Citizen reception (tiếp công dân, issue 20 item 2): one page per unit with the period's
//! figures, the months a head fell short of the monthly reception day, the heads' schedule
//! with its forms, the sessions held (who came, about what, the result, the letters registered
//! from each). Reading: `ViewComplaints`; recording: `RecordComplaint` on the unit.

pub mod api;
pub mod book;
pub mod export;
pub mod pages;
