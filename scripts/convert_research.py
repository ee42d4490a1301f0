#!/usr/bin/env python3
"""Convert the shipped research data sets (data/) into netgraph's JSON format (graphs/).

Run from the repository root:

    python3 scripts/convert_research.py

Inputs (raw copies, see data/README.md):
    data/montagna/meetings.csv, data/montagna/phone.csv, data/montagna/attributes.csv
    data/caviar/phase1.csv .. data/caviar/phase11.csv

Outputs:
    graphs/montagna-meetings.json, graphs/montagna-phone.json, graphs/caviar.json

Python 3 standard library only. The output is deterministic: running the script twice
produces byte-identical files.
"""

import csv
import json
import math
import re
import sys
from collections import OrderedDict

MONTAGNA_SOURCE = (
    "Cavallaro L., Ficara A., De Meo P., Fiumara G., Catanese S., Bagdasar O., Song W., "
    "Liotta A. (2020). Disrupting resilient criminal networks through data analysis: the case "
    "of Sicilian Mafia. PLOS ONE 15(8): e0236476. https://doi.org/10.1371/journal.pone.0236476"
)
CAVIAR_SOURCE = (
    "Morselli C. (2009). Inside Criminal Networks. Studies of Organized Crime, vol. 8. "
    "Springer, New York. Data of project CAVIAR (Montreal, 1994-1996)."
)

# Attribute columns of data/montagna/attributes.csv, in file order.
MONTAGNA_TEXT_ATTRS = ["familia", "title"]
MONTAGNA_FLAG_ATTRS = [
    "padrino", "arrest", "prison", "informant", "enterpreneur",  # sic, as in the data
    "partner", "facilitator", "bureaucrat",
]

FORBIDDEN_ID = re.compile(r"[,:\x00-\x1f\x7f]")


def warn(msg):
    print("note: " + msg, file=sys.stderr)


def natural_key(actor_id):
    """N0 < N1 < N2 < ... < N10 (numeric part compared as a number)."""
    m = re.fullmatch(r"([^0-9]*)([0-9]+)", actor_id)
    if m is None:
        raise ValueError("unexpected actor id %r" % actor_id)
    return (m.group(1), int(m.group(2)))


def parse_count(text, where):
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError("%s: bad count %r" % (where, text))
    return int(value) if value == int(value) else value


def check_graph(graph):
    """Sanity checks against the project's format rules."""
    ids = set()
    for actor in graph["actors"]:
        aid = actor["id"]
        assert aid and not FORBIDDEN_ID.search(aid), "bad actor id %r" % aid
        assert aid not in ids, "duplicate actor id %r" % aid
        assert actor["kind"] in graph["kinds"]["actors"], actor
        ids.add(aid)
    for flow in graph["flows"]:
        assert flow["from"] in ids and flow["to"] in ids, flow
        assert flow["kind"] in graph["kinds"]["flows"], flow
        w = flow["weight"]
        assert isinstance(w, (int, float)) and math.isfinite(w), flow


