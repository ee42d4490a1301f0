//! Exact betweenness split by sources, for a cluster: `netgraph centrality --measure betweenness
//! --sources I/N --raw` computes one block's share ([`betweenness_block`]), `netgraph merge` adds
//! the blocks up into the scores `centrality` prints ([`merge`]).
//!
//! Brandes' algorithm sums one dependency vector per source actor, so the sources can be split
//! into N blocks computed anywhere and the sums added: block I (1 ≤ I ≤ N) holds the actors at
//! positions p with p mod N = I − 1 ([`SourceBlock`]), every N-th actor, so the blocks are
//! balanced. A block's result is a [`Partial`]: the unnormalised sums per actor (as `--raw` counts
//! them: halved on an undirected view) with what is needed to merge safely — the block, N, and a
//! fingerprint of what was computed (the counted actors, the graph with its distances, the view,
//! the weights, `--endpoints`). [`merge`] refuses partials of different fingerprints, N or netgraph
//! versions, and a block given twice or missing, then adds the blocks in block order and scales
//! the sums as `centrality` does. The additions run in another order than on one machine, so the
//! merged scores agree with a single run to rounding (relative differences of a few units in the
//! 16th digit), not bit for bit.

use super::centrality::{Centrality, CentralityOptions, RankedActor};
use super::note_missing_weight;
use crate::algo::betweenness::{self, SourceBlock};
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::model::{Actor, Network};
use crate::rank::{ranking, shared_ranks};
use crate::run::Run;
use crate::view::Weighting;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The `format` field of a partial result.
pub const FORMAT: &str = "netgraph-partial";
/// The version of the partial result's layout.
pub const VERSION: u32 = 1;
/// The one measure that can be split by sources.
pub const MEASURE: &str = "betweenness";

/// One block's share of betweenness: the JSON that `centrality --sources I/N --raw` writes and
/// `netgraph merge` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The netgraph version that computed it (blocks of different versions are not merged).
    pub netgraph: String,
    /// Always [`MEASURE`].
    pub measure: String,
    /// SHA-256 (hex) of the counted actors, the graph with its distances, the view, the weights
    /// and `endpoints`: blocks merge only when it is the same.
    pub fingerprint: String,
    /// Which block, 1 to `blocks`.
    pub block: usize,
    /// How many blocks the sources are split into.
    pub blocks: usize,
    /// How many source actors the block holds.
    pub sources: usize,
    /// Whether the view is directed.
    pub directed: bool,
    /// Whether the paths' ends count (`--endpoints`).
    pub endpoints: bool,
    /// How flows were weighted, in words.
    pub weights: String,
    /// The view, as `centrality --format json` writes it.
    pub view: Value,
    /// The counted actors in graph order, each with the block's unnormalised sum.
    pub actors: Vec<PartialActor>,
}

/// One counted actor of a [`Partial`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartialActor {
    /// Position in the network.
    pub position: usize,
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Whether the actor has a kept flow.
    pub active: bool,
    /// The block's share of the actor's unnormalised betweenness.
    pub raw: f64,
}

/// Parses `I/N` (1 ≤ I ≤ N) as `--sources` takes it; the message says what is wrong.
pub fn parse_block(text: &str) -> std::result::Result<SourceBlock, String> {
    let bad = || {
        format!(
            "\"{text}\" is not a block I/N: whole numbers with 1 ≤ I ≤ N (e.g. 3/8, the third of 8)"
        )
    };
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let i: usize = i.trim().parse().map_err(|_| bad())?;
    let n: usize = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || i == 0 || i > n {
        return Err(bad());
    }
    Ok(SourceBlock {
        index: i - 1,
        count: n,
    })
}

