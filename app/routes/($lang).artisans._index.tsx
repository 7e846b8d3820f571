import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArtisanCard } from "~/components/artisan-card";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { pageMeta } from "~/components/page-meta";
import { listArtisans } from "~/models/artisan.server";
import { getDb } from "~/utils/db.server";
import { listSeo } from "~/utils/seo.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const artisans = await listArtisans(getDb());
  return {
    artisans,
    meta: await listSeo(locale, "artisans"),
  };
}

export default function ArtisansIndex() {
  const { artisans } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.artisans") }]} />
      <header className="page-header">
        <h1>{t("artisans.title")}</h1>
        <p className="page-header__lead">{t("artisans.lead")}</p>
      </header>
      {artisans.length > 0 ? (
        <>
          <p className="result-count">{t("artisans.count", { count: artisans.length })}</p>
          <ul className="grid grid--wide">
            {artisans.map((artisan, index) => (
              <li key={artisan.id}>
                <ArtisanCard artisan={artisan} headingLevel={2} priority={index < 3} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="empty-state">
          <p>{t("artisans.empty")}</p>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
