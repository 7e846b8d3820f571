import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardNav } from "~/components/dashboard-nav";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { LIMITS, PRODUCT_ERROR_FIELDS, ProductForm, productFields, ProductSchema, type ProductDefaults } from "~/components/product-form";
import { isModelError } from "~/models/common.server";
import { listMotifOptions } from "~/models/motif.server";
import { changeShopProductStatus, getShopProduct, setProductStock, updateProduct, type ProductStatusChange } from "~/models/product.server";
import { idParam, requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

const StockSchema = z.object({
  intent: z.literal("stock"),
  stock: z.coerce
    .number({ required_error: "dashboard.errors.stockInvalid", invalid_type_error: "dashboard.errors.stockInvalid" })
    .int("dashboard.errors.stockInvalid")
    .min(0, "dashboard.errors.stockInvalid")
    .max(LIMITS.stockMax, "dashboard.errors.stockInvalid"),
});

const CHANGES: ProductStatusChange[] = ["publish", "unpublish", "archive", "restore"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const product = await getShopProduct({ artisanId: shop.id, productId: idParam(params.id) });
  if (!product) throw new Response("Not Found", { status: 404 });
  const t = await i18next.getFixedT(locale);
  return {
    product,
    shop: { verified: shop.membership_status === "verified", membership: shop.membership_status, public: shop.status === "active" && shop.membership_status === "verified" },
    motifs: await listMotifOptions(),
    meta: { title: `${product.title_id} · ${t("dashboard.meta.editProduct")} · ${t("site.name")}`, description: t("dashboard.product.editLead"), noindex: true },
  };
}

type ActionResult = { form: "product" | "stock" | null; result: SubmissionResult<string[]> | null; error: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const id = idParam(params.id);
  // Ownership first: another shop's product (or none) is a 404 for every intent, before the input is read.
  const product = await getShopProduct({ artisanId: shop.id, productId: id });
  if (!product) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const answer = (status: number, result: ActionResult) => data(result, { status });
  const done = async (key: string, kind: "success" | "info" = "success") =>
    redirect(localePath(locale, `/dashboard/products/${id}`), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind, key, values: { title: product.title_id } }) },
    });

  try {
    if (intent === "save") {
      const submission = parseWithZod(formData, { schema: ProductSchema });
      if (submission.status !== "success") return answer(400, { form: "product", result: submission.reply(), error: null });
      try {
        await updateProduct({ artisanId: shop.id, productId: id, ...productFields(submission.value) });
      } catch (error) {
        const field = isModelError(error) ? PRODUCT_ERROR_FIELDS[error.code] : undefined;
        if (field) return answer(400, { form: "product", result: submission.reply({ fieldErrors: { [field.field]: [field.key] } }), error: null });
        throw error;
      }
      return done("dashboard.flash.saved");
    }
    if (intent === "stock") {
      const submission = parseWithZod(formData, { schema: StockSchema });
      if (submission.status !== "success") return answer(400, { form: "stock", result: submission.reply(), error: null });
      await setProductStock({ artisanId: shop.id, productId: id, stock: submission.value.stock });
      return done("dashboard.flash.stockSaved");
    }
    if ((CHANGES as string[]).includes(intent)) {
      const change = intent as ProductStatusChange;
      await changeShopProductStatus({ artisanId: shop.id, productId: id, change, actorUserId: user.id });
      return done(`dashboard.flash.${change}`);
    }
    return answer(400, { form: null, result: null, error: "dashboard.errors.badRequest" });
  } catch (error) {
    if (!isModelError(error)) throw error;
    if (error.code === "not_found") throw new Response("Not Found", { status: 404 });
    if (error.code === "artisan_not_verified") return answer(403, { form: null, result: null, error: "dashboard.errors.notVerified" });
    if (error.code === "bad_state") return answer(409, { form: null, result: null, error: "dashboard.errors.badState" });
    if (error.code === "not_ready") return answer(409, { form: null, result: null, error: "dashboard.errors.notReady" });
    if (error.code === "invalid_stock") return answer(400, { form: null, result: null, error: "dashboard.errors.stockInvalid" });
    return answer(400, { form: null, result: null, error: "dashboard.errors.badRequest" });
  }
}

