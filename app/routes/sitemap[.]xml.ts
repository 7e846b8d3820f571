import { sitemapIndexXml, SITEMAP_HEADERS } from "~/services/sitemap.server";

/** The sitemap index (see app/services/sitemap.server.ts for why it is split). */
export async function loader() {
  return new Response(await sitemapIndexXml(), { headers: SITEMAP_HEADERS });
}
