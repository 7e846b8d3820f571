/**
 * Shared Playwright fixtures. Every spec imports `test`, `expect` and `visit`
 * from here instead of from @playwright/test:
 *
 *   import { expect, test, visit } from "./fixtures";
 *   test("motif page @nojs", async ({ page }) => {
 *     await visit(page, "/motifs/kawung");            // status < 400 + axe check
 *     await visit(page, "/motifs/nope", { status: 404 });
 *   });
 *
 * - Any console error or uncaught page error fails the test (CSP violations,
 *   hydration mismatches and 404ed assets all show up there).
 * - visit() asserts the status and runs axe-core (WCAG 2.1 A/AA) on the page.
 * - Tag a test "@nojs" in its title to run it in the no-js project too.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page, type Response } from "@playwright/test";

export { expect };

type Problem = { kind: "console" | "pageerror"; text: string; url: string };
type Allowance = (problem: Problem) => boolean;

const allowances = new WeakMap<BrowserContext, Allowance[]>();
/** The JS-on, scripts-blocked context that axe uses for a no-JS test (one per test). */
const axeHelpers = new WeakMap<BrowserContext, Promise<BrowserContext>>();

/**
 * Declares a console error the test expects (e.g. the browser's own "Failed to
 * load resource: … 400" line after a form posted invalid data with JS on).
 * A string matches the message text exactly; a RegExp tests it.
 */
export function allowConsoleError(page: Page, matcher: string | RegExp | Allowance) {
  const allowance: Allowance =
    typeof matcher === "function"
      ? matcher
      : typeof matcher === "string"
        ? (p) => p.text === matcher
        : (p) => matcher.test(p.text);
  const context = page.context();
  allowances.set(context, [...(allowances.get(context) ?? []), allowance]);
}

export const test = base.extend<{ failOnConsoleErrors: void }>({
  failOnConsoleErrors: [
    async ({ context }, use) => {
      const problems: Problem[] = [];
      // Context-wide, so popups and new tabs are watched too.
      context.on("console", (message) => {
        if (message.type() !== "error") return;
        problems.push({ kind: "console", text: message.text(), url: message.location().url });
      });
      context.on("weberror", (webError) => {
        const error = webError.error();
        problems.push({ kind: "pageerror", text: error.stack ?? error.message, url: webError.page()?.url() ?? "" });
      });
      await use();
      const helper = axeHelpers.get(context);
      if (helper) await (await helper).close();
      const allowed = allowances.get(context) ?? [];
      const unexpected = problems.filter((p) => !allowed.some((allow) => allow(p)));
      if (unexpected.length > 0) {
        const list = unexpected.map((p) => `  - [${p.kind}] ${p.text}${p.url ? ` (at ${p.url})` : ""}`).join("\n");
        throw new Error(`The page logged ${unexpected.length} error(s) in the browser console:\n${list}`);
      }
    },
    { auto: true },
  ],
});

export type VisitOptions = {
  /** The exact status expected; without it any status below 400 passes. */
  status?: number;
  /** Skip the accessibility check (only for non-HTML responses). */
  axe?: boolean;
};

/**
 * Opens a path (relative to baseURL), checks the response status, waits for
 * hydration when JavaScript is on, and fails on any WCAG 2.1 A/AA violation.
 */
export async function visit(page: Page, path: string, options: VisitOptions = {}): Promise<Response> {
  const expected = options.status;
  if (expected !== undefined && expected >= 400) {
    // Chromium logs every failed document load as a console error; this one is the point of the test.
    const target = new URL(path, test.info().project.use.baseURL ?? "http://127.0.0.1").href;
    allowConsoleError(
      page,
      (p) => p.url === target && p.text.startsWith(`Failed to load resource: the server responded with a status of ${expected} `),
    );
  }
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  const status = response!.status();
  if (expected === undefined) {
    expect(status, `GET ${path} answered ${status}`).toBeLessThan(400);
  } else {
    expect(status, `GET ${path} answered ${status}, expected ${expected}`).toBe(expected);
  }
  await waitForHydration(page);
  if (options.axe !== false) await expectAccessible(page);
  return response!;
}

/**
 * With JavaScript on, waits until Remix has hydrated the document so that
 * clicks are handled by the client router (and hydration errors surface).
 */
export async function waitForHydration(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return;
  // RemixBrowser sets window.__remixRouter once it has created the client router.
  // A page that never hydrates (a script blocked by the CSP, a missing chunk)
  // fails here with a clear message instead of at the test's own timeout.
  await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 }).catch(() => {
    throw new Error(`${page.url()} did not hydrate within 15 s: see the console errors reported with this test`);
  });
}

/**
 * Runs axe-core with the WCAG 2.1 A and AA rules on the current page and fails
 * with a readable list. axe runs inside the page, which a JavaScript-disabled
 * page cannot do: there the same URL is opened in a helper context with
 * JavaScript on but every script file blocked, so axe sees the server-rendered
 * document exactly as a no-JS visitor gets it (same cookies, same CSS).
 */
export async function expectAccessible(page: Page) {
  const results =
    test.info().project.use.javaScriptEnabled === false ? await analyzeWithoutPageScripts(page) : await analyze(page);
  const violations = results.violations;
  if (violations.length === 0) return;
  const list = violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(" ")}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  - ${v.id} (${v.impact ?? "unknown"}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
  throw new Error(`Accessibility violations on ${page.url()}:\n${list}`);
}

function analyze(page: Page) {
  return new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
}

async function analyzeWithoutPageScripts(page: Page) {
  const context = page.context();
  if (!axeHelpers.has(context)) axeHelpers.set(context, createAxeHelper(page));
  const helper = await axeHelpers.get(context)!;
  await helper.clearCookies();
  await helper.addCookies(await context.cookies());
  const clone = await helper.newPage();
  try {
    await clone.goto(page.url());
    return await analyze(clone);
  } finally {
    await clone.close();
  }
}

async function createAxeHelper(page: Page): Promise<BrowserContext> {
  const browser = page.context().browser();
  if (!browser) throw new Error("expectAccessible: the page has no browser to open a helper context in");
  const use = test.info().project.use;
  const helper = await browser.newContext({
    baseURL: use.baseURL,
    viewport: page.viewportSize(),
    timezoneId: use.timezoneId,
    locale: use.locale,
    javaScriptEnabled: true,
  });
  // Script files never load, so the document is never hydrated or changed.
  await helper.route("**/*", (route) =>
    route.request().resourceType() === "script" ? route.abort("blockedbyclient") : route.continue(),
  );
  return helper;
}
