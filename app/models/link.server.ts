import crypto from "node:crypto";
import { getDb } from "~/utils/db.server";
import { isoAt, ModelError, randomCode, type DB } from "./common.server";

export type LinkKind = "booth" | "campaign" | "whatsapp";

const CODE_RE = /^[A-Za-z0-9_-]{4,32}$/;

/**
 * Creates a short link behind /r/:code. A booth link belongs to one artisan
 * (at one event) and credits that artisan's lines; a campaign link has no
 * artisan and credits whole orders (last touch within 30 days). Codes are 8
 * characters (40 bits): enough not to be guessed by accident on a QR poster.
 */
export async function createLink(
  args: {
    kind: LinkKind;
    targetPath: string;
    code?: string;
    eventId?: number | null;
    artisanId?: number | null;
    label?: string;
    validFrom?: string | null;
    validUntil?: string | null;
    createdBy?: number | null;
    now?: Date;
  },
  db: DB = getDb(),
): Promise<{ id: number; code: string }> {
  if (args.kind === "booth" && args.artisanId == null) throw new ModelError("booth_link_needs_artisan");
  // Only local paths: a short link must never become an open redirect.
  if (!args.targetPath.startsWith("/") || args.targetPath.startsWith("//")) throw new ModelError("invalid_target_path");
  const code = args.code ?? randomCode(8, (n) => crypto.randomBytes(n));
  if (!CODE_RE.test(code)) throw new ModelError("invalid_code");
  return db
    .insertInto("links")
    .values({
      code,
      kind: args.kind,
      event_id: args.eventId ?? null,
      artisan_id: args.artisanId ?? null,
      target_path: args.targetPath,
      label: args.label ?? "",
      valid_from: args.validFrom ?? null,
      valid_until: args.validUntil ?? null,
      created_by: args.createdBy ?? null,
      created_at: isoAt(args.now),
    })
    .returning(["id", "code"])
    .executeTakeFirstOrThrow();
}

/** A link by its code, only while it is valid at `now`. */
export async function getLinkByCode(args: { code: string; now?: Date }, db: DB = getDb()) {
  if (!CODE_RE.test(args.code)) return null;
  const at = isoAt(args.now);
  return (await db
    .selectFrom("links")
    .select(["id", "code", "kind", "event_id", "artisan_id", "target_path", "label", "valid_from", "valid_until"])
    .where("code", "=", args.code)
    .where((eb) => eb.or([eb("valid_from", "is", null), eb("valid_from", "<=", at)]))
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">=", at)]))
    .executeTakeFirst()) ?? null;
}

/** The booth links of an event (organizer view: QR codes to print). */
export async function listEventLinks(args: { eventId: number }, db: DB = getDb()) {
  return db
    .selectFrom("links as l")
    .leftJoin("artisans as a", "a.id", "l.artisan_id")
    .select(["l.id", "l.code", "l.kind", "l.target_path", "l.label", "a.slug as artisan_slug", "a.name as artisan_name"])
    .where("l.event_id", "=", args.eventId)
    .orderBy("a.name")
    .execute();
}
