//! Periods side by side (`--by`): one analysis per period, over the actors active in it.
//!
//! A period is a value of a flow field (`--by phase`: one period per value the kept flows hold),
//! or a calendar bucket of the flows' `since`/`until` (`--by year`, `quarter`, `month`). Each
//! period's analysis is exactly the command run with the period's filter added to the user's and
//! `--active`: `--where FIELD=V`, or `--dated --since START --until END` for a bucket. The filter
//! is added to the [`FlowFilter`] and the command's own query runs on it, so `--by` and the runs
//! by hand agree by construction (tests/cli/periods.rs checks it on the command line).
//!
//! - Field values: numbers in numeric order, then text in text order (bytewise). A number and a
//!   text that `--where` compares as equal (`3` and `"3"`) are one period. Kept flows without the
//!   field are in no period (a warning counts them).
//! - Date buckets: every bucket from the earliest date a kept flow gives to the latest, clipped to
//!   `--since`/`--until`; a flow belongs to each bucket its period overlaps (the overlap rule of
//!   `--since`/`--until`: a flow with only `since` runs on, one with only `until` ran before). A
//!   bucket no flow overlaps is a period with no flow (its view says so on stderr). Kept flows with
//!   no date at all are in no period (a warning counts them): by hand, `--dated` leaves them out.
//!
//! The notes and warnings of the periods' runs are gathered: one that every period gave is said
//! once, the others once each with the periods that gave them (`phase 3, 5: …`). A period whose
//! analysis fails on its input (too few actors for `--k`, a measure that does not converge) is
//! reported as skipped, with the reason, and the others still run; bad usage stops everything.

pub mod centrality;
pub mod info;
pub mod keyplayers;

use super::FlowFilter;
use crate::error::{Error, Result};
use crate::model::date::Day;
use crate::model::{Network, PartialDate};
use crate::run::{Message, Messages, Run};
use crate::view::{Condition, Op, View, known_fields};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The most periods `--by` runs: more is almost surely the wrong field (an id, an amount).
pub const MAX_PERIODS: usize = 10_000;

crate::choice_enum! {
    /// A calendar bucket of the flows' dates.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Bucket {
        /// One period per calendar year.
        Year = "year" [],
        /// One period per quarter (Q1 = January to March).
        Quarter = "quarter" [],
        /// One period per month.
        Month = "month" [],
    }
}

/// What the periods are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum By {
    /// The values of a flow field.
    Field(String),
    /// Calendar buckets of `since`/`until`.
    Dates(Bucket),
}

impl By {
    /// The name as `--by` takes it (`phase`, `year`).
    pub fn name(&self) -> &str {
        match self {
            By::Field(f) => f,
            By::Dates(b) => crate::choice::Choice::name(*b),
        }
    }

    /// The JSON `"by"` object: `{"field": "phase"}` or `{"dates": "year"}`.
    pub fn json(&self) -> Value {
        match self {
            By::Field(f) => json!({ "field": f }),
            By::Dates(b) => json!({ "dates": crate::choice::Choice::name(*b) }),
        }
    }

    /// Resolves `--by NAME`: `year`, `quarter` and `month` are date buckets unless some flow holds
    /// a field of that name (the field wins, with a note); any other name must be a flow field
    /// ([`Error::Usage`] with the closest known names otherwise). O(E).
    pub fn resolve(net: &Network, name: &str, run: &Run) -> Result<By> {
        use crate::choice::Choice;
        let held = net
            .flows()
            .any(|f| f.field(name).is_some_and(|v| !v.is_null()));
        if let Some(bucket) = Bucket::from_name(name) {
            if !held {
                return Ok(By::Dates(bucket));
            }
            run.note(format!(
                "--by {name}: the flows' field \"{name}\", not the {name}s of their since/until"
            ));
            return Ok(By::Field(name.to_string()));
        }
        let known = known_fields(net);
        if !held && !known.iter().any(|k| k == name) {
            let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
            names.extend(Bucket::names());
            return Err(Error::Usage(format!(
                "--by {name}: {} (a flow field, or year, quarter, month)",
                crate::suggest::unknown("flow field", name, names)
            )));
        }
        Ok(By::Field(name.to_string()))
    }
}

