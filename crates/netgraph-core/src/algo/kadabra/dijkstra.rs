//! KADABRA's pair search on weighted graphs: a balanced bidirectional Dijkstra that draws one
//! shortest s–t path uniformly at random.
//!
//! Forward from s along out-arcs and backward from t along in-arcs, each step settling the nearest
//! actor of the side that has scanned fewer arcs so far (the balance of Borassi & Natale's
//! bidirectional search, by work rather than by level). Every relaxation of an arc into an actor
//! the other side has reached offers a path length μ; the search stops once the two heaps' smallest
//! keys add up to more than μ (or a heap runs dry with μ finite), when μ = d(s, t).
//!
//! **Why the count is exact.** Let F and B be the actors settled forward and backward. Dijkstra
//! settles every actor nearer than its heap's top, so along a shortest path P the actors in F form
//! a prefix (an actor's predecessors on P are strictly nearer s: distances are positive) and those
//! in B a suffix, and at the stop every actor x of P is in F or in B (d_s(x) + d_t(x) = d(s,t) <
//! top_F + top_B). s and t are settled first (so s ∈ F, t ∈ B), and then neither side settles the
//! other's origin (the stop comes first), so P has exactly one arc (u, v) with u ∈ F \ B and
//! v ∈ B, its first actor in B; conversely any shortest s–u path,
//! the arc and any shortest v–t path make a shortest path crossing at (u, v). Hence
//! σ_st = Σ σ_s(u)·σ_t(v) over the arcs (u, v), u ∈ F \ B, v ∈ B, with d_s(u) + ℓ(u, v) + d_t(v) =
//! d(s, t), and σ of settled actors is final. One such arc is drawn with probability
//! σ_s(u)σ_t(v)/σ_st and the path completed by walking from u back to s and from v on to t, each
//! step drawn in proportion to its path count — a uniformly random shortest path.
//!
//! Lengths are compared exactly, as the exact algorithm does (`algo::shortest`): on
//! integer distances ties are exact; on fractional ones, paths equal only up to rounding may count
//! as different lengths. Complexity: O((V + E) log V) per sample in the worst case; on small-world
//! networks each side settles about the square root of what a one-sided search settles.

use crate::graph::{Csr, Graph};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One actor's state on one side of the search.
#[derive(Debug, Clone, Copy, Default)]
struct Side {
    /// `2·round` when reached in this sample, `2·round + 1` once settled.
    stamp: u32,
    /// Tentative (final once settled) distance from the side's origin.
    dist: f64,
    /// Shortest paths from the side's origin among those through settled actors.
    sigma: f64,
}

/// A min-heap of (distance bits, actor): positive distances order as their bit patterns, and ties
/// pop the lower actor first, so the search is deterministic.
type Heap = BinaryHeap<Reverse<(u64, u32)>>;

/// Reusable buffers of one worker's weighted pair searches.
#[derive(Debug)]
pub(super) struct PairDijkstra {
    fwd: Vec<Side>,
    bwd: Vec<Side>,
    round: u32,
    heap_f: Heap,
    heap_b: Heap,
    settled_f: Vec<u32>,
    settled_b: Vec<u32>,
    /// Crossing arcs (u, v) with their path length and σ_s(u)·σ_t(v).
    contacts: Vec<(u32, u32, f64, f64)>,
    /// How many of the actors the last sample appended lie on s's side of its crossing arc
    /// (listed from the arc back towards s); the rest run in path order towards t.
    pub(super) split: usize,
}

impl PairDijkstra {
    pub(super) fn new(n: usize) -> Self {
        PairDijkstra {
            fwd: vec![Side::default(); n],
            bwd: vec![Side::default(); n],
            round: 0,
            heap_f: Heap::new(),
            heap_b: Heap::new(),
            settled_f: Vec::new(),
            settled_b: Vec::new(),
            contacts: Vec::new(),
            split: 0,
        }
    }

