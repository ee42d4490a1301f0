//! The flows of a network, stored by column.
//!
//! A transaction network may hold millions of flows, most with only two endpoints and a weight or
//! a kind. Each flow costs 8 bytes for its endpoints (actor positions), plus 8 bytes per numeric
//! field that any flow has, 4 for the kind when any flow has one, and 4 for a link to its rarer
//! fields (unit, dates, sources, extra fields) when any flow has those. A column that no flow uses
//! is not allocated. [`super::FlowRef`] reads a flow back; [`FlowTable::write`] stores one.

use super::{Flow, IdKey, Source};
use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map, Value};

/// An endpoint whose id named no actor when the flow was stored: the low bits index
/// [`FlowTable::unresolved`]. Actor positions stay below it.
pub(crate) const UNRESOLVED: u32 = 1 << 31;

/// The bit pattern of a missing number: a NaN payload no parser produces, so that a NaN read
/// from a file (which validation rejects) is still told apart from a missing value.
const MISSING: u64 = 0x7ff8_0000_6e67_0001;

/// A column of optional numbers; empty while every value is missing.
#[derive(Debug, Clone, Default)]
struct Numbers(Vec<f64>);

impl Numbers {
    #[inline]
    fn get(&self, i: usize) -> Option<f64> {
        self.0.get(i).copied().filter(|x| x.to_bits() != MISSING)
    }

    fn set(&mut self, i: usize, len: usize, value: Option<f64>) {
        match value {
            None if self.0.is_empty() => {}
            _ => {
                self.0.resize(len, f64::from_bits(MISSING));
                self.0[i] = value.unwrap_or(f64::from_bits(MISSING));
            }
        }
    }
}

/// A column of small indices, 0 meaning none; empty while every value is none.
#[derive(Debug, Clone, Default)]
struct Links(Vec<u32>);

impl Links {
    #[inline]
    fn get(&self, i: usize) -> Option<usize> {
        match self.0.get(i).copied() {
            None | Some(0) => None,
            Some(k) => Some(k as usize - 1),
        }
    }

    fn set(&mut self, i: usize, len: usize, value: Option<usize>) {
        match value {
            None if self.0.is_empty() => {}
            _ => {
                self.0.resize(len, 0);
                self.0[i] = value.map_or(0, |k| k as u32 + 1);
            }
        }
    }
}

/// The fields of a flow that most flows lack.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FlowRare {
    pub(crate) unit: Option<String>,
    pub(crate) since: Option<String>,
    pub(crate) until: Option<String>,
    pub(crate) sources: Vec<Source>,
    pub(crate) extra: Map<String, Value>,
}

impl FlowRare {
    fn of(flow: &Flow) -> Option<FlowRare> {
        if flow.unit.is_none()
            && flow.since.is_none()
            && flow.until.is_none()
            && flow.sources.is_empty()
            && flow.extra.is_empty()
        {
            return None;
        }
        let rare = FlowRare {
            unit: flow.unit.clone(),
            since: flow.since.clone(),
            until: flow.until.clone(),
            sources: flow.sources.clone(),
            extra: flow.extra.clone(),
        };
        (rare != FlowRare::default()).then_some(rare)
    }
}

/// Flows by column (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(crate) struct FlowTable {
    from: Vec<u32>,
    to: Vec<u32>,
    /// Ids of endpoints that named no actor when stored (see [`UNRESOLVED`]).
    pub(crate) unresolved: Vec<IdKey>,
    kind: Links,
    kind_names: Vec<String>,
    kind_codes: HashMap<String, usize>,
    weight: Numbers,
    volume: Numbers,
    confidence: Numbers,
    rare_at: Links,
    rare: Vec<FlowRare>,
}

