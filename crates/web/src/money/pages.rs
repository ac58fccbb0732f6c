//! The accountant's pages.
