//! Single-source shortest paths: breadth-first search for hop counts, Dijkstra with a monotone radix
//! heap for positive distances; optionally counting shortest paths (σ) for Brandes.
//!
//! One [`ShortestPaths`] holds reusable buffers, so running it from every source allocates once.
//! Complexity per source: O(V + E) breadth-first, O((V + E) log V) with distances.

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
            self.dijkstra(adj, source, count);
        } else {
            self.bfs(adj, source, count);
        }
    }

    /// Breadth-first; `order` doubles as the queue.
    fn bfs(&mut self, adj: &Csr, source: usize, count: bool) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.order.push(source as u32);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let v = v as usize;
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

    /// Dijkstra with a monotone radix heap. Every actor reached is settled in the end, so `reset`
    /// clears exactly what a run touched.
    fn dijkstra(&mut self, adj: &Csr, source: usize, count: bool) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.heap.set(source as u32, 0.0);
        while let Some(v) = self.heap.pop() {
            self.order.push(v);
            let v = v as usize;
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
    sp.run(g.out(), g.is_weighted(), source, false);
    if sp.dist[target].is_infinite() {
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
mod tests {
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

    #[test]
    fn dijkstra_matches_floyd_warshall_on_random_graphs() {
        // Integer distances keep every sum exact; σ from the Floyd–Warshall distances by counting
        // over predecessors in order of distance.
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..40 {
            let n = 2 + next(9) as usize;
            let edges: Vec<(u32, u32, f64)> = (0..next(30))
                .map(|_| {
                    (
                        next(n as u64) as u32,
                        next(n as u64) as u32,
                        1.0 + next(4) as f64,
                    )
                })
                .collect();
            let g = weighted(n, true, &edges);
            let mut d = vec![vec![f64::INFINITY; n]; n];
            for (v, row) in d.iter_mut().enumerate() {
                row[v] = 0.0;
            }
            for (v, row) in d.iter_mut().enumerate() {
                for (&w, &len) in g.out().neighbors(v).iter().zip(g.out().distances(v)) {
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
            let mut sp = ShortestPaths::new(n);
            for s in 0..n {
                sp.run(g.out(), true, s, true);
                assert_eq!(sp.dist, d[s]);
                let mut by_distance: Vec<usize> = (0..n).filter(|&v| d[s][v].is_finite()).collect();
                by_distance.sort_by(|&a, &b| d[s][a].total_cmp(&d[s][b]));
                let mut sigma = vec![0.0; n];
                sigma[s] = 1.0;
                for &w in &by_distance {
                    for v in 0..n {
                        let arc = g.out().neighbors(v).iter().position(|&x| x as usize == w);
                        if let Some(i) = arc
                            && v != w
                            && d[s][v] + g.out().distances(v)[i] == d[s][w]
                        {
                            sigma[w] += sigma[v];
                        }
                    }
                }
                assert_eq!(sp.sigma, sigma, "source {s} of {edges:?}");
                assert_eq!(sp.order.len(), by_distance.len());
            }
        }
    }
}
