//! A Neo4j import bundle: `actors.csv` and `flows.csv` in the CSV header format of
//! `neo4j-admin database import` (Neo4j operations manual, "Import header format"), an `import.sh`
//! that runs `neo4j-admin database import full`, a `load.cypher` that loads the same files with
//! `LOAD CSV` for users without admin access, and a `README.md`.
//!
//! - `actors.csv`: `id:ID,name,kind,:LABEL,country,region,sources,<extra>:<type>…` — one node per
//!   actor, labelled `Actor` and its kind's class (`Actor;Criminal`); `name` is the display name and
//!   `kind` the effective kind (`actor` when missing).
//! - `flows.csv`: `:START_ID,:END_ID,:TYPE,kind,weight:double,volume:double,unit,confidence:double,
//!   since,until,sources,class,<extra>:<type>…` — one relationship per flow, its type the flow kind
//!   upper-cased with every run of other characters as `_` (`real-estate` → `REAL_ESTATE`), `weight`
//!   and `confidence` with their default 1 filled in.
//!
//! - `documents.csv` (only with a `documents` section): `file:ID(Document),:LABEL,cite,title,author,
//!   publisher,date,type,<extra>:<type>…` — one `Document` node per document, in its own id space.
//!
//! Numbers are `double`, not `float`: the importer parses `float` columns with `Float.parseFloat`
//! (32 bits) before widening, which would round `0.1`; doubles are written in the shortest form that
//! reads back exactly. Extra fields get one type per column as the GraphML writer decides it (`long`,
//! `double`, `boolean`, else `string`) and always an explicit `:type`, so a field name holding `:`
//! still parses (the importer takes the type after the last `:`); property names keep letters, digits
//! and `_` only — every other character (`(){}` of the header syntax, `:`, quotes, the `\` and
//! backtick of Cypher escapes) becomes `_` — are quoted in backticks in load.cypher, and a name
//! already taken gets `_2`, `_3`, ….
//!
//! Complexity: O(V + E) times the number of fields.

use super::graphml::{fields, key_types};
use crate::model::Network;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The files of a bundle, by name, in the order they are listed.
pub struct Bundle {
    /// `(file name, content)`.
    pub files: Vec<(&'static str, String)>,
}

/// The file of the bundle that is a shell script (mode 0755).
pub const SCRIPT: &str = "import.sh";

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Text,
    Long,
    Double,
    Boolean,
}

impl Ty {
    fn from_graphml(ty: &str) -> Ty {
        match ty {
            "long" => Ty::Long,
            "double" => Ty::Double,
            "boolean" => Ty::Boolean,
            _ => Ty::Text,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Ty::Text => "string",
            Ty::Long => "long",
            Ty::Double => "double",
            Ty::Boolean => "boolean",
        }
    }

    /// The Cypher expression that turns `LOAD CSV` text `cell` into this type (null when empty).
    fn cypher(self, cell: &str) -> String {
        let value = match self {
            Ty::Text => cell.to_string(),
            Ty::Long => format!("toInteger({cell})"),
            Ty::Double => format!("toFloat({cell})"),
            Ty::Boolean => format!("{cell} = 'true'"),
        };
        format!("CASE WHEN {cell} <> '' THEN {value} END")
    }
}

/// A column: its header, the property it sets (none for `:LABEL`, `:TYPE` and the ends), its type.
struct Column {
    header: String,
    property: Option<String>,
    ty: Ty,
}

impl Column {
    fn new(header: &str, property: Option<&str>, ty: Ty) -> Column {
        Column {
            header: header.into(),
            property: property.map(str::to_string),
            ty,
        }
    }
}

/// The relationship type of a flow kind: upper case, every run of characters other than letters and
/// digits as one `_`, no `_` at either end; prefixed `KIND_` when it would be empty or not start
/// with a letter. A valid Cypher name that needs no quoting.
pub fn relationship_type(kind: &str) -> String {
    let mut t = String::new();
    for c in kind.chars() {
        if c.is_alphanumeric() {
            t.extend(c.to_uppercase());
        } else if !t.is_empty() && !t.ends_with('_') {
            t.push('_');
        }
    }
    while t.ends_with('_') {
        t.pop();
    }
    if t.chars().next().is_some_and(char::is_alphabetic) {
        t
    } else {
        format!("KIND_{t}")
    }
}

/// The label of an actor class: its words (runs of letters and digits) capitalised and joined
/// (`criminal` → `Criminal`, `front-company` → `FrontCompany`); prefixed `Class` when it would be
/// empty or not start with a letter.
pub fn class_label(class: &str) -> String {
    let mut label = String::new();
    for word in class.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            label.extend(first.to_uppercase());
            label.extend(chars);
        }
    }
    if label.chars().next().is_some_and(char::is_alphabetic) {
        label
    } else {
        format!("Class{label}")
    }
}

