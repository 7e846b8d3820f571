/**
 * Test databases: a real, migrated SQLite file per test file (or per test),
 * made by copying the base file that the global setup migrated once.
 *
 *   const { db, cleanup } = await createTestDatabase();
 *   afterAll(cleanup);
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { inject } from "vitest";
import type { Database } from "../../db/schema";
import { createDb, openSqlite } from "../../app/utils/db.server";
import { migrateToLatest } from "../../scripts/migrate";
import { BASE_DB, VITEST_TMP_DIR } from "./paths";

export type TestDatabase = {
  db: Kysely<Database>;
  /** Absolute path of the SQLite file (hand it to a child server as DATABASE_PATH). */
  file: string;
  /** Closes the connection and deletes the file with its WAL and SHM. */
  cleanup: () => Promise<void>;
};

/**
 * Migrates a new database at `file` and leaves it as one self-contained file
 * (journal_mode DELETE), so a plain file copy is a complete database.
 */
export async function buildBaseDatabase(file: string = BASE_DB): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  removeDatabaseFiles(partial);
  const db = createDb(partial);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const sqlite = openSqlite(partial);
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  // Rename is atomic: a concurrent reader never copies a half-migrated file.
  fs.renameSync(partial, file);
}

/** This Vitest run's scratch directory (from the global setup), or a shared one outside Vitest. */
function scratchDir(): string {
  let dir = path.join(VITEST_TMP_DIR, "adhoc");
  try {
    dir = inject("testRunDir") ?? dir;
  } catch {
    // Not inside a Vitest worker (e.g. a script reusing these helpers).
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A unique path in this run's scratch directory for a database or an uploads directory. */
export function uniqueTestPath(prefix: string, extension = ""): string {
  const id = `${process.pid}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString("hex")}`;
  return path.join(scratchDir(), `${prefix}-${id}${extension}`);
}

/**
 * Copies the migrated base file to a fresh path (cheap: no migrations run).
 * Outside a Vitest run (no global setup) the base file is built on demand.
 */
export function copyBaseDatabase(target: string = uniqueTestPath("db", ".sqlite")): string {
  if (!fs.existsSync(BASE_DB)) {
    throw new Error(`${BASE_DB} is missing: run the tests through Vitest (its global setup migrates it).`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(BASE_DB, target);
  return target;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!fs.existsSync(BASE_DB)) await buildBaseDatabase(BASE_DB);
  const file = copyBaseDatabase();
  const db = createDb(file);
  let closed = false;
  return {
    db,
    file,
    cleanup: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      removeDatabaseFiles(file);
    },
  };
}

export function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
