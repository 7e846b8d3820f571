/**
 * The e2e server's mail catcher: the local SMTP catcher (smtp-server.ts) run
 * as a process that writes every accepted message to `<dir>/<n>.eml`, so
 * browser tests read what a real mailbox would receive (the e2e server sends
 * through SMTP like production does).
 *
 *   node_modules/.bin/tsx tests/fakes/smtp-maildir.ts --port 4456 --dir tests/.tmp/e2e-mail
 *
 * `readMaildir(dir)` parses the messages with mailparser (subject, to, text, html).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { startSmtpCatcher } from "./smtp-server";

export type MaildirMessage = { file: string; to: string[]; subject: string; text: string; html: string; raw: string };

/** Every message in the directory, oldest first. */
export async function readMaildir(dir: string): Promise<MaildirMessage[]> {
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  files.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return Promise.all(
    files.map(async (file) => {
      const raw = await fs.readFile(path.join(dir, file), "utf8");
      const parsed = await simpleParser(raw);
      const toField = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
      return {
        file,
        to: toField.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase())),
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
        raw,
      };
    }),
  );
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const port = Number(arg("port") ?? 4456);
  const dir = arg("dir") ?? "tests/.tmp/e2e-mail";
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const catcher = await startSmtpCatcher({ port });
  let written = 0;
  // Poll the catcher's list: it is appended to when the 250 reply is sent.
  const timer = setInterval(() => {
    while (written < catcher.messages.length) {
      const message = catcher.messages[written++];
      const file = path.join(dir, `${written}.eml`);
      // Written whole then renamed, so a reader never sees half a message.
      void fs.writeFile(`${file}.tmp`, message.raw).then(() => fs.rename(`${file}.tmp`, file));
    }
  }, 50);
  const stop = () => {
    clearInterval(timer);
    void catcher.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`smtp catcher on ${catcher.url}, writing to ${dir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
