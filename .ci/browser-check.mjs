// Loads every page of a built site in headless Chromium and fails if any
// dialog opens or any script runs that is not one the theme ships in
// templates/static (search.js, expiry.js), loaded from the site's static/,
// or a file of the site's search index (search/…/*.js), which must be one
// call jobboardSearch(<JSON>) and nothing else. The search box of the
// listing and of a filter's is given the vectors' words, so that the
// search shows the postings that hold them.
// Usage: node .ci/browser-check.mjs NODE_MODULES_DIR SITE_DIR
// (playwright-core drives Debian's /usr/bin/chromium; nothing is downloaded.)
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [modules, site] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { chromium } = require("playwright-core");

// The site's own scripts: exactly the theme's files, at their place in the site.
const theme = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "templates", "static");
const ownScripts = new Set(
  readdirSync(theme)
    .filter((name) => name.endsWith(".js"))
    .map((name) => pathToFileURL(path.join(path.resolve(site), "static", name)).href),
);

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pages(full);
    return name.endsWith(".html") ? [full] : [];
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const context = await browser.newContext();
// Nothing leaves the machine: the posting's images and links go nowhere.
await context.route(/^(?!file:)/, (route) => route.abort());
const page = await context.newPage();
const problems = [];
let current = "";
page.on("dialog", async (dialog) => {
  problems.push(`${current}: a ${dialog.type()} dialog opened (${dialog.message()})`);
  await dialog.dismiss();
});
page.on("pageerror", () => {}); // broken markup in a posting is not our concern here
const cdp = await context.newCDPSession(page);
await cdp.send("Debugger.enable");
const searchIndex = pathToFileURL(path.join(path.resolve(site), "search")).href + "/";
const indexFiles = [];
cdp.on("Debugger.scriptParsed", (script) => {
  if (script.url.startsWith(searchIndex) && script.url.endsWith(".js")) {
    indexFiles.push({ id: script.scriptId, url: script.url, page: current });
    return;
  }
  const ours = ownScripts.has(script.url);
  // Chromium compiles a few empty internal scripts; anything with code is counted.
  if (!ours && script.length > 0 && !script.url.startsWith("chrome") && !script.url.startsWith("pptr:") && script.url !== "__playwright_evaluation_script__") {
    problems.push(`${current}: a script ran (${script.url || "inline"}, ${script.length} characters)`);
  }
});
// Words the vectors are made of: what an attacker would get readers to search.
const SEARCHES = ["script alert", "img onerror", "javascript", "svg onload", "iframe src"];
let searched = 0;
let results = 0;
const files = pages(path.resolve(site)).sort();
// The site's one redirect (jobs/index.html, a meta refresh to the listing)
// may still be under way when the next page is asked for: then wait for it
// to land, and ask again.
async function visit(url) {
  try {
    await page.goto(url, { waitUntil: "load" });
  } catch (err) {
    if (!String(err).includes("interrupted by another navigation")) throw err;
    await page.waitForLoadState("load");
    await page.goto(url, { waitUntil: "load" });
  }
}
for (const file of files) {
  current = path.relative(site, file);
  await visit(pathToFileURL(file).href);
  // Give handlers a chance to fire: hover across the page, tab through it.
  await page.mouse.move(10, 10);
  await page.mouse.move(600, 600, { steps: 4 });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  await page.waitForTimeout(20);
  await readIndexFiles();
}

// What each file of the index held, read before the next page drops it.
async function readIndexFiles() {
  while (indexFiles.length) {
    const file = indexFiles.shift();
    const { scriptSource } = await cdp.send("Debugger.getScriptSource", { scriptId: file.id });
    const json = /^jobboardSearch\(([\s\S]*)\);\n$/.exec(scriptSource);
    let ok = false;
    try {
      ok = json !== null && typeof JSON.parse(json[1]) === "object";
    } catch {}
    if (!ok) problems.push(`${file.page}: ${file.url} is not one call of jobboardSearch with JSON`);
    searched += 1;
  }
}
// The listing and a filter's, searched for the vectors' words (the query in
// the address, as a shared link would have it: no driver's script runs in
// the page), each result shown.
for (const listing of ["index.html", "remote/index.html"]) {
  for (const query of SEARCHES) {
    current = `${listing}?q=${query}`;
    await visit(`${pathToFileURL(path.join(path.resolve(site), listing)).href}?q=${encodeURIComponent(query)}`);
    await page.waitForTimeout(400);
    await page.mouse.move(10, 10);
    await page.mouse.move(600, 800, { steps: 6 });
    for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
    await page.waitForTimeout(20);
    await readIndexFiles();
    // Counted through the DevTools protocol: no script of ours in the page.
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "ol.search-results > li.job" });
    results += nodeIds.length;
  }
}
if (!searched || !results) problems.push(`the searches loaded ${searched} files of the index and showed ${results} results`);
await browser.close();
for (const p of problems.slice(0, 50)) console.log("PROBLEM", p);
console.log(`browser check: ${files.length} pages loaded, ${searched} files of the search index read, ${results} search results shown, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