def write_json(path, graph):
    check_graph(graph)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(graph, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote %s: %d actors, %d flows" % (path, len(graph["actors"]), len(graph["flows"])))


# ---------------------------------------------------------------------------------------
# Montagna (Sicilian Mafia)
# ---------------------------------------------------------------------------------------

def read_montagna_attributes(path):
    attrs = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            node = row["node"].strip()
            if node in attrs:
                raise ValueError("%s: duplicate node %s" % (path, node))
            fields = OrderedDict()
            for key in MONTAGNA_TEXT_ATTRS:
                value = (row.get(key) or "").strip()
                if value:
                    fields[key] = value
            for key in MONTAGNA_FLAG_ATTRS:
                value = (row.get(key) or "").strip()
                if value == "":
                    continue
                if value not in ("Y", "N"):
                    raise ValueError("%s: %s has %s=%r (expected Y/N)" % (path, node, key, value))
                fields[key] = value == "Y"
            attrs[node] = fields
    return attrs


def convert_montagna(layer, flow_kind, expected_people, expected_pairs, attrs):
    path = "data/montagna/%s.csv" % layer
    pairs = OrderedDict()  # (a, b) with a <= b in natural order -> total weight
    people = set()
    rows = 0
    self_loops = 0
    with open(path, newline="", encoding="utf-8") as f:
        for lineno, row in enumerate(csv.DictReader(f), start=2):
            a, b = row["source"].strip(), row["target"].strip()
            w = parse_count(row["weight"].strip(), "%s:%d" % (path, lineno))
            rows += 1
            people.update((a, b))
            if a == b:
                self_loops += 1
                warn("%s:%d: self-loop %s-%s (kept)" % (path, lineno, a, b))
            key = tuple(sorted((a, b), key=natural_key))
            pairs[key] = pairs.get(key, 0) + w

    # The counts stated in data/README.md (from the original publication's data).
    assert len(people) == expected_people, "%s: %d people, expected %d" % (path, len(people), expected_people)
    assert len(pairs) == expected_pairs, "%s: %d pairs, expected %d" % (path, len(pairs), expected_pairs)

    missing = sorted(people - set(attrs), key=natural_key)
    if missing:
        warn("%s: %d people without attributes: %s" % (path, len(missing), ", ".join(missing)))
    only_attrs = set(attrs) - people
    print("%s: %d rows -> %d undirected pairs, %d people, %d self-loops; %d persons of attributes.csv "
          "are not in this layer and are not added" % (path, rows, len(pairs), len(people), self_loops, len(only_attrs)))

    actors = []
    for pid in sorted(people, key=natural_key):
        actor = OrderedDict([("id", pid), ("name", pid), ("kind", "member")])
        actor.update(attrs.get(pid, {}))
        actors.append(actor)

    flows = []
    for (a, b) in sorted(pairs, key=lambda p: (natural_key(p[0]), natural_key(p[1]))):
        flows.append(OrderedDict([("from", a), ("to", b), ("kind", flow_kind), ("weight", pairs[(a, b)])]))
    return actors, flows


def montagna_graph(layer, title, flow_kind, what, actors, flows):
    return OrderedDict([
        ("name", "montagna-%s" % layer),
        ("directed", False),
        ("description",
         "Sicilian Mafia, 'Montagna' anti-mafia operation (province of Messina, 2003-2007): %s. "
         "Reconstructed from court records by Cavallaro, Ficara et al. (2020). Actors are anonymised "
         "persons (N0, N1, ...) with the attributes published with the data (familia, title and Y/N "
         "flags); only persons appearing in this layer are included. One undirected flow per pair of "
         "persons; weight = total number of %s between the two (repeated rows of the raw edge list "
         "added up). Converted from data/montagna/ by scripts/convert_research.py." % (title, what)),
        ("source", MONTAGNA_SOURCE),
        ("kinds", OrderedDict([
            ("actors", OrderedDict([("member", OrderedDict([("class", "criminal")]))])),
            ("flows", OrderedDict([(flow_kind, OrderedDict([("class", "tie")]))])),
        ])),
        ("actors", actors),
        ("flows", flows),
    ])


# ---------------------------------------------------------------------------------------
# CAVIAR (Montreal drug importation)
# ---------------------------------------------------------------------------------------

def read_caviar_phase(n):
    path = "data/caviar/phase%d.csv" % n
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r]
    header = [int(x) for x in rows[0][1:]]
    labels = [int(r[0]) for r in rows[1:]]
    if header != labels:
        raise ValueError("%s: row labels differ from column labels" % path)
    if len(set(header)) != len(header):
        raise ValueError("%s: duplicate participant" % path)
    matrix = []
    for i, r in enumerate(rows[1:]):
        if len(r) != len(header) + 1:
            raise ValueError("%s: row %d has %d cells" % (path, i + 2, len(r)))
        matrix.append([parse_count(x, "%s row %d" % (path, i + 2)) for x in r[1:]])
    return path, header, matrix


