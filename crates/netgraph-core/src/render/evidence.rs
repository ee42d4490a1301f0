//! The evidence shown on hover: each node's and edge's tooltip names its sources (short citation,
//! file name and quote) and its confidence, so an SVG opened in a browser shows why each mark is
//! there.

use crate::model::{Actor, FlowRef, Network, Source};
use crate::report;

/// The tooltip of an actor: name, kind and class, place, description, the confidence of the flows
/// drawn at it (actors carry no confidence of their own unless the file gives one), and sources.
pub fn actor(net: &Network, actor: &Actor, drawn_flows: &[usize]) -> String {
    let mut lines = vec![format!(
        "{} — {} ({})",
        actor.display_name(),
        actor.kind(),
        net.actor_class(actor)
    )];
    let place: Vec<&str> = [actor.country(), actor.region()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        lines.push(place.join(", "));
    }
    if let Some(d) = actor.extra().get("description").and_then(|d| d.as_str()) {
        lines.push(d.to_string());
    }
    if let Some(c) = actor.extra().get("confidence").and_then(|c| c.as_f64()) {
        lines.push(format!("confidence {}", report::number(c)));
    }
    lines.push(flows_confidence(net, drawn_flows));
    sources(net, &mut lines, actor.sources());
    lines.join("\n")
}

pub(super) fn flows_confidence(net: &Network, drawn: &[usize]) -> String {
    let confidences = drawn.iter().map(|&i| net.flow(i).confidence());
    let low = confidences.clone().fold(f64::INFINITY, f64::min);
    let high = confidences.fold(f64::NEG_INFINITY, f64::max);
    match drawn.len() {
        0 => "no flows drawn".to_string(),
        1 => format!("1 flow drawn, confidence {}", report::number(low)),
        k if low == high => format!("{k} flows drawn, confidence {}", report::number(low)),
        k => format!(
            "{k} flows drawn, confidence {} to {}",
            report::number(low),
            report::number(high)
        ),
    }
}

/// The tooltip of one flow: endpoints, kind and class, confidence, volume, period, note, sources.
pub fn flow(net: &Network, flow: FlowRef<'_>) -> String {
    let name = |id: &str| {
        net.position(id)
            .map_or(id, |p| net.actors[p].display_name())
            .to_string()
    };
    let mut lines = vec![format!(
        "{} → {}: {} ({})",
        name(flow.from()),
        name(flow.to()),
        flow.kind(),
        net.flow_class(flow)
    )];
    let mut facts = vec![format!("confidence {}", report::number(flow.confidence()))];
    if let Some(v) = flow.volume() {
        let unit = flow.unit().map_or(String::new(), |u| format!(" {u}"));
        facts.push(format!("volume {}{unit}", report::number(v)));
    }
    match (flow.since(), flow.until()) {
        (Some(s), Some(u)) => facts.push(format!("{s} to {u}")),
        (Some(s), None) => facts.push(format!("since {s}")),
        (None, Some(u)) => facts.push(format!("until {u}")),
        (None, None) => {}
    }
    if let Some(b) = flow.basis() {
        facts.push(b.to_string());
    }
    if let Some(e) = flow.event() {
        facts.push(format!("event {e}"));
    }
    lines.push(facts.join(", "));
    if let Some(n) = flow.note() {
        lines.push(n.to_string());
    }
    sources(net, &mut lines, flow.sources());
    lines.join("\n")
}

/// The tooltip of several parallel flows drawn as one edge: each flow's tooltip, one after another.
pub fn flows(net: &Network, flows: &[usize]) -> String {
    flows
        .iter()
        .map(|&i| flow(net, net.flow(i)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn sources(net: &Network, lines: &mut Vec<String>, sources: &[Source]) {
    if sources.is_empty() {
        lines.push("sources: none cited".to_string());
        return;
    }
    lines.push("sources:".to_string());
    for s in sources {
        lines.push(format!("• {}", net.source_text(s, "“", "”")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Flow;

    #[test]
    fn flow_tooltip_carries_confidence_and_every_source() {
        let mut net = Network::new();
        let mut a = Actor::new("a");
        a.name = Some("Clan A".into());
        a.kind = Some("family-clan".into());
        a.more_mut().country = Some("PE".into());
        a.more_mut().sources = vec![Source::new("d1.txt", "Clan A sells gold")];
        net.actors = vec![a, Actor::new("b")];
        let mut f = Flow::new("a", "b");
        f.kind = Some("gold".into());
        f.confidence = Some(0.6);
        f.volume = Some(4.0);
        f.unit = Some("t".into());
        f.since = Some("2024".into());
        f.sources = vec![
            Source::new("d1.txt", "sells gold"),
            Source::new("d2.txt", ""),
        ];
        f.extra.insert("basis".into(), "stated".into());
        f.extra.insert("event".into(), "s1".into());
        net.set_flows(vec![f]);
        net.documents.insert(
            "d1.txt".into(),
            crate::model::Document {
                author: Some("Ana Torres".into()),
                date: Some("2024-03-02".into()),
                ..Default::default()
            },
        );
        net.index().unwrap();
        assert_eq!(
            flow(&net, net.flow(0)),
            "Clan A → b: gold (illicit)\nconfidence 0.6, volume 4 t, since 2024, stated, event s1\n\
             sources:\n• Torres, Mar 2024 (d1.txt): “sells gold”\n• d2.txt"
        );
        assert_eq!(
            actor(&net, &net.actors[0], &[0]),
            "Clan A — family-clan (criminal)\nPE\n1 flow drawn, confidence 0.6\nsources:\n\
             • Torres, Mar 2024 (d1.txt): “Clan A sells gold”"
        );
        assert_eq!(
            actor(&net, &net.actors[1], &[]),
            "b — actor (other)\nno flows drawn\nsources: none cited"
        );
    }
}
