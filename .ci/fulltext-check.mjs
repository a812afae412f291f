// The listing's full-text search (static/search.js over the site's search/
// index), in Chromium, over HTTP and from disk: words only in descriptions,
// accents, several words, no match and the way back, a filter's page, ?q=
// on load, typing, the keyboard, and axe-core with results shown. What a
// search should find is worked out here from the site's own files: the
// jobs' text (search/jobs/N.js) and jobs.json.
// Usage: node .ci/fulltext-check.mjs NODE_MODULES_DIR SITE_DIR
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { serveSite } from "./serve-site.mjs";
import { pathToFileURL } from "node:url";

const [modules, site] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { chromium } = require("playwright-core");
const root = path.resolve(site);
const { base: http, server } = await serveSite(root);
const disk = pathToFileURL(root).href + "/";

// The site's jobs as the index has them: what each card says and its text.
const data = async (file) => JSON.parse((await readFile(file, "utf8")).replace(/^jobboardSearch\(/, "").replace(/\);\n$/, ""));
const head = await data(path.join(root, "search/index.js"));
const jobs = await Promise.all([...Array(head.jobs).keys()].map((n) => data(path.join(root, `search/jobs/${n}.js`))));
const listed = JSON.parse(await readFile(path.join(root, "jobs.json"), "utf8")).jobs;
const fold = (t) => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const wordsOf = (t) => fold(t).match(/[\p{L}\p{N}]+/gu) || [];
const fields = (j, n) => [j.title, j.company, j.place, j.remote, j.types, listed[n].category_label, listed[n].tags.join(" ")].join(" ");
const has = (n, word) => wordsOf(fields(jobs[n], n) + " " + jobs[n].text).includes(word);

