#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order, continuing after a
 * failure so that every suite reports. Ends with exactly one plain line
 * "N passed, N failed" (CI reads it): tests from the Vitest and Playwright JSON
 * reports summed, plus typecheck, lint and build counted as one test each.
 * Exit code 1 when anything failed or when no test ran at all.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = path.join(ROOT, "tests/.tmp");
const VITEST_JSON = path.join(TMP, "vitest.json");
const PLAYWRIGHT_JSON = path.join(TMP, "playwright.json");
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);

// The machine's zone must not matter: pages and periods are WIB everywhere.
const TEST_TZ = "America/New_York";

const steps = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"], count: "one" },
  { name: "lint", command: [bin("eslint"), "--max-warnings", "0", "."], count: "one" },
  {
    name: "vitest",
    command: [bin("vitest"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`],
    env: { TZ: TEST_TZ },
    report: VITEST_JSON,
    count: countVitest,
  },
  { name: "build", command: [bin("remix"), "build"], env: { NODE_ENV: "production" }, count: "one" },
  // Not a test in itself: without a browser every Playwright test fails and says so.
  { name: "chromium", command: ["bash", path.join(ROOT, "scripts/ensure-chromium.sh")], count: "none" },
  {
    name: "playwright",
    command: [bin("playwright"), "test"],
    env: { TZ: TEST_TZ },
    report: PLAYWRIGHT_JSON,
    count: countPlaywright,
  },
];

function run(command, env) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("error", (error) => {
      console.error(`could not start ${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Vitest's JSON (Jest-compatible): skipped and todo tests are neither passed nor failed. */
function countVitest(report) {
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Playwright's JSON stats: a flaky test (passed only on retry) counts as failed. */
function countPlaywright(report) {
  const stats = report.stats ?? {};
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
    skipped: stats.skipped ?? 0,
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const runStarted = Date.now();
  fs.mkdirSync(TMP, { recursive: true });
  const results = [];
  for (const step of steps) {
    if (step.report) fs.rmSync(step.report, { force: true }); // never count a previous run's report
    console.log(`\n━━━ ${step.name}: ${step.command.map((c) => path.relative(ROOT, c) || c).join(" ")}`);
    const started = Date.now();
    const code = await run(step.command, step.env);
    const elapsed = Date.now() - started;
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let note = "";
    if (step.count === "one") {
      if (code === 0) passed = 1;
      else failed = 1;
    } else if (typeof step.count === "function") {
      const report = readJson(step.report);
      if (report) ({ passed, failed, skipped } = step.count(report));
      // A crash, a failed global setup or a server that never started leaves
      // no failed test behind: count the run itself as one failure.
      if (!report || (code !== 0 && failed === 0)) {
        failed += 1;
        note = report ? ` (exit ${code} outside any test)` : " (no JSON report written)";
      }
    } else if (code !== 0) {
      note = ` (exit ${code})`;
    }
    results.push({ name: step.name, code, passed, failed, skipped, elapsed, note });
    console.log(`━━━ ${step.name}: ${code === 0 ? "ok" : `FAILED with exit code ${code}`} in ${seconds(elapsed)}`);
  }

  console.log("\nResults:");
  for (const r of results) {
    const mark = r.code === 0 && r.failed === 0 ? "✔" : "✘";
    const counts = r.passed + r.failed + r.skipped > 0 ? `: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}` : "";
    console.log(`  ${mark} ${r.name.padEnd(10)} ${seconds(r.elapsed).padStart(8)}${counts}${r.note}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const stepFailed = results.some((r) => r.code !== 0);
  console.log(`Total time ${seconds(Date.now() - runStarted)}`);
  if (passed === 0) console.log("No test ran: that is a failure too.");
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 || stepFailed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
