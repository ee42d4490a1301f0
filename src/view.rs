//! Views: the flows of a network that pass the user's filters, turned into a compact graph.
//!
//! Filters (DESIGN §2) remove flows, never actors: `n` always counts every actor in the file. A view is
//! built once per command; every algorithm then runs on its [`Graph`].

use crate::graph::{Arc, Graph};
use crate::model::{FlowRef, Network, PartialDate};
use serde_json::Value;
use std::fmt;

/// A comparison operator of `--where`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// One `--where FIELD OP VALUE` condition on flow fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The flow field compared.
    pub field: String,
    /// The comparison.
    pub op: Op,
    /// The value compared with, as typed.
    pub value: String,
}

/// Whether `value` is a number written with `_` or `,` between its digits (`1_000`, `1,000.5`),
/// which Rust and Python accept but a comparison would take as text.
fn looks_like_a_grouped_number(value: &str) -> bool {
    value.contains(['_', ','])
        && value
            .replace(['_', ','], "")
            .parse::<f64>()
            .is_ok_and(f64::is_finite)
        && value
            .trim_start_matches(['+', '-'])
            .starts_with(|c: char| c.is_ascii_digit())
}

impl Condition {
    /// Parses `FIELD OP VALUE` (spaces optional), e.g. `phase=3`, `volume >= 10`, `kind!=gold`.
    pub fn parse(text: &str) -> Result<Condition, String> {
        const OPS: [(&str, Op); 6] = [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("!=", Op::Ne),
            ("=", Op::Eq),
            ("<", Op::Lt),
            (">", Op::Gt),
        ];
        let at = text
            .find(['=', '<', '>', '!'])
            .ok_or_else(|| format!("\"{text}\" has no operator (use =, !=, <, <=, >, >=)"))?;
        let rest = &text[at..];
        let (symbol, op) = OPS
            .iter()
            .find(|(s, _)| rest.starts_with(s))
            .ok_or_else(|| format!("\"{text}\": unknown operator at \"{rest}\""))?;
        let field = text[..at].trim();
        let value = rest[symbol.len()..].trim();
        if field.is_empty() || value.is_empty() || value.starts_with(['=', '<', '>', '!']) {
            return Err(format!("\"{text}\" needs FIELD OP VALUE, e.g. phase=3"));
        }
        if looks_like_a_grouped_number(value) {
            return Err(format!(
                "\"{value}\" in \"{text}\" is not a number (write it without separators: {}); it would be compared as text",
                value.replace(['_', ','], "")
            ));
        }
        Ok(Condition {
            field: field.to_string(),
            op: *op,
            value: value.to_string(),
        })
    }

    /// Whether a flow satisfies the condition. Numbers compare numerically, text bytewise; a flow
    /// without the field satisfies only `!=`.
    pub fn holds(&self, flow: FlowRef<'_>) -> bool {
        use std::cmp::Ordering;
        let ordering = match flow.field(&self.field) {
            None | Some(Value::Null) => return self.op == Op::Ne,
            Some(Value::Number(n)) => match (n.as_f64(), self.value.parse::<f64>()) {
                (Some(a), Ok(b)) => a.partial_cmp(&b),
                _ => Some(n.to_string().as_str().cmp(self.value.as_str())),
            },
            Some(Value::String(s)) => Some(s.as_str().cmp(self.value.as_str())),
            Some(other) => Some(other.to_string().as_str().cmp(self.value.as_str())),
        };
        let Some(o) = ordering else { return false };
        match self.op {
            Op::Eq => o == Ordering::Equal,
            Op::Ne => o != Ordering::Equal,
            Op::Lt => o == Ordering::Less,
            Op::Le => o != Ordering::Greater,
            Op::Gt => o == Ordering::Greater,
            Op::Ge => o != Ordering::Less,
        }
    }
}

/// Which flows a view keeps (DESIGN §2). The default keeps every flow.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Flow kinds, or classes written `@class`; empty keeps every kind.
    pub kinds: Vec<String>,
    /// Keep flows whose period overlaps a window starting at this date.
    pub since: Option<PartialDate>,
    /// Keep flows whose period overlaps a window ending at this date.
    pub until: Option<PartialDate>,
    /// Keep flows at least this confident.
    pub min_confidence: Option<f64>,
    /// Conditions on flow fields, all of which must hold.
    pub conditions: Vec<Condition>,
    /// Treat every flow as undirected.
    pub undirected: bool,
}

