import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { PhotoList, ProcessingNotice, UploadForm, useProcessingPoll, type UploadResult } from "~/components/photo-manager";
import { listPhotos } from "~/models/photo.server";
import { getShopProduct } from "~/models/product.server";
import { handlePhotoAction, MAX_FILES } from "~/services/photo-actions.server";
import { requireArtisanShop, idParam } from "~/utils/dashboard.server";
import { localePath, localized } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

/** The product, only when it belongs to the signed-in artisan's shop (404 otherwise, so ids do not leak). */
/** The shop's own product (the dashboard's ownership check), or 404. */
async function shopProduct(shopId: number, id: string | undefined) {
  const product = await getShopProduct({ artisanId: shopId, productId: idParam(id) });
  if (!product) throw new Response("Not Found", { status: 404 });
  return product;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const product = await shopProduct(shop.id, params.id);
  const photos = await listPhotos({ owner: { kind: "product", id: product.id }, shopId: shop.id });
  const t = await i18next.getFixedT(locale);
  const title = localized(locale, product.title_id, product.title_en);
  return {
    product: { id: product.id, title },
    photos,
    maxFiles: MAX_FILES,
    meta: { title: `${t("photos.product.title", { title })} · ${t("site.name")}`, description: t("photos.product.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const product = await shopProduct(shop.id, params.id);
  return handlePhotoAction({
    request,
    locale,
    userId: user.id,
    shopId: shop.id,
    slots: { list: { kind: "product", id: product.id } },
    back: localePath(locale, `/dashboard/products/${product.id}/photos`),
  });
}

export default function ProductPhotosPage() {
  const { product, photos, maxFiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { upload?: UploadResult; alt?: SubmissionResult<string[]> } | undefined;
  const { t } = useTranslation();
  const to = useLocalePath();
  const waiting = useProcessingPoll(photos);
  const here = to(`/dashboard/products/${product.id}/photos`);
  return (
    <div className="container page page--narrow photo-page">
      <DashboardNav />
      <p>
        <Link to={to(`/dashboard/products/${product.id}`)}>← {t("photos.product.back", { title: product.title })}</Link>
      </p>
      <header className="page-header">
        <h1>{t("photos.product.title", { title: product.title })}</h1>
        <p className="muted">{t("photos.product.lead")}</p>
      </header>
      <section className="section" aria-labelledby="photo-upload-heading">
        <h2 id="photo-upload-heading">{t("photos.upload.heading")}</h2>
        <UploadForm multiple label={t("photos.upload.label", { max: maxFiles })} result={result?.upload} />
      </section>
      <section className="section" aria-labelledby="photo-list-heading">
        <h2 id="photo-list-heading">{t("photos.list.heading", { count: photos.length })}</h2>
        <ProcessingNotice waiting={waiting} href={here} />
        <PhotoList photos={photos} altResult={result?.alt} emptyText={t("photos.list.empty")} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
