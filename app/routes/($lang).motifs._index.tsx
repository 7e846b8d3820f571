import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { MotifCard } from "~/components/motif-card";
import { pageMeta } from "~/components/page-meta";
import { listMotifs } from "~/models/motif.server";
import { getDb } from "~/utils/db.server";
import { listSeo } from "~/utils/seo.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = params.lang === "en" ? "en" : "id";
  const motifs = await listMotifs({}, getDb());
  return {
    motifs,
    meta: await listSeo(locale, "motifs"),
  };
}

export default function MotifsIndex() {
  const { motifs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page">
      <Breadcrumbs items={[{ label: t("nav.motifs") }]} />
      <header className="page-header">
        <h1>{t("motifs.title")}</h1>
        <p className="page-header__lead">{t("motifs.lead")}</p>
      </header>
      {motifs.length > 0 ? (
        <>
          <p className="result-count">{t("motifs.count", { count: motifs.length })}</p>
          <ul className="grid">
            {motifs.map((motif, index) => (
              <li key={motif.id}>
                <MotifCard motif={motif} headingLevel={2} priority={index < 4} showMeaning />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="empty-state">
          <p>{t("motifs.empty")}</p>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
