/**
 * Issue 6's headline, end to end and through real mail: a guest asks about a
 * product (with a photo); the artisan sees the photo and replies from the
 * dashboard; the guest reads the reply through the link in the mail the
 * local SMTP server caught; the artisan
 * records the conversation as an offline sale; the sale shows in the
 * artisan's statistics. Then no caught mail to the guest and no page the
 * guest saw holds the artisan's phone or e-mail.
 *
 * It uses its own shop (Batik Sumber, jugo@demo.test), which no other spec
 * touches, so the statistics can be compared before and after; and it runs
 * once (@nojs-only: without JavaScript, every step is a plain form).
 */
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { queryOne } from "./e2e-db";
import { expect, test, visit } from "./fixtures";
import { allMail, linkIn, waitForMail } from "./mailbox";
import { t } from "./strings";

const OWNER = "jugo@demo.test";
const SHOP_SLUG = "batik-sumber-jugo";
const SLOW = { timeout: 20_000 };

function query<T>(sql: string, ...params: unknown[]): T {
  const row = queryOne<T>(sql, ...params);
  expect(row, sql).toBeDefined();
  return row!;
}

/** "Rp 1.750.000" → 1750000 (the cell may hold a minus sign for refunds). */
function rupiah(text: string): number {
  const digits = text.replace(/[^\d−-]/g, "");
  const value = Number(digits.replace(/[−-]/g, ""));
  return /[−-]/.test(digits) ? -value : value;
}

async function logIn(page: Page, email: string) {
  await visit(page, "/login");
  await page.getByLabel(t("id", "login.email")).fill(email);
  await page.getByLabel(t("id", "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t("id", "login.submit") }).click();
  await expect(page).toHaveURL(/\/account$/, SLOW);
}

async function logOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: t("id", "auth.logOut") }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: t("id", "auth.logIn") })).toBeVisible();
}

/** This WIB month's revenue cells (offline, total) on the statistics page. */
async function revenueThisMonth(page: Page, month: string) {
  await visit(page, "/dashboard/statistics");
  const row = page.getByTestId("stats-revenue").locator(`tr[data-month="${month}"]`);
  const cells = row.locator("td");
  return { offline: rupiah(await cells.nth(0).innerText()), total: rupiah(await cells.nth(3).innerText()) };
}

test("a guest asks, the artisan replies, the guest reads it from the mailed link, and the offline sale shows in the statistics @nojs-only", async ({ page }) => {
  test.slow();
  const shop = query<{ name: string; whatsapp_number: string | null; owner_email: string }>(
    "select a.name, a.whatsapp_number, u.email as owner_email from artisans a join users u on u.id = a.owner_user_id where a.slug = ?",
    SHOP_SLUG,
  );
  const product = query<{ slug: string; title_id: string }>(
    "select p.slug, p.title_id from products p join artisans a on a.id = p.artisan_id where a.slug = ? and p.status = 'published' order by p.id limit 1",
    SHOP_SLUG,
  );
  expect(shop.whatsapp_number, "the demo shop has a WhatsApp number to keep private").toBeTruthy();
  const secrets = [shop.owner_email, shop.whatsapp_number!, shop.whatsapp_number!.replace(/^\+?62/, "0")];
  const seen: string[] = [];
  const guestEmail = `tamu-${Date.now()}@example.test`;
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);

  // The artisan's statistics before.
  await logIn(page, OWNER);
  const before = await revenueThisMonth(page, month);
  await logOut(page);

  // 1. The guest asks from the product page.
  await visit(page, `/products/${product.slug}`);
  seen.push(await page.content());
  await page.getByRole("link", { name: t("id", "products.askArtisan") }).click();
  await expect(page).toHaveURL(new RegExp(`/inquiries/new\\?product=${product.slug}$`));
  await page.getByLabel(t("id", "inquiries.new.message")).fill("Selamat siang, apakah kain ini bisa dikirim ke Surabaya minggu ini?");
  await page.getByLabel(t("id", "inquiries.new.name")).fill("Dewi Tamu");
  await page.getByLabel(t("id", "inquiries.new.email")).fill(guestEmail);
  // A reference photo goes with the question, through the image pipeline.
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 60, b: 110 } } }).jpeg().toBuffer();
  await page.getByLabel(t("id", "thread.attach.label")).setInputFiles({ name: "contoh-warna.jpg", mimeType: "image/jpeg", buffer: photo });
  seen.push(await page.content());
  await page.getByRole("button", { name: t("id", "inquiries.new.submit") }).click();
  await expect(page).toHaveURL(/\/inquiries\/new\?sent=1$/, SLOW);
  seen.push(await page.content());

  // The receipt arrives by SMTP with the private link.
  const receipt = await waitForMail(guestEmail, shop.name);
  const threadPath = linkIn(receipt, /^\/inquiries\/[A-Z0-9]{16}$/);
  const inquiry = query<{ id: number; source: string; status: string }>("select id, source, status from inquiries where token = ?", threadPath.split("/").at(-1));
  expect(inquiry).toMatchObject({ source: "product_page", status: "new" });

  // 2. The artisan replies from the dashboard.
  await logIn(page, OWNER);
  await visit(page, `/dashboard/inquiries/${inquiry.id}`);
  await expect(page.getByText("apakah kain ini bisa dikirim ke Surabaya")).toBeVisible();
  // The guest's photo shows in the thread once the background job has made its variants.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator(".thread__photos img").count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.getByLabel(t("id", "inbox.thread.replyLabel")).fill("Bisa, Bu Dewi. Kami kirim Kamis lewat JNE, ongkir Rp 20.000.");
  await page.getByRole("button", { name: t("id", "inbox.thread.send") }).click();
  await expect(page.getByText(t("id", "inbox.thread.replied"))).toBeVisible(SLOW);
  await logOut(page);

  // 3. The guest reads the reply through the link in the reply mail.
  const reply = await waitForMail(guestEmail, "membalas");
  expect(reply.text).toContain("Kami kirim Kamis lewat JNE");
  await visit(page, linkIn(reply, /^\/inquiries\/[A-Z0-9]{16}$/));
  await expect(page.getByText("Bisa, Bu Dewi. Kami kirim Kamis lewat JNE, ongkir Rp 20.000.")).toBeVisible();
  seen.push(await page.content());

  // 4. The artisan records the conversation as an offline sale (today, the default date).
  await logIn(page, OWNER);
  await visit(page, `/dashboard/inquiries/${inquiry.id}`);
  await page.getByLabel(t("id", "inbox.thread.amount")).fill("1750000");
  await page.getByRole("button", { name: t("id", "inbox.thread.recordSale") }).click();
  await expect(page.getByText(t("id", "inbox.thread.saleRecorded"))).toBeVisible(SLOW);
  await expect(page.getByTestId("inquiry-status")).toHaveText(t("id", "inquiries.statuses.converted"));

  // 5. The sale shows in the statistics: this month's offline revenue and total grew by exactly Rp 1.750.000.
  const after = await revenueThisMonth(page, month);
  expect(after).toEqual({ offline: before.offline + 1_750_000, total: before.total + 1_750_000 });

  // Nothing the guest saw or received holds the artisan's phone or e-mail.
  const guestMail = (await allMail()).filter((m) => m.to.includes(guestEmail));
  expect(guestMail.map((m) => m.subject)).toHaveLength(2);
  for (const text of [...seen, ...guestMail.map((m) => `${m.subject}\n${m.text}\n${m.html}\n${m.raw}`)]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
});
