//! Checking the filters a user typed against the network, and saying what they removed.
//!
//! Every name is checked before a view is built: a kind or class in `--flows`, a field or
//! operator in `--where`, a layer. An unknown one is a [`FilterError::Usage`] naming it and the
//! closest known names. Known names that select nothing, a filter that leaves no flow, and flows
//! whose kind has no class left out by a class-based selection become warnings, so a typo or an
//! undeclared kind never passes for an answer.

use super::View;
use super::filters::{Filters, Op, kind_matches};
use super::layer::{self, Layer, LayerError};
use crate::model::Network;
use crate::model::kinds::OTHER;
use crate::suggest;
use serde_json::Value;
use std::collections::BTreeMap;

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
        let values = check_field(net, &format!("--where \"{c}\""), &c.field)?;
        // `FIELD=VALUE` that no flow has leaves no flow, which the view's warning names.
        if c.op == Op::Ne && !values.iter().any(|v| c.equals(v)) {
            warnings.push(format!(
                "--where {c}: no flow has {} = {}, so the filter removes nothing ({})",
                c.field,
                c.value,
                value_range(&c.field, &values)
            ));
        }
    }
    filters.layer =
        Layer::resolve(net, asked_layer, !filters.kinds.is_empty()).map_err(|e| match e {
            LayerError::Unknown(why) => FilterError::Usage(format!("--layer: {why}")),
            LayerError::Definition(why) => FilterError::File(why),
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

/// The values the flows hold in `field` (none null), after checking that the field is one a flow
/// may have: a defined field (`weight`, `volume`, `since`, …) or one some flow holds. An unknown
/// field is bad usage naming `option` and the closest known fields. O(E).
pub fn check_field(net: &Network, option: &str, field: &str) -> Result<Vec<Value>, FilterError> {
    let values: Vec<Value> = net
        .flows()
        .filter_map(|f| f.field(field))
        .filter(|v| !v.is_null())
        .collect();
    if values.is_empty() && !DEFINED_FIELDS.contains(&field) {
        let mut known: Vec<String> = DEFINED_FIELDS.iter().map(|s| s.to_string()).collect();
        for f in net.flows() {
            for k in f.extra().keys() {
                if !known.contains(k) {
                    known.push(k.clone());
                }
            }
        }
        return Err(FilterError::Usage(format!(
            "{option}: {}",
            suggest::unknown("flow field", field, known.iter().map(String::as_str))
        )));
    }
    Ok(values)
}

/// How many flows have each kind, by kind name.
fn kind_counts(net: &Network) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for f in net.flows() {
        *counts.entry(f.kind()).or_insert(0) += 1;
    }
    counts
}

/// The values a field takes, in a few words: `phase runs from 1 to 11`, or `kind is one of cash,
/// gold, …`.
fn value_range(field: &str, values: &[Value]) -> String {
    if values.is_empty() {
        return format!("no flow has {field}");
    }
    let numbers: Vec<f64> = values.iter().filter_map(Value::as_f64).collect();
    if numbers.len() == values.len() {
        let lo = numbers.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        return format!(
            "{field} runs from {} to {}",
            crate::report::number(lo),
            crate::report::number(hi)
        );
    }
    let mut texts: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    texts.sort_unstable();
    texts.dedup();
    let more = if texts.len() > 5 { ", …" } else { "" };
    texts.truncate(5);
    format!("{field} is one of {}{more}", texts.join(", "))
}

/// What a view's filters removed that the user should hear about: a filter that left no flow
/// (naming it and how many flows it removed), and flows whose kind has no class that a class-based
/// selection (the layer, `@class` in `--flows`) left out, by kind, with how to declare them.
/// O(E · filters) when the view is empty, O(E) when flows are chosen by class.
pub fn view_warnings(view: &View) -> Vec<String> {
    let net = view.network();
    let filters = view.filters();
    let mut warnings = Vec::new();
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
                    Some(c) => {
                        let values: Vec<Value> = net
                            .flows()
                            .filter_map(|f| f.field(&c.field))
                            .filter(|v| !v.is_null())
                            .collect();
                        match c.op == Op::Eq && !values.iter().any(|v| c.equals(v)) {
                            true => format!(
                                " (no flow has {} = {}; {})",
                                c.field,
                                c.value,
                                value_range(&c.field, &values)
                            ),
                            false => format!(" ({})", value_range(&c.field, &values)),
                        }
                    }
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
