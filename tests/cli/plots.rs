//! Charts (`-o FILE.svg|png`): `whatif --attack A,B,… ` draws the disruption curves, `centrality
//! --by … --track` the trajectories. The SVG is parsed with quick-xml: axis titles, one legend
//! entry and one path per series, the points where the NetworkX reference and the hand loop put
//! them; the PNG has its signature and size; same input, same bytes; hostile labels stay text;
//! other extensions keep the text formats.

use crate::common::{assert_usage_error, repo, run, write};
use quick_xml::events::{BytesStart, Event};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Okabe–Ito colours of the first two series, and the baseline's grey.
const BLUE: &str = "#0072B2";
const VERMILLION: &str = "#D55E00";
const GREY: &str = "#999999";

/// One element of a parsed SVG.
#[derive(Debug)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// The (x, y) pairs of a `points` attribute.
    fn points(&self) -> Vec<(f64, f64)> {
        self.attrs["points"]
            .split_whitespace()
            .map(|xy| {
                let (x, y) = xy.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }
}

fn node(e: &BytesStart) -> Node {
    Node {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap();
                (a.key.as_ref().to_string(), value.into_owned())
            })
            .collect(),
        text: String::new(),
    }
}

/// Parses an SVG file, failing on malformed XML; every element in document order.
fn parse(bytes: &[u8]) -> Vec<Node> {
    let mut reader = quick_xml::Reader::from_str(std::str::from_utf8(bytes).expect("UTF-8"));
    let (mut out, mut open): (Vec<Node>, Vec<usize>) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                out.push(node(&e));
                open.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(node(&e)),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&i) = open.last() {
                    let name = r.xml10_content();
                    let text = quick_xml::escape::resolve_predefined_entity(&name).unwrap();
                    out[i].text.push_str(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(out.first().map(|n| n.name.as_str()), Some("svg"));
    out
}

fn texts(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .filter(|n| n.name == "text")
        .map(|n| n.text.trim().to_string())
        .collect()
}

fn assert_texts(nodes: &[Node], wanted: &[&str]) {
    let texts = texts(nodes);
    for w in wanted {
        assert!(texts.iter().any(|t| t == w), "no text {w:?} in {texts:?}");
    }
}

/// The polylines stroked in `colour`: the series' paths (legends draw rectangles).
fn paths<'a>(nodes: &'a [Node], colour: &str) -> Vec<&'a Node> {
    nodes
        .iter()
        .filter(|n| n.name == "polyline" && n.attr("stroke") == Some(colour))
        .collect()
}

/// Whether pixel heights are one linear function of values (within `tolerance` pixels): the
/// chart put the points where the values say.
fn linear(values: &[f64], pixels: &[f64], tolerance: f64) -> bool {
    let (i, j) = (0, values.len() - 1);
    let slope = (pixels[j] - pixels[i]) / (values[j] - values[i]);
    values
        .iter()
        .zip(pixels)
        .all(|(v, p)| (pixels[i] + slope * (v - values[i]) - p).abs() <= tolerance)
}

/// `netgraph ARGS -o dir/name`: the file's bytes.
fn chart(dir: &tempfile::TempDir, name: &str, args: &[&str]) -> Vec<u8> {
    let out = dir.path().join(name);
    let mut all = args.to_vec();
    all.extend(["-o", out.to_str().unwrap()]);
    let r = run(&all);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    std::fs::read(out).unwrap()
}

