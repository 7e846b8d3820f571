import type { LoaderFunctionArgs } from "@remix-run/node";
import { MAX_QUERY_LENGTH, suggestCatalogue } from "~/models/catalogue.server";
import { getDb } from "~/utils/db.server";

/**
 * /products/suggest?q=…: what the catalogue search box offers while the user
 * types (motifs, artisans and product titles starting with the text), as
 * JSON. Public data only; cached briefly by browsers and proxies.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, MAX_QUERY_LENGTH);
  const suggestions = await suggestCatalogue({ q, locale, limit: 5 }, getDb());
  return Response.json(suggestions, {
    headers: { "Cache-Control": "public, max-age=60", "X-Robots-Tag": "noindex" },
  });
}
