import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "./password.server";

// Cheap parameters keep the suite fast; the format and the checks are the same.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("stores scrypt$N$r$p$salt$hash with a fresh salt each time", async () => {
    const a = await hashPassword("batik-demo-2026", FAST);
    const b = await hashPassword("batik-demo-2026", FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("batik-demo-2026");
  });

  it("verifies the right password only", async () => {
    const stored = await hashPassword("rahasia", FAST);
    expect(await verifyPassword("rahasia", stored)).toBe(true);
    expect(await verifyPassword("Rahasia", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("uses the default (OWASP-level) parameters", async () => {
    const stored = await hashPassword("x");
    expect(stored.startsWith(`scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$`)).toBe(true);
    expect(await verifyPassword("x", stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
  });

  it("never matches a malformed or hostile hash", async () => {
    const stored = await hashPassword("rahasia", FAST);
    const parts = stored.split("$");
    for (const bad of [
      null,
      undefined,
      "",
      "rahasia",
      "bcrypt$10$abc",
      stored.replace(/^scrypt/, "scrypt2"),
      [...parts.slice(0, 1), "1000", ...parts.slice(2)].join("$"), // N not a power of two
      [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join("$"), // absurd memory
      [...parts.slice(0, 3), "99", ...parts.slice(4)].join("$"), // absurd p
      [...parts.slice(0, 4), "", parts[5]].join("$"), // no salt
    ]) {
      expect(await verifyPassword("rahasia", bad)).toBe(false);
    }
    const changed = Buffer.from(parts[5], "base64");
    changed[0] ^= 1;
    expect(await verifyPassword("rahasia", [...parts.slice(0, 5), changed.toString("base64")].join("$"))).toBe(false);
  });

  it("asks for a rehash when the parameters are weaker than today's", async () => {
    expect(needsRehash(await hashPassword("x", FAST))).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });
});
