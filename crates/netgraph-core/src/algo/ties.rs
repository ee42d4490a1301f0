//! Ties: the undirected view of a graph that the structural measures read — for each actor, every
//! actor it is linked to in either direction, with the strength of the arc each way.
//!
//! Row `v` lists the distinct `u` with an arc `v → u` or `u → v` (sorted by position; a self-loop
//! lists `v` itself), with `out` = strength of `v → u` and `inc` = strength of `u → v` (0 when
//! the arc is absent) and two presence bits. On an undirected graph both are the edge's strength;
//! a self-loop has both arcs. Strengths are the graph's (summed) strengths when it is weighted,
//! else 1. Built by merging each actor's sorted out- and in-rows: O(V + E) time and memory.

use crate::graph::Graph;

/// An arc `v → u` exists.
pub const OUT: u8 = 1;
/// An arc `u → v` exists.
pub const IN: u8 = 2;

/// The undirected view with the strength of both directions (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub struct Ties {
    offsets: Vec<usize>,
    nbr: Vec<u32>,
    out: Vec<f64>,
    inc: Vec<f64>,
    dir: Vec<u8>,
    directed: bool,
}

impl Ties {
    /// The ties of `g`. O(V + E).
    pub fn new(g: &Graph) -> Ties {
        let n = g.n();
        let weighted = g.is_weighted();
        let w = |x: f64| if weighted { x } else { 1.0 };
        let mut t = Ties {
            offsets: Vec::with_capacity(n + 1),
            nbr: Vec::with_capacity(g.out().arc_count() * if g.is_directed() { 2 } else { 1 }),
            out: Vec::new(),
            inc: Vec::new(),
            dir: Vec::new(),
            directed: g.is_directed(),
        };
        t.offsets.push(0);
        for v in 0..n {
            let (on, os) = (g.out().neighbors(v), g.out().strengths(v));
            if !g.is_directed() {
                for (&u, &s) in on.iter().zip(os) {
                    t.push(u, w(s), w(s), OUT | IN);
                }
            } else {
                let (inn, is) = (g.incoming().neighbors(v), g.incoming().strengths(v));
                let (mut a, mut b) = (0, 0);
                while a < on.len() || b < inn.len() {
                    let ua = on.get(a).copied().unwrap_or(u32::MAX);
                    let ub = inn.get(b).copied().unwrap_or(u32::MAX);
                    if ua == ub {
                        t.push(ua, w(os[a]), w(is[b]), OUT | IN);
                        a += 1;
                        b += 1;
                    } else if ua < ub {
                        t.push(ua, w(os[a]), 0.0, OUT);
                        a += 1;
                    } else {
                        t.push(ub, 0.0, w(is[b]), IN);
                        b += 1;
                    }
                }
            }
            t.offsets.push(t.nbr.len());
        }
        t
    }

    fn push(&mut self, u: u32, out: f64, inc: f64, dir: u8) {
        self.nbr.push(u);
        self.out.push(out);
        self.inc.push(inc);
        self.dir.push(dir);
    }

    /// Number of actors.
    pub fn n(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the graph the ties come from is directed.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The slots of row `v` (indices into [`Ties::neighbor`] and friends).
    #[inline]
    pub fn row(&self, v: usize) -> std::ops::Range<usize> {
        self.offsets[v]..self.offsets[v + 1]
    }

    /// The actors tied to `v` (itself included when it has a self-loop), sorted.
    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.nbr[self.row(v)]
    }

    /// The actor in slot `k`.
    #[inline]
    pub fn neighbor(&self, k: usize) -> usize {
        self.nbr[k] as usize
    }

    /// Strength of the arc from the row's actor to the slot's actor (0 when absent).
    #[inline]
    pub fn out(&self, k: usize) -> f64 {
        self.out[k]
    }

    /// Strength of the arc from the slot's actor to the row's actor (0 when absent).
    #[inline]
    pub fn inc(&self, k: usize) -> f64 {
        self.inc[k]
    }

    /// Which arcs exist between the row's actor and the slot's: [`OUT`], [`IN`] or both.
    #[inline]
    pub fn dir(&self, k: usize) -> u8 {
        self.dir[k]
    }

    /// Burt's mutual weight of the slot: a_vu + a_uv (twice the strength on an undirected graph).
    #[inline]
    pub fn mutual(&self, k: usize) -> f64 {
        self.out[k] + self.inc[k]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn directed_rows_merge_both_directions() {
        let g = weighted(
            4,
            true,
            &[
                (0, 1, 2.0),
                (1, 0, 3.0),
                (2, 0, 5.0),
                (0, 3, 7.0),
                (0, 0, 1.0),
            ],
        );
        let t = Ties::new(&g);
        assert_eq!(t.neighbors(0), &[0, 1, 2, 3]);
        let r: Vec<(f64, f64, u8)> = t.row(0).map(|k| (t.out(k), t.inc(k), t.dir(k))).collect();
        assert_eq!(
            r,
            [
                (1.0, 1.0, OUT | IN),
                (2.0, 3.0, OUT | IN),
                (0.0, 5.0, IN),
                (7.0, 0.0, OUT)
            ]
        );
        assert_eq!(t.neighbors(2), &[0]);
        assert_eq!(t.mutual(t.row(2).start), 5.0);
    }

    #[test]
    fn undirected_rows_count_each_edge_both_ways() {
        let t = Ties::new(&graph(3, false, &[(0, 1), (2, 1), (2, 2)]));
        assert_eq!(t.neighbors(1), &[0, 2]);
        assert_eq!(t.neighbors(2), &[1, 2]);
        assert!(t.row(1).all(|k| t.mutual(k) == 2.0 && t.dir(k) == OUT | IN));
    }
}
