/**
 * Asking an artisan (issue 6, the buyer's side), as a person does it: a
 * guest finds a product by searching, asks, gets the private link by mail,
 * opens it and replies; a signed-in buyer asks and finds the thread under
 * their account; a visitor asks an exhibitor from the event page. No page
 * or mail shows the artisan's phone number or e-mail address.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { queryOne } from "./e2e-db";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { linkIn, waitForMail } from "./mailbox";
import { t } from "./strings";

function query<T>(sql: string, ...params: unknown[]): T {
  const row = queryOne<T>(sql, ...params);
  expect(row, sql).toBeDefined();
  return row!;
}

type ShopA = { id: number; slug: string; name: string; whatsapp_number: string | null; owner_email: string };
const shopA = () =>
  query<ShopA>(
    `select a.id, a.slug, a.name, a.whatsapp_number, u.email as owner_email
       from artisans a join users u on u.id = a.owner_user_id where u.email = 'artisan@demo.test'`,
  );

/** The artisan's contact must not be in `text` (the WhatsApp number in any usual spelling). */
function expectNoContact(shop: ShopA, text: string) {
  expect(text.toLowerCase()).not.toContain(shop.owner_email.toLowerCase());
  if (shop.whatsapp_number) {
    const national = shop.whatsapp_number.replace(/\D/g, "").replace(/^62/, "").replace(/^0/, "");
    expect(text).not.toMatch(new RegExp(national.split("").join("[\\s.\\-()]*")));
  }
}

/** A fresh address per test and project, so the per-e-mail limit never trips across runs. */
function freshEmail(label: string) {
  return `${label}.${test.info().project.name}.${Date.now()}@example.org`.toLowerCase();
}

async function logIn(page: Page, email: string, locale: "id" | "en") {
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
}

