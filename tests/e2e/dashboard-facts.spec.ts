/**
 * The artisan dashboard's facts, needs, motif proposals and documents as the
 * demo artisan uses them, with and without JavaScript: report figures (the
 * earlier report moves to the history), open a need and mark it in progress,
 * propose a motif, upload a small PDF and open it again; the association
 * officer sees the need and the scan.
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/data/people";
import { allowConsoleError, expect, test, visit } from "./fixtures";
import { t } from "./strings";

type Locale = "id" | "en";
const prefix = (locale: Locale) => (locale === "en" ? "/en" : "");
const SLOW = { timeout: 20_000 };

async function logIn(page: Page, locale: Locale, email: string) {
  await visit(page, `${prefix(locale)}/login`);
  await page.getByLabel(t(locale, "login.email")).fill(email);
  await page.getByLabel(t(locale, "login.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t(locale, "login.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${prefix(locale)}/account$`), SLOW);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("the artisan reports facts, opens a need, proposes a motif and uploads a document @nojs", async ({ page }) => {
  test.slow();
  const project = test.info().project.name;
  const stamp = `${project}-${Date.now()}`;
  const locale: Locale = project === "no-js" ? "id" : "en";
  const p = prefix(locale);
  await logIn(page, locale, "artisan@demo.test");

  // Facts: a new report; the earlier one stays in the history.
  await visit(page, `${p}/dashboard/facts`);
  await expect(page.getByRole("heading", { level: 1, name: t(locale, "shopFacts.facts.title") })).toBeVisible();
  await expect(page.getByRole("link", { name: t(locale, "shopFacts.facts.consentLink") })).toHaveAttribute("href", `${p}/account/privacy`);
  const men = String(10 + (Date.now() % 50));
  await page.getByLabel(t(locale, "shopFacts.facts.men")).fill(men);
  await page.getByLabel(t(locale, "shopFacts.facts.women")).fill("12");
  await page.getByLabel(t(locale, "shopFacts.facts.capacityLabel")).fill("-3");
  // Without JavaScript the server answers the bad number with a 400 page.
  allowConsoleError(page, /status of 400/);
  await page.getByRole("button", { name: t(locale, "shopFacts.facts.submit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.facts.errors.count"))).toBeVisible();
  await expect(page.getByLabel(t(locale, "shopFacts.facts.men"))).toHaveValue(men);
  await page.getByLabel(t(locale, "shopFacts.facts.capacityLabel")).fill("240");
  await page.getByRole("button", { name: t(locale, "shopFacts.facts.submit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.facts.saved"))).toBeVisible(SLOW);
  await visit(page, `${p}/dashboard/facts`);
  const current = page.getByTestId("facts-current");
  await expect(current).toContainText(men);
  await expect(current).toContainText(t(locale, "shopFacts.facts.capacityValue_other", { count: 240 }));
  await expect(page.getByTestId("facts-history").locator("tbody tr").first()).toBeVisible();

  // A facility need, then a status change that keeps the earlier state.
  await visit(page, `${p}/dashboard/needs`);
  const description = `Kompor listrik untuk membatik (${stamp})`;
  await page.getByLabel(t(locale, "shopFacts.needs.kind")).selectOption("equipment");
  await page.getByLabel(t(locale, "shopFacts.needs.description")).fill(description);
  await page.getByRole("button", { name: t(locale, "shopFacts.needs.submit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.needs.opened"))).toBeVisible(SLOW);
  await visit(page, `${p}/dashboard/needs`);
  const need = page.locator("li.panel", { hasText: description });
  await expect(need).toHaveAttribute("data-status", "open");
  await need.getByLabel(t(locale, "shopFacts.needs.changeLabel")).selectOption("in_progress");
  await need.getByRole("button", { name: t(locale, "shopFacts.needs.changeSubmit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.needs.updated"))).toBeVisible(SLOW);
  const moved = page.locator("li.panel", { hasText: description });
  await expect(moved).toHaveAttribute("data-status", "in_progress");
  await expect(moved.getByText(t(locale, "shopFacts.needs.historyHeading"))).toBeVisible();

  // A motif proposal (photos are added on its own page once saved).
  await visit(page, `${p}/dashboard/motifs`);
  await expect(page.getByText(t(locale, "photos.motif.afterSaving"))).toBeVisible();
  const motif = `Kembang Kanigoro ${stamp}`;
  await page.getByLabel(t(locale, "shopFacts.motifs.name")).fill(motif);
  await page.getByLabel(t(locale, "shopFacts.motifs.storyId")).fill("Motif bunga dari pekarangan Kanigoro.");
  await page.getByLabel(t(locale, "shopFacts.motifs.region")).selectOption("kabupaten");
  await page.getByRole("button", { name: t(locale, "shopFacts.motifs.submit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.motifs.proposed", { name: motif }))).toBeVisible(SLOW);
  await visit(page, `${p}/dashboard/motifs`);
  await expect(page.locator("li.panel", { hasText: motif })).toHaveAttribute("data-status", "proposed");

  // A document with a small PDF scan; it can be opened again.
  await visit(page, `${p}/dashboard/documents`);
  const number = `SNI-${stamp}`;
  await page.getByLabel(t(locale, "shopFacts.documents.kind")).selectOption("sni");
  await page.getByLabel(t(locale, "shopFacts.documents.number")).fill(number);
  await page.getByLabel(t(locale, "shopFacts.documents.issuerLabel")).fill("LSPro Batik");
  await page.getByLabel(t(locale, "shopFacts.documents.file", { max: 10 })).setInputFiles({ name: "sni.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: t(locale, "shopFacts.documents.submit") }).click();
  await expect(page.getByText(t(locale, "shopFacts.documents.saved", { number }))).toBeVisible(SLOW);
  await visit(page, `${p}/dashboard/documents`);
  const doc = page.locator("li.panel", { hasText: number });
  await expect(doc).toHaveAttribute("data-status", "pending");
  const href = await doc.getByRole("link", { name: new RegExp(t(locale, "shopFacts.documents.viewFile")) }).getAttribute("href");
  expect(href).toMatch(new RegExp(`^${p}/dashboard/documents/\\d+/file$`));
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  // The route sets it and so does the server's helmet middleware: "nosniff" (or "nosniff, nosniff").
  expect(file.headers()["x-content-type-options"]).toMatch(/^nosniff(, nosniff)?$/);
  expect(file.headers()["cache-control"]).toBe("private, no-store");
  expect(Buffer.from(await file.body())).toEqual(PDF);

  // The association officer sees the need and can open the scan from the queue.
  await page.context().clearCookies();
  const officer = page;
  await logIn(officer, "id", "association@demo.test");
  await visit(officer, "/association/needs");
  await expect(officer.getByText(description)).toBeVisible();
  await visit(officer, "/association/verification");
  const id = href!.match(/documents\/(\d+)\/file/)![1];
  const queued = officer.locator(`[data-document-id="${id}"]`);
  const officerHref = await queued.getByRole("link", { name: new RegExp(t("id", "shopFacts.association.viewFile")) }).getAttribute("href");
  expect(officerHref).toBe(`/association/documents/${id}/file`);
  expect((await officer.request.get(officerHref!)).status()).toBe(200);
});
