// netgraph's explorer page: pan and zoom the picture, find an actor, read the evidence behind an
// actor or a flow, fade flow classes and layers, highlight a channel or a chain.
//
// The data comes from the JSON block #netgraph-data (see render/html.rs for its fields). Every
// text of the data is put on the page with textContent or as an attribute value, never parsed as
// markup. The page makes no request: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('netgraph-data').textContent);
  const canvas = document.getElementById('ng-canvas');
  const svg = canvas.querySelector('svg');
  const side = document.getElementById('ng-side');
  const panel = document.getElementById('ng-panel');
  const header = document.getElementById('ng-header');

  // ---- small DOM helpers (text only) ----

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function button(text, onClick, title) {
    const b = el('button', null, text);
    b.type = 'button';
    if (title) b.title = title;
    b.addEventListener('click', onClick);
    return b;
  }

  function number(x) {
    if (!Number.isFinite(x)) return String(x);
    return String(Math.round(x * 100) / 100);
  }

  function fieldText(value) {
    if (value === null) return 'null';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return number(value);
    return JSON.stringify(value);
  }

  // Text for matching: lower case, without accents ("Sánchez" is found by "sanchez").
  function folded(text) {
    return String(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  // ---- the data, by SVG element ----

  const actorByEl = new Map();
  data.actors.forEach(function (a, i) { actorByEl.set(a.el, i); });
  const edgeByEl = new Map();
  data.edges.forEach(function (e, i) { edgeByEl.set(e.el, i); });

  function actorEl(i) { return document.getElementById(data.actors[i].el); }
  function edgeEl(k) { return document.getElementById(data.edges[k].el); }

  // ---- header: the captions under the title ----

  data.captions.forEach(function (c) { header.appendChild(el('p', 'ng-caption', c)); });

  // ---- pan and zoom: the viewBox follows a centre and a scale (picture units per pixel) ----

  const base = svg.viewBox.baseVal;
  const full = { x: base.x, y: base.y, w: base.width, h: base.height };
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const view = { cx: full.x + full.w / 2, cy: full.y + full.h / 2, s: 1 };

  function size() {
    return { w: Math.max(canvas.clientWidth, 1), h: Math.max(canvas.clientHeight, 1) };
  }

  function apply() {
    const c = size();
    const w = c.w * view.s;
    const h = c.h * view.s;
    svg.setAttribute('viewBox', [view.cx - w / 2, view.cy - h / 2, w, h].join(' '));
  }

  function fit() {
    const c = size();
    view.cx = full.x + full.w / 2;
    view.cy = full.y + full.h / 2;
    view.s = Math.max(full.w / c.w, full.h / c.h) * 1.02;
    apply();
  }

  function zoomAt(factor, px, py) {
    const c = size();
    const limit = Math.max(full.w / c.w, full.h / c.h) * 4;
    const s = Math.min(Math.max(view.s * factor, 0.02), limit);
    const ux = view.cx + (px - c.w / 2) * view.s;
    const uy = view.cy + (py - c.h / 2) * view.s;
    view.cx = ux - (px - c.w / 2) * s;
    view.cy = uy - (py - c.h / 2) * s;
    view.s = s;
    apply();
  }

  // The box an element covers, in picture units.
  function boxOf(elements) {
    const m = svg.getScreenCTM();
    if (!m) return null;
    const inverse = m.inverse();
    let box = null;
    elements.forEach(function (e) {
      if (!e) return;
      const r = e.getBoundingClientRect();
      const p = new DOMPoint(r.left, r.top).matrixTransform(inverse);
      const q = new DOMPoint(r.right, r.bottom).matrixTransform(inverse);
      const b = {
        x0: Math.min(p.x, q.x), y0: Math.min(p.y, q.y),
        x1: Math.max(p.x, q.x), y1: Math.max(p.y, q.y)
      };
      box = box === null ? b : {
        x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0),
        x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1)
      };
    });
    return box;
  }

  // Centres the view on elements, zooming in (never out past the whole picture) so they fill
  // at most a third of it.
  function centreOn(elements) {
    const b = boxOf(elements);
    if (!b) return;
    const c = size();
    const wide = Math.max(full.w / c.w, full.h / c.h) * 1.02;
    const want = Math.max((b.x1 - b.x0) * 3 / c.w, (b.y1 - b.y0) * 3 / c.h, 0.6);
    view.s = Math.min(Math.max(want, 0.3), wide);
    view.cx = (b.x0 + b.x1) / 2;
    view.cy = (b.y0 + b.y1) / 2;
    apply();
  }

  let drag = null;
  let dragged = false;
  canvas.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0 || ev.target.closest('.ng-zoom')) return;
    drag = { x: ev.clientX, y: ev.clientY, cx: view.cx, cy: view.cy, id: ev.pointerId };
    dragged = false;
  });
  canvas.addEventListener('pointermove', function (ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!dragged) {
      dragged = true;
      canvas.setPointerCapture(ev.pointerId);
      canvas.classList.add('ng-dragging');
    }
    view.cx = drag.cx - dx * view.s;
    view.cy = drag.cy - dy * view.s;
    apply();
  });
  function endDrag() {
    drag = null;
    canvas.classList.remove('ng-dragging');
  }
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    const steps = ev.deltaMode === 1 ? ev.deltaY / 3 : ev.deltaY / 100;
    zoomAt(Math.pow(1.2, steps), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  window.addEventListener('resize', apply);

  const zoom = el('div', 'ng-zoom');
  function zoomCentre(f) { const c = size(); zoomAt(f, c.w / 2, c.h / 2); }
  zoom.appendChild(button('+', function () { zoomCentre(1 / 1.4); }, 'Zoom in'));
  zoom.appendChild(button('−', function () { zoomCentre(1.4); }, 'Zoom out'));
  zoom.appendChild(button('Fit', fit, 'Show the whole picture'));
  canvas.appendChild(zoom);

  // ---- selection and the evidence panel ----

  let selected = [];

  function select(elements) {
    selected.forEach(function (e) { if (e) e.classList.remove('ng-selected'); });
    selected = elements.filter(Boolean);
    selected.forEach(function (e) { e.classList.add('ng-selected'); });
  }

  function closePanel() {
    panel.hidden = true;
    panel.replaceChildren();
    select([]);
  }

  function panelHead(title, meta) {
    panel.replaceChildren();
    const head = el('div', 'ng-panel-head');
    head.appendChild(el('h2', 'ng-panel-title', title));
    head.appendChild(button('×', closePanel, 'Close (Esc)'));
    panel.appendChild(head);
    if (meta) panel.appendChild(el('p', 'ng-meta', meta));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function fieldTable(rows) {
    const table = el('table', 'ng-fields');
    rows.forEach(function (row) {
      const tr = el('tr');
      tr.appendChild(el('th', null, row[0]));
      tr.appendChild(el('td', null, row[1]));
      table.appendChild(tr);
    });
    return table;
  }

  function sourceList(parent, sources) {
    parent.appendChild(el('h3', null, sources.length === 1 ? '1 source' : sources.length + ' sources'));
    if (sources.length === 0) {
      parent.appendChild(el('p', 'ng-note', 'none cited'));
      return;
    }
    const ul = el('ul', 'ng-sources');
    sources.forEach(function (s) {
      const li = el('li', 'ng-source');
      li.appendChild(el('span', 'ng-cite', s.cite));
      if (s.cite !== s.doc) li.appendChild(el('span', 'ng-doc', ' (' + s.doc + ')'));
      if (s.title) li.appendChild(el('span', 'ng-detail', s.title));
      if (s.quote) li.appendChild(el('blockquote', 'ng-quote', '“' + s.quote + '”'));
      ul.appendChild(li);
    });
    parent.appendChild(ul);
  }

  function showActor(i) {
    const a = data.actors[i];
    panelHead(a.name, a.kind + ' (' + a.class + ')');
    const rows = [['id', a.id]];
    Object.keys(a.fields).forEach(function (k) { rows.push([k, fieldText(a.fields[k])]); });
    rows.push(['confidence', a.confidence]);
    panel.appendChild(fieldTable(rows));
    sourceList(panel, a.sources);
    if (a.edges.length > 0) {
      panel.appendChild(el('h3', null, 'Flows drawn'));
      const ul = el('ul', 'ng-links');
      a.edges.forEach(function (k) {
        data.edges[k].flows.forEach(function (f) {
          const flow = data.flows[f];
          const other = flow.from === i ? data.actors[flow.to].name : data.actors[flow.from].name;
          const arrow = !data.directed ? '— ' : (flow.from === i ? '→ ' : '← ');
          const li = el('li');
          li.appendChild(button(arrow + other + ': ' + flow.kind, function () { openEdge(k); }));
          ul.appendChild(li);
        });
      });
      panel.appendChild(ul);
    }
  }

  function showEdge(k) {
    const e = data.edges[k];
    const arrow = data.directed ? ' → ' : ' — ';
    const from = data.actors[e.from];
    const to = data.actors[e.to];
    panelHead(from.name + arrow + to.name,
      e.flows.length === 1 ? null : e.flows.length + ' flows drawn as one line (--merge)');
    e.flows.forEach(function (f) {
      const flow = data.flows[f];
      const box = el('section', 'ng-flow');
      box.appendChild(el('h3', null, flow.kind + ' (' + flow.class + ')'));
      const rows = [
        ['from', from.name],
        ['to', to.name],
        ['confidence', number(flow.confidence) + (flow.stated ? '' : ' (not stated: 1 by default)')]
      ];
      Object.keys(flow.fields).forEach(function (key) { rows.push([key, fieldText(flow.fields[key])]); });
      if (data.layers.length > 0) {
        rows.push(['layers', flow.layers.map(function (l) { return data.layers[l].name; }).join(', ') || 'none']);
      }
      rows.push(['flow', '#' + (flow.index + 1) + ' in the file']);
      box.appendChild(fieldTable(rows));
      sourceList(box, flow.sources);
      panel.appendChild(box);
    });
    const ends = el('ul', 'ng-links');
    [e.from, e.to].forEach(function (i) {
      const li = el('li');
      li.appendChild(button('Actor: ' + data.actors[i].name, function () { openActor(i, true); }));
      ends.appendChild(li);
    });
    panel.appendChild(ends);
  }

  function openActor(i, centre) {
    select([actorEl(i)]);
    showActor(i);
    if (centre) centreOn([actorEl(i)]);
  }

  function openEdge(k) {
    select([edgeEl(k)]);
    showEdge(k);
  }

  svg.addEventListener('click', function (ev) {
    if (dragged) { dragged = false; return; }
    const g = ev.target.closest('g.node, g.edge');
    if (g && actorByEl.has(g.id)) openActor(actorByEl.get(g.id), false);
    else if (g && edgeByEl.has(g.id)) openEdge(edgeByEl.get(g.id));
  });

  // ---- the side bar: search, toggles, list ----

  function section(title) {
    const s = el('section');
    s.appendChild(el('h2', null, title));
    side.appendChild(s);
    return s;
  }

  // Search.
  const find = section('Find an actor');
  const search = el('input');
  search.id = 'ng-search';
  search.type = 'search';
  search.placeholder = 'name or id';
  search.autocomplete = 'off';
  search.setAttribute('aria-label', 'Find an actor by name or id');
  find.appendChild(search);
  const results = el('ul', 'ng-results');
  results.id = 'ng-results';
  find.appendChild(results);
  const names = data.actors.map(function (a) { return folded(a.name) + '\n' + folded(a.id); });

  function matches(text) {
    const q = folded(text.trim());
    if (q === '') return [];
    const starts = [];
    const inside = [];
    names.forEach(function (n, i) {
      const at = n.indexOf(q);
      if (at === 0 || n.indexOf('\n' + q) >= 0 || n.indexOf(' ' + q) >= 0) starts.push(i);
      else if (at > 0) inside.push(i);
    });
    return starts.concat(inside);
  }

  function choose(i) {
    results.replaceChildren();
    openActor(i, true);
  }

  search.addEventListener('input', function () {
    results.replaceChildren();
    const found = matches(search.value);
    found.slice(0, 12).forEach(function (i) {
      const a = data.actors[i];
      const li = el('li');
      const b = button(a.name, function () { choose(i); });
      b.appendChild(el('span', 'ng-detail', a.id + ' · ' + a.kind));
      li.appendChild(b);
      results.appendChild(li);
    });
    if (search.value.trim() !== '' && found.length === 0) {
      results.appendChild(el('li', 'ng-note', 'no actor drawn matches'));
    } else if (found.length > 12) {
      results.appendChild(el('li', 'ng-note', (found.length - 12) + ' more: type more of the name'));
    }
  });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      const found = matches(search.value);
      if (found.length > 0) choose(found[0]);
    }
  });

  // Flow classes and layers: a flow is faded when its class is unticked or, with a layer chosen,
  // when the layer does not hold it; an edge when all its flows are, an actor when all its edges are.
  const shownClass = new Map();
  let layer = -1;

  function refade() {
    const edgeFaded = data.edges.map(function (e) {
      return e.flows.every(function (f) {
        const flow = data.flows[f];
        return !shownClass.get(flow.class) || (layer >= 0 && flow.layers.indexOf(layer) < 0);
      });
    });
    edgeFaded.forEach(function (faded, k) {
      const g = edgeEl(k);
      if (g) g.classList.toggle('ng-faded', faded);
    });
    data.actors.forEach(function (a, i) {
      const g = actorEl(i);
      const faded = a.edges.length > 0 && a.edges.every(function (k) { return edgeFaded[k]; });
      if (g) g.classList.toggle('ng-faded', faded);
    });
  }

  if (data.classes.length > 0) {
    const classes = section('Flow classes');
    const set = el('fieldset');
    data.classes.forEach(function (c) {
      shownClass.set(c.name, true);
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = c.name;
      box.addEventListener('change', function () {
        shownClass.set(c.name, box.checked);
        refade();
      });
      const swatch = el('span', 'ng-swatch');
      swatch.style.backgroundColor = c.colour;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(c.name + ' '));
      label.appendChild(el('span', 'ng-count', '(' + c.flows + ')'));
      set.appendChild(label);
    });
    classes.appendChild(set);
    classes.appendChild(el('p', 'ng-note', 'Unticked classes are drawn faintly.'));
  }

  if (data.layers.length > 0) {
    const layers = section('Layers');
    const set = el('fieldset');
    const choices = [{ name: 'every flow drawn', description: null }].concat(data.layers);
    choices.forEach(function (l, k) {
      const label = el('label');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = 'ng-layer';
      radio.checked = k === 0;
      radio.value = String(k - 1);
      radio.addEventListener('change', function () {
        if (radio.checked) { layer = k - 1; refade(); }
      });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' ' + l.name));
      if (l.description) label.title = l.description;
      set.appendChild(label);
    });
    layers.appendChild(set);
    layers.appendChild(el('p', 'ng-note', 'Flows outside the layer chosen are drawn faintly.'));
  }

  // Channels or chains: choosing one dims everything else.
  const list = section(data.list.kind === 'chains' ? 'Chains highlighted' : 'Laundering channels');
  list.appendChild(el('p', 'ng-note', data.list.title));
  data.list.notes.forEach(function (n) { list.appendChild(el('p', 'ng-note', n)); });
  const items = el('ul', 'ng-list');
  items.id = 'ng-list';
  let chosen = -1;
  const itemButtons = [];

  function highlight(m) {
    const hot = new Set();
    if (m >= 0) {
      const item = data.list.items[m];
      item.actors.forEach(function (i) { hot.add(data.actors[i].el); });
      item.edges.forEach(function (k) { hot.add(data.edges[k].el); });
    }
    svg.querySelectorAll('g.node, g.edge').forEach(function (g) {
      const known = actorByEl.has(g.id) || edgeByEl.has(g.id);
      g.classList.toggle('ng-hot', m >= 0 && hot.has(g.id));
      g.classList.toggle('ng-dim', m >= 0 && known && !hot.has(g.id));
    });
    itemButtons.forEach(function (b, k) { b.setAttribute('aria-pressed', String(k === m)); });
    chosen = m;
    if (m >= 0) {
      const item = data.list.items[m];
      centreOn(item.actors.map(actorEl).concat(item.edges.map(edgeEl)));
    }
  }

  data.list.items.forEach(function (item, m) {
    const li = el('li');
    const b = button(item.label, function () { highlight(chosen === m ? -1 : m); });
    b.setAttribute('aria-pressed', 'false');
    b.appendChild(el('span', 'ng-detail', item.detail));
    itemButtons.push(b);
    li.appendChild(b);
    items.appendChild(li);
  });
  list.appendChild(items);
  if (data.list.items.length > 0) {
    list.appendChild(button('Show all', function () { highlight(-1); }, 'Clear the highlight (Esc)'));
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape') return;
    if (!panel.hidden) closePanel();
    else if (chosen >= 0) highlight(-1);
  });

  fit();
}());
