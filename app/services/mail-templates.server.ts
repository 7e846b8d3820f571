/**
 * Mail templates, in code: each template has typed data and renders a subject,
 * a plain-text body and an HTML body in Indonesian or English inside one
 * shared layout. HTML is built with the `html` tag below, which escapes every
 * interpolated value unless it is another `html` fragment, so data written by
 * users (names, messages) can never inject markup.
 *
 * To add a template: add its data type to `MailTemplateData` and its
 * renderer to `TEMPLATES`; tsc then checks every `queueMail` call.
 */
import { formatDateTime } from "~/utils/format";
import { localePath, type Locale } from "~/utils/i18n";

export type MailTemplateData = {
  /** Sent when an account is created. */
  welcome: { name: string };
  /** The last message to an address whose account was deleted (privacy.server.ts). */
  accountDeleted: { name: string; deletedAt: string };
  /** A plain message to check that mail goes out (tests, `scripts/jobs.ts send-test-mail`). */
  test: { note?: string; requestedAt: string };
  /**
   * To a shop owner: the association verified or rejected the shop's
   * membership or one of its legality documents. Holds nothing of buyers.
   */
  verificationDecision: {
    name: string;
    shopName: string;
    subject: "membership" | "document";
    outcome: "verified" | "rejected";
    /** The officer's reason (rejection) or note (approval), if any. */
    reason: string | null;
    document?: { kind: "nib" | "trademark" | "batikmark" | "sni" | "halal" | "other"; number: string } | null;
  };
};

export type MailTemplateName = keyof MailTemplateData;

export type RenderedMail = { subject: string; text: string; html: string };

export type MailRenderContext = { locale: Locale; origin: string };

// ---------------------------------------------------------------------------
// Escaping

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Markup that is already safe; only the `html` tag makes one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | null | undefined | HtmlValue[];

function htmlValue(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(htmlValue).join("");
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

/** Template tag: literal parts are markup, interpolated values are escaped (fragments from `html` pass through). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += htmlValue(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** A paragraph per blank-line-separated block, line breaks kept; the text is escaped. */
function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p style="margin:0 0 16px">${p.split("\n").map((line, i) => (i === 0 ? line : [html`<br>`, line]))}</p>`);
}

// ---------------------------------------------------------------------------
// Layout

const LAYOUT_TEXT = {
  id: {
    footer: "Anda menerima e-mail ini dari Batik Blitar, pasar dan etalase pameran batik Blitar, Jawa Timur.",
    visit: "Kunjungi",
  },
  en: {
    footer: "You received this e-mail from Batik Blitar, the marketplace and exhibition showcase for the batik of Blitar, East Java.",
    visit: "Visit",
  },
} as const;

const SITE_NAME = "Batik Blitar";

type MailBody = { subject: string; heading: string; text: string; html: SafeHtml };

/**
 * The plain shared layout: site name on top, the body, a footer with a link to
 * PUBLIC_ORIGIN. Inline styles because mail clients ignore style sheets.
 */
function layout(body: MailBody, { locale, origin }: MailRenderContext): RenderedMail {
  const t = LAYOUT_TEXT[locale];
  const home = `${origin}${localePath(locale, "/")}`;
  const htmlDoc = html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${body.subject}</title></head>
<body style="margin:0;padding:0;background:#f7f1e8;color:#2b1d12;font-family:Georgia,'Times New Roman',serif">
<div style="max-width:600px;margin:0 auto;padding:24px">
<p style="margin:0 0 24px;font-size:20px;font-weight:bold;color:#7a3b12">${SITE_NAME}</p>
<h1 style="margin:0 0 16px;font-size:22px">${body.heading}</h1>
${body.html}
<hr style="border:none;border-top:1px solid #d9c7b0;margin:32px 0 16px">
<p style="margin:0;font-size:13px;color:#6b5a4a">${t.footer}<br><a href="${home}" style="color:#7a3b12">${t.visit} ${origin}</a></p>
</div>
</body>
</html>`;
  const text = `${SITE_NAME}\n\n${body.heading}\n\n${body.text.trim()}\n\n-- \n${t.footer}\n${t.visit}: ${home}\n`;
  return { subject: body.subject, text, html: htmlDoc.value };
}

// ---------------------------------------------------------------------------
// Templates

type TemplateRenderer<T> = (data: T, context: MailRenderContext) => MailBody;

