import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardNav } from "~/components/dashboard-nav";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-errors";
import { pageMeta } from "~/components/page-meta";
import { PRODUCT_TECHNIQUES, wholeRupiah } from "~/components/product-form";
import { getShopProfile, indonesianMobileNumber, updateArtisanProfile } from "~/models/artisan.server";
import { isModelError } from "~/models/common.server";
import { ALL_BLITAR_DISTRICTS, BLITAR_DISTRICTS } from "~/utils/blitar";
import { requireArtisanShop } from "~/utils/dashboard.server";
import { flashHeader } from "~/utils/flash.server";
import { formatRupiah } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { i18next } from "~/utils/i18next.server";
import { useLocalePath } from "~/utils/use-locale";

// Repeats PROFILE_LIMITS of artisan.server (server modules are stripped from the browser bundle).
const STORY_MAX = 5000;
const VILLAGE_MAX = 80;
const SHIPPING_MAX = 1_000_000;

function currentYear(): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Jakarta", year: "numeric" }).format(new Date()));
}

const ProfileSchema = z.object({
  storyId: z.string().trim().max(STORY_MAX, "dashboard.errors.tooLong").optional(),
  storyEn: z.string().trim().max(STORY_MAX, "dashboard.errors.tooLong").optional(),
  village: z
    .string({ required_error: "dashboard.errors.villageRequired" })
    .trim()
    .min(1, "dashboard.errors.villageRequired")
    .max(VILLAGE_MAX, "dashboard.errors.tooLong"),
  district: z
    .string({ required_error: "dashboard.errors.districtInvalid" })
    .refine((d) => ALL_BLITAR_DISTRICTS.includes(d), "dashboard.errors.districtInvalid"),
  // Checked as a whole so that the error lands on the one techniques field the form shows.
  techniques: z
    .array(z.string())
    .refine((list) => list.every((t) => (PRODUCT_TECHNIQUES as readonly string[]).includes(t)), "dashboard.errors.techniqueInvalid")
    .transform((list) => list as (typeof PRODUCT_TECHNIQUES)[number][])
    .default([]),
  foundedYear: z.coerce
    .number({ invalid_type_error: "dashboard.errors.yearInvalid" })
    .int("dashboard.errors.yearInvalid")
    .min(1900, "dashboard.errors.yearInvalid")
    .refine((y) => y <= currentYear(), "dashboard.errors.yearInvalid")
    .optional(),
  // The full check (an Indonesian mobile number) runs on the server with normaliseIndonesianNumber.
  whatsappNumber: z.string().trim().max(30, "dashboard.errors.whatsappInvalid").regex(/^[+0-9\s\-.()]*$/, "dashboard.errors.whatsappInvalid").optional(),
  shippingFlatRate: z.preprocess(
    wholeRupiah,
    z.coerce
      .number({ required_error: "dashboard.errors.shippingInvalid", invalid_type_error: "dashboard.errors.shippingInvalid" })
      .int("dashboard.errors.shippingInvalid")
      .min(0, "dashboard.errors.shippingInvalid")
      .max(SHIPPING_MAX, "dashboard.errors.shippingInvalid"),
  ),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const profile = await getShopProfile({ artisanId: shop.id });
  if (!profile) throw new Response("Not Found", { status: 404 });
  const t = await i18next.getFixedT(locale);
  return {
    // The owner's own data, behind their log-in: the WhatsApp number is shown to them here only.
    profile,
    meta: { title: `${t("dashboard.meta.profile")} · ${t("site.name")}`, description: t("dashboard.profile.lead"), noindex: true },
  };
}

const MODEL_FIELDS: Record<string, { field: string; key: string }> = {
  invalid_story: { field: "storyId", key: "dashboard.errors.tooLong" },
  invalid_village: { field: "village", key: "dashboard.errors.villageRequired" },
  invalid_district: { field: "district", key: "dashboard.errors.districtInvalid" },
  invalid_technique: { field: "techniques", key: "dashboard.errors.techniqueInvalid" },
  invalid_founded_year: { field: "foundedYear", key: "dashboard.errors.yearInvalid" },
  invalid_whatsapp_number: { field: "whatsappNumber", key: "dashboard.errors.whatsappInvalid" },
  invalid_shipping_rate: { field: "shippingFlatRate", key: "dashboard.errors.shippingInvalid" },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, shop } = await requireArtisanShop(request);
  const locale = params.lang === "en" ? "en" : "id";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.whatsappNumber && !indonesianMobileNumber(v.whatsappNumber)) {
    return data(submission.reply({ fieldErrors: { whatsappNumber: ["dashboard.errors.whatsappInvalid"] } }), { status: 400 });
  }
  try {
    const result = await updateArtisanProfile({
      artisanId: shop.id,
      actorUserId: user.id,
      storyId: v.storyId ?? "",
      storyEn: v.storyEn ?? "",
      village: v.village,
      district: v.district,
      techniques: v.techniques,
      foundedYear: v.foundedYear ?? null,
      whatsappNumber: v.whatsappNumber ?? null,
      shippingFlatRate: v.shippingFlatRate,
    });
    return redirect(localePath(locale, "/dashboard/profile"), {
      status: 303,
      headers: {
        "Set-Cookie": await flashHeader(
          result.changed ? { kind: "success", key: "dashboard.flash.profileSaved" } : { kind: "info", key: "dashboard.flash.unchanged" },
        ),
      },
    });
  } catch (error) {
    if (!isModelError(error)) throw error;
    const field = MODEL_FIELDS[error.code];
    if (field) return data(submission.reply({ fieldErrors: { [field.field]: [field.key] } }), { status: 400 });
    return data(submission.reply({ formErrors: ["dashboard.errors.badRequest"] }), { status: 400 });
  }
}

