import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "Batik Blitar" }];

export default function Home() {
  const { t } = useTranslation();
  return (
    <section className="container">
      <h1>{t("site.name")}</h1>
      <p>{t("site.description")}</p>
    </section>
  );
}
