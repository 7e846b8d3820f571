import { redirect } from "@remix-run/node";
import type { Role } from "~/models/user.server";
import { localeFromPathname, localePath } from "./i18n";
import { getUser, type SessionUser } from "./session.server";

/**
 * Only a same-origin relative path is a safe redirect target: "/x" yes;
 * "//evil.example", "/\\evil.example", "https://…" and anything with control
 * characters no (browsers treat the first two as other hosts).
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/account"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  if (target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (target.includes("\\") || [...target].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  if (target.length > 1000) return fallback;
  return target;
}

/** The logged-in user, or a redirect to the log-in page (in the page's language) that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const locale = localeFromPathname(url.pathname);
  const back = safeRedirect(`${url.pathname}${url.search}`, "");
  const query = back ? `?${new URLSearchParams({ redirectTo: back })}` : "";
  throw redirect(`${localePath(locale, "/login")}${query}`, { status: 303 });
}

/**
 * The logged-in user holding `role`, otherwise 403. Admin is NOT implicitly
 * every role (docs/decisions/007-sessions-and-roles.md): an admin who needs to
 * act as an artisan is granted that role explicitly, so every action an admin
 * takes on someone's behalf stays visible in user_roles and the audit log.
 */
export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.roles.includes(role)) throw new Response("Forbidden", { status: 403 });
  return user;
}
