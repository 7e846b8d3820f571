/**
 * Booth and campaign links (PRODUCT.md §6, attribution): `/r/:code` (the
 * calendar issue) sets the `bb_ref` cookie with the link's code and the time
 * of the touch; inquiries (and later orders) read it back.
 *
 * The rules, in one place:
 * - last touch: the cookie holds only the latest link followed;
 * - within 30 days of that touch (the cookie also expires after 30 days, but
 *   the time inside the signed value is what counts, so an old cookie kept
 *   by a browser cannot stretch the window);
 * - the link must still exist and have been valid at the touch time;
 * - a booth link (it has an artisan) credits only its own artisan; a
 *   campaign link (no artisan) credits any.
 * The cookie is signed with SESSION_SECRET: a hand-made value is ignored.
 */
import { createCookie } from "@remix-run/node";
import { getLinkByCode } from "~/models/link.server";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export const ATTRIBUTION_COOKIE = "bb_ref";
export const ATTRIBUTION_WINDOW_DAYS = 30;
const WINDOW_MS = ATTRIBUTION_WINDOW_DAYS * 24 * 60 * 60 * 1000;

type Touch = { code: string; at: string };

function attributionCookie() {
  const env = getEnv();
  return createCookie(ATTRIBUTION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.NODE_ENV === "production" && env.PUBLIC_ORIGIN.startsWith("https:"),
    secrets: [env.SESSION_SECRET],
    maxAge: ATTRIBUTION_WINDOW_DAYS * 24 * 60 * 60,
  });
}

/** The Set-Cookie header recording a touch of `link` at `now` (for /r/:code). */
export async function attributionSetCookie(link: { code: string }, now: Date = new Date()): Promise<string> {
  const touch: Touch = { code: link.code, at: now.toISOString() };
  return attributionCookie().serialize(touch);
}

function isTouch(value: unknown): value is Touch {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Touch).code === "string" &&
    typeof (value as Touch).at === "string" &&
    !Number.isNaN(Date.parse((value as Touch).at))
  );
}

/**
 * The link an action by `artisanId`'s buyer is credited to, or null (see the
 * rules above). Never throws: a missing, forged or malformed cookie is null.
 */
export async function readAttribution(
  request: Request,
  args: { artisanId: number; now?: Date },
  db: DB = getDb(),
): Promise<{ linkId: number } | null> {
  const header = request.headers.get("Cookie");
  if (!header?.includes(`${ATTRIBUTION_COOKIE}=`)) return null;
  let value: unknown;
  try {
    value = await attributionCookie().parse(header);
  } catch {
    return null;
  }
  if (!isTouch(value)) return null;
  const now = args.now ?? new Date();
  const touchedAt = new Date(value.at);
  const age = now.getTime() - touchedAt.getTime();
  if (age < 0 || age > WINDOW_MS) return null;
  const link = await getLinkByCode({ code: value.code, now: touchedAt }, db);
  if (!link) return null;
  if (link.artisan_id != null && link.artisan_id !== args.artisanId) return null;
  return { linkId: link.id };
}
