import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardNav } from "~/components/dashboard-nav";
import { pageMeta } from "~/components/page-meta";
import { PRODUCT_ERROR_FIELDS, ProductForm, productFields, ProductSchema } from "~/components/product-form";
import { isModelError } from "~/models/common.server";
import { listMotifOptions } from "~/models/motif.server";
import { createShopProduct } from "~/models/product.server";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const t = await i18next.getFixedT(locale);
  return {
    motifs: await listMotifOptions(),
    meta: { title: `${t("dashboard.meta.newProduct")} · ${t("site.name")}`, description: t("dashboard.product.newLead"), noindex: true },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ProductSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const product = await createShopProduct({ artisanId: shop.id, ...productFields(submission.value) });
    return redirect(localePath(locale, `/dashboard/products/${product.id}`), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: "success", key: "dashboard.flash.created", values: { title: submission.value.titleId } }) },
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    const field = PRODUCT_ERROR_FIELDS[error.code];
    if (field) return data(submission.reply({ fieldErrors: { [field.field]: [field.key] } }), { status: 400 });
    return data(submission.reply({ formErrors: ["dashboard.errors.badRequest"] }), { status: 400 });
  }
}

export default function NewProductPage() {
  const { motifs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <p>
        <a href={to("/dashboard/products")}>← {t("dashboard.product.back")}</a>
      </p>
      <header className="page-header">
        <h1>{t("dashboard.product.newTitle")}</h1>
        <p className="page-header__lead">{t("dashboard.product.newLead")}</p>
      </header>
      <ProductForm lastResult={lastResult} defaults={{ stock: "1", dye: "synthetic" }} motifs={motifs} submitLabel={t("dashboard.product.create")} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
