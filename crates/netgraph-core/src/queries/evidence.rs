//! Flows and chains as the reports show them, with the evidence behind every hop: what `paths`,
//! `chains`, `cut` and `whatif` print for a flow (its ends, kind, amount, confidence and cited
//! sources) and for a chain of flows, owned so that a result outlives its network.

use crate::algo::chains::Scored;
use crate::model::{Flow, Network};
use crate::report;
use serde_json::{Map, Value, json};

/// A source of a flow with its document's citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    /// The document's file name.
    pub doc: String,
    /// Its short citation (`Ellis, Oct 2025`), or the file name when there is none.
    pub cite: String,
    /// The quote (may be empty).
    pub quote: String,
    /// The source for reading: `Ellis, Oct 2025 (file): "quote"`.
    pub text: String,
}

/// A flow as reports show it: its ends, kind, volume and unit, confidence and sources.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowEvidence {
    /// The id of the actor the flow leaves.
    pub from: String,
    /// The id of the actor the flow enters.
    pub to: String,
    /// The kind (`link` when none is written).
    pub kind: String,
    /// The volume, if given.
    pub volume: Option<f64>,
    /// The unit of the volume, if given.
    pub unit: Option<String>,
    /// The confidence (1 when none is written).
    pub confidence: f64,
    /// The sources, each with its citation.
    pub sources: Vec<Cited>,
}

impl FlowEvidence {
    /// A flow of `net` (or of a variant of it: the documents cited are looked up in `net`).
    pub fn of(net: &Network, flow: &Flow) -> FlowEvidence {
        FlowEvidence {
            from: flow.from.to_string(),
            to: flow.to.to_string(),
            kind: flow.kind().to_string(),
            volume: flow.volume,
            unit: flow.unit.clone(),
            confidence: flow.confidence(),
            sources: flow
                .sources
                .iter()
                .map(|s| Cited {
                    doc: s.doc.clone(),
                    cite: net.citation(&s.doc).into_owned(),
                    quote: s.quote.clone(),
                    text: net.source_text(s, "\"", "\""),
                })
                .collect(),
        }
    }

    /// Flow `i` (position in the file) of `net`.
    pub fn at(net: &Network, i: usize) -> FlowEvidence {
        FlowEvidence::of(net, &net.flow(i).to_flow())
    }

    /// The flow as JSON: from, to, kind, volume, (unit, when `with_unit`,) confidence and sources,
    /// each source with its document's file name (`doc`), short citation (`cite`) and quote.
    pub fn json(&self, with_unit: bool) -> Value {
        let mut o = Map::new();
        o.insert("from".into(), json!(self.from));
        o.insert("to".into(), json!(self.to));
        o.insert("kind".into(), json!(self.kind));
        o.insert("volume".into(), report::json_number(self.volume));
        if with_unit {
            o.insert("unit".into(), json!(self.unit));
        }
        o.insert(
            "confidence".into(),
            report::json_number(Some(self.confidence)),
        );
        let sources: Vec<Value> = self
            .sources
            .iter()
            .map(|s| json!({"doc": s.doc, "cite": s.cite, "quote": s.quote}))
            .collect();
        o.insert("sources".into(), Value::Array(sources));
        Value::Object(o)
    }

    /// The flow as compact JSON: `{"from", "to", "kind"}`.
    pub fn compact_json(&self) -> Value {
        json!({"from": self.from, "to": self.to, "kind": self.kind})
    }

    /// The sources in one CSV cell: `Ellis, Oct 2025 (file): "quote"` joined by `; `.
    pub fn sources_cell(&self) -> String {
        self.sources
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The volume for reading: `30 people`, or `-`.
    pub fn volume_text(&self) -> String {
        match (self.volume, &self.unit) {
            (Some(v), Some(u)) => format!("{} {u}", report::rounded(v)),
            (Some(v), None) => report::rounded(v),
            (None, _) => "-".into(),
        }
    }
}

/// Where a chain's flow class changes: at an actor, from one class of flow kinds to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// The actor between the two flows.
    pub at: String,
    /// The class of the flow before.
    pub from: String,
    /// The class of the flow after.
    pub to: String,
}

/// A chain as reported: the actors' ids, the flows followed, the evidence and the bottleneck.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownChain {
    /// The actors' ids, in order.
    pub actors: Vec<String>,
    /// The flows followed (one fewer than the actors).
    pub flows: Vec<FlowEvidence>,
    /// The product of the flows' confidences.
    pub evidence: f64,
    /// The smallest volume along the chain, when every flow has one in one unit.
    pub bottleneck: Option<f64>,
    /// Where the flow class changes.
    pub conversions: Vec<Conversion>,
}

