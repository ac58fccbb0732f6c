//! The 2025 reform as data (placeholder, filled below).