    /// One sample: a uniformly random shortest s–t path, its inner actors appended to `inner`
    /// (nothing when t is unreachable from s). Returns the arcs scanned.
    pub(super) fn sample(
        &mut self,
        g: &Graph,
        s: usize,
        t: usize,
        rng: &mut ChaCha8Rng,
        inner: &mut Vec<u32>,
    ) -> u64 {
        if self.round >= u32::MAX / 2 - 1 {
            self.fwd.iter_mut().for_each(|x| x.stamp = 0);
            self.bwd.iter_mut().for_each(|x| x.stamp = 0);
            self.round = 0;
        }
        self.round += 1;
        let (reached, settled) = (2 * self.round, 2 * self.round + 1);
        let (out, inc) = (g.out(), g.incoming());
        self.split = 0;
        for (heap, side, list, origin) in [
            (&mut self.heap_f, &mut self.fwd, &mut self.settled_f, s),
            (&mut self.heap_b, &mut self.bwd, &mut self.settled_b, t),
        ] {
            heap.clear();
            list.clear();
            side[origin] = Side {
                stamp: reached,
                dist: 0.0,
                sigma: 1.0,
            };
            heap.push(Reverse((0f64.to_bits(), origin as u32)));
        }
        let mut mu = f64::INFINITY;
        // The origins first, s then t; then the side that has scanned fewer arcs.
        let stamps = (reached, settled);
        let mut work_f = self.settle_side(g, true, stamps, &mut mu);
        let mut work_b = self.settle_side(g, false, stamps, &mut mu);
        loop {
            let top_f = top(&mut self.heap_f, &self.fwd, settled);
            let top_b = top(&mut self.heap_b, &self.bwd, settled);
            let (Some(top_f), Some(top_b)) = (top_f, top_b) else {
                if mu.is_finite() {
                    break;
                }
                return work_f + work_b;
            };
            if top_f + top_b > mu {
                break;
            }
            if work_f <= work_b {
                work_f += self.settle_side(g, true, stamps, &mut mu);
            } else {
                work_b += self.settle_side(g, false, stamps, &mut mu);
            }
        }
        let mut work = work_f + work_b;
        // s and t were settled first, so neither side settles the other's origin: that would
        // take a heap top of 0 on the far side, and the stop comes first. Every shortest path
        // therefore crosses from F \ B to B exactly once.
        debug_assert!(self.bwd[s].stamp != settled && self.fwd[t].stamp != settled);
        self.contacts.clear();
        if work_f <= work_b {
            for &u in &self.settled_f {
                let x = self.fwd[u as usize];
                if self.bwd[u as usize].stamp == settled {
                    continue;
                }
                work += out.degree(u as usize) as u64;
                for (&v, &len) in out
                    .neighbors(u as usize)
                    .iter()
                    .zip(out.distances(u as usize))
                {
                    let y = self.bwd[v as usize];
                    if y.stamp == settled {
                        self.contacts
                            .push((u, v, x.dist + len + y.dist, x.sigma * y.sigma));
                    }
                }
            }
        } else {
            for &v in &self.settled_b {
                let y = self.bwd[v as usize];
                work += inc.degree(v as usize) as u64;
                for (&u, &len) in inc
                    .neighbors(v as usize)
                    .iter()
                    .zip(inc.distances(v as usize))
                {
                    let x = self.fwd[u as usize];
                    if x.stamp == settled && self.bwd[u as usize].stamp != settled {
                        self.contacts
                            .push((u, v, x.dist + len + y.dist, x.sigma * y.sigma));
                    }
                }
            }
        }
        // The shortest crossing arcs, by one expression for every arc.
        let length = self
            .contacts
            .iter()
            .map(|c| c.2)
            .fold(f64::INFINITY, f64::min);
        let total: f64 = self
            .contacts
            .iter()
            .filter(|c| c.2 == length)
            .map(|c| c.3)
            .sum();
        let target = rng.random::<f64>() * total;
        let mut seen = 0.0;
        let mut pick = None;
        for c in self.contacts.iter().filter(|c| c.2 == length) {
            pick = Some(c);
            seen += c.3;
            if target < seen {
                break;
            }
        }
        let Some(&(u, v, _, _)) = pick else {
            return work;
        };
        // u and its predecessors back towards s, then v and its successors on to t.
        let before = inner.len();
        if u as usize != s {
            inner.push(u);
            work += walk(inc, &self.fwd, u as usize, s, settled, rng, inner);
        }
        self.split = inner.len() - before;
        if v as usize != t {
            inner.push(v);
            work += walk(out, &self.bwd, v as usize, t, settled, rng, inner);
        }
        work
    }

