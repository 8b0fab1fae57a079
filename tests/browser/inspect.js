// Load a report in headless Chromium and print what a reader's browser made of it, as
// JSON: every element that carries a region's key (its attributes, its computed
// background and its text), the console's errors, every request the page made, the
// page's errors and dialogs. Screenshots of the page or of sections are saved as asked.
//
//   node inspect.js REPORT.html [--shot SELECTOR=FILE.png ...] [--full FILE.png] [--view FILE.png] [--pdf FILE.pdf]
//                              [--no-js] [--width N] [--height N]
//
// Run by tests/it/browser.rs with the Debian chromium (CHROMIUM, /usr/bin/chromium by
// default) and puppeteer-core from target/browser-node (.ci/browser.sh installs both).
"use strict";
const path = require("path");
const puppeteer = require(process.env.PUPPETEER_CORE || "puppeteer-core");

async function main() {
  const args = process.argv.slice(2);
  const file = path.resolve(args[0]);
  const shots = [];
  let full = null, view = null, pdf = null, js = true, width = 1280, height = 900;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--shot") { const [sel, out] = args[++i].split("="); shots.push([sel, out]); }
    else if (args[i] === "--full") full = args[++i];
    else if (args[i] === "--view") view = args[++i];
    else if (args[i] === "--pdf") pdf = args[++i];
    else if (args[i] === "--no-js") js = false;
    else if (args[i] === "--width") width = Number(args[++i]);
    else if (args[i] === "--height") height = Number(args[++i]);
  }
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
           "--font-render-hinting=none"],
  });
  const out = { console: [], requests: [], pageErrors: [], dialogs: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width, height });
    await page.setJavaScriptEnabled(js);
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn" || m.type() === "warning") out.console.push(m.type() + ": " + m.text());
    });
    page.on("pageerror", (e) => out.pageErrors.push(String(e)));
    page.on("dialog", async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
    const url = "file://" + file;
    page.on("request", (r) => { if (r.url() !== url) out.requests.push(r.url()); });
    await page.goto(url, { waitUntil: "load", timeout: 60000 });
    Object.assign(out, await page.evaluate(() => {
      const attrs = (e) => { const a = {}; for (const x of e.attributes) a[x.name] = x.value; return a; };
      const box = (e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
      return {
        title: document.title,
        lang: document.documentElement.lang,
        scripts: document.scripts.length,
        bodyText: document.body.innerText,
        keyed: Array.from(document.querySelectorAll("[data-key]")).map((e) => ({
          tag: e.tagName.toLowerCase(),
          cls: e.getAttribute("class") || "",
          attrs: attrs(e),
          bg: getComputedStyle(e).backgroundColor,
          fill: getComputedStyle(e).fill,
          text: e.textContent.slice(0, 300),
          box: box(e),
          inside: e.closest("section") ? e.closest("section").id : "",
          block: e.closest("[data-block]") ? e.closest("[data-block]").getAttribute("data-block") : null,
        })),
        sections: Array.from(document.querySelectorAll("section")).map((s) => s.id),
        legend: Array.from(document.querySelectorAll(".legend li")).map((li) => ({
          zone: li.getAttribute("data-zone"),
          swatch: getComputedStyle(li.querySelector(".swatch")).backgroundColor,
        })),
      };
    }));
    if (view) await page.screenshot({ path: view });
    for (const [sel, file] of shots) {
      const el = await page.$(sel);
      if (!el) throw new Error("no element " + sel);
      await el.screenshot({ path: file });
    }
    if (full) await page.screenshot({ path: full, fullPage: true });
    // printed as the print stylesheet lays it out, on A4
    if (pdf) await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true, printBackground: true });
    // what a click on a heading does (sorting), when scripts run
    if (js) {
      out.sorted = await page.evaluate(() => {
        const t = document.querySelector("table.sortable");
        if (!t) return null;
        const th = t.tHead.rows[0].cells;
        let col = -1;
        for (let i = 0; i < th.length; i++) if (th[i].classList.contains("num")) { col = i; break; }
        if (col < 0) return null;
        th[col].click(); th[col].click();
        return Array.from(t.tBodies[0].rows).map((r) => r.getAttribute("data-key"));
      });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
