/**
 * Asking an artisan (PRODUCT.md §5): the one way an inquiry is opened from
 * the site. In ONE transaction: the rate limits are counted, a blocked
 * sender is filed as spam, the inquiry and its first message are written,
 * the photos are attached and the mail is queued — so a refused or failed
 * inquiry leaves nothing behind, and two processes never both let the
 * (limit+1)-th through on a stale count.
 *
 * Rate limits are sliding windows counted from the `inquiries` table itself
 * (no separate counters to reset on restart):
 * - per e-mail (RATE_LIMIT_INQUIRY_EMAIL): inquiries with that buyer_email
 *   created in the last windowSeconds;
 * - per IP (RATE_LIMIT_INQUIRY_IP): by ip_hash. The IP hash's salt rotates
 *   every WIB day (visits.server.ts), so both today's hash and the hash of
 *   `now − window` are counted: the window does not reset at midnight.
 * The (limit+1)-th inquiry is refused until the oldest one in the window
 * leaves it: retryAt = created_at of that inquiry + window.
 */
import {
  createInquiry,
  getAskableArtisan,
  getAskableEvent,
  getAskableProduct,
  isSenderBlocked,
  listInquiryTimesSince,
  type AskableArtisan,
  type AskableEvent,
  type AskableProduct,
  type InquiryKind,
  type InquirySource,
} from "~/models/inquiry.server";
import { inTransaction } from "~/models/common.server";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { queueInquiryMail } from "./inquiry-mail.server";
import { storeAttachments, type CheckedImage } from "./inquiry-thread.server";
import { ipHash } from "./visits.server";

export type SubmitInquiryInput = {
  artisanId: number;
  productId?: number | null;
  eventId?: number | null;
  buyerUserId?: number | null;
  buyerName: string;
  buyerEmail: string;
  kind: InquiryKind;
  quantity?: number | null;
  budget?: number | null;
  locale: "id" | "en";
  source: InquirySource;
  sourceLinkId?: number | null;
  message: string;
  files?: CheckedImage[];
  /** The client IP (context.clientIp); only its daily-salted hash is stored. */
  clientIp: string;
  now?: Date;
};

export type RateLimited = {
  kind: "rate_limited";
  /** Which limit refused (the later retry when both did). */
  by: "email" | "ip";
  limit: number;
  windowSeconds: number;
  retryAt: Date;
  retryAfterSeconds: number;
};

export type SubmitInquiryResult = { kind: "sent"; inquiryId: number; token: string; spam: boolean } | RateLimited;

/**
 * When a sliding window with these creation times (oldest first) admits
 * one more, or null when it admits one now.
 */
export function slidingRetryAt(times: string[], limit: number, windowSeconds: number): Date | null {
  if (times.length < limit) return null;
  // Enough of the oldest must leave that limit−1 remain: the (n−limit)-th oldest is the last of them.
  const leaving = times[times.length - limit];
  return new Date(Date.parse(leaving) + windowSeconds * 1000);
}

async function checkLimits(args: { email: string; clientIp: string; now: Date }, db: DB): Promise<RateLimited | null> {
  const env = getEnv();
  const refusals: RateLimited[] = [];
  const byEmail = env.RATE_LIMIT_INQUIRY_EMAIL;
  const emailTimes = await listInquiryTimesSince({ since: new Date(args.now.getTime() - byEmail.windowSeconds * 1000), email: args.email }, db);
  const emailRetry = slidingRetryAt(emailTimes, byEmail.limit, byEmail.windowSeconds);
  if (emailRetry) refusals.push({ kind: "rate_limited", by: "email", ...byEmail, retryAt: emailRetry, retryAfterSeconds: 0 });

  const byIp = env.RATE_LIMIT_INQUIRY_IP;
  const windowStart = new Date(args.now.getTime() - byIp.windowSeconds * 1000);
  const hashes = [...new Set([ipHash(args.clientIp, args.now), ipHash(args.clientIp, windowStart)])];
  const ipTimes = await listInquiryTimesSince({ since: windowStart, ipHashes: hashes }, db);
  const ipRetry = slidingRetryAt(ipTimes, byIp.limit, byIp.windowSeconds);
  if (ipRetry) refusals.push({ kind: "rate_limited", by: "ip", ...byIp, retryAt: ipRetry, retryAfterSeconds: 0 });

  if (refusals.length === 0) return null;
  const latest = refusals.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  return { ...latest, retryAfterSeconds: Math.max(1, Math.ceil((latest.retryAt.getTime() - args.now.getTime()) / 1000)) };
}

