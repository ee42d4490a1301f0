//! Criterion benches of the centrality kernels on seeded directed scale-free graphs (the same
//! graphs as the peer benchmark's CSV files; see `benches/support/scale_free.rs`).
//!
//! `cargo bench --bench centrality` runs the small sizes (1k and 5k actors, 5 links each) in a few
//! minutes on 2 cores; `NETGRAPH_BENCH_ACTORS=10000,50000 cargo bench --bench centrality` picks
//! other sizes. The peer comparison lives in `benches/peers/` (docs/performance.md).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use netgraph_core::algo::kadabra::{KadabraOptions, kadabra};
use netgraph_core::algo::spectral::{Iteration, pagerank::pagerank};
use netgraph_core::algo::{betweenness, closeness};
use netgraph_core::graph::{Arc, Graph};
use std::hint::black_box;
use std::time::Duration;

#[path = "support/scale_free.rs"]
mod scale_free;

const LINKS: u32 = 5;
const SEED: u64 = 42;

fn sizes() -> Vec<u32> {
    std::env::var("NETGRAPH_BENCH_ACTORS")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 5_000])
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("from_arcs");
    for n in sizes() {
        let arcs: Vec<Arc> = scale_free::arcs(n, LINKS, SEED)
            .into_iter()
            .map(|(from, to, w)| Arc {
                from,
                to,
                distance: f64::from(w),
                strength: f64::from(w),
            })
            .collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &arcs, |b, arcs| {
            b.iter(|| Graph::from_arcs(n as usize, true, true, black_box(arcs.clone())))
        });
    }
    group.finish();
}

fn paths(c: &mut Criterion) {
    let mut group = c.benchmark_group("paths");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in sizes() {
        for weighted in [false, true] {
            let g = scale_free::graph(n, LINKS, SEED, weighted);
            let tag = if weighted { "weighted" } else { "unweighted" };
            group.bench_function(BenchmarkId::new(format!("betweenness/{tag}"), n), |b| {
                b.iter(|| betweenness::betweenness(black_box(&g), true))
            });
            group.bench_function(BenchmarkId::new(format!("closeness/{tag}"), n), |b| {
                b.iter(|| closeness::closeness(black_box(&g)))
            });
        }
    }
    group.finish();
}

fn spectral_and_sampling(c: &mut Criterion) {
    let mut group = c.benchmark_group("spectral_and_sampling");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in sizes() {
        let g = scale_free::graph(n, LINKS, SEED, false);
        group.bench_function(BenchmarkId::new("pagerank", n), |b| {
            b.iter(|| pagerank(black_box(&g), 0.85, &Iteration::default()))
        });
        let options = KadabraOptions {
            epsilon: 0.05,
            delta: 0.1,
            seed: 1,
            top_k: None,
        };
        group.bench_function(BenchmarkId::new("kadabra/eps=0.05", n), |b| {
            b.iter(|| kadabra(black_box(&g), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, build, paths, spectral_and_sampling);
criterion_main!(benches);