def convert_caviar(phases=range(1, 12), expected_participants=107):
    participants = set()
    flows = []
    for n in phases:
        path, ids, m = read_caviar_phase(n)
        k = len(ids)
        participants.update(ids)
        diag = [(ids[i], m[i][i]) for i in range(k) if m[i][i]]
        zero_rows = [ids[i] for i in range(k) if not any(m[i])]
        zero_cols = [ids[j] for j in range(k) if not any(m[i][j] for i in range(k))]
        isolated = sorted(set(zero_rows) & set(zero_cols))
        nonzero = 0
        for i in range(k):
            for j in range(k):
                if m[i][j]:
                    nonzero += 1
                    flows.append(OrderedDict([
                        ("from", "p%d" % ids[i]), ("to", "p%d" % ids[j]), ("kind", "communication"),
                        ("weight", m[i][j]), ("phase", n)]))
        print("%s: %d participants, %d nonzero cells (flows), %d self-communications, "
              "%d without outgoing, %d without incoming, %d with neither (kept as actors)"
              % (path, k, nonzero, len(diag), len(zero_rows), len(zero_cols), len(isolated)))
        if diag:
            warn("%s: nonzero diagonal cells (kept as self-loops): %s" % (path, diag))
        if isolated:
            warn("%s: participants listed without any communication: %s" % (path, isolated))

    assert len(participants) == expected_participants, \
        "caviar: %d participants, expected %d" % (len(participants), expected_participants)
    gaps = sorted(set(range(1, max(participants) + 1)) - participants)
    print("caviar: %d distinct participants (numbers 1..%d; not used: %s), %d flows"
          % (len(participants), max(participants), ", ".join(map(str, gaps)) or "none", len(flows)))

    actors = [OrderedDict([("id", "p%d" % p), ("name", "Participant %d" % p), ("kind", "trafficker")])
              for p in sorted(participants)]
    flows.sort(key=lambda fl: (fl["phase"], int(fl["from"][1:]), int(fl["to"][1:])))
    return OrderedDict([
        ("name", "caviar"),
        ("directed", True),
        ("description",
         "Project CAVIAR (Montreal, 1994-1996): a drug-importation network monitored "
         "by the police for two years under a 'seize and wait' strategy (seizures, no arrests until the "
         "end). Actors are the 107 participants appearing in the wiretap data of any phase, known "
         "only by number. Each flow is the set of intercepted communications from one participant to another "
         "during one of the 11 two-month phases of the investigation: 'phase' is the phase number "
         "(1-11) and weight is the number of communications. Data from Morselli (2009); converted from "
         "data/caviar/ by scripts/convert_research.py."),
        ("source", CAVIAR_SOURCE),
        ("kinds", OrderedDict([
            ("actors", OrderedDict([("trafficker", OrderedDict([("class", "criminal")]))])),
            ("flows", OrderedDict([("communication", OrderedDict([("class", "tie")]))])),
        ])),
        ("actors", actors),
        ("flows", flows),
    ])


def main():
    attrs = read_montagna_attributes("data/montagna/attributes.csv")
    for layer, title, flow_kind, what, people, pairs in [
        ("meetings", "co-attendance at meetings recorded by surveillance", "meeting", "meetings", 101, 256),
        ("phone", "phone calls recorded by wiretaps", "phone-call", "phone calls", 100, 124),
    ]:
        actors, flows = convert_montagna(layer, flow_kind, people, pairs, attrs)
        write_json("graphs/montagna-%s.json" % layer,
                   montagna_graph(layer, title, flow_kind, what, actors, flows))
    write_json("graphs/caviar.json", convert_caviar())


if __name__ == "__main__":
    main()