export default function DashboardProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const to = useLocalePath();
  const [form, fields] = useForm({
    id: "profile",
    lastResult,
    defaultValue: {
      storyId: profile.story_id,
      storyEn: profile.story_en,
      village: profile.village,
      district: profile.district,
      techniques: profile.techniques,
      foundedYear: profile.founded_year == null ? "" : String(profile.founded_year),
      whatsappNumber: profile.whatsapp_number ?? "",
      shippingFlatRate: String(profile.shipping_flat_rate),
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  // Read here (the component that called useForm) so Conform re-renders when these change.
  const errorsOf = {
    storyId: fields.storyId.errors,
    storyEn: fields.storyEn.errors,
    village: fields.village.errors,
    district: fields.district.errors,
    techniques: fields.techniques.errors,
    foundedYear: fields.foundedYear.errors,
    whatsappNumber: fields.whatsappNumber.errors,
    shippingFlatRate: fields.shippingFlatRate.errors,
  };
  const chosen = new Set([fields.techniques.initialValue ?? []].flat().map(String));
  const described = (_id: string, hint: string | null, errors: string[] | undefined, errorId: string) =>
    [hint, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="container page page--narrow">
      <DashboardNav />
      <header className="page-header">
        <h1>{t("dashboard.profile.title")}</h1>
        <p className="page-header__lead">{t("dashboard.profile.lead")}</p>
      </header>

      <Form method="post" className="stack-form dash-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <span className="dash-label">{t("dashboard.profile.name")}</span>
          <p className="dash-readonly" data-testid="shop-name">
            {profile.name}
          </p>
          <p className="field__hint muted">{t("dashboard.profile.nameNote")}</p>
        </div>
        <div className="dash-form__pair">
          <div className="field">
            <label htmlFor={fields.storyId.id}>{t("dashboard.profile.storyId")}</label>
            <textarea {...getTextareaProps(fields.storyId)} rows={8} />
            <FieldError id={fields.storyId.errorId} errors={errorsOf.storyId} />
          </div>
          <div className="field">
            <label htmlFor={fields.storyEn.id}>{t("dashboard.profile.storyEn")}</label>
            <textarea {...getTextareaProps(fields.storyEn)} rows={8} />
            <FieldError id={fields.storyEn.errorId} errors={errorsOf.storyEn} />
          </div>
        </div>
        <div className="dash-form__pair">
          <div className="field">
            <label htmlFor={fields.village.id}>{t("dashboard.profile.village")}</label>
            <input {...getInputProps(fields.village, { type: "text" })} required maxLength={VILLAGE_MAX} />
            <FieldError id={fields.village.errorId} errors={errorsOf.village} />
          </div>
          <div className="field">
            <label htmlFor={fields.district.id}>{t("dashboard.profile.district")}</label>
            <select
              {...getSelectProps(fields.district)}
              required
              aria-describedby={described(fields.district.id, "district-hint", errorsOf.district, fields.district.errorId)}
            >
              <option value="">{"—"}</option>
              {(["kabupaten", "kota"] as const).map((regency) => (
                <optgroup key={regency} label={t(`labels.regency.${regency}`)}>
                  {BLITAR_DISTRICTS[regency].map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p className="field__hint muted" id="district-hint">
              {t("dashboard.profile.districtHint", { regency: t(`labels.regency.${profile.regency}`) })}
            </p>
            <FieldError id={fields.district.errorId} errors={errorsOf.district} />
          </div>
        </div>
        <fieldset className="dash-choices" aria-describedby={errorsOf.techniques?.length ? fields.techniques.errorId : undefined}>
          <legend>{t("dashboard.profile.techniques")}</legend>
          <ul>
            {PRODUCT_TECHNIQUES.map((tech) => (
              <li key={tech}>
                <label>
                  <input type="checkbox" name={fields.techniques.name} value={tech} defaultChecked={chosen.has(tech)} /> {t(`labels.technique.${tech}`)}
                </label>
              </li>
            ))}
          </ul>
          <FieldError id={fields.techniques.errorId} errors={errorsOf.techniques} />
        </fieldset>
        <div className="dash-form__pair">
          <div className="field">
            <label htmlFor={fields.foundedYear.id}>{t("dashboard.profile.foundedYear")}</label>
            <input {...getInputProps(fields.foundedYear, { type: "text" })} inputMode="numeric" maxLength={4} />
            <FieldError id={fields.foundedYear.errorId} errors={errorsOf.foundedYear} />
          </div>
          <div className="field">
            <label htmlFor={fields.whatsappNumber.id}>{t("dashboard.profile.whatsapp")}</label>
            <input
              {...getInputProps(fields.whatsappNumber, { type: "tel" })}
              autoComplete="tel"
              maxLength={30}
              aria-describedby={described(fields.whatsappNumber.id, "whatsapp-hint", errorsOf.whatsappNumber, fields.whatsappNumber.errorId)}
            />
            <p className="field__hint muted" id="whatsapp-hint">
              {t("dashboard.profile.whatsappHint")}
            </p>
            <FieldError id={fields.whatsappNumber.errorId} errors={errorsOf.whatsappNumber} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={fields.shippingFlatRate.id}>{t("dashboard.profile.shipping")}</label>
          <input
            {...getInputProps(fields.shippingFlatRate, { type: "text" })}
            inputMode="numeric"
            required
            aria-describedby={described(fields.shippingFlatRate.id, "shipping-hint", errorsOf.shippingFlatRate, fields.shippingFlatRate.errorId)}
          />
          <p className="field__hint muted" id="shipping-hint">
            {t("dashboard.profile.shippingHint", { max: formatRupiah(SHIPPING_MAX) })}
          </p>
          <FieldError id={fields.shippingFlatRate.errorId} errors={errorsOf.shippingFlatRate} />
        </div>
        <p>
          <button type="submit" className="button">
            {t("dashboard.profile.save")}
          </button>
        </p>
      </Form>
      <p className="muted">
        <a href={to("/dashboard/profile/photo")}>{t("dashboard.profile.photoLink")}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);
