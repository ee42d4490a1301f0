//! Which flows a view keeps: the layer, `--flows`, the date window, `--min-confidence` and
//! `--where` conditions (docs/views.md).

use super::layer::Layer;
use crate::model::{FlowRef, Network, PartialDate};
use crate::suggest;
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

/// The operators of `--where`, as typed.
const OPS: [(&str, Op); 6] = [
    ("=", Op::Eq),
    ("!=", Op::Ne),
    ("<", Op::Lt),
    ("<=", Op::Le),
    (">", Op::Gt),
    (">=", Op::Ge),
];

/// Characters that make up an operator (and the run of them read as one).
const OP_CHARS: [char; 5] = ['=', '<', '>', '!', '~'];

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
    /// Parses `FIELD OP VALUE` (spaces optional), e.g. `phase=3`, `volume >= 10`, `kind!=gold`. An
    /// operator that is not one of `=`, `!=`, `<`, `<=`, `>`, `>=` is named with the closest ones
    /// (`==` → `=`, `=>` → `>=`). The message names the option: `--where "phase==6": …`.
    pub fn parse(text: &str) -> Result<Condition, String> {
        let fail = |why: String| format!("--where \"{text}\": {why}");
        let at = text
            .find(OP_CHARS)
            .ok_or_else(|| fail("no operator (use =, !=, <, <=, >, >=)".into()))?;
        let rest = &text[at..];
        let run_len = rest
            .find(|c: char| !OP_CHARS.contains(&c))
            .unwrap_or(rest.len());
        let run = &rest[..run_len];
        let Some(&(_, op)) = OPS.iter().find(|(s, _)| *s == run) else {
            let reversed: String = run.chars().rev().collect();
            let mut close: Vec<&str> = OPS
                .iter()
                .map(|(s, _)| *s)
                .filter(|s| *s == reversed)
                .collect();
            for s in suggest::closest(run, OPS.iter().map(|(s, _)| *s)) {
                if !close.contains(&s) {
                    close.push(s);
                }
            }
            close.truncate(3);
            return Err(fail(format!(
                "unknown operator \"{run}\"{}",
                suggest::did_you_mean(&close)
            )));
        };
        let field = text[..at].trim();
        let value = rest[run_len..].trim();
        if field.is_empty() || value.is_empty() {
            return Err(fail("needs FIELD OP VALUE, e.g. phase=3".into()));
        }
        if looks_like_a_grouped_number(value) {
            return Err(fail(format!(
                "\"{value}\" is not a number (write it without separators: {}); it would be compared as text",
                value.replace(['_', ','], "")
            )));
        }
        Ok(Condition {
            field: field.to_string(),
            op,
            value: value.to_string(),
        })
    }

    /// Whether a flow satisfies the condition. Numbers compare numerically, text bytewise; a flow
    /// without the field satisfies only `!=`.
    pub fn holds(&self, flow: FlowRef<'_>) -> bool {
        use std::cmp::Ordering;
        let ordering = match flow.field(&self.field) {
            None | Some(Value::Null) => return self.op == Op::Ne,
            Some(value) => compare(&value, &self.value),
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

    /// Whether a field's value equals the condition's value as `=` compares them.
    pub fn equals(&self, value: &Value) -> bool {
        compare(value, &self.value) == Some(std::cmp::Ordering::Equal)
    }
}

/// Compares a flow's field value with a typed value: numbers numerically, the rest as text.
fn compare(value: &Value, typed: &str) -> Option<std::cmp::Ordering> {
    match value {
        Value::Number(n) => match (n.as_f64(), typed.parse::<f64>()) {
            (Some(a), Ok(b)) => a.partial_cmp(&b),
            _ => Some(n.to_string().as_str().cmp(typed)),
        },
        Value::String(s) => Some(s.as_str().cmp(typed)),
        other => Some(other.to_string().as_str().cmp(typed)),
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.field, self.op, self.value)
    }
}

/// Which flows a view keeps (docs/views.md). The default keeps every flow.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// The layer chosen (`--layer`, or the file's default layer); `None` when the network
    /// declares no layer and none was asked for.
    pub layer: Option<Layer>,
    /// Flow kinds, or classes written `@class`; empty keeps every kind.
    pub kinds: Vec<String>,
    /// Keep flows whose period overlaps a window starting at this date.
    pub since: Option<PartialDate>,
    /// Keep flows whose period overlaps a window ending at this date.
    pub until: Option<PartialDate>,
    /// Keep flows at least this confident.
    pub min_confidence: Option<f64>,
    /// Keep only flows that give a date (`since` or `until`; `--dated`).
    pub dated: bool,
    /// Conditions on flow fields, all of which must hold.
    pub conditions: Vec<Condition>,
    /// Treat every flow as undirected.
    pub undirected: bool,
    /// Count only the actors with at least one kept flow (`--active`); flows are unaffected.
    pub active: bool,
}

/// One filter of a [`Filters`], as a predicate on flows, with the label it is described by.
pub struct Stage<'f> {
    /// How the filter is written: `layer criminal-economy (default)`, `--where phase=6`.
    pub label: String,
    /// The `--where` condition, for a stage that is one.
    pub condition: Option<&'f Condition>,
    keeps: FlowTest<'f>,
}

