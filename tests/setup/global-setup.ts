/**
 * Vitest global setup: migrate ONE base SQLite file per run. Migrating takes
 * far longer than copying a file, so each test file (or test) copies this one
 * instead of migrating its own (tests/setup/db.ts).
 */
import fs from "node:fs";
import { buildBaseDatabase } from "./db";
import { BASE_DB, VITEST_TMP_DIR } from "./paths";

export default async function setup() {
  // Leftovers of an interrupted run are not worth keeping.
  fs.rmSync(VITEST_TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(VITEST_TMP_DIR, { recursive: true });
  await buildBaseDatabase(BASE_DB);
  return async () => {
    fs.rmSync(VITEST_TMP_DIR, { recursive: true, force: true });
  };
}