test("a guest finds a product by search, asks, gets the private link by mail, opens it and replies @nojs", async ({ page }) => {
  const shop = shopA();
  const product = query<{ slug: string; title_id: string }>(
    "select slug, title_id from products where artisan_id = ? and status = 'published' order by id limit 1",
    shop.id,
  );
  const email = freshEmail("tamu");

  await visit(page, `/products?q=${encodeURIComponent(product.title_id)}`);
  await page.getByRole("link", { name: product.title_id, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/products/${product.slug}\\?src=search$`));
  await page.getByRole("link", { name: t("id", "products.askArtisan") }).click();
  await expect(page).toHaveURL(new RegExp(`/inquiries/new\\?product=${product.slug}&src=search$`));
  await visit(page, page.url());
  await expect(page.getByRole("heading", { level: 1, name: t("id", "inquiries.new.titleProduct", { title: product.title_id }) })).toBeVisible();
  await expect(page.getByRole("radio", { name: t("id", "inquiries.kinds.product") })).toBeChecked();
  expectNoContact(shop, await page.content());

  // A wrong quantity comes back with its message and every typed value kept (server-side without JavaScript:
  // the browser logs the 400 document; with JavaScript the same check runs before sending).
  allowConsoleError(page, /^Failed to load resource: the server responded with a status of 400/);
  await page.getByRole("radio", { name: t("id", "inquiries.kinds.custom") }).check();
  await page.getByLabel(t("id", "inquiries.new.message")).fill("Bisa dibuatkan 2 lembar dengan warna biru tua?");
  await page.getByLabel(t("id", "inquiries.new.quantity")).fill("dua");
  await page.getByLabel(t("id", "inquiries.new.name")).fill("Sari Tamu");
  await page.getByLabel(t("id", "inquiries.new.email")).fill(email);
  await page.getByRole("button", { name: t("id", "inquiries.new.submit") }).click();
  await expect(page.getByText(t("id", "inquiries.errors.quantityInvalid"))).toBeVisible();
  await expect(page.getByLabel(t("id", "inquiries.new.message"))).toHaveValue("Bisa dibuatkan 2 lembar dengan warna biru tua?");
  await expect(page.getByLabel(t("id", "inquiries.new.email"))).toHaveValue(email);
  await expect(page.getByRole("radio", { name: t("id", "inquiries.kinds.custom") })).toBeChecked();

  await page.getByLabel(t("id", "inquiries.new.quantity")).fill("2");
  await page.getByRole("button", { name: t("id", "inquiries.new.submit") }).click();
  await expect(page).toHaveURL(/\/inquiries\/new\?sent=1$/);
  await expect(page.getByRole("heading", { level: 1, name: t("id", "inquiries.sent.title") })).toBeVisible();
  const confirmation = await page.content();
  expect(confirmation).not.toMatch(/\/inquiries\/[A-Z0-9]{16}/);

  const receipt = await waitForMail(email, shop.name);
  const threadPath = linkIn(receipt, /^\/inquiries\/[A-Z0-9]{16}$/);
  expectNoContact(shop, `${receipt.subject}\n${receipt.text}\n${receipt.html}`);
  const token = threadPath.split("/").at(-1)!;
  expect(query<{ source: string; kind: string; quantity: number }>("select source, kind, quantity from inquiries where token = ?", token)).toEqual({
    source: "search",
    kind: "custom",
    quantity: 2,
  });

  const response = await visit(page, threadPath);
  // The site-wide header comes first and the page's own after it: browsers apply the last policy they know.
  expect(response.headers()["referrer-policy"].split(/[,\n]/).map((p) => p.trim()).at(-1)).toBe("same-origin");
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  await expect(page.getByRole("heading", { level: 1, name: t("id", "inquiries.thread.title", { name: shop.name }) })).toBeVisible();
  await expect(page.getByText("Bisa dibuatkan 2 lembar dengan warna biru tua?")).toBeVisible();
  await expect(page.getByTestId("thread-status")).toHaveText(t("id", "inquiries.statuses.new"));
  expectNoContact(shop, await page.content());

  await page.getByRole("textbox", { name: t("id", "inquiries.thread.reply") }).fill("Ukuran 2 x 1,15 m. Terima kasih!");
  await page.getByRole("button", { name: t("id", "inquiries.thread.replySubmit") }).click();
  await expect(page).toHaveURL(new RegExp(`/inquiries/${token}$`));
  await expect(page.getByText(t("id", "inquiries.thread.replied"))).toBeVisible();
  await expect(page.getByText("Ukuran 2 x 1,15 m. Terima kasih!")).toBeVisible();

  // A wrong token is a 404.
  await visit(page, "/inquiries/ABCDEFGHJKLMNPQR", { status: 404 });
});

test("a signed-in buyer asks an artisan in English and finds the thread under My inquiries @nojs", async ({ page }) => {
  const shop = shopA();
  await visit(page, "/en/login");
  await logIn(page, "buyer@demo.test", "en");
  await expect(page).toHaveURL(/\/en\/account$/);

  await visit(page, `/en/artisans/${shop.slug}`);
  await page.getByRole("link", { name: t("en", "products.askArtisan") }).first().click();
  await expect(page).toHaveURL(new RegExp(`/en/inquiries/new\\?artisan=${shop.slug}$`));
  await visit(page, page.url());
  await expect(page.getByTestId("account-email")).toContainText("buyer@demo.test");
  await expect(page.getByLabel(t("en", "inquiries.new.email"))).toHaveCount(0);
  await expect(page.getByLabel(t("en", "inquiries.new.locale"))).toHaveValue("en");
  const message = `Do you ship 50 pieces to Singapore? (${test.info().project.name})`;
  await page.getByRole("radio", { name: t("en", "inquiries.kinds.wholesale") }).check();
  await page.getByLabel(t("en", "inquiries.new.message")).fill(message);
  await page.getByLabel(t("en", "inquiries.new.quantity")).fill("50");
  await page.getByLabel(t("en", "inquiries.new.budget")).fill("12.500.000");
  await page.getByRole("button", { name: t("en", "inquiries.new.submit") }).click();
  await expect(page).toHaveURL(/\/en\/inquiries\/[A-Z0-9]{16}$/);
  await expect(page.getByText(t("en", "inquiries.sent.flash"))).toBeVisible();
  await expect(page.getByText(message)).toBeVisible();
  const token = page.url().split("/").at(-1)!;

  await visit(page, "/en/account");
  await page.getByRole("link", { name: t("en", "inquiries.account.accountLink") }).click();
  await expect(page).toHaveURL(/\/en\/account\/inquiries$/);
  await visit(page, "/en/account/inquiries");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "inquiries.account.title") })).toBeVisible();
  const link = page.getByRole("link", { name: t("en", "inquiries.account.open", { name: shop.name }) }).and(page.locator(`[href="/en/inquiries/${token}"]`));
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/en/inquiries/${token}$`));
  expectNoContact(shop, await page.content());
});

