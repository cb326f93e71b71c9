// Drives the dashboard page in Debian's headless Chromium for tests/dashboard.rs.
//
//   node dashboard.mjs URL SCREENSHOT.png
//
// Talks to the Rust test over stdio, one JSON object per line: prints {"step":"ready", ...}
// once the page shows the services, reads one line {"marker", "marker_topic", "window_key"}
// after the test started the pipeline, then checks that the flow's rates rise, the charts
// gain points, the feed shows the marker event, the results panel shows the window, the
// stream jobs panel shows the running job with its checkpoint, and the CDC topic's
// records appear as changes;
// prints {"step":"done", ...} or {"step":"failed","error":...} (exit 1).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const [url, shot] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const DEADLINE = 120_000;

const profile = mkdtempSync(join(tmpdir(), "livedbctl-chromium-"));
// A fresh profile directory for every run (playwright passes it as --user-data-dir).
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
const errors = [];
let page;
try {
  page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") errors.push("console: " + m.text()); });
  page.on("pageerror", (e) => errors.push("page: " + e.message));
  page.on("requestfailed", (r) => { if (!r.url().includes("/api/stream")) errors.push("request failed: " + r.url()); });

  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => Number(document.getElementById("live")?.dataset.seq || 0) >= 1, null, { timeout: DEADLINE });
  await page.waitForFunction(() => {
    const up = [...document.querySelectorAll('[data-testid^="service-"][data-up="true"]')].map((e) => e.dataset.testid);
    return ["service-postgres", "service-kafka", "service-redis"].every((s) => up.includes(s));
  }, null, { timeout: DEADLINE });
  const before = await page.evaluate(() => ({
    points: Number(document.querySelector('[data-testid="chart-inserted"]').dataset.points || 0),
    rates: Object.fromEntries([...document.querySelectorAll('[data-testid="flow"] g.edge')].map((e) => [e.dataset.testid, Number(e.dataset.rate || 0)])),
  }));
  say({ step: "ready", before });

  const go = JSON.parse((await lines.next()).value);

  // A rate on the flow diagram rises: rows into PostgreSQL, then events to the topic.
  const rose = await page.waitForFunction(() => {
    const e = document.querySelector('[data-testid="edge-postgres->producer"]');
    const p = document.querySelector('[data-testid^="edge-producer->topic:"]');
    return e && p && Number(e.dataset.rate || 0) > 0 && Number(p.dataset.rate || 0) > 0
      ? { rows: Number(e.dataset.rate), records: Number(p.dataset.rate) } : false;
  }, null, { timeout: DEADLINE, polling: 200 });
  say({ step: "rates", ...(await rose.jsonValue()) });

  // The charts gain points, and the inserted-rows chart has its series.
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid="chart-inserted"]');
    return Number(c.dataset.points || 0) >= n + 3 && c.dataset.series === "pg.inserted_rows_per_sec" && c.querySelector("canvas");
  }, before.points, { timeout: DEADLINE });
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-topics"] canvas'), null, { timeout: DEADLINE });
  say({ step: "charts" });

  // The feed follows the topic chosen on the page and shows the freshly produced event.
  await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="feed-topic"] option')].some((o) => o.value === t), go.marker_topic, { timeout: DEADLINE });
  await page.selectOption('[data-testid="feed-topic"]', go.marker_topic);
  await page.waitForFunction((marker) => [...document.querySelectorAll('[data-testid="feed"] li')].some((li) => li.textContent.includes(marker)), go.marker, { timeout: DEADLINE });
  say({ step: "feed" });

  // The results panel shows the aggregate's window, in the table and the bar chart.
  await page.waitForFunction((key) => {
    const row = document.querySelector(`[data-testid="results"] tr[data-key="${key}"]`);
    const bars = Number(document.querySelector('[data-testid="results-chart"]').dataset.bars || 0);
    return row && bars > 0;
  }, go.window_key, { timeout: DEADLINE });
  say({ step: "results" });

  // The stream jobs panel: the job `stream run` runs, with its checkpoint's watermark and
  // its windows; the flow draws it as a stream job.
  await page.waitForFunction((name) => {
    const row = document.querySelector(`[data-testid="stream-jobs"] tr[data-job="${name}"]`);
    return row && row.dataset.running === "true" && row.dataset.engine === "builtin" && row.dataset.watermark !== ""
      && Number(row.dataset.windows || 0) > 0 && document.querySelector(`[data-testid="node-stream:${name}"]`);
  }, go.stream_job, { timeout: DEADLINE });
  say({ step: "stream" });

  // Debezium change events from the CDC connector are shown as changes, not as JSON.
  await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="feed-topic"] option')].some((o) => o.value === t), go.cdc_topic, { timeout: DEADLINE });
  await page.selectOption('[data-testid="feed-topic"]', go.cdc_topic);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="feed"] li .op')].some((e) => e.textContent === "INSERT" || e.textContent === "READ"), null, { timeout: DEADLINE });
  await page.waitForFunction(() => document.querySelector('[data-testid^="node-connector:"]') && document.querySelector('[data-testid="chart-slots"] canvas'), null, { timeout: DEADLINE });
  say({ step: "cdc" });

  // Let the lines fill a little for the picture, then take it.
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart-inserted"]').dataset.points || 0) >= n, before.points + 12, { timeout: DEADLINE });
  await page.screenshot({ path: shot, fullPage: true });
  if (errors.length) throw new Error("errors on the page: " + errors.join("; "));
  say({ step: "done", errors });
} catch (e) {
  try { if (page) await page.screenshot({ path: shot.replace(/\.png$/, "-failed.png"), fullPage: true }); } catch {}
  say({ step: "failed", error: String(e && e.stack || e), errors });
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit();
}
