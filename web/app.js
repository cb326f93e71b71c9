// livedbctl dashboard: one snapshot per second over server-sent events, drawn as a flow
// diagram, uPlot time series, a live event feed, processed results and tables.
// No build step and no framework; charts are uPlot (vendored, see web/vendor/uplot/).
"use strict";

(function () {
  const HISTORY_POINTS = 900;
  const ESTIMATE_NOTE = "~ estimated: partitions the group never committed on count from their start (high - low), as auto.offset.reset=earliest would read them";
  const PALETTE = ["#58a6ff", "#3fb950", "#d29922", "#f778ba", "#a371f7", "#39c5cf", "#ff7b72", "#e3b341", "#79c0ff", "#56d364"];
  const params = new URLSearchParams(location.search);
  const token = params.get("token");
  // This process's token for page actions (following another topic's feed), set in the
  // page by the server.
  const csrfMeta = document.querySelector('meta[name="livedbctl-csrf"]');
  const csrf = csrfMeta ? csrfMeta.content : "";

  const state = {
    paused: false,
    latest: null,
    hist: { t: [], series: {} },
    charts: {},
    feedTopic: null,
    seenEvents: new Set(),
    resultsSet: null,
    resultsChart: null,
    resultsKeys: "",
  };

  function api(path) {
    if (!token) return path;
    return path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
  }

  // ---------- formatting ----------
  function num(x, digits) {
    if (x === null || x === undefined || Number.isNaN(x)) return "–";
    const d = digits === undefined ? (Math.abs(x) < 10 && x % 1 !== 0 ? 1 : 0) : digits;
    return Number(x).toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: 0 });
  }
  function compact(x) {
    if (x === null || x === undefined) return "–";
    const a = Math.abs(x);
    if (a >= 1e9) return (x / 1e9).toFixed(1) + "G";
    if (a >= 1e6) return (x / 1e6).toFixed(1) + "M";
    if (a >= 1e4) return (x / 1e3).toFixed(1) + "k";
    return num(x);
  }
  function bytes(b) {
    if (b === null || b === undefined) return "–";
    const u = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0, x = b;
    while (Math.abs(x) >= 1024 && i < u.length - 1) { x /= 1024; i++; }
    return (i === 0 ? x : x.toFixed(1)) + " " + u[i];
  }
  function dur(ms) {
    if (ms === null || ms === undefined) return "–";
    if (ms < 1000) return ms + " ms";
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + " s";
    if (s < 3600) return Math.floor(s / 60) + "m " + Math.floor(s % 60) + "s";
    return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m";
  }
  function clock(ms) {
    if (!ms) return "–";
    const d = new Date(ms);
    return d.toLocaleTimeString("en-GB", { hour12: false }) + "." + String(d.getMilliseconds()).padStart(3, "0");
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---------- history: the same series names the server keeps ----------
  function seriesOf(s) {
    const v = {};
    if (s.postgres && s.postgres.inserted_rows_per_sec !== null && s.postgres.inserted_rows_per_sec !== undefined) v["pg.inserted_rows_per_sec"] = s.postgres.inserted_rows_per_sec;
    if (s.postgres && s.postgres.producer) v["producer.lag_rows"] = s.postgres.producer.lag_rows;
    for (const sl of (s.postgres && s.postgres.slots) || []) if (sl.lag_bytes !== null) v["slot." + sl.slot + ".lag_bytes"] = sl.lag_bytes;
    for (const t of (s.kafka && s.kafka.topics) || []) if (t.records_per_sec !== null) v["topic." + t.topic + ".records_per_sec"] = t.records_per_sec;
    for (const g of (s.kafka && s.kafka.groups) || []) if (g.lag !== null) v["group." + g.group + ".lag"] = g.lag;
    return v;
  }
  function appendHistory(s) {
    const h = state.hist;
    const t = s.taken_at_ms / 1000;
    if (h.t.length && h.t[h.t.length - 1] >= t) return;
    const values = seriesOf(s);
    const n = h.t.length;
    h.t.push(t);
    for (const name of Object.keys(values)) if (!h.series[name]) h.series[name] = new Array(n).fill(null);
    for (const [name, arr] of Object.entries(h.series)) arr.push(name in values ? values[name] : null);
    if (h.t.length > HISTORY_POINTS) {
      const cut = h.t.length - HISTORY_POINTS;
      h.t.splice(0, cut);
      for (const [name, arr] of Object.entries(h.series)) {
        arr.splice(0, cut);
        if (arr.every((x) => x === null)) delete h.series[name];
      }
    }
  }

  // ---------- charts (uPlot) ----------
  const CHARTS = {
    inserted: { match: (n) => n === "pg.inserted_rows_per_sec", label: () => "rows/s", fmt: compact },
    topics: { match: (n) => n.startsWith("topic.") && n.endsWith(".records_per_sec"), label: (n) => n.slice(6, -16), fmt: compact, hideIdle: true },
    producer: { match: (n) => n === "producer.lag_rows", label: () => "lag (rows)", fmt: compact },
    groups: { match: (n) => n.startsWith("group.") && n.endsWith(".lag"), label: (n) => n.slice(6, -4), fmt: compact },
    slots: { match: (n) => n.startsWith("slot.") && n.endsWith(".lag_bytes"), label: (n) => n.slice(5, -10), fmt: bytes },
  };

  function plotWidth(box) {
    return Math.max(240, box.clientWidth || box.parentElement.clientWidth - 28);
  }

  // The y axis is as wide as its longest label ("19.1 KiB" was cut to "9.1 KiB" in a fixed
  // 56 px); the time axis keeps its labels apart ("12:00:05" is ~50 px wide).
  const TIME_LABEL_SPACE = 90;
  function axisWidth(labels, textWidth) {
    const longest = Math.max(0, ...(labels || []).map((l) => textWidth(String(l))));
    return Math.ceil(longest + 18); // tick (6) + gap (5) + a margin
  }
  function axisStyle(fmt) {
    return [
      { stroke: "#7d8b9b", grid: { stroke: "#1e2833", width: 1 }, ticks: { stroke: "#243040" }, space: TIME_LABEL_SPACE },
      { stroke: "#7d8b9b", grid: { stroke: "#1e2833", width: 1 }, ticks: { stroke: "#243040" }, values: (u, vals) => vals.map(fmt),
        size: (u, values, axisIdx, cycleNum) => {
          const axis = u.axes[axisIdx];
          if (cycleNum > 1 && axis._size) return axis._size;
          u.ctx.font = axis.font[0];
          return Math.max(40, axisWidth(values, (t) => u.ctx.measureText(t).width / (window.devicePixelRatio || 1)));
        } },
    ];
  }
  // The layout rules, for tests/browser/layout.mjs to check in the real browser.
  window.__livedbctlLayout = { axisStyle, axisWidth, orderColumns, bytes, TIME_LABEL_SPACE };

  function drawCharts() {
    if (typeof uPlot === "undefined") return;
    const h = state.hist;
    for (const [id, def] of Object.entries(CHARTS)) {
      const box = document.querySelector('[data-testid="chart-' + id + '"]');
      // Topics that stayed idle the whole window only clutter the legend.
      const names = Object.keys(h.series).filter(def.match).filter((n) => !def.hideIdle || h.series[n].some((v) => v)).sort();
      const key = names.join("|");
      const data = [h.t.slice()].concat(names.map((n) => h.series[n].slice()));
      box.dataset.points = String(h.t.length);
      box.dataset.series = key;
      let c = state.charts[id];
      if (!names.length) {
        if (c) { c.plot.destroy(); delete state.charts[id]; }
        if (!box.querySelector(".empty")) { box.textContent = ""; box.append(el("div", { class: "empty", text: "no data yet" })); }
        continue;
      }
      if (c && c.key === key) {
        c.plot.setData(data);
        continue;
      }
      if (c) c.plot.destroy();
      box.textContent = "";
      const opts = {
        width: plotWidth(box),
        height: 190,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: axisStyle(def.fmt),
        series: [{}].concat(names.map((n, i) => ({
          label: def.label(n),
          stroke: PALETTE[i % PALETTE.length],
          fill: names.length === 1 ? PALETTE[i % PALETTE.length] + "22" : undefined,
          width: 1.6,
          spanGaps: false,
          points: { show: false },
          value: (u, v) => def.fmt(v),
        }))),
      };
      state.charts[id] = { key, plot: new uPlot(opts, data, box) };
    }
  }

  window.addEventListener("resize", () => {
    for (const [id, c] of Object.entries(state.charts)) {
      const box = document.querySelector('[data-testid="chart-' + id + '"]');
      c.plot.setSize({ width: plotWidth(box), height: 190 });
    }
    if (state.resultsChart) {
      const box = document.getElementById("results-chart");
      state.resultsChart.setSize({ width: plotWidth(box), height: 170 });
    }
  });

  // ---------- header ----------
  function drawHeader(s) {
    document.getElementById("profile").textContent = "profile " + s.profile;
    const box = document.getElementById("services");
    box.textContent = "";
    for (const h of s.services || []) {
      box.append(el("span", { class: "svc", "data-testid": "service-" + h.service, "data-up": String(h.up), "data-state": h.state, title: (h.detail || h.state) + " · " + h.address },
        el("span", { class: "dot" }), h.service, el("span", { class: "ver", text: h.up ? (h.version || h.engine || h.state) : h.state })));
    }
    const live = document.getElementById("live");
    live.dataset.state = state.paused ? "paused" : "live";
    live.dataset.seq = String(s.seq);
    document.getElementById("live-text").textContent =
      (state.paused ? "paused" : "live") + " · #" + s.seq + " · " + clock(s.taken_at_ms) + " · " + s.sampler.sample_duration_ms + " ms";
  }

  // ---------- flow diagram ----------
  const COLUMN = { postgres: 0, producer: 1, connector: 1, topic: 2, group: 3, stream: 3, sink: 4 };
  const KIND_LABEL = { postgres: "source", producer: "producer", connector: "cdc", topic: "topic", group: "consumer group", stream: "stream job", sink: "sink" };
  // Each column after the first in the order of the nodes feeding it (the mean row of its
  // sources, a barycenter sweep), so the producer's and the CDC engine's edges do not cross
  // when they feed different topics. Nodes without a source keep their order, last.
  function orderColumns(cols, edges) {
    const row = new Map();
    cols.forEach((c, i) => {
      if (i > 0) {
        const key = (n) => {
          const from = edges.filter((e) => e.to === n.id && row.has(e.from)).map((e) => row.get(e.from));
          return from.length ? from.reduce((a, b) => a + b, 0) / from.length : Infinity;
        };
        const keyed = c.map((n, j) => ({ n, j, k: key(n) }));
        keyed.sort((a, b) => (a.k === b.k ? a.j - b.j : a.k < b.k ? -1 : 1));
        c.splice(0, c.length, ...keyed.map((x) => x.n));
      }
      c.forEach((n, j) => row.set(n.id, j));
    });
    return cols;
  }
  function drawFlow(s) {
    const box = document.getElementById("flow");
    const nodes = s.flow.nodes;
    const cols = [[], [], [], [], []];
    for (const n of nodes) cols[COLUMN[n.kind] ?? 2].push(n);
    orderColumns(cols, s.flow.edges);
    const W = 190, H = 54, GAPX = 70, GAPY = 18;
    const used = cols.filter((c) => c.length);
    const colIndex = new Map();
    cols.forEach((c, i) => { if (c.length) colIndex.set(i, colIndex.size); });
    const rows = Math.max(1, ...cols.map((c) => c.length));
    const width = Math.max(box.clientWidth - 4, used.length * (W + GAPX) + 20);
    const height = rows * (H + GAPY) + 20;
    const stepX = used.length > 1 ? (width - 20 - W) / (used.length - 1) : 0;
    const pos = new Map();
    cols.forEach((c, i) => {
      if (!c.length) return;
      const x = 10 + colIndex.get(i) * stepX;
      const top = (height - c.length * (H + GAPY) + GAPY) / 2;
      c.forEach((n, j) => pos.set(n.id, { x, y: top + j * (H + GAPY) }));
    });
    const root = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "pipeline data flow" });
    for (const e of s.flow.edges) {
      const a = pos.get(e.from), b = pos.get(e.to);
      if (!a || !b) continue;
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
      const mx = (x1 + x2) / 2;
      const active = (e.rate || 0) > 0;
      const g = svg("g", { class: "edge", "data-testid": "edge-" + e.from + "->" + e.to, "data-from": e.from, "data-to": e.to,
        "data-rate": e.rate === null ? "" : String(e.rate), "data-lag": e.lag === null ? "" : String(e.lag), "data-active": String(active), "data-trend": e.trend || "" });
      g.append(svg("path", { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` }));
      const lx = mx, ly = (y1 + y2) / 2;
      const rate = e.rate === null ? "" : compact(e.rate) + " " + e.rate_unit;
      g.append(svg("text", { x: lx, y: ly - 4, "text-anchor": "middle", class: "rate" }, rate));
      if (e.lag !== null && e.lag !== undefined) {
        const lag = "lag " + (e.lag_unit === "bytes" ? bytes(e.lag) : compact(e.lag)) + (e.trend === "growing" ? " ↑" : e.trend === "draining" ? " ↓" : e.trend === "stalled" ? " ■ stalled" : "");
        g.append(svg("text", { x: lx, y: ly + 12, "text-anchor": "middle", class: e.lag > 0 ? "lag" : "" }, lag));
      }
      root.append(g);
    }
    for (const n of nodes) {
      const p = pos.get(n.id);
      const g = svg("g", { class: "node", "data-testid": "node-" + n.id, "data-status": n.status, transform: `translate(${p.x},${p.y})` });
      g.append(svg("rect", { width: W, height: H, rx: 8, ry: 8 }));
      g.append(svg("text", { x: 10, y: 15, class: "kind" }, KIND_LABEL[n.kind] || n.kind));
      const label = n.label.length > 24 ? n.label.slice(0, 23) + "…" : n.label;
      g.append(svg("text", { x: 10, y: 32, class: "label" }, label));
      if (n.detail) g.append(svg("text", { x: 10, y: 47, class: "detail" }, n.detail.length > 28 ? n.detail.slice(0, 27) + "…" : n.detail));
      const t = svg("title", {}, n.label + (n.detail ? " — " + n.detail : ""));
      g.append(t);
      root.append(g);
    }
    box.textContent = "";
    box.append(root);
  }

  // ---------- numbers ----------
  function drawNumbers(s) {
    const dl = document.getElementById("numbers");
    dl.textContent = "";
    const p = s.postgres.producer;
    const rows = [
      ["database size", bytes(s.postgres.size_bytes)],
      ["inserted rows/s", num(s.postgres.inserted_rows_per_sec)],
      ["producer last id", p ? num(p.last_id) : "–"],
      ["producer lag", p ? num(p.lag_rows) + " rows" : "–"],
      ["producer behind", p ? dur(p.time_behind_ms) : "–"],
      ["topics", num((s.kafka.topics || []).length)],
      ["groups", num((s.kafka.groups || []).length)],
      ["dead letters", num((s.kafka.dead_letters || []).reduce((n, d) => n + d.messages, 0))],
      ["redis keys", num(s.redis.keys)],
      ["redis ops/s", num(s.redis.ops_per_sec)],
    ];
    for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { text: v }));
  }

  // ---------- feed ----------
  function renderChange(c) {
    const frag = el("span", {});
    frag.append(el("span", { class: "op " + c.op, text: c.op.toUpperCase() }), (c.table || "") + " " + JSON.stringify(c.key) + " ");
    for (const col of c.columns.slice(0, 8)) {
      const part = el("span", { class: "col" }, col.name + ": ");
      if (c.op === "update" && c.before_known) part.append(el("span", { class: "before", text: JSON.stringify(col.before) }), " → ");
      if (c.op === "delete") part.append(el("span", { class: "before", text: JSON.stringify(col.before) }));
      else part.append(el("span", { class: "after", text: JSON.stringify(col.after) }));
      frag.append(part, "  ");
    }
    return frag;
  }
  function drawFeed(s) {
    const sel = document.getElementById("feed-topic");
    const topics = (s.kafka.topics || []).map((t) => t.topic);
    for (const t of s.feed_topics || []) if (!topics.includes(t)) topics.push(t);
    if (!state.feedTopic) state.feedTopic = (s.feed_topics && s.feed_topics[0]) || topics[0] || null;
    const want = topics.join("|");
    if (sel.dataset.topics !== want) {
      sel.textContent = "";
      for (const t of topics) sel.append(el("option", { value: t, text: t }));
      sel.dataset.topics = want;
    }
    if (state.feedTopic) sel.value = state.feedTopic;
    const list = document.getElementById("feed");
    const events = (s.events || []).filter((e) => e.topic === state.feedTopic).slice().reverse();
    list.textContent = "";
    if (!events.length) list.append(el("li", { class: "empty", text: "waiting for records on " + (state.feedTopic || "a topic") + "…" }));
    for (const e of events.slice(0, 40)) {
      const id = e.topic + "/" + e.partition + "/" + e.offset;
      const fresh = !state.seenEvents.has(id);
      state.seenEvents.add(id);
      const meta = el("span", { class: "meta", text: clock(e.timestamp_ms).slice(0, 8) + " p" + e.partition + "@" + e.offset });
      const body = e.change ? renderChange(e.change) : el("span", { class: "value", text: (e.key ? e.key + " → " : "") + (e.value || "null") });
      list.append(el("li", { class: fresh ? "fresh" : "", "data-offset": String(e.offset), "data-partition": String(e.partition), "data-key": e.key || "" }, meta, body));
    }
    if (state.seenEvents.size > 5000) state.seenEvents = new Set();
  }
  document.getElementById("feed-topic").addEventListener("change", (ev) => {
    state.feedTopic = ev.target.value;
    // Changing what the server follows is a page action: it carries the page's token.
    fetch(api("/api/feed?topic=" + encodeURIComponent(state.feedTopic)), { credentials: "same-origin", headers: { "X-Livedbctl-Csrf": csrf } }).catch(() => {});
    if (state.latest) drawFeed(state.latest);
  });

  // ---------- results ----------
  function drawResults(s) {
    const sets = s.results || [];
    const sel = document.getElementById("results-set");
    const names = sets.map((r) => r.source + ":" + r.name);
    if (sel.dataset.names !== names.join("|")) {
      sel.textContent = "";
      for (const n of names) sel.append(el("option", { value: n, text: n }));
      sel.dataset.names = names.join("|");
    }
    if (!state.resultsSet || !names.includes(state.resultsSet)) state.resultsSet = names[0] || null;
    if (state.resultsSet) sel.value = state.resultsSet;
    const set = sets.find((r) => r.source + ":" + r.name === state.resultsSet);
    const table = document.getElementById("results");
    const thead = table.querySelector("thead"), tbody = table.querySelector("tbody");
    const chartBox = document.getElementById("results-chart");
    document.getElementById("results-source").textContent = set ? set.location : "consume aggregate windows, stream job sinks";
    thead.textContent = ""; tbody.textContent = "";
    if (!set || !set.windows.length) {
      tbody.append(el("tr", {}, el("td", { class: "empty", text: "no open windows yet" })));
      if (state.resultsChart) { state.resultsChart.destroy(); state.resultsChart = null; state.resultsKeys = ""; }
      chartBox.textContent = "";
      chartBox.dataset.bars = "0";
      return;
    }
    const cols = set.columns;
    thead.append(el("tr", {}, el("th", { text: "key" }), ...cols.map((c) => el("th", { class: "num", text: c })), el("th", { text: "window" })));
    const windows = set.windows.slice(0, 20);
    for (const w of windows) {
      const span = w.window_start_ms ? clock(w.window_start_ms).slice(0, 8) + (w.window_end_ms ? "–" + clock(w.window_end_ms).slice(0, 8) : w.last_ms ? " · last " + clock(w.last_ms).slice(0, 8) : "") : "";
      tbody.append(el("tr", { "data-key": w.key }, el("td", { text: w.key }), ...cols.map((c) => el("td", { class: "num", text: num(w.values[c]) })), el("td", { class: "dim", text: span })));
    }
    if (typeof uPlot === "undefined" || !cols.length) return;
    const shown = windows.slice(0, 10);
    const keys = shown.map((w) => w.key);
    const xs = keys.map((_, i) => i);
    const ys = shown.map((w) => w.values[cols[0]] ?? null);
    chartBox.dataset.bars = String(keys.length);
    const sig = cols[0] + "|" + keys.join("|");
    if (state.resultsChart && state.resultsKeys === sig) {
      state.resultsChart.setData([xs, ys]);
      return;
    }
    if (state.resultsChart) state.resultsChart.destroy();
    chartBox.textContent = "";
    state.resultsKeys = sig;
    state.resultsChart = new uPlot({
      width: plotWidth(chartBox),
      height: 170,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, keys.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [
        { stroke: "#7d8b9b", grid: { show: false }, splits: () => xs, rotate: -30, size: 58, values: (u, v) => v.map((i) => { const k = keys[i] ?? ""; return k.length > 14 ? k.slice(0, 13) + "…" : k; }) },
        { stroke: "#7d8b9b", grid: { stroke: "#1e2833" }, size: 50, values: (u, v) => v.map(compact) },
      ],
      series: [{}, { label: cols[0], stroke: "#58a6ff", fill: "#58a6ff88", width: 1, paths: uPlot.paths.bars({ size: [0.6, 60] }), points: { show: false } }],
    }, [xs, ys], chartBox);
  }
  document.getElementById("results-set").addEventListener("change", (ev) => {
    state.resultsSet = ev.target.value;
    if (state.latest) drawResults(state.latest);
  });

  // ---------- tables ----------
  function drawTables(s) {
    const gb = document.querySelector("#groups tbody");
    gb.textContent = "";
    for (const g of s.kafka.groups || []) {
      gb.append(el("tr", { "data-group": g.group },
        el("td", { text: g.group }), el("td", { text: g.kind }), el("td", { class: "state-" + g.state, text: g.state }),
        el("td", { text: g.members === null ? "?" : String(g.members) }),
        el("td", { class: "num", "data-lag-from": g.lag_from || "", title: g.lag_from === "start" ? ESTIMATE_NOTE : "", text: (g.lag_from === "start" && g.lag > 0 ? "~" : "") + num(g.lag) }),
        el("td", { class: "trend-" + g.trend, text: { growing: "↑ growing", draining: "↓ draining", steady: "→ steady", stalled: "■ stalled", unknown: "…" }[g.trend] || g.trend }),
        el("td", { class: "num", text: dur(g.time_behind_ms) }),
        el("td", { class: "num", text: num(g.records_per_sec) })));
    }
    if (!(s.kafka.groups || []).length) gb.append(el("tr", {}, el("td", { class: "empty", text: s.kafka.groups_error || "no consumer groups" })));
    const tb = document.querySelector("#topics tbody");
    tb.textContent = "";
    for (const t of s.kafka.topics || []) {
      tb.append(el("tr", { "data-topic": t.topic }, el("td", { text: t.topic }), el("td", { class: "num", text: String(t.partitions.length) }),
        el("td", { class: "num", text: num(t.messages) }), el("td", { class: "num", text: num(t.records_per_sec) })));
    }
    const cb = document.querySelector("#connectors tbody");
    cb.textContent = "";
    for (const c of s.connectors || []) {
      cb.append(el("tr", {}, el("td", { text: c.name }), el("td", { class: "state-" + c.state, text: c.state }), el("td", { text: c.last_lsn || "–" }), el("td", { class: "num", text: bytes(c.slot_lag_bytes) })));
    }
    if (!(s.connectors || []).length) cb.append(el("tr", {}, el("td", { class: "empty", text: "no CDC connectors" })));
    const r = s.redis;
    document.getElementById("redis-line").textContent = r.up
      ? "Redis: " + num(r.keys) + " keys, " + num(r.ops_per_sec) + " ops/s, " + bytes(r.used_memory_bytes) + " used" +
        (r.prefixes.length ? " · " + r.prefixes.slice(0, 6).map((p) => p.prefix + " " + p.keys).join(", ") : "")
      : "Redis: " + (r.error || "down");
    const errs = [];
    if (s.postgres.error) errs.push("PostgreSQL: " + s.postgres.error);
    if (s.kafka.error) errs.push("Kafka: " + s.kafka.error);
    if (s.redis.error) errs.push("Redis: " + s.redis.error);
    document.getElementById("errors").textContent = errs.join("\n");
  }

  // ---------- stream jobs ----------
  function drawJobs(s) {
    const tb = document.querySelector("#jobs tbody");
    tb.textContent = "";
    for (const j of s.stream_jobs || []) {
      const cp = j.checkpoint;
      // The watermark when the checkpoint was saved (results are written up to it).
      const wm = cp ? (cp.emitted_watermark_ms ?? cp.watermark_ms) : null;
      // Where it runs: the run's session (pid on host), or the Flink job's id.
      let where = "–";
      if (j.holder) {
        const a = j.holder.application_name || "";
        const i = a.indexOf(" (");
        where = i >= 0 ? a.slice(i + 2).replace(/\)$/, "") : "backend " + j.holder.backend_pid;
      } else if (j.flink) {
        const t = j.flink.tasks || {};
        where = j.flink.jid.slice(0, 12) + (t.total !== undefined ? " · " + (t.running || 0) + "/" + t.total + " tasks" : "");
      }
      const source = [j.source_topic, j.group].filter((x) => x).join(" · ") || "–";
      const saved = cp ? clock(cp.saved_at_ms).slice(0, 8) + " (" + dur(Math.max(0, s.taken_at_ms - cp.saved_at_ms)) + " ago)" : "–";
      tb.append(el("tr", { "data-job": j.name, "data-engine": j.engine, "data-running": String(j.running), "data-state": j.state,
        "data-watermark": wm === null || wm === undefined ? "" : String(wm), "data-windows": j.windows === null ? "" : String(j.windows) },
        el("td", { text: j.name }), el("td", { text: j.engine }),
        el("td", { class: "state-" + (j.running ? "running" : j.state === "FAILED" ? "failed" : "stopped"), text: j.state }),
        el("td", { text: where }), el("td", { text: source }),
        el("td", { class: "num", text: num(j.lag) }), el("td", { class: "num", text: num(j.events_per_sec) }),
        el("td", { class: "watermark", text: wm ? clock(wm).slice(0, 8) : "–" }),
        el("td", { text: saved }),
        el("td", { class: "num", text: num(j.windows) }),
        el("td", { text: dur(j.duration_ms) })));
    }
    if (!(s.stream_jobs || []).length) {
      tb.append(el("tr", {}, el("td", { class: "empty", text: s.stream_jobs_error || "no stream jobs (livedbctl stream run, stream submit)" })));
    }
    const f = s.flink;
    const line = document.getElementById("flink-line");
    line.dataset.state = f ? f.state : "none";
    line.textContent = !f ? "" : f.up ? "Flink " + f.url + " · " + f.jobs + " job(s)" : "Flink " + f.url + " unreachable: " + (f.error || "no answer");
    line.className = "hint" + (f && !f.up ? " down" : "");
  }

  // ---------- alerts (shown when there are rules) ----------
  function drawAlerts(s) {
    const a = s.alerts || { rules: [], delivery: [], firing: 0 };
    const card = document.getElementById("alerts-card");
    card.hidden = !a.rules.length;
    card.dataset.firing = String(a.firing);
    const shown = (r, v) => (v === null || v === undefined ? "–" : r.unit === "ms" ? dur(v) : r.unit === "bytes" ? bytes(v) : num(v));
    const tb = document.querySelector("#alerts tbody");
    tb.textContent = "";
    for (const r of a.rules) {
      const since = { firing: r.fired_at_ms, pending: r.active_since_ms, resolved: r.resolved_at_ms }[r.state];
      tb.append(el("tr", { "data-rule": r.rule, "data-state": r.state },
        el("td", { text: r.rule }),
        el("td", { class: "alert-" + r.state, text: r.state }),
        el("td", { text: since ? clock(since).slice(0, 8) : "–" }),
        el("td", { class: "num", text: shown(r, r.value) }),
        el("td", { text: r.note || r.subjects.map((x) => x.subject).join(", ") })));
    }
    document.getElementById("alerts-line").textContent = a.firing + " firing" +
      a.delivery.map((d) => " · " + d.via + " " + d.target + ": " + d.delivered + " delivered, " + (d.failed + d.dropped) + " failed" +
        (d.last_error ? " (" + d.last_error + ")" : "")).join("");
  }

  function render(s) {
    state.latest = s;
    drawHeader(s);
    drawAlerts(s);
    drawFlow(s);
    drawNumbers(s);
    drawCharts();
    drawFeed(s);
    drawResults(s);
    drawJobs(s);
    drawTables(s);
  }

  document.getElementById("pause").addEventListener("click", (ev) => {
    state.paused = !state.paused;
    ev.target.textContent = state.paused ? "Resume" : "Pause";
    if (!state.paused && state.latest) render(state.latest);
    else if (state.latest) drawHeader(state.latest);
  });

  function connect() {
    const es = new EventSource(api("/api/stream"));
    es.addEventListener("snapshot", (m) => {
      const s = JSON.parse(m.data);
      if (!s.seq) return;
      appendHistory(s);
      if (!state.paused) render(s);
      else state.latest = s;
    });
    es.onerror = () => {
      const live = document.getElementById("live");
      live.dataset.state = "lost";
      document.getElementById("live-text").textContent = "reconnecting…";
    };
  }

  fetch(api("/api/snapshot"), { credentials: "same-origin" })
    .then((r) => r.json())
    .then((s) => {
      if (s.history) {
        state.hist = { t: s.history.t.slice(), series: {} };
        for (const [k, v] of Object.entries(s.history.series)) state.hist.series[k] = v.slice();
      }
      if (s.seq) render(s);
    })
    .catch(() => {})
    .finally(connect);
})();
