import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MotifForm, motifFields, MotifSchema } from "~/components/motif-form";
import { pageMeta } from "~/components/page-meta";
import { listShopOptions } from "~/models/artisan.server";
import { isModelError } from "~/models/common.server";
import { createMotif } from "~/models/motif.server";
import { motifFieldError } from "~/services/curation.server";
import { requireRole } from "~/utils/auth.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  return {
    shops: await listShopOptions(),
    meta: { title: `${t("curation.form.titleNew")} · ${t("curation.meta.motifs")} · ${t("site.name")}`, description: t("curation.list.lead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "association");
  const locale = params.lang === "en" ? "en" : "id";
  const submission = parseWithZod(await request.formData(), { schema: MotifSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fields = motifFields(submission.value);
  if (fields.creatorArtisanId !== null && !(await listShopOptions()).some((s) => s.id === fields.creatorArtisanId)) {
    return data(submission.reply({ fieldErrors: { creatorArtisanId: ["curation.errors.creatorUnknown"] } }), { status: 400 });
  }
  let created: { id: number };
  try {
    // The association's own motifs are published at once (approved by the officer who adds them).
    created = await createMotif({ ...fields, status: "published", approvedBy: user.id, actorUserId: user.id });
  } catch (error) {
    const field = motifFieldError(error);
    if (field) return data(submission.reply({ fieldErrors: { [field.field]: [field.key] } }), { status: 400 });
    if (isModelError(error)) return data(submission.reply({ formErrors: ["curation.errors.badRequest"] }), { status: 400 });
    throw error;
  }
  return redirect(localePath(locale, `/association/motifs/${created.id}`), {
    status: 303,
    headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "curation.flash.created", values: { name: fields.name } }) },
  });
}

export default function NewMotifPage() {
  const { shops } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <p>
        <Link to={to("/association/motifs")}>← {t("curation.form.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("curation.form.titleNew")}</h1>
      </header>
      <MotifForm lastResult={lastResult} defaults={{ region: "kabupaten", registrationStatus: "none" }} shops={shops} submitLabel={t("curation.form.create")} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