/// The sums of betweenness over the sources of `block` (see the module documentation), as
/// `centrality` would compute them with `options` on one machine. `options` must ask for
/// betweenness alone, unnormalised (`raw`), exactly; the filters, weights, `active` and
/// `endpoints` apply as in [`centrality`](super::centrality::centrality). Cost: the block's share
/// of Brandes' O(VE) (O(VE + V² log V) weighted).
pub fn betweenness_block(
    net: &Network,
    options: &CentralityOptions,
    block: SourceBlock,
    run: &Run,
) -> Result<Partial> {
    check_options(options)?;
    if block.count == 0 || block.index >= block.count {
        return Err(Error::usage(format!(
            "--sources {}/{}: the block must be 1 to {}",
            block.index + 1,
            block.count,
            block.count
        )));
    }
    let view = options.filter.view(net, options.active, run)?;
    let weighting = options.weights.checked(net)?;
    let (weighted, counted) = view.counted_graph(&weighting)?;
    note_missing_weight(run, &weighting, weighted.missing, view.flows().len());
    let g = weighted.for_paths().map_err(Error::from)?;
    let n = g.n();
    let sources = block.len(n);
    let phase = run.phase(
        MEASURE,
        sources as u64,
        sources as f64 * g.out().arc_count() as f64,
    );
    let progress = phase.progress();
    let mut sums = run.install(|| {
        betweenness::betweenness_sums(
            g,
            options.endpoints,
            block,
            crate::algo::default_chunks(),
            &progress,
        )
    })?;
    drop(phase);
    // The share of the --raw scores: those halve the ordered sums on an undirected view.
    let raw_scale = betweenness::scale(n, g.is_directed(), false, options.endpoints);
    sums.iter_mut().for_each(|x| *x *= raw_scale);
    let active = view.active();
    let actors: Vec<PartialActor> = counted
        .iter()
        .zip(&sums)
        .map(|(&i, &raw)| {
            let a = &net.actors[i];
            PartialActor {
                position: i,
                id: a.id.to_string(),
                name: a.display_name().to_string(),
                kind: a.kind().to_string(),
                active: active[i],
                raw,
            }
        })
        .collect();
    let weights = match &weighting {
        Weighting::Unweighted => "unweighted (hops)".to_string(),
        Weighting::Weight(f) => format!("--weight {f} (distance)"),
        Weighting::Strength(f) => format!("--strength {f} (distance 1/strength)"),
    };
    let view = view.json();
    let fingerprint = fingerprint(g, &actors, &view, &weights, options.endpoints);
    run.note(format!(
        "betweenness, sources block {}/{}: {sources} of {n} source actors; unnormalised sums for netgraph merge",
        block.index + 1,
        block.count
    ));
    Ok(Partial {
        format: FORMAT.into(),
        version: VERSION,
        netgraph: env!("CARGO_PKG_VERSION").into(),
        measure: MEASURE.into(),
        fingerprint,
        block: block.index + 1,
        blocks: block.count,
        sources,
        directed: g.is_directed(),
        endpoints: options.endpoints,
        weights,
        view,
        actors,
    })
}

/// The options `--sources` cannot serve, as usage errors naming them.
fn check_options(options: &CentralityOptions) -> Result<()> {
    let measures: Vec<&str> = options.measures.iter().map(String::as_str).collect();
    if measures != [MEASURE] {
        return Err(Error::usage(format!(
            "--sources splits exact betweenness only: give --measure betweenness alone (not {})",
            measures.join(",")
        )));
    }
    if !options.raw {
        return Err(Error::usage(
            "--sources writes a block's unnormalised sums: add --raw (netgraph merge adds the blocks and normalises)",
        ));
    }
    let refused = [
        ("--epsilon", options.epsilon.is_some()),
        ("--top", options.top.is_some()),
        ("--personalize", !options.personalize.is_empty()),
        ("--groups", options.groups.is_some()),
        ("--pattern", options.chains.pattern.is_some()),
        ("--max-hops", options.chains.max_hops.is_some()),
        ("--limit", options.chains.limit.is_some()),
        ("--ignore-time", options.chains.ignore_time),
    ];
    if let Some((name, _)) = refused.iter().find(|(_, given)| *given) {
        return Err(Error::usage(format!(
            "{name} does not apply to --sources (exact betweenness of one block of sources)"
        )));
    }
    Ok(())
}

