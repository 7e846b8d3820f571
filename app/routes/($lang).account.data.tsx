import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildDataExport } from "~/services/privacy.server";
import { requireUser } from "~/utils/auth.server";
import { wibDay } from "~/utils/format";

/**
 * GET /account/data: everything the platform keeps about the logged-in person,
 * as a JSON attachment (UU PDP right of access). A resource route: no page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const data = await buildDataExport({ userId: user.id, now });
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="batik-blitar-data-${wibDay(now)}.json"`,
      // Personal data: never kept by a browser cache or a proxy.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