fn montagna_attack(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "whatif",
        &repo("graphs/montagna-meetings.json"),
        "--attack",
        "betweenness,degree,random",
        "--steps",
        "5",
        "--runs",
        "30",
        "--seed",
        "1",
    ]
    .map(String::from)
    .to_vec();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn the_disruption_chart_has_axes_a_legend_and_one_path_per_strategy() {
    let dir = tempfile::tempdir().unwrap();
    let args = montagna_attack(&[]);
    let svg = chart(&dir, "curve.svg", &strs(&args));
    let nodes = parse(&svg);
    assert_texts(
        &nodes,
        &[
            "actors removed",
            "largest component (share of the intact one)",
            "betweenness (sequential)",
            "degree (sequential)",
            "random: mean of 30 runs (seed 1), band 5th–95th percentile",
            "view: every flow — 256 flows, 101 actors",
        ],
    );
    let (betweenness, degree, random) = (
        paths(&nodes, BLUE),
        paths(&nodes, VERMILLION),
        paths(&nodes, GREY),
    );
    assert_eq!((betweenness.len(), degree.len(), random.len()), (1, 1, 1));
    // The betweenness curve where NetworkX puts it (tests/fixtures/networkx/montagna_attack.json):
    // six points, left to right, heights linear in the reference's shares.
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/networkx/montagna_attack.json")).unwrap(),
    )
    .unwrap();
    let reference: Vec<f64> = fixture["curve"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let points = betweenness[0].points();
    assert_eq!(points.len(), 6);
    assert!(points.windows(2).all(|w| w[0].0 < w[1].0));
    let heights: Vec<f64> = points.iter().map(|p| p.1).collect();
    assert!(linear(&reference, &heights, 1.0), "{heights:?}");
    // Every curve starts at the intact network (share 1), the same height.
    assert_eq!(degree[0].points()[0], points[0]);
    assert_eq!(random[0].points()[0], points[0]);
    // The random band: one grey polygon, 6 + 6 corners, around the mean.
    let bands: Vec<&Node> = nodes.iter().filter(|n| n.name == "polygon").collect();
    assert_eq!(bands.len(), 1);
    assert_eq!(bands[0].attr("fill"), Some(GREY));
    let corners = bands[0].points();
    assert_eq!(corners.len(), 12);
    for (k, mean) in random[0].points().iter().enumerate() {
        let (high, low) = (corners[k].1, corners[11 - k].1);
        assert!(high <= mean.1 && mean.1 <= low, "step {k}");
    }
}

#[test]
fn reference_points_are_marked_and_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let csv = repo("docs/examples/montagna-published.csv");
    let args = montagna_attack(&["--reference-points", &csv]);
    let nodes = parse(&chart(&dir, "curve.svg", &strs(&args)));
    assert_texts(
        &nodes,
        &[
            "Cavallaro et al. 2020 (published)",
            "NetworkX 3.6.1 (computed reference)",
        ],
    );
    // The published point (one circle, plus the legend's) sits at the betweenness curve's fifth
    // step: 39 of 92 is 42.4 %.
    let circles: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.name == "circle" && n.attr("stroke") == Some("#000000"))
        .collect();
    assert_eq!(circles.len(), 2);
    let last = *paths(&nodes, BLUE)[0].points().last().unwrap();
    let centre = |n: &Node| -> (f64, f64) {
        (
            n.attr("cx").unwrap().parse().unwrap(),
            n.attr("cy").unwrap().parse().unwrap(),
        )
    };
    assert!(circles.iter().any(|c| {
        let (x, y) = centre(c);
        (x - last.0).abs() <= 1.0 && (y - last.1).abs() <= 1.0
    }));
}

#[test]
fn bad_reference_points_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.svg");
    let out = out.to_str().unwrap();
    for (text, needles) in [
        ("x,y\n1,0.5\n", vec!["bad.csv line 1", "removed,share"]),
        (
            "removed,share\n1,0.5\n2,1.5\n",
            vec![
                "bad.csv line 3",
                "share \"1.5\" is not a number from 0 to 1",
            ],
        ),
        (
            "# comment\nremoved,share,label\n-1,0.5,x\n",
            vec!["line 3", "removed \"-1\""],
        ),
        ("removed,share\n", vec!["no reference point"]),
    ] {
        let csv = write(dir.path(), "bad.csv", text);
        let args = montagna_attack(&["--reference-points", csv.to_str().unwrap(), "-o", out]);
        let r = run(&strs(&args));
        assert_eq!(r.code, 1, "{text}: {}", r.stderr);
        for n in needles {
            assert!(r.stderr.contains(n), "{n:?} not in {}", r.stderr);
        }
        assert!(!std::path::Path::new(out).exists(), "no chart on an error");
    }
}