/// SHA-256 (hex) of what a block was computed on: the counted actors (id, name, kind, activity),
/// the graph (direction, arcs with their distances), the view, the weights and `endpoints`.
fn fingerprint(
    g: &Graph,
    actors: &[PartialActor],
    view: &Value,
    weights: &str,
    endpoints: bool,
) -> String {
    let mut h = Sha256::new();
    let mut text = |t: &str| {
        h.update((t.len() as u64).to_le_bytes());
        h.update(t.as_bytes());
    };
    text(&format!("{FORMAT} {VERSION} {MEASURE}"));
    text(&view.to_string());
    text(weights);
    text(if endpoints {
        "endpoints"
    } else {
        "no endpoints"
    });
    text(if g.is_directed() {
        "directed"
    } else {
        "undirected"
    });
    for a in actors {
        text(&a.id);
        text(&a.name);
        text(&a.kind);
        text(if a.active { "active" } else { "inactive" });
    }
    let out = g.out();
    h.update((g.n() as u64).to_le_bytes());
    for v in 0..g.n() {
        h.update((out.degree(v) as u64).to_le_bytes());
        for (&w, &d) in out.neighbors(v).iter().zip(out.distances(v)) {
            h.update(w.to_le_bytes());
            h.update(d.to_bits().to_le_bytes());
        }
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

impl Partial {
    /// Reads a partial result from JSON text; `file` names it in errors.
    pub fn from_json(text: &str, file: &str) -> Result<Partial> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::input(format!("{file}: not JSON: {e}")))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Error::input(format!(
                "{file}: not a partial result of netgraph centrality --sources (no \"format\": \"{FORMAT}\")"
            )));
        }
        let version = value.get("version").and_then(Value::as_u64);
        if version != Some(u64::from(VERSION)) {
            return Err(Error::input(format!(
                "{file}: partial result of layout version {}, this netgraph reads version {VERSION}",
                version.map_or("?".to_string(), |v| v.to_string())
            )));
        }
        let p: Partial = serde_path_to_error::deserialize(value)
            .map_err(|e| Error::input(format!("{file}: at {}: {}", e.path(), e.inner())))?;
        if p.measure != MEASURE {
            return Err(Error::input(format!(
                "{file}: a partial result of {}; netgraph merge adds {MEASURE}",
                p.measure
            )));
        }
        if p.blocks == 0 || p.block == 0 || p.block > p.blocks {
            return Err(Error::input(format!(
                "{file}: block {}/{} is not one of 1 to {}",
                p.block, p.blocks, p.blocks
            )));
        }
        let block = SourceBlock {
            index: p.block - 1,
            count: p.blocks,
        };
        if p.sources != block.len(p.actors.len()) {
            return Err(Error::input(format!(
                "{file}: block {}/{} of {} actors holds {} sources, not {}",
                p.block,
                p.blocks,
                p.actors.len(),
                block.len(p.actors.len()),
                p.sources
            )));
        }
        if let Some(a) = p.actors.iter().find(|a| !a.raw.is_finite()) {
            return Err(Error::input(format!(
                "{file}: actor {}: the sum {} is not a finite number",
                a.id, a.raw
            )));
        }
        Ok(p)
    }
}