/// One period to run: its value and the filter that selects its flows.
#[derive(Debug, Clone)]
pub struct PeriodKey {
    /// How tables show the period: the field's value as `--where` takes it, or `2019`,
    /// `2019-Q1`, `2019-03`.
    pub label: String,
    /// The period in JSON: the field's value (a number stays a number), or the label.
    pub value: Value,
    /// The filters the period adds to the user's, as typed: `--where phase=3`, or `--dated
    /// --since 2019-01 --until 2019-03`.
    pub added: String,
    /// The user's filters with the period's added.
    pub filter: FlowFilter,
}

/// The periods of a view, before any analysis.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What the periods are.
    pub by: By,
    /// The periods, in order.
    pub keys: Vec<PeriodKey>,
    /// How the periods are ordered, in words.
    pub order: String,
    /// Kept flows in no period (without the field, or without a date).
    pub outside: usize,
    /// The user's view (with `--active`) in words.
    pub view_line: String,
    /// The user's view as JSON.
    pub view: Value,
}

/// Derives the periods of the view `filter` gives (with `--active`): the field's values among the
/// kept flows, or the date buckets they overlap. A `--by` name no flow may have is
/// [`Error::Usage`] with suggestions, as is a field none of the kept flows holds; warnings say how
/// many kept flows are in no period. O(E log E).
pub fn plan(net: &Network, filter: &FlowFilter, by: &str, run: &Run) -> Result<Plan> {
    let by = By::resolve(net, by, run)?;
    let base = filter.view(net, true, run)?;
    let kept = base.flows().len();
    // `unnamed`: kept flows whose value `--where` cannot write, already warned about.
    let (keys, order, outside, unnamed) = match &by {
        By::Field(field) => field_periods(&base, filter, field, run)?,
        By::Dates(bucket) => {
            let (keys, order, outside) = date_periods(&base, filter, *bucket, run)?;
            (keys, order, outside, 0)
        }
    };
    if keys.len() > MAX_PERIODS {
        return Err(Error::Usage(format!(
            "--by {}: {} periods, more than {MAX_PERIODS}; choose a field with fewer values or a longer bucket",
            by.name(),
            keys.len()
        )));
    }
    if outside > unnamed {
        let without = outside - unnamed;
        let one = without == 1;
        let why = match &by {
            By::Field(field) => format!("{} no \"{field}\"", if one { "has" } else { "have" }),
            By::Dates(_) => format!(
                "{} no date (since or until)",
                if one { "gives" } else { "give" }
            ),
        };
        run.warn(format!(
            "--by {}: {without} of the {kept} kept flows {why} and {} in no period",
            by.name(),
            if one { "is" } else { "are" }
        ));
    }
    Ok(Plan {
        by,
        keys,
        order,
        outside,
        view_line: base.describe(),
        view: base.json(),
    })
}

