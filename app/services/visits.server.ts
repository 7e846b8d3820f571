/**
 * Page-view capture for the digital-reach indicator (PRODUCT.md §6): product,
 * motif, artisan and event pages call `captureView` from their loaders.
 *
 * What is recorded, and what is not:
 * - One row per page view, whether the page came as a document or through a
 *   client-side navigation (Remix's single-fetch `.data` request runs the
 *   loader once either way). Bots (isbot; an empty user agent counts as one),
 *   HEAD requests, prefetches (`Purpose`/`Sec-Purpose: prefetch`) and
 *   requests whose Referer is the page itself (the reload after a form on
 *   the page posted, e.g. the favourite button, with or without JavaScript)
 *   are not views.
 * - visitor_hash: HMAC of a random first-party id kept in the `bb_vid`
 *   cookie (HttpOnly, SameSite=Lax, one year), so distinct visitors can be
 *   counted across days. With `Sec-GPC: 1` or `DNT: 1` no cookie is set and
 *   the visitor hash is a per-day HMAC of IP + user agent instead: the view
 *   still counts, the person is only recognisable within one WIB day.
 * - ip_hash: HMAC of the client IP with a salt derived from the secret and
 *   the WIB day, so the same IP cannot be joined across days. The IP itself
 *   is never stored or logged.
 * - artisan_id: the shop a view counts for — the product's shop, the shop
 *   itself, the motif's creator shop when it has a public one (as the demo
 *   history does); null for events (exhibitors are many).
 * - referrer_host: the host of an external Referer only (our own origin → null).
 *
 * Writing never slows a page: rows go into an in-process buffer written by
 * `recordVisits` in one transaction when it holds FLUSH_AT rows or
 * FLUSH_AFTER_MS after its first row (an unref'd timer), and on graceful
 * shutdown (`stopBackground` → `flushVisits`). A failed write is logged and
 * dropped; a hard crash loses at most the last second of views.
 */
import crypto from "node:crypto";
import { isbot } from "isbot";
import { wibDayOf } from "~/models/common.server";
import { recordVisits, type VisitInput } from "~/models/visit.server";
import { getEnv } from "~/utils/env.server";

export const VISITOR_COOKIE = "bb_vid";
const VISITOR_ID_RE = /^[0-9a-f]{32}$/;
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export const FLUSH_AT = 200;
export const FLUSH_AFTER_MS = 1000;

export type PageView =
  | { kind: "product_view"; productId: number; artisanId: number }
  | { kind: "artisan_view"; artisanId: number }
  | { kind: "motif_view"; motifId: number; artisanId?: number | null }
  | { kind: "event_view"; eventId: number };

export type CaptureArgs = {
  request: Request;
  /** The load context: `clientIp` from scripts/server.ts (absent in some tests). */
  context: unknown;
  view: PageView;
  now?: Date;
};

// ---------------------------------------------------------------- the buffer

let buffer: VisitInput[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<void> = Promise.resolve();
let writer: (visits: VisitInput[]) => Promise<unknown> = (visits) => recordVisits({ visits });

/** Tests: replace the writer (e.g. to count calls or make it fail); without an argument restores recordVisits. */
export function setVisitWriterForTests(fn?: (visits: VisitInput[]) => Promise<unknown>) {
  writer = fn ?? ((visits) => recordVisits({ visits }));
}

/** Rows waiting to be written (tests). */
export function pendingVisits(): number {
  return buffer.length;
}

function enqueue(visit: VisitInput) {
  buffer.push(visit);
  if (buffer.length >= FLUSH_AT) {
    void flushVisits();
  } else if (!timer) {
    timer = setTimeout(() => void flushVisits(), FLUSH_AFTER_MS);
    timer.unref?.();
  }
}

/**
 * Writes every buffered row now (one recordVisits call) and resolves when
 * that and any earlier write are done. Never rejects: a failure is logged.
 */
export function flushVisits(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const batch = buffer;
  buffer = [];
  if (batch.length === 0) return writing;
  writing = writing.then(async () => {
    try {
      await writer(batch);
    } catch (error) {
      console.error(`[visits] ${batch.length} page view(s) could not be written:`, (error as Error).message);
    }
  });
  return writing;
}

// ---------------------------------------------------------------- hashing

function hmac(key: string, value: string): string {
  return crypto.createHmac("sha256", key).update(value).digest("hex").slice(0, 32);
}

/** Keys derived from SESSION_SECRET, one per purpose, so no hash can be replayed as another. */
function key(purpose: string): string {
  return hmac(getEnv().SESSION_SECRET, `visits:${purpose}`);
}

/** The visitor hash for a cookie id: stable for as long as the cookie lives. */
export function visitorHashOfId(id: string): string {
  return hmac(key("visitor"), id);
}

/** The salted IP hash: the salt changes every WIB day, so the same IP differs from day to day. */
export function ipHash(ip: string, now: Date = new Date()): string {
  return hmac(key(`ip:${wibDayOf(now)}`), ip);
}

/** The cookieless visitor hash (Do Not Track / Global Privacy Control): IP + user agent, per WIB day. */
export function dailyVisitorHash(ip: string, userAgent: string, now: Date = new Date()): string {
  return hmac(key(`daily-visitor:${wibDayOf(now)}`), `${ip}\n${userAgent}`);
}

// ---------------------------------------------------------------- the request

function readVisitorId(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === VISITOR_COOKIE) {
      const value = rest.join("=").trim();
      return VISITOR_ID_RE.test(value) ? value : null;
    }
  }
  return null;
}