impl Filters {
    /// Whether a flow passes every filter. Dates in the file are already validated; a flow without
    /// `since`/`until` is open on that side.
    pub fn keeps(&self, net: &Network, flow: FlowRef<'_>) -> bool {
        if !self.kinds.is_empty() {
            let kind = flow.kind();
            let class = net.flow_class(flow);
            let wanted = self.kinds.iter().any(|k| match k.strip_prefix('@') {
                Some(c) => c == class,
                None => k == kind,
            });
            if !wanted {
                return false;
            }
        }
        if let Some(min) = self.min_confidence
            && flow.confidence() < min
        {
            return false;
        }
        let date = |d: Option<&str>| d.and_then(|t| PartialDate::parse(t).ok());
        if let Some(window_start) = self.since
            && let Some(end) = date(flow.until())
            && end.last_day() < window_start.first_day()
        {
            return false;
        }
        if let Some(window_end) = self.until
            && let Some(start) = date(flow.since())
            && start.first_day() > window_end.last_day()
        {
            return false;
        }
        self.conditions.iter().all(|c| c.holds(flow))
    }
}

/// How flow weights are read (DESIGN §3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Weighting {
    /// Every flow counts 1; path measures count hops.
    #[default]
    Unweighted,
    /// `--weight FIELD`: a distance for path measures, a strength for spectral ones.
    Weight(String),
    /// `--strength FIELD`: a strength; path measures use the distance 1/strength.
    Strength(String),
}

/// An error building a view's graph.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ViewError {
    /// A flow's weight field is not a number.
    #[error("{flow}: field \"{field}\" is {value}, not a number")]
    NotANumber {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The value found.
        value: String,
    },
    /// A spectral measure met a negative strength.
    #[error(
        "{flow}: strength {} from \"{field}\" is negative; spectral measures need strengths ≥ 0",
        crate::report::number(*.value)
    )]
    NegativeStrength {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The strength.
        value: f64,
    },
    /// A path measure met a distance that is zero or negative.
    #[error(
        "{flow}: distance {} from \"{field}\" is not positive; path measures need distances > 0 (filter the flow out, or use --strength)",
        crate::report::number(*.value)
    )]
    NonPositiveDistance {
        /// The flow.
        flow: String,
        /// The field.
        field: String,
        /// The distance.
        value: f64,
    },
}

/// The flows of a network that pass the filters.
#[derive(Debug, Clone)]
pub struct View<'a> {
    net: &'a Network,
    flows: Vec<usize>,
    directed: bool,
}

/// A view's graph with what was noticed while building it.
#[derive(Debug, Clone)]
pub struct Weighted {
    /// The collapsed graph.
    pub graph: Graph,
    /// How many kept flows lacked the weight field (and counted as 1).
    pub missing: usize,
    /// The first flow whose distance is not positive, if any (an error for path measures only).
    pub bad_distance: Option<ViewError>,
    /// The first flow whose strength is negative, if any (an error for spectral measures only).
    pub bad_strength: Option<ViewError>,
}

impl Weighted {
    /// The graph, or the error about non-positive distances, for path measures.
    pub fn for_paths(&self) -> Result<&Graph, ViewError> {
        match &self.bad_distance {
            Some(e) => Err(e.clone()),
            None => Ok(&self.graph),
        }
    }

    /// The graph, or the error about negative strengths, for spectral measures.
    pub fn for_spectral(&self) -> Result<&Graph, ViewError> {
        match &self.bad_strength {
            Some(e) => Err(e.clone()),
            None => Ok(&self.graph),
        }
    }
}

impl<'a> View<'a> {
    /// Applies the filters to an indexed network.
    pub fn new(net: &'a Network, filters: &Filters) -> View<'a> {
        let flows = net
            .flows()
            .filter(|&f| filters.keeps(net, f))
            .map(|f| f.index())
            .collect();
        View {
            net,
            flows,
            directed: net.is_directed() && !filters.undirected,
        }
    }

    /// The network the view is of.
    pub fn network(&self) -> &'a Network {
        self.net
    }