const TEMPLATES: { [K in MailTemplateName]: TemplateRenderer<MailTemplateData[K]> } = {
  welcome: ({ name }, { locale, origin }) => {
    const account = `${origin}${localePath(locale, "/account")}`;
    const products = `${origin}${localePath(locale, "/products")}`;
    if (locale === "en") {
      const text = `Dear ${name},\n\nWelcome to Batik Blitar. Your account is ready: you can follow your orders, keep favourites and continue conversations with artisans.\n\nYour account: ${account}\nBrowse the batik of Blitar: ${products}`;
      return {
        subject: "Welcome to Batik Blitar",
        heading: `Welcome, ${name}`,
        text,
        html: html`${paragraphs(`Dear ${name},`)}${paragraphs("Welcome to Batik Blitar. Your account is ready: you can follow your orders, keep favourites and continue conversations with artisans.")}
<p style="margin:0 0 16px"><a href="${account}" style="color:#7a3b12">Open your account</a> · <a href="${products}" style="color:#7a3b12">Browse the batik of Blitar</a></p>`,
      };
    }
    const text = `Yth. ${name},\n\nSelamat datang di Batik Blitar. Akun Anda sudah siap: Anda dapat mengikuti pesanan, menyimpan favorit, dan melanjutkan percakapan dengan pengrajin.\n\nAkun Anda: ${account}\nJelajahi batik Blitar: ${products}`;
    return {
      subject: "Selamat datang di Batik Blitar",
      heading: `Selamat datang, ${name}`,
      text,
      html: html`${paragraphs(`Yth. ${name},`)}${paragraphs("Selamat datang di Batik Blitar. Akun Anda sudah siap: Anda dapat mengikuti pesanan, menyimpan favorit, dan melanjutkan percakapan dengan pengrajin.")}
<p style="margin:0 0 16px"><a href="${account}" style="color:#7a3b12">Buka akun Anda</a> · <a href="${products}" style="color:#7a3b12">Jelajahi batik Blitar</a></p>`,
    };
  },

  accountDeleted: ({ name, deletedAt }, { locale, origin }) => {
    const when = formatDateTime(deletedAt, locale);
    const signup = `${origin}${localePath(locale, "/signup")}`;
    if (locale === "en") {
      const body = `Your Batik Blitar account was deleted on ${when} at your request. Your name, e-mail address, phone number and address have been removed. Orders you placed are kept without them, because bookkeeping rules require it.\n\nThis is the last e-mail we send to this address. If you did not ask for this, reply to this message.`;
      return {
        subject: "Your Batik Blitar account was deleted",
        heading: "Your account was deleted",
        text: `Dear ${name},\n\n${body}\n\nYou are welcome to sign up again at any time: ${signup}`,
        html: html`${paragraphs(`Dear ${name},`)}${paragraphs(body)}
<p style="margin:0 0 16px"><a href="${signup}" style="color:#7a3b12">Sign up again</a></p>`,
      };
    }
    const body = `Akun Batik Blitar Anda telah dihapus pada ${when} atas permintaan Anda. Nama, alamat e-mail, nomor telepon, dan alamat Anda sudah dihapus. Pesanan yang pernah Anda buat tetap disimpan tanpa data tersebut karena diwajibkan untuk pembukuan.\n\nIni e-mail terakhir yang kami kirim ke alamat ini. Jika Anda tidak memintanya, balas pesan ini.`;
    return {
      subject: "Akun Batik Blitar Anda telah dihapus",
      heading: "Akun Anda telah dihapus",
      text: `Yth. ${name},\n\n${body}\n\nAnda dapat mendaftar lagi kapan saja: ${signup}`,
      html: html`${paragraphs(`Yth. ${name},`)}${paragraphs(body)}
<p style="margin:0 0 16px"><a href="${signup}" style="color:#7a3b12">Daftar lagi</a></p>`,
    };
  },

  test: ({ note, requestedAt }, { locale }) => {
    const when = formatDateTime(requestedAt, locale);
    const intro =
      locale === "en"
        ? `This is a test message from Batik Blitar, requested on ${when}. If you can read it, outgoing mail works.`
        : `Ini pesan uji dari Batik Blitar, diminta pada ${when}. Jika Anda dapat membacanya, pengiriman e-mail berfungsi.`;
    const noteLabel = locale === "en" ? "Note" : "Catatan";
    const text = note ? `${intro}\n\n${noteLabel}: ${note}` : intro;
    return {
      subject: locale === "en" ? "Batik Blitar test message" : "Pesan uji Batik Blitar",
      heading: locale === "en" ? "Test message" : "Pesan uji",
      text,
      html: html`${paragraphs(intro)}${note ? html`<p style="margin:0 0 16px"><strong>${noteLabel}:</strong> ${note}</p>` : ""}`,
    };
  },

  verificationDecision: ({ name, shopName, subject, outcome, reason, document }, { locale, origin }) => {
    const account = `${origin}${localePath(locale, "/account")}`;
    const en = locale === "en";
    const kind = document ? DOCUMENT_KINDS[locale][document.kind] : "";
    const what =
      subject === "membership"
        ? en
          ? `the membership of your shop ${shopName}`
          : `keanggotaan toko Anda, ${shopName}`
        : en
          ? `the ${kind} document no. ${document?.number ?? ""} of your shop ${shopName}`
          : `dokumen ${kind} nomor ${document?.number ?? ""} milik toko Anda, ${shopName}`;
    const verified = outcome === "verified";
    const heading = en
      ? verified
        ? subject === "membership"
          ? "Your shop is verified"
          : "Your document is verified"
        : subject === "membership"
          ? "Your shop was not verified"
          : "Your document was not accepted"
      : verified
        ? subject === "membership"
          ? "Toko Anda telah diverifikasi"
          : "Dokumen Anda telah diverifikasi"
        : subject === "membership"
          ? "Toko Anda belum dapat diverifikasi"
          : "Dokumen Anda belum dapat diterima";
    const decision = en
      ? `The batik artisans' association has ${verified ? "verified" : "rejected"} ${what}.`
      : `Asosiasi pengrajin batik telah ${verified ? "memverifikasi" : "menolak"} ${what}.`;
    const next = en
      ? verified
        ? subject === "membership"
          ? "Your shop now appears in the catalogue: you can publish products and apply to exhibitions."
          : "The document now shows on your shop's public profile while it is valid."
        : "You can see the reason on your account page. Once you have dealt with it, contact the association or submit again."
      : verified
        ? subject === "membership"
          ? "Toko Anda kini tampil di katalog: Anda dapat menerbitkan produk dan mendaftar pameran."
          : "Dokumen ini kini tampil di profil publik toko Anda selama masih berlaku."
        : "Alasannya dapat Anda lihat di halaman akun. Setelah Anda menindaklanjutinya, hubungi asosiasi atau ajukan kembali.";
    const reasonLabel = en ? (verified ? "Note from the association" : "Reason") : verified ? "Catatan dari asosiasi" : "Alasan";
    const greeting = en ? `Dear ${name},` : `Yth. ${name},`;
    const accountLabel = en ? "Your account" : "Akun Anda";
    const text = `${greeting}\n\n${decision}${reason ? `\n\n${reasonLabel}: ${reason}` : ""}\n\n${next}\n\n${accountLabel}: ${account}`;
    return {
      subject: `${heading}: ${shopName}`,
      heading,
      text,
      html: html`${paragraphs(greeting)}${paragraphs(decision)}${reason ? html`<p style="margin:0 0 16px"><strong>${reasonLabel}:</strong> ${reason}</p>` : ""}${paragraphs(next)}
<p style="margin:0 0 16px"><a href="${account}" style="color:#7a3b12">${en ? "Open your account" : "Buka akun Anda"}</a></p>`,
    };
  },
};

const DOCUMENT_KINDS: Record<Locale, Record<NonNullable<MailTemplateData["verificationDecision"]["document"]>["kind"], string>> = {
  id: { nib: "NIB", trademark: "merek", batikmark: "Batikmark", sni: "SNI", halal: "halal", other: "legalitas" },
  en: { nib: "NIB", trademark: "trademark", batikmark: "Batikmark", sni: "SNI", halal: "halal", other: "legal" },
};

export function isMailTemplateName(value: string): value is MailTemplateName {
  return Object.hasOwn(TEMPLATES, value);
}

/** Renders a template in the recipient's language inside the shared layout. */
export function renderMail<T extends MailTemplateName>(template: T, data: MailTemplateData[T], context: MailRenderContext): RenderedMail {
  const renderer = TEMPLATES[template] as TemplateRenderer<MailTemplateData[T]>;
  return layout(renderer(data, context), context);
}
