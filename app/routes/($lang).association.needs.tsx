import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { listAssociationsOfUser } from "~/models/association.server";
import { listOpenNeedsQueue } from "~/models/shop-facts.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

/**
 * The association's list of open facility needs of its shops (and unassigned
 * ones), per shop. Read-only: the shop owns the need's status (in progress,
 * met, withdrawn) and changes it on its dashboard; the association follows up
 * outside the platform (or through a programme recorded by the agency).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  const meta = { title: `${t("shopFacts.association.needsTitle")} · ${t("site.name")}`, description: t("shopFacts.association.needsLead"), noindex: true };
  const associationIds = (await listAssociationsOfUser({ userId: user.id })).map((a) => a.id);
  if (!associationIds.length) return data({ linked: false, shops: [], meta }, { status: 403 });
  const needs = await listOpenNeedsQueue({ associationIds });
  const shops = new Map<number, { id: number; name: string; needs: typeof needs }>();
  for (const need of needs) {
    const shop = shops.get(need.artisan.id) ?? { id: need.artisan.id, name: need.artisan.name, needs: [] };
    shop.needs.push(need);
    shops.set(need.artisan.id, shop);
  }
  return data({ linked: true, shops: [...shops.values()].sort((a, b) => a.name.localeCompare(b.name, "id")), meta });
}

export default function AssociationNeedsPage() {
  const { linked, shops } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const count = shops.reduce((n, s) => n + s.needs.length, 0);
  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("shopFacts.association.needsTitle")}</h1>
        <p className="page-header__lead">{t("shopFacts.association.needsLead")}</p>
        <p>
          <Link to={to("/association/verification")}>{t("shopFacts.association.backToQueue")}</Link>
        </p>
      </header>
      {!linked ? (
        <p className="notice" role="alert">
          {t("verification.notLinked")}
        </p>
      ) : (
        <section className="section" aria-labelledby="needs-list">
          <h2 id="needs-list">{t("shopFacts.association.needsCount", { count })}</h2>
          {shops.length === 0 ? (
            <p className="empty-state">{t("shopFacts.association.needsEmpty")}</p>
          ) : (
            <ul className="verification-list">
              {shops.map((shop) => (
                <li key={shop.id} className="panel" data-shop-id={shop.id}>
                  <h3>{shop.name}</h3>
                  <ul className="shop-facts__history">
                    {shop.needs.map((need) => (
                      <li key={need.id} data-need-id={need.id}>
                        <strong>{t(`shopFacts.needs.kinds.${need.kind}`)}</strong> · {t(`shopFacts.needs.status.${need.status}`)} ·{" "}
                        {t("shopFacts.association.since", { date: formatDate(need.opened_on, locale) })}
                        <p className="shop-facts__description">{need.description}</p>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
