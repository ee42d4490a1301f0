//! What Louvain and Leiden share: the weighted undirected graph they coarsen, modularity, and
//! aggregation of a partition into a smaller graph.
//!
//! Modularity with resolution γ (Newman & Girvan 2004; Reichardt & Bornholdt 2006), as NetworkX's
//! `modularity`: Q = Σ_c [L_c / m − γ (d_c / 2m)²], L_c the weight of the ties inside c (a
//! self-loop counted once), d_c the summed weighted degrees of c's members (a self-loop counts twice),
//! m the total weight. A graph without ties has no modularity (NaN).

use crate::graph::Graph;

/// A weighted undirected graph without parallel ties: rows of (neighbour, weight) without the
/// self-loops, which are kept apart as a weight per node.
#[derive(Debug, Clone, PartialEq)]
pub struct WGraph {
    offsets: Vec<usize>,
    nbr: Vec<u32>,
    w: Vec<f64>,
    /// Self-loop weight of every node.
    pub loops: Vec<f64>,
    /// Weighted degree of every node (a self-loop counts twice).
    pub k: Vec<f64>,
    /// Twice the total weight: Σ k.
    pub m2: f64,
}

impl WGraph {
    /// The undirected view of `g`: ties weighted by their strength (1 when `g` is unweighted). A
    /// directed graph's two arcs between a pair are one tie with their strengths summed (1 when
    /// unweighted). O(V + E).
    pub fn from_graph(g: &Graph) -> WGraph {
        let ties = super::ties::Ties::new(g);
        let n = g.n();
        let mut out = WGraph {
            offsets: Vec::with_capacity(n + 1),
            nbr: Vec::new(),
            w: Vec::new(),
            loops: vec![0.0; n],
            k: vec![0.0; n],
            m2: 0.0,
        };
        out.offsets.push(0);
        for v in 0..n {
            for slot in ties.row(v) {
                let u = ties.neighbor(slot);
                let w = if !g.is_weighted() {
                    1.0
                } else if g.is_directed() {
                    ties.mutual(slot)
                } else {
                    ties.out(slot)
                };
                if u == v {
                    // A directed self-loop is one arc: its weight once.
                    out.loops[v] = if g.is_weighted() { ties.out(slot) } else { 1.0 };
                } else {
                    out.nbr.push(u as u32);
                    out.w.push(w);
                }
            }
            out.offsets.push(out.nbr.len());
        }
        out.finish();
        out
    }

    fn finish(&mut self) {
        for v in 0..self.n() {
            self.k[v] = self.row(v).map(|(_, w)| w).sum::<f64>() + 2.0 * self.loops[v];
        }
        self.m2 = self.k.iter().sum();
    }

    /// Number of nodes.
    pub fn n(&self) -> usize {
        self.loops.len()
    }

    /// The neighbours of `v` (itself excluded) with the tie weights.
    pub fn row(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[v]..self.offsets[v + 1];
        self.nbr[r.clone()]
            .iter()
            .zip(&self.w[r])
            .map(|(&u, &w)| (u as usize, w))
    }

    /// The graph whose nodes are the `count` groups of `label` (numbered 0..count): ties between
    /// groups summed, ties inside a group turned into its self-loop. O(E log E).
    pub fn aggregate(&self, label: &[u32], count: usize) -> WGraph {
        let mut loops = vec![0.0; count];
        let mut arcs: Vec<(u32, u32, f64)> = Vec::with_capacity(self.nbr.len());
        for v in 0..self.n() {
            let c = label[v];
            loops[c as usize] += self.loops[v];
            for (u, w) in self.row(v) {
                let d = label[u];
                if d == c {
                    // Seen from both ends: half each time.
                    loops[c as usize] += w / 2.0;
                } else {
                    arcs.push((c, d, w));
                }
            }
        }
        arcs.sort_unstable_by_key(|a| (a.0, a.1));
        let mut out = WGraph {
            offsets: Vec::with_capacity(count + 1),
            nbr: Vec::new(),
            w: Vec::new(),
            loops,
            k: vec![0.0; count],
            m2: 0.0,
        };
        out.offsets.push(0);
        let mut i = 0;
        for c in 0..count as u32 {
            while i < arcs.len() && arcs[i].0 == c {
                let d = arcs[i].1;
                let mut w = 0.0;
                while i < arcs.len() && arcs[i].0 == c && arcs[i].1 == d {
                    w += arcs[i].2;
                    i += 1;
                }
                out.nbr.push(d);
                out.w.push(w);
            }
            out.offsets.push(out.nbr.len());
        }
        out.finish();
        out
    }
}

/// Renumbers labels 0.. in order of first appearance; returns the number of groups.
pub fn compact(label: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; label.len()];
    let mut count = 0u32;
    for l in label.iter_mut() {
        let slot = &mut map[*l as usize];
        if *slot == u32::MAX {
            *slot = count;
            count += 1;
        }
        *l = *slot;
    }
    count as usize
}

/// Modularity of a partition (labels below `g.n()`) with resolution `gamma`; NaN without ties.
pub fn modularity(g: &WGraph, label: &[u32], gamma: f64) -> f64 {
    if g.m2 <= 0.0 {
        return f64::NAN;
    }
    let n = g.n();
    let mut inside = vec![0.0; n];
    let mut total = vec![0.0; n];
    for v in 0..n {
        let c = label[v] as usize;
        total[c] += g.k[v];
        inside[c] += 2.0 * g.loops[v];
        for (u, w) in g.row(v) {
            if label[u] as usize == c {
                inside[c] += w;
            }
        }
    }
    inside
        .iter()
        .zip(&total)
        .map(|(i, t)| i / g.m2 - gamma * (t / g.m2) * (t / g.m2))
        .sum()
}

