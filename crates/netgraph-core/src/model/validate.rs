//! Checks a network beyond its JSON shape: references, ranges, dates, ids, kinds and sources.
//!
//! [`check`] returns every problem found, each with the place in the file it concerns. Errors make
//! a network unusable; warnings (an unknown kind) do not. Loading runs the default checks; the
//! `validate` command adds `--strict` (every actor and flow cites a source; with a `documents`
//! section, every flow states its `basis` and every cited document is listed) and `--sources DIR`
//! (every quote is found in its document, matched as docs/format.md says). The evidence rules (basis,
//! note, confidence ceiling, events, documents) are those of docs/evidence.md.

use super::date::PartialDate;
use super::kinds::{KindOf, KindsSection, Role, Vocabulary};
use super::{FlowRef, Network, Source};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The network cannot be used as it is.
    Error,
    /// Worth a look; the network is usable.
    Warning,
}

/// One problem, with the place in the file it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where: `actors[3] "pnp"`, `flows[12] (a → b, gold).confidence`, `kinds.actors.ngo`.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// The highest confidence an inferred flow may have (docs/evidence.md).
pub const INFERRED_CEILING: f64 = 0.5;

/// The confidences the rubric gives a stated flow: stated as fact, hedged as belief, reported or
/// alleged (docs/evidence.md).
pub const STATED_GRADES: [f64; 3] = [1.0, 0.8, 0.6];

/// What [`check`] looks at beyond the default checks.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Every actor and every flow must cite at least one source; with a `documents` section,
    /// every flow must give its `basis` and every cited document must be listed.
    pub strict: bool,
    /// Every quote must be found in its document in this folder.
    pub sources: Option<PathBuf>,
}

/// The place of an actor or flow in a file, formatted only when a problem is reported.
#[derive(Clone, Copy)]
enum At<'a> {
    Actor(&'a Network, usize),
    Flow(&'a Network, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            At::Actor(net, i) => f.write_str(&actor_place(net, i)),
            At::Flow(net, i) => f.write_str(&flow_place(net, i)),
        }
    }
}

/// Place of actor `i` for messages.
pub fn actor_place(net: &Network, i: usize) -> String {
    format!("actors[{i}] \"{}\"", net.actors[i].id)
}

/// Place of flow `i` for messages.
pub fn flow_place(net: &Network, i: usize) -> String {
    format!("flows[{i}] ({})", net.flow(i).label())
}

/// Builds the vocabulary of a file's `kinds` section, with the problems found in the section.
pub fn vocabulary(kinds: &KindsSection) -> (Vocabulary, Vec<Problem>) {
    let mut vocab = Vocabulary::builtin();
    let mut problems = Vec::new();
    for (of, name, map) in [
        (KindOf::Actor, "actors", &kinds.actors),
        (KindOf::Flow, "flows", &kinds.flows),
    ] {
        for (kind, def) in map {
            let place = format!("kinds.{name}.{kind}");
            match def.get("class") {
                Some(Value::String(class)) if !class.is_empty() => {
                    vocab.declare(of, kind, class);
                }
                _ => problems.push(Problem {
                    severity: Severity::Error,
                    place,
                    message: "needs a \"class\" given as a non-empty string".into(),
                }),
            }
            match (of, def.get("role")) {
                (_, None) => {}
                (KindOf::Flow, Some(value)) => match value.as_str().and_then(Role::parse) {
                    Some(role) => vocab.declare_role(kind, role),
                    None => {
                        let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                        problems.push(Problem {
                            severity: Severity::Error,
                            place: format!("kinds.{name}.{kind}.role"),
                            message: format!("unknown role {value} (roles: {})", names.join(", ")),
                        });
                    }
                },
                (KindOf::Actor, Some(_)) => problems.push(Problem {
                    severity: Severity::Error,
                    place: format!("kinds.{name}.{kind}.role"),
                    message: "only flow kinds have a role".into(),
                }),
            }
        }
    }
    for line in crate::model::kinds::suspicious_classes(kinds) {
        let (place, message) = line.split_once(": ").unwrap_or(("kinds", line.as_str()));
        problems.push(Problem {
            severity: Severity::Warning,
            place: place.to_string(),
            message: message.to_string(),
        });
    }
    (vocab, problems)
}

