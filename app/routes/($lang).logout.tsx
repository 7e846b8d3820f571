import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { localePath } from "~/utils/i18n";
import { logout } from "~/utils/session.server";

/** Log-out is POST only (a GET could be triggered by any <img> on another site); a GET just goes home. */
export async function loader({ params }: LoaderFunctionArgs) {
  return new Response(null, { status: 303, headers: { Location: localePath(params.lang === "en" ? "en" : "id", "/") } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return logout(request, localePath(params.lang === "en" ? "en" : "id", "/"));
}
