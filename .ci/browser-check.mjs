// Loads every page of a built site in headless Chromium and fails if any
// dialog opens or any script runs that is not one the theme ships in
// templates/static (filter.js, expiry.js), loaded from the site's static/.
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
cdp.on("Debugger.scriptParsed", (script) => {
  const ours = ownScripts.has(script.url);
  // Chromium compiles a few empty internal scripts; anything with code is counted.
  if (!ours && script.length > 0 && !script.url.startsWith("chrome") && !script.url.startsWith("pptr:") && script.url !== "__playwright_evaluation_script__") {
    problems.push(`${current}: a script ran (${script.url || "inline"}, ${script.length} characters)`);
  }
});
const files = pages(path.resolve(site)).sort();
for (const file of files) {
  current = path.relative(site, file);
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  // Give handlers a chance to fire: hover across the page, tab through it.
  await page.mouse.move(10, 10);
  await page.mouse.move(600, 600, { steps: 4 });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  await page.waitForTimeout(20);
}
await browser.close();
for (const p of problems.slice(0, 50)) console.log("PROBLEM", p);
console.log(`browser check: ${files.length} pages loaded, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