    /// [`settle`] on the forward side (out-arcs) or the backward one (in-arcs).
    fn settle_side(&mut self, g: &Graph, forward: bool, stamps: (u32, u32), mu: &mut f64) -> u64 {
        if forward {
            let (heap, list) = (&mut self.heap_f, &mut self.settled_f);
            settle(g.out(), heap, &mut self.fwd, &self.bwd, list, stamps, mu)
        } else {
            let (heap, list) = (&mut self.heap_b, &mut self.settled_b);
            settle(
                g.incoming(),
                heap,
                &mut self.bwd,
                &self.fwd,
                list,
                stamps,
                mu,
            )
        }
    }
}

/// The smallest valid key of a side's heap, dropping stale entries (settled actors, or distances
/// since lowered).
fn top(heap: &mut Heap, side: &[Side], settled: u32) -> Option<f64> {
    while let Some(&Reverse((key, v))) = heap.peek() {
        let x = side[v as usize];
        if x.stamp != settled && x.dist.to_bits() == key {
            return Some(x.dist);
        }
        heap.pop();
    }
    None
}

/// Settles the nearest actor of one side and relaxes its arcs in `adj`, offering μ every path
/// through an actor the other side has reached. Returns the arcs scanned (plus one).
fn settle(
    adj: &Csr,
    heap: &mut Heap,
    mine: &mut [Side],
    theirs: &[Side],
    settled_list: &mut Vec<u32>,
    (reached, settled): (u32, u32),
    mu: &mut f64,
) -> u64 {
    let Some(Reverse((_, u))) = heap.pop() else {
        return 0;
    };
    let u = u as usize;
    mine[u].stamp = settled;
    settled_list.push(u as u32);
    let Side {
        dist: du,
        sigma: su,
        ..
    } = mine[u];
    for (&w, &len) in adj.neighbors(u).iter().zip(adj.distances(u)) {
        let x = &mut mine[w as usize];
        if x.stamp == settled {
            continue;
        }
        let nd = du + len;
        if x.stamp != reached || nd < x.dist {
            *x = Side {
                stamp: reached,
                dist: nd,
                sigma: su,
            };
            heap.push(Reverse((nd.to_bits(), w)));
        } else if nd == x.dist {
            x.sigma += su;
        }
        let y = theirs[w as usize];
        if y.stamp == reached || y.stamp == settled {
            *mu = mu.min(nd + y.dist);
        }
    }
    adj.degree(u) as u64 + 1
}

/// From `from` towards the side's origin `to` over settled actors: each step takes a neighbour z
/// in `adj` with dist(z) + ℓ = dist(x), with probability σ(z)/σ(x). Appends the actors after
/// `from` and before `to`; returns the arcs scanned.
fn walk(
    adj: &Csr,
    side: &[Side],
    from: usize,
    to: usize,
    settled: u32,
    rng: &mut ChaCha8Rng,
    inner: &mut Vec<u32>,
) -> u64 {
    let mut work = 0;
    let mut x = from;
    loop {
        let here = side[x];
        work += adj.degree(x) as u64;
        let target = rng.random::<f64>() * here.sigma;
        let mut seen = 0.0;
        let mut chosen = None;
        for (&z, &len) in adj.neighbors(x).iter().zip(adj.distances(x)) {
            let y = side[z as usize];
            if y.stamp == settled && y.dist + len == here.dist {
                chosen = Some(z as usize);
                seen += y.sigma;
                if target < seen {
                    break;
                }
            }
        }
        // x is settled and not the origin, so it has such a neighbour; should rounding put
        // `target` past the last σ, that last neighbour is taken.
        let Some(z) = chosen else { return work };
        if z == to {
            return work;
        }
        inner.push(z as u32);
        x = z;
    }
}
