import { absoluteUrl } from "~/utils/seo.server";

/**
 * Private and per-visitor pages (dashboards, accounts, checkout, tokens,
 * search suggestions, WhatsApp hand-offs, short links) stay out of search
 * engines, in both languages; everything else is public. The pages also say
 * noindex, which only helps when a crawler reads them.
 */
export const DISALLOWED = [
  "/account",
  "/dashboard",
  "/admin",
  "/agency",
  "/association",
  "/organizer",
  "/checkout",
  "/cart",
  "/orders",
  "/inquiries",
  "/login",
  "/signup",
  "/logout",
  "/forgot-password",
  "/reset-password",
  "/confirm-email",
  "/products/suggest",
  "/artisans/*/whatsapp",
  "/r/",
  "/favourites",
];

export function robotsTxt(): string {
  return [
    "User-agent: *",
    "Allow: /",
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    ...DISALLOWED.map((path) => `Disallow: /en${path}`),
    "",
    `Sitemap: ${absoluteUrl("/sitemap.xml")}`,
    "",
  ].join("\n");
}

export function loader() {
  return new Response(robotsTxt(), { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
