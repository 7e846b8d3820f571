/**
 * Rehash on log-in: a hash made with weaker scrypt parameters is replaced by
 * one with today's parameters after a successful log-in, and only then.
 */
import { describe, expect, it } from "vitest";
import { createUser, replacePasswordHash } from "~/models/user.server";
import { attemptLogin } from "~/services/login.server";
import { getDb } from "~/utils/db.server";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "~/utils/password.server";

async function storedHash(id: number) {
  return (await getDb().selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow()).password_hash!;
}

describe("rehash on log-in", () => {
  it("upgrades a weak hash after the right password, and leaves it after a wrong one", async () => {
    const weak = await hashPassword("lawas-password-2020", { N: 2 ** 10, r: 8, p: 1 });
    expect(weak.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    const { id } = await createUser({ email: "lawas@example.test", name: "Lawas", passwordHash: weak });

    expect(await attemptLogin({ email: "lawas@example.test", password: "wrong-password", clientIp: "192.0.2.50" })).toEqual({ ok: false, reason: "invalid" });
    expect(await storedHash(id)).toBe(weak);

    expect(await attemptLogin({ email: "lawas@example.test", password: "lawas-password-2020", clientIp: "192.0.2.51" })).toEqual({ ok: true, userId: id });
    const upgraded = await storedHash(id);
    expect(upgraded.startsWith(`scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$`)).toBe(true);
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPassword("lawas-password-2020", upgraded)).toBe(true);

    // A current hash is left alone on the next log-in.
    expect((await attemptLogin({ email: "lawas@example.test", password: "lawas-password-2020", clientIp: "192.0.2.52" })).ok).toBe(true);
    expect(await storedHash(id)).toBe(upgraded);
  });

  it("never overwrites a password changed between the check and the rehash", async () => {
    const weak = await hashPassword("first-password-2020", { N: 2 ** 10, r: 8, p: 1 });
    const { id } = await createUser({ email: "ganti@example.test", name: "Ganti", passwordHash: weak });
    const changed = await hashPassword("changed-password-2026");
    await getDb().updateTable("users").set({ password_hash: changed }).where("id", "=", id).execute();
    expect(await replacePasswordHash({ userId: id, from: weak, to: await hashPassword("first-password-2020") })).toBe(false);
    expect(await storedHash(id)).toBe(changed);
  });
});