/// Width and height of a PNG, after checking its signature and header chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn png_charts_and_same_input_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let args = montagna_attack(&[]);
    let png = chart(&dir, "curve.png", &strs(&args));
    // 800 × 500 and a legend row for each of the three strategies under the chart.
    assert_eq!(png_size(&png), (800, 500 + 3 * 20 + 10));
    let one_thread = montagna_attack(&["--threads", "1"]);
    assert_eq!(chart(&dir, "again.png", &strs(&one_thread)), png);
    let svg = chart(&dir, "curve.svg", &strs(&args));
    assert_eq!(chart(&dir, "again.svg", &strs(&one_thread)), svg);
    // The extension's case does not matter, and --attack may be repeated instead of listed.
    assert_eq!(chart(&dir, "CURVE.PNG", &strs(&args)), png);
    let mut repeated = args.clone();
    repeated.splice(
        2..4,
        [
            "--attack",
            "betweenness",
            "--attack",
            "degree",
            "--attack",
            "random",
        ]
        .map(String::from),
    );
    assert_eq!(chart(&dir, "repeated.svg", &strs(&repeated)), svg);
}

#[test]
fn other_extensions_keep_the_text_formats() {
    let dir = tempfile::tempdir().unwrap();
    let graph = repo("graphs/montagna-meetings.json");
    let one = |extra: &[&str], name: &str| -> String {
        let mut args = vec!["whatif", &graph, "--attack", "betweenness", "--steps", "5"];
        args.extend_from_slice(extra);
        String::from_utf8(chart(&dir, name, &args)).unwrap()
    };
    assert!(one(&[], "curve.csv").starts_with("step,removed,"));
    assert!(one(&[], "curve.txt").starts_with("view: every flow"));
    let json: Value = serde_json::from_str(&one(&[], "curve.json")).unwrap();
    assert_eq!(json["attack"][5]["removed"], "N68");
    // --format wins over the extension, as for every command.
    let forced: Value = serde_json::from_str(&one(&["--format", "json"], "curve.svg")).unwrap();
    assert_eq!(forced, json);
}

