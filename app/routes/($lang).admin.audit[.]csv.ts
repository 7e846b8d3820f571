import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, parseAuditQuery, toModelFilter } from "~/services/audit-log.server";
import { requireRole } from "~/utils/auth.server";
import { wibDay } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";

/** /admin/audit.csv?…: the audit page's filtered entries as a CSV download (same filters, no paging). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const locale = params.lang === "en" ? "en" : "id";
  const query = parseAuditQuery(new URL(request.url));
  if (!query.ok) {
    const t = await i18next.getFixedT(locale);
    const message = Object.values(query.errors)
      .map((key) => t(key))
      .join(" ");
    return new Response(`${t("audit.errors.invalid")} ${message}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { csv } = await auditCsv(toModelFilter(query.filter));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${wibDay(new Date())}.csv"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
