//! The compact graph that algorithms run on: actors as `u32` positions, arcs in compressed sparse
//! rows (CSR), with optional per-arc distances and strengths.
//!
//! A [`Graph`] is the *collapsed simple graph* of docs/measures.md: one arc per ordered pair of actors (one
//! edge per unordered pair when undirected, stored in both directions). Parallel flows are merged:
//! the smallest distance and the summed strength. Self-loops are kept, once per actor.

/// Compressed sparse rows: the neighbours of actor `v` are `targets[offsets[v]..offsets[v + 1]]`.
///
/// An unweighted graph stores no distances or strengths: both read as 1 from a shared run of ones
/// as long as the longest row (8 bytes per arc and direction saved twice over).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    distance: Vec<f64>,
    strength: Vec<f64>,
    /// `1.0` repeated for the longest row, when `distance` and `strength` are not stored.
    ones: Vec<f64>,
}

impl Csr {
    /// Rows from their lengths; the slots are filled by [`Csr::place`] in row order.
    fn with_degrees(degree: &[usize], weighted: bool) -> (Csr, Vec<usize>) {
        let n = degree.len();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut total = 0;
        for &d in degree {
            total += d;
            offsets.push(total);
        }
        let next = offsets[..n].to_vec();
        let (distance, strength, ones) = if weighted {
            (vec![0.0; total], vec![0.0; total], Vec::new())
        } else {
            let longest = degree.iter().copied().max().unwrap_or(0);
            (Vec::new(), Vec::new(), vec![1.0; longest])
        };
        let csr = Csr {
            offsets,
            targets: vec![0; total],
            distance,
            strength,
            ones,
        };
        (csr, next)
    }

    /// Puts arc `v → to` in the next free slot of row `v`.
    #[inline]
    fn place(&mut self, next: &mut [usize], v: u32, to: u32, distance: f64, strength: f64) {
        let slot = next[v as usize];
        next[v as usize] += 1;
        self.targets[slot] = to;
        if !self.distance.is_empty() {
            self.distance[slot] = distance;
            self.strength[slot] = strength;
        }
    }

