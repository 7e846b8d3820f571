import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { pageMeta } from "~/components/page-meta";
import { isModelError } from "~/models/common.server";
import { listConsentOverview, setSharingConsent } from "~/services/privacy.server";
import { requireRole, requireUser } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/** The only form here: grant or withdraw one shop's consent. Anything else is a 400. */
const ConsentSchema = z.object({
  intent: z.literal("consent"),
  artisanId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  granted: z.enum(["yes", "no"]),
});

/**
 * /account/privacy:
 * links to the data download and the deletion page for everyone, and for
 * artisans the consent to share per-shop figures with the agencies.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = params.lang === "en" ? "en" : "id";
  const shops = user.roles.includes("artisan") ? await listConsentOverview({ userId: user.id }) : [];
  const t = await i18next.getFixedT(locale);
  return {
    isArtisan: user.roles.includes("artisan"),
    shops,
    meta: { title: `${t("privacy.title")} · ${t("site.name")}`, description: t("privacy.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "artisan");
  const locale = params.lang === "en" ? "en" : "id";
  const parsed = ConsentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const granted = parsed.data.granted === "yes";
  try {
    const result = await setSharingConsent({ userId: user.id, artisanId: parsed.data.artisanId, granted });
    const key = !result.changed ? "privacy.consentUnchanged" : granted ? "privacy.consentGranted" : "privacy.consentWithdrawn";
    return redirect(localePath(locale, "/account/privacy"), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: result.changed ? "success" : "info", key, values: { shop: result.shopName } }) },
    });
  } catch (error) {
    // Another person's shop and an unknown id look the same: 404, nothing recorded.
    if (isModelError(error) && error.status === 404) throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export default function PrivacyPage() {
  const { isArtisan, shops } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <header className="page-header">
        <h1>{t("privacy.title")}</h1>
        <p className="page-header__lead">{t("privacy.lead")}</p>
        <p>
          <a href={to("/account")}>{t("privacy.back")}</a>
        </p>
      </header>

      <section className="section" aria-labelledby="privacy-download">
        <h2 id="privacy-download">{t("privacy.downloadHeading")}</h2>
        <p>{t("privacy.downloadHelp")}</p>
        <p>
          <a className="button button--secondary" href={to("/account/data")} download>
            {t("privacy.downloadLink")}
          </a>
        </p>
      </section>

      {isArtisan ? (
        <section className="section" aria-labelledby="privacy-consent">
          <h2 id="privacy-consent">{t("privacy.consentHeading")}</h2>
          <p>{t("privacy.consentWith")}</p>
          <p>{t("privacy.consentWithout")}</p>
          <p className="muted">{t("privacy.consentAnytime")}</p>
          {shops.map((shop) => (
            <div key={shop.id} className="panel privacy-shop" data-shop={shop.slug} data-consent={shop.granted ? "granted" : "withdrawn"}>
              <h3 id={`consent-shop-${shop.id}`}>{shop.name}</h3>
              <p>
                {t("privacy.consentState")} <strong>{shop.granted ? t("privacy.stateGranted") : t("privacy.stateWithdrawn")}</strong>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="consent" />
                <input type="hidden" name="artisanId" value={shop.id} />
                <input type="hidden" name="granted" value={shop.granted ? "no" : "yes"} />
                <button type="submit" className={shop.granted ? "button button--secondary" : "button"} aria-describedby={`consent-shop-${shop.id}`}>
                  {shop.granted ? t("privacy.withdraw") : t("privacy.grant")}
                </button>
              </Form>
              {shop.history.length === 0 ? (
                <p className="muted">{t("privacy.noHistory")}</p>
              ) : (
                <div className="table-scroll privacy-shop__history">
                  <table className="data-table">
                    <caption>{t("privacy.historyCaption", { shop: shop.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("privacy.historyWhen")}</th>
                        <th scope="col">{t("privacy.historyDecision")}</th>
                        <th scope="col">{t("privacy.historyBy")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shop.history.map((entry) => (
                        <tr key={entry.id} data-granted={entry.granted ? "yes" : "no"}>
                          <td>{formatDateTime(entry.recorded_at, locale)}</td>
                          <td>{entry.granted ? t("privacy.decisionGranted") : t("privacy.decisionWithdrawn")}</td>
                          <td>{entry.by === "you" ? t("privacy.byYou") : entry.by === "other" ? t("privacy.byOther") : t("privacy.bySystem")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ))}
        </section>
      ) : null}

      <section className="section" aria-labelledby="privacy-delete">
        <h2 id="privacy-delete">{t("privacy.deleteHeading")}</h2>
        <p>{t("privacy.deleteHelp")}</p>
        <p>
          <a href={to("/account/delete")}>{t("privacy.deleteLink")}</a>
        </p>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
