/**
 * The shared parts of an inquiry thread (app/services/inquiry-thread.server.ts
 * and inquiry-mail.server.ts): a reply with photos and its mail commit
 * together; refused photos write nothing; the right mail goes to the right
 * side in the right language; quoted links are defanged; the artisan's phone
 * and e-mail never reach a buyer's mail; reading marks the other side read.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, decideArtisanMembership } from "~/models/artisan.server";
import { createInquiry } from "~/models/inquiry.server";
import { createProduct } from "~/models/product.server";
import { createUser } from "~/models/user.server";
import { queueInquiryMail } from "~/services/inquiry-mail.server";
import { listThreadMessages, markThreadRead, postInquiryMessage, readMessageRequest, MAX_ATTACHMENTS } from "~/services/inquiry-thread.server";
import { defang } from "~/services/mail-templates.server";
import { getDb } from "~/utils/db.server";

const OWNER_EMAIL = "pemilik.sekar@contoh.test";
const PHONE = "081234567890";
let shopId: number;
let productId: number;

async function png(width = 40, height = 30) {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 60, b: 30 } } }).png().toBuffer();
}

function multipart(fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("photos", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return new Request("http://localhost:3000/inquiries/x", { method: "POST", body: form });
}

async function outbox() {
  return getDb().selectFrom("mail_outbox").select(["to_address", "template", "locale", "subject", "text_body", "html_body"]).orderBy("id").execute();
}

beforeAll(async () => {
  const db = getDb();
  const admin = await createUser({ email: "admin.thread@contoh.test", name: "Admin" }, db);
  const owner = await createUser({ email: OWNER_EMAIL, name: "Bu Sekar", locale: "en" }, db);
  shopId = (
    await createArtisan(
      { slug: "sekar-thread", name: "Batik Sekar", ownerName: "Bu Sekar", ownerUserId: owner.id, village: "Tlogo", district: "Kanigoro", regency: "kabupaten", techniques: ["tulis"], whatsappNumber: PHONE },
      db,
    )
  ).id;
  await decideArtisanMembership({ artisanId: shopId, status: "verified", actorUserId: admin.id }, db);
  productId = (await createProduct({ artisanId: shopId, slug: "kain-kawung-biru", titleId: "Kain Kawung Biru", titleEn: "Blue Kawung cloth", technique: "tulis", fabric: "katun_primisima", dye: "natural", price: 450000, stock: 2, status: "published" }, db)).id;
});

describe("mail of a thread", () => {
  it("a new inquiry mails the buyer a receipt (buyer's language, link) and the owner a notice (owner's language), defanged, without the shop's contacts", async () => {
    const { id } = await createInquiry({
      artisanId: shopId,
      productId,
      buyerName: "Rina",
      buyerEmail: "rina@contoh.test",
      kind: "custom",
      quantity: 3,
      budget: 1500000,
      locale: "id",
      message: "Bisa seperti di https://evil.example/pola?x=1 ?",
      token: "TOKENAAAABBBBCCCC",
    });
    await queueInquiryMail({ inquiryId: id, event: "created" });
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.template, m.locale])).toEqual([
      ["rina@contoh.test", "inquiryReceipt", "id"],
      [OWNER_EMAIL, "inquiryNotice", "en"],
    ]);
    const [receipt, notice] = mails;
    expect(receipt.subject).toBe("Pertanyaan Anda untuk Batik Sekar telah terkirim");
    expect(receipt.text_body).toContain("http://localhost:3000/inquiries/TOKENAAAABBBBCCCC");
    expect(receipt.text_body).toContain('tentang "Kain Kawung Biru"');
    expect(receipt.text_body).toContain("hxxps[://]evil[.]example/pola?x=1");
    expect(receipt.html_body).not.toContain("https://evil.example");
    expect(notice.subject).toBe("New inquiry from Rina · Batik Sekar");
    expect(notice.text_body).toContain('a custom order about "Blue Kawung cloth"');
    expect(notice.text_body).toContain("Quantity: 3");
    expect(notice.text_body).toContain(`/en/dashboard/inquiries/${id}`);
    expect(notice.text_body).not.toContain("rina@contoh.test");
    for (const mail of [receipt]) {
      expect(mail.text_body + mail.html_body).not.toContain(OWNER_EMAIL);
      expect(mail.text_body + mail.html_body).not.toContain(PHONE);
      expect(mail.text_body + mail.html_body).not.toContain("81234567890");
    }
  });

  it("a spam inquiry only gets the receipt; a WhatsApp-logged thread (no e-mail) gets no buyer mail", async () => {
    const before = (await outbox()).length;
    const { id } = await createInquiry({ artisanId: shopId, buyerName: "Spammer", buyerEmail: "spam@contoh.test", kind: "product", message: "beli" });
    await getDb().updateTable("inquiries").set({ status: "spam" }).where("id", "=", id).execute();
    await queueInquiryMail({ inquiryId: id, event: "created" });
    await queueInquiryMail({ inquiryId: id, event: "buyer_reply" });
    const after = await outbox();
    expect(after.slice(before).map((m) => m.template)).toEqual(["inquiryReceipt"]);
    await getDb().updateTable("inquiries").set({ buyer_email: "", status: "answered" }).where("id", "=", id).execute();
    await queueInquiryMail({ inquiryId: id, event: "artisan_reply" });
    expect((await outbox()).length).toBe(after.length);
  });
});

describe("replies", () => {
  it("an artisan reply with two photos stores both, moves the thread to answered and mails the buyer in the buyer's language", async () => {
    const { id, token } = await createInquiry({ artisanId: shopId, buyerName: "Made", buyerEmail: "made@contoh.test", kind: "product", locale: "en", message: "Is it hand-drawn?", productId });
    const before = (await outbox()).length;
    const replyAt = new Date(Date.now() + 60_000);
    const req = await readMessageRequest(multipart({ body: "Yes — see www.batik-sekar.example" }, [
      { name: "a.png", bytes: await png(), type: "image/png" },
      { name: "b.png", bytes: await png(50, 50), type: "image/png" },
    ]));
    expect(req.kind).toBe("ok");
    if (req.kind !== "ok") return;
    expect(req.form.get("body")).toBe("Yes — see www.batik-sekar.example");
    const { messageId } = await postInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopId, body: String(req.form.get("body")), files: req.files, now: replyAt });
    const row = await getDb().selectFrom("inquiries").select(["status", "first_response_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "answered", first_response_at: replyAt.toISOString() });
    const images = await getDb().selectFrom("inquiry_message_images").select(["image_id", "position"]).where("message_id", "=", messageId).orderBy("position").execute();
    expect(images.map((i) => i.position)).toEqual([0, 1]);
    const messages = await listThreadMessages({ inquiryId: id });
    expect(messages.map((m) => [m.author, m.attachments.length, m.pendingAttachments])).toEqual([
      ["buyer", 0, 0],
      ["artisan", 0, 2], // variants are made by the job worker, which does not run here
    ]);
    const mails = (await outbox()).slice(before);
    expect(mails.map((m) => [m.to_address, m.template, m.locale])).toEqual([["made@contoh.test", "inquiryReply", "en"]]);
    expect(mails[0].text_body).toContain("The reply has 2 photos");
    expect(mails[0].text_body).toContain("www[.]batik-sekar[.]example");
    expect(mails[0].text_body).toContain(`/en/inquiries/${token}`);
    expect(mails[0].text_body + mails[0].html_body).not.toContain(PHONE);
    expect(mails[0].text_body + mails[0].html_body).not.toContain(OWNER_EMAIL);
  });

  it("refused photos (a fake image, one too many) are reported per file and nothing is written", async () => {
    const files = [
      { name: "ok.png", bytes: await png(), type: "image/png" },
      { name: "fake.jpg", bytes: Buffer.from("not an image at all"), type: "image/jpeg" },
      ...Array.from({ length: MAX_ATTACHMENTS }, (_, i) => ({ name: `more-${i}.png`, bytes: Buffer.alloc(0), type: "image/png" })),
    ];
    files.splice(2, MAX_ATTACHMENTS, ...(await Promise.all([1, 2, 3].map(async (i) => ({ name: `more-${i}.png`, bytes: await png(10 + i, 10), type: "image/png" })))));
    const req = await readMessageRequest(multipart({ body: "lihat" }, files));
    expect(req.kind).toBe("refused");
    if (req.kind !== "refused") return;
    expect(req.refusals).toEqual([
      { filename: "fake.jpg", code: "not_image" },
      { filename: "more-3.png", code: "too_many_files" },
    ]);
    expect(req.form.get("body")).toBe("lihat");
  });

  it("a buyer reply to a closed thread is refused with 409 and writes nothing; another shop cannot reply", async () => {
    const { id } = await createInquiry({ artisanId: shopId, buyerName: "Tono", buyerEmail: "tono@contoh.test", kind: "product", message: "Halo" });
    await expect(postInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopId + 999, body: "bukan toko saya" })).rejects.toMatchObject({ status: 404 });
    await getDb().updateTable("inquiries").set({ status: "closed" }).where("id", "=", id).execute();
    const before = (await outbox()).length;
    await expect(postInquiryMessage({ inquiryId: id, author: "buyer", body: "masih ada?" })).rejects.toMatchObject({ status: 409 });
    expect((await listThreadMessages({ inquiryId: id })).length).toBe(1);
    expect((await outbox()).length).toBe(before);
  });

  it("reading marks only the other side's unread messages", async () => {
    const { id } = await createInquiry({ artisanId: shopId, buyerName: "Ayu", buyerEmail: "ayu@contoh.test", kind: "product", message: "Satu" });
    await postInquiryMessage({ inquiryId: id, author: "buyer", body: "Dua" });
    await postInquiryMessage({ inquiryId: id, author: "artisan", artisanId: shopId, body: "Balasan" });
    expect(await markThreadRead({ inquiryId: id, reader: "artisan" })).toBe(2);
    expect(await markThreadRead({ inquiryId: id, reader: "artisan" })).toBe(0);
    expect(await markThreadRead({ inquiryId: id, reader: "buyer" })).toBe(1);
  });
});

describe("defang", () => {
  it("breaks URLs, domains and addresses but leaves prices and sentences alone", () => {
    expect(defang("lihat https://evil.example/a?b=1 ya")).toBe("lihat hxxps[://]evil[.]example/a?b=1 ya");
    expect(defang("www.batik.co.id")).toBe("www[.]batik[.]co[.]id");
    expect(defang("tulis ke a@b.co")).toBe("tulis ke a@b[.]co");
    expect(defang("Harga Rp1.250.000, ukuran 2.5 m. Selesai.")).toBe("Harga Rp1.250.000, ukuran 2.5 m. Selesai.");
  });
});
