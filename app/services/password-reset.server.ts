/**
 * Password reset by e-mail link.
 *
 * - requestPasswordReset answers the same for every syntactically valid
 *   address: whether an account exists is never revealed, neither by the
 *   answer nor by the kind of work done (an unknown address still makes a
 *   token and renders the mail, it just stores and sends nothing; delivery
 *   itself happens later in the job worker, off the request).
 * - performPasswordReset uses the token atomically, sets the password, marks
 *   the address confirmed (the person just read mail sent to it), ends every
 *   session of the account and records an audit entry, in one transaction;
 *   then it starts a fresh session for the person who reset it.
 */
import crypto from "node:crypto";
import { consumeAuthToken } from "~/models/auth-token.server";
import { recordAudit } from "~/models/audit.server";
import { inTransaction } from "~/models/common.server";
import { getUserForLogin, markEmailVerified, normalizeEmail, setUserPassword } from "~/models/user.server";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { localePath } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { hashToken, logoutEverywhere, startSession } from "~/utils/session.server";
import { mailAuthLink, type IssuedToken } from "./auth-link.server";
import { renderMail } from "./mail-templates.server";
import { hitRateLimit } from "./rate-limit.server";

export type RequestResetResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Counts the request against RATE_LIMIT_RESET per e-mail (mail-bombing one
 * person) and per client IP (probing many addresses), then, when an account
 * exists for the address, queues a `passwordReset` mail in the account's
 * language. The answer is `{ ok: true }` either way.
 */
export async function requestPasswordReset(
  args: { email: string; clientIp: string; now?: Date },
  db: DB = getDb(),
): Promise<RequestResetResult> {
  const { limit, windowSeconds } = getEnv().RATE_LIMIT_RESET;
  const email = normalizeEmail(args.email);
  const byEmail = await hitRateLimit({ key: `reset:email:${email}`, limit, windowSeconds, now: args.now }, db);
  const byIp = await hitRateLimit({ key: `reset:ip:${args.clientIp}`, limit, windowSeconds, now: args.now }, db);
  if (!byEmail.allowed || !byIp.allowed) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds) };
  }
  const user = await getUserForLogin({ email }, db);
  if (!user) {
    // The same work class as a real request: a token, its hash and a rendered mail, kept nowhere.
    const token = crypto.randomBytes(32).toString("hex");
    hashToken(token);
    renderMail(
      "passwordReset",
      { name: email, resetUrl: resetUrl("id", token), expiresAt: new Date().toISOString() },
      { locale: "id", origin: getEnv().PUBLIC_ORIGIN },
    );
    return { ok: true };
  }
  const data = ({ token, expiresAt }: IssuedToken) => ({ name: user.name, resetUrl: resetUrl(user.locale, token), expiresAt });
  await mailAuthLink({ user, purpose: "reset", template: "passwordReset", data, now: args.now }, db);
  return { ok: true };
}

/** The absolute link in the recipient's language. */
export function resetUrl(locale: "id" | "en", token: string): string {
  return `${getEnv().PUBLIC_ORIGIN}${localePath(locale, `/reset-password/${token}`)}`;
}

export type PerformResetResult = { ok: true; userId: number; cookie: string } | { ok: false; reason: "invalid_token" };

/**
 * Sets a new password with a reset token. The token is used in the same
 * transaction as the password change, so a failure leaves the link usable
 * and two submissions of one link cannot both succeed. Every session of the
 * account ends (whoever had the old password is out), and the request gets a
 * new session (`cookie`).
 */
export async function performPasswordReset(
  args: { token: string; password: string; request: Request; now?: Date },
  db: DB = getDb(),
): Promise<PerformResetResult> {
  // scrypt before the transaction: it takes a few hundred ms and SQLite has one writer.
  const passwordHash = await hashPassword(args.password);
  const userId = await inTransaction(db, async (trx) => {
    const used = await consumeAuthToken({ token: args.token, purpose: "reset", now: args.now }, trx);
    if (!used) return null;
    await setUserPassword({ userId: used.userId, passwordHash, now: args.now }, trx);
    const emailConfirmed = await markEmailVerified({ userId: used.userId, now: args.now }, trx);
    const sessionsEnded = await logoutEverywhere({ userId: used.userId }, trx);
    await recordAudit(
      {
        actorUserId: used.userId,
        action: "user.password_reset",
        subjectType: "user",
        subjectId: used.userId,
        details: { tokenId: used.id, sessionsEnded, emailConfirmed },
        now: args.now,
      },
      trx,
    );
    return used.userId;
  });
  if (userId === null) return { ok: false, reason: "invalid_token" };
  const cookie = await startSession({ request: args.request, userId, now: args.now }, db);
  return { ok: true, userId, cookie };
}
