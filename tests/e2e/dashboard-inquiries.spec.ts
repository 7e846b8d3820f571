/**
 * The artisan's inquiry inbox as the demo artisan uses it, with and without
 * JavaScript: from the overview's unread link to the inbox, a state filter,
 * one new thread answered (the reply mail is in the outbox, without the
 * shop's phone or e-mail) and recorded as an offline sale; then a WhatsApp
 * click's reference code logged as a conversation and its sale recorded.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { queryOne } from "./e2e-db";
import { allowConsoleError, expect, expectAccessible, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const prefix = (locale: Locale) => (locale === "en" ? "/en" : "");
const SLOW = { timeout: 20_000 };
/** The demo artisan's shop (db/seed/data/artisans.ts) and its WhatsApp number in the forms it could leak in. */
const SHOP_SLUG = "batik-lintang-tlogo";
const SHOP_SECRETS = ["6281200000101", "081200000101", "artisan@demo.test"];

async function logIn(page: Page, locale: Locale, email: string) {
  await visit(page, `${prefix(locale)}/login`);
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`), SLOW);
}

/** Records an offline sale on the open thread page: first 0 (refused, value kept), then `amount`. */
async function recordSale(page: Page, locale: Locale, amount: number, shown: string) {
  const amountField = page.getByLabel(t(locale, "inbox.thread.amount"));
  await expect(page.getByLabel(t(locale, "inbox.thread.soldOn"))).not.toHaveValue("");
  await amountField.fill("0");
  // Without JavaScript the server answers 400 with the form and its values.
  allowConsoleError(page, /status of 400/);
  await page.getByRole("button", { name: t(locale, "inbox.thread.recordSale") }).click();
  await expect(page.getByText(t(locale, "inbox.thread.errors.amount"))).toBeVisible();
  await expect(amountField).toHaveValue("0");
  await amountField.fill(String(amount));
  await page.getByRole("button", { name: t(locale, "inbox.thread.recordSale") }).click();
  await expect(page.getByText(t(locale, "inbox.thread.saleRecorded"))).toBeVisible(SLOW);
  await expect(page.getByTestId("inquiry-status")).toHaveText(t(locale, "inquiries.statuses.converted"));
  await expect(page.getByTestId("offline-sale")).toContainText(shown);
  await expectAccessible(page);
}

test("the artisan filters the inbox, answers a thread, records a sale and logs a WhatsApp code @nojs", async ({ page }) => {
  test.slow();
  const project = test.info().project.name;
  const locale: Locale = project === "no-js" ? "id" : "en";
  const p = prefix(locale);
  await logIn(page, locale, "artisan@demo.test");

  // The overview links to the inbox with the unread count.
  await visit(page, `${p}/dashboard`);
  const unreadLink = page.getByTestId("overview-unread");
  await expect(unreadLink).toBeVisible();
  await unreadLink.click();
  await expect(page).toHaveURL(new RegExp(`${p}/dashboard/inquiries$`), SLOW);
  await expect(page.getByRole("heading", { level: 1, name: t(locale, "inbox.title") })).toBeVisible();
  await expect(page.getByTestId("unread-total")).toBeVisible();

  // Only new threads.
  await page.getByLabel(t(locale, "inbox.status")).selectOption("new");
  await page.getByRole("button", { name: t(locale, "inbox.apply") }).click();
  await expect(page).toHaveURL(/\/dashboard\/inquiries\?status=new(&|$)/, SLOW);
  await expectAccessible(page);
  const items = page.locator("li.inbox-item");
  expect(await items.count()).toBeGreaterThan(1);
  expect(new Set(await items.evaluateAll((els) => els.map((el) => el.getAttribute("data-status"))))).toEqual(new Set(["new"]));

  // The two projects run side by side on the same data: each takes its own thread.
  await items.nth(project === "no-js" ? 1 : 0).getByRole("link").click();
  await expect(page).toHaveURL(/\/dashboard\/inquiries\/\d+$/, SLOW);
  const inquiryId = Number(new URL(page.url()).pathname.split("/").pop());
  await expectAccessible(page);
  await expect(page.getByTestId("inquiry-status")).toHaveText(t(locale, "inquiries.statuses.new"));

  const reply = `Terima kasih, kain bisa dikirim minggu depan (${project}-${Date.now()}).`;
  await page.getByLabel(t(locale, "inbox.thread.replyLabel")).fill(reply);
  await page.getByRole("button", { name: t(locale, "inbox.thread.send") }).click();
  await expect(page.getByText(t(locale, "inbox.thread.replied"))).toBeVisible(SLOW);
  await expect(page.getByTestId("inquiry-status")).toHaveText(t(locale, "inquiries.statuses.answered"));
  await expect(page.getByText(reply)).toBeVisible();

  // The buyer's mail carries the reply, never the shop's phone or e-mail.
  const buyer = queryOne<{ buyer_email: string }>("select buyer_email from inquiries where id = ?", inquiryId);
  const mail = queryOne<{ text_body: string; html_body: string }>(
    "select text_body, html_body from mail_outbox where to_address = ? and template = 'inquiryReply' order by id desc limit 1",
    buyer!.buyer_email,
  );
  expect(mail?.text_body).toContain(reply);
  for (const secret of SHOP_SECRETS) {
    expect(mail!.text_body).not.toContain(secret);
    expect(mail!.html_body).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
  }

  await recordSale(page, locale, 350_000, "Rp 350.000");

  // A WhatsApp click gives a reference code (read from the wa.me redirect, never followed).
  const click = await page.request.get(`${p}/artisans/${SHOP_SLUG}/whatsapp`, { maxRedirects: 0 });
  expect(click.status()).toBe(302);
  const code = /BB-[23456789A-Z]{6}/.exec(decodeURIComponent(click.headers()["location"] ?? ""))?.[0];
  expect(code).toBeDefined();

  await visit(page, `${p}/dashboard/inquiries/whatsapp`);
  await expect(page.getByTestId("recent-codes").locator(`tr[data-code="${code}"]`)).toBeVisible();
  // Typed as it might come from a chat: lower case, without the "BB-".
  await page.getByLabel(t(locale, "inbox.whatsapp.code")).fill(code!.slice(3).toLowerCase());
  await page.getByLabel(t(locale, "inbox.kind")).selectOption("custom");
  await page.getByLabel(t(locale, "inbox.whatsapp.note")).fill("Menanyakan 12 lembar kain untuk seragam.");
  await page.getByLabel(t(locale, "inbox.whatsapp.buyerName")).fill("Bu Wulan");
  await page.getByRole("button", { name: t(locale, "inbox.whatsapp.submit") }).click();
  await expect(page.getByText(t(locale, "inbox.whatsapp.logged"))).toBeVisible(SLOW);
  await expect(page).toHaveURL(/\/dashboard\/inquiries\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t(locale, "inbox.thread.title", { name: "Bu Wulan" }));
  await expect(page.getByTestId("inquiry-facts")).toContainText(code!);
  await expect(page.getByTestId("inquiry-status")).toHaveText(t(locale, "inquiries.statuses.answered"));
  await expectAccessible(page);
  await recordSale(page, locale, 1_250_000, "Rp 1.250.000");

  // The same code again: refused, with a link to the thread it became.
  await visit(page, `${p}/dashboard/inquiries/whatsapp`);
  await page.getByLabel(t(locale, "inbox.whatsapp.code")).fill(code!);
  await page.getByLabel(t(locale, "inbox.whatsapp.note")).fill("Lagi");
  allowConsoleError(page, /status of 409/);
  await page.getByRole("button", { name: t(locale, "inbox.whatsapp.submit") }).click();
  await expect(page.getByText(t(locale, "inbox.whatsapp.errors.logged"))).toBeVisible(SLOW);
  await expect(page.getByTestId("logged-thread").getByRole("link")).toBeVisible();
});
