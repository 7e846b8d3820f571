import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against the BUILT server (run `npm run build` first; `npm test`
 * does). The server gets a fresh database with the demo data on every run.
 * Chromium is Debian's (/usr/bin/chromium, see scripts/ensure-chromium.sh):
 * Playwright's own browser download cannot work on these machines.
 */
// E2E_PORT lets parallel worktrees run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3456);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const E2E_DIR = "tests/.tmp/e2e";
// The server sends its mail by SMTP to a local catcher, which writes each
// message to tests/.tmp/e2e-mail (tests/e2e/mailbox.ts reads it).
const SMTP_PORT = PORT + 1000;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/.tmp/playwright-results",
  fullyParallel: true,
  // Two cores: one for the server, one shared by the browsers.
  workers: 2,
  forbidOnly: true,
  // A flaky test is a bug to fix, not to retry.
  retries: 0,
  // Generous: every visit runs axe (1–2 s a page), and CI machines are shared and slow.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [["list"], ["json", { outputFile: "tests/.tmp/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    // The browser is in New York: pages must still show WIB (Asia/Jakarta).
    timezoneId: "America/New_York",
    locale: "en-US",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // @nojs-only: a test that changes shared demo data and must run once (in the no-js project below).
    { name: "chromium", grepInvert: /@nojs-only/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      // Progressive enhancement: tests tagged @nojs run again with JavaScript off.
      name: "no-js",
      grep: /@nojs/,
      use: { ...devices["Desktop Chrome"], channel: undefined, javaScriptEnabled: false },
    },
  ],
  webServer: [
    {
      command: `exec node_modules/.bin/tsx tests/fakes/smtp-maildir.ts --port ${SMTP_PORT} --dir tests/.tmp/e2e-mail`,
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // `exec` so that stopping the shell stops the server; the database is
      // deleted first so every run starts from the demo data alone.
      command: `rm -rf ${E2E_DIR} && mkdir -p ${E2E_DIR} && exec node_modules/.bin/tsx scripts/server.ts`,
      url: `${BASE_URL}/healthz`,
      reuseExistingServer: false,
      // Migrating and seeding the demo data (with generated images) happen at start.
      timeout: 300_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        HOST: "127.0.0.1",
        PUBLIC_ORIGIN: BASE_URL,
        DATABASE_PATH: `${E2E_DIR}/batik.sqlite`,
        UPLOADS_DIR: `${E2E_DIR}/uploads`,
        SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123456789",
        SEED_ON_START: "true",
        LOG_REQUESTS: "false",
        JOB_WORKER: "true",
        JOB_POLL_MS: "200",
        // Every spec logs in from 127.0.0.1: the per-IP limit would refuse the suite.
        // The 429 path is covered by tests/integration/login.test.ts.
        RATE_LIMIT_LOGIN: "1000/900",
        RATE_LIMIT_SIGNUP: "1000/3600",
        RATE_LIMIT_RESET: "1000/3600",
        // Inquiries: the per-IP limit likewise; the per-e-mail limit stays at its default (specs use fresh addresses).
        RATE_LIMIT_INQUIRY_IP: "1000/3600",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      },
    },
  ],
});
