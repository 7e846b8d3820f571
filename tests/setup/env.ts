/**
 * Runs before every test file (Vitest setupFiles). Each file gets its own
 * fresh database copy and uploads directory, so code that calls getDb() or
 * writes uploads never sees another file's data, and no test can reach a
 * real SMTP server or start the job worker by accident.
 */
import fs from "node:fs";
import { afterAll } from "vitest";
import { closeDb } from "../../app/utils/db.server";
import { resetEnvForTests } from "../../app/utils/env.server";
import { copyBaseDatabase, removeDatabaseFiles, uniqueTestPath } from "./db";

const databasePath = copyBaseDatabase();
const uploadsDir = uniqueTestPath("uploads");
fs.mkdirSync(uploadsDir, { recursive: true });

process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = databasePath;
process.env.UPLOADS_DIR = uploadsDir;
process.env.JOB_WORKER = "false";
process.env.SEED_ON_START = "false";
process.env.LOG_REQUESTS = "false";
process.env.PUBLIC_ORIGIN = "http://localhost:3000";
// A fixed secret: otherwise env.server.ts would write one beside the database.
process.env.SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";
delete process.env.SMTP_URL;
delete process.env.PORT;
delete process.env.HOST;
resetEnvForTests();

afterAll(async () => {
  await closeDb();
  resetEnvForTests();
  removeDatabaseFiles(databasePath);
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});
