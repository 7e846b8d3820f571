import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the current directory of the runner is. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Scratch space for every test run; ignored by git. */
export const TMP_DIR = path.join(REPO_ROOT, "tests/.tmp");
/** The migrated, empty database every test database is copied from. */
export const BASE_DB = path.join(TMP_DIR, "base.sqlite");
/** Per-test-file databases and upload directories of the Vitest run. */
export const VITEST_TMP_DIR = path.join(TMP_DIR, "vitest");
