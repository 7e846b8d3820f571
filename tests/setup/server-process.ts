/**
 * Running the real server (scripts/server.ts on build/index.js) as a child
 * process, for the tests that kill it: the job and image crash tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths";

const BUILD_FILE = path.join(REPO_ROOT, "build/index.js");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something truthy; throws after `timeoutMs`, naming `what`. */
export async function until<T>(check: () => Promise<T> | T, timeoutMs: number, what: string, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Files whose change makes the build stale (tests are not part of it). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
  });
}

/**
 * The servers run build/index.js: build it when missing or older than the
 * sources (npm test runs Vitest before its own build step). Same rule as
 * tests/integration/server.test.ts.
 */
export function ensureBuild() {
  const built = fs.existsSync(BUILD_FILE) ? fs.statSync(BUILD_FILE).mtimeMs : 0;
  const files = [path.join(REPO_ROOT, "remix.config.js"), path.join(REPO_ROOT, "package.json"), ...sources(path.join(REPO_ROOT, "app"))];
  if (Math.max(...files.map((f) => fs.statSync(f).mtimeMs)) <= built) return;
  // Vitest sets NODE_ENV=test, which would make remix emit a development build.
  const result = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/remix"), ["build"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

export type ServerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/**
 * Starts scripts/server.ts in its own process group, so that kill -9 of the
 * group ends tsx and the node process it runs, like a crashed machine. The
 * server is added to `registry` at once (for cleanup even if it never gets
 * ready) and returned when it listens and its job worker runs.
 */
export async function startServerProcess(env: Record<string, string>, registry: ServerProcess[]): Promise<ServerProcess> {
  const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["scripts/server.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      SEED_ON_START: "false",
      LOG_REQUESTS: "false",
      JOB_WORKER: "true",
      JOB_LEASE_SECONDS: "2",
      JOB_POLL_MS: "50",
      SESSION_SECRET: "crash-test-secret-0123456789abcdef0123456789",
      ...env,
    },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server = { child, output: () => output, exited };
  registry.push(server);
  await until(() => /listening on http/.test(output) && /\[jobs\] worker .* started/.test(output), 30_000, "the server to start").catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  return server;
}

/** Kills the server's process group (SIGKILL by default: a crash) and waits for it to be gone. */
export async function killServer(server: ServerProcess, signal: NodeJS.Signals = "SIGKILL") {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  try {
    process.kill(-server.child.pid!, signal);
  } catch {
    // already gone
  }
  await Promise.race([server.exited, sleep(15_000)]);
}
