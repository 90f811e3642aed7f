// Measures search in headless Chromium: for each query, on a fresh
// browser context (empty cache), opens the search page, waits for it to
// settle, types the query, and records the time from the first key to the
// first results page on screen and the bytes fetched meanwhile
// (transferred, as the network carried them, and decoded).
//
//   node bench/search-queries.mjs URL QUERIES.json > results.json
//
// URL is the site's root (http://127.0.0.1:PORT/dossier/); QUERIES.json a
// JSON array of strings. Needs playwright-core (bench/search.sh installs it)
// and Chromium (CHROME_PATH, default /usr/bin/chromium).
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.BENCH_TOOLS ? join(resolve(process.env.BENCH_TOOLS), "x.js") : import.meta.url);
const { chromium } = require("playwright-core");

const [root, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));
const profile = mkdtempSync(join(tmpdir(), "dossier-bench-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

const results = [];
for (const query of queries) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let counting = false;
  let transferred = 0, decoded = 0, requests = 0;
  const outside = [];
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.startsWith(root)) outside.push(e.request.url);
    if (counting) requests++;
  });
  cdp.on("Network.dataReceived", (e) => { if (counting) decoded += e.dataLength; });
  cdp.on("Network.loadingFinished", (e) => { if (counting) transferred += e.encodedDataLength; });
  await page.goto(root + "search/", { waitUntil: "networkidle" });
  await page.waitForFunction(() => /Type a word/.test(document.getElementById("search-status").textContent));
  counting = true;
  await page.focus("#search-query");
  const started = Date.now();
  await page.keyboard.type(query);
  await page.waitForFunction((q) => {
    const status = document.getElementById("search-status").textContent;
    const shown = document.querySelectorAll("#search-results li").length;
    return status.includes("“" + q + "”") && (shown > 0 || /Nothing found/.test(status));
  }, query, { timeout: 60000, polling: "raf" });
  const elapsed = Date.now() - started;
  await page.waitForLoadState("networkidle");
  counting = false;
  const status = await page.textContent("#search-status");
  const shown = await page.locator("#search-results li").count();
  results.push({ query, ms: elapsed, transferred, decoded, requests, shown, status, outside });
  await page.close();
}
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(JSON.stringify(results, null, 1));
