import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { uniqueTestPath } from "../../tests/setup/db";
import { getEnv, parseEnv, resetEnvForTests } from "./env.server";

const SECRET = "s".repeat(32);

/** A fake environment: parseEnv reads only what it is given, never process.env. */
const vars = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("parseEnv", () => {
  it("has defaults that work on a laptop", () => {
    const env = parseEnv(vars({ SESSION_SECRET: SECRET }));
    expect(env).toMatchObject({
      NODE_ENV: "development",
      DATABASE_PATH: "data/batik.sqlite",
      UPLOADS_DIR: "data/uploads",
      PORT: 3000,
      PUBLIC_ORIGIN: "http://localhost:3000",
      TRUST_PROXY: "false",
      JOB_WORKER: true,
      SEED_ON_START: true,
      LOG_REQUESTS: true,
    });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("coerces numbers and booleans and trims a trailing slash off the origin", () => {
    const env = parseEnv(vars({
      SESSION_SECRET: SECRET,
      PORT: "8080",
      JOB_WORKER: "false",
      SEED_ON_START: "0",
      LOG_REQUESTS: "yes",
      PUBLIC_ORIGIN: "https://batikblitar.id/",
    }));
    expect(env.PORT).toBe(8080);
    expect(env.JOB_WORKER).toBe(false);
    expect(env.SEED_ON_START).toBe(false);
    expect(env.LOG_REQUESTS).toBe(true);
    expect(env.PUBLIC_ORIGIN).toBe("https://batikblitar.id");
  });

  it("names every bad variable in one readable message", () => {
    let message = "";
    try {
      parseEnv(vars({ SESSION_SECRET: "short", PORT: "abc", PUBLIC_ORIGIN: "not a url", SMTP_URL: "http://mail" }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid environment configuration:/);
    expect(message).toMatch(/- PORT: /);
    expect(message).toMatch(/- PUBLIC_ORIGIN: PUBLIC_ORIGIN must be an absolute URL/);
    expect(message).toMatch(/- SESSION_SECRET: SESSION_SECRET must be at least 32 characters/);
    expect(message).toMatch(/- SMTP_URL: SMTP_URL must start with smtp:\/\//);
  });

  it("rejects out-of-range ports and unknown booleans", () => {
    expect(() => parseEnv(vars({ SESSION_SECRET: SECRET, PORT: "70000" }))).toThrow(/PORT/);
    expect(() => parseEnv(vars({ SESSION_SECRET: SECRET, JOB_WORKER: "maybe" }))).toThrow(/JOB_WORKER/);
    expect(() => parseEnv(vars({ SESSION_SECRET: SECRET, NODE_ENV: "staging" }))).toThrow(/NODE_ENV/);
  });

  it("accepts smtp:// and smtps:// URLs", () => {
    expect(parseEnv(vars({ SESSION_SECRET: SECRET, SMTP_URL: "smtp://127.0.0.1:2525" })).SMTP_URL).toBe("smtp://127.0.0.1:2525");
    expect(parseEnv(vars({ SESSION_SECRET: SECRET, SMTP_URL: "smtps://u:p@mail.example" })).SMTP_URL).toMatch(/^smtps:/);
  });

  it("without SESSION_SECRET generates one beside the database and keeps it", () => {
    const dir = uniqueTestPath("env");
    const DATABASE_PATH = path.join(dir, "batik.sqlite");
    try {
      const first = parseEnv(vars({ DATABASE_PATH })).SESSION_SECRET;
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8")).toBe(first);
      expect(parseEnv(vars({ DATABASE_PATH })).SESSION_SECRET).toBe(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("getEnv", () => {
  afterEach(() => resetEnvForTests());

  it("sees the test setup's own database and caches until reset", () => {
    const env = getEnv();
    expect(env.NODE_ENV).toBe("test");
    expect(env.DATABASE_PATH).toMatch(/tests\/\.tmp\/vitest\/run-\d+\/db-.*\.sqlite$/);
    expect(env.JOB_WORKER).toBe(false);
    expect(env.SMTP_URL).toBeUndefined();

    const original = process.env.PUBLIC_ORIGIN;
    process.env.PUBLIC_ORIGIN = "https://example.test";
    try {
      expect(getEnv().PUBLIC_ORIGIN).toBe(env.PUBLIC_ORIGIN);
      resetEnvForTests();
      expect(getEnv().PUBLIC_ORIGIN).toBe("https://example.test");
    } finally {
      process.env.PUBLIC_ORIGIN = original;
    }
  });
});
