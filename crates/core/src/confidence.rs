//! How sure the team is of a rule (the labels of `domain.md`). Every rule kept as data carries
//! one beside its citation: the lifecycle and classification rules, the deadlines, the
//! calendar, money, assets and the other registers. A leaf: it reads no other module, so any
//! module may read it without being drawn into another's knot.

use serde::{Deserialize, Serialize};

/// How sure the team is of a rule (domain.md labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// [C] a cited source states it.
    Confirmed,
    /// [I] inferred; verify before relying on it.
    Inferred,
    /// [U] unconfirmed; must be checked against the official text.
    Unconfirmed,
}
