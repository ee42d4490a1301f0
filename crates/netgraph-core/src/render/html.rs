//! The explorer page (`netgraph render -o net.html`): one self-contained HTML file that shows the
//! Graphviz drawing of a view and lets a reader pan and zoom it, find an actor, read an actor's or
//! a flow's fields and sources in a side panel, fade flow classes and layers, and highlight a
//! laundering channel or a highlighted chain.
//!
//! The page is assembled from four parts, none fetched from anywhere:
//!
//! - the SVG that Graphviz drew from DOT written with [`Options::explorer`] (node ids `a{position}`,
//!   edge ids `e{k}`, no tooltips), re-written element by element by [`clean_svg`]: only the
//!   elements Graphviz draws with, no comments, declarations, scripts, event handlers, links or
//!   style attributes, and every text and attribute escaped again;
//! - the data ([`Data`]): the actors and flows drawn with their fields, confidence and sources, the
//!   flow classes and layers, and the channels or chains to list, as JSON in a
//!   `<script type="application/json">` block in which `<`, `>`, `&`, U+2028 and U+2029 are written
//!   as `\u` escapes, so no text in it can close the block;
//! - the project's own script and style sheet (`render/explorer/explorer.js` and `explorer.css`,
//!   compiled in), which build every piece of the panel with `textContent`, never with markup;
//! - a Content-Security-Policy that allows exactly that script and that style sheet (by their
//!   SHA-256 hashes) and nothing else: no network request, no other script, no plug-in, no form.
//!
//! Cost: O(V + E + S) for V actors, E flows and S sources drawn, plus the SVG's size.

use super::Options;
use super::dot::{Scene, actor_element, edge_element};
use super::style;
use crate::model::{Network, Source};
use crate::view::{View, layer};
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The page's script, compiled in.
pub const SCRIPT: &str = include_str!("explorer/explorer.js");
/// The page's style sheet, compiled in.
pub const STYLE: &str = include_str!("explorer/explorer.css");

/// The id of the `<script type="application/json">` block holding the [`Data`].
pub const DATA_ID: &str = "netgraph-data";

/// What the page's list shows: the laundering channels among the flows drawn, or the chains that
/// `--highlight-chains` made bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// The channels of the default laundering query (docs/chains.md).
    Channels,
    /// The chains highlighted.
    Chains,
}

/// A list of marks the reader can highlight one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Channels or chains.
    pub kind: ListKind,
    /// The list's heading: what was searched for, and how much was found.
    pub title: String,
    /// Lines about the search (a stop at a limit, kinds left out).
    pub notes: Vec<String>,
    /// The marks, best first.
    pub items: Vec<Mark>,
}

/// One channel or chain of a [`List`]: what it is in words, and the actors and flows to stress.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// One line naming it (`Family clans → Legitimate mines: gold`).
    pub label: String,
    /// A second line (how many chains, from whom, how well evidenced).
    pub detail: String,
    /// Actor positions.
    pub actors: Vec<usize>,
    /// Flow positions in the file.
    pub flows: Vec<usize>,
}

/// Everything the page's script knows about the drawing, serialised as the page's JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Data {
    /// The network's title.
    pub title: String,
    /// The lines under the title: the view, the focus, what is highlighted.
    pub captions: Vec<String>,
    /// Whether flows have a direction.
    pub directed: bool,
    /// The actors drawn, in file order.
    pub actors: Vec<ActorEntry>,
    /// The edges drawn, in drawing order (edge `k` is the SVG element `e{k}`).
    pub edges: Vec<EdgeEntry>,
    /// The flows drawn, in file order.
    pub flows: Vec<FlowEntry>,
    /// The flow classes drawn, in legend order, with their colours.
    pub classes: Vec<ClassEntry>,
    /// The layers the network declares.
    pub layers: Vec<LayerEntry>,
    /// The channels or chains to list.
    pub list: ListEntry,
}