/// Runs every check on a network and returns the problems found, errors first, in file order.
pub fn check(net: &Network, options: &Options) -> Vec<Problem> {
    let (vocab, mut problems) = vocabulary(&net.kinds);
    let mut error = |place: String, message: String| {
        problems.push(Problem {
            severity: Severity::Error,
            place,
            message,
        })
    };

    // Without an up-to-date index (actors added by hand), duplicates are found with a local map.
    let mut ids: Option<HashMap<&str, usize>> = (!net.is_indexed())
        .then(|| HashMap::with_capacity_and_hasher(net.actors.len(), Default::default()));
    for (i, actor) in net.actors.iter().enumerate() {
        let place = At::Actor(net, i);
        if let Err(why) = check_id(&actor.id) {
            error(format!("actors[{i}].id"), why);
        } else {
            let first = match ids.as_mut() {
                Some(ids) => *ids.entry(&actor.id).or_insert(i),
                None => net.position(&actor.id).unwrap_or(i),
            };
            if first != i {
                error(
                    place.to_string(),
                    format!("duplicate id, first used by actors[{first}]"),
                );
            }
        }
        if options.strict && actor.sources().is_empty() {
            error(place.to_string(), "cites no source (--strict)".into());
        }
        check_sources(actor.sources(), place, &mut error);
    }

    // With a documents section, --strict requires every flow to say how the document supports it.
    let graded = options.strict && !net.documents.is_empty();
    for flow in net.flows() {
        let i = flow.index();
        let place = At::Flow(net, i);
        for (e, end) in ["from", "to"].into_iter().enumerate() {
            if !net.end_is_known(i, e) {
                let id = if e == 0 { flow.from() } else { flow.to() };
                error(format!("{place}.{end}"), format!("unknown actor \"{id}\""));
            }
        }
        check_flow_numbers(flow, place, &mut error);
        check_flow_dates(flow, place, &mut error);
        check_evidence(flow, place, graded, &mut error);
        if options.strict && flow.sources().is_empty() {
            error(place.to_string(), "cites no source (--strict)".into());
        }
        check_sources(flow.sources(), place, &mut error);
    }
    check_documents(net, options, &mut problems);
    problems.extend(event_volume_warnings(net));
    problems.extend(stated_grade_warnings(net));
    if options.strict {
        problems.extend(weight_warnings(net, &vocab));
    }

    if !net.kinds.layers.is_empty() || net.kinds.default_layer.is_some() {
        let mut present: Vec<&str> = net.flows().map(|f| f.kind()).collect();
        present.sort_unstable();
        present.dedup();
        problems.extend(crate::view::layer::problems(&net.kinds, &vocab, &present));
    }

    if let Some(dir) = &options.sources {
        problems.extend(check_quotes(net, dir));
    }

    for (i, actor) in net.actors.iter().enumerate() {
        if vocab.class_of(KindOf::Actor, actor.kind()).is_none() && actor.kind.is_some() {
            problems.push(warning_unknown_kind(
                actor_place(net, i),
                "actor",
                actor.kind(),
            ));
        }
    }
    let mut seen = HashSet::default();
    for (i, flow) in net.flows().enumerate() {
        let kind = flow.kind();
        if flow.stated_kind().is_some()
            && vocab.class_of(KindOf::Flow, kind).is_none()
            && seen.insert(kind)
        {
            problems.push(warning_unknown_kind(flow_place(net, i), "flow", kind));
        }
    }
    if net.actors.is_empty() && net.flow_count() == 0 {
        problems.push(Problem {
            severity: Severity::Warning,
            place: "the network".into(),
            message: EMPTY_NETWORK.into(),
        });
    }
    problems.sort_by_key(|p| p.severity);
    problems
}

/// The warning for a network with no actor and no flow: usually a file that is not a network.
pub const EMPTY_NETWORK: &str = "it holds no actors and no flows: is it a network file? (netgraph reads the \"actors\" and \"flows\" lists)";

