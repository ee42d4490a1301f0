//! Checking the filters a user typed against the network, and saying what they removed.
//!
//! Every name is checked before a view is built: a kind or class in `--flows`, a field or
//! operator in `--where`, a layer. An unknown one is a [`FilterError::Usage`] naming it and the
//! closest known names. Known names that select nothing, a filter that leaves no flow, and flows
//! whose kind has no class left out by a class-based selection become warnings, so a typo or an
//! undeclared kind never passes for an answer.

use super::View;
use super::filters::{Condition, Filters, Op, kind_matches};
use super::layer::{self, Layer, LayerError};
use crate::model::Network;
use crate::model::kinds::OTHER;
use crate::suggest;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A filter that cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    /// A name the network does not know, or a malformed option (bad usage, exit 2).
    #[error("{0}")]
    Usage(String),
    /// The network's own layer definition is wrong (an error in the file, exit 1).
    #[error("{0}")]
    File(String),
}

/// Filters checked against a network, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The filters, with the layer resolved.
    pub filters: Filters,
    /// Warnings for stderr, one line each.
    pub warnings: Vec<String>,
}

/// The flow fields every flow has or may have (`FlowRef::field`); others come from the file.
const DEFINED_FIELDS: [&str; 9] = [
    "from",
    "to",
    "kind",
    "weight",
    "volume",
    "confidence",
    "unit",
    "since",
    "until",
];

/// Checks the filters typed (`filters`, whose layer is ignored) and the layer asked for
/// (`--layer`), and resolves the layer (see [`Layer::resolve`]). Unknown kinds, classes, fields,
/// operators and layers are errors with the closest known names; `--flows` terms that match no
/// flow of the network and `--where FIELD=VALUE` (or `!=`) values that no flow has are warnings.
/// O(E) when `--flows` or `--where` is given, plus the layer's actors.
pub fn check_filters(
    net: &Network,
    asked_layer: Option<&str>,
    mut filters: Filters,
) -> Result<Checked, FilterError> {
    let mut warnings = Vec::new();
    warnings.extend(check_flow_terms(net, "--flows", &filters.kinds)?);
    for c in &filters.conditions {
        check_field(net, &format!("--where \"{c}\""), &c.field)?;
        // `FIELD=VALUE` that no flow has leaves no flow, which the view's warning names.
        if c.op == Op::Ne && !any_equal(net, c) {
            warnings.push(format!(
                "--where {c}: no flow has {} = {}, so the filter removes nothing ({})",
                c.field,
                c.value,
                value_range(net, &c.field)
            ));
        }
    }
    filters.layer =
        Layer::resolve(net, asked_layer, !filters.kinds.is_empty()).map_err(|e| match e {
            LayerError::Unknown(why) => FilterError::Usage(format!("--layer: {why}")),
            e @ LayerError::Definition { .. } => FilterError::File(e.to_string()),
        })?;
    Ok(Checked { filters, warnings })
}

/// Checks flow terms typed for `option` (kinds, or classes written `@class`): an unknown one is
/// bad usage with the closest known names; the warnings name terms that match no flow. O(E).
pub fn check_flow_terms(
    net: &Network,
    option: &str,
    terms: &[String],
) -> Result<Vec<String>, FilterError> {
    let mut warnings = Vec::new();
    if terms.is_empty() {
        return Ok(warnings);
    }
    let counts = kind_counts(net);
    let present: Vec<&str> = counts.keys().copied().collect();
    for term in terms {
        layer::check_flow_term(term, net.vocabulary(), &present)
            .map_err(|why| FilterError::Usage(format!("{option}: {why}")))?;
        let one = std::slice::from_ref(term);
        if !present
            .iter()
            .any(|k| kind_matches(one, k, net.kind_class(k)))
        {
            let what = match term.strip_prefix('@') {
                Some(class) => format!("of class {class}"),
                None => format!("of kind {term}"),
            };
            warnings.push(format!(
                "{option} {term}: {} has no flow {what}",
                net.title()
            ));
        }
    }
    Ok(warnings)
}

/// Checks that `field` is one a flow may have: a defined field (`weight`, `volume`, `since`, …) or
/// one some flow holds. An unknown field is bad usage naming `option` and the closest known fields.
/// O(E) at worst (it stops at the first flow holding the field).
pub fn check_field(net: &Network, option: &str, field: &str) -> Result<(), FilterError> {
    let held = net
        .flows()
        .any(|f| f.field(field).is_some_and(|v| !v.is_null()));
    if !held && !DEFINED_FIELDS.contains(&field) {
        let known = known_fields(net);
        return Err(FilterError::Usage(format!(
            "{option}: {}",
            suggest::unknown("flow field", field, known.iter().map(String::as_str))
        )));
    }
    Ok(())
}

/// The flow fields a user may name: the defined ones (`weight`, `since`, …), then those the
/// network's flows hold, in the order first met. O(E).
pub fn known_fields(net: &Network) -> Vec<String> {
    let mut known: Vec<String> = DEFINED_FIELDS.iter().map(|s| s.to_string()).collect();
    for f in net.flows() {
        for k in f.extra().keys() {
            if !known.contains(k) {
                known.push(k.clone());
            }
        }
    }
    known
}