// A word of some description that no title, company, place or tag has.
const inFields = new Set(jobs.flatMap((j, n) => wordsOf(fields(j, n))));
const counts = new Map();
jobs.forEach((j) => new Set(wordsOf(j.text)).forEach((w) => counts.set(w, (counts.get(w) || 0) + 1)));
const bodyOnly = [...counts].filter(([w, c]) => !inFields.has(w) && w.length > 5 && c <= head.jobs / 4 && /^[a-z]+$/.test(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const page = await browser.newPage();
await page.clock.setFixedTime(new Date(`${head.built}T12:00:00`));
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
const problems = [];
let checked = 0;

// Types a query and waits for the search to say what it found.
async function search(url, text) {
  await page.goto(url);
  await page.fill(".search input", text);
  await page.waitForFunction(() => /match|Type/.test(document.querySelector(".search-status").textContent), null, { timeout: 5000 });
  await page.waitForFunction(() => {
    const more = document.querySelector(".search-more");
    const results = document.querySelector("ol.search-results");
    const said = parseInt(document.querySelector(".search-status").textContent, 10);
    return !said || (results && results.children.length === Math.min(said, 20)) || (more && !more.hidden);
  }, null, { timeout: 5000 });
  return page.evaluate(() => ({
    status: document.querySelector(".search-status").textContent,
    count: parseInt(document.querySelector(".search-status").textContent, 10) || 0,
    results: [...document.querySelectorAll("ol.search-results > li.job")].map((li) => ({
      href: li.querySelector(".job-title a").getAttribute("href"),
      title: li.querySelector(".job-title a").textContent,
      marks: [...li.querySelectorAll(".excerpt mark")].map((m) => m.textContent),
    })),
    listing: !document.querySelector("ol.jobs:not(.search-results)").hidden,
    url: location.href,
  }));
}
const jobOf = (href) => jobs.findIndex((j) => href.endsWith(j.url));

for (const base of [http, disk]) {
  const where = base === http ? "over HTTP" : "from disk";
  // A word only in descriptions: every job that has it, marked in its excerpt.
  {
    const seen = await search(`${base}index.html`, bodyOnly);
    const expected = jobs.filter((_, n) => has(n, bodyOnly)).length;
    if (seen.count < expected) problems.push(`${where}: "${bodyOnly}" finds ${seen.count}, ${expected} jobs have it`);
    const unmarked = seen.results.filter((r) => !r.marks.some((m) => fold(m).startsWith(bodyOnly.slice(0, 4))));
    if (unmarked.length) problems.push(`${where}: "${bodyOnly}" is not marked in the excerpt of ${unmarked[0].title}`);
    checked += 1;
  }
  // Accents and case fold both ways.
  for (const [a, b] of [["zurich", "Zürich"], ["ZURICH", "zürich"]]) {
    const one = await search(`${base}index.html`, a);
    const two = await search(`${base}index.html`, b);
    const expected = jobs.filter((_, n) => has(n, "zurich")).length;
    if (!expected) problems.push("the board has no job in Zürich to search for");
    if (one.count !== two.count || one.count < expected) problems.push(`${where}: "${a}" finds ${one.count}, "${b}" ${two.count}; ${expected} jobs say Zürich`);
    checked += 1;
  }
  // Several words: only jobs with all of them (or a form of each), the one they came from among them.
  {
    const n = jobs.findIndex((j) => wordsOf(j.text).includes(bodyOnly));
    const other = wordsOf(jobs[n].text).filter((w) => w.length > 5 && counts.get(w) > 5 && !head.stop.includes(w))[0];
    const query = `${other} ${bodyOnly}`;
    const seen = await search(`${base}index.html`, query);
    if (!seen.results.some((r) => jobOf(r.href) === n)) problems.push(`${where}: "${query}" does not find job ${n}, which has both`);
    const stem = (w) => w.slice(0, Math.max(4, w.length - 3));
    const wrong = seen.results.filter((r) => {
      const all = wordsOf(fields(jobs[jobOf(r.href)], jobOf(r.href)) + " " + jobs[jobOf(r.href)].text);
      return ![other, bodyOnly].every((q) => all.some((w) => w.startsWith(stem(q))));
    });
    if (wrong.length) problems.push(`${where}: "${query}" finds ${wrong[0].title}, which lacks a word`);
    checked += 1;
  }
  // Title words rank first: a job whose title has the word comes before any that only say it.
  {
    const word = wordsOf(jobs[0].title).find((w) => w.length > 3 && !head.stop.includes(w));
    const seen = await search(`${base}index.html`, word);
    const firstBodyOnly = seen.results.findIndex((r) => !wordsOf(r.title).includes(word));
    const lastTitled = seen.results.map((r) => wordsOf(r.title).includes(word)).lastIndexOf(true);
    if (firstBodyOnly !== -1 && lastTitled > firstBodyOnly) problems.push(`${where}: "${word}" ranks a job without it in the title (${seen.results[firstBodyOnly].title}) above one with it`);
    checked += 1;
  }
  // No match: said plainly, with a way back to every job.
  {
    const seen = await search(`${base}index.html`, "qxzvbw");
    if (!/No jobs match/.test(seen.status) || seen.results.length) problems.push(`${where}: a query without results says "${seen.status}"`);
    await page.click(".search-clear");
    const back = await page.evaluate(() => ({
      listing: !document.querySelector("ol.jobs:not(.search-results)").hidden,
      value: document.querySelector(".search input").value,
      url: location.href,
      focus: document.activeElement && document.activeElement.id,
    }));
    if (!back.listing || back.value || back.url.includes("q=") || back.focus !== "search") problems.push(`${where}: "Show all jobs" leaves ${JSON.stringify(back)}`);
    checked += 1;
  }
  // A filter's page searches within its filter.
  {
    const word = "python";
    const seen = await search(`${base}type/contract/index.html`, word);
    const expected = jobs.filter((_, n) => listed[n].type.includes("contract") && has(n, word)).length;
    const outside = seen.results.filter((r) => !listed[jobOf(r.href)].type.includes("contract"));
    if (outside.length || seen.count !== expected) problems.push(`${where}: "${word}" on type/contract finds ${seen.count} (${outside.length} not contract); ${expected} expected`);
    checked += 1;
  }
  // ?q= on load: the query is in the box and its results shown.
  {
    await page.goto(`${base}index.html?q=${encodeURIComponent(bodyOnly)}`);
    await page.waitForFunction(() => document.querySelectorAll("ol.search-results > li.job").length > 0, null, { timeout: 5000 });
    const value = await page.$eval(".search input", (i) => i.value);
    if (value !== bodyOnly) problems.push(`${where}: ?q= puts "${value}" in the box`);
    checked += 1;
  }
}

// Typing: results follow each key; the address carries the query; the
// keyboard goes from the box to the first result.
{
  await page.goto(`${http}index.html`);
  await page.focus(".search input");
  await page.keyboard.type(bodyOnly.slice(0, 5), { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("ol.search-results > li.job").length > 0, null, { timeout: 5000 });
  await page.keyboard.type(bodyOnly.slice(5), { delay: 30 });
  await page.waitForFunction((q) => location.search === `?q=${q}`, bodyOnly, { timeout: 5000 });
  await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => document.activeElement.closest("ol.search-results") !== null);
  if (!focus) problems.push("Tab from the search box does not reach the first result");
  checked += 1;
}

// axe-core with results shown (when the module is there).
try {
  const axe = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const query of [bodyOnly, "qxzvbw"]) {
    await page.goto(`${http}index.html?q=${query}`);
    await page.waitForFunction(() => /match/.test(document.querySelector(".search-status").textContent), null, { timeout: 5000 });
    await page.waitForTimeout(200);
    await page.addScriptTag({ content: axe });
    const found = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
    for (const v of found.violations) problems.push(`axe, "${query}": ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    checked += 1;
  }
} catch (e) {
  if (e.code !== "MODULE_NOT_FOUND") throw e;
  console.log("axe-core is not installed: accessibility not checked");
}

for (const e of errors) problems.push(`a script error: ${e}`);
await browser.close();
server.close();
for (const p of problems) console.log("PROBLEM", p);
console.log(`full-text search check: ${checked} searches ("${bodyOnly}" is only in descriptions), ${problems.length} problems`);
process.exit(problems.length || !checked ? 1 : 0);
