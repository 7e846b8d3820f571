import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { inTransaction, isoAt, type DB } from "./common.server";
import { recordVisit } from "./visit.server";

/** No 0/O, 1/I/L: a code read aloud or typed from a chat must not be misread. */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 6;
/** A second click by the same visitor on the same artisan within this window reuses the code and is not counted again. */
export const REUSE_WINDOW_MS = 30 * 60 * 1000;
/** 31^6 ≈ 887 million codes: a clash is rare, five in a row is a bug. */
const MAX_CODE_ATTEMPTS = 5;

/** A fresh reference code such as BB-7K3QX9 (crypto random, unbiased). */
export function generateReferenceCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += REFERENCE_ALPHABET[crypto.randomInt(REFERENCE_ALPHABET.length)];
  return `BB-${code}`;
}

export type WhatsappTarget = { id: number; slug: string; name: string; number: string };

/**
 * A public artisan (active, verified member) that has a WhatsApp number, with
 * the number: for the logged redirect only, never for a page.
 */
export async function getWhatsappTarget(args: { slug: string }, db: DB = getDb()): Promise<WhatsappTarget | null> {
  const row = await db
    .selectFrom("artisans")
    .select(["id", "slug", "name", "whatsapp_number"])
    .where("slug", "=", args.slug)
    .where("status", "=", "active")
    .where("membership_status", "=", "verified")
    .where("whatsapp_number", "is not", null)
    .where("whatsapp_number", "!=", "")
    .executeTakeFirst();
  return row?.whatsapp_number ? { id: row.id, slug: row.slug, name: row.name, number: row.whatsapp_number } : null;
}

/** A published product of this artisan by slug (the ?product= of the redirect); null for anyone else's or a draft. */
export async function findArtisanProduct(args: { artisanId: number; slug: string }, db: DB = getDb()) {
  return (
    (await db
      .selectFrom("products")
      .select(["id", "slug", "title_id", "title_en"])
      .where("slug", "=", args.slug)
      .where("artisan_id", "=", args.artisanId)
      .where("status", "=", "published")
      .executeTakeFirst()) ?? null
  );
}

export type WhatsappReferral = { id: number; code: string; artisan_id: number; product_id: number | null; created_at: string };

/** The visitor's latest referral for this artisan created at or after `since`, if any. */
export async function findRecentReferral(
  args: { artisanId: number; visitorHash: string; since: Date | string },
  db: DB = getDb(),
): Promise<WhatsappReferral | null> {
  return (
    (await db
      .selectFrom("whatsapp_referrals")
      .select(["id", "code", "artisan_id", "product_id", "created_at"])
      .where("artisan_id", "=", args.artisanId)
      .where("visitor_hash", "=", args.visitorHash)
      .where("created_at", ">=", isoAt(args.since))
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * A new referral with a fresh code; a code that already exists (the unique
 * index says so) is drawn again, up to five times. `generateCode` is for tests.
 */
export async function createWhatsappReferral(
  args: { artisanId: number; productId?: number | null; visitorHash: string; now?: Date; generateCode?: () => string },
  db: DB = getDb(),
): Promise<WhatsappReferral> {
  const generate = args.generateCode ?? generateReferenceCode;
  const createdAt = isoAt(args.now);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db
        .insertInto("whatsapp_referrals")
        .values({
          code: generate(),
          artisan_id: args.artisanId,
          product_id: args.productId ?? null,
          visitor_hash: args.visitorHash,
          created_at: createdAt,
        })
        .returning(["id", "code", "artisan_id", "product_id", "created_at"])
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_CODE_ATTEMPTS) throw error;
    }
  }
}

/**
 * One click on a WhatsApp button: within 30 minutes of the same visitor's
 * previous click on the same artisan the earlier code is reused and nothing
 * is logged (reloads must not inflate the count); otherwise a referral and a
 * raw `whatsapp_click` visit are written in one transaction.
 */
export async function recordWhatsappClick(
  args: { artisanId: number; productId: number | null; visitorHash: string; ipHash?: string | null; now?: Date; generateCode?: () => string },
  db: DB = getDb(),
): Promise<{ code: string; reused: boolean }> {
  const now = args.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const recent = await findRecentReferral(
      { artisanId: args.artisanId, visitorHash: args.visitorHash, since: new Date(now.getTime() - REUSE_WINDOW_MS) },
      trx,
    );
    if (recent) return { code: recent.code, reused: true };
    const referral = await createWhatsappReferral(
      { artisanId: args.artisanId, productId: args.productId, visitorHash: args.visitorHash, now, generateCode: args.generateCode },
      trx,
    );
    await recordVisit(
      {
        kind: "whatsapp_click",
        occurredAt: now,
        visitorHash: args.visitorHash,
        ipHash: args.ipHash ?? null,
        artisanId: args.artisanId,
        productId: args.productId,
      },
      trx,
    );
    return { code: referral.code, reused: false };
  });
}
