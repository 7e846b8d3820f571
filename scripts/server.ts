/**
 * The production (and dev) HTTP server: Express in front of the Remix build.
 * Start-up order: validate the environment, migrate, seed demo data into an
 * empty database, then serve and start the job worker. SIGTERM/SIGINT stop
 * accepting connections, let running requests and the current job finish,
 * and close the database.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import onHeaders from "on-headers";
import { checkSameOrigin } from "../app/utils/csrf.server";
import { createDb } from "../app/utils/db.server";
import { parseEnv } from "../app/utils/env.server";
import { seedIfEmpty } from "../db/seed/index";
import { migrateToLatest } from "./migrate";

/** Everything that is not an HTML document gets the strictest policy. */
const DEFAULT_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

type BackgroundEntry = { startBackground?: () => Promise<void>; stopBackground?: () => Promise<void> };

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  process.env.SESSION_SECRET ??= env.SESSION_SECRET;

  // Migrations and demo data use their own short-lived connection.
  const setupDb = createDb(env.DATABASE_PATH);
  try {
    await migrateToLatest(setupDb, (line) => console.log(line));
    if (env.SEED_ON_START) await seedIfEmpty(setupDb, (line) => console.log(line));
  } finally {
    await setupDb.destroy();
  }

  const BUILD_PATH = path.resolve("build/index.js");
  if (!fs.existsSync(BUILD_PATH)) {
    console.error("No build found at build/index.js. Run `npm run build` first (npm start does it for you).");
    process.exit(1);
  }
  const importBuild = async () =>
    (await import(`${pathToFileURL(BUILD_PATH).href}?t=${fs.statSync(BUILD_PATH).mtimeMs}`)) as ServerBuild;
  let build = await importBuild();
  const dev = env.NODE_ENV === "development";

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", parseTrustProxy(env.TRUST_PROXY));
  app.use((_req, res, next) => {
    onHeaders(res, () => {
      if (!res.getHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", DEFAULT_CSP);
    });
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: false, // set per response: hashed for documents (entry.server), strict otherwise
      strictTransportSecurity: env.PUBLIC_ORIGIN.startsWith("https:") ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: "deny" },
    }),
  );
  app.use(compression());
  if (env.LOG_REQUESTS) app.use(morgan(":method :url :status :res[content-length] - :response-time ms"));

  // Fingerprinted build assets never change; everything else in public/ may.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Image variants have content-hashed names: cache forever.
  app.use(
    "/images",
    express.static(path.join(env.UPLOADS_DIR, "variants"), { immutable: true, maxAge: "1y", fallthrough: false, index: false }),
  );

  // CSRF guard for every state-changing request, before any Remix action runs
  // (document POSTs never pass through handleDataRequest). Stripe's webhook is
  // server-to-server and authenticated by its signature instead.
  app.use((req, res, next) => {
    if (req.path === "/webhooks/stripe") return next();
    const verdict = checkSameOrigin(
      { method: req.method, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") },
      env.PUBLIC_ORIGIN,
    );
    if (verdict.ok) return next();
    res.status(403).type("text/plain").send(verdict.reason);
  });

  app.all(
    "*",
    dev
      ? async (req, res, next) => {
          try {
            const fresh = await importBuild();
            // Tell `remix dev` the new build is live so the browser reloads.
            if (fresh.assets.version !== build.assets.version) void broadcastDevReady(fresh);
            build = fresh;
            return createRequestHandler({ build, mode: "development", getLoadContext })(req, res, next);
          } catch (error) {
            next(error);
          }
        }
      : createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext }),
  );

  const server = app.listen(env.PORT, env.HOST, async () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    console.log(`Batik Blitar listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
    if (dev) broadcastDevReady(build);
    const entry = build.entry.module as BackgroundEntry;
    if (env.JOB_WORKER) await entry.startBackground?.();
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeIdleConnections?.();
    await (build.entry.module as BackgroundEntry).stopBackground?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** The client address as Express sees it (honours TRUST_PROXY): per-IP rate limits need it. */
function getLoadContext(req: express.Request) {
  return { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false" || value === "") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
