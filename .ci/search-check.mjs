// The listing's search, in Chromium over HTTP: a job found on another page
// of the listing must read exactly as that page shows it (a result adds an
// excerpt of its description, which is left out of the comparison).
// .ci/fulltext-check.mjs checks what searches find, from disk too.
// Usage: node .ci/search-check.mjs NODE_MODULES_DIR SITE_DIR
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { serveSite } from "./serve-site.mjs";

const [modules, site] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { chromium } = require("playwright-core");
const root = path.resolve(site);
const { base, server } = await serveSite(root);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const page = await browser.newPage();
// The reader's date is the day the site was built for (static/expiry.js hides
// what has ended by the reader's date).
const BUILT = process.env.BUILT_FOR || "2026-11-21";
await page.clock.setFixedTime(new Date(`${BUILT}T12:00:00`));
const problems = [];
// How an item reads, and which of its parts carry meaning beyond the text.
const read = (li) => ({
  text: [...li.children].filter((c) => !c.classList.contains("excerpt")).map((c) => c.innerText).join(" ").replace(/\s+/g, " ").trim(),
  parts: [...li.querySelectorAll(".job-title a, .badge, .salary, time[datetime]")].map(
    (e) => `${e.className || e.tagName}:${e.getAttribute("datetime") || ""}`,
  ),
});

let checked = 0;
for (const n of [2, 3]) {
  await page.goto(`${base}page/${n}/index.html`);
  const shown = await page.$$eval("ol.jobs > li.job", (items, src) => {
    const read = new Function(`return ${src}`)();
    return items.slice(0, 4).map((li) => ({ title: li.querySelector(".job-title a").textContent, company: li.querySelector(".job-company").firstChild.textContent, ...read(li) }));
  }, read.toString());
  for (const job of shown) {
    await page.goto(`${base}index.html`);
    await page.fill(".search input", `${job.title} ${job.company}`);
    await page.waitForFunction(() => document.querySelectorAll("ol.search-results > li.job").length > 0);
    const found = await page.$$eval("ol.search-results > li.job", (items, [title, src]) => {
      const read = new Function(`return ${src}`)();
      return items.filter((li) => li.querySelector(".job-title a").textContent === title).map(read);
    }, [job.title, read.toString()]);
    const same = found.some((f) => f.text === job.text && f.parts.join() === job.parts.join());
    if (!same) problems.push(`"${job.title}" from page ${n}\n  page:   ${job.text} [${job.parts}]\n  filter: ${found.map((f) => `${f.text} [${f.parts}]`).join("\n          ") || "(not found)"}`);
    checked += 1;
  }
}

// What a reader sees after typing a job's title: only search results, and
// first the jobs with that title, on the listing and on a filter's.
for (const url of [`${base}index.html`, `${base}type/full-time/index.html`]) {
  await page.goto(url);
  const title = await page.$eval("ol.jobs > li.job .job-title a", (a) => a.textContent);
  await page.fill(".search input", title);
  await page.waitForFunction(() => document.querySelectorAll("ol.search-results > li.job").length > 0);
  const seen = await page.$$eval("li.job", (items) => items.filter((li) => li.offsetParent !== null).map((li) => ({
    result: li.parentNode.classList.contains("search-results"),
    title: li.querySelector(".job-title a").textContent,
  })));
  if (seen.some((s) => !s.result)) problems.push(`${url}: typing "${title}" still shows the listing's own cards`);
  if (seen[0].title !== title) problems.push(`${url}: typing "${title}" shows "${seen[0].title}" first`);
  checked += 1;
}
// Words a card shows find it, whatever their case and accents; the count a
// query shows is every job of the board that has the word (jobs.json says).
const jobs = JSON.parse(await readFile(path.join(root, "jobs.json"), "utf8")).jobs;
const plain = (t) => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const expected = {
  remote: jobs.filter((j) => j.remote === "remote").length,
  hybrid: jobs.filter((j) => j.remote === "hybrid").length,
  contract: jobs.filter((j) => j.type.includes("contract")).length,
  zurich: jobs.filter((j) => plain(j.place).includes("zurich")).length,
  "ZÜRICH": jobs.filter((j) => plain(j.place).includes("zurich")).length,
};
for (const [text, count] of Object.entries(expected)) {
  await page.goto(`${base}index.html`);
  await page.fill(".search input", text);
  await page.waitForFunction(() => document.querySelector(".search-status").textContent !== "");
  const said = await page.$eval(".search-status", (s) => s.textContent);
  const shown = parseInt(said, 10);
  // Every job with the word, and only those (a word such as "remote" can
  // also stand in a title; those count too, so at least `count`).
  if (!(shown >= count) || count === 0) problems.push(`typing "${text}" finds ${said}; jobs.json has ${count} with it`);
  checked += 1;
}
// A stale site: read half a year later, a job's page says it has expired and
// the listings show none of the ended jobs.
{
  const later = await browser.newPage();
  await later.clock.setFixedTime(new Date("2027-06-01T12:00:00"));
  await later.goto(`${base}index.html`);
  const visible = await later.$$eval("li.job", (items) => items.filter((li) => li.offsetParent !== null).length);
  if (visible) problems.push(`read after every job ended, the listing still shows ${visible} jobs`);
  const href = jobs[0].url.replace(/^.*?\/jobs\//, "jobs/");
  await later.goto(`${base}${href}index.html`);
  const note = await later.$eval(".expired-note", (n) => (n.offsetParent !== null ? n.textContent : ""));
  if (!note.includes("has expired")) problems.push(`an ended job's page does not say so: ${href}`);
  const now = await page.goto(`${base}${href}index.html`).then(() => page.$eval(".expired-note", (n) => n.offsetParent !== null));
  if (now) problems.push(`a live job's page says it has expired: ${href}`);
  checked += 3;
  await later.close();
}
await browser.close();
server.close();
for (const p of problems) console.log("PROBLEM", p);
console.log(`search check: ${checked} searches, ${problems.length} problems`);
process.exit(problems.length || !checked ? 1 : 0);
