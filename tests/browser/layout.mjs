// Checks the dashboard page's layout rules in Debian's headless Chromium, for
// tests/suite/dashboard/lag.rs:
//
//   node layout.mjs URL
//
// - the y axis of a byte chart is as wide as its longest label (a fixed 56 px cut
//   "19.1 KiB" to "9.1 KiB");
// - the time axis's labels do not overlap over a long, settled history;
// - the flow's columns are ordered by their sources, so the producer's and the CDC
//   engine's edges do not cross when they feed different topics.
// Prints {"step":"done", ...} or {"step":"failed","error":...} (exit 1).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const profile = mkdtempSync(join(tmpdir(), "livedbctl-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
  ],
  viewport: { width: 1500, height: 1250 },
  deviceScaleFactor: 1,
});
let code = 0;
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => window.__livedbctlLayout && typeof uPlot !== "undefined", null, { timeout: 120_000 });
  const got = await page.evaluate(async () => {
    const L = window.__livedbctlLayout;
    const box = document.createElement("div");
    document.body.append(box);
    // 10 minutes of a settled pipeline, one point a second; a slot lag near 19.5 KiB.
    const t0 = 1_767_268_800;
    const xs = Array.from({ length: 600 }, (_, i) => t0 + i);
    const ys = xs.map((_, i) => 19_000 + (i % 7) * 100);
    const u = new uPlot({
      width: 1400, height: 190, scales: { x: { time: true } }, axes: L.axisStyle(L.bytes),
      series: [{}, { label: "slot", stroke: "#58a6ff" }],
    }, [xs, ys], box);
    // uPlot lays its axes out on the next frame.
    for (let i = 0; i < 50 && !u.axes[1]._values; i++) await new Promise((r) => requestAnimationFrame(r));
    const ctx = document.createElement("canvas").getContext("2d");
    const measure = (axis, labels) => { ctx.font = axis.font[0]; return labels.map((l) => Math.max(...String(l).split("\n").map((line) => ctx.measureText(line).width))); };
    const y = u.axes[1], x = u.axes[0];
    const yLabels = y._values.filter((v) => v != null);
    const xLabels = x._values.filter((v) => v != null);
    const xPos = x._splits.map((v) => u.valToPos(v, "x"));
    const gaps = xPos.slice(1).map((p, i) => p - xPos[i]);
    // The flow: the producer feeds topic B, the CDC engine topic A, the topics listed A, B.
    const node = (id) => ({ id });
    const cols = [[node("postgres")], [node("producer"), node("cdc")], [node("topic:A"), node("topic:B")], [node("group:a"), node("group:b")], []];
    const edges = [
      { from: "postgres", to: "producer" }, { from: "postgres", to: "cdc" },
      { from: "producer", to: "topic:B" }, { from: "cdc", to: "topic:A" },
      { from: "topic:A", to: "group:a" }, { from: "topic:B", to: "group:b" },
    ];
    L.orderColumns(cols, edges);
    const row = new Map();
    cols.forEach((c) => c.forEach((n, j) => row.set(n.id, j)));
    let crossings = 0;
    for (const a of edges) for (const b of edges) {
      const ca = cols.findIndex((c) => c.some((n) => n.id === a.from));
      const cb = cols.findIndex((c) => c.some((n) => n.id === b.from));
      if (ca !== cb || a === b) continue;
      if ((row.get(a.from) - row.get(b.from)) * (row.get(a.to) - row.get(b.to)) < 0) crossings++;
    }
    return {
      y_size: y._size, y_labels: yLabels, y_widths: measure(y, yLabels),
      x_labels: xLabels, x_widths: measure(x, xLabels), x_gaps: gaps,
      topics: cols[2].map((n) => n.id), crossings: crossings / 2,
    };
  });
  const widestY = Math.max(...got.y_widths);
  const widestX = Math.max(...got.x_widths);
  const fail = [];
  if (!got.y_labels.some((l) => /KiB/.test(l))) fail.push("no KiB label on the y axis");
  // The axis holds its tick (6 px), its gap (5 px) and the widest label.
  if (got.y_size < widestY + 11) fail.push(`y axis ${got.y_size}px narrower than its label ${widestY}px + 11`);
  if (got.x_gaps.some((g) => g < widestX + 4)) fail.push(`time labels ${widestX}px wide only ${Math.min(...got.x_gaps)}px apart`);
  if (got.crossings) fail.push(`${got.crossings} crossing(s), topics ${got.topics}`);
  if (fail.length) { code = 1; say({ step: "failed", error: fail.join("; "), got }); }
  else say({ step: "done", got: { y_size: got.y_size, widest_y: widestY, widest_x: widestX, min_x_gap: Math.min(...got.x_gaps), topics: got.topics } });
} catch (e) {
  code = 1;
  say({ step: "failed", error: String(e && e.stack || e) });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
