/**
 * E-mail confirmation: a link in the welcome mail (sign-up) or in a
 * `confirmEmail` mail sent again from the account page. Confirming proves the
 * person reads mail at the address; a password reset proves it too and marks
 * the address confirmed as well (password-reset.server.ts).
 */
import { consumeAuthToken, issueAuthToken, lookupAuthToken } from "~/models/auth-token.server";
import { inTransaction } from "~/models/common.server";
import { getUserById, markEmailVerified } from "~/models/user.server";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { localePath, type Locale } from "~/utils/i18n";
import { mailAuthLink, type IssuedToken } from "./auth-link.server";
import { hitRateLimit } from "./rate-limit.server";

/** The absolute confirmation link in the recipient's language. */
export function confirmUrl(locale: Locale, token: string): string {
  return `${getEnv().PUBLIC_ORIGIN}${localePath(locale, `/confirm-email/${token}`)}`;
}

/** Issues a confirmation token for sign-up; the caller puts the link in the welcome mail (same transaction). */
export async function issueEmailConfirmation(
  args: { userId: number; locale: Locale; now?: Date },
  db: DB = getDb(),
): Promise<{ confirmUrl: string; expiresAt: string }> {
  const issued = await issueAuthToken({ userId: args.userId, purpose: "confirm", now: args.now }, db);
  return { confirmUrl: confirmUrl(args.locale, issued.token), expiresAt: issued.expiresAt };
}

export type ConfirmEmailResult = "confirmed" | "already_confirmed" | "unknown" | "expired" | "used";

/**
 * Confirms the address behind a link. A link that no longer works (expired,
 * used) still answers "already_confirmed" when the address is confirmed by
 * now, which is what the person wants to know.
 */
export async function confirmEmail(args: { token: string; now?: Date }, db: DB = getDb()): Promise<ConfirmEmailResult> {
  const result = await inTransaction(db, async (trx): Promise<ConfirmEmailResult | null> => {
    const used = await consumeAuthToken({ token: args.token, purpose: "confirm", now: args.now }, trx);
    if (!used) return null;
    return (await markEmailVerified({ userId: used.userId, now: args.now }, trx)) ? "confirmed" : "already_confirmed";
  });
  if (result) return result;
  const lookup = await lookupAuthToken({ token: args.token, purpose: "confirm", now: args.now }, db);
  if (lookup.state === "unknown") return "unknown";
  if (lookup.emailVerifiedAt) return "already_confirmed";
  // "valid" here means another request used it a moment ago: treat it as used.
  return lookup.state === "expired" ? "expired" : "used";
}

export type ResendConfirmationResult =
  | { ok: true }
  | { ok: false; reason: "already_confirmed" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Sends a new confirmation link (rate-limited per account with RATE_LIMIT_RESET) in the account's language. */
export async function resendEmailConfirmation(args: { userId: number; now?: Date }, db: DB = getDb()): Promise<ResendConfirmationResult> {
  const user = await getUserById({ id: args.userId }, db);
  if (!user) throw new Error(`resendEmailConfirmation: no user ${args.userId}`);
  if (user.email_verified_at) return { ok: false, reason: "already_confirmed" };
  const { limit, windowSeconds } = getEnv().RATE_LIMIT_RESET;
  const hit = await hitRateLimit({ key: `confirm:user:${user.id}`, limit, windowSeconds, now: args.now }, db);
  if (!hit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: hit.retryAfterSeconds };
  const data = ({ token, expiresAt }: IssuedToken) => ({ name: user.name, confirmUrl: confirmUrl(user.locale, token), expiresAt });
  await mailAuthLink({ user, purpose: "confirm", template: "confirmEmail", data, now: args.now }, db);
  return { ok: true };
}
