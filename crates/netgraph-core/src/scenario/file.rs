//! Scenario files (docs/whatif.md): `{"scenarios": [{"name", "edits": […]}], "measure", "watch"}`, checked
//! against the network they will edit, with file/place/problem errors like network files.

use super::{Edit, Scenario};
use crate::io::{LoadError, json::parse_error};
use crate::model::validate::{self, Severity};
use crate::model::{Actor, Network};
use crate::selector::Selector;
use serde::Deserialize;
use std::path::Path;

/// A scenario file (docs/whatif.md): scenarios to compare, and optionally the measure and watched pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    /// The scenarios, in file order.
    pub scenarios: Vec<Scenario>,
    /// The measure named by the file.
    pub measure: Option<String>,
    /// Pairs of actors whose reachability to report.
    pub watch: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileText {
    scenarios: Vec<ScenarioText>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    watch: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioText {
    #[serde(default)]
    name: Option<String>,
    edits: Vec<Edit>,
}

impl ScenarioFile {
    /// Reads and checks a scenario file against the network it will edit: every actor named
    /// exists, added flows are valid flows, names are unique. Errors name the file, the place
    /// (`line 4, column 9`, `scenarios[1].edits[0]`) and the problem.
    pub fn read(path: &Path, net: &Network) -> Result<ScenarioFile, LoadError> {
        let file = path.display().to_string();
        let text = crate::io::input::read_text_fields(path, crate::io::input::Syntax::Json)?;
        Self::parse(&text, &file, net)
    }

    /// Parses scenario-file text; `file` names it in errors. See [`ScenarioFile::read`].
    pub fn parse(text: &str, file: &str, net: &Network) -> Result<ScenarioFile, LoadError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let raw: FileText = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            parse_error(file, &path, e.inner())
        })?;
        de.end().map_err(|e| parse_error(file, "", &e))?;
        let problem = |place: String, message: String| LoadError::Parse {
            file: file.to_string(),
            place,
            message,
        };
        if raw.scenarios.is_empty() {
            return Err(problem("scenarios".into(), "lists no scenario".into()));
        }
        let mut scenarios: Vec<Scenario> = Vec::new();
        for (i, s) in raw.scenarios.into_iter().enumerate() {
            let name = s.name.unwrap_or_else(|| format!("scenario {}", i + 1));
            if name.trim().is_empty() {
                return Err(problem(format!("scenarios[{i}].name"), "is empty".into()));
            }
            if scenarios.iter().any(|t| t.name == name) {
                let message = format!("name \"{name}\" is used twice");
                return Err(problem(format!("scenarios[{i}].name"), message));
            }
            let mut edits = Vec::with_capacity(s.edits.len());
            for (j, edit) in s.edits.into_iter().enumerate() {
                let place = format!("scenarios[{i}].edits[{j}]");
                match edit {
                    Edit::Remove(text) if net.position(&text).is_none() => {
                        let removed = expand_remove(&text, net).map_err(|m| problem(place, m))?;
                        edits.extend(removed);
                    }
                    edit => {
                        check_edit(&edit, net)
                            .map_err(|(at, m)| problem(format!("{place}{at}"), m))?;
                        edits.push(edit);
                    }
                }
            }
            scenarios.push(Scenario { name, edits });
        }
        for (i, (a, b)) in raw.watch.iter().enumerate() {
            if let Some(id) = [a, b].into_iter().find(|id| net.position(id).is_none()) {
                let message = format!("unknown actor \"{id}\"");
                return Err(problem(format!("watch[{i}]"), message));
            }
        }
        Ok(ScenarioFile {
            scenarios,
            measure: raw.measure,
            watch: raw.watch,
        })
    }
}

/// `{"remove": …}` naming no actor id: a selector (ids, actor kinds, `@class`, comma-separated) as
/// `--remove` takes, expanded into one removal per actor selected, in position order.
fn expand_remove(text: &str, net: &Network) -> Result<Vec<Edit>, String> {
    let selector = Selector::parse(net, &[text.to_string()])?;
    let actors = selector.actors(net);
    if actors.is_empty() {
        return Err(format!("remove \"{text}\" selects no actor"));
    }
    Ok(actors
        .into_iter()
        .map(|a| Edit::Remove(net.actors[a].id.to_string()))
        .collect())
}

