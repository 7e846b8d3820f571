import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { getEnv } from "./env.server";

export type DB = Kysely<Database> | Transaction<Database>;

/**
 * Opens SQLite the way every process of this app must: WAL so readers never
 * block the writer, foreign keys on, and a busy timeout so two processes on one
 * file wait for each other instead of failing.
 */
export function openSqlite(file: string, options: { readonly?: boolean } = {}) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

export function createDb(file: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

const globalForDb = globalThis as unknown as { __batikDb?: Kysely<Database>; __batikDbPath?: string };

/** The one Kysely instance of this process, kept across dev reloads. */
export function getDb(): Kysely<Database> {
  const file = getEnv().DATABASE_PATH;
  if (!globalForDb.__batikDb || globalForDb.__batikDbPath !== file) {
    globalForDb.__batikDb = createDb(file);
    globalForDb.__batikDbPath = file;
  }
  return globalForDb.__batikDb;
}

export async function closeDb() {
  const db = globalForDb.__batikDb;
  globalForDb.__batikDb = undefined;
  globalForDb.__batikDbPath = undefined;
  await db?.destroy();
}
