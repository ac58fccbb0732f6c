//! Cases: the case list and the case page, the API's case handlers, and what they share — the
//! list's parameters and lines (`listing`), a case as it is read (`view`: facts, money, the
//! timeline, the events its state allows) and the changes a person makes to it (`changes`:
//! recording, correcting and voiding records, followed by the statistics engine).

pub mod api;
pub mod changes;
pub mod listing;
pub mod pages;
pub mod view;