/// An actor drawn.
#[derive(Debug, Clone, Serialize)]
pub struct ActorEntry {
    /// The SVG element id of its node.
    pub el: String,
    /// Its id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Its class.
    pub class: String,
    /// Every other field of the file but its sources (country, region, description, …), in file
    /// order.
    pub fields: Map<String, Value>,
    /// The confidence of the flows drawn at it, in words.
    pub confidence: String,
    /// Its sources.
    pub sources: Vec<SourceEntry>,
    /// The edges drawn at it.
    pub edges: Vec<usize>,
}

/// An edge drawn: one flow, or the parallel flows of a pair with `--merge`.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeEntry {
    /// The SVG element id of the edge.
    pub el: String,
    /// The actor it leaves (an index into [`Data::actors`]).
    pub from: usize,
    /// The actor it enters.
    pub to: usize,
    /// Its flows (indices into [`Data::flows`]).
    pub flows: Vec<usize>,
}

/// A flow drawn.
#[derive(Debug, Clone, Serialize)]
pub struct FlowEntry {
    /// Its position in the file (0-based).
    pub index: usize,
    /// The actor it leaves (an index into [`Data::actors`]).
    pub from: usize,
    /// The actor it enters.
    pub to: usize,
    /// Its kind.
    pub kind: String,
    /// Its class.
    pub class: String,
    /// Its confidence (1 when the file gives none).
    pub confidence: f64,
    /// Whether the file gives the confidence.
    pub stated: bool,
    /// Every other field of the file but its ends, kind, confidence and sources, in file order.
    pub fields: Map<String, Value>,
    /// Its sources.
    pub sources: Vec<SourceEntry>,
    /// The layers that hold it (indices into [`Data::layers`]).
    pub layers: Vec<usize>,
    /// The edge that draws it.
    pub edge: usize,
}

/// A source of an actor or a flow.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    /// The document's file name.
    pub doc: String,
    /// Its short citation (`Ellis, Oct 2025`; the file name when the network does not describe it).
    pub cite: String,
    /// Its title, when the `documents` section gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The quotation ("" for none).
    pub quote: String,
}

/// A flow class drawn.
#[derive(Debug, Clone, Serialize)]
pub struct ClassEntry {
    /// Its name.
    pub name: String,
    /// The colour its flows are drawn in.
    pub colour: String,
    /// How many flows of it are drawn.
    pub flows: usize,
}

/// A layer the network declares.
#[derive(Debug, Clone, Serialize)]
pub struct LayerEntry {
    /// Its name.
    pub name: String,
    /// What it holds, as the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The list as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    /// Channels or chains.
    pub kind: ListKind,
    /// Its heading.
    pub title: String,
    /// Lines about the search.
    pub notes: Vec<String>,
    /// Its marks.
    pub items: Vec<MarkEntry>,
}

/// A mark of the list, by what the page draws.
#[derive(Debug, Clone, Serialize)]
pub struct MarkEntry {
    /// One line naming it.
    pub label: String,
    /// A second line.
    pub detail: String,
    /// Its actors (indices into [`Data::actors`]).
    pub actors: Vec<usize>,
    /// Its edges (indices into [`Data::edges`]).
    pub edges: Vec<usize>,
}