    /// Positions (in the file) of the flows kept.
    pub fn flows(&self) -> &[usize] {
        &self.flows
    }

    /// Whether the view is directed.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The same view keeping only the flows whose two ends are both flagged in `actors` (one flag
    /// per actor; a missing flag counts as not kept). Actor positions are unchanged. O(E).
    pub fn within(&self, actors: &[bool]) -> View<'a> {
        let kept = |v: usize| actors.get(v).copied().unwrap_or(false);
        View {
            net: self.net,
            flows: self
                .flows
                .iter()
                .copied()
                .filter(|&i| {
                    let (a, b) = self.net.ends(i);
                    kept(a) && kept(b)
                })
                .collect(),
            directed: self.directed,
        }
    }

    /// Number of actors (every actor of the network).
    pub fn n(&self) -> usize {
        self.net.actor_count()
    }

    /// Builds the collapsed simple graph with the chosen weighting.
    pub fn graph(&self, weighting: &Weighting) -> Result<Weighted, ViewError> {
        if *weighting == Weighting::Unweighted {
            let pairs = self
                .flows
                .iter()
                .map(|&i| {
                    let (from, to) = self.net.ends(i);
                    (from as u32, to as u32)
                })
                .collect();
            return Ok(Weighted {
                graph: Graph::from_pairs(self.n(), self.directed, pairs),
                missing: 0,
                bad_distance: None,
                bad_strength: None,
            });
        }
        let mut arcs = Vec::with_capacity(self.flows.len());
        let mut missing = 0;
        let mut bad_distance = None;
        let mut bad_strength = None;
        for &i in &self.flows {
            let flow = self.net.flow(i);
            let (from, to) = self.net.ends(i);
            let (distance, strength) = match weighting {
                Weighting::Unweighted => (1.0, 1.0),
                Weighting::Weight(field) | Weighting::Strength(field) => {
                    let value = match flow.number(field) {
                        Ok(Some(x)) => x,
                        Ok(None) => {
                            missing += 1;
                            1.0
                        }
                        Err(v) => {
                            return Err(ViewError::NotANumber {
                                flow: self.flow_name(i),
                                field: field.clone(),
                                value: v.to_string(),
                            });
                        }
                    };
                    let distance = match weighting {
                        Weighting::Strength(_) => 1.0 / value,
                        _ => value,
                    };
                    if !(distance > 0.0 && distance.is_finite()) && bad_distance.is_none() {
                        bad_distance = Some(ViewError::NonPositiveDistance {
                            flow: self.flow_name(i),
                            field: field.clone(),
                            value: distance,
                        });
                    }
                    if value < 0.0 && bad_strength.is_none() {
                        bad_strength = Some(ViewError::NegativeStrength {
                            flow: self.flow_name(i),
                            field: field.clone(),
                            value,
                        });
                    }
                    (distance, value)
                }
            };
            arcs.push(Arc {
                from: from as u32,
                to: to as u32,
                distance,
                strength,
            });
        }
        let weighted = *weighting != Weighting::Unweighted;
        let mut graph = Graph::from_arcs(self.n(), self.directed, weighted, arcs);
        if let Weighting::Strength(_) = weighting {
            // A collapsed arc's distance is 1 / (summed strength), not the smallest 1 / strength.
            graph.set_inverse_strength_distances();
        }
        Ok(Weighted {
            graph,
            missing,
            bad_distance,
            bad_strength,
        })
    }

    fn flow_name(&self, i: usize) -> String {
        format!("flows[{i}] ({})", self.net.flow(i).label())
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        };
        f.write_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};

    fn net() -> Network {
        let mut n = Network::new();
        n.actors = ["a", "b", "c"].iter().map(|id| Actor::new(*id)).collect();
        let mut f1 = Flow::new("a", "b");
        f1.kind = Some("gold".into());
        f1.since = Some("2020".into());
        f1.until = Some("2021-06".into());
        f1.volume = Some(4.0);
        f1.extra.insert("phase".into(), 3.into());
        let mut f2 = Flow::new("b", "c");
        f2.kind = Some("cash".into());
        f2.confidence = Some(0.6);
        f2.volume = Some(2.0);
        let mut f3 = Flow::new("a", "b");
        f3.kind = Some("cash".into());
        f3.since = Some("2024-05-17".into());
        n.set_flows(vec![f1, f2, f3]);
        n.index().unwrap();
        n
    }

    fn kept(f: Filters) -> Vec<usize> {
        let n = net();
        View::new(&n, &f).flows().to_vec()
    }

    #[test]
    fn kinds_and_classes() {
        let f = |k: &[&str]| Filters {
            kinds: k.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(kept(f(&["gold"])), [0]);
        assert_eq!(kept(f(&["@money"])), [1, 2]);
        assert_eq!(kept(f(&["gold", "@money"])), [0, 1, 2]);
    }

    #[test]
    fn date_windows_overlap_inclusively() {
        let d = |s: &str| Some(PartialDate::parse(s).unwrap());
        let win = |s: Option<PartialDate>, u: Option<PartialDate>| Filters {
            since: s,
            until: u,
            ..Default::default()
        };
        assert_eq!(kept(win(d("2021-06-30"), None)), [0, 1, 2]);
        assert_eq!(kept(win(d("2021-07"), None)), [1, 2]);
        assert_eq!(kept(win(None, d("2019"))), [1]);
        assert_eq!(kept(win(None, d("2024-05"))), [0, 1, 2]);
        assert_eq!(kept(win(d("2022"), d("2023"))), [1]);
    }

    #[test]
    fn confidence_and_conditions() {
        let f = Filters {
            min_confidence: Some(0.7),
            ..Default::default()
        };
        assert_eq!(kept(f), [0, 2]);
        let w = |c: &str| Filters {
            conditions: vec![Condition::parse(c).unwrap()],
            ..Default::default()
        };
        assert_eq!(kept(w("phase=3")), [0]);
        assert_eq!(kept(w("phase != 3")), [1, 2]);
        assert_eq!(kept(w("volume>=2")), [0, 1]);
        assert_eq!(kept(w("volume<4")), [1]);
        assert_eq!(kept(w("kind=cash")), [1, 2]);
        assert_eq!(kept(w("since>2023")), [2]);
    }

    #[test]
    fn within_keeps_flows_between_flagged_actors() {
        let n = net();
        let cash = Filters {
            kinds: vec!["cash".into()],
            ..Default::default()
        };
        let v = View::new(&n, &cash);
        assert_eq!(v.within(&[true, true, false]).flows(), [2]);
        assert_eq!(v.within(&[false, true, true]).flows(), [1]);
        assert!(v.within(&[true]).flows().is_empty());
    }

    #[test]
    fn malformed_conditions_are_rejected() {
        for bad in ["phase", "=3", "phase=", "phase=>3", "a!b"] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
        let c = Condition::parse("volume >= 10").unwrap();
        assert_eq!(
            (c.field.as_str(), c.op, c.value.as_str()),
            ("volume", Op::Ge, "10")
        );
    }

    #[test]
    fn weights_and_bad_distances() {
        let n = net();
        let v = View::new(&n, &Filters::default());
        let w = v.graph(&Weighting::Weight("volume".into())).unwrap();
        assert_eq!(w.missing, 1);
        assert_eq!(w.graph.out().distances(0), &[1.0]);
        assert_eq!(w.graph.out().strengths(0), &[5.0]);
        let s = v.graph(&Weighting::Strength("volume".into())).unwrap();
        assert_eq!(s.graph.out().distances(0), &[0.2]);
        assert!(s.for_paths().is_ok());
        let c = v.graph(&Weighting::Weight("phase".into())).unwrap();
        assert_eq!(c.missing, 2);
        let mut bad = net();
        bad.edit_flow(1, |f| f.weight = Some(0.0));
        let v = View::new(&bad, &Filters::default());
        let w = v.graph(&Weighting::Weight("weight".into())).unwrap();
        let e = w.for_paths().unwrap_err().to_string();
        assert!(e.starts_with("flows[1] (b → c, cash): distance 0"), "{e}");
        let mut text = net();
        text.edit_flow(0, |f| {
            f.extra.insert("w".into(), "heavy".into());
        });
        let v = View::new(&text, &Filters::default());
        assert!(v.graph(&Weighting::Weight("w".into())).is_err());
    }
}
