//! Single-source shortest paths: breadth-first search for hop counts, Dijkstra with a monotone radix
//! heap for positive distances; optionally counting shortest paths (σ) for Brandes.
//!
//! One [`ShortestPaths`] holds reusable buffers, so running it from every source allocates once.
//! [`ShortestPaths::run_to`] stops once one target is settled (pair searches: approximate
//! betweenness, a single shortest path). Complexity per source: O(V + E) breadth-first,
//! O((V + E) log V) with distances; an early stop visits only the actors closer than the target
//! (and, breadth-first, those at the target's own level).

use crate::graph::{Csr, Graph};

/// Reusable single-source shortest-path state.
#[derive(Debug, Clone)]
pub struct ShortestPaths {
    /// Distance from the source; `f64::INFINITY` when unreached.
    pub dist: Vec<f64>,
    /// Number of shortest paths from the source (when counted).
    pub sigma: Vec<f64>,
    /// Reached actors in order of non-decreasing distance, the source first.
    pub order: Vec<u32>,
    heap: Heap,
}

impl ShortestPaths {
    /// Buffers for a graph of `n` actors.
    pub fn new(n: usize) -> Self {
        ShortestPaths {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: Heap::new(n),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v as usize] = f64::INFINITY;
            self.sigma[v as usize] = 0.0;
            self.heap.slot[v as usize] = ABSENT;
        }
        self.order.clear();
    }

    /// Shortest paths from `source` along the arcs of `adj`: hop counts when `weighted` is false,
    /// else the arcs' distances (all positive). Counts shortest paths in `sigma` when `count`.
    pub fn run(&mut self, adj: &Csr, weighted: bool, source: usize, count: bool) {
        self.reset();
        if weighted {
            self.dijkstra(adj, source, count, None);
        } else {
            self.bfs(adj, source, count, None);
        }
    }

    /// Like [`run`](Self::run), but stops as soon as `target` is settled; returns whether it is
    /// reachable. Then `dist` and (with `count`) `sigma` are final for `target` and for every actor
    /// closer to the source than it — every actor that can precede `target` on a shortest path —
    /// and infinite for actors not reached. Breadth-first, actors at the target's level are in
    /// `order` with their distance but possibly a partial `sigma`; with distances, `order` holds
    /// exactly the settled actors and every other one is left unreached.
    pub fn run_to(
        &mut self,
        adj: &Csr,
        weighted: bool,
        source: usize,
        target: usize,
        count: bool,
    ) -> bool {
        self.reset();
        if weighted {
            self.dijkstra(adj, source, count, Some(target));
        } else {
            self.bfs(adj, source, count, Some(target));
        }
        self.dist[target].is_finite()
    }

    /// Breadth-first; `order` doubles as the queue. With a target, stops when the first actor at
    /// the target's level is dequeued: every actor of the level before has then passed its path
    /// count on.
    fn bfs(&mut self, adj: &Csr, source: usize, count: bool, target: Option<usize>) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.order.push(source as u32);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let v = v as usize;
            if let Some(t) = target
                && self.dist[v] >= self.dist[t]
            {
                return;
            }
            let next = self.dist[v] + 1.0;
            for &w in adj.neighbors(v) {
                let w = w as usize;
                if self.dist[w] == f64::INFINITY {
                    self.dist[w] = next;
                    self.order.push(w as u32);
                }
                if count && self.dist[w] == next {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    /// Dijkstra with a monotone radix heap. Every actor reached is settled in the end (an early
    /// stop at `target` unqueues the others), so `reset` clears exactly what a run touched.
    fn dijkstra(&mut self, adj: &Csr, source: usize, count: bool, target: Option<usize>) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.heap.set(source as u32, 0.0);
        while let Some(v) = self.heap.pop() {
            self.order.push(v);
            let v = v as usize;
            if Some(v) == target {
                self.heap.drain(|w| {
                    self.dist[w as usize] = f64::INFINITY;
                    self.sigma[w as usize] = 0.0;
                });
                return;
            }
            let dv = self.dist[v];
            for (&w, &d) in adj.neighbors(v).iter().zip(adj.distances(v)) {
                let candidate = dv + d;
                let dw = &mut self.dist[w as usize];
                if candidate < *dw {
                    *dw = candidate;
                    if count {
                        self.sigma[w as usize] = self.sigma[v];
                    }
                    self.heap.set(w, candidate);
                } else if count && candidate == *dw && self.heap.slot[w as usize] != SETTLED {
                    self.sigma[w as usize] += self.sigma[v];
                }
            }
        }
    }
}

/// `Heap::slot` of an actor never pushed since the last reset.
const ABSENT: u32 = u32::MAX;
/// `Heap::slot` of an actor popped (settled) since the last reset.
const SETTLED: u32 = u32::MAX - 1;

