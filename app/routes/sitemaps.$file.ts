import type { LoaderFunctionArgs } from "@remix-run/node";
import { childSitemapXml, SITEMAP_HEADERS } from "~/services/sitemap.server";

/** /sitemaps/pages-1.xml, /sitemaps/products-1.xml …: the child sitemaps the index lists. */
export async function loader({ params }: LoaderFunctionArgs) {
  const xml = await childSitemapXml((params.file ?? "").slice(0, 40));
  if (xml === null) throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(xml, { headers: SITEMAP_HEADERS });
}
