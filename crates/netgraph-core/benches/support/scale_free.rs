//! Seeded directed scale-free graphs for the benches, step for step the generator of
//! `benches/peers/scale_free.py` (same seed, same arcs, same weights), so that the criterion
//! numbers and the peer benchmark's CSV files describe the same graphs.
//!
//! Preferential attachment (Barabási & Albert 1999): actor v links to min(v, m) distinct earlier
//! actors drawn ∝ degree + 1; each link's direction is a fair coin; weights are integers 1..=100.
//! Randomness: SplitMix64 (Steele, Lea & Flood 2014).

use netgraph_core::graph::{Arc, Graph};

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The arcs (source, target, weight) of the scale-free graph on `n` actors, `m` links per actor.
pub fn arcs(n: u32, m: u32, seed: u64) -> Vec<(u32, u32, u32)> {
    let mut rng = SplitMix64(seed);
    let mut pool: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for v in 0..n {
        let mut chosen: Vec<u32> = Vec::new();
        while chosen.len() < v.min(m) as usize {
            let r = rng.below(pool.len() as u64 + u64::from(v)) as usize;
            let u = if r < pool.len() {
                pool[r]
            } else {
                (r - pool.len()) as u32
            };
            if !chosen.contains(&u) {
                chosen.push(u);
            }
        }
        for u in chosen {
            let forward = rng.next() & 1 == 1;
            let weight = 1 + rng.below(100) as u32;
            out.push(if forward {
                (v, u, weight)
            } else {
                (u, v, weight)
            });
            pool.push(v);
            pool.push(u);
        }
    }
    out
}

/// The graph of [`arcs`]: directed, with the weights as distances when `weighted`.
pub fn graph(n: u32, m: u32, seed: u64, weighted: bool) -> Graph {
    let arcs = arcs(n, m, seed)
        .into_iter()
        .map(|(from, to, w)| Arc {
            from,
            to,
            distance: f64::from(w),
            strength: f64::from(w),
        })
        .collect();
    Graph::from_arcs(n as usize, true, weighted, arcs)
}
