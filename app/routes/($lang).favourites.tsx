import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { addFavourite, FAVOURITE_KINDS, removeFavourite } from "~/models/favourite.server";
import { isModelError } from "~/models/common.server";
import { safeRedirect } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { getUserId } from "~/utils/session.server";

const FavouriteSchema = z.object({
  intent: z.enum(["add", "remove"]),
  kind: z.enum(FAVOURITE_KINDS),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** What the button's fetcher receives (JavaScript on). */
export type FavouriteActionData = { favourite: boolean; error?: string };

/** Saving is a POST from the favourite button; there is no page here (405, Allow: POST). */
export async function loader() {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Saves or forgets a product or an artisan for any signed-in person (every
 * role: a favourite is a personal bookmark). The form is read before the
 * session check, unlike other actions, because an anonymous visitor must be
 * sent to log in and then back to the page the button was on (redirectTo),
 * not to this URL.
 *
 * Without JavaScript: 303 back to redirectTo (a local path only) with a flash.
 * With JavaScript the button adds `fetcher=1` and gets `{ favourite }` as data,
 * so the page does not navigate.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const form = await request.formData();
  const back = safeRedirect(form.get("redirectTo"), localePath(locale, "/account/favourites"));
  const userId = await getUserId(request);
  if (userId === null) {
    throw redirect(`${localePath(locale, "/login")}?${new URLSearchParams({ redirectTo: back })}`, { status: 303 });
  }
  const viaFetcher = form.get("fetcher") === "1";
  const t = await i18next.getFixedT(locale);
  const parsed = FavouriteSchema.safeParse({ intent: form.get("intent"), kind: form.get("kind"), id: form.get("id") });
  if (!parsed.success) {
    if (viaFetcher) return data<FavouriteActionData>({ favourite: false, error: "favourites.invalid" }, { status: 400 });
    return new Response(t("favourites.invalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { intent, kind, id } = parsed.data;
  try {
    if (intent === "add") await addFavourite({ userId, kind, id });
    else await removeFavourite({ userId, kind, id });
  } catch (error) {
    if (!isModelError(error) || error.status !== 404) throw error;
    if (viaFetcher) return data<FavouriteActionData>({ favourite: false, error: "favourites.unavailable" }, { status: 404 });
    return new Response(t("favourites.unavailable"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (viaFetcher) return data<FavouriteActionData>({ favourite: intent === "add" });
  return redirect(back, {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: intent === "add" ? "favourites.added" : "favourites.removed" }) },
  });
}