/// Monotone radix heap of actors keyed by distance (Ahuja, Mehlhorn, Orlin & Tarjan 1990, "Faster
/// algorithms for the shortest path problem", J. ACM 37(2)). Keys are non-negative finite distances,
/// compared through their bit patterns, which order such floats as integers; Dijkstra never inserts a
/// key below the last one popped, so an item lives in the bucket of the highest bit in which its key
/// differs from that last key, and moves only to lower buckets. An actor may be inserted several
/// times (once per improvement); its first pop is at its smallest key, later copies are skipped.
#[derive(Debug, Clone)]
struct Heap {
    /// Bucket b holds keys whose highest bit differing from `last` is bit b − 1 (bucket 0: equal).
    buckets: Vec<Vec<(u64, u32)>>,
    /// The last key popped (0 at the start of a run).
    last: u64,
    /// Per actor: [`ABSENT`], [`SETTLED`], or anything else while queued.
    slot: Vec<u32>,
}

impl Heap {
    fn new(n: usize) -> Heap {
        Heap {
            buckets: vec![Vec::new(); 65],
            last: 0,
            slot: vec![ABSENT; n],
        }
    }

    fn bucket(&self, key: u64) -> usize {
        64 - (key ^ self.last).leading_zeros() as usize
    }

    /// Queues `v` at distance `d` (not below the last distance popped).
    fn set(&mut self, v: u32, d: f64) {
        let key = d.to_bits();
        let b = self.bucket(key);
        self.buckets[b].push((key, v));
        self.slot[v as usize] = 0;
    }

    /// Empties the heap, marking the actors still queued (not settled) absent and passing each
    /// to `unqueued` once; stale copies of settled actors are dropped. Ready for the next run.
    fn drain(&mut self, mut unqueued: impl FnMut(u32)) {
        for bucket in &mut self.buckets {
            for (_, v) in bucket.drain(..) {
                let slot = &mut self.slot[v as usize];
                if *slot != SETTLED && *slot != ABSENT {
                    *slot = ABSENT;
                    unqueued(v);
                }
            }
        }
        self.last = 0;
    }

    /// The queued actor with the smallest distance, now settled; `None` when the queue is empty
    /// (and ready for the next run).
    fn pop(&mut self) -> Option<u32> {
        loop {
            while let Some((_, v)) = self.buckets[0].pop() {
                if self.slot[v as usize] != SETTLED {
                    self.slot[v as usize] = SETTLED;
                    return Some(v);
                }
            }
            let Some(i) = (1..self.buckets.len()).find(|&i| !self.buckets[i].is_empty()) else {
                self.last = 0;
                return None;
            };
            let mut items = std::mem::take(&mut self.buckets[i]);
            self.last = items.iter().map(|&(k, _)| k).min().unwrap_or(self.last);
            for &(key, v) in &items {
                let b = self.bucket(key);
                self.buckets[b].push((key, v));
            }
            items.clear();
            self.buckets[i] = items;
        }
    }
}