#[test]
fn several_strategies_need_a_chart_and_options_need_their_strategy() {
    let graph = repo("graphs/montagna-meetings.json");
    let r = run(&[
        "whatif",
        &graph,
        "--attack",
        "betweenness,degree",
        "--steps",
        "2",
    ]);
    assert_usage_error(&r, &["several --attack strategies", "-o FILE.svg"]);
    let r = run(&[
        "whatif",
        &graph,
        "--attack",
        "betweenness",
        "--steps",
        "2",
        "--reference-points",
        "x.csv",
    ]);
    assert_usage_error(&r, &["--reference-points", "-o FILE.svg"]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.svg");
    let out = out.to_str().unwrap();
    let r = run(&[
        "whatif",
        &graph,
        "--attack",
        "betweenness,degree",
        "--steps",
        "2",
        "--runs",
        "5",
        "-o",
        out,
    ]);
    assert_usage_error(&r, &["--runs and --seed apply to --attack random"]);
    let r = run(&[
        "whatif", &graph, "--attack", "random", "--steps", "2", "--mode", "static", "-o", out,
    ]);
    assert_usage_error(&r, &["--mode applies to a targeted attack"]);
    let r = run(&[
        "whatif",
        &graph,
        "--attack",
        "degree,degree",
        "--steps",
        "2",
        "-o",
        out,
    ]);
    assert_usage_error(&r, &["--attack names degree twice"]);
    let r = run(&[
        "whatif",
        &graph,
        "--attack",
        "degree,closenes",
        "--steps",
        "2",
        "-o",
        out,
    ]);
    assert_usage_error(&r, &["unknown attack \"closenes\""]);
    assert!(!std::path::Path::new(out).exists());
}

#[test]
fn tracked_actors_are_drawn_across_the_periods() {
    let dir = tempfile::tempdir().unwrap();
    let caviar = repo("graphs/caviar.json");
    let args = [
        "centrality",
        &caviar,
        "--by",
        "phase",
        "--measure",
        "betweenness",
        "--track",
        "p1,p3",
    ];
    let nodes = parse(&chart(&dir, "trend.svg", &args));
    assert_texts(
        &nodes,
        &[
            "betweenness by phase",
            "phase",
            "betweenness among the period's active actors",
            "1",
            "11",
        ],
    );
    let names: Vec<String> = texts(&nodes)
        .into_iter()
        .filter(|t| t.contains("(p1)") || t.contains("(p3)") || t == "p1" || t == "p3")
        .collect();
    assert_eq!(
        names.len(),
        2,
        "one legend entry per tracked actor: {names:?}"
    );
    // p1 is active in every phase: one path through 11 dots, whose heights are linear in the
    // scores the hand loop of docs/measures.md gave (tests/cli/periods.rs).
    let p1 = paths(&nodes, BLUE);
    assert_eq!(p1.len(), 1);
    let points = p1[0].points();
    assert_eq!(points.len(), 11);
    let hand: Vec<f64> = crate::periods::HAND_LOOP
        .iter()
        .map(|phase| phase[0].unwrap().1)
        .collect();
    let heights: Vec<f64> = points.iter().map(|p| p.1).collect();
    assert!(linear(&hand, &heights, 2.0), "{heights:?}");
    // p3's dots: one per phase it is active in, and one in the legend.
    let active = crate::periods::HAND_LOOP
        .iter()
        .filter(|phase| phase[1].is_some())
        .count();
    let dots = nodes
        .iter()
        .filter(|n| n.name == "circle" && n.attr("fill") == Some(VERMILLION))
        .count();
    assert_eq!(dots, active + 1);
    let png = chart(&dir, "trend.png", &args);
    assert_eq!(png_size(&png), (800, 500));
}

#[test]
fn a_centrality_chart_needs_tracked_periods() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.svg");
    let caviar = repo("graphs/caviar.json");
    for extra in [&[][..], &["--by", "phase"][..]] {
        let mut args = vec!["centrality", caviar.as_str(), "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let r = run(&args);
        assert_usage_error(
            &r,
            &[
                "cannot write .svg",
                "centrality --by … --track and centrality --resample draw charts",
            ],
        );
    }
    // Other commands still refuse a picture extension.
    let r = run(&["pairs", &caviar, "-o", out.to_str().unwrap()]);
    assert_usage_error(&r, &["cannot write .svg"]);
}

#[test]
fn hostile_labels_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let net = json!({
        "actors": [
            {"id": "a", "name": "<script>alert(1)</script>"},
            {"id": "b", "name": "Tom & \"Jerry\" </svg>"},
            {"id": "c"}
        ],
        "flows": [
            {"from": "a", "to": "b", "phase": "r&d <1>"},
            {"from": "b", "to": "c", "phase": "r&d <1>"},
            {"from": "a", "to": "c", "phase": "two & three"}
        ]
    });
    let p = write(dir.path(), "hostile.json", &net.to_string());
    let p = p.to_str().unwrap();
    let nodes = parse(&chart(
        &dir,
        "trend.svg",
        &["centrality", p, "--by", "phase", "--track", "a,b"],
    ));
    assert!(nodes.iter().all(|n| n.name != "script"));
    assert_eq!(nodes.iter().filter(|n| n.name == "svg").count(), 1);
    assert_texts(
        &nodes,
        &[
            "<script>alert(1)</script> (a)",
            "Tom & \"Jerry\" </svg> (b)",
            "r&d <1>",
            "two & three",
        ],
    );
    let csv = write(
        dir.path(),
        "points.csv",
        "removed,share,label\n1,0.5,<script>x</script>\n",
    );
    let nodes = parse(&chart(
        &dir,
        "curve.svg",
        &[
            "whatif",
            p,
            "--attack",
            "degree",
            "--steps",
            "1",
            "--reference-points",
            csv.to_str().unwrap(),
        ],
    ));
    assert!(nodes.iter().all(|n| n.name != "script"));
    assert_texts(&nodes, &["<script>x</script>"]);
}

