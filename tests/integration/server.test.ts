/**
 * The production server as a real child process: start-up, headers,
 * compression, 404s, configuration errors and graceful shutdown.
 * It runs the Remix build; a missing or stale build is rebuilt first, because
 * `npm test` runs Vitest before its own build step.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyBaseDatabase, removeDatabaseFiles, uniqueTestPath } from "../setup/db";
import { REPO_ROOT } from "../setup/paths";

// This suite's share of the harness's port range (3400-3499; 3456 is Playwright's).
const PORTS = { first: 3401, last: 3449 };

type Server = {
  child: ChildProcess;
  port: number;
  origin: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
};

const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  ensureFreshBuild();
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function ensureFreshBuild() {
  const buildFile = path.join(REPO_ROOT, "build/index.js");
  const built = fs.existsSync(buildFile) ? fs.statSync(buildFile).mtimeMs : 0;
  const sources = [path.join(REPO_ROOT, "remix.config.js"), path.join(REPO_ROOT, "package.json"), ...walk(path.join(REPO_ROOT, "app"))];
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (newest > built) {
    // Vitest sets NODE_ENV=test, which would make remix emit a development (jsxDEV) build.
    execFileSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], {
      cwd: REPO_ROOT,
      stdio: "pipe",
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
  });
}

async function freePort(): Promise<number> {
  for (let port = PORTS.first; port <= PORTS.last; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS.first}-${PORTS.last}`);
}

/** The environment of a server on its own database copy and uploads directory. */
function serverEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const database = copyBaseDatabase();
  const uploads = uniqueTestPath("uploads");
  cleanups.push(() => {
    removeDatabaseFiles(database);
    fs.rmSync(uploads, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    DATABASE_PATH: database,
    UPLOADS_DIR: uploads,
    SESSION_SECRET: "server-test-secret-0123456789abcdef0123456789",
    SEED_ON_START: "false",
    LOG_REQUESTS: "false",
    JOB_WORKER: "true",
    JOB_POLL_MS: "100",
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function spawnServer(env: NodeJS.ProcessEnv) {
  // Node itself with tsx's loader, not the tsx or npx wrapper: the signal must reach the
  // server process directly (a wrapper relays it and may answer for the child with 143).
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function startServer(extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, output, exited } = spawnServer(serverEnv(port, extra));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const stop = async () => {
    if (!hasExited) child.kill("SIGTERM");
    await exited;
  };
  cleanups.push(stop);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited) throw new Error(`server exited during start-up:\n${output()}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer /healthz within 60 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, origin, output, exited, stop };
}

/** A raw GET (fetch would decompress the body and hide what was sent). */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("production server", () => {
  let server: Server;

  beforeAll(async () => {
    server = await startServer();
  }, 90_000);

  it("answers /healthz with 200 and no caching", async () => {
    const res = await fetch(`${server.origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("sends security headers with a hashed CSP on documents", async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("hashes exactly the inline scripts the document contains", async () => {
    const res = await fetch(`${server.origin}/en`);
    const html = await res.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
      ([, attrs, body]) => !/\bsrc\s*=/.test(attrs) && body.length > 0,
    );
    expect(inline.length).toBeGreaterThan(0);
    const csp = res.headers.get("content-security-policy") ?? "";
    const { createHash } = await import("node:crypto");
    for (const [, , body] of inline) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    }
  });

  it("refuses cross-site state-changing requests before any route runs", async () => {
    const evil = await fetch(`${server.origin}/`, { method: "POST", headers: { Origin: "http://evil.example" }, body: "x=1" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toMatch(/another origin/);
    const crossSite = await fetch(`${server.origin}/en`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    // Same origin (or a non-browser client without Origin) reaches Remix: no action here, so 405.
    const same = await fetch(`${server.origin}/`, { method: "POST", headers: { Origin: server.origin } });
    expect(same.status).toBe(405);
    // Stripe's webhook is exempt: it is authenticated by its signature, not by origin.
    const webhook = await fetch(`${server.origin}/webhooks/stripe`, { method: "POST", headers: { Origin: "http://evil.example" } });
    expect(webhook.status).not.toBe(403);
  });

  it("keeps a reset page's URL from other sites, and refuses posts with Origin: null", async () => {
    const page = await fetch(`${server.origin}/reset-password/not-a-token`);
    expect(page.status).toBe(400);
    // Other sites get the origin only, never the path that holds the token.
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    // A same-origin post with a real Origin reaches the route: the invalid address is its 400.
    const same = await fetch(`${server.origin}/forgot-password`, { method: "POST", headers: { ...form, Origin: server.origin, "Sec-Fetch-Site": "same-origin" }, body: "email=x" });
    expect(same.status).toBe(400);
    for (const site of [undefined, "same-origin", "same-site", "cross-site"]) {
      const res = await fetch(`${server.origin}/forgot-password`, {
        method: "POST",
        headers: { ...form, Origin: "null", ...(site ? { "Sec-Fetch-Site": site } : {}) },
        body: "email=x",
      });
      expect(res.status, String(site)).toBe(403);
    }
  });

  it("gives responses that are not documents the strict default policy", async () => {
    const res = await fetch(`${server.origin}/healthz`);
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each(["/nope", "/en/nope", "/fr", "/fr/motifs"])("answers %s with a 404 page", async (p) => {
    const res = await fetch(`${server.origin}${p}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(p.startsWith("/en/") ? 'lang="en"' : 'lang="id"');
  });

  it("compresses when the client accepts gzip, and only then", async () => {
    const gz = await rawGet(`${server.origin}/`, { "Accept-Encoding": "gzip" });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString("utf8")).toMatch(/^<!DOCTYPE html>/i);

    const plain = await rawGet(`${server.origin}/`, { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toMatch(/^<!DOCTYPE html>/i);
  });

  it("serves fingerprinted build assets as immutable", async () => {
    const html = await (await fetch(`${server.origin}/`)).text();
    const asset = html.match(/\/build\/[^"']+\.js/)?.[0];
    expect(asset).toBeDefined();
    const res = await fetch(`${server.origin}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
  });

  it("answers an unknown image variant with 404, not a page", async () => {
    const res = await fetch(`${server.origin}/images/does-not-exist.webp`);
    expect(res.status).toBe(404);
  });
});

describe("server start-up and shutdown", () => {
  it("refuses PORT=abc with a readable message and a non-zero exit code", async () => {
    const { exited, output } = spawnServer(serverEnv(0, { PORT: "abc" }));
    const { code } = await exited;
    expect(code).not.toBe(0);
    expect(output()).toContain("Invalid environment configuration");
    expect(output()).toMatch(/PORT: /);
    // One line per problem, not a stack trace.
    expect(output()).not.toMatch(/\n\s+at /);
  }, 30_000);

  it("stops on SIGTERM with exit code 0", async () => {
    const server = await startServer();
    server.child.kill("SIGTERM");
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain("SIGTERM received");
    // The port is free again: the listener was closed, not abandoned.
    await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();
  }, 90_000);
});