/// The page's data for a view drawn with `options` (which should have [`Options::explorer`] set,
/// so that the SVG's ids match): the same actors, flows and edges as [`super::dot()`] draws.
pub fn data(view: &View, options: &Options, list: List) -> Data {
    let scene = Scene::new(view, options);
    let net = scene.net;
    let mut actor_entry = vec![None; net.actor_count()];
    for (k, &v) in scene.actors.iter().enumerate() {
        actor_entry[v] = Some(k);
    }
    let groups = scene.edge_groups(options);
    let mut edge_of = vec![None; net.flow_count()];
    for (k, g) in groups.iter().enumerate() {
        for &i in g {
            edge_of[i] = Some(k);
        }
    }
    let mut flow_entry = vec![None; net.flow_count()];
    for (k, &i) in scene.flows.iter().enumerate() {
        flow_entry[i] = Some(k);
    }
    let layers: Vec<(LayerEntry, Option<layer::Layer>)> = layer::declared(&net.kinds)
        .into_iter()
        .map(|(name, def)| {
            let resolved = layer::Layer::resolve(net, Some(&name), false)
                .ok()
                .flatten();
            let entry = LayerEntry {
                name,
                description: def.description,
            };
            (entry, resolved)
        })
        .collect();
    let actors = scene
        .actors
        .iter()
        .map(|&v| {
            let a = &net.actors[v];
            let mut fields = match serde_json::to_value(a) {
                Ok(Value::Object(m)) => m,
                _ => Map::new(),
            };
            for k in ["id", "name", "kind", "sources"] {
                fields.shift_remove(k);
            }
            let mut edges: Vec<usize> = scene.at[v].iter().filter_map(|&i| edge_of[i]).collect();
            edges.dedup();
            ActorEntry {
                el: actor_element(v),
                id: a.id.to_string(),
                name: a.display_name().to_string(),
                kind: a.kind().to_string(),
                class: net.actor_class(a).to_string(),
                fields,
                confidence: super::evidence::flows_confidence(net, &scene.at[v]),
                sources: sources(net, a.sources()),
                edges,
            }
        })
        .collect();
    let entry = |v: usize| actor_entry[v].unwrap_or(0);
    let edges = groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let (a, b) = net.ends(g[0]);
            EdgeEntry {
                el: edge_element(k),
                from: entry(a),
                to: entry(b),
                flows: g.iter().filter_map(|&i| flow_entry[i]).collect(),
            }
        })
        .collect();
    let flows = scene
        .flows
        .iter()
        .map(|&i| {
            let f = net.flow(i);
            let (a, b) = net.ends(i);
            let mut fields = match serde_json::to_value(f.to_flow()) {
                Ok(Value::Object(m)) => m,
                _ => Map::new(),
            };
            for k in ["from", "to", "kind", "confidence", "sources"] {
                fields.shift_remove(k);
            }
            FlowEntry {
                index: i,
                from: entry(a),
                to: entry(b),
                kind: f.kind().to_string(),
                class: net.flow_class(f).to_string(),
                confidence: f.confidence(),
                stated: f.stated_confidence().is_some(),
                fields,
                sources: sources(net, f.sources()),
                layers: layers
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, l))| l.as_ref().is_some_and(|l| l.keeps(net, f)))
                    .map(|(k, _)| k)
                    .collect(),
                edge: edge_of[i].unwrap_or(0),
            }
        })
        .collect();
    let mut classes: Vec<ClassEntry> = Vec::new();
    for &i in &scene.flows {
        let class = net.flow_class(net.flow(i));
        match classes.iter_mut().find(|c| c.name == class) {
            Some(c) => c.flows += 1,
            None => classes.push(ClassEntry {
                name: class.to_string(),
                colour: style::flow(class).to_string(),
                flows: 1,
            }),
        }
    }
    let order = |name: &str| {
        style::FLOW_CLASSES
            .iter()
            .position(|c| *c == name)
            .unwrap_or(style::FLOW_CLASSES.len())
    };
    classes.sort_by(|a, b| (order(&a.name), &a.name).cmp(&(order(&b.name), &b.name)));
    let items = list
        .items
        .into_iter()
        .map(|m| {
            let mut edges: Vec<usize> = m.flows.iter().filter_map(|&i| edge_of[i]).collect();
            edges.sort_unstable();
            edges.dedup();
            MarkEntry {
                label: m.label,
                detail: m.detail,
                actors: m.actors.iter().filter_map(|&v| actor_entry[v]).collect(),
                edges,
            }
        })
        .collect();
    Data {
        title: net.title(),
        captions: options.captions.clone(),
        directed: view.is_directed(),
        actors,
        edges,
        flows,
        classes,
        layers: layers.into_iter().map(|(e, _)| e).collect(),
        list: ListEntry {
            kind: list.kind,
            title: list.title,
            notes: list.notes,
            items,
        },
    }
}