    /// Neighbours of `v`.
    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Distances of the arcs to the neighbours of `v`, aligned with [`Csr::neighbors`] (all 1 when
    /// the graph is unweighted).
    #[inline]
    pub fn distances(&self, v: usize) -> &[f64] {
        if self.distance.is_empty() {
            return &self.ones[..self.degree(v)];
        }
        &self.distance[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Strengths of the arcs to the neighbours of `v`, aligned with [`Csr::neighbors`] (all 1 when
    /// the graph is unweighted).
    #[inline]
    pub fn strengths(&self, v: usize) -> &[f64] {
        if self.strength.is_empty() {
            return &self.ones[..self.degree(v)];
        }
        &self.strength[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Number of neighbours of `v`.
    #[inline]
    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }

    /// Number of arcs.
    pub fn arc_count(&self) -> usize {
        self.targets.len()
    }
}

/// One arc before collapsing: endpoints, distance and strength.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Tail position.
    pub from: u32,
    /// Head position.
    pub to: u32,
    /// Length for path measures (1 when unweighted).
    pub distance: f64,
    /// Weight for spectral measures (1 when unweighted).
    pub strength: f64,
}

/// The collapsed simple graph of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    n: usize,
    directed: bool,
    weighted: bool,
    out: Csr,
    incoming: Option<Csr>,
    pairs: usize,
}

impl Graph {
    /// Collapses arcs into a simple graph on `n` actors.
    ///
    /// Parallel arcs between the same ordered pair (unordered when `!directed`) become one arc with
    /// the smallest distance and the summed strength. `weighted` says whether distances and
    /// strengths are kept (otherwise path measures run breadth-first and every arc counts 1).
    /// Neighbour lists come out sorted by position. O(E log E) for one in-place sort of the arcs;
    /// the out-adjacency is then filled by counting, the arcs freed, and the in-adjacency built by
    /// transposing the out-adjacency, so no more than two copies of the arcs ever coexist.
    pub fn from_arcs(n: usize, directed: bool, weighted: bool, mut arcs: Vec<Arc>) -> Graph {
        if !directed {
            for a in &mut arcs {
                if a.from > a.to {
                    std::mem::swap(&mut a.from, &mut a.to);
                }
            }
        }
        arcs.sort_unstable_by_key(|a| (u64::from(a.from) << 32) | u64::from(a.to));
        // `dedup_by` hands over (later, kept): merge the later arc into the kept one.
        arcs.dedup_by(|later, kept| {
            let same = later.from == kept.from && later.to == kept.to;
            if same {
                kept.distance = kept.distance.min(later.distance);
                kept.strength += later.strength;
            }
            same
        });
        let pairs = arcs.len();
        let out = Self::out_from_sorted(n, directed, weighted, arcs.iter().copied());
        drop(arcs);
        Self::with_out(n, directed, weighted, pairs, out)
    }

    /// Collapses unweighted arcs, given as (tail, head) pairs, into a simple graph on `n` actors:
    /// as [`Graph::from_arcs`] with every distance and strength 1, at 8 bytes per arc while building.
    pub fn from_pairs(n: usize, directed: bool, mut pairs: Vec<(u32, u32)>) -> Graph {
        if !directed {
            for p in &mut pairs {
                if p.0 > p.1 {
                    *p = (p.1, p.0);
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let count = pairs.len();
        let arcs = pairs.iter().map(|&(from, to)| Arc {
            from,
            to,
            distance: 1.0,
            strength: 1.0,
        });
        let out = Self::out_from_sorted(n, directed, false, arcs);
        drop(pairs);
        Self::with_out(n, directed, false, count, out)
    }

    /// Builds the out-adjacency (both directions when undirected) from distinct arcs sorted by
    /// (tail, head) — (low, high) when undirected — by counting. Rows come out sorted: arcs arrive
    /// in increasing tail order, and an undirected row `v` gets its lower neighbours (from earlier
    /// edges) before its higher ones.
    fn out_from_sorted(
        n: usize,
        directed: bool,
        weighted: bool,
        arcs: impl Iterator<Item = Arc> + Clone,
    ) -> Csr {
        let mut degree = vec![0usize; n];
        for a in arcs.clone() {
            degree[a.from as usize] += 1;
            if !directed && a.from != a.to {
                degree[a.to as usize] += 1;
            }
        }
        let (mut out, mut next) = Csr::with_degrees(&degree, weighted);
        drop(degree);
        for a in arcs {
            out.place(&mut next, a.from, a.to, a.distance, a.strength);
            if !directed && a.from != a.to {
                out.place(&mut next, a.to, a.from, a.distance, a.strength);
            }
        }
        out
    }

    /// Assembles a graph from its out-adjacency, building the in-adjacency of a directed graph by
    /// transposing it (rows come out sorted: the tails are visited in increasing order). Called
    /// once the arcs the out-adjacency was built from are freed, so the two never coexist with them.
    fn with_out(n: usize, directed: bool, weighted: bool, pairs: usize, out: Csr) -> Graph {
        let incoming = directed.then(|| {
            let mut degree = vec![0usize; n];
            for &w in &out.targets {
                degree[w as usize] += 1;
            }
            let (mut inc, mut next) = Csr::with_degrees(&degree, weighted);
            drop(degree);
            for v in 0..n {
                let row = out.offsets[v]..out.offsets[v + 1];
                for k in row {
                    let (d, s) = if weighted {
                        (out.distance[k], out.strength[k])
                    } else {
                        (1.0, 1.0)
                    };
                    inc.place(&mut next, out.targets[k], v as u32, d, s);
                }
            }
            inc
        });
        Graph {
            n,
            directed,
            weighted,
            out,
            incoming,
            pairs,
        }
    }

    /// Sets every arc's distance to 1 / its (summed) strength, in both adjacencies: `--strength`
    /// reads a volume as a closeness, and a collapsed arc is as close as its parallel flows together.
    pub fn set_inverse_strength_distances(&mut self) {
        for csr in std::iter::once(&mut self.out).chain(self.incoming.as_mut()) {
            for (d, s) in csr.distance.iter_mut().zip(&csr.strength) {
                *d = 1.0 / s;
            }
        }
    }

    /// Number of actors.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Whether arcs have a direction.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Whether path measures use the distances (Dijkstra) rather than hop counts (BFS).
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    /// Number of distinct arcs (ordered pairs) or edges (unordered pairs), self-loops included.
    pub fn pair_count(&self) -> usize {
        self.pairs
    }

    /// Out-neighbours (all neighbours when undirected).
    pub fn out(&self) -> &Csr {
        &self.out
    }

    /// In-neighbours (all neighbours when undirected).
    pub fn incoming(&self) -> &Csr {
        self.incoming.as_ref().unwrap_or(&self.out)
    }

    /// The same graph with every arc reversed (itself when undirected).
    pub fn reversed(&self) -> Graph {
        let mut g = self.clone();
        if let Some(inc) = g.incoming.take() {
            g.incoming = Some(std::mem::replace(&mut g.out, inc));
        }
        g
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Asserts two score vectors agree within 1e-12 (undefined scores, NaN, agree with NaN).
    pub(crate) fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len(), "{a:?} != {b:?}");
        for (x, y) in a.iter().zip(b) {
            assert!(
                (x.is_nan() && y.is_nan()) || (x - y).abs() < 1e-12,
                "{a:?} != {b:?}"
            );
        }
    }

    /// A small seeded generator for random test graphs: `next(m)` is in 0..m (a 64-bit LCG).
    pub(crate) fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |m| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % m
        }
    }

    /// Builds an unweighted graph from position pairs.
    pub(crate) fn graph(n: usize, directed: bool, edges: &[(u32, u32)]) -> Graph {
        let arcs = edges
            .iter()
            .map(|&(from, to)| Arc {
                from,
                to,
                distance: 1.0,
                strength: 1.0,
            })
            .collect();
        Graph::from_arcs(n, directed, false, arcs)
    }

    /// Two undirected stars (centres 0 and 5, leaves 1–4 and 6–9) joined by the edge 0–5.
    pub(crate) fn two_stars() -> Graph {
        graph(
            10,
            false,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (0, 4),
                (0, 5),
                (5, 6),
                (5, 7),
                (5, 8),
                (5, 9),
            ],
        )
    }

    /// Builds a weighted graph (distance = strength = w).
    pub(crate) fn weighted(n: usize, directed: bool, edges: &[(u32, u32, f64)]) -> Graph {
        let arcs = edges
            .iter()
            .map(|&(from, to, w)| Arc {
                from,
                to,
                distance: w,
                strength: w,
            })
            .collect();
        Graph::from_arcs(n, directed, true, arcs)
    }

    #[test]
    fn parallel_arcs_collapse_to_min_distance_and_summed_strength() {
        let g = weighted(
            3,
            true,
            &[(0, 1, 3.0), (0, 1, 2.0), (1, 0, 5.0), (2, 2, 1.0)],
        );
        assert_eq!(g.pair_count(), 3);
        assert_eq!(g.out().neighbors(0), &[1]);
        assert_eq!(g.out().distances(0), &[2.0]);
        assert_eq!(g.out().strengths(0), &[5.0]);
        assert_eq!(g.incoming().neighbors(0), &[1]);
        assert_eq!(g.incoming().distances(0), &[5.0]);
        assert_eq!(g.out().neighbors(2), &[2]);
    }

    #[test]
    fn neighbour_lists_are_sorted() {
        let edges = [
            (3, 1),
            (0, 3),
            (2, 3),
            (3, 0),
            (1, 2),
            (3, 3),
            (0, 1),
            (2, 0),
        ];
        for directed in [true, false] {
            let g = graph(4, directed, &edges);
            for v in 0..4 {
                for csr in [g.out(), g.incoming()] {
                    let row = csr.neighbors(v);
                    assert!(
                        row.windows(2).all(|w| w[0] < w[1]),
                        "{directed} {v}: {row:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn undirected_edges_are_stored_both_ways_and_loops_once() {
        let g = graph(3, false, &[(0, 1), (1, 0), (2, 1), (2, 2)]);
        assert_eq!(g.pair_count(), 3);
        assert_eq!(g.out().neighbors(1), &[0, 2]);
        assert_eq!(g.out().neighbors(2), &[1, 2]);
        assert_eq!(g.incoming(), g.out());
        assert_eq!(g.reversed(), g);
    }
}