/// The periods of a field: one per value the kept flows hold, numbers first in numeric order,
/// then text in text order. Returns them, the order in words, the kept flows in no period (without
/// the field, or with a value `--where` cannot name), and how many of those are the latter (which
/// it warns about).
fn field_periods(
    base: &View,
    filter: &FlowFilter,
    field: &str,
    run: &Run,
) -> Result<(Vec<PeriodKey>, String, usize, usize)> {
    let net = base.network();
    let mut numbers: Vec<f64> = Vec::new();
    let mut texts: BTreeSet<String> = BTreeSet::new();
    let mut missing = 0;
    for &i in base.flows() {
        match net.flow(i).field(field) {
            None | Some(Value::Null) => missing += 1,
            Some(Value::Number(n)) => match n.as_f64().filter(|x| x.is_finite()) {
                Some(x) => numbers.push(x),
                None => {
                    texts.insert(n.to_string());
                }
            },
            Some(Value::String(s)) => {
                texts.insert(s);
            }
            Some(other) => {
                texts.insert(other.to_string());
            }
        }
    }
    if numbers.is_empty() && texts.is_empty() {
        return Err(Error::Usage(format!(
            "--by {field}: none of the {} kept flows has \"{field}\"",
            base.flows().len()
        )));
    }
    numbers.sort_by(f64::total_cmp);
    numbers.dedup_by(|a, b| a == b);
    let number_labels: Vec<String> = numbers.iter().map(|&x| crate::report::number(x)).collect();
    // A text equal to a number's label is that number's period (`--where` finds both).
    texts.retain(|t| !number_labels.contains(t));
    let order = match (numbers.is_empty(), texts.is_empty()) {
        (false, true) => "in numeric order",
        (true, false) => "in text order",
        _ => "numbers in numeric order, then text in text order",
    };
    let mut keys = Vec::with_capacity(numbers.len() + texts.len());
    let mut unnamed: Vec<String> = Vec::new();
    let mut unnamed_flows = 0;
    let values = numbers
        .iter()
        .zip(number_labels)
        .map(|(&x, label)| (label, crate::report::json_number(Some(x))))
        .chain(texts.into_iter().map(|t| (t.clone(), Value::String(t))));
    for (label, value) in values {
        let text = format!("{field}={label}");
        // A value `--where` cannot write (empty, spaces around it, an operator inside) would
        // select other flows than its own: it is no period.
        match Condition::parse(&text) {
            Ok(c) if c.field == field && c.op == Op::Eq && c.value == label => {}
            _ => {
                unnamed.push(label);
                continue;
            }
        }
        let mut filter = filter.clone();
        filter.conditions.push(text.clone());
        keys.push(PeriodKey {
            added: format!("--where {text}"),
            label,
            value,
            filter,
        });
    }
    if !unnamed.is_empty() {
        let flows = base
            .flows()
            .iter()
            .filter(|&&i| {
                net.flow(i).field(field).is_some_and(|v| {
                    !v.is_null() && unnamed.iter().any(|u| text_of(&v).as_deref() == Some(u))
                })
            })
            .count();
        missing += flows;
        unnamed_flows = flows;
        run.warn(format!(
            "--by {field}: {flows} kept flow{} hold{} values that --where {field}=VALUE cannot name ({}), and are in no period",
            if flows == 1 { "" } else { "s" },
            if flows == 1 { "s" } else { "" },
            unnamed
                .iter()
                .map(|u| format!("\"{u}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    warn_overlaps(base, field, &keys, &numbers, run);
    if keys.is_empty() {
        return Err(Error::Usage(format!(
            "--by {field}: no value of \"{field}\" can be written as --where {field}=VALUE"
        )));
    }
    Ok((keys, order.to_string(), missing, unnamed_flows))
}

/// A field's value as a text period's label, `None` for a number (numbers have their own labels).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.as_f64().is_some_and(f64::is_finite) => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Warns when a text period is also a number to `--where` (`"03"` next to `3`): the flows holding
/// that number are then in two periods.
fn warn_overlaps(base: &View, field: &str, keys: &[PeriodKey], numbers: &[f64], run: &Run) {
    let net = base.network();
    for k in keys.iter().filter(|k| k.value.is_string()) {
        let Some(x) = k.label.parse::<f64>().ok().filter(|x| numbers.contains(x)) else {
            continue;
        };
        let flows = base
            .flows()
            .iter()
            .filter(|&&i| {
                matches!(net.flow(i).field(field), Some(Value::Number(n)) if n.as_f64() == Some(x))
            })
            .count();
        run.warn(format!(
            "--by {field}: --where compares \"{}\" as the number {}, so the {flows} kept flow{} holding {} {} in two periods",
            k.label,
            crate::report::number(x),
            if flows == 1 { "" } else { "s" },
            crate::report::number(x),
            if flows == 1 { "is" } else { "are" }
        ));
    }
}

/// A calendar bucket: its label and the dates it starts and ends with.
fn bucket_dates(bucket: Bucket, year: u16, part: u8) -> (String, PartialDate, PartialDate) {
    let date = |text: String| PartialDate::parse(&text).expect("a valid date");
    match bucket {
        Bucket::Year => (
            format!("{year:04}"),
            date(format!("{year:04}")),
            date(format!("{year:04}")),
        ),
        Bucket::Quarter => (
            format!("{year:04}-Q{part}"),
            date(format!("{year:04}-{:02}", 3 * part - 2)),
            date(format!("{year:04}-{:02}", 3 * part)),
        ),
        Bucket::Month => (
            format!("{year:04}-{part:02}"),
            date(format!("{year:04}-{part:02}")),
            date(format!("{year:04}-{part:02}")),
        ),
    }
}

/// The bucket a day falls in: (year, part), part being the quarter or month (0 for years).
fn bucket_of(bucket: Bucket, day: Day) -> (u16, u8) {
    match bucket {
        Bucket::Year => (day.0, 0),
        Bucket::Quarter => (day.0, (day.1 - 1) / 3 + 1),
        Bucket::Month => (day.0, day.1),
    }
}

/// The bucket after one.
fn next_bucket(bucket: Bucket, (year, part): (u16, u8)) -> (u16, u8) {
    let last = match bucket {
        Bucket::Year => return (year + 1, 0),
        Bucket::Quarter => 4,
        Bucket::Month => 12,
    };
    match part == last {
        true => (year + 1, 1),
        false => (year, part + 1),
    }
}

/// The periods of date buckets: every bucket from the earliest date of a kept flow to the latest,
/// clipped to the user's `--since`/`--until`. Returns them, the order in words and the kept flows
/// without a date.
fn date_periods(
    base: &View,
    filter: &FlowFilter,
    bucket: Bucket,
    _run: &Run,
) -> Result<(Vec<PeriodKey>, String, usize)> {
    let net = base.network();
    let name = crate::choice::Choice::name(bucket);
    let mut undated = 0;
    let mut span: Option<(Day, Day)> = None;
    let date = |d: Option<&str>| d.and_then(|t| PartialDate::parse(t).ok());
    for &i in base.flows() {
        let f = net.flow(i);
        let (since, until) = (date(f.since()), date(f.until()));
        let (Some(start), Some(end)) = (since.or(until), until.or(since)) else {
            undated += 1;
            continue;
        };
        let (start, end) = (start.first_day(), end.last_day());
        span = Some(match span {
            None => (start, end),
            Some((lo, hi)) => (lo.min(start), hi.max(end)),
        });
    }
    let Some((mut lo, mut hi)) = span else {
        return Err(Error::Usage(format!(
            "--by {name}: none of the {} kept flows gives a date (since or until)",
            base.flows().len()
        )));
    };
    if let Some(s) = filter.since {
        lo = lo.max(s.first_day());
    }
    if let Some(u) = filter.until {
        hi = hi.min(u.last_day());
    }
    let mut keys = Vec::new();
    let (mut at, end) = (bucket_of(bucket, lo), bucket_of(bucket, hi));
    while at <= end && lo <= hi {
        if keys.len() > MAX_PERIODS {
            break;
        }
        let (label, first, last) = bucket_dates(bucket, at.0, at.1);
        // The user's window, where it is narrower than the bucket.
        let since = match filter.since {
            Some(s) if s.first_day() > first.first_day() => s,
            _ => first,
        };
        let until = match filter.until {
            Some(u) if u.last_day() < last.last_day() => u,
            _ => last,
        };
        let mut f = filter.clone();
        f.dated = true;
        f.since = Some(since);
        f.until = Some(until);
        keys.push(PeriodKey {
            added: format!("--dated --since {since} --until {until}"),
            value: Value::String(label.clone()),
            label,
            filter: f,
        });
        at = next_bucket(bucket, at);
    }
    Ok((keys, "in time order".to_string(), undated))
}

/// One period's analysis.
#[derive(Debug, Clone)]
pub struct Period<T> {
    /// How tables show the period (see [`PeriodKey::label`]).
    pub label: String,
    /// The period in JSON.
    pub value: Value,
    /// The filters the period adds to the user's, as typed.
    pub added: String,
    /// Flows the period keeps.
    pub flows: usize,
    /// Actors with a kept flow in the period (those the analysis counts).
    pub actors_active: usize,
    /// The analysis, or why it could not be made on this period's flows.
    pub outcome: std::result::Result<T, String>,
}

/// One analysis per period, in order.
#[derive(Debug, Clone)]
pub struct Periods<T> {
    /// What the periods are.
    pub by: By,
    /// How they are ordered, in words.
    pub order: String,
    /// The user's view (with `--active`) in words.
    pub view_line: String,
    /// The user's view as JSON.
    pub view: Value,
    /// Kept flows in no period.
    pub outside: usize,
    /// The periods.
    pub periods: Vec<Period<T>>,
}

impl<T> Periods<T> {
    /// The line under the view that says what the periods are, e.g. `by phase: 11 periods in
    /// numeric order, each adding --where phase=V and --active to the view's filters`.
    pub fn describe(&self) -> String {
        let n = self.periods.len();
        let each = match &self.by {
            By::Field(f) => format!("each adding --where {f}=V and --active to the view's filters"),
            By::Dates(b) => format!(
                "each over the flows whose dates overlap the {} (--dated --since START --until END) and the actors active in it",
                crate::choice::Choice::name(*b)
            ),
        };
        let mut text = format!(
            "by {}: {n} period{} {}, {each}",
            self.by.name(),
            if n == 1 { "" } else { "s" },
            self.order
        );
        if self.outside > 0 {
            text.push_str(&format!(
                "; {} kept flow{} in no period",
                self.outside,
                if self.outside == 1 { "" } else { "s" }
            ));
        }
        text
    }

    /// The JSON of a command run `--by`: `{"view", "by", "order", "flows_outside", "periods":
    /// [{"period", "filter", "flows", "actors_active", …}]}`, each period's own keys given by
    /// `each` (or `"skipped": why`).
    pub fn to_json_with(&self, each: impl Fn(&T) -> Map<String, Value>) -> Value {
        let periods: Vec<Value> = self
            .periods
            .iter()
            .map(|p| {
                let mut o = Map::new();
                o.insert("period".into(), p.value.clone());
                o.insert("filter".into(), json!(p.added));
                o.insert("flows".into(), json!(p.flows));
                o.insert("actors_active".into(), json!(p.actors_active));
                match &p.outcome {
                    Ok(t) => o.extend(each(t)),
                    Err(why) => {
                        o.insert("skipped".into(), json!(why));
                    }
                }
                Value::Object(o)
            })
            .collect();
        json!({
            "view": self.view,
            "by": self.by.json(),
            "order": self.order,
            "flows_outside": self.outside,
            "periods": periods,
        })
    }

    /// The periods whose analysis was made, with it.
    pub fn made(&self) -> impl Iterator<Item = (&Period<T>, &T)> {
        self.periods
            .iter()
            .filter_map(|p| p.outcome.as_ref().ok().map(|t| (p, t)))
    }
}

/// Runs `analysis` once per period of `by` (see [`plan`]): each call gets the user's filter with
/// the period's added (`--active` is the analysis's to set) and a [`Run`] whose messages are
/// gathered and said once (module documentation). An [`Error::Input`] skips its period; if every
/// period fails, the first error is returned; other errors stop the run.
pub fn each<T>(
    net: &Network,
    filter: &FlowFilter,
    by: &str,
    run: &Run,
    mut analysis: impl FnMut(&FlowFilter, &Run) -> Result<T>,
) -> Result<Periods<T>> {
    let base_run = Run {
        messages: Messages::default(),
        ..run.clone()
    };
    let plan = plan(net, filter, by, &base_run);
    let said: Vec<Message> = base_run.messages.taken();
    for m in &said {
        run.messages.send(m.clone());
    }
    let plan = plan?;
    let quiet = Run::default();
    let mut gathered = Gathered::default();
    let mut periods = Vec::with_capacity(plan.keys.len());
    let mut first_error = None;
    for (k, key) in plan.keys.iter().cloned().enumerate() {
        let counts = key.filter.view(net, true, &quiet)?.counts();
        let sub = Run {
            messages: Messages::default(),
            ..run.clone()
        };
        let outcome = match analysis(&key.filter, &sub) {
            Ok(t) => Ok(t),
            Err(Error::Input(why)) => {
                sub.warn(format!("skipped: {why}"));
                first_error.get_or_insert_with(|| {
                    Error::Input(format!("{} {}: {why}", plan.by.name(), key.label))
                });
                Err(why)
            }
            Err(e) => return Err(e),
        };
        for m in sub.messages.taken() {
            gathered.add(k, m);
        }
        periods.push(Period {
            label: key.label,
            value: key.value,
            added: key.added,
            flows: counts.flows,
            actors_active: counts.actors_active,
            outcome,
        });
    }
    if let Some(e) = first_error
        && periods.iter().all(|p| p.outcome.is_err())
    {
        return Err(e);
    }
    let labels: Vec<&str> = periods.iter().map(|p| p.label.as_str()).collect();
    gathered.say(run, &said, plan.by.name(), &labels);
    Ok(Periods {
        by: plan.by,
        order: plan.order,
        view_line: plan.view_line,
        view: plan.view,
        outside: plan.outside,
        periods,
    })
}

/// The messages of the periods' runs, each with the periods that gave it, in the order first
/// given (few: a linear search finds them).
#[derive(Default)]
struct Gathered(Vec<(Message, Vec<usize>)>);

impl Gathered {
    fn add(&mut self, period: usize, m: Message) {
        match self.0.iter_mut().find(|(seen, _)| *seen == m) {
            Some((_, list)) if list.last() != Some(&period) => list.push(period),
            Some(_) => {}
            None => self.0.push((m, vec![period])),
        }
    }

    /// Sends each message once: as it is when every period gave it, else prefixed with the periods
    /// that did (`phase 3, 5: …`; at most eight named). Messages the user's view already gave are
    /// not repeated.
    fn say(&self, run: &Run, said: &[Message], by: &str, labels: &[&str]) {
        for (m, periods) in &self.0 {
            if said.contains(m) {
                continue;
            }
            let prefix = if periods.len() == labels.len() && labels.len() > 1 {
                String::new()
            } else {
                let named: Vec<&str> = periods.iter().take(8).map(|&k| labels[k]).collect();
                let more = match periods.len() > 8 {
                    true => format!(" and {} more", periods.len() - 8),
                    false => String::new(),
                };
                format!("{by} {}{more}: ", named.join(", "))
            };
            run.messages.send(match m {
                Message::Note(t) => Message::Note(format!("{prefix}{t}")),
                Message::Warning(t) => Message::Warning(format!("{prefix}{t}")),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(flows: &str) -> Network {
        let text = format!(r#"{{"actors": [{{"id": "a"}}, {{"id": "b"}}], "flows": [{flows}]}}"#);
        let mut net = crate::io::json::parse_str(&text, "t.json").unwrap();
        net.index().unwrap();
        net
    }

    #[test]
    fn numbers_come_first_in_numeric_order_then_text() {
        let net = net(
            r#"{"from": "a", "to": "b", "p": 10}, {"from": "a", "to": "b", "p": 2},
               {"from": "a", "to": "b", "p": "y"}, {"from": "a", "to": "b", "p": "x"},
               {"from": "a", "to": "b", "p": 2.0}, {"from": "a", "to": "b", "p": "2"},
               {"from": "a", "to": "b"}"#,
        );
        let run = Run::default();
        let plan = plan(&net, &FlowFilter::default(), "p", &run).unwrap();
        let labels: Vec<&str> = plan.keys.iter().map(|k| k.label.as_str()).collect();
        // "2" (text) is the period of the number 2: --where p=2 finds both.
        assert_eq!(labels, ["2", "10", "x", "y"]);
        assert_eq!(plan.keys[0].value, json!(2));
        assert_eq!(plan.keys[2].value, json!("x"));
        assert_eq!(plan.keys[1].filter.conditions, ["p=10"]);
        assert_eq!(plan.outside, 1);
        assert_eq!(
            plan.order,
            "numbers in numeric order, then text in text order"
        );
        let warned = run.messages.taken();
        assert_eq!(
            warned,
            [Message::Warning(
                "--by p: 1 of the 7 kept flows has no \"p\" and is in no period".into()
            )]
        );
    }

    #[test]
    fn flows_without_the_field_and_flows_with_an_unnamable_value_are_counted_apart() {
        let net = net(
            r#"{"from": "a", "to": "b", "p": "<b>one</b>"}, {"from": "a", "to": "b", "p": "x"},
               {"from": "a", "to": "b"}, {"from": "a", "to": "b"}"#,
        );
        let run = Run::default();
        let planned = plan(&net, &FlowFilter::default(), "p", &run).unwrap();
        assert_eq!(planned.outside, 3);
        assert_eq!(
            run.messages.taken(),
            [
                Message::Warning(
                    "--by p: 1 kept flow holds values that --where p=VALUE cannot name (\"<b>one</b>\"), and are in no period".into()
                ),
                Message::Warning(
                    "--by p: 2 of the 4 kept flows have no \"p\" and are in no period".into()
                )
            ]
        );
        // Only unnamable values: no claim that a flow lacks the field.
        let net = self::net(
            r#"{"from": "a", "to": "b", "p": "<b>one</b>"}, {"from": "a", "to": "b", "p": "x"}"#,
        );
        let run = Run::default();
        plan(&net, &FlowFilter::default(), "p", &run).unwrap();
        assert_eq!(run.messages.taken().len(), 1);
    }

    #[test]
    fn a_text_that_is_also_a_number_is_warned() {
        let net = net(r#"{"from": "a", "to": "b", "p": 3}, {"from": "a", "to": "b", "p": "03"}"#);
        let run = Run::default();
        let plan = plan(&net, &FlowFilter::default(), "p", &run).unwrap();
        let labels: Vec<&str> = plan.keys.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(labels, ["3", "03"]);
        let warned = run.messages.taken();
        assert!(
            matches!(&warned[..], [Message::Warning(w)] if w.contains("\"03\" as the number 3")),
            "{warned:?}"
        );
    }

    #[test]
    fn messages_are_said_once_with_the_periods_that_gave_them() {
        let mut g = Gathered::default();
        let every = Message::Note("every period".into());
        let some = Message::Warning("some".into());
        let base = Message::Warning("the user's filter".into());
        for k in 0..3 {
            g.add(k, every.clone());
            g.add(k, base.clone());
        }
        g.add(0, some.clone());
        g.add(2, some.clone());
        g.add(2, some.clone());
        let run = Run::default();
        g.say(
            &run,
            std::slice::from_ref(&base),
            "phase",
            &["1", "2", "10"],
        );
        assert_eq!(
            run.messages.taken(),
            [
                Message::Note("every period".into()),
                Message::Warning("phase 1, 10: some".into())
            ]
        );
    }

    #[test]
    fn buckets_follow_each_other() {
        assert_eq!(next_bucket(Bucket::Month, (2019, 12)), (2020, 1));
        assert_eq!(next_bucket(Bucket::Quarter, (2019, 3)), (2019, 4));
        assert_eq!(next_bucket(Bucket::Quarter, (2019, 4)), (2020, 1));
        assert_eq!(bucket_of(Bucket::Quarter, (2019, 6, 30)), (2019, 2));
        assert_eq!(bucket_of(Bucket::Quarter, (2019, 7, 1)), (2019, 3));
        let (label, first, last) = bucket_dates(Bucket::Quarter, 2019, 3);
        assert_eq!(label, "2019-Q3");
        assert_eq!(
            (first.first_day(), last.last_day()),
            ((2019, 7, 1), (2019, 9, 30))
        );
    }
}
