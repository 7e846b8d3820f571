import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { PhotoList, ProcessingNotice, ProfilePhoto, UploadForm, useProcessingPoll, type UploadResult } from "~/components/photo-manager";
import { getProfilePhoto, listPhotos } from "~/models/photo.server";
import { handlePhotoAction, MAX_FILES } from "~/services/photo-actions.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const [profile, gallery] = await Promise.all([getProfilePhoto({ shopId: shop.id }), listPhotos({ owner: { kind: "shop", id: shop.id }, shopId: shop.id })]);
  const t = await i18next.getFixedT(locale);
  return {
    shop: { name: shop.name, slug: shop.slug },
    profile,
    gallery,
    maxFiles: MAX_FILES,
    meta: { title: `${t("photos.profile.title")} · ${t("site.name")}`, description: t("photos.profile.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  return handlePhotoAction({
    request,
    locale,
    userId: user.id,
    shopId: shop.id,
    slots: { list: { kind: "shop", id: shop.id }, profileShopId: shop.id },
    back: localePath(locale, "/dashboard/profile/photo"),
  });
}

export default function ProfilePhotoPage() {
  const { shop, profile, gallery, maxFiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { upload?: UploadResult; alt?: SubmissionResult<string[]> } | undefined;
  const { t } = useTranslation();
  const to = useLocalePath();
  const waiting = useProcessingPoll(profile ? [profile, ...gallery] : gallery);
  return (
    <div className="container page page--narrow photo-page">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("photos.profile.title")}</h1>
        <p className="muted">{t("photos.profile.lead")}</p>
        <p>
          <a href={to(`/artisans/${shop.slug}`)}>{t("photos.profile.viewPublic", { name: shop.name })}</a>
        </p>
      </header>
      <ProcessingNotice waiting={waiting} href={to("/dashboard/profile/photo")} />
      <section className="section" aria-labelledby="profile-photo-heading">
        <h2 id="profile-photo-heading">{t("photos.profile.pictureHeading")}</h2>
        {profile ? <ProfilePhoto photo={profile} altResult={result?.alt} /> : <p className="muted">{t("photos.profile.none")}</p>}
        <UploadForm
          target="profile"
          multiple={false}
          label={t(profile ? "photos.profile.replaceLabel" : "photos.profile.uploadLabel")}
          result={result?.upload?.target === "profile" ? result.upload : undefined}
        />
      </section>
      <section className="section" aria-labelledby="gallery-heading">
        <h2 id="gallery-heading">{t("photos.profile.galleryHeading", { count: gallery.length })}</h2>
        <UploadForm target="gallery" multiple label={t("photos.upload.label", { max: maxFiles })} result={result?.upload?.target === "profile" ? undefined : result?.upload} />
        <PhotoList photos={gallery} altResult={result?.alt} emptyText={t("photos.profile.galleryEmpty")} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
