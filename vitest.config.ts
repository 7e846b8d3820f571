import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "~": path.join(root, "app"),
      "#db": path.join(root, "db"),
    },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts"],
    exclude: ["node_modules/**", "build/**", "public/build/**", "tests/.tmp/**", "tests/e2e/**"],
    environment: "node",
    // better-sqlite3 is a native module: child processes isolate it more
    // reliably than worker threads. The CI machines have 2 cores.
    pool: "forks",
    maxWorkers: 2,
    // Migrates tests/.tmp/base.sqlite once per run; every test file copies it.
    globalSetup: ["tests/setup/global-setup.ts"],
    // Points DATABASE_PATH/UPLOADS_DIR of each test file at its own fresh copy.
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Server processes and SQLite files are per file; no shared state leaks.
    restoreMocks: true,
    unstubEnvs: true,
  },
});
