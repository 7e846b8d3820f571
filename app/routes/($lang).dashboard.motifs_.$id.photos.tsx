import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { PhotoList, ProcessingNotice, UploadForm, useProcessingPoll, type UploadResult } from "~/components/photo-manager";
import { ResponsiveImage } from "~/components/responsive-image";
import { listPhotos } from "~/models/photo.server";
import { handlePhotoAction, MAX_FILES } from "~/services/photo-actions.server";
import { requireArtisanShop, idParam } from "~/utils/dashboard.server";
import { getDb } from "~/utils/db.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

/**
 * URL …/photos. The trailing "_" in the file name keeps this page out of
 * ($lang).dashboard.motifs.tsx (which has no <Outlet/>): without it Remix would nest it there
 * and render the parent page at this URL.
 */

/**
 * The motif, only when this shop proposed it (404 otherwise: another shop's
 * proposal and a curated motif do not exist here, so ids do not leak).
 */
async function shopMotif(shopId: number, id: string | undefined) {
  const motifId = idParam(id);
  const motif = await getDb()
    .selectFrom("motifs")
    .select(["id", "name", "status"])
    .where("id", "=", motifId)
    .where("proposed_by_artisan_id", "=", shopId)
    .executeTakeFirst();
  if (!motif) throw new Response("Not Found", { status: 404 });
  return motif;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const motif = await shopMotif(shop.id, params.id);
  const photos = await listPhotos({ owner: { kind: "motif", id: motif.id }, shopId: shop.id });
  const t = await i18next.getFixedT(locale);
  return {
    motif: { id: motif.id, name: motif.name },
    // Only a proposal waiting for the association can change: once decided, the association owns the motif.
    editable: motif.status === "proposed",
    photos,
    maxFiles: MAX_FILES,
    meta: { title: `${t("photos.motif.title", { name: motif.name })} · ${t("site.name")}`, description: t("photos.motif.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const motif = await shopMotif(shop.id, params.id);
  // Published, rejected or archived: the photos are read-only for the artisan (the page shows no forms).
  if (motif.status !== "proposed") throw new Response("Forbidden", { status: 403 });
  return handlePhotoAction({
    request,
    locale,
    userId: user.id,
    shopId: shop.id,
    slots: { list: { kind: "motif", id: motif.id } },
    back: localePath(locale, `/dashboard/motifs/${motif.id}/photos`),
  });
}

export default function MotifPhotosPage() {
  const { motif, editable, photos, maxFiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { upload?: UploadResult; alt?: SubmissionResult<string[]> } | undefined;
  const { t } = useTranslation();
  const to = useLocalePath();
  const waiting = useProcessingPoll(photos);
  const here = to(`/dashboard/motifs/${motif.id}/photos`);
  return (
    <div className="container page page--narrow photo-page">
      <DashboardNav />
      <p>
        <Link to={to("/dashboard/motifs")}>← {t("photos.motif.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("photos.motif.title", { name: motif.name })}</h1>
        <p className="muted">{t("photos.motif.lead")}</p>
      </header>
      {editable ? (
        <>
          <section className="section" aria-labelledby="photo-upload-heading">
            <h2 id="photo-upload-heading">{t("photos.upload.heading")}</h2>
            <UploadForm multiple label={t("photos.upload.label", { max: maxFiles })} result={result?.upload} />
          </section>
          <section className="section" aria-labelledby="photo-list-heading">
            <h2 id="photo-list-heading">{t("photos.list.heading", { count: photos.length })}</h2>
            <ProcessingNotice waiting={waiting} href={here} />
            <PhotoList photos={photos} altResult={result?.alt} emptyText={t("photos.list.empty")} />
          </section>
        </>
      ) : (
        <section className="section" aria-labelledby="photo-list-heading">
          <p className="notice">{t("photos.motif.readOnly")}</p>
          <h2 id="photo-list-heading">{t("photos.list.heading", { count: photos.length })}</h2>
          {photos.length === 0 ? (
            <p className="muted">{t("photos.list.empty")}</p>
          ) : (
            <ol className="shop-gallery">
              {photos.map((photo, index) => (
                <li key={photo.id} data-image-id={photo.id} data-status={photo.status}>
                  {photo.status === "ready" && photo.ref ? (
                    <ResponsiveImage image={photo.ref} sizes="(min-width: 30rem) 12rem, 50vw" fallbackAlt={t("photos.position", { n: index + 1, total: photos.length })} />
                  ) : (
                    <span className="muted">{t(photo.status === "failed" ? "photos.state.failed" : "photos.state.processing")}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