fn warning_unknown_kind(place: String, what: &str, kind: &str) -> Problem {
    Problem {
        severity: Severity::Warning,
        place,
        message: format!(
            "unknown {what} kind \"{kind}\" gets class \"other\"; declare it under kinds.{what}s to give it a class"
        ),
    }
}

/// Checks an actor id: non-empty, without `,`, `:` or control characters.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("empty id".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| *c == ',' || *c == ':' || c.is_control())
    {
        return Err(format!(
            "id \"{}\" contains {:?}, which the command line cannot address (no ',', ':' or control characters)",
            id.escape_debug(),
            c
        ));
    }
    Ok(())
}

fn check_flow_numbers(flow: FlowRef, place: At, error: &mut impl FnMut(String, String)) {
    for (field, value) in [
        ("weight", flow.weight()),
        ("volume", flow.volume()),
        ("confidence", flow.stated_confidence()),
    ] {
        let Some(x) = value else { continue };
        // Formatted only for a message (this runs for every flow of every network loaded).
        let shown = || crate::report::number(x);
        if !x.is_finite() {
            error(
                format!("{place}.{field}"),
                format!("{} is not a finite number", shown()),
            );
        } else if field == "confidence" && !(0.0..=1.0).contains(&x) {
            error(
                format!("{place}.{field}"),
                format!("{} is outside 0..1", shown()),
            );
        } else if field == "volume" && x < 0.0 {
            error(
                format!("{place}.{field}"),
                format!("{} is negative", shown()),
            );
        }
    }
}

fn check_flow_dates(flow: FlowRef, place: At, error: &mut impl FnMut(String, String)) {
    let mut parse = |field: &str, text: Option<&str>| {
        let text = text?;
        PartialDate::parse(text)
            .map_err(|why| error(format!("{place}.{field}"), why))
            .ok()
    };
    let since = parse("since", flow.since());
    let until = parse("until", flow.until());
    if let (Some(s), Some(u)) = (since, until)
        && s.first_day() > u.last_day()
    {
        error(place.to_string(), format!("since {s} is after until {u}"));
    }
}

/// The evidence rules of a flow: `basis` is `stated` or `inferred` (required when `graded`); an
/// inferred flow has a non-empty `note` and a confidence of at most [`INFERRED_CEILING`]; `event`
/// is a non-empty string.
fn check_evidence(flow: FlowRef, place: At, graded: bool, error: &mut impl FnMut(String, String)) {
    match flow.extra().get("basis") {
        None if graded => error(
            format!("{place}.basis"),
            "missing: with a documents section, --strict needs \"basis\": \"stated\" or \"inferred\" on every flow".into(),
        ),
        None => {}
        Some(Value::String(b)) if b == "stated" => {}
        Some(Value::String(b)) if b == "inferred" => {
            if flow.note().is_none_or(|n| n.trim().is_empty()) {
                error(
                    format!("{place}.note"),
                    "an inferred flow needs a note saying what was inferred".into(),
                );
            }
            let c = flow.confidence();
            if c > INFERRED_CEILING {
                error(
                    format!("{place}.confidence"),
                    format!(
                        "{} is above {INFERRED_CEILING}, the ceiling for an inferred flow{}",
                        crate::report::number(c),
                        if flow.stated_confidence().is_none() {
                            " (a missing confidence counts as 1)"
                        } else {
                            ""
                        }
                    ),
                );
            }
        }
        Some(other) => error(
            format!("{place}.basis"),
            format!("{other} is neither \"stated\" nor \"inferred\""),
        ),
    }
    match flow.extra().get("event") {
        None => {}
        Some(Value::String(e)) if !e.trim().is_empty() => {}
        Some(other) => error(
            format!("{place}.event"),
            format!("{other} is not an event id (a non-empty string)"),
        ),
    }
}