impl ShownChain {
    /// A chain through the actors at positions `actors` of `net` along `flows`, with its evidence
    /// and bottleneck. The classes of the flows' kinds are those of `net`.
    pub fn new<'f>(
        net: &Network,
        actors: impl IntoIterator<Item = usize>,
        flows: impl IntoIterator<Item = &'f Flow>,
        evidence: f64,
        bottleneck: Option<f64>,
    ) -> ShownChain {
        let actors: Vec<String> = actors
            .into_iter()
            .map(|a| net.actors[a].id.to_string())
            .collect();
        let flows: Vec<&Flow> = flows.into_iter().collect();
        let conversions = (1..flows.len())
            .filter_map(|i| {
                let before = net.kind_class(flows[i - 1].kind());
                let after = net.kind_class(flows[i].kind());
                (before != after).then(|| Conversion {
                    at: actors[i].clone(),
                    from: before.to_string(),
                    to: after.to_string(),
                })
            })
            .collect();
        ShownChain {
            flows: flows.iter().map(|f| FlowEvidence::of(net, f)).collect(),
            actors,
            evidence,
            bottleneck,
            conversions,
        }
    }

    /// A chain found in `net` by the chain search.
    pub fn of(net: &Network, s: &Scored) -> ShownChain {
        let flows: Vec<Flow> = s
            .chain
            .flows
            .iter()
            .map(|&f| net.flow(f as usize).to_flow())
            .collect();
        ShownChain::new(
            net,
            s.chain.actors.iter().map(|&a| a as usize),
            &flows,
            s.evidence,
            s.bottleneck,
        )
    }

    /// The chain as JSON (`actors`, `kinds`, `hops`, `confidence`, `bottleneck`, `conversions`,
    /// `flows`); with `evidence` false, each flow is only `{"from", "to", "kind"}` (no volume,
    /// confidence or sources).
    pub fn json(&self, evidence: bool) -> Value {
        let conv: Vec<Value> = self
            .conversions
            .iter()
            .map(|c| json!({"at": c.at, "from": c.from, "to": c.to}))
            .collect();
        let flows: Vec<Value> = self
            .flows
            .iter()
            .map(|f| match evidence {
                true => f.json(true),
                false => f.compact_json(),
            })
            .collect();
        json!({
            "actors": self.actors,
            "kinds": self.flows.iter().map(|f| f.kind.as_str()).collect::<Vec<_>>(),
            "hops": self.flows.len(),
            "confidence": report::json_number(Some(self.evidence)),
            "bottleneck": report::json_number(self.bottleneck),
            "conversions": conv,
            "flows": flows,
        })
    }

    /// `a ─kind→ b ─kind→ c`.
    pub fn line(&self) -> String {
        let mut line = self.actors.first().cloned().unwrap_or_default();
        for (f, to) in self.flows.iter().zip(&self.actors[1..]) {
            line.push_str(&format!(" ─{}→ {to}", f.kind));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries::tests::laundering;

    #[test]
    fn a_flow_shows_its_sources_and_amount() {
        let net = laundering();
        let cash = FlowEvidence::at(&net, 0);
        assert_eq!(cash.volume_text(), "10 USD");
        assert_eq!(
            cash.sources_cell(),
            "a.txt: \"the clan buys gold with cash\""
        );
        let json = cash.json(true);
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "from",
                "to",
                "kind",
                "volume",
                "unit",
                "confidence",
                "sources"
            ]
        );
        assert_eq!(json["sources"][0]["cite"], "a.txt");
        assert!(cash.json(false).get("unit").is_none());
        assert_eq!(FlowEvidence::at(&net, 6).volume_text(), "-");
    }

    #[test]
    fn a_chain_shows_where_the_flow_class_changes() {
        let net = laundering();
        // clan ─cash→ miners ─gold→ mines: money becomes a commodity at miners.
        let flows = [net.flow(0).to_flow(), net.flow(1).to_flow()];
        let chain = ShownChain::new(&net, [0, 1, 2], &flows, 0.5, None);
        assert_eq!(chain.line(), "clan ─cash→ miners ─gold→ mines");
        assert_eq!(chain.conversions.len(), 1);
        assert_eq!(chain.conversions[0].at, "miners");
        let json = chain.json(false);
        assert_eq!(json["hops"], 2);
        assert_eq!(json["confidence"], 0.5);
        assert_eq!(
            json["flows"][1],
            serde_json::json!({"from": "miners", "to": "mines", "kind": "gold"})
        );
    }
}
