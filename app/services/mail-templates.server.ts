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
import { formatDateTime, formatRupiah } from "~/utils/format";
import { localePath, type Locale } from "~/utils/i18n";

export type MailTemplateData = {
  /** Sent when an account is created; `confirmUrl` asks the person to confirm the address (valid 7 days). */
  welcome: { name: string; confirmUrl?: string };
  /** A password reset link (absolute), valid until `expiresAt` (1 hour). */
  passwordReset: { name: string; resetUrl: string; expiresAt: string };
  /** An e-mail confirmation link sent again from the account page, valid until `expiresAt` (7 days). */
  confirmEmail: { name: string; confirmUrl: string; expiresAt: string };
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
  /**
   * To the owner of the shop that proposed a motif: the association approved
   * (published) or rejected it, with the officer's reason. Holds nothing of buyers.
   */
  motifDecision: {
    name: string;
    shopName: string;
    motifName: string;
    outcome: "published" | "rejected";
    reason: string | null;
    /** The public page of an approved motif (path, without the language prefix). */
    motifPath?: string | null;
  };
  /**
   * To the buyer who asked: a receipt with the private link to the thread
   * (`threadPath`, without the language prefix). Holds the shop's name only,
   * never its phone or e-mail.
   */
  inquiryReceipt: { name: string; artisanName: string; about: string | null; kind: InquiryMailKind; message: string; threadPath: string };
  /** To the buyer: the artisan replied in the thread (the reply's text, defanged, and the link). */
  inquiryReply: { name: string; artisanName: string; about: string | null; message: string; attachments: number; threadPath: string };
  /**
   * To the shop owner: a new inquiry (`created`) or the buyer's reply
   * (`buyer_reply`), with the dashboard link. The buyer's e-mail is not in
   * it: the conversation goes through the platform.
   */
  inquiryNotice: {
    name: string;
    shopName: string;
    buyerName: string;
    event: "created" | "buyer_reply";
    kind: InquiryMailKind;
    about: string | null;
    quantity: number | null;
    budget: number | null;
    message: string;
    attachments: number;
    threadPath: string;
  };
};

export type InquiryMailKind = "product" | "custom" | "wholesale" | "exhibition";

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

/**
 * A button-like link followed by the same address as text, for mail clients
 * that strip links and for people who copy it by hand.
 */
