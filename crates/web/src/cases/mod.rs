//! Cases: the case list and the case page, the API's case handlers, and what they share — the
//! list's parameters and lines (`listing`), a case as it is read (`view`: facts, money, the
//! timeline, the events its state allows) and the changes a person makes to it (`changes`:
//! recording, correcting and voiding records, followed by the statistics engine). Taking a case
//! in (`intake`: form and `POST /api/v1/cases`) and changing its facts (`edit`: edit form,
//! reassignment, `PATCH /api/v1/cases/{id}`) read what was typed through `facts`.

pub mod api;
pub mod changes;
pub mod edit;
pub mod facts;
pub mod intake;
pub mod listing;
pub mod lookup;
pub mod pages;
pub mod view;
