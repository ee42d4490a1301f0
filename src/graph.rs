//! The compact graph that algorithms run on: actors as `u32` positions, arcs in compressed sparse
//! rows (CSR), with optional per-arc distances and strengths.
//!
//! A [`Graph`] is the *collapsed simple graph* of DESIGN §3: one arc per ordered pair of actors (one
//! edge per unordered pair when undirected, stored in both directions). Parallel flows are merged:
//! the smallest distance and the summed strength. Self-loops are kept, once per actor.

/// Compressed sparse rows: the neighbours of actor `v` are `targets[offsets[v]..offsets[v + 1]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    distance: Vec<f64>,
    strength: Vec<f64>,
}

impl Csr {
    fn build(n: usize, arcs: &[Arc]) -> Csr {
        let mut offsets = vec![0usize; n + 1];
        for a in arcs {
            offsets[a.from as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut next = offsets.clone();
        let mut targets = vec![0u32; arcs.len()];
        let mut distance = vec![0.0; arcs.len()];
        let mut strength = vec![0.0; arcs.len()];
        for a in arcs {
            let slot = &mut next[a.from as usize];
            targets[*slot] = a.to;
            distance[*slot] = a.distance;
            strength[*slot] = a.strength;
            *slot += 1;
        }
        Csr {
            offsets,
            targets,
            distance,
            strength,
        }
    }

    /// Neighbours of `v`.
    #[inline]
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Distances of the arcs to the neighbours of `v`, aligned with [`Csr::neighbors`].
    #[inline]
    pub fn distances(&self, v: usize) -> &[f64] {
        &self.distance[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Strengths of the arcs to the neighbours of `v`, aligned with [`Csr::neighbors`].
    #[inline]
    pub fn strengths(&self, v: usize) -> &[f64] {
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
    /// the smallest distance and the summed strength. `weighted` says whether distances are to be
    /// used by path measures (otherwise they run breadth-first). Neighbour lists come out sorted by
    /// position. O(E log E) for one sort of the arcs; the reverse adjacency is built by counting.
    pub fn from_arcs(n: usize, directed: bool, weighted: bool, mut arcs: Vec<Arc>) -> Graph {
        if !directed {
            for a in &mut arcs {
                if a.from > a.to {
                    std::mem::swap(&mut a.from, &mut a.to);
                }
            }
        }
        arcs.sort_unstable_by_key(|a| (u64::from(a.from) << 32) | u64::from(a.to));
        let mut collapsed: Vec<Arc> = Vec::with_capacity(arcs.len());
        for a in arcs {
            match collapsed.last_mut() {
                Some(last) if last.from == a.from && last.to == a.to => {
                    last.distance = last.distance.min(a.distance);
                    last.strength += a.strength;
                }
                _ => collapsed.push(a),
            }
        }
        let pairs = collapsed.len();
        if directed {
            let out = Csr::build(n, &collapsed);
            let reversed: Vec<Arc> = collapsed
                .iter()
                .map(|a| Arc {
                    from: a.to,
                    to: a.from,
                    ..*a
                })
                .collect();
            // `Csr::build` places arcs in input order, and `collapsed` is sorted by tail: each
            // reversed row comes out sorted without a sort.
            let incoming = Some(Csr::build(n, &reversed));
            Graph {
                n,
                directed,
                weighted,
                out,
                incoming,
                pairs,
            }
        } else {
            // Edges are stored (low, high). Row v gets its lower neighbours from the reversed copies,
            // in increasing order, then its higher ones (and a self-loop) from `collapsed`: sorted.
            let mut both: Vec<Arc> = collapsed
                .iter()
                .filter(|a| a.from != a.to)
                .map(|a| Arc {
                    from: a.to,
                    to: a.from,
                    ..*a
                })
                .collect();
            both.extend_from_slice(&collapsed);
            Graph {
                n,
                directed,
                weighted,
                out: Csr::build(n, &both),
                incoming: None,
                pairs,
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
