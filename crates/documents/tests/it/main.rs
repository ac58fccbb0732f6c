//! Integration tests of thads-documents: golden text of every built-in template under both
//! regimes (PDF through poppler's pdftotext, DOCX through its document.xml), template checks,
//! amounts in words, bulk output.

mod bulk;
mod fixture;
mod golden;
mod output;
mod templates;
mod words;
