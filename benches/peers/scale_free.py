#!/usr/bin/env python3
"""Seeded directed scale-free edge lists for the peer benchmark.

Preferential attachment in the manner of Barabási & Albert (1999): actors 0..n-1 arrive in order;
actor v links to min(v, m) distinct earlier actors u, each drawn with probability proportional to
deg(u) + 1 (an endpoint list plus one ticket per actor). Each link's direction is a fair coin (v→u or
u→v), so most actors fall in one large strongly connected component, and its weight is an integer in
1..100. Every draw comes from SplitMix64 (Steele, Lea & Flood 2014) with the given seed, and the Rust
criterion bench (benches/support/scale_free.rs) implements the same steps, so both build the same graph.

Usage: scale_free.py N M SEED OUT.csv   (writes `source,target,weight`, about N·M flows)
"""
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def arcs(n, m, seed):
    """Yields (source, target, weight) triples."""
    rng = SplitMix64(seed)
    pool = []  # both endpoints of every link so far: a draw from it is ∝ degree
    for v in range(n):
        chosen = []
        while len(chosen) < min(v, m):
            r = rng.below(len(pool) + v)
            u = pool[r] if r < len(pool) else r - len(pool)
            if u not in chosen:
                chosen.append(u)
        for u in chosen:
            forward = rng.next() & 1
            weight = 1 + rng.below(100)
            yield (v, u, weight) if forward else (u, v, weight)
            pool.append(v)
            pool.append(u)


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().splitlines()[-1])
    n, m, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(out, "w") as f:
        f.write("source,target,weight\n")
        f.writelines(f"{s},{t},{w}\n" for s, t, w in arcs(n, m, seed))


if __name__ == "__main__":
    main()
