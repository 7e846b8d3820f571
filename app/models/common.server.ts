import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";
import type { DB } from "~/utils/db.server";

export type { DB };

/**
 * A rule a model function refuses to break (out of stock, wrong owner, bad
 * state). Routes map `code` to a 4xx answer and a translated message; anything
 * that is not a ModelError is a bug and may become a 500.
 */
export class ModelError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message?: string, status = 400) {
    super(message ?? code);
    this.name = "ModelError";
    this.code = code;
    this.status = status;
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}

/**
 * Runs fn in a transaction, or inside the caller's transaction when `db` is
 * one already (Kysely cannot nest transactions), so a workflow can compose
 * several model functions into one atomic write.
 */
export async function inTransaction<T>(db: DB, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}

/** Instants are stored as ISO-8601 UTC strings; callers may pass a fixed `now` (seed, tests). */
export function isoAt(now?: Date | string | null): string {
  if (now == null) return new Date().toISOString();
  const date = typeof now === "string" ? new Date(now) : now;
  if (Number.isNaN(date.getTime())) throw new ModelError("invalid_date", `Invalid date: ${String(now)}`);
  return date.toISOString();
}

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The WIB calendar day of an instant by arithmetic: WIB is UTC+7 all year (no
 * daylight saving), and this runs for every visit row, where building an
 * Intl.DateTimeFormat per call would dominate the cost. Agrees with
 * wibDay() in ~/utils/format.
 */
export function wibDayOf(instant: Date | string): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** Splits a list for multi-row inserts: SQLite limits bound parameters per statement. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Escapes %, _ and \ so user text is matched literally by `LIKE ... ESCAPE '\'`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Parses the JSON text of a string-array column; tolerates bad data instead of failing a page. */
export function parseStringArray(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Slugs are lowercase ASCII words joined by hyphens (they appear in URLs and QR codes). */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function assertSlug(slug: string): string {
  if (!SLUG_RE.test(slug) || slug.length > 120) throw new ModelError("invalid_slug", `Invalid slug: ${slug}`);
  return slug;
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " dan ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/g, "");
}

/** A positive whole number (ids, quantities, rupiah) or a ModelError with `code`. */
/** A number from untrusted input (a query parameter) as an integer within [min, max]; garbage is the fallback. */
export function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(Math.max(Math.trunc(n), min), max);
}

export function assertPositiveInt(value: number, code: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ModelError(code, `${code}: ${value}`);
  return value;
}

export function assertNonNegativeInt(value: number, code: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new ModelError(code, `${code}: ${value}`);
  return value;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * An unguessable code from a confusion-free alphabet (no 0/O, 1/I): order
 * codes, inquiry tokens and short links are read aloud and typed from QR
 * posters. 32 symbols = 5 bits each, so 16 characters = 80 bits.
 */
export function randomCode(length: number, randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i] & 31];
  return out;
}