/// A predicate on the flows of a network.
type FlowTest<'f> = Box<dyn Fn(&Network, FlowRef<'_>) -> bool + 'f>;

impl Stage<'_> {
    /// Whether a flow passes this filter.
    pub fn keeps(&self, net: &Network, flow: FlowRef<'_>) -> bool {
        (self.keeps)(net, flow)
    }
}

/// Whether a flow gives a date (`since` or `until`).
pub fn is_dated(flow: FlowRef<'_>) -> bool {
    flow.since().is_some() || flow.until().is_some()
}

/// Whether a flow kind matches one of `terms` (kinds, or classes written `@class`).
pub fn kind_matches(terms: &[String], kind: &str, class: &str) -> bool {
    terms.iter().any(|t| match t.strip_prefix('@') {
        Some(c) => c == class,
        None => t == kind,
    })
}

impl Filters {
    /// Whether a flow passes every filter. Dates in the file are already validated; a flow without
    /// `since`/`until` is open on that side.
    pub fn keeps(&self, net: &Network, flow: FlowRef<'_>) -> bool {
        if let Some(layer) = &self.layer
            && !layer.keeps(net, flow)
        {
            return false;
        }
        if !self.kinds.is_empty() && !kind_matches(&self.kinds, flow.kind(), net.flow_class(flow)) {
            return false;
        }
        if let Some(min) = self.min_confidence
            && flow.confidence() < min
        {
            return false;
        }
        if self.dated && !is_dated(flow) {
            return false;
        }
        if !self.in_window(flow) {
            return false;
        }
        self.conditions.iter().all(|c| c.holds(flow))
    }

    fn after_since(&self, flow: FlowRef<'_>) -> bool {
        let date = |d: Option<&str>| d.and_then(|t| PartialDate::parse(t).ok());
        match (self.since, date(flow.until())) {
            (Some(window_start), Some(end)) => end.last_day() >= window_start.first_day(),
            _ => true,
        }
    }

    fn before_until(&self, flow: FlowRef<'_>) -> bool {
        let date = |d: Option<&str>| d.and_then(|t| PartialDate::parse(t).ok());
        match (self.until, date(flow.since())) {
            (Some(window_end), Some(start)) => start.first_day() <= window_end.last_day(),
            _ => true,
        }
    }

    fn in_window(&self, flow: FlowRef<'_>) -> bool {
        self.after_since(flow) && self.before_until(flow)
    }

    /// The filters one by one, in the order they are applied, each with its label. Together they
    /// keep exactly the flows [`Filters::keeps`] keeps; `--undirected` and `--active` remove no
    /// flow and are not stages (see [`Filters::labels`]).
    pub fn stages(&self) -> Vec<Stage<'_>> {
        let mut stages: Vec<Stage<'_>> = Vec::new();
        if let Some(layer) = &self.layer {
            stages.push(Stage {
                label: layer.label(),
                condition: None,
                keeps: Box::new(move |net, f| layer.keeps(net, f)),
            });
        }
        if !self.kinds.is_empty() {
            stages.push(Stage {
                label: format!("--flows {}", self.kinds.join(",")),
                condition: None,
                keeps: Box::new(|net, f| kind_matches(&self.kinds, f.kind(), net.flow_class(f))),
            });
        }
        if let Some(min) = self.min_confidence {
            stages.push(Stage {
                label: format!("--min-confidence {min}"),
                condition: None,
                keeps: Box::new(move |_, f| f.confidence() >= min),
            });
        }
        if self.dated {
            stages.push(Stage {
                label: "--dated".into(),
                condition: None,
                keeps: Box::new(|_, f| is_dated(f)),
            });
        }
        if let Some(d) = self.since {
            stages.push(Stage {
                label: format!("--since {d}"),
                condition: None,
                keeps: Box::new(|_, f| self.after_since(f)),
            });
        }
        if let Some(d) = self.until {
            stages.push(Stage {
                label: format!("--until {d}"),
                condition: None,
                keeps: Box::new(|_, f| self.before_until(f)),
            });
        }
        for c in &self.conditions {
            stages.push(Stage {
                label: format!("--where {c}"),
                condition: Some(c),
                keeps: Box::new(move |_, f| c.holds(f)),
            });
        }
        stages
    }

    /// Every filter as written, in the order applied: the stages, then `--undirected` and
    /// `--active`.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.stages().into_iter().map(|s| s.label).collect();
        if self.undirected {
            labels.push("--undirected".into());
        }
        if self.active {
            labels.push("--active".into());
        }
        labels
    }

    /// Whether flows are chosen by class somewhere (the layer or a `@class` in `--flows`), so
    /// that flows whose kind has no class may be left out unseen.
    pub fn selects_by_class(&self) -> bool {
        self.layer.as_ref().is_some_and(Layer::selects_by_class)
            || self.kinds.iter().any(|k| k.starts_with('@'))
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = OPS
            .iter()
            .find(|(_, op)| op == self)
            .map_or("=", |(s, _)| *s);
        f.write_str(s)
    }
}