/// The labels of an actor of `class`, as the `:LABEL` cell writes them.
fn labels(class: &str) -> String {
    match class_label(class).as_str() {
        "Actor" => "Actor".into(),
        other => format!("Actor;{other}"),
    }
}

/// A number in the shortest form that reads back exactly (no exponent: Rust's `Display`).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The cell of an extra field's value in a column of type `ty`.
fn cell(v: &Value, ty: Ty) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if ty == Ty::Double => n.as_f64().map(number),
        other => Some(other.to_string()),
    }
}

/// Whether a property name may hold `c`: letters, digits and `_` only. Anything else — `(){}` of the
/// header syntax, `:`, quotes, and the backslash and backtick of Cypher escapes (`\u0060` is a
/// backtick once Cypher reads it, which would close the quoting in load.cypher) — becomes `_`.
fn safe_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The extra columns of a list of items: every field not in `skip`, typed, with a property name the
/// header syntax accepts and no other column has. Names that need no change are kept first, so a
/// renamed field never takes the name of a field that has it.
fn extra_columns<'a>(
    items: &'a [Map<String, Value>],
    skip: &[&str],
    taken: &mut BTreeSet<String>,
) -> Vec<(&'a str, Column)> {
    let fields = key_types(items, skip);
    let fixed = taken.clone();
    let usable = |f: &str| !f.is_empty() && f.chars().all(safe_char) && !fixed.contains(f);
    taken.extend(fields.keys().filter(|f| usable(f)).map(|f| f.to_string()));
    let mut out = Vec::new();
    for (field, ty) in fields {
        let name = if usable(field) {
            field.to_string()
        } else {
            let base: String = field
                .chars()
                .map(|c| if safe_char(c) { c } else { '_' })
                .collect();
            let base = if base.is_empty() { "_".into() } else { base };
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            name
        };
        let ty = Ty::from_graphml(ty);
        let header = format!("{name}:{}", ty.name());
        out.push((field, Column::new(&header, Some(&name), ty)));
    }
    out
}

/// Builds the bundle of a network (indexed, so that kinds have their classes).
pub fn bundle(net: &Network) -> Result<Bundle, ::csv::Error> {
    use crate::model::reserved::{ACTOR_FIELDS, FLOW_FIELDS};
    let actor_fields: Vec<Map<String, Value>> = net.actors.iter().map(fields).collect();
    let flow_fields: Vec<Map<String, Value>> = net.flows().map(|f| fields(&f.to_flow())).collect();

    let mut columns = vec![
        Column::new("id:ID", Some("id"), Ty::Text),
        Column::new("name", Some("name"), Ty::Text),
        Column::new("kind", Some("kind"), Ty::Text),
        Column::new(":LABEL", None, Ty::Text),
        Column::new("country", Some("country"), Ty::Text),
        Column::new("region", Some("region"), Ty::Text),
        Column::new("sources", Some("sources"), Ty::Text),
    ];
    let mut taken: BTreeSet<String> = ACTOR_FIELDS.map(String::from).into();
    let extras = extra_columns(&actor_fields, &ACTOR_FIELDS, &mut taken);
    let mut rows = Vec::with_capacity(net.actor_count());
    for (a, f) in net.actors.iter().zip(&actor_fields) {
        let mut row = vec![
            Some(a.id.to_string()),
            Some(a.display_name().to_string()),
            Some(a.kind().to_string()),
            Some(labels(net.actor_class(a))),
            a.country().map(str::to_string),
            a.region().map(str::to_string),
            f.get("sources").and_then(|v| cell(v, Ty::Text)),
        ];
        row.extend(
            extras
                .iter()
                .map(|(k, c)| f.get(*k).and_then(|v| cell(v, c.ty))),
        );
        rows.push(row);
    }
    columns.extend(extras.into_iter().map(|(_, c)| c));
    let actors = Table { columns, rows };

    let mut columns = vec![
        Column::new(":START_ID", None, Ty::Text),
        Column::new(":END_ID", None, Ty::Text),
        Column::new(":TYPE", None, Ty::Text),
        Column::new("kind", Some("kind"), Ty::Text),
        Column::new("weight:double", Some("weight"), Ty::Double),
        Column::new("volume:double", Some("volume"), Ty::Double),
        Column::new("unit", Some("unit"), Ty::Text),
        Column::new("confidence:double", Some("confidence"), Ty::Double),
        Column::new("since", Some("since"), Ty::Text),
        Column::new("until", Some("until"), Ty::Text),
        Column::new("sources", Some("sources"), Ty::Text),
        Column::new("class", Some("class"), Ty::Text),
    ];
    let mut taken: BTreeSet<String> = FLOW_FIELDS[2..10]
        .iter()
        .chain(&["class"])
        .map(|s| s.to_string())
        .collect();
    let extras = extra_columns(&flow_fields, &FLOW_FIELDS, &mut taken);
    let mut rows = Vec::with_capacity(net.flow_count());
    for (fl, f) in net.flows().zip(&flow_fields) {
        let mut row = vec![
            Some(fl.from().to_string()),
            Some(fl.to().to_string()),
            Some(relationship_type(fl.kind())),
            Some(fl.kind().to_string()),
            Some(number(fl.weight().unwrap_or(1.0))),
            fl.volume().map(number),
            fl.unit().map(str::to_string),
            Some(number(fl.confidence())),
            fl.since().map(str::to_string),
            fl.until().map(str::to_string),
            f.get("sources").and_then(|v| cell(v, Ty::Text)),
            Some(net.flow_class(fl).to_string()),
        ];
        row.extend(
            extras
                .iter()
                .map(|(k, c)| f.get(*k).and_then(|v| cell(v, c.ty))),
        );
        rows.push(row);
    }
    columns.extend(extras.into_iter().map(|(_, c)| c));
    let flows = Table { columns, rows };

    let documents = documents_table(net);
    let multiline = [Some(&actors), Some(&flows), documents.as_ref()]
        .into_iter()
        .flatten()
        .any(|t| {
            t.rows
                .iter()
                .flatten()
                .flatten()
                .any(|c| c.contains(['\n', '\r']))
        });
    let mut files = vec![
        ("actors.csv", actors.to_csv()?),
        ("flows.csv", flows.to_csv()?),
    ];
    if let Some(d) = &documents {
        files.push(("documents.csv", d.to_csv()?));
    }
    let has_documents = documents.is_some();
    files.extend([
        (SCRIPT, import_script(multiline, has_documents)),
        (
            "load.cypher",
            load_script(&actors, &flows, documents.as_ref()),
        ),
        ("README.md", readme(net, multiline)),
    ]);
    Ok(Bundle { files })
}

