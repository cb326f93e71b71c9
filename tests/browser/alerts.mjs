// The alerts box of the dashboard page in Debian's headless Chromium, for
// tests/suite/alerts.rs:
//
//   node alerts.mjs URL STATE
//
// Waits until the box is shown with a rule in STATE (firing, resolved) and prints
// {"rules":[{"rule","state","value"}], "line", "visible"}, or {"error"} (exit 1).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, want] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "livedbctl-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  viewport: { width: 1500, height: 1000 },
});
const errors = [];
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (e) => errors.push("page: " + e.message));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction((state) =>
    [...document.querySelectorAll("#alerts tbody tr")].some((r) => r.dataset.state === state),
  want, { timeout: 120_000 });
  const got = await page.evaluate(() => ({
    visible: !document.getElementById("alerts-card").hidden &&
      document.getElementById("alerts-card").getBoundingClientRect().height > 0,
    line: document.getElementById("alerts-line").textContent,
    rules: [...document.querySelectorAll("#alerts tbody tr")].map((r) => ({
      rule: r.dataset.rule, state: r.dataset.state, value: r.children[3].textContent,
    })),
  }));
  if (errors.length) throw new Error(errors.join("; "));
  process.stdout.write(JSON.stringify(got) + "\n");
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e), errors }) + "\n");
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
