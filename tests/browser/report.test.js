// Drives healthlint's HTML report in Debian's Chromium (playwright-core, no browser download):
// every finding of the JSON report is highlighted and shows its message on click, filters and
// search hide and show findings, keyboard navigation moves between findings, an article full of
// <script> and onerror= runs nothing, axe-core finds no serious or critical violation, and the
// page reflows at phone width. Called by tests/html_report_browser.rs:
//
//   node report.test.js REPORT.html REPORT.json HOSTILE.html OUT_DIR
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");
const axe = require("axe-core");

const [reportHtml, reportJson, hostileHtml, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node report.test.js REPORT.html REPORT.json HOSTILE.html OUT_DIR");
  process.exit(2);
}
const executablePath = process.env.HEALTHLINT_CHROMIUM || "/usr/bin/chromium";

let checks = 0;
function check(what, fn) {
  return Promise.resolve()
    .then(fn)
    .then(() => {
      checks += 1;
      console.log(`ok - ${what}`);
    })
    .catch((error) => {
      error.message = `${what}: ${error.message}`;
      throw error;
    });
}

const fold = (text) => text.replace(/\s+/g, " ").trim();

async function openReport(context, file, viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(msg.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("dialog", async (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  // The page must not fetch anything: every request but the report itself is a failure.
  const url = pathToFileURL(path.resolve(file)).href;
  page.on("request", (request) => {
    if (request.url() !== url) problems.push(`request: ${request.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

// The page's own id for a finding of the JSON report: its detail names the same message and
// flagged text under the same file.
async function findingId(page, diagnostic) {
  return page.evaluate(({ path, message, text }) => {
    const fold = (t) => t.replace(/\s+/g, " ").trim();
    for (const article of document.querySelectorAll("article.file")) {
      if (article.querySelector("h2").textContent !== path) continue;
      for (const li of article.querySelectorAll("li.finding")) {
        if (
          li.querySelector(".d-msg").textContent === message &&
          fold(li.querySelector(".d-flagged q").textContent) === fold(text)
        ) {
          return li.dataset.id;
        }
      }
    }
    return null;
  }, diagnostic);
}

async function popoverText(page) {
  await page.locator("#popover").waitFor({ state: "visible" });
  return page.locator("#popover").innerText();
}

async function runAxe(page, label) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result.violations) {
    console.log(`# axe (${label}): ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  }
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    "serious or critical accessibility violations",
  );
}

async function examples(context) {
  const json = JSON.parse(fs.readFileSync(reportJson, "utf8"));
  const { page, problems } = await openReport(context, reportHtml);

  await check("the page's own script runs under its Content-Security-Policy", async () => {
    assert.equal(await page.locator("#filters").isVisible(), true);
    assert.match(await page.locator("#status").innerText(), /^Showing \d+ of \d+ findings\.$/);
  });

  const ids = new Map();
  await check(`each of the ${json.diagnostics.length} findings is highlighted on its flagged text`, async () => {
    assert.ok(json.diagnostics.length > 0);
    for (const d of json.diagnostics) {
      const id = await findingId(page, d);
      assert.ok(id, `no detail for ${d.path}: ${d.message}`);
      ids.set(d, id);
      const marks = page.locator(`mark.hl[data-f~="${id}"]`);
      assert.ok((await marks.count()) > 0, `no highlight for ${id} (${d.text})`);
      // What the reader sees of the flagged bytes: all of them, or a link's text without its
      // target (`[Facebook](https://…)` shows as "Facebook").
      const shown = fold((await marks.allTextContents()).join(""));
      assert.ok(shown && fold(d.text).includes(shown), `highlight of ${id}: "${shown}" in "${d.text}"`);
      assert.notEqual(await marks.first().getAttribute("data-sev"), "none", `${id} is marked`);
      assert.equal(await page.locator(`button.flag[data-f="${id}"]`).isVisible(), true);
    }
  });

  await check("clicking each finding's flag shows its message, help, rule and citation status", async () => {
    for (const d of json.diagnostics) {
      const id = ids.get(d);
      await page.locator(`button.flag[data-f="${id}"]`).click();
      const text = await popoverText(page);
      assert.ok(text.includes(d.message), `popover of ${id} shows "${d.message}", got "${text}"`);
      assert.ok(text.includes(d.rule), `popover of ${id} names ${d.rule}`);
      assert.match(text, /Citation: /);
      if (d.help) assert.ok(fold(text).includes(fold(d.help)), `popover of ${id} shows the help`);
      await page.keyboard.press("Escape");
      assert.equal(await page.locator("#popover").isHidden(), true);
    }
  });

  await check("clicking a highlight shows its message; the rule link leads to its explanation", async () => {
    let clicked = 0;
    for (const d of json.diagnostics) {
      const id = ids.get(d);
      const own = page.locator(`mark.hl[data-f="${id}"]`);
      if ((await own.count()) === 0) continue; // shares every piece with another finding
      await own.first().click();
      const text = await popoverText(page);
      assert.ok(text.includes(d.message), `clicking the highlight of ${id}`);
      await page.keyboard.press("Escape");
      clicked += 1;
    }
    assert.ok(clicked > json.diagnostics.length / 2, `clicked ${clicked} highlights`);
    await page.locator(`mark.hl[data-f="${ids.get(json.diagnostics[0])}"]`).first().click();
    const link = page.locator("#popover a.rule");
    const target = await link.getAttribute("href");
    await link.click();
    assert.equal(await page.evaluate(() => location.hash), target);
    assert.equal(await page.locator(`${target} h4`).first().isVisible(), true);
  });

  const visibleFlags = () => page.locator("button.flag:visible").count();
  const total = json.diagnostics.length;

  await check("the severity filter hides and shows findings", async () => {
    assert.equal(await visibleFlags(), total);
    const warnings = json.diagnostics.filter((d) => d.severity === "warning");
    assert.ok(warnings.length > 0);
    await page.locator('input[name="sev"][value="warning"]').uncheck();
    assert.equal(await visibleFlags(), total - warnings.length);
    for (const d of warnings) {
      assert.equal(await page.locator(`button.flag[data-f="${ids.get(d)}"]`).isHidden(), true);
      assert.equal(await page.locator(`#d-${ids.get(d)}`).isHidden(), true);
    }
    await page.locator('input[name="sev"][value="warning"]').check();
    assert.equal(await visibleFlags(), total);
  });

  await check("the category and rule filters and the search box hide and show findings", async () => {
    const hype = json.diagnostics.filter((d) => d.category === "hype").length;
    await page.locator('input[name="cat"][value="hype"]').uncheck();
    assert.equal(await visibleFlags(), total - hype);
    await page.locator('input[name="cat"][value="hype"]').check();

    const rule = json.diagnostics[0].rule;
    await page.locator("#rule-filter").selectOption(rule);
    assert.equal(await visibleFlags(), json.diagnostics.filter((d) => d.rule === rule).length);
    await page.locator("#rule-filter").selectOption("");

    await page.locator("#search").fill("miracle");
    const matching = await page.locator("li.finding:not([hidden])").allTextContents();
    assert.ok(matching.length > 0 && matching.length < total);
    assert.equal(await visibleFlags(), matching.length);
    await page.locator("#search").fill("");
    assert.equal(await visibleFlags(), total);
  });

  await check("suppressed findings show greyed, with their reason, only when asked", async () => {
    assert.ok(json.suppressed.length > 0);
    const d = json.suppressed[0];
    const id = await findingId(page, d);
    const flag = page.locator(`button.flag[data-f="${id}"]`);
    assert.equal(await flag.isHidden(), true);
    assert.equal(await page.locator(`mark.hl[data-f~="${id}"]`).first().getAttribute("data-sev"), "none");
    await page.locator("#show-suppressed").check();
    assert.equal(await flag.isVisible(), true);
    assert.equal(await page.locator(`mark.hl[data-f="${id}"]`).first().getAttribute("data-sev"), "suppressed");
    await flag.click();
    const text = await popoverText(page);
    assert.ok(text.includes(d.reason), `popover shows the reason "${d.reason}"`);
    await page.keyboard.press("Escape");
    await page.locator("#show-suppressed").uncheck();
    assert.equal(await flag.isHidden(), true);
  });

  await check("j/n and k/p move to the next and previous finding; Escape closes", async () => {
    await page.locator("h1").click();
    const order = await page.$$eval("button.flag", (flags) =>
      flags.filter((f) => !f.hidden).map((f) => f.dataset.f),
    );
    const focused = () => page.evaluate(() => document.activeElement.dataset.f);
    await page.keyboard.press("j");
    assert.equal(await focused(), order[0]);
    assert.equal(await page.locator("#popover").isVisible(), true);
    await page.keyboard.press("n");
    assert.equal(await focused(), order[1]);
    await page.keyboard.press("k");
    assert.equal(await focused(), order[0]);
    await page.keyboard.press("p");
    assert.equal(await focused(), order[order.length - 1]);
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#popover").isHidden(), true);
  });

  await check("axe-core: no serious or critical violations (with suppressed shown, popover open)", async () => {
    await runAxe(page, "default view");
    await page.locator("#show-suppressed").check();
    await page.locator("button.flag:visible").nth(3).click();
    await runAxe(page, "suppressed shown, popover open");
    await page.locator("#show-suppressed").uncheck();
    await page.keyboard.press("Escape");
  });

  await check("a screenshot of an article with a finding open", async () => {
    const target = page.locator("article.file", { hasText: "clinic-landing-page.md" }).locator("h3").first();
    await target.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    const flag = page.locator("article.file", { hasText: "clinic-landing-page.md" }).locator("button.flag:visible").nth(5);
    await flag.click();
    await page.screenshot({ path: path.join(outDir, "html-report.png") });
    await page.keyboard.press("Escape");
  });

  await check("nothing logged an error, opened a dialog or made a request", () => {
    assert.deepEqual(problems, []);
  });
  await page.close();
}

// At 320 CSS pixels (a phone, or 1280 pixels at 400% zoom) the page reflows: nothing but
// its own scrolling regions is wider than the viewport.
async function narrow(context) {
  const { page, problems } = await openReport(context, reportHtml, { width: 320, height: 720 });
  await check("at 320 px wide the page needs no horizontal scrolling", async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.locator("button.flag:visible").first().click();
    const box = await page.locator("#popover").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `popover ${JSON.stringify(box)} fits`);
    await page.screenshot({ path: path.join(outDir, "html-report-phone.png") });
    assert.deepEqual(problems, []);
  });
  await page.close();
}

async function hostile(context) {
  const { page, problems } = await openReport(context, hostileHtml);
  await check("an article with <script> and onerror= runs nothing and shows them as text", async () => {
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.match(await page.title(), /^healthlint report/);
    assert.equal(await page.locator(".prose script, .prose img, .prose iframe, .prose [onerror], .prose [onclick]").count(), 0);
    const prose = await page.locator(".prose").innerText();
    assert.ok(prose.includes("<script>window.pwned = true</script>"), prose);
    assert.ok(prose.includes('onerror="window.pwned = true'), prose);
    // The page's own script still runs, and a finding in the article works.
    assert.equal(await page.locator("#filters").isVisible(), true);
    await page.locator("button.flag").first().click();
    assert.ok((await popoverText(page)).length > 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(problems, []);
  });
  await page.close();
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "healthlint-chromium-"));
  // A fresh profile for every run (Playwright takes it as the persistent context's directory).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    await examples(context);
    await narrow(context);
    await hostile(context);
    console.log(`${checks} passed, 0 failed`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(`not ok - ${error.stack || error}`);
  process.exit(1);
});