/// The `documents` section as nodes labelled `Document` in their own id space (a document's file
/// name may equal an actor id): `file:ID(Document),:LABEL,cite,title,author,publisher,date,type,
/// <extra>:<type>…`, `cite` the short citation (given or derived). `None` without a section.
fn documents_table(net: &Network) -> Option<Table> {
    const FIELDS: [&str; 7] = [
        "file",
        "cite",
        "title",
        "author",
        "publisher",
        "date",
        "type",
    ];
    if net.documents.is_empty() {
        return None;
    }
    let maps: Vec<Map<String, Value>> = net
        .documents
        .values()
        .map(|d| match serde_json::to_value(d) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        })
        .collect();
    let mut columns = vec![
        Column::new("file:ID(Document)", Some("file"), Ty::Text),
        Column::new(":LABEL", None, Ty::Text),
    ];
    columns.extend(
        FIELDS[1..]
            .iter()
            .map(|f| Column::new(f, Some(f), Ty::Text)),
    );
    let mut taken: BTreeSet<String> = FIELDS.map(String::from).into();
    let extras = extra_columns(&maps, &FIELDS, &mut taken);
    let rows = net
        .documents
        .iter()
        .zip(&maps)
        .map(|((file, d), m)| {
            let mut row = vec![
                Some(file.clone()),
                Some("Document".to_string()),
                Some(d.citation(file)),
            ];
            row.extend(
                [&d.title, &d.author, &d.publisher, &d.date, &d.kind]
                    .into_iter()
                    .map(|v| v.clone().filter(|t| !t.is_empty())),
            );
            row.extend(
                extras
                    .iter()
                    .map(|(k, c)| m.get(*k).and_then(|v| cell(v, c.ty))),
            );
            row
        })
        .collect();
    columns.extend(extras.into_iter().map(|(_, c)| c));
    Some(Table { columns, rows })
}

/// Rows of cells under a header; `None` is an empty (null) cell.
struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<Option<String>>>,
}

impl Table {
    fn to_csv(&self) -> Result<String, ::csv::Error> {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(self.columns.iter().map(|c| c.header.as_str()))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| c.as_deref().unwrap_or("")))?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The distinct values of column `i`, sorted.
    fn distinct(&self, i: usize) -> BTreeSet<&str> {
        self.rows
            .iter()
            .filter_map(|r| r.get(i).and_then(|c| c.as_deref()))
            .collect()
    }

    /// A Cypher map literal setting every property column from `row`.
    fn properties(&self) -> String {
        let mut parts = Vec::new();
        for c in &self.columns {
            if let Some(p) = &c.property {
                let cell = format!("row.{}", quote(&c.header));
                parts.push(format!("{}: {}", quote(p), c.ty.cypher(&cell)));
            }
        }
        format!("{{\n  {}\n}}", parts.join(",\n  "))
    }
}

