//! Single-source shortest paths: breadth-first search for hop counts, Dijkstra with a binary heap
//! for positive distances; optionally counting shortest paths (σ) for Brandes.
//!
//! One [`ShortestPaths`] holds reusable buffers, so running it from every source allocates once.
//! Complexity per source: O(V + E) breadth-first, O((V + E) log V) with distances.

use crate::graph::{Csr, Graph};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Reusable single-source shortest-path state.
#[derive(Debug, Clone)]
pub struct ShortestPaths {
    /// Distance from the source; `f64::INFINITY` when unreached.
    pub dist: Vec<f64>,
    /// Number of shortest paths from the source (when counted).
    pub sigma: Vec<f64>,
    /// Reached actors in order of non-decreasing distance, the source first.
    pub order: Vec<u32>,
    done: Vec<bool>,
    queue: VecDeque<u32>,
    heap: BinaryHeap<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    dist: f64,
    node: u32,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on distance, then on position for a deterministic order.
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl ShortestPaths {
    /// Buffers for a graph of `n` actors.
    pub fn new(n: usize) -> Self {
        ShortestPaths {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            order: Vec::with_capacity(n),
            done: vec![false; n],
            queue: VecDeque::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v as usize] = f64::INFINITY;
            self.sigma[v as usize] = 0.0;
            self.done[v as usize] = false;
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

    fn bfs(&mut self, adj: &Csr, source: usize, count: bool) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.queue.clear();
        self.queue.push_back(source as u32);
        while let Some(v) = self.queue.pop_front() {
            let v = v as usize;
            self.order.push(v as u32);
            let next = self.dist[v] + 1.0;
            for &w in adj.neighbors(v) {
                let w = w as usize;
                if self.dist[w] == f64::INFINITY {
                    self.dist[w] = next;
                    self.queue.push_back(w as u32);
                }
                if count && self.dist[w] == next {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    fn dijkstra(&mut self, adj: &Csr, source: usize, count: bool) {
        // An actor is settled when it enters `order`; every actor reached is settled in the end,
        // so `reset` clears exactly what a run touched.
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.heap.clear();
        self.heap.push(Entry {
            dist: 0.0,
            node: source as u32,
        });
        while let Some(Entry { dist, node }) = self.heap.pop() {
            let v = node as usize;
            if self.done[v] || dist > self.dist[v] {
                continue;
            }
            self.done[v] = true;
            self.order.push(node);
            for (&w, &d) in adj.neighbors(v).iter().zip(adj.distances(v)) {
                let w = w as usize;
                if self.done[w] {
                    continue;
                }
                let candidate = dist + d;
                if candidate < self.dist[w] {
                    self.dist[w] = candidate;
                    if count {
                        self.sigma[w] = self.sigma[v];
                    }
                    self.heap.push(Entry {
                        dist: candidate,
                        node: w as u32,
                    });
                } else if count && candidate == self.dist[w] {
                    self.sigma[w] += self.sigma[v];
                }
            }
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
}