fn sources(net: &Network, sources: &[Source]) -> Vec<SourceEntry> {
    sources
        .iter()
        .map(|s| SourceEntry {
            doc: s.doc.clone(),
            cite: net.citation(&s.doc).into_owned(),
            title: net.documents.get(&s.doc).and_then(|d| d.title.clone()),
            quote: s.quote.clone(),
        })
        .collect()
}

/// Why no page could be made of Graphviz's SVG.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the SVG that Graphviz drew: {0}")]
pub struct PageError(String);

/// The explorer page: Graphviz's SVG of the view (drawn from DOT written with
/// [`Options::explorer`]) and its [`Data`], with the page's script and style sheet, as one HTML
/// document that needs nothing else.
pub fn page(svg: &[u8], data: &Data) -> Result<String, PageError> {
    let svg = std::str::from_utf8(svg).map_err(|e| PageError(e.to_string()))?;
    let picture = clean_svg(svg).map_err(PageError)?;
    let json = serde_json::to_string(data).map_err(|e| PageError(e.to_string()))?;
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src 'none'; \
         base-uri 'none'; form-action 'none'",
        hash(SCRIPT),
        hash(STYLE)
    );
    let title = escape_text(&data.title);
    let mut out = String::with_capacity(picture.len() + json.len() + SCRIPT.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"netgraph {}\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str(&format!("<title>{title}</title>\n"));
    out.push_str("<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&format!(
        "<header id=\"ng-header\"><h1 id=\"ng-title\">{title}</h1></header>\n"
    ));
    out.push_str("<nav id=\"ng-side\" aria-label=\"Find, filter and highlight\"></nav>\n");
    out.push_str("<main id=\"ng-canvas\">\n");
    out.push_str(&picture);
    out.push_str("\n</main>\n");
    out.push_str("<aside id=\"ng-panel\" aria-live=\"polite\" hidden></aside>\n");
    out.push_str(
        "<noscript><p class=\"ng-noscript\">Search, the panel and the toggles need JavaScript; \
         the picture is above.</p></noscript>\n",
    );
    out.push_str(&format!(
        "<script type=\"application/json\" id=\"{DATA_ID}\">"
    ));
    out.push_str(&json_island(&json));
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    Ok(out)
}

