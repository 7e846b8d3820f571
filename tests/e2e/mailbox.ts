/**
 * The e2e mailbox: what the local SMTP catcher received from the e2e server
 * (playwright.config.ts starts both; the server sends its outbox through
 * SMTP like production). Read with mailparser, so a test sees what a mail
 * client would show.
 */
import path from "node:path";
import { expect } from "@playwright/test";
import { readMaildir, type MaildirMessage } from "../fakes/smtp-maildir";

export const MAIL_DIR = path.join(process.cwd(), "tests/.tmp/e2e-mail");

export type Mail = MaildirMessage;

/** Every mail received so far. */
export function allMail(): Promise<Mail[]> {
  return readMaildir(MAIL_DIR);
}

/**
 * Waits (the job worker polls every 200 ms) for the newest mail to `address`
 * whose subject matches, and returns it.
 */
export async function waitForMail(address: string, subject: RegExp | string, timeoutMs = 15_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await allMail()).filter(
          (m) => m.to.includes(address.toLowerCase()) && (typeof subject === "string" ? m.subject.includes(subject) : subject.test(m.subject)),
        );
        found = mails.at(-1);
        return found !== undefined;
      },
      { timeout: timeoutMs, message: `no mail to ${address} with subject ${String(subject)}` },
    )
    .toBe(true);
  return found!;
}

/** The path (with the language prefix, without the origin) of the first link in a mail's text that matches `route`. */
export function linkIn(mail: Mail, route: RegExp): string {
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = new URL(match[0]);
    if (route.test(url.pathname)) return `${url.pathname}${url.search}`;
  }
  throw new Error(`no link matching ${String(route)} in the mail "${mail.subject}"`);
}