/** After a 409 the product changed meanwhile (another tab): show its current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

function StatusButton({ intent, label, help, secondary }: { intent: ProductStatusChange; label: string; help: string; secondary?: boolean }) {
  return (
    <Form method="post" className="curation-action">
      <input type="hidden" name="intent" value={intent} />
      <p className="muted">{help}</p>
      <button type="submit" className={secondary ? "button button--secondary" : "button"}>
        {label}
      </button>
    </Form>
  );
}

function StockForm({ stock, lastResult }: { stock: number; lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "stock",
    lastResult,
    defaultValue: { stock: String(stock) },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StockSchema }),
  });
  const errors = fields.stock.errors;
  return (
    <Form method="post" className="dash-stock" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="stock" />
      <div className="field">
        <label htmlFor={fields.stock.id}>{t("dashboard.product.quickStock")}</label>
        <input {...getInputProps(fields.stock, { type: "text" })} inputMode="numeric" required />
        <FieldError id={fields.stock.errorId} errors={errors} />
      </div>
      <button type="submit" className="button button--secondary">
        {t("dashboard.product.quickStockSave")}
      </button>
    </Form>
  );
}

export default function EditProductPage() {
  const { product, shop, motifs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const defaults: ProductDefaults = {
    titleId: product.title_id,
    titleEn: product.title_en,
    descriptionId: product.description_id,
    descriptionEn: product.description_en,
    technique: product.technique,
    fabric: product.fabric,
    dye: product.dye,
    widthCm: product.width_cm == null ? "" : String(product.width_cm),
    lengthCm: product.length_cm == null ? "" : String(product.length_cm),
    price: String(product.price),
    stock: String(product.stock),
    motifIds: product.motif_ids.map(String),
  };
  const photosPath = to(`/dashboard/products/${product.id}/photos`);
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <p>
        <a href={to("/dashboard/products")}>← {t("dashboard.product.back")}</a>
      </p>
      <header className="page-header">
        <h1>{t("dashboard.product.editTitle", { title: product.title_id })}</h1>
        <p>
          <span className={`dash-state dash-state--${product.status}`} data-testid="product-status">
            {t(`dashboard.status.${product.status}`)}
          </span>
          {product.status === "published" && shop.public ? (
            <>
              {" · "}
              <a href={to(`/products/${product.slug}`)}>{t("dashboard.product.viewPublic")}</a>
            </>
          ) : null}
        </p>
      </header>

      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />

      <section className="section panel" aria-labelledby="product-state">
        <h2 id="product-state">{t("dashboard.product.stateTitle")}</h2>
        {product.status === "draft" ? (
          shop.verified ? (
            <StatusButton intent="publish" label={t("dashboard.product.publish")} help={t("dashboard.product.publishHelp")} />
          ) : (
            <p className="notice" data-testid="cannot-publish">
              {t("dashboard.product.cannotPublish", { state: t(`membership.${shop.membership}`) })}
            </p>
          )
        ) : null}
        {product.status === "published" ? (
          <StatusButton intent="unpublish" label={t("dashboard.product.unpublish")} help={t("dashboard.product.unpublishHelp")} secondary />
        ) : null}
        {product.status === "archived" ? (
          <StatusButton intent="restore" label={t("dashboard.product.restore")} help={t("dashboard.product.restoreHelp")} />
        ) : (
          <StatusButton intent="archive" label={t("dashboard.product.archive")} help={t("dashboard.product.archiveHelp")} secondary />
        )}
        <StockForm key={`stock-${product.updated_at}`} stock={product.stock} lastResult={actionData?.form === "stock" ? actionData.result : null} />
      </section>

      <section className="section" aria-labelledby="product-photos">
        <h2 id="product-photos">{t("dashboard.product.photosTitle")}</h2>
        <p data-testid="photo-state">
          {t("dashboard.products.photos", { count: product.image_count })}
          {product.images_not_ready > 0 ? <> · {t("dashboard.products.processing", { count: product.images_not_ready })}</> : null}
        </p>
        {product.images_ready === 0 ? <p className="muted">{t("dashboard.product.noPhotoHint")}</p> : null}
        <p>
          <a href={photosPath}>{t("dashboard.products.photosLink")}</a>
        </p>
      </section>

      <section className="section" aria-labelledby="product-details">
        <h2 id="product-details">{t("dashboard.product.details")}</h2>
        <ProductForm
          key={product.updated_at}
          lastResult={actionData?.form === "product" ? actionData.result : null}
          defaults={defaults}
          motifs={motifs}
          submitLabel={t("dashboard.product.save")}
        />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
