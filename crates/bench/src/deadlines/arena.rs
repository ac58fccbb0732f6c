//! Every case's history in one compact arena, as `thads-bench deadlines` computes over it: the
//! histories loaded from a database or synthesised are pushed here, then read in chunks.

use thads_core::Categories;
use thads_core::lifecycle::{CaseBasis, Step};

/// Every case's history in one arena: case `i` is `steps[spans[i].0 .. spans[i].0 + spans[i].1]`.
#[derive(Default)]
pub struct Arena {
    pub bases: Vec<(CaseBasis, Categories)>,
    pub spans: Vec<(u32, u16)>,
    pub steps: Vec<Step>,
}

impl Arena {
    pub fn push(&mut self, basis: CaseBasis, categories: Categories, steps: &[Step]) {
        let start = u32::try_from(self.steps.len()).unwrap_or(u32::MAX);
        self.steps.extend_from_slice(steps);
        self.bases.push((basis, categories));
        self.spans.push((start, u16::try_from(steps.len()).unwrap_or(u16::MAX)));
    }

    pub fn len(&self) -> usize {
        self.bases.len()
    }
}