/// A CSP source expression for an inline script or style sheet: `sha256-` and the base64 of its
/// SHA-256 digest.
fn hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648, section 4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// JSON text made safe inside a `<script>` block: `<`, `>` and `&` (which could close the block
/// or open a comment) and U+2028, U+2029 written as `\u` escapes. They can occur only inside JSON
/// strings, where the escapes mean the same characters.
pub fn json_island(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML element's content or a quoted attribute value.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The elements Graphviz draws an SVG with; any other element is left out with its content.
const ELEMENTS: [&str; 13] = [
    "svg", "g", "a", "title", "text", "path", "polygon", "polyline", "ellipse", "circle", "rect",
    "line", "tspan",
];

/// Graphviz's SVG rewritten for inlining in HTML: the XML declaration, doctype, comments and
/// processing instructions dropped; only the elements Graphviz draws with kept (any other with its
/// content dropped); attributes that act (`on…`), link (`href`, `xlink:href`) or style (`style`)
/// dropped, and the root's `width` and `height` (the page sizes the picture); every text and
/// attribute value decoded and escaped again, so that the HTML parser reads exactly the text
/// Graphviz wrote.
pub fn clean_svg(svg: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut out = String::with_capacity(svg.len());
    // Depth inside an element being left out (0: keeping).
    let mut skipping = 0usize;
    let mut root_seen = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                if skipping > 0 || !kept(&e) {
                    skipping += 1;
                } else {
                    open_tag(&mut out, &e, &mut root_seen)?;
                    out.push('>');
                }
            }
            Event::Empty(e) if skipping == 0 && kept(&e) => {
                open_tag(&mut out, &e, &mut root_seen)?;
                out.push_str("/>");
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::End(e) => {
                out.push_str(&format!("</{}>", e.name().into_inner()));
            }
            Event::Text(t) if skipping == 0 => {
                out.push_str(&escape_text(&t));
            }
            Event::CData(c) if skipping == 0 => {
                out.push_str(&escape_text(&c));
            }
            Event::GeneralRef(r) if skipping == 0 => {
                out.push_str(&escape_text(&decode(&format!("&{};", &*r))));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err("no <svg> element".into());
    }
    Ok(out.trim().to_string())
}

/// Whether an element is one Graphviz draws with.
fn kept(e: &BytesStart) -> bool {
    ELEMENTS.contains(&e.name().into_inner())
}

/// Writes `<name attr="value" …` (without the closing `>`), keeping the attributes that only
/// describe the drawing.
fn open_tag(out: &mut String, e: &BytesStart, root_seen: &mut bool) -> Result<(), String> {
    let name = e.name().into_inner().to_string();
    let root = !*root_seen;
    if root && name != "svg" {
        return Err(format!("<{name}> where <svg> should open the picture"));
    }
    *root_seen = true;
    out.push('<');
    out.push_str(&name);
    for a in e.attributes() {
        let a = a.map_err(|e| format!("malformed attribute: {e}"))?;
        let key = a.key.into_inner();
        let lower = key.to_ascii_lowercase();
        let local = lower.rsplit(':').next().unwrap_or("");
        let acts = local.starts_with("on") || local == "href" || local == "style";
        let sized = root && (lower == "width" || lower == "height");
        let plain = key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'));
        if acts || sized || !plain {
            continue;
        }
        let raw: &str = &a.value;
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        out.push_str(&escape_text(&decode(raw)));
        out.push('"');
    }
    Ok(())
}

/// XML text with its character references (`&#45;`, `&#x2d;`) and the five predefined entities
/// decoded; any other `&…;` stays as written.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').and_then(|end| {
            let name = &after[..end];
            let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                quick_xml::escape::resolve_predefined_entity(name).and_then(|s| s.chars().next())
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_follows_rfc_4648() {
        for (text, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), want);
        }
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1), in base64.
        assert_eq!(
            hash("abc"),
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }

    #[test]
    fn the_json_island_cannot_close_its_block() {
        let json = serde_json::to_string(&serde_json::json!({
            "a": "</script><!-- & \u{2028}\u{2029} é"
        }))
        .unwrap();
        let island = json_island(&json);
        assert_eq!(
            island,
            r#"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029 é"}"#
        );
        let back: Value = serde_json::from_str(&island).unwrap();
        assert_eq!(back["a"], "</script><!-- & \u{2028}\u{2029} é");
    }

    #[test]
    fn the_svg_keeps_the_drawing_and_drops_what_acts() {
        let svg = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="100pt" height="50pt" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">
<g id="a0" class="node"><title>a&#45;b</title>
<a xlink:href="javascript:x()" xlink:title="t &lt;b&gt; &amp;nbsp; &#10;two"><polygon fill="red" style="x" points="0,0 1,1"/></a>
<text x="1" y="2">&lt;/script&gt; &amp; &quot;q&quot; &unknown; <![CDATA[<b>]]></text>
<script>alert(1)</script><foreignObject><div>html</div></foreignObject>
</g>
</svg>
"##;
        let clean = clean_svg(svg).unwrap();
        assert_eq!(
            clean,
            "<svg viewBox=\"0 0 100 50\" xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\
             <g id=\"a0\" class=\"node\"><title>a-b</title>\n\
             <a xlink:title=\"t &lt;b&gt; &amp;nbsp; \n\
             two\"><polygon fill=\"red\" points=\"0,0 1,1\"/></a>\n\
             <text x=\"1\" y=\"2\">&lt;/script&gt; &amp; &quot;q&quot; &amp;unknown; \
             &lt;b&gt;</text>\n\n</g>\n</svg>"
        );
        assert!(clean_svg("<g/>").is_err());
        assert!(clean_svg("<svg><g></svg>").is_err());
    }

    #[test]
    fn references_decode_once() {
        assert_eq!(decode("a&#45;&#x3C;&lt;&amp;lt;&nope;&"), "a-<<&lt;&nope;&");
    }
}
