/**
 * Vitest global setup: migrate ONE base SQLite file per run. Migrating takes
 * far longer than copying a file, so each test file (or test) copies this one
 * instead of migrating its own (tests/setup/db.ts).
 *
 * Several runs may share a checkout (developers, editors, agents), so each run
 * keeps its scratch files in its own directory, and the base file is replaced
 * atomically rather than deleted.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildBaseDatabase } from "./db";
import { BASE_DB, VITEST_TMP_DIR } from "./paths";

export default async function setup(project: TestProject) {
  removeAbandonedRunDirs();
  const runDir = path.join(VITEST_TMP_DIR, `run-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  project.provide("testRunDir", runDir);
  await buildBaseDatabase(BASE_DB);
  return async () => {
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}

/** Directories of runs that were killed before their teardown (their process is gone). */
function removeAbandonedRunDirs() {
  if (!fs.existsSync(VITEST_TMP_DIR)) return;
  for (const name of fs.readdirSync(VITEST_TMP_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(VITEST_TMP_DIR, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