test("a visitor asks an exhibitor from the event page @nojs", async ({ page }) => {
  const event = query<{ slug: string; title_en: string; artisan_slug: string; artisan_name: string }>(
    `select e.slug, e.title_en, a.slug as artisan_slug, a.name as artisan_name
       from events e join event_exhibitors x on x.event_id = e.id and x.status = 'approved'
       join artisans a on a.id = x.artisan_id and a.status = 'active' and a.membership_status = 'verified'
      where e.status = 'published' order by e.starts_at desc, a.name limit 1`,
  );
  const email = freshEmail("pameran");
  await visit(page, `/en/events/${event.slug}`);
  // Each exhibitor has its own link, which preselects them in the form.
  await page.getByRole("link", { name: t("en", "inquiries.askThisExhibitor", { name: event.artisan_name }) }).click();
  await expect(page).toHaveURL(new RegExp(`/en/inquiries/new\\?event=${event.slug}&artisan=${event.artisan_slug}$`));
  await expect(page.getByLabel(t("en", "inquiries.new.exhibitor"))).toHaveValue(event.artisan_slug);
  await page.goBack();
  await page.getByRole("link", { name: t("en", "inquiries.askExhibitor") }).click();
  await expect(page).toHaveURL(new RegExp(`/en/inquiries/new\\?event=${event.slug}$`));
  await visit(page, page.url());
  await expect(page.getByRole("heading", { level: 1, name: t("en", "inquiries.new.titleEvent", { title: event.title_en }) })).toBeVisible();
  await expect(page.getByRole("radio", { name: t("en", "inquiries.kinds.exhibition") })).toBeChecked();
  const select = page.getByLabel(t("en", "inquiries.new.exhibitor"));
  await select.selectOption(event.artisan_slug);
  await page.getByLabel(t("en", "inquiries.new.message")).fill("Will you bring indigo kawung pieces to the exhibition?");
  await page.getByLabel(t("en", "inquiries.new.name")).fill("Visitor");
  await page.getByLabel(t("en", "inquiries.new.email")).fill(email);
  await page.getByRole("button", { name: t("en", "inquiries.new.submit") }).click();
  await expect(page).toHaveURL(/\/en\/inquiries\/new\?sent=1$/);
  await expect(page.getByRole("heading", { level: 1, name: t("en", "inquiries.sent.title") })).toBeVisible();
  const receipt = await waitForMail(email, event.artisan_name);
  const token = linkIn(receipt, /^\/en\/inquiries\/[A-Z0-9]{16}$/).split("/").at(-1)!;
  expect(query<{ source: string; kind: string; event_slug: string }>(
    "select i.source, i.kind, e.slug as event_slug from inquiries i join events e on e.id = i.event_id where i.token = ?",
    token,
  )).toEqual({ source: "event_page", kind: "exhibition", event_slug: event.slug });
});