/// The `documents` section: each entry's date is a date and its key a file name (found in the
/// `--sources` folder when one is given); a cited document
/// the section does not list is a warning (an error with --strict); a listed document nobody cites
/// is a warning.
fn check_documents(net: &Network, options: &Options, problems: &mut Vec<Problem>) {
    if net.documents.is_empty() {
        return;
    }
    let mut push = |severity, place: String, message: String| {
        problems.push(Problem {
            severity,
            place,
            message,
        })
    };
    for (file, doc) in &net.documents {
        let place = format!("documents.\"{file}\"");
        if file.trim().is_empty() {
            push(Severity::Error, place.clone(), "empty document name".into());
        }
        if let Some(date) = &doc.date
            && let Err(why) = PartialDate::parse(date)
        {
            push(Severity::Error, format!("{place}.date"), why);
        }
        if let Some(dir) = &options.sources
            && !file.trim().is_empty()
            && !dir.join(file).is_file()
        {
            push(
                Severity::Error,
                place.clone(),
                format!("no such document in {}", dir.display()),
            );
        }
    }
    let missing = if options.strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut cited: HashSet<&str> = HashSet::default();
    let places = net
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (At::Actor(net, i), a.sources()))
        .chain(net.flows().map(|f| (At::Flow(net, f.index()), f.sources())));
    for (place, sources) in places {
        for (j, s) in sources.iter().enumerate() {
            cited.insert(&s.doc);
            if !s.doc.trim().is_empty() && !net.documents.contains_key(&s.doc) {
                push(
                    missing,
                    format!("{place}.sources[{j}].doc"),
                    format!("\"{}\" is not listed in the documents section", s.doc),
                );
            }
        }
    }
    for file in net.documents.keys() {
        if !cited.contains(file.as_str()) {
            push(
                Severity::Warning,
                format!("documents.\"{file}\""),
                "listed but cited by no actor or flow".into(),
            );
        }
    }
}

/// A warning for each stated flow whose confidence is not one of the rubric's grades.
fn stated_grade_warnings(net: &Network) -> Vec<Problem> {
    net.flows()
        .filter(|f| f.basis() == Some("stated") && !STATED_GRADES.contains(&f.confidence()))
        .map(|f| Problem {
            severity: Severity::Warning,
            place: format!("{}.confidence", flow_place(net, f.index())),
            message: format!(
                "{} on a stated flow: the rubric grades a stated flow 1 (fact), 0.8 (belief) or 0.6 (report, allegation); below that, the flow is inferred",
                crate::report::number(f.confidence())
            ),
        })
        .collect()
}

/// A warning for each event whose flows give different volumes in one unit: sums take the largest.
fn event_volume_warnings(net: &Network) -> Vec<Problem> {
    let mut volumes: std::collections::BTreeMap<(&str, &str), Vec<(usize, f64)>> =
        Default::default();
    for f in net.flows() {
        if let (Some(e), Some(v)) = (f.event(), f.volume()) {
            volumes
                .entry((e, f.unit().unwrap_or("")))
                .or_default()
                .push((f.index(), v));
        }
    }
    volumes
        .into_iter()
        .filter(|(_, vs)| vs.iter().any(|&(_, v)| v != vs[0].1))
        .map(|((event, unit), vs)| {
            let list: Vec<String> = vs
                .iter()
                .map(|&(i, v)| format!("flows[{i}] {}", crate::report::number(v)))
                .collect();
            Problem {
                severity: Severity::Warning,
                place: flow_place(net, vs[0].0),
                message: format!(
                    "event \"{event}\" has different volumes{}: {}; sums count the event once, with the largest",
                    if unit.is_empty() { String::new() } else { format!(" in {unit}") },
                    list.join(", ")
                ),
            }
        })
        .collect()
}

/// With --strict, a warning for each `tie`-class flow whose `weight` is below 1: `weight` is read
/// as a distance, so a weak tie stored there becomes a short path (a strength goes in `strength`).
fn weight_warnings(net: &Network, vocab: &Vocabulary) -> Vec<Problem> {
    net.flows()
        .filter(|f| {
            f.weight().is_some_and(|w| w < 1.0)
                && vocab.class(KindOf::Flow, f.kind()) == "tie"
        })
        .map(|f| Problem {
            severity: Severity::Warning,
            place: format!("{}.weight", flow_place(net, f.index())),
            message: format!(
                "{} on a tie: weight is read as a distance by path measures, so a weak tie becomes a short path; put tie strength in \"strength\"",
                crate::report::number(f.weight().unwrap_or(1.0))
            ),
        })
        .collect()
}