/// One shortest path from `source` to `target` as actor positions (both ends included), or `None`
/// when `target` is unreachable. Among equally short paths, each step back from the target takes
/// the predecessor with the smallest position, so the answer is deterministic.
///
/// Hop counts when the graph is unweighted, its distances otherwise (all positive).
/// O(V + E) unweighted, O((V + E) log V) with distances.
pub fn shortest_path(g: &Graph, source: usize, target: usize) -> Option<Vec<usize>> {
    let mut sp = ShortestPaths::new(g.n());
    if !sp.run_to(g.out(), g.is_weighted(), source, target, false) {
        return None;
    }
    let mut path = vec![target];
    let mut w = target;
    while w != source {
        let incoming = g.incoming();
        let step = |len: f64| if g.is_weighted() { len } else { 1.0 };
        w = incoming
            .neighbors(w)
            .iter()
            .zip(incoming.distances(w))
            .filter(|&(&v, &len)| v as usize != w && sp.dist[v as usize] + step(len) == sp.dist[w])
            .map(|(&v, _)| v as usize)
            .min()?;
        path.push(w);
    }
    path.reverse();
    Some(path)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn bfs_counts_hops_and_paths() {
        // Diamond 0→1→3, 0→2→3, plus 3→4.
        let g = graph(5, true, &[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)]);
        let mut sp = ShortestPaths::new(5);
        sp.run(g.out(), false, 0, true);
        assert_eq!(sp.dist, [0.0, 1.0, 1.0, 2.0, 3.0]);
        assert_eq!(sp.sigma, [1.0, 1.0, 1.0, 2.0, 2.0]);
        sp.run(g.out(), false, 4, true);
        assert_eq!(sp.order, [4]);
        assert!(sp.dist[0].is_infinite());
    }

    #[test]
    fn shortest_path_backtracks_deterministically() {
        let g = graph(5, true, &[(0, 2), (0, 1), (1, 3), (2, 3), (3, 4)]);
        assert_eq!(shortest_path(&g, 0, 4), Some(vec![0, 1, 3, 4]));
        assert_eq!(shortest_path(&g, 4, 0), None);
        assert_eq!(shortest_path(&g, 2, 2), Some(vec![2]));
        let w = weighted(3, false, &[(0, 1, 5.0), (1, 2, 1.0), (0, 2, 1.0)]);
        assert_eq!(shortest_path(&w, 0, 1), Some(vec![0, 2, 1]));
    }

    #[test]
    fn dijkstra_prefers_the_cheaper_route_and_counts_ties() {
        let g = weighted(
            4,
            true,
            &[
                (0, 1, 1.0),
                (1, 3, 1.0),
                (0, 2, 0.5),
                (2, 3, 1.5),
                (0, 3, 3.0),
            ],
        );
        let mut sp = ShortestPaths::new(4);
        sp.run(g.out(), true, 0, true);
        assert_eq!(sp.dist, [0.0, 1.0, 0.5, 2.0]);
        assert_eq!(sp.sigma[3], 2.0);
        assert_eq!(sp.order[0], 0);
    }

    /// Small random graphs from a fixed LCG: directed and undirected, with integer distances 1..4
    /// (exact sums) when `distances`, else unweighted.
    pub(crate) fn random_graphs(count: usize, distances: bool) -> Vec<Graph> {
        let mut next = crate::graph::tests::lcg(7u64);
        (0..count)
            .map(|i| {
                let n = 2 + next(9) as usize;
                let edges: Vec<(u32, u32, f64)> = (0..next(30))
                    .map(|_| {
                        let (a, b) = (next(n as u64) as u32, next(n as u64) as u32);
                        (a, b, 1.0 + next(4) as f64)
                    })
                    .collect();
                if distances {
                    weighted(n, i % 3 != 2, &edges)
                } else {
                    let pairs: Vec<(u32, u32)> = edges.iter().map(|&(a, b, _)| (a, b)).collect();
                    graph(n, i % 3 != 2, &pairs)
                }
            })
            .collect()
    }

    /// All-pairs distances by Floyd–Warshall (hop counts when unweighted).
    pub(crate) fn floyd_warshall(g: &Graph) -> Vec<Vec<f64>> {
        let n = g.n();
        let mut d = vec![vec![f64::INFINITY; n]; n];
        for (v, row) in d.iter_mut().enumerate() {
            row[v] = 0.0;
            for (&w, &len) in g.out().neighbors(v).iter().zip(g.out().distances(v)) {
                let len = if g.is_weighted() { len } else { 1.0 };
                if v != w as usize {
                    row[w as usize] = row[w as usize].min(len);
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    d[i][j] = d[i][j].min(d[i][k] + d[k][j]);
                }
            }
        }
        d
    }

    /// Path counts σ from `s` given the true distances `d`: over predecessors, in order of distance.
    pub(crate) fn path_counts(g: &Graph, d: &[Vec<f64>], s: usize) -> Vec<f64> {
        let n = g.n();
        let mut by_distance: Vec<usize> = (0..n).filter(|&v| d[s][v].is_finite()).collect();
        by_distance.sort_by(|&a, &b| d[s][a].total_cmp(&d[s][b]));
        let mut sigma = vec![0.0; n];
        sigma[s] = 1.0;
        for &w in &by_distance {
            for v in 0..n {
                let arc = g.out().neighbors(v).iter().position(|&x| x as usize == w);
                let len = |i: usize| {
                    if g.is_weighted() {
                        g.out().distances(v)[i]
                    } else {
                        1.0
                    }
                };
                if let Some(i) = arc
                    && v != w
                    && d[s][v] + len(i) == d[s][w]
                {
                    sigma[w] += sigma[v];
                }
            }
        }
        sigma
    }

    #[test]
    fn dijkstra_matches_floyd_warshall_on_random_graphs() {
        for g in random_graphs(40, true) {
            let n = g.n();
            let d = floyd_warshall(&g);
            let mut sp = ShortestPaths::new(n);
            for s in 0..n {
                sp.run(g.out(), true, s, true);
                assert_eq!(sp.dist, d[s]);
                assert_eq!(sp.sigma, path_counts(&g, &d, s), "source {s} of {g:?}");
                assert_eq!(
                    sp.order.len(),
                    d[s].iter().filter(|x| x.is_finite()).count()
                );
            }
        }
    }

    #[test]
    fn early_stops_match_floyd_warshall_and_leave_clean_buffers() {
        // For every pair: the target's distance and σ, and those of every actor closer than it,
        // are the true ones; nothing farther is reached. A full run after each early stop (same
        // buffers) must still be exact, so leftovers of the stop would show.
        for distances in [false, true] {
            for g in random_graphs(40, distances) {
                let n = g.n();
                let d = floyd_warshall(&g);
                let mut sp = ShortestPaths::new(n);
                for s in 0..n {
                    let sigma = path_counts(&g, &d, s);
                    for t in 0..n {
                        let reached = sp.run_to(g.out(), distances, s, t, true);
                        assert_eq!(reached, d[s][t].is_finite(), "{s}→{t} in {g:?}");
                        for v in 0..n {
                            if d[s][v] < d[s][t] || v == t {
                                assert_eq!((sp.dist[v], sp.sigma[v]), (d[s][v], sigma[v]));
                            } else if d[s][v] > d[s][t] {
                                assert!(sp.dist[v].is_infinite(), "{s}→{t}: {v} reached");
                            }
                        }
                        sp.run(g.out(), distances, s, true);
                        assert_eq!((&sp.dist, &sp.sigma), (&d[s], &sigma), "after {s}→{t}");
                    }
                }
            }
        }
    }
}