/// A Cypher name in backticks (a backtick inside doubled).
fn quote(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

fn import_script(multiline: bool, documents: bool) -> String {
    let mut s = String::from(
        "#!/bin/sh\n\
         # Loads this bundle into a new Neo4j database with neo4j-admin (Neo4j 5 or later).\n\
         # Usage: sh import.sh [DATABASE]   (default: neo4j; the database must not exist yet or be empty)\n\
         # neo4j-admin is taken from $NEO4J_HOME/bin when NEO4J_HOME is set, else from the PATH.\n\
         # The files are named relative to this folder: neo4j-admin reads file names as regular\n\
         # expressions, so a folder path holding ( or + would not match.\n\
         set -eu\n\
         admin=neo4j-admin\n\
         if [ -n \"${NEO4J_HOME:-}\" ]; then admin=\"$(cd \"$NEO4J_HOME\" && pwd)/bin/neo4j-admin\"; fi\n\
         cd \"$(dirname \"$0\")\"\n\
         exec \"$admin\" database import full \"${1:-neo4j}\" \\\n  \
         --nodes=actors.csv \\\n  \
         --relationships=flows.csv",
    );
    if documents {
        s.push_str(" \\\n  --nodes=documents.csv");
    }
    if multiline {
        s.push_str(" \\\n  --multiline-fields=true");
    }
    s.push('\n');
    s
}

fn load_script(actors: &Table, flows: &Table, documents: Option<&Table>) -> String {
    let mut s = String::from(
        "// Loads this bundle with LOAD CSV, for users without neo4j-admin: copy actors.csv and\n\
         // flows.csv into the database's import folder, then run this file (cypher-shell -f load.cypher).\n\
         CREATE CONSTRAINT netgraph_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n",
    );
    let props = actors.properties();
    for labels in actors.distinct(3) {
        let names: Vec<String> = labels.split(';').map(quote).collect();
        let _ = write!(
            s,
            "\nLOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row\n\
             WITH row WHERE row.`:LABEL` = '{labels}'\n\
             CREATE (a:{})\n\
             SET a += {props};\n",
            names.join(":")
        );
    }
    let props = flows.properties();
    for ty in flows.distinct(2) {
        let _ = write!(
            s,
            "\nLOAD CSV WITH HEADERS FROM 'file:///flows.csv' AS row\n\
             WITH row WHERE row.`:TYPE` = '{ty}'\n\
             MATCH (s:Actor {{id: row.`:START_ID`}}), (t:Actor {{id: row.`:END_ID`}})\n\
             CREATE (s)-[r:{}]->(t)\n\
             SET r += {props};\n",
            quote(ty)
        );
    }
    if let Some(d) = documents {
        let _ = write!(
            s,
            "\nCREATE CONSTRAINT netgraph_document_file IF NOT EXISTS FOR (d:Document) REQUIRE d.file IS UNIQUE;\n\
             \nLOAD CSV WITH HEADERS FROM 'file:///documents.csv' AS row\n\
             CREATE (d:Document)\n\
             SET d += {};\n",
            d.properties()
        );
    }
    s
}

fn readme(net: &Network, multiline: bool) -> String {
    let mut s = format!(
        "# {} — Neo4j import bundle written by netgraph\n\n\
         - `actors.csv`: {} actors, one node each, labelled `Actor` and the class of their kind.\n\
         - `flows.csv`: {} flows, one relationship each, its type the flow kind in upper case.\n\n\
         With admin access, into a new database (stop Neo4j first if the database is `neo4j`):\n\n    \
         sh import.sh [DATABASE]\n\n\
         which runs `neo4j-admin database import full DATABASE --nodes=actors.csv \
         --relationships=flows.csv{}`. A database other than the default must then be created with \
         `CREATE DATABASE DATABASE`.\n\n\
         Without admin access: copy `actors.csv` and `flows.csv` into the database's import folder and \
         run `cypher-shell -f load.cypher`. `LOAD CSV` reads `\\\"` inside a quoted value as an escaped \
         quote unless `dbms.import.csv.legacy_quote_escaping=false`; these files escape quotes by doubling \
         them, so set it to false if a value holds a backslash before a quote.\n\n\
         Empty text is not stored (an empty cell is no property). ",
        net.title(),
        net.actor_count(),
        net.flow_count(),
        if multiline {
            " --multiline-fields=true (some values span lines)"
        } else {
            ""
        },
    );
    s.push_str(
        "Relationships keep the direction of the file even when the network is undirected: query \
         them with `-[]-`. The network's own fields and its `kinds` section are not written; the \
         classes appear as actor labels and as the flows' `class` property. A `documents` section \
         becomes `documents.csv`: one `Document` node per document (its `file` name, as sources cite \
         it, and its short citation `cite`).\n",
    );
    s
}