#[test]
fn the_montagna_picture_is_the_scripts_output() {
    // docs/img/montagna-curve.svg is what scripts/montagna-curve.sh draws today.
    let dir = tempfile::tempdir().unwrap();
    let svg = chart(
        &dir,
        "montagna-curve.svg",
        &[
            "whatif",
            &repo("graphs/montagna-meetings.json"),
            "--attack",
            "betweenness,degree,random",
            "--steps",
            "20",
            "--runs",
            "1000",
            "--seed",
            "1",
            "--reference-points",
            &repo("docs/examples/montagna-published.csv"),
        ],
    );
    let shipped = std::fs::read(repo("docs/img/montagna-curve.svg")).unwrap();
    assert!(svg == shipped, "run scripts/montagna-curve.sh");
    let script = std::fs::read_to_string(repo("scripts/montagna-curve.sh")).unwrap();
    assert!(script.contains("--attack betweenness,degree,random --steps 20"));
    assert!(
        script.contains(
            "--runs 1000 --seed 1 --reference-points docs/examples/montagna-published.csv"
        )
    );
}

#[test]
fn resampled_intervals_are_a_ranked_chart_with_one_bar_per_actor() {
    let dir = tempfile::tempdir().unwrap();
    // A path a → b → c → d, every flow sure but c → d (confidence 0.5): b's betweenness is 2/6
    // on the whole path and 1/6 when c → d is dropped; c's is 2/6 or 0. About half the draws
    // keep it, so each interval spans both values.
    let net = json!({
        "directed": true,
        "actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "flows": [
            {"from": "a", "to": "b"},
            {"from": "b", "to": "c"},
            {"from": "c", "to": "d", "confidence": 0.5}
        ]
    });
    let p = write(dir.path(), "path.json", &net.to_string());
    let args = [
        "centrality",
        p.to_str().unwrap(),
        "--measure",
        "betweenness",
        "--resample",
        "200",
    ];
    let nodes = parse(&chart(&dir, "iv.svg", &args));
    assert_texts(
        &nodes,
        &[
            "betweenness",
            "actor",
            "score on the whole view",
            "5th–95th percentile of the draws",
        ],
    );
    // One bar per actor (a polyline of two points), and one dot per actor.
    let bars: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.name == "polyline" && n.attr("stroke-width") == Some("5"))
        .collect();
    assert_eq!(bars.len(), 4, "one bar per actor");
    let dots = nodes.iter().filter(|n| n.name == "circle").count();
    assert_eq!(dots, 4 + 1, "one dot per actor and the legend's");
    // b's bar runs from 1/6 to 2/6, c's from 0 to 2/6 (twice as long); a and d never lie
    // between two actors (zero length). Ranked by the whole view's score: b and c first.
    let lengths: Vec<f64> = bars
        .iter()
        .map(|b| {
            let p = b.points();
            (p[1].0 - p[0].0).abs()
        })
        .collect();
    let mut sorted = lengths.clone();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(sorted[..2], [0.0, 0.0], "{lengths:?}");
    assert!(
        sorted[2] > 0.0 && (sorted[3] / sorted[2] - 2.0).abs() < 0.01,
        "{lengths:?}"
    );
    // A chart is not a table: stdout is empty (checked by chart()), the same input the same bytes.
    assert_eq!(chart(&dir, "iv.svg", &args), chart(&dir, "iv2.svg", &args));
}
