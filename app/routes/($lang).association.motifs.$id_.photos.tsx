import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/components/page-meta";
import { PhotoList, ProcessingNotice, UploadForm, useProcessingPoll, type UploadResult } from "~/components/photo-manager";
import { ASSOCIATION_SCOPE, listPhotos } from "~/models/photo.server";
import { handlePhotoAction, MAX_FILES } from "~/services/photo-actions.server";
import { requireRole } from "~/utils/auth.server";
import { idParam } from "~/utils/dashboard.server";
import { getDb } from "~/utils/db.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

/**
 * URL …/photos. The trailing "_" in the file name keeps this page out of
 * ($lang).association.motifs.$id.tsx (which has no <Outlet/>): without it Remix would nest it there
 * and render the parent page at this URL.
 */

/** Any motif, whatever its status or proposer: the association curates them all. */
async function anyMotif(id: string | undefined) {
  const motif = await getDb().selectFrom("motifs").select(["id", "name", "slug", "status"]).where("id", "=", idParam(id)).executeTakeFirst();
  if (!motif) throw new Response("Not Found", { status: 404 });
  return motif;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const motif = await anyMotif(params.id);
  const photos = await listPhotos({ owner: { kind: "motif", id: motif.id }, shopId: ASSOCIATION_SCOPE });
  const t = await i18next.getFixedT(locale);
  return {
    motif,
    photos,
    maxFiles: MAX_FILES,
    meta: { title: `${t("photos.curation.title", { name: motif.name })} · ${t("site.name")}`, description: t("photos.curation.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const motif = await anyMotif(params.id);
  return handlePhotoAction({
    request,
    locale,
    userId: user.id,
    shopId: ASSOCIATION_SCOPE,
    slots: { list: { kind: "motif", id: motif.id } },
    back: localePath(locale, `/association/motifs/${motif.id}/photos`),
  });
}

export default function AssociationMotifPhotosPage() {
  const { motif, photos, maxFiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { upload?: UploadResult; alt?: SubmissionResult<string[]> } | undefined;
  const { t } = useTranslation();
  const to = useLocalePath();
  const waiting = useProcessingPoll(photos);
  const here = to(`/association/motifs/${motif.id}/photos`);
  return (
    <div className="container page page--narrow photo-page">
      <p>
        <Link to={to(`/association/motifs/${motif.id}`)}>← {t("photos.curation.back", { name: motif.name })}</Link>
      </p>
      <header className="page-header">
        <h1>{t("photos.curation.title", { name: motif.name })}</h1>
        <p className="muted">{t("photos.curation.lead")}</p>
        {motif.status === "published" ? (
          <p>
            <Link to={to(`/motifs/${motif.slug}`)}>{t("photos.curation.viewPublic")}</Link>
          </p>
        ) : null}
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