impl FlowTable {
    /// Number of flows.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.from.len()
    }

    /// The stored tail of flow `i`: an actor position, or [`UNRESOLVED`] `| k`.
    #[inline]
    pub(crate) fn from(&self, i: usize) -> u32 {
        self.from[i]
    }

    /// The stored head of flow `i`.
    #[inline]
    pub(crate) fn to(&self, i: usize) -> u32 {
        self.to[i]
    }

    /// Changes the stored endpoints of flow `i`.
    pub(crate) fn set_ends(&mut self, i: usize, from: u32, to: u32) {
        self.from[i] = from;
        self.to[i] = to;
    }

    pub(crate) fn kind(&self, i: usize) -> Option<&str> {
        self.kind.get(i).map(|k| self.kind_names[k].as_str())
    }

    pub(crate) fn weight(&self, i: usize) -> Option<f64> {
        self.weight.get(i)
    }

    pub(crate) fn volume(&self, i: usize) -> Option<f64> {
        self.volume.get(i)
    }

    pub(crate) fn confidence(&self, i: usize) -> Option<f64> {
        self.confidence.get(i)
    }

    pub(crate) fn rare(&self, i: usize) -> Option<&FlowRare> {
        self.rare_at.get(i).map(|k| &self.rare[k])
    }

    /// Appends a flow with the given stored endpoints; the ids in `flow` are not read.
    pub(crate) fn push(&mut self, from: u32, to: u32, flow: &Flow) {
        self.from.push(from);
        self.to.push(to);
        self.write(self.len() - 1, flow);
    }

    /// Overwrites every field of flow `i` but its endpoints.
    pub(crate) fn write(&mut self, i: usize, flow: &Flow) {
        let len = self.len();
        let kind = flow.kind.as_ref().map(|k| match self.kind_codes.get(k) {
            Some(&code) => code,
            None => {
                self.kind_names.push(k.clone());
                self.kind_codes.insert(k.clone(), self.kind_names.len() - 1);
                self.kind_names.len() - 1
            }
        });
        self.kind.set(i, len, kind);
        self.weight.set(i, len, flow.weight);
        self.volume.set(i, len, flow.volume);
        self.confidence.set(i, len, flow.confidence);
        let rare = FlowRare::of(flow);
        match (self.rare_at.get(i), rare) {
            (Some(k), Some(r)) => self.rare[k] = r,
            (_, None) => self.rare_at.set(i, len, None),
            (None, Some(r)) => {
                self.rare.push(r);
                self.rare_at.set(i, len, Some(self.rare.len() - 1));
            }
        }
    }

    /// Releases the spare capacity of every column (after reading a file).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.from.shrink_to_fit();
        self.to.shrink_to_fit();
        self.kind.0.shrink_to_fit();
        self.weight.0.shrink_to_fit();
        self.volume.0.shrink_to_fit();
        self.confidence.0.shrink_to_fit();
        self.rare_at.0.shrink_to_fit();
        self.rare.shrink_to_fit();
    }

    /// Reserves room for `more` flows in the endpoint columns.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.from.reserve(more);
        self.to.reserve(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_columns_are_not_allocated_and_values_round_trip() {
        let mut t = FlowTable::default();
        let mut f = Flow::new("a", "b");
        for i in 0..100 {
            t.push(0, 1, &f);
            assert_eq!(t.len(), i + 1);
        }
        assert!(t.weight.0.is_empty() && t.kind.0.is_empty() && t.rare_at.0.is_empty());
        f.weight = Some(2.5);
        f.kind = Some("gold".into());
        f.since = Some("2024".into());
        t.push(1, 0, &f);
        f.weight = Some(f64::NAN);
        t.push(1, 0, &f);
        assert_eq!(t.weight(99), None);
        assert_eq!(t.weight(100), Some(2.5));
        assert!(t.weight(101).is_some_and(f64::is_nan));
        assert_eq!(t.kind(99), None);
        assert_eq!(t.kind(100), Some("gold"));
        assert_eq!(t.rare(100).and_then(|r| r.since.as_deref()), Some("2024"));
        assert_eq!(t.kind_names.len(), 1);
        t.write(100, &Flow::new("x", "y"));
        assert_eq!(
            (t.weight(100), t.kind(100), t.rare(100).is_none()),
            (None, None, true)
        );
        assert_eq!((t.from(100), t.to(100)), (1, 0));
    }
}