/// Adds up the blocks of a split (each `(file name, partial)`) into the scores that
/// `centrality --measure betweenness` prints: normalised as it normalises (÷ (n−1)(n−2), or
/// n(n−1) with endpoints, on the ordered pairs), or unnormalised when `raw`; ranked, and cut to
/// `top`. The partials may come in any order; they are added in block order. A note says how many
/// blocks were added.
///
/// Errors ([`Error::Input`]) name the files: a partial of another netgraph version, network, view
/// or options (fingerprint), of another N, a block given twice, blocks missing.
pub fn merge(
    parts: &[(String, Partial)],
    raw: bool,
    top: Option<usize>,
    run: &Run,
) -> Result<Centrality> {
    let Some((first_name, first)) = parts.first() else {
        return Err(Error::usage(
            "netgraph merge needs the partial results to add",
        ));
    };
    let ours = env!("CARGO_PKG_VERSION");
    for (name, p) in parts {
        if p.netgraph != ours {
            return Err(Error::input(format!(
                "{name}: computed by netgraph {}, this is netgraph {ours}; compute every block with the same version",
                p.netgraph
            )));
        }
        if p.blocks != first.blocks {
            return Err(Error::input(format!(
                "{name} is block {}/{}, {first_name} block {}/{}: every block must come from one split",
                p.block, p.blocks, first.block, first.blocks
            )));
        }
        if p.fingerprint != first.fingerprint {
            return Err(Error::input(format!(
                "{name} and {first_name} were computed on different networks, views or options (their fingerprints differ)"
            )));
        }
        if p.actors.len() != first.actors.len() {
            return Err(Error::input(format!(
                "{name} counts {} actors, {first_name} {}",
                p.actors.len(),
                first.actors.len()
            )));
        }
    }
    let mut by_block: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, p) in parts {
        by_block.entry(p.block).or_default().push(name.as_str());
    }
    let n_blocks = first.blocks;
    if let Some((block, names)) = by_block.iter().find(|(_, names)| names.len() > 1) {
        return Err(Error::input(format!(
            "block {block}/{n_blocks} is given {} times: {}",
            names.len(),
            names.join(", ")
        )));
    }
    let missing: Vec<String> = (1..=n_blocks)
        .filter(|b| !by_block.contains_key(b))
        .map(|b| format!("{b}/{n_blocks}"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::input(format!(
            "block{} {} missing: all {n_blocks} blocks of the split are needed",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        )));
    }
    run.note(format!(
        "betweenness: the {n_blocks} block{} of sources added",
        if n_blocks == 1 { "" } else { "s" }
    ));
    let mut ordered: Vec<&Partial> = parts.iter().map(|(_, p)| p).collect();
    ordered.sort_by_key(|p| p.block);
    let n = first.actors.len();
    let mut total = vec![0.0; n];
    for p in &ordered {
        for (t, a) in total.iter_mut().zip(&p.actors) {
            *t += a.raw;
        }
    }
    if !raw {
        // Back to the ordered sums (× 2 undirected: exact), then the single run's factor.
        let unraw = if first.directed { 1.0 } else { 2.0 };
        let scale = betweenness::scale(n, first.directed, true, first.endpoints);
        total.iter_mut().for_each(|x| *x = *x * unraw * scale);
    }
    let mut ids = Network::new();
    ids.actors = first
        .actors
        .iter()
        .map(|a| Actor::new(a.id.as_str()))
        .collect();
    let everyone: Vec<usize> = (0..n).collect();
    let order = ranking(&ids, Some(&total), &everyone);
    let ranks = shared_ranks(Some(&total), &order);
    let top = top.unwrap_or(n).min(n);
    let actors = order[..top]
        .iter()
        .zip(&ranks[..top])
        .map(|(&i, &rank)| {
            let a = &first.actors[i];
            RankedActor {
                position: a.position,
                id: a.id.as_str().into(),
                name: a.name.as_str().into(),
                kind: a.kind.as_str().into(),
                rank,
                active: a.active,
                scores: vec![Some(total[i])],
                interval: None,
            }
        })
        .collect();
    Ok(Centrality {
        view_line: first
            .view
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        view: first.view.clone(),
        measures: vec![MEASURE.to_string()],
        actors,
    })
}
