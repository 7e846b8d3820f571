/**
 * Read-only queries on the e2e server's database (playwright.config.ts puts
 * it here; the server owns the file, so specs only ever read). For finding
 * demo rows to act on and checking what a flow stored.
 */
import path from "node:path";
import SQLite from "better-sqlite3";

export const E2E_DATABASE = path.join(process.cwd(), "tests/.tmp/e2e/batik.sqlite");

function withDb<T>(fn: (db: SQLite.Database) => T): T {
  const db = new SQLite(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The first row of a query, or undefined. */
export function queryOne<T>(sql: string, ...params: unknown[]): T | undefined {
  return withDb((db) => db.prepare(sql).get(...params) as T | undefined);
}

/** Every row of a query. */
export function queryAll<T>(sql: string, ...params: unknown[]): T[] {
  return withDb((db) => db.prepare(sql).all(...params) as T[]);
}