/// Whether some flow's field equals the condition's value (as `=` compares). Stops at the first.
fn any_equal(net: &Network, c: &Condition) -> bool {
    net.flows()
        .any(|f| f.field(&c.field).is_some_and(|v| c.equals(&v)))
}

/// How many flows have each kind, by kind name.
fn kind_counts(net: &Network) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for f in net.flows() {
        *counts.entry(f.kind()).or_insert(0) += 1;
    }
    counts
}

/// The values the flows hold in a field, in a few words: `phase runs from 1 to 11`, or `kind is one
/// of cash, gold, …` (at most five shown). O(E).
fn value_range(net: &Network, field: &str) -> String {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut texts: BTreeSet<String> = BTreeSet::new();
    for v in net.flows().filter_map(|f| f.field(field)) {
        match v {
            Value::Null => {}
            Value::Number(n) => match n.as_f64() {
                Some(x) => {
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
                None => {
                    texts.insert(n.to_string());
                }
            },
            Value::String(s) => {
                texts.insert(s);
            }
            other => {
                texts.insert(other.to_string());
            }
        }
    }
    if texts.is_empty() {
        return match lo <= hi {
            true => format!(
                "{field} runs from {} to {}",
                crate::report::number(lo),
                crate::report::number(hi)
            ),
            false => format!("no flow has {field}"),
        };
    }
    if lo <= hi {
        texts.insert(crate::report::number(lo));
        texts.insert(crate::report::number(hi));
    }
    let more = if texts.len() > 5 { ", …" } else { "" };
    let shown: Vec<String> = texts.into_iter().take(5).collect();
    format!("{field} is one of {}{more}", shown.join(", "))
}

/// What a view's filters removed that the user should hear about: a filter that left no flow
/// (naming it and how many flows it removed), and flows whose kind has no class that a class-based
/// selection (the layer, `@class` in `--flows`) left out, by kind, with how to declare them.
/// O(E · filters) when the view is empty, O(E) when flows are chosen by class.
pub fn view_warnings(view: &View) -> Vec<String> {
    let net = view.network();
    let filters = view.filters();
    let mut warnings = Vec::new();
    if net.actors.is_empty() && net.flow_count() == 0 {
        warnings.push(format!(
            "{}: {}",
            net.origin(),
            crate::model::validate::EMPTY_NETWORK
        ));
    }
    if view.flows().is_empty() && net.flow_count() > 0 {
        let stages = filters.stages();
        let mut kept: Vec<usize> = (0..net.flow_count()).collect();
        let mut before = "the network".to_string();
        for (s, stage) in stages.iter().enumerate() {
            let next: Vec<usize> = kept
                .iter()
                .copied()
                .filter(|&i| stage.keeps(net, net.flow(i)))
                .collect();
            if next.is_empty() {
                let why = match stage.condition {
                    Some(c) => match c.op == Op::Eq && !any_equal(net, c) {
                        true => format!(
                            " (no flow has {} = {}; {})",
                            c.field,
                            c.value,
                            value_range(net, &c.field)
                        ),
                        false => format!(" ({})", value_range(net, &c.field)),
                    },
                    None => String::new(),
                };
                warnings.push(format!(
                    "{} left no flow: it removed all {} flow{} of {before}{why}",
                    stage.label,
                    kept.len(),
                    if kept.len() == 1 { "" } else { "s" }
                ));
                break;
            }
            kept = next;
            before = stages[..=s]
                .iter()
                .map(|st| st.label.as_str())
                .collect::<Vec<_>>()
                .join(", ");
        }
    }
    if let Some(w) = unclassified_left_out(net, filters) {
        warnings.push(w);
    }
    warnings
}

/// The warning for flows of kinds without a class that the layer or `--flows @class` leaves
/// out, or `None` when there are none (or flows are not chosen by class).
fn unclassified_left_out(net: &Network, filters: &Filters) -> Option<String> {
    if !filters.selects_by_class() {
        return None;
    }
    let by_class = |f| {
        filters
            .layer
            .as_ref()
            .is_none_or(|l: &Layer| l.keeps(net, f))
            && (filters.kinds.is_empty()
                || kind_matches(&filters.kinds, f.kind(), net.flow_class(f)))
    };
    let mut left_out: BTreeMap<&str, usize> = BTreeMap::new();
    for f in net.flows() {
        if net.flow_class(f) == OTHER && !by_class(f) {
            *left_out.entry(f.kind()).or_insert(0) += 1;
        }
    }
    let by = match (
        &filters.layer,
        filters.kinds.iter().any(|k| k.starts_with('@')),
    ) {
        (Some(l), false) => l.label(),
        (Some(l), true) if !l.is_all() => {
            format!("{} and --flows {}", l.label(), filters.kinds.join(","))
        }
        _ => format!("--flows {}", filters.kinds.join(",")),
    };
    unclassified_message(&left_out, &by)
}

/// `N flows of K kinds without a class were left out by WHAT: deposit (120), …; declare …`, or
/// `None` for no kind. Shared by views and by chain queries.
pub fn unclassified_message(left_out: &BTreeMap<&str, usize>, by: &str) -> Option<String> {
    let first = left_out.keys().next()?;
    let total: usize = left_out.values().sum();
    let kinds: Vec<String> = left_out.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    Some(format!(
        "{total} flow{} of {} kind{} without a class left out by {by}: {}; declare their classes in a kinds section (in the file, or --kinds FILE), e.g. {{\"kinds\": {{\"flows\": {{\"{first}\": {{\"class\": \"money\"}}}}}}}}",
        if total == 1 { "" } else { "s" },
        left_out.len(),
        if left_out.len() == 1 { "" } else { "s" },
        kinds.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Condition;

    /// clan ─gold→ mine, clan ─deposit→ bank (deposit has no class), pnp ─arrest→ clan; flows
    /// carry a `phase` 1, 2, 2.
    fn net() -> Network {
        let json = r#"{"kinds": {"layers": {"economy": {"flows": ["@illicit", "@money"]},
                                  "odd": {"between": [{"actors": ["nobody"], "flows": ["@tie"]}]}}},
          "actors": [{"id": "clan", "kind": "family-clan"}, {"id": "mine"}, {"id": "bank", "kind": "bank"},
                     {"id": "pnp", "kind": "police"}],
          "flows": [{"from": "clan", "to": "mine", "kind": "gold", "phase": 1},
                    {"from": "clan", "to": "bank", "kind": "deposit", "phase": 2},
                    {"from": "pnp", "to": "clan", "kind": "arrest", "phase": 2}]}"#;
        let mut n = crate::io::json::parse_str(json, "t.json").unwrap();
        n.index().unwrap();
        n
    }

    fn typed(kinds: &[&str], conditions: &[&str]) -> Filters {
        Filters {
            kinds: kinds.iter().map(|s| s.to_string()).collect(),
            conditions: conditions
                .iter()
                .map(|c| Condition::parse(c).unwrap())
                .collect(),
            ..Filters::default()
        }
    }

    fn usage(r: Result<Checked, FilterError>) -> String {
        match r {
            Err(FilterError::Usage(why)) => why,
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn unknown_names_are_usage_errors_and_empty_names_warnings() {
        let n = net();
        assert_eq!(
            usage(check_filters(&n, Some("all"), typed(&["gld"], &[]))),
            "--flows: unknown flow kind \"gld\"; did you mean \"gold\" or \"gold-export\"?"
        );
        assert_eq!(
            usage(check_filters(&n, Some("all"), typed(&[], &["phse=1"]))),
            "--where \"phse=1\": unknown flow field \"phse\"; did you mean \"phase\"?"
        );
        assert!(usage(check_filters(&n, Some("econmy"), typed(&[], &[]))).contains("\"economy\""));
        // A built-in kind no flow has, and `!=` a value no flow has: warnings.
        let ok = check_filters(&n, Some("all"), typed(&["heroin"], &["phase!=7"])).unwrap();
        assert_eq!(
            ok.warnings,
            [
                "--flows heroin: network has no flow of kind heroin",
                "--where phase!=7: no flow has phase = 7, so the filter removes nothing (phase runs from 1 to 2)"
            ]
        );
        // A defined field no flow holds is not unknown.
        assert!(check_filters(&n, None, typed(&[], &["volume>1"])).is_ok());
        // A layer whose actors name nothing is an error in the file.
        assert!(matches!(
            check_filters(&n, Some("odd"), typed(&[], &[])),
            Err(FilterError::File(why)) if why.contains("kinds.layers.odd.between[0].actors")
        ));
    }

    #[test]
    fn the_filter_that_empties_the_view_is_named() {
        let n = net();
        let f = check_filters(&n, Some("economy"), typed(&[], &["phase=2", "kind=gold"]))
            .unwrap()
            .filters;
        let v = View::new(&n, &f);
        assert!(v.flows().is_empty());
        let w = view_warnings(&v);
        // economy keeps gold (phase 1); phase=2 removes it. deposit has no class: left out.
        assert_eq!(
            w,
            [
                "--where phase=2 left no flow: it removed all 1 flow of layer economy (phase runs from 1 to 2)",
                "1 flow of 1 kind without a class left out by layer economy: deposit (1); declare their classes in a kinds section (in the file, or --kinds FILE), e.g. {\"kinds\": {\"flows\": {\"deposit\": {\"class\": \"money\"}}}}"
            ]
        );
        let f = check_filters(&n, Some("all"), typed(&[], &["phase=9"]))
            .unwrap()
            .filters;
        assert_eq!(
            view_warnings(&View::new(&n, &f)),
            [
                "--where phase=9 left no flow: it removed all 3 flows of layer all (no flow has phase = 9; phase runs from 1 to 2)"
            ]
        );
    }
}
