import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { chunk, inTransaction, isoAt, wibDayOf, type DB } from "./common.server";

export type VisitKind = "product_view" | "motif_view" | "artisan_view" | "event_view" | "link_visit" | "whatsapp_click";

export type VisitInput = {
  kind: VisitKind;
  occurredAt: string | Date;
  visitorHash: string;
  /** Salted hash of the client IP (never the IP): see ~/services/visits.server. */
  ipHash?: string | null;
  artisanId?: number | null;
  productId?: number | null;
  motifId?: number | null;
  eventId?: number | null;
  linkId?: number | null;
  country?: string | null;
  referrerHost?: string | null;
};

/**
 * A visitor's pseudonym: HMAC of the IP and user agent with a server secret
 * that the caller rotates (e.g. daily). Distinct visitors can be counted, the
 * IP cannot be recovered and is never stored.
 */
export function hashVisitor(args: { ip: string; userAgent: string; secret: string }): string {
  return crypto.createHmac("sha256", args.secret).update(`${args.ip}\n${args.userAgent}`).digest("hex").slice(0, 32);
}

function toRow(v: VisitInput) {
  const occurredAt = isoAt(v.occurredAt);
  return {
    occurred_at: occurredAt,
    day: wibDayOf(occurredAt),
    kind: v.kind,
    artisan_id: v.artisanId ?? null,
    product_id: v.productId ?? null,
    motif_id: v.motifId ?? null,
    event_id: v.eventId ?? null,
    link_id: v.linkId ?? null,
    visitor_hash: v.visitorHash,
    ip_hash: v.ipHash ?? null,
    country: v.country ?? null,
    referrer_host: v.referrerHost ?? null,
  };
}

/** Records one raw visit event (the daily rollup counts them later). */
export async function recordVisit(visit: VisitInput, db: DB = getDb()): Promise<void> {
  await db.insertInto("visits").values(toRow(visit)).execute();
}

/**
 * Records many visits in one transaction, 500 rows per statement (12 bound
 * values per row stays far below SQLite's parameter limit).
 */
export async function recordVisits(args: { visits: VisitInput[] }, db: DB = getDb()): Promise<number> {
  if (args.visits.length === 0) return 0;
  await inTransaction(db, async (trx) => {
    for (const part of chunk(args.visits, 500)) await trx.insertInto("visits").values(part.map(toRow)).execute();
  });
  return args.visits.length;
}
