/**
 * Artisans' phone numbers and e-mail addresses never reach a public page:
 * not in the visible text, not in attributes, not in the loader data that
 * Remix serialises into the document. The demo artisans' WhatsApp numbers
 * and owner e-mails are in the database (db/seed); the raw HTML of every
 * public page type is checked for them and for any phone or e-mail pattern.
 */
import type { APIRequestContext } from "@playwright/test";
import { ARTISANS } from "../../db/seed/data/artisans";
import { DEMO_DOMAIN, ownerEmail } from "../../db/seed/data/people";
import { expect, test, visit } from "./fixtures";

/** Every way a number like +6281200000101 may be written: +62…, 62…, 0812…, and with spaces or dashes removed. */
const PHONE_FORMS = ARTISANS.flatMap((a) => {
  const digits = a.whatsapp.replace(/\D/g, "");
  const national = digits.replace(/^62/, "");
  return [digits, `0${national}`, national];
});
const OWNER_EMAILS = ARTISANS.map((a) => ownerEmail(a.key));
/** Indonesian mobile numbers: +62 8…, 62 8…, 08… with optional separators. */
const PHONE_PATTERN = /(?:\+62|\b62|\b0)[\s-]?8\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}\b/;
const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z]{2,}/;

function expectClean(path: string, html: string) {
  const compact = html.replace(/[\s-]/g, "");
  for (const form of PHONE_FORMS) expect(compact, `${path} contains the number ${form}`).not.toContain(form);
  for (const email of OWNER_EMAILS) expect(html, `${path} contains ${email}`).not.toContain(email);
  expect(html, `${path} contains the demo e-mail domain`).not.toContain(DEMO_DOMAIN);
  // Image keys are hex hashes, so only whole-word digit runs count as phone numbers.
  expect(PHONE_PATTERN.exec(html)?.[0] ?? null, `${path} contains a phone number`).toBeNull();
  expect(EMAIL_PATTERN.exec(html)?.[0] ?? null, `${path} contains an e-mail address`).toBeNull();
}

/** The document as the server sends it (loader data included), without a browser: the check is about bytes, not rendering. */
async function expectNoContacts(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  expectClean(path, await response.text());
}

/** Links of one kind found in a page, e.g. every product on a list page. */
async function linksIn(request: APIRequestContext, path: string, prefix: string): Promise<string[]> {
  const html = await (await request.get(path)).text();
  return [...new Set([...html.matchAll(new RegExp(`href="(${prefix}[a-z0-9-]+)"`, "g"))].map((m) => m[1]))];
}

test.describe("no artisan contact details in public pages", () => {
  test("every public artisan profile, in both languages", async ({ request }) => {
    for (const artisan of ARTISANS.filter((a) => a.membership === "verified")) {
      await expectNoContacts(request, `/artisans/${artisan.slug}`);
      await expectNoContacts(request, `/en/artisans/${artisan.slug}`);
    }
  });

  test("home, lists, every product on the first page, every motif and every upcoming event", async ({ request }) => {
    for (const path of ["/", "/en", "/artisans", "/products", "/products?page=2", "/products?q=batik", "/motifs", "/events"]) {
      await expectNoContacts(request, path);
    }
    const details = [
      ...(await linksIn(request, "/products", "/products/")),
      ...(await linksIn(request, "/motifs", "/motifs/")),
      ...(await linksIn(request, "/events", "/events/")),
    ];
    expect(details.length).toBeGreaterThan(40);
    for (const path of details) await expectNoContacts(request, path);
  });

  test("a profile page seen in the browser, with JavaScript off too @nojs", async ({ page }) => {
    const response = await visit(page, "/artisans/batik-lintang-tlogo");
    expectClean("/artisans/batik-lintang-tlogo", await response.text());
    expectClean("/artisans/batik-lintang-tlogo (DOM)", await page.content());
  });
});