/// Checks one edit: known actors; for an added flow, the checks a flow of a network file gets.
/// Returns the place within the edit and the problem.
fn check_edit(edit: &Edit, net: &Network) -> Result<(), (String, String)> {
    if let Some(id) = edit
        .actors()
        .into_iter()
        .find(|id| net.position(id).is_none())
    {
        return Err((String::new(), format!("unknown actor \"{id}\"")));
    }
    if let Edit::DropKind(k) | Edit::Cut { kind: Some(k), .. } = edit
        && k.trim().is_empty()
    {
        return Err((String::new(), "empty kind".into()));
    }
    if let Edit::Add(flow) = edit {
        let mut alone = Network::new();
        alone.actors = vec![Actor::new(flow.from.as_str()), Actor::new(flow.to.as_str())];
        alone.set_flows([(**flow).clone()]);
        let prefix = validate::flow_place(&alone, 0);
        let first = validate::check(&alone, &validate::Options::default())
            .into_iter()
            .find(|p| p.severity == Severity::Error);
        if let Some(p) = first {
            let at = p.place.strip_prefix(&prefix).unwrap_or("");
            return Err((format!(".add{at}"), p.message));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Flow;

    fn net(directed: bool) -> Network {
        let mut n = Network::new();
        n.directed = Some(directed);
        n.actors = ["a", "b", "c", "d"]
            .iter()
            .map(|id| Actor::new(*id))
            .collect();
        let mut f = Flow::new("a", "b");
        f.kind = Some("gold".into());
        n.set_flows(vec![f]);
        n.index().unwrap();
        n
    }

    #[test]
    fn scenario_files_parse_and_name_their_problems() {
        let n = net(true);
        let text = r#"{"scenarios": [
            {"name": "arrest b", "edits": [{"remove": "b"}]},
            {"edits": [{"cut": {"from": "a", "to": "b", "kind": "gold"}}, {"drop_kind": "cash"},
                       {"add": {"from": "d", "to": "a", "kind": "cash", "volume": 3}}]}],
            "measure": "degree", "watch": [["a", "d"]]}"#;
        let f = ScenarioFile::parse(text, "s.json", &n).unwrap();
        assert_eq!(f.scenarios.len(), 2);
        assert_eq!(f.scenarios[1].name, "scenario 2");
        assert_eq!(f.scenarios[1].edits.len(), 3);
        assert_eq!(f.measure.as_deref(), Some("degree"));
        assert_eq!(f.watch, [("a".to_string(), "d".to_string())]);
        let err = |t: &str| {
            ScenarioFile::parse(t, "s.json", &n)
                .unwrap_err()
                .to_string()
        };
        let e = err(r#"{"scenarios": [{"edits": [{"remove": "b"}, {"remove": "zz"}]}]}"#);
        assert!(
            e.starts_with("s.json: scenarios[0].edits[1]: unknown actor") && e.contains("\"zz\""),
            "{e}"
        );
        let e = err(
            r#"{"scenarios": [{"edits": [{"add": {"from": "a", "to": "b", "confidence": 2}}]}]}"#,
        );
        assert_eq!(
            e,
            "s.json: scenarios[0].edits[0].add.confidence: 2 is outside 0..1"
        );
        let e = err("{\"scenarios\": [{\"edits\": [{\"explode\": \"b\"}]}]}");
        assert!(e.starts_with("s.json: line 1, column"), "{e}");
        assert!(e.contains("explode"), "{e}");
        let e = err(r#"{"scenarios": [{"name": "x", "edits": []}, {"name": "x", "edits": []}]}"#);
        assert!(
            e.contains("scenarios[1].name: name \"x\" is used twice"),
            "{e}"
        );
        assert!(err(r#"{"scenarios": []}"#).contains("lists no scenario"));
        let e = err(r#"{"scenarios": [{"edits": []}], "watch": [["a", "q"]]}"#);
        assert_eq!(e, "s.json: watch[0]: unknown actor \"q\"");
    }

    #[test]
    fn a_removal_takes_a_selector_as_remove_does() {
        let mut n = Network::new();
        n.directed = Some(true);
        n.actors = vec![Actor::new("p"), Actor::new("q"), Actor::new("r")];
        n.actors[0].kind = Some("family-clan".into());
        n.actors[2].kind = Some("family-clan".into());
        n.set_flows(vec![Flow::new("p", "q"), Flow::new("q", "r")]);
        n.index().unwrap();
        let text = r#"{"scenarios": [{"edits": [{"remove": "family-clan"}, {"remove": "q"}]},
                                      {"edits": [{"remove": "q,r"}]}]}"#;
        let f = ScenarioFile::parse(text, "s.json", &n).unwrap();
        let removed =
            |s: &Scenario| -> Vec<String> { s.edits.iter().map(|e| e.to_string()).collect() };
        assert_eq!(
            removed(&f.scenarios[0]),
            ["remove p", "remove r", "remove q"]
        );
        assert_eq!(removed(&f.scenarios[1]), ["remove q", "remove r"]);
        let e = ScenarioFile::parse(
            r#"{"scenarios": [{"edits": [{"cut": {"from": "p", "to": "q"}}, {"remove": "family-clna"}]}]}"#,
            "s.json",
            &n,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("s.json: scenarios[0].edits[1]: "), "{e}");
        assert!(e.contains("family-clan"), "the suggestion: {e}");
    }
}
