import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Every setting the server reads, validated once at start-up.
 * Defaults work on a laptop: SQLite under data/, uploads under data/uploads/,
 * no Stripe, mail kept in the outbox.
 */
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A rate-limit level written as "attempts/seconds", e.g. "5/900". */
function rateLimit(name: string, fallback: string) {
  return z
    .string()
    .regex(/^[1-9]\d{0,5}\/[1-9]\d{0,6}$/, `${name} must look like "5/900" (attempts per seconds)`)
    .default(fallback)
    .transform((v) => {
      const [limit, windowSeconds] = v.split("/").map(Number);
      return { limit, windowSeconds };
    });
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/batik.sqlite"),
  UPLOADS_DIR: z.string().min(1).default("data/uploads"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_ORIGIN: z
    .string()
    .url("PUBLIC_ORIGIN must be an absolute URL such as https://batikblitar.id")
    .default("http://localhost:3000")
    .transform((v) => v.replace(/\/+$/, "")),
  TRUST_PROXY: z
    .string()
    .default("false")
    .describe("Express 'trust proxy' value: false, true, a hop count or a list of addresses"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Batik Blitar <no-reply@batikblitar.local>"),
  JOB_WORKER: booleanish.default("true"),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SEED_ON_START: booleanish.default("true"),
  LOG_REQUESTS: booleanish.default("true"),
  RATE_LIMIT_LOGIN: rateLimit("RATE_LIMIT_LOGIN", "5/900"),
  RATE_LIMIT_SIGNUP: rateLimit("RATE_LIMIT_SIGNUP", "10/3600"),
  RATE_LIMIT_RESET: rateLimit("RATE_LIMIT_RESET", "5/3600"),
  /** New inquiries per sender e-mail and per client IP, in a sliding window (issue 6). */
  RATE_LIMIT_INQUIRY_EMAIL: rateLimit("RATE_LIMIT_INQUIRY_EMAIL", "5/3600"),
  RATE_LIMIT_INQUIRY_IP: rateLimit("RATE_LIMIT_INQUIRY_IP", "5/3600"),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

let cached: Env | undefined;

/** Parses process.env; throws one readable message listing every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const secret = env.SESSION_SECRET ?? developmentSecret(env);
  return { ...env, SESSION_SECRET: secret };
}

/**
 * Without SESSION_SECRET a secret is generated once and kept beside the
 * database, so sessions survive a restart. A real deployment sets it.
 */
function developmentSecret(env: z.infer<typeof EnvSchema>): string {
  return readOrCreateSecret(path.join(path.dirname(env.DATABASE_PATH), "session-secret"));
}

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Only for tests that change process.env between cases. */
export function resetEnvForTests() {
  cached = undefined;
}