fn check_sources(sources: &[Source], place: At, error: &mut impl FnMut(String, String)) {
    for (j, s) in sources.iter().enumerate() {
        if s.doc.trim().is_empty() {
            error(
                format!("{place}.sources[{j}].doc"),
                "empty document name".into(),
            );
        }
    }
}

/// Normalises text for quote matching (docs/format.md): drops `<u>`, `</u>` and `<a href="`, drops the
/// `\` before `$`, maps typographic quotes to plain ones and collapses white space.
pub fn normalize_quote(text: &str) -> String {
    let cleaned = text
        .replace("<u>", "")
        .replace("</u>", "")
        .replace("<a href=\"", "")
        .replace("\\$", "$")
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the source document `doc` of the folder `dir`: only a plain file inside the folder (a
/// relative name without `..`, not reached through a link that leaves the folder), within the input
/// limits of `io::input`.
fn read_source_doc(dir: &Path, doc: &str) -> Result<String, String> {
    use std::path::Component;
    let name = Path::new(doc);
    if doc.is_empty()
        || !name
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "\"{doc}\" is not a file name inside the sources folder (no absolute path, no ..)"
        ));
    }
    let path = dir.join(name);
    let inside = std::fs::canonicalize(dir)
        .and_then(|d| std::fs::canonicalize(&path).map(|p| p.starts_with(d)))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !inside {
        return Err(format!(
            "{} leads outside the sources folder (a link); not read",
            path.display()
        ));
    }
    crate::io::input::read_text(&path).map_err(|e| e.to_string())
}

