import { getUserForLogin, replacePasswordHash } from "~/models/user.server";
import { getDb, type DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword, needsRehash, verifyPassword } from "~/utils/password.server";
import { hitRateLimit } from "./rate-limit.server";

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * A hash of a random password with today's parameters. An unknown e-mail is
 * verified against it, so that answer costs one scrypt like a wrong password
 * and response time does not reveal which addresses have accounts.
 */
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/**
 * Checks an e-mail and password. Every attempt counts against two limits
 * (RATE_LIMIT_LOGIN): per e-mail, against guessing one account from many
 * addresses, and per client IP, against trying many accounts from one place.
 * Both are counted before the password is checked, so a refused attempt
 * costs no scrypt.
 */
export async function attemptLogin(
  args: { email: string; password: string; clientIp: string; now?: Date },
  db: DB = getDb(),
): Promise<LoginResult> {
  const { limit, windowSeconds } = getEnv().RATE_LIMIT_LOGIN;
  const email = args.email.trim().toLowerCase();
  const byEmail = await hitRateLimit({ key: `login:email:${email}`, limit, windowSeconds, now: args.now }, db);
  const byIp = await hitRateLimit({ key: `login:ip:${args.clientIp}`, limit, windowSeconds, now: args.now }, db);
  if (!byEmail.allowed || !byIp.allowed) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds) };
  }
  const user = await getUserForLogin({ email }, db);
  if (!user || !user.password_hash) {
    await verifyPassword(args.password, await getDummyHash());
    return { ok: false, reason: "invalid" };
  }
  const valid = await verifyPassword(args.password, user.password_hash);
  if (!valid) return { ok: false, reason: "invalid" };
  if (needsRehash(user.password_hash)) {
    // The only moment the plain password is at hand: upgrade a hash made with weaker parameters.
    await replacePasswordHash({ userId: user.id, from: user.password_hash, to: await hashPassword(args.password) }, db);
  }
  return { ok: true, userId: user.id };
}