function linkBlock({ intro, label, url }: { intro: string; label: string; url: string }): SafeHtml {
  return html`<p style="margin:0 0 8px">${intro}</p>
<p style="margin:0 0 8px"><a href="${url}" style="display:inline-block;padding:10px 16px;background:#7a3b12;color:#ffffff;text-decoration:none;border-radius:4px">${label}</a></p>
<p style="margin:0 0 16px;font-size:13px;word-break:break-all"><a href="${url}" style="color:#7a3b12">${url}</a></p>`;
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
  welcome: ({ name, confirmUrl }, { locale, origin }) => {
    const account = `${origin}${localePath(locale, "/account")}`;
    const products = `${origin}${localePath(locale, "/products")}`;
    if (locale === "en") {
      const confirm = confirmUrl
        ? `Please confirm your e-mail address by opening this link (valid for 7 days):\n${confirmUrl}`
        : "";
      const text = `Dear ${name},\n\nWelcome to Batik Blitar. Your account is ready: you can follow your orders, keep favourites and continue conversations with artisans.${confirm ? `\n\n${confirm}` : ""}\n\nYour account: ${account}\nBrowse the batik of Blitar: ${products}`;
      return {
        subject: "Welcome to Batik Blitar",
        heading: `Welcome, ${name}`,
        text,
        html: html`${paragraphs(`Dear ${name},`)}${paragraphs("Welcome to Batik Blitar. Your account is ready: you can follow your orders, keep favourites and continue conversations with artisans.")}
${confirmUrl ? linkBlock({ intro: "Please confirm your e-mail address (the link is valid for 7 days):", label: "Confirm my e-mail address", url: confirmUrl }) : ""}
<p style="margin:0 0 16px"><a href="${account}" style="color:#7a3b12">Open your account</a> · <a href="${products}" style="color:#7a3b12">Browse the batik of Blitar</a></p>`,
      };
    }
    const confirm = confirmUrl ? `Mohon konfirmasi alamat e-mail Anda dengan membuka tautan ini (berlaku 7 hari):\n${confirmUrl}` : "";
    const text = `Yth. ${name},\n\nSelamat datang di Batik Blitar. Akun Anda sudah siap: Anda dapat mengikuti pesanan, menyimpan favorit, dan melanjutkan percakapan dengan pengrajin.${confirm ? `\n\n${confirm}` : ""}\n\nAkun Anda: ${account}\nJelajahi batik Blitar: ${products}`;
    return {
      subject: "Selamat datang di Batik Blitar",
      heading: `Selamat datang, ${name}`,
      text,
      html: html`${paragraphs(`Yth. ${name},`)}${paragraphs("Selamat datang di Batik Blitar. Akun Anda sudah siap: Anda dapat mengikuti pesanan, menyimpan favorit, dan melanjutkan percakapan dengan pengrajin.")}
${confirmUrl ? linkBlock({ intro: "Mohon konfirmasi alamat e-mail Anda (tautan berlaku 7 hari):", label: "Konfirmasi alamat e-mail saya", url: confirmUrl }) : ""}
<p style="margin:0 0 16px"><a href="${account}" style="color:#7a3b12">Buka akun Anda</a> · <a href="${products}" style="color:#7a3b12">Jelajahi batik Blitar</a></p>`,
    };
  },

  passwordReset: ({ name, resetUrl, expiresAt }, { locale }) => {
    const until = formatDateTime(expiresAt, locale);
    if (locale === "en") {
      const intro = "Someone (we hope you) asked to reset the password of your Batik Blitar account.";
      const validity = `The link is valid for 1 hour (until ${until}) and works once.`;
      const ignore = "If you did not ask for this, ignore this e-mail: your password stays as it is.";
      return {
        subject: "Reset your Batik Blitar password",
        heading: "Reset your password",
        text: `Dear ${name},\n\n${intro}\n\nChoose a new password here:\n${resetUrl}\n\n${validity}\n\n${ignore}`,
        html: html`${paragraphs(`Dear ${name},`)}${paragraphs(intro)}${linkBlock({ intro: "Choose a new password here:", label: "Choose a new password", url: resetUrl })}${paragraphs(validity)}${paragraphs(ignore)}`,
      };
    }
    const intro = "Seseorang (semoga Anda) meminta pengaturan ulang kata sandi akun Batik Blitar Anda.";
    const validity = `Tautan ini berlaku 1 jam (sampai ${until}) dan hanya dapat dipakai sekali.`;
    const ignore = "Jika Anda tidak memintanya, abaikan e-mail ini: kata sandi Anda tetap seperti semula.";
    return {
      subject: "Atur ulang kata sandi Batik Blitar Anda",
      heading: "Atur ulang kata sandi",
      text: `Yth. ${name},\n\n${intro}\n\nBuat kata sandi baru di sini:\n${resetUrl}\n\n${validity}\n\n${ignore}`,
      html: html`${paragraphs(`Yth. ${name},`)}${paragraphs(intro)}${linkBlock({ intro: "Buat kata sandi baru di sini:", label: "Buat kata sandi baru", url: resetUrl })}${paragraphs(validity)}${paragraphs(ignore)}`,
    };
  },

  confirmEmail: ({ name, confirmUrl, expiresAt }, { locale }) => {
    const until = formatDateTime(expiresAt, locale);
    if (locale === "en") {
      const intro = "Please confirm that this is your e-mail address for your Batik Blitar account.";
      const validity = `The link is valid for 7 days (until ${until}).`;
      const ignore = "If you did not create an account on Batik Blitar, ignore this e-mail.";
      return {
        subject: "Confirm your e-mail address for Batik Blitar",
        heading: "Confirm your e-mail address",
        text: `Dear ${name},\n\n${intro}\n\nOpen this link to confirm:\n${confirmUrl}\n\n${validity}\n\n${ignore}`,
        html: html`${paragraphs(`Dear ${name},`)}${paragraphs(intro)}${linkBlock({ intro: "Open this link to confirm:", label: "Confirm my e-mail address", url: confirmUrl })}${paragraphs(validity)}${paragraphs(ignore)}`,
      };
    }
    const intro = "Mohon konfirmasi bahwa ini alamat e-mail akun Batik Blitar Anda.";
    const validity = `Tautan ini berlaku 7 hari (sampai ${until}).`;
    const ignore = "Jika Anda tidak membuat akun di Batik Blitar, abaikan e-mail ini.";
    return {
      subject: "Konfirmasi alamat e-mail Anda untuk Batik Blitar",
      heading: "Konfirmasi alamat e-mail",
      text: `Yth. ${name},\n\n${intro}\n\nBuka tautan ini untuk konfirmasi:\n${confirmUrl}\n\n${validity}\n\n${ignore}`,
      html: html`${paragraphs(`Yth. ${name},`)}${paragraphs(intro)}${linkBlock({ intro: "Buka tautan ini untuk konfirmasi:", label: "Konfirmasi alamat e-mail saya", url: confirmUrl })}${paragraphs(validity)}${paragraphs(ignore)}`,
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

  inquiryReceipt: ({ name, artisanName, about, kind, message, threadPath }, { locale, origin }) => {
    const en = locale === "en";
    const url = `${origin}${localePath(locale, threadPath)}`;
    const kindLabel = INQUIRY_KINDS[locale][kind];
    const heading = en ? `Your question to ${artisanName} was sent` : `Pertanyaan Anda untuk ${artisanName} telah terkirim`;
    const greeting = en ? `Dear ${name},` : `Yth. ${name},`;
    const what = en
      ? `We passed your ${kindLabel}${about ? ` about "${about}"` : ""} to ${artisanName}. You will get an e-mail when they reply.`
      : `Kami telah meneruskan ${kindLabel} Anda${about ? ` tentang "${about}"` : ""} kepada ${artisanName}. Anda akan menerima e-mail saat mereka membalas.`;
    const linkIntro = en
      ? "This private link opens your conversation: read replies and write back there. Keep it to yourself — anyone with the link can read the conversation."
      : "Tautan pribadi ini membuka percakapan Anda: baca balasan dan tulis kembali di sana. Simpan untuk Anda sendiri — siapa pun yang memiliki tautan ini dapat membaca percakapannya.";
    const label = en ? "Open the conversation" : "Buka percakapan";
    const yourMessage = en ? "Your message" : "Pesan Anda";
    return {
      subject: heading,
      heading,
      text: `${greeting}\n\n${what}\n\n${yourMessage}:\n${quotedText(message)}\n\n${linkIntro}\n${url}`,
      html: html`${paragraphs(greeting)}${paragraphs(what)}<p style="margin:0 0 8px"><strong>${yourMessage}:</strong></p>${quoted(message)}${linkBlock({ intro: linkIntro, label, url })}`,
    };
  },

  inquiryReply: ({ name, artisanName, about, message, attachments, threadPath }, { locale, origin }) => {
    const en = locale === "en";
    const url = `${origin}${localePath(locale, threadPath)}`;
    const heading = en ? `${artisanName} replied to your inquiry` : `${artisanName} membalas pertanyaan Anda`;
    const greeting = en ? `Dear ${name},` : `Yth. ${name},`;
    const what = en
      ? `${artisanName} replied${about ? ` about "${about}"` : ""}:`
      : `${artisanName} membalas${about ? ` tentang "${about}"` : ""}:`;
    const photos =
      attachments > 0 ? (en ? `The reply has ${attachments} photo${attachments === 1 ? "" : "s"}; open the conversation to see them.` : `Balasan ini menyertakan ${attachments} foto; buka percakapan untuk melihatnya.`) : "";
    const linkIntro = en
      ? "Reply through the conversation page (replying to this e-mail does not reach the artisan):"
      : "Balas melalui halaman percakapan (membalas e-mail ini tidak sampai ke pengrajin):";
    const label = en ? "Open the conversation" : "Buka percakapan";
    return {
      subject: heading,
      heading,
      text: `${greeting}\n\n${what}\n${quotedText(message)}${photos ? `\n\n${photos}` : ""}\n\n${linkIntro}\n${url}`,
      html: html`${paragraphs(greeting)}${paragraphs(what)}${quoted(message)}${photos ? paragraphs(photos) : ""}${linkBlock({ intro: linkIntro, label, url })}`,
    };
  },

  inquiryNotice: ({ name, shopName, buyerName, event, kind, about, quantity, budget, message, attachments, threadPath }, { locale, origin }) => {
    const en = locale === "en";
    const url = `${origin}${localePath(locale, threadPath)}`;
    const kindLabel = INQUIRY_KINDS[locale][kind];
    const created = event === "created";
    const heading = created
      ? en
        ? `New inquiry from ${buyerName}`
        : `Pertanyaan baru dari ${buyerName}`
      : en
        ? `${buyerName} replied`
        : `${buyerName} membalas`;
    const greeting = en ? `Dear ${name},` : `Yth. ${name},`;
    const what = created
      ? en
        ? `${buyerName} sent your shop ${shopName} a ${kindLabel}${about ? ` about "${about}"` : ""}.`
        : `${buyerName} mengirim ${kindLabel} kepada toko Anda, ${shopName}${about ? `, tentang "${about}"` : ""}.`
      : en
        ? `${buyerName} wrote again in the conversation${about ? ` about "${about}"` : ""}.`
        : `${buyerName} menulis lagi dalam percakapan${about ? ` tentang "${about}"` : ""}.`;
    const facts = [
      quantity != null ? `${en ? "Quantity" : "Jumlah"}: ${quantity}` : null,
      budget != null ? `${en ? "Budget" : "Anggaran"}: ${formatRupiah(budget)}` : null,
      attachments > 0 ? `${en ? "Photos" : "Foto"}: ${attachments}` : null,
    ].filter((f): f is string => f !== null);
    const linkIntro = en ? "Read and reply in your dashboard (the buyer gets your reply by e-mail):" : "Baca dan balas di dasbor Anda (pembeli menerima balasan Anda lewat e-mail):";
    const label = en ? "Open the conversation" : "Buka percakapan";
    return {
      subject: `${heading} · ${shopName}`,
      heading,
      text: `${greeting}\n\n${what}${facts.length ? `\n${facts.join("\n")}` : ""}\n\n${quotedText(message)}\n\n${linkIntro}\n${url}`,
      html: html`${paragraphs(greeting)}${paragraphs(what)}${facts.length ? paragraphs(facts.join("\n")) : ""}${quoted(message)}${linkBlock({ intro: linkIntro, label, url })}`,
    };
  },

  motifDecision: ({ name, shopName, motifName, outcome, reason, motifPath }, { locale, origin }) => {
    const en = locale === "en";
    const published = outcome === "published";
    const account = `${origin}${localePath(locale, "/account")}`;
    const page = published && motifPath ? `${origin}${localePath(locale, motifPath)}` : null;
    const heading = en
      ? published
        ? "Your motif proposal was approved"
        : "Your motif proposal was not accepted"
      : published
        ? "Usulan motif Anda disetujui"
        : "Usulan motif Anda belum dapat diterima";
    const decision = en
      ? `The batik artisans' association has ${published ? "approved" : "rejected"} the motif "${motifName}" proposed by your shop ${shopName}.`
      : `Asosiasi pengrajin batik telah ${published ? "menyetujui" : "menolak"} motif "${motifName}" yang diusulkan toko Anda, ${shopName}.`;
    const next = en
      ? published
        ? "The motif is now in the public motif registry, and products can be tagged with it."
        : "Once you have dealt with the reason, you can propose the motif again."
      : published
        ? "Motif ini kini tercantum di daftar motif publik, dan produk dapat ditandai dengan motif ini."
        : "Setelah Anda menindaklanjuti alasannya, Anda dapat mengusulkan motif ini kembali.";
    const reasonLabel = en ? (published ? "Note from the association" : "Reason") : published ? "Catatan dari asosiasi" : "Alasan";
    const greeting = en ? `Dear ${name},` : `Yth. ${name},`;
    const pageLabel = en ? "The motif's page" : "Halaman motif";
    const accountLabel = en ? "Your account" : "Akun Anda";
    const text = `${greeting}\n\n${decision}${reason ? `\n\n${reasonLabel}: ${reason}` : ""}\n\n${next}${page ? `\n\n${pageLabel}: ${page}` : ""}\n\n${accountLabel}: ${account}`;
    return {
      subject: `${heading}: ${motifName}`,
      heading,
      text,
      html: html`${paragraphs(greeting)}${paragraphs(decision)}${reason ? html`<p style="margin:0 0 16px"><strong>${reasonLabel}:</strong> ${reason}</p>` : ""}${paragraphs(next)}
<p style="margin:0 0 16px">${page ? html`<a href="${page}" style="color:#7a3b12">${pageLabel}</a> · ` : ""}<a href="${account}" style="color:#7a3b12">${en ? "Open your account" : "Buka akun Anda"}</a></p>`,
    };
  },
};

const INQUIRY_KINDS: Record<Locale, Record<InquiryMailKind, string>> = {
  id: { product: "pertanyaan produk", custom: "pesanan khusus", wholesale: "pesanan grosir/ekspor", exhibition: "pameran" },
  en: { product: "product question", custom: "custom order", wholesale: "wholesale/export order", exhibition: "exhibition" },
};

/**
 * Makes addresses in a message unclickable in mail: mail clients turn
 * anything that looks like a URL or a domain into a link, and a stranger's
 * message must not carry a working link (phishing). `https://x.co/a` becomes
 * `hxxps[://]x[.]co/a`; the reader can still see and retype it.
 */
export function defang(text: string): string {
  return text.replace(/\b(?:(?:https?|ftp):\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*@?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b\S*/gi, (match) =>
    match
      .replace(/^http/i, (h) => (h === "http" ? "hxxp" : "HXXP"))
      .replace(/^ftp/i, "fxp")
      .replace("://", "[://]")
      .replace(/\./g, "[.]"),
  );
}

/** The message quoted in a mail: defanged, as a block with a left rule. */
function quoted(message: string): SafeHtml {
  return html`<div style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c9a77a;background:#fffaf2">${paragraphs(defang(message))}</div>`;
}

function quotedText(message: string): string {
  return defang(message)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

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
