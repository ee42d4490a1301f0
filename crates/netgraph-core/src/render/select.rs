//! Which actors and flows a picture shows or stresses: the neighbourhood of focus actors, and the
//! flows along a shortest path.

use crate::algo::shortest::shortest_path;
use crate::model::FlowRef;
use crate::view::{View, Weighting};
use std::collections::VecDeque;

/// The actors within `depth` hops of any of `centres`, ignoring the direction of flows, over the
/// flows the view keeps. Breadth-first search: O(V + E).
///
/// Returns one flag per actor of the network. A centre is always kept, even when isolated.
pub fn neighbourhood(view: &View, centres: &[usize], depth: usize) -> Vec<bool> {
    let net = view.network();
    let n = view.n();
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &i in view.flows() {
        let (a, b) = net.ends(i);
        adjacent[a].push(b);
        adjacent[b].push(a);
    }
    let mut hops = vec![usize::MAX; n];
    let mut queue = VecDeque::new();
    for &c in centres {
        if c < n && hops[c] != 0 {
            hops[c] = 0;
            queue.push_back(c);
        }
    }
    while let Some(v) = queue.pop_front() {
        if hops[v] >= depth {
            continue;
        }
        for &w in &adjacent[v] {
            if hops[w] == usize::MAX {
                hops[w] = hops[v] + 1;
                queue.push_back(w);
            }
        }
    }
    hops.into_iter().map(|h| h != usize::MAX).collect()
}

/// Why a path cannot be highlighted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PathError {
    /// No route among the flows the view keeps.
    #[error("no path from \"{from}\" to \"{to}\" among the flows drawn (check the filters)")]
    NoPath {
        /// Start actor id.
        from: String,
        /// End actor id.
        to: String,
    },
    /// The view's weights cannot be read as distances.
    #[error(transparent)]
    View(#[from] crate::view::ViewError),
}

/// One shortest path from `from` to `to` in the view, under `weighting` (hop counts when
/// unweighted): its actors (both ends included) and its flows (positions in the file).
///
/// The actor sequence is [`shortest_path`] on the view's collapsed graph; for each hop the flow is
/// chosen as docs/chains.md says: the cheapest, then the most confident, then the first in the file. In an
/// undirected view a flow joins its two actors either way. O((V + E) log V).
pub fn path_flows(
    view: &View,
    weighting: &Weighting,
    from: usize,
    to: usize,
) -> Result<(Vec<usize>, Vec<usize>), PathError> {
    let net = view.network();
    let weighted = view.graph(weighting)?;
    let graph = weighted.for_paths()?;
    let no_path = || PathError::NoPath {
        from: net.actors[from].id.to_string(),
        to: net.actors[to].id.to_string(),
    };
    let actors = shortest_path(graph, from, to).ok_or_else(no_path)?;
    let mut flows = Vec::with_capacity(actors.len().saturating_sub(1));
    for hop in actors.windows(2) {
        let (u, v) = (hop[0], hop[1]);
        let joins = |i: usize| {
            let (a, b) = net.ends(i);
            (a, b) == (u, v) || (!view.is_directed() && (b, a) == (u, v))
        };
        let best = view
            .flows()
            .iter()
            .copied()
            .filter(|&i| joins(i))
            .min_by(|&x, &y| {
                let (fx, fy) = (net.flow(x), net.flow(y));
                distance(fx, weighting)
                    .total_cmp(&distance(fy, weighting))
                    .then(fy.confidence().total_cmp(&fx.confidence()))
                    .then(x.cmp(&y))
            })
            .ok_or_else(no_path)?;
        flows.push(best);
    }
    Ok((actors, flows))
}

/// A flow's length under a weighting, as the view reads it (a missing field counts as 1).
fn distance(flow: FlowRef<'_>, weighting: &Weighting) -> f64 {
    let read = |field: &str| flow.number(field).ok().flatten().unwrap_or(1.0);
    match weighting {
        Weighting::Unweighted => 1.0,
        Weighting::Weight(field) => read(field),
        Weighting::Strength(field) => 1.0 / read(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Flow;
    use crate::model::{Actor, Network};
    use crate::view::Filters;

    /// A chain a–b–c–d–e with a side branch b–x, flows pointing in mixed directions.
    fn chain() -> Network {
        let mut n = Network::new();
        n.actors = ["a", "b", "c", "d", "e", "x"]
            .iter()
            .map(|id| Actor::new(*id))
            .collect();
        n.set_flows(
            [("a", "b"), ("c", "b"), ("c", "d"), ("e", "d"), ("b", "x")]
                .iter()
                .map(|(f, t)| Flow::new(*f, *t))
                .collect::<Vec<_>>(),
        );
        n.index().unwrap();
        n
    }

    #[test]
    fn neighbourhood_counts_hops_both_ways() {
        let net = chain();
        let view = View::new(&net, &Filters::default());
        let kept = |centres: &[usize], d| {
            neighbourhood(&view, centres, d)
                .iter()
                .enumerate()
                .filter(|(_, k)| **k)
                .map(|(i, _)| net.actors[i].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(kept(&[0], 0), ["a"]);
        assert_eq!(kept(&[0], 1), ["a", "b"]);
        assert_eq!(kept(&[0], 2), ["a", "b", "c", "x"]);
        assert_eq!(kept(&[4], 2), ["c", "d", "e"]);
        assert_eq!(kept(&[0, 4], 1), ["a", "b", "d", "e"]);
    }

    #[test]
    fn path_picks_cheapest_then_most_confident_then_first() {
        let mut net = Network::new();
        net.actors = ["a", "b", "c"].iter().map(|id| Actor::new(*id)).collect();
        let flow = |from: &str, to: &str, kind: &str, w: f64, c: f64| {
            let mut f = Flow::new(from, to);
            f.kind = Some(kind.into());
            f.weight = Some(w);
            f.confidence = Some(c);
            f
        };
        net.set_flows(vec![
            flow("a", "b", "cash", 2.0, 1.0),    // 0: dearer
            flow("a", "b", "gold", 1.0, 0.4),    // 1: cheapest, less sure
            flow("a", "b", "cocaine", 1.0, 0.8), // 2: cheapest, surest
            flow("b", "c", "cash", 1.0, 0.6),    // 3: first of a tie
            flow("b", "c", "gold", 1.0, 0.6),    // 4
            flow("c", "a", "bribes", 1.0, 1.0),  // 5: wrong direction
        ]);
        net.index().unwrap();
        let view = View::new(&net, &Filters::default());
        let w = Weighting::Weight("weight".into());
        assert_eq!(
            path_flows(&view, &w, 0, 2).unwrap(),
            (vec![0, 1, 2], vec![2, 3])
        );
        // Unweighted: every flow costs 1, so confidence decides the first hop.
        assert_eq!(
            path_flows(&view, &Weighting::Unweighted, 0, 2).unwrap().1,
            [0, 3]
        );
        assert_eq!(path_flows(&view, &w, 0, 0).unwrap(), (vec![0], vec![]));
        let undirected = View::new(
            &net,
            &Filters {
                undirected: true,
                ..Default::default()
            },
        );
        assert_eq!(path_flows(&undirected, &w, 2, 0).unwrap().1, [5]);
        let only_gold = View::new(
            &net,
            &Filters {
                kinds: vec!["gold".into()],
                ..Default::default()
            },
        );
        assert!(matches!(
            path_flows(&only_gold, &w, 2, 0),
            Err(PathError::NoPath { .. })
        ));
    }
}
