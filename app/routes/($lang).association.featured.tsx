import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { listArtisansForFeaturing } from "~/models/artisan.server";
import { isModelError } from "~/models/common.server";
import { listMotifsForFeaturing } from "~/models/motif.server";
import { listProductsForFeaturing } from "~/models/product.server";
import { FEATURE_KINDS, setFeatured } from "~/services/curation.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocale, useLocalePath } from "~/utils/use-locale";

const Q_MAX = 100;
const PRODUCT_LIMIT = 50;

const ToggleSchema = z.object({
  intent: z.enum(["feature", "unfeature"]),
  kind: z.enum(FEATURE_KINDS),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  q: z.string().max(Q_MAX).optional(),
});

function queryOf(request: Request): string {
  return (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, Q_MAX);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const q = queryOf(request);
  const [motifs, products, artisans] = await Promise.all([
    listMotifsForFeaturing(),
    listProductsForFeaturing({ q, limit: PRODUCT_LIMIT }),
    listArtisansForFeaturing(),
  ]);
  const t = await i18next.getFixedT(locale);
  return {
    q,
    motifs,
    products,
    artisans,
    meta: { title: `${t("curation.meta.featured")} · ${t("site.name")}`, description: t("curation.featured.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const form = Object.fromEntries(await request.formData());
  const parsed = ToggleSchema.safeParse(form);
  if (!parsed.success) return data({ error: "curation.errors.badRequest" }, { status: 400 });
  const { intent, kind, id } = parsed.data;
  const q = parsed.data.q?.trim() ?? "";
  let result: { changed: boolean; name: string };
  try {
    result = await setFeatured({ kind, id, featured: intent === "feature", actorUserId: user.id, locale });
  } catch (error) {
    if (isModelError(error) && error.code === "not_found") return data({ error: "curation.errors.notFound" }, { status: 404 });
    throw error;
  }
  const back = `${localePath(locale, "/association/featured")}${q ? `?${new URLSearchParams({ q })}` : ""}#featured-${kind}s`;
  const key = intent === "feature" ? "curation.flash.featured" : "curation.flash.unfeatured";
  return redirect(back, { status: 303, headers: { "Set-Cookie": await flashHeader({ kind: "success", key, values: { name: result.name } }) } });
}

type Item = { id: number; name: string; detail?: string; href: string; featured: boolean };

function ToggleList({ kind, items, q }: { kind: (typeof FEATURE_KINDS)[number]; items: Item[]; q: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="empty-state">{t("curation.featured.empty")}</p>;
  return (
    <ul className="featured-list">
      {items.map((item) => (
        <li key={item.id} className="featured-list__item" data-featured={item.featured ? "yes" : "no"} data-testid={`featured-${kind}-${item.id}`}>
          <div>
            <Link to={item.href}>{item.name}</Link>
            {item.detail ? <span className="muted"> {item.detail}</span> : null}
            {item.featured ? <span className="curation-tag">{t("curation.featured.isFeatured")}</span> : null}
          </div>
          <Form method="post">
            <input type="hidden" name="intent" value={item.featured ? "unfeature" : "feature"} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="id" value={item.id} />
            {q ? <input type="hidden" name="q" value={q} /> : null}
            {/* The visible word starts the accessible name, which also says which item (many such buttons on the page). */}
            <button
              type="submit"
              className={item.featured ? "button button--secondary button--small" : "button button--small"}
              aria-label={`${t(item.featured ? "curation.featured.unfeature" : "curation.featured.feature")}: ${item.name}`}
            >
              {t(item.featured ? "curation.featured.unfeature" : "curation.featured.feature")}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export default function FeaturedPage() {
  const { q, motifs, products, artisans } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalePath();
  const count = (items: { featured: boolean }[]) => items.filter((i) => i.featured).length;
  return (
    <div className="container page">
      <header className="page-header">
        <h1>{t("curation.featured.title")}</h1>
        <p className="page-header__lead">{t("curation.featured.lead")}</p>
      </header>
      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section" aria-labelledby="featured-motifs">
        <h2 id="featured-motifs">
          {t("curation.featured.motifsTitle")} <span className="muted">({t("curation.featured.featuredCount", { count: count(motifs) })})</span>
        </h2>
        <ToggleList kind="motif" q={q} items={motifs.map((m) => ({ id: m.id, name: m.name, href: to(`/motifs/${m.slug}`), featured: m.featured }))} />
      </section>

      <section className="section" aria-labelledby="featured-products">
        <h2 id="featured-products">
          {t("curation.featured.productsTitle")} <span className="muted">({t("curation.featured.featuredCount", { count: count(products) })})</span>
        </h2>
        <Form method="get" className="search-panel" role="search">
          <div className="search-panel__field">
            <label htmlFor="featured-q">{t("curation.featured.searchLabel")}</label>
            <input id="featured-q" type="search" name="q" defaultValue={q} key={q} maxLength={Q_MAX} />
          </div>
          <button type="submit" className="button">
            {t("curation.featured.search")}
          </button>
          {q ? <Link to={to("/association/featured")}>{t("curation.featured.clear")}</Link> : null}
        </Form>
        <p className="muted">{t("curation.featured.productsLimit")}</p>
        <ToggleList
          kind="product"
          q={q}
          items={products.map((p) => ({
            id: p.id,
            name: locale === "en" ? p.title_en : p.title_id,
            detail: t("curation.featured.by", { artisan: p.artisan_name }),
            href: to(`/products/${p.slug}`),
            featured: p.featured,
          }))}
        />
      </section>

      <section className="section" aria-labelledby="featured-artisans">
        <h2 id="featured-artisans">
          {t("curation.featured.artisansTitle")} <span className="muted">({t("curation.featured.featuredCount", { count: count(artisans) })})</span>
        </h2>
        <ToggleList kind="artisan" q={q} items={artisans.map((a) => ({ id: a.id, name: a.name, href: to(`/artisans/${a.slug}`), featured: a.featured }))} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