/**
 * Opens an inquiry (see the module comment). The caller has validated the
 * form and resolved what is asked about; ModelErrors from the model (a shop
 * that no longer takes inquiries, a product of another shop) pass through.
 */
export async function submitInquiry(input: SubmitInquiryInput, db: DB = getDb()): Promise<SubmitInquiryResult> {
  const now = input.now ?? new Date();
  const email = input.buyerEmail.trim().toLowerCase();
  return inTransaction(db, async (trx) => {
    const limited = await checkLimits({ email, clientIp: input.clientIp, now }, trx);
    if (limited) return limited;
    const spam = await isSenderBlocked({ artisanId: input.artisanId, email }, trx);
    const created = await createInquiry(
      {
        artisanId: input.artisanId,
        productId: input.productId ?? null,
        eventId: input.eventId ?? null,
        buyerUserId: input.buyerUserId ?? null,
        buyerName: input.buyerName,
        buyerEmail: email,
        kind: input.kind,
        quantity: input.quantity ?? null,
        budget: input.budget ?? null,
        locale: input.locale,
        source: input.source,
        sourceLinkId: input.sourceLinkId ?? null,
        message: input.message,
        ipHash: ipHash(input.clientIp, now),
        status: spam ? "spam" : "new",
        now,
      },
      trx,
    );
    if (input.files?.length) await storeAttachments({ messageId: created.messageId, files: input.files, uploadedBy: input.buyerUserId ?? null }, trx);
    await queueInquiryMail({ inquiryId: created.id, event: "created" }, trx);
    return { kind: "sent", inquiryId: created.id, token: created.token, spam };
  });
}

// ---------------------------------------------------------------- what is asked about

/**
 * What /inquiries/new is about, from its query: `?product=` (the product's
 * shop), `?event=` (one of its approved exhibitors, `&artisan=` preselects
 * one) or `?artisan=`. With several, product wins, then event. Null (a 404)
 * for none, or a slug that is not public.
 */
export type InquiryTarget =
  | { type: "product"; product: AskableProduct }
  | { type: "artisan"; artisan: AskableArtisan }
  | { type: "event"; event: AskableEvent; preselected: string | null };

export async function resolveInquiryTarget(params: URLSearchParams, db: DB = getDb()): Promise<InquiryTarget | null> {
  const product = params.get("product");
  if (product !== null) {
    const found = await getAskableProduct({ slug: product }, db);
    return found ? { type: "product", product: found } : null;
  }
  const event = params.get("event");
  if (event !== null) {
    const found = await getAskableEvent({ slug: event }, db);
    if (!found) return null;
    const wanted = params.get("artisan");
    return { type: "event", event: found, preselected: found.exhibitors.some((x) => x.slug === wanted) ? wanted : null };
  }
  const artisan = params.get("artisan");
  if (artisan !== null) {
    const found = await getAskableArtisan({ slug: artisan }, db);
    return found ? { type: "artisan", artisan: found } : null;
  }
  return null;
}

/** The page source of a target; `fromSearch` (src=search, carried from the catalogue) turns a product page into `search`. */
export function pageSourceOf(target: InquiryTarget, fromSearch: boolean): InquirySource {
  if (target.type === "product") return fromSearch ? "search" : "product_page";
  return target.type === "event" ? "event_page" : "artisan_page";
}