function visitorCookie(id: string): string {
  const secure = getEnv().PUBLIC_ORIGIN.startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${id}; Max-Age=${ONE_YEAR_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

function isPrefetch(headers: Headers): boolean {
  const purpose = `${headers.get("Purpose") ?? ""},${headers.get("Sec-Purpose") ?? ""}`.toLowerCase();
  return purpose.includes("prefetch");
}

/**
 * The page asked for itself: the GET after a form on the page posted and was
 * redirected back (no JavaScript), or the loader re-running after a fetcher
 * action on the page (JavaScript; the fetch's Referer is the page). The
 * person is still looking at the same page, so it is not another view.
 */
function isSelfReferral(request: Request): boolean {
  const referer = request.headers.get("Referer");
  if (!referer) return false;
  try {
    const from = new URL(referer);
    const to = new URL(request.url);
    const ours = from.host === to.host || from.origin === new URL(getEnv().PUBLIC_ORIGIN).origin;
    return ours && from.pathname.replace(/\.data$/, "") === to.pathname;
  } catch {
    return false;
  }
}

/** Opted out of tracking: Global Privacy Control or Do Not Track. */
export function optedOut(headers: Headers): boolean {
  return headers.get("Sec-GPC")?.trim() === "1" || headers.get("DNT")?.trim() === "1";
}

/** The Referer's host when it is another site; our own pages, junk and absence give null. */
export function externalReferrerHost(referer: string | null, ownOrigin: string): string | null {
  if (!referer) return null;
  try {
    const url = new URL(referer);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.origin === new URL(ownOrigin).origin) return null;
    return url.hostname.slice(0, 255) || null;
  } catch {
    return null;
  }
}

function clientIpOf(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | null | undefined)?.clientIp;
  return typeof ip === "string" && ip.length > 0 ? ip.slice(0, 100) : "unknown";
}

/**
 * Who is asking, as the visit rows record it: the hash of the first-party
 * visitor id (set as a cookie when absent; with DNT/GPC no cookie and a
 * per-day hash of IP + user agent instead) and the daily-salted IP hash.
 * `headers` carries the Set-Cookie the response must send, if any. Shared by
 * page views and the WhatsApp button, so one person is one visitor in both.
 */
export function visitorIdentity(args: { request: Request; context: unknown; now?: Date }): { visitorHash: string; ipHash: string; headers: Headers } {
  const headers = new Headers();
  const now = args.now ?? new Date();
  const ip = clientIpOf(args.context);
  const userAgent = args.request.headers.get("User-Agent")?.trim() ?? "";
  let visitorHash: string;
  if (optedOut(args.request.headers)) {
    visitorHash = dailyVisitorHash(ip, userAgent, now);
  } else {
    let id = readVisitorId(args.request);
    if (!id) {
      id = crypto.randomBytes(16).toString("hex");
      headers.append("Set-Cookie", visitorCookie(id));
    }
    visitorHash = visitorHashOfId(id);
  }
  return { visitorHash, ipHash: ipHash(ip, now), headers };
}

/**
 * Records a page view (buffered) unless the request is a bot, a HEAD or a
 * prefetch. Returns the headers the loader must send: a Set-Cookie for a
 * new visitor id, otherwise empty. Never throws.
 *
 *   return data(payload, { headers: captureView({ request, context, view: { kind: "artisan_view", artisanId } }) });
 */
export function captureView(args: CaptureArgs): Headers {
  const headers = new Headers();
  try {
    const { request } = args;
    const userAgent = request.headers.get("User-Agent")?.trim() ?? "";
    if (request.method !== "GET") return headers;
    if (!userAgent || isbot(userAgent)) return headers;
    if (isPrefetch(request.headers)) return headers;
    if (isSelfReferral(request)) return headers;

    const now = args.now ?? new Date();
    const identity = visitorIdentity({ request, context: args.context, now });
    identity.headers.forEach((value, name) => headers.append(name, value));
    const { visitorHash } = identity;
    const view = args.view;
    enqueue({
      kind: view.kind,
      occurredAt: now,
      visitorHash,
      ipHash: identity.ipHash,
      artisanId: "artisanId" in view ? (view.artisanId ?? null) : null,
      productId: "productId" in view ? view.productId : null,
      motifId: "motifId" in view ? view.motifId : null,
      eventId: "eventId" in view ? view.eventId : null,
      referrerHost: externalReferrerHost(request.headers.get("Referer"), getEnv().PUBLIC_ORIGIN),
    });
  } catch (error) {
    console.error("[visits] a page view could not be captured:", (error as Error).message);
  }
  return headers;
}
