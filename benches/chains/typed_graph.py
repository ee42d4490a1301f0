#!/usr/bin/env python3
"""A seeded random typed network for the chain-search benchmark (docs/performance.md).

N actors of kinds drawn as 20 % criminal (cartel, gang, family-clan, trafficker), 15 % legal (bank,
business, real-estate, mining-company), 65 % other (city, port, police, politician); M flows
between uniformly drawn distinct actors, of kinds drawn as 60 % value (cocaine, gold, timber, cash,
bribes, real-estate, luxury-goods), 10 % inputs (weapons, mercury, precursors) and 30 % without
value (alliance, rivalry, arrest, seizure); half of the flows carry a year (`since`, and for half
of those an `until` up to three years later), years 2015–2024. Every draw comes from SplitMix64
(Steele, Lea & Flood 2014) with the given seed, so a seed always gives the same file.

Usage: typed_graph.py N M SEED OUT.json
"""
import json
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


CRIMINAL = ["cartel", "gang", "family-clan", "trafficker"]
LEGAL = ["bank", "business", "real-estate", "mining-company"]
OTHER = ["city", "port", "police", "politician"]
VALUE = ["cocaine", "gold", "timber", "cash", "bribes", "real-estate", "luxury-goods"]
INPUT = ["weapons", "mercury", "precursors"]
NONE = ["alliance", "rivalry", "arrest", "seizure"]


def network(n, m, seed):
    rng = SplitMix64(seed)
    actors = []
    for i in range(n):
        r = rng.below(100)
        group = CRIMINAL if r < 20 else LEGAL if r < 35 else OTHER
        actors.append({"id": f"a{i}", "kind": group[rng.below(len(group))]})
    flows = []
    for _ in range(m):
        a = rng.below(n)
        b = rng.below(n - 1)
        b = b + 1 if b >= a else b
        r = rng.below(100)
        group = VALUE if r < 60 else INPUT if r < 70 else NONE
        flow = {"from": f"a{a}", "to": f"a{b}", "kind": group[rng.below(len(group))]}
        if rng.below(2) == 0:
            since = 2015 + rng.below(10)
            flow["since"] = str(since)
            if rng.below(2) == 0:
                flow["until"] = str(since + rng.below(4))
        flows.append(flow)
    return {"name": f"random typed network, {n} actors, {m} flows, seed {seed}",
            "actors": actors, "flows": flows}


if __name__ == "__main__":
    n, m, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(out, "w") as f:
        json.dump(network(n, m, seed), f)
