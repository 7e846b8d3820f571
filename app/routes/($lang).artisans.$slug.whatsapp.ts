import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { findArtisanProduct, getWhatsappTarget, recordWhatsappClick } from "~/models/whatsapp-referral.server";
import { visitorIdentity } from "~/services/visits.server";
import { normaliseIndonesianNumber, waMeUrl } from "~/services/whatsapp.server";
import { getEnv } from "~/utils/env.server";
import { localePath, localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";

/** No slug is this long; a longer one is answered 404 (or ignored, for ?product=) without asking the database. */
const MAX_SLUG = 200;

/** Never cached (each click gets its own code) and never indexed. */
const HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

/**
 * GET /artisans/:slug/whatsapp[?product=<slug>] — the WhatsApp button. Logs
 * the click (a referral with a short reference code and a raw
 * `whatsapp_click` visit) and redirects to wa.me with a prefilled message in
 * the page's language carrying the code. The artisan's number is only in this
 * redirect's Location header, never in a page.
 *
 * - 404 unless the artisan is public and has a usable number.
 * - A crawler (isbot) is sent to the artisan's profile and nothing is logged:
 *   the buttons are rel="nofollow", but a bot that follows one anyway should
 *   land on a real page, not on wa.me, and must not count as an inquiry.
 * - ?product= counts only when it names a published product of this artisan;
 *   anything else is ignored (the message then names the shop).
 * - The same visitor clicking again on the same artisan within 30 minutes
 *   gets the same code and no second click is logged.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const slug = params.slug ?? "";
  const target = slug.length <= MAX_SLUG ? await getWhatsappTarget({ slug }) : null;
  const number = target ? normaliseIndonesianNumber(target.number) : null;
  if (!target || !number) throw new Response("Not Found", { status: 404, headers: HEADERS });

  const userAgent = request.headers.get("User-Agent") ?? "";
  const profile = localePath(locale, `/artisans/${target.slug}`);
  if (isbot(userAgent)) return redirect(profile, { status: 302, headers: HEADERS });

  const productSlug = new URL(request.url).searchParams.get("product") ?? "";
  const product = productSlug && productSlug.length <= MAX_SLUG ? await findArtisanProduct({ artisanId: target.id, slug: productSlug }) : null;
  const env = getEnv();
  // The same visitor identity as page views (and the cookie for a first-time visitor).
  const identity = visitorIdentity({ request, context });
  const { code } = await recordWhatsappClick({
    artisanId: target.id,
    productId: product?.id ?? null,
    visitorHash: identity.visitorHash,
    ipHash: identity.ipHash,
  });

  const t = await i18next.getFixedT(locale);
  const text = product
    ? t("whatsapp.messageProduct", {
        shop: target.name,
        product: localized(locale, product.title_id, product.title_en),
        url: `${env.PUBLIC_ORIGIN}${localePath(locale, `/products/${product.slug}`)}`,
        code,
      })
    : t("whatsapp.messageShop", { shop: target.name, site: t("site.name"), url: `${env.PUBLIC_ORIGIN}${profile}`, code });
  const headers = new Headers(HEADERS);
  identity.headers.forEach((value, name) => headers.append(name, value));
  return redirect(waMeUrl({ number, text }), { status: 302, headers });
}