fn check_quotes(net: &Network, dir: &Path) -> Vec<Problem> {
    let mut docs: HashMap<&str, Result<String, String>> = HashMap::default();
    let mut problems = Vec::new();
    let cited = net
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (actor_place(net, i), a.sources()))
        .chain(
            net.flows()
                .enumerate()
                .map(|(i, f)| (flow_place(net, i), f.sources())),
        );
    for (place, sources) in cited {
        for (j, s) in sources.iter().enumerate() {
            let doc = docs
                .entry(s.doc.as_str())
                .or_insert_with(|| read_source_doc(dir, &s.doc).map(|t| normalize_quote(&t)));
            let message = match doc {
                Err(why) => why.clone(),
                Ok(_) if s.quote.trim().is_empty() => "empty quote".to_string(),
                Ok(text) if text.contains(&normalize_quote(&s.quote)) => continue,
                Ok(_) => format!("quote \"{}\" not found in {}", s.quote, s.doc),
            };
            problems.push(Problem {
                severity: Severity::Error,
                place: format!("{place}.sources[{j}]"),
                message,
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};

    fn net(actors: &[&str], flows: &[(&str, &str)]) -> Network {
        let mut n = Network::new();
        n.actors = actors.iter().map(|a| Actor::new(*a)).collect();
        n.set_flows(flows.iter().map(|(a, b)| Flow::new(*a, *b)));
        n
    }

    fn errors(n: &Network, o: &Options) -> Vec<String> {
        check(n, o)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn clean_network_has_no_problem() {
        assert!(check(&net(&["a", "b"], &[("a", "b")]), &Options::default()).is_empty());
    }

    #[test]
    fn finds_duplicates_unknown_actors_and_bad_ids() {
        let n = net(&["a", "a", "x,y", ""], &[("a", "zz")]);
        let e = errors(&n, &Options::default());
        assert!(
            e.iter()
                .any(|m| m.contains("actors[1] \"a\"") && m.contains("duplicate"))
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("actors[2].id") && m.contains("','"))
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("actors[3].id") && m.contains("empty id"))
        );
        assert!(
            e.iter()
                .any(|m| m.contains("flows[0] (a → zz, link).to") && m.contains("\"zz\""))
        );
    }

    #[test]
    fn finds_bad_numbers_and_dates() {
        let mut n = net(&["a", "b"], &[("a", "b"), ("b", "a")]);
        n.edit_flow(0, |f| f.confidence = Some(1.5));
        n.edit_flow(0, |f| f.volume = Some(-2.0));
        n.edit_flow(1, |f| f.weight = Some(f64::INFINITY));
        n.edit_flow(1, |f| f.since = Some("2024-13".into()));
        n.edit_flow(0, |f| f.since = Some("2025".into()));
        n.edit_flow(0, |f| f.until = Some("2024-06".into()));
        let e = errors(&n, &Options::default()).join("\n");
        assert!(
            e.contains("flows[0] (a → b, link).confidence: 1.5 is outside 0..1"),
            "{e}"
        );
        assert!(e.contains(".volume: -2 is negative"), "{e}");
        assert!(
            e.contains("flows[1] (b → a, link).weight: inf is not a finite number"),
            "{e}"
        );
        assert!(e.contains(".since: \"2024-13\" has no month 13"), "{e}");
        assert!(e.contains("since 2025 is after until 2024-06"), "{e}");
    }

    #[test]
    fn strict_requires_sources_and_unknown_kinds_warn() {
        let mut n = net(&["a", "b"], &[("a", "b")]);
        n.edit_flow(0, |f| f.kind = Some("teleport".into()));
        let strict = Options {
            strict: true,
            sources: None,
        };
        let problems = check(&n, &strict);
        let errs = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        assert_eq!(errs, 3);
        let w = problems.last().unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert!(w.message.contains("unknown flow kind \"teleport\""));
    }

    #[test]
    fn basis_note_and_ceiling_rules() {
        let mut n = net(&["a", "b"], &[("a", "b"); 6]);
        let set = |n: &mut Network, i: usize, field: &str, v: Value| {
            n.edit_flow(i, |f| {
                f.extra.insert(field.into(), v);
            })
        };
        // 0: inferred at 0.4 with a note (fine); 1: inferred without a note; 2: inferred at 0.8;
        // 3: inferred with no confidence (counts as 1) and a blank note; 4: an unknown basis;
        // 5: no basis (fine without --strict), an event that is not a string.
        for i in 0..4 {
            set(&mut n, i, "basis", "inferred".into());
        }
        set(&mut n, 0, "note", "joined two statements".into());
        n.edit_flow(0, |f| f.confidence = Some(0.4));
        n.edit_flow(1, |f| f.confidence = Some(0.5));
        set(&mut n, 2, "note", "recipient not named".into());
        n.edit_flow(2, |f| f.confidence = Some(0.8));
        set(&mut n, 3, "note", "  ".into());
        set(&mut n, 4, "basis", "said".into());
        set(&mut n, 5, "event", 3.into());
        let e = errors(&n, &Options::default());
        assert_eq!(
            e,
            [
                "flows[1] (a → b, link).note: an inferred flow needs a note saying what was inferred",
                "flows[2] (a → b, link).confidence: 0.8 is above 0.5, the ceiling for an inferred flow",
                "flows[3] (a → b, link).note: an inferred flow needs a note saying what was inferred",
                "flows[3] (a → b, link).confidence: 1 is above 0.5, the ceiling for an inferred flow (a missing confidence counts as 1)",
                "flows[4] (a → b, link).basis: \"said\" is neither \"stated\" nor \"inferred\"",
                "flows[5] (a → b, link).event: 3 is not an event id (a non-empty string)",
            ]
        );
    }

    #[test]
    fn strict_with_documents_requires_basis_and_listed_documents() {
        let mut n = net(&["a", "b"], &[("a", "b"), ("b", "a")]);
        n.actors[0].more_mut().sources = vec![Source::new("d1.txt", "")];
        n.actors[1].more_mut().sources = vec![Source::new("d1.txt", "")];
        n.edit_flow(0, |f| {
            f.sources = vec![Source::new("d1.txt", ""), Source::new("d2.txt", "")];
            f.extra.insert("basis".into(), "stated".into());
        });
        n.edit_flow(1, |f| f.sources = vec![Source::new("d1.txt", "")]);
        let strict = Options {
            strict: true,
            sources: None,
        };
        // Without a documents section, neither rule applies (a network without evidence grading).
        assert!(errors(&n, &strict).is_empty());
        n.documents.insert("d1.txt".into(), Default::default());
        n.documents.insert(
            "d3.txt".into(),
            crate::model::Document {
                date: Some("2025-02-30".into()),
                ..Default::default()
            },
        );
        let all: Vec<String> = check(&n, &strict)
            .iter()
            .map(|p| format!("{:?} {p}", p.severity))
            .collect();
        assert_eq!(
            all,
            [
                "Error flows[1] (b → a, link).basis: missing: with a documents section, --strict needs \"basis\": \"stated\" or \"inferred\" on every flow",
                "Error documents.\"d3.txt\".date: \"2025-02-30\" is not a day of 2025-02",
                "Error flows[0] (a → b, link).sources[1].doc: \"d2.txt\" is not listed in the documents section",
                "Warning documents.\"d3.txt\": listed but cited by no actor or flow",
            ]
        );
        // Without --strict: no basis needed, an unlisted document is a warning, a bad date an error.
        let loose: Vec<String> = check(&n, &Options::default())
            .iter()
            .map(|p| format!("{:?} {p}", p.severity))
            .collect();
        assert_eq!(loose.len(), 3, "{loose:?}");
        assert!(loose[0].starts_with("Error documents.\"d3.txt\".date"));
        assert!(loose[1].starts_with("Warning flows[0] (a → b, link).sources[1].doc"));
    }

    #[test]
    fn event_volumes_off_grid_grades_and_tie_weights_warn() {
        let mut n = net(&["a", "b", "c"], &[("a", "b"), ("c", "b"), ("a", "c")]);
        for (i, v) in [(0, 29.7), (1, 30.0)] {
            n.edit_flow(i, |f| {
                f.volume = Some(v);
                f.unit = Some("t".into());
                f.extra.insert("event".into(), "seizure-1".into());
            });
        }
        n.edit_flow(2, |f| {
            f.kind = Some("intelligence-sharing".into());
            f.weight = Some(0.2);
            f.confidence = Some(0.7);
            f.extra.insert("basis".into(), "stated".into());
        });
        let strict = Options {
            strict: true,
            sources: None,
        };
        let w: Vec<String> = check(&n, &strict)
            .into_iter()
            .filter(|p| p.severity == Severity::Warning)
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            w,
            [
                "flows[0] (a → b, link): event \"seizure-1\" has different volumes in t: flows[0] 29.7, flows[1] 30; sums count the event once, with the largest",
                "flows[2] (a → c, intelligence-sharing).confidence: 0.7 on a stated flow: the rubric grades a stated flow 1 (fact), 0.8 (belief) or 0.6 (report, allegation); below that, the flow is inferred",
                "flows[2] (a → c, intelligence-sharing).weight: 0.2 on a tie: weight is read as a distance by path measures, so a weak tie becomes a short path; put tie strength in \"strength\"",
            ]
        );
    }

    #[test]
    fn quote_normalisation_follows_design() {
        let doc = "the <u>money</u>  changers\n of “Port Maldonado” paid \\$5 <a href=\"x";
        assert_eq!(
            normalize_quote(doc),
            "the money changers of \"Port Maldonado\" paid $5 x"
        );
        assert!(normalize_quote(doc).contains(&normalize_quote("money changers of \"Port")));
    }

    #[test]
    fn quotes_are_looked_up_in_their_documents() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("d.txt"),
            "Gold is <u>smuggled</u> to Bolivia.",
        )
        .unwrap();
        let mut n = net(&["a"], &[]);
        n.actors[0].more_mut().sources = vec![
            Source::new("d.txt", "smuggled to  Bolivia"),
            Source::new("d.txt", "smuggled to Chile"),
            Source::new("missing.txt", "x"),
        ];
        let o = Options {
            strict: false,
            sources: Some(dir.path().to_path_buf()),
        };
        let e = errors(&n, &o);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].contains("sources[1]") && e[0].contains("not found"));
        assert!(e[1].contains("sources[2]") && e[1].contains("cannot read"));
        // A listed document must be in the folder too.
        n.documents.insert("d.txt".into(), Default::default());
        n.documents.insert("gone.txt".into(), Default::default());
        let e = errors(&n, &o);
        let gone = format!(
            "documents.\"gone.txt\": no such document in {}",
            dir.path().display()
        );
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e.contains(&gone), "{e:?}");
    }
}