/// The weight from `v` to each neighbouring community, gathered in a reusable scratch.
pub struct Neighbourhood {
    weight: Vec<f64>,
    met: Vec<bool>,
    /// The communities met, in order of first meeting.
    pub seen: Vec<u32>,
}

impl Neighbourhood {
    /// Scratch for labels below `n`.
    pub fn new(n: usize) -> Self {
        Neighbourhood {
            weight: vec![0.0; n],
            met: vec![false; n],
            seen: Vec::new(),
        }
    }

    /// Gathers the weights from `v` to the communities of its neighbours; `keep(u)` filters them.
    pub fn gather(&mut self, g: &WGraph, v: usize, label: &[u32], keep: impl Fn(usize) -> bool) {
        for &c in &self.seen {
            self.weight[c as usize] = 0.0;
            self.met[c as usize] = false;
        }
        self.seen.clear();
        for (u, w) in g.row(v) {
            if !keep(u) {
                continue;
            }
            let c = label[u];
            if !self.met[c as usize] {
                self.met[c as usize] = true;
                self.seen.push(c);
            }
            self.weight[c as usize] += w;
        }
    }

    /// Weight from the last gathered node to community `c`.
    pub fn to(&self, c: u32) -> f64 {
        self.weight[c as usize]
    }
}

/// Moving single nodes between communities to raise modularity: the step Louvain and Leiden share.
///
/// The gain of putting a lone node v into community c is proportional to
/// w(v, c) − γ k_v tot_c / 2m; staying alone gains 0. A move is taken only when it beats staying
/// by more than a relative 1e-12, so rounding cannot make nodes oscillate.
pub struct Mover {
    tot: Vec<f64>,
    size: Vec<usize>,
    empty: Vec<u32>,
    nb: Neighbourhood,
    gamma: f64,
}

impl Mover {
    /// State for `part` (labels below `g.n()`).
    pub fn new(g: &WGraph, part: &[u32], gamma: f64) -> Mover {
        let n = g.n();
        let mut tot = vec![0.0; n];
        let mut size = vec![0usize; n];
        for v in 0..n {
            tot[part[v] as usize] += g.k[v];
            size[part[v] as usize] += 1;
        }
        let empty = (0..n as u32)
            .rev()
            .filter(|&c| size[c as usize] == 0)
            .collect();
        Mover {
            tot,
            size,
            empty,
            nb: Neighbourhood::new(n),
            gamma,
        }
    }

    /// Moves `v` to its best community (a neighbour's, or an empty one when `allow_empty` and
    /// every other choice loses); returns the rise in modularity, 0 when it stays.
    pub fn move_node(&mut self, g: &WGraph, v: usize, part: &mut [u32], allow_empty: bool) -> f64 {
        let c0 = part[v];
        self.nb.gather(g, v, part, |_| true);
        let kv = g.k[v];
        self.tot[c0 as usize] -= kv;
        self.size[c0 as usize] -= 1;
        let scale = self.gamma * kv / g.m2;
        let gain = |me: &Mover, c: u32| me.nb.to(c) - scale * me.tot[c as usize];
        let stay = gain(self, c0);
        let tol = 1e-12 * (stay.abs() + kv);
        let (mut best, mut best_gain) = (c0, stay + tol);
        for &c in &self.nb.seen {
            let x = gain(self, c);
            if x > best_gain {
                best = c;
                best_gain = x;
            }
        }
        if self.size[c0 as usize] == 0 {
            self.empty.push(c0);
        }
        if allow_empty
            && best_gain < -tol
            && let Some(&e) = self.empty.last()
        {
            best = e;
            best_gain = 0.0;
        }
        if self.size[best as usize] == 0
            && let Some(at) = self.empty.iter().rposition(|&e| e == best)
        {
            self.empty.swap_remove(at);
        }
        self.tot[best as usize] += kv;
        self.size[best as usize] += 1;
        part[v] = best;
        if best == c0 {
            0.0
        } else {
            2.0 * (best_gain - stay) / g.m2
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::tests::{graph, weighted};

    /// Two triangles 0-1-2 and 3-4-5 joined by 2-3.
    pub(crate) fn two_triangles() -> WGraph {
        WGraph::from_graph(&graph(
            6,
            false,
            &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)],
        ))
    }

    #[test]
    fn modularity_by_hand() {
        // m = 7. Each triangle: L = 3, d = 7: Q = 2 (3/7 − (7/14)²) = 6/7 − 1/2.
        let g = two_triangles();
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0);
        assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-15);
        // Everyone together: Q = 1 − 1 = 0.
        assert!(modularity(&g, &[0; 6], 1.0).abs() < 1e-15);
        assert!(modularity(&WGraph::from_graph(&graph(2, false, &[])), &[0, 1], 1.0).is_nan());
    }

    #[test]
    fn aggregation_keeps_modularity() {
        let g = WGraph::from_graph(&weighted(
            5,
            true,
            &[
                (0, 1, 2.0),
                (1, 0, 1.0),
                (1, 2, 1.0),
                (3, 4, 5.0),
                (2, 3, 1.0),
                (4, 4, 2.0),
            ],
        ));
        // 0 ⇄ 1 is one tie of weight 3; the loop on 4 weighs 2.
        assert_eq!(g.row(0).collect::<Vec<_>>(), [(1, 3.0)]);
        assert_eq!((g.loops[4], g.k[4]), (2.0, 9.0));
        let label = [0, 0, 1, 1, 1];
        let a = g.aggregate(&label, 2);
        assert_eq!(a.loops, [3.0, 8.0]);
        assert_eq!(a.m2, g.m2);
        let q = modularity(&g, &label, 1.3);
        assert!((modularity(&a, &[0, 1], 1.3) - q).abs() < 1e-15);
    }
}
