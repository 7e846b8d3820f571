/**
 * The demo data set: real Blitar motifs, fictional shops in the real batik
 * villages, the agencies and associations, a calendar around "now", and 27
 * months of orders, inquiries and visits — all written through the app's own
 * model functions, in one transaction (a crash leaves an empty database, not
 * half a data set). Deterministic: the same seed and the same `now` give the
 * same data. Demo logins are listed in db/seed/README.md.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { sql, type Kysely, type Transaction } from "kysely";
import {
  addLegalDocument,
  createArtisan,
  decideArtisanMembership,
  decideLegalDocument,
  openFacilityNeed,
  recordArtisanFacts,
  recordConsent,
  setArtisanFeatured,
  setArtisanProfileImage,
  updateFacilityNeed,
  batikmarkGradeFor,
} from "../../app/models/artisan.server";
import { createAgency } from "../../app/models/agency.server";
import { createAssociation } from "../../app/models/association.server";
import { applyAsExhibitor, cancelEvent, createEvent, decideExhibitor } from "../../app/models/event.server";
import { createImage } from "../../app/models/image.server";
import { addInquiryMessage, closeInquiry, convertInquiryToOrder, createInquiry, recordOfflineSale } from "../../app/models/inquiry.server";
import { createLink } from "../../app/models/link.server";
import { createMotif } from "../../app/models/motif.server";
import { inTransaction } from "../../app/models/common.server";
import { cancelOrder, completeOrderPart, createOrder, markOrderPaid, shipOrderPart } from "../../app/models/order.server";
import { createProduct, setProductStatus, setProductStock } from "../../app/models/product.server";
import { addProgrammeParticipant, createProgramme, linkProgrammeEvent } from "../../app/models/programme.server";
import { refundOrder } from "../../app/models/refund.server";
import { addAgencyStaff, addAssociationOfficer, createUser, grantRole } from "../../app/models/user.server";
import { recordVisits } from "../../app/models/visit.server";
import { createWhatsappReferral, REFERENCE_ALPHABET } from "../../app/models/whatsapp-referral.server";
import { hashPassword } from "../../app/utils/password.server";
import type { Database } from "../schema";
import { ARTISANS, type ArtisanSeed } from "./data/artisans";
import { buildEvents, type EventSeed } from "./data/events";
import { REAL_MOTIFS, SHOP_MOTIFS, type MotifSeed } from "./data/motifs";
import { AGENCIES, ASSOCIATIONS, DEMO_PASSWORD, DEMO_USERS, ownerEmail } from "./data/people";
import { buildProducts } from "./data/products";
import { planHistory, type PlannedOrder, type SimArtisan, type SimEvent, type SimProduct } from "./history";
import { mapWithConcurrency, PALETTES, patternSvg, renderImage, type PaletteKey, type PatternKind, type RenderedImage } from "./images";
import { Random } from "./random";
import { addDays, addWibMonths, DAY, HOUR, minDate, wibDayString } from "./time";

export const DEFAULT_SEED = "batik-blitar-2026";
/** The history reaches this many months back from "now". */
export const HISTORY_MONTHS = 27;

export type SeedOptions = {
  /** "Now" of the data set; default the real current time, so upcoming events stay upcoming. */
  now?: Date;
  /**
   * The uploads directory (UPLOADS_DIR): image variants are written to
   * `<imagesDir>/variants/`, the SVG originals to `<imagesDir>/originals/`.
   * Default: UPLOADS_DIR from the environment.
   */
  imagesDir?: string;
  /** The PRNG seed; the same seed and `now` give the same data. */
  seed?: string;
};

export type SeedSummary = {
  now: string;
  motifs: number;
  artisans: number;
  products: number;
  events: number;
  orders: number;
  inquiries: number;
  visits: number;
  images: number;
  ms: number;
};

/**
 * Loads the demo data when the database holds no motifs yet; returns whether
 * it seeded. A second call (a restart) does nothing.
 */
export async function seedIfEmpty(db: Kysely<Database>, log: (line: string) => void = () => {}, options: SeedOptions = {}): Promise<boolean> {
  let summary: SeedSummary | null = null;
  for (let attempt = 1; ; attempt++) {
    if (!(await isEmpty(db))) return false;
    try {
      summary = await seedDemoData(db, log, options);
      break;
    } catch (error) {
      // Another process holds the write lock (seeding too): wait for it, then look again.
      if (!isBusy(error) || attempt >= 30) throw error;
      log("demo data: the database is busy (another process seeding?), waiting");
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  if (!summary) return false;
  log(
    `demo data: ${summary.motifs} motifs, ${summary.artisans} artisans, ${summary.products} products, ${summary.events} events, ` +
      `${summary.orders} orders, ${summary.inquiries} inquiries, ${summary.visits} visits, ${summary.images} images in ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return true;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** The database is "empty" for the seed when it has no motifs (nothing public can exist without them). */
export async function isEmpty(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const row = await db.selectFrom("motifs").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

async function defaultUploadsDir(): Promise<string> {
  const { getEnv } = await import("../../app/utils/env.server");
  return getEnv().UPLOADS_DIR;
}

type ImageSpec = { key: string; pattern: PatternKind; palette: PaletteKey; width: number; height: number; variant: number; altId: string; altEn: string };

/**
 * Seeds in one write transaction that takes SQLite's write lock before
 * anything else: when two processes start on one empty database, the second
 * waits for the first and then finds the data there (null: nothing done).
 */
export async function seedDemoData(db: Kysely<Database>, log: (line: string) => void = () => {}, options: SeedOptions = {}): Promise<SeedSummary | null> {
  return db.transaction().execute(async (trx) => {
    await sql`update motifs set id = id where 0`.execute(trx);
    if (!(await isEmpty(trx))) return null;
    return buildDemoData(trx, log, options);
  });
}

async function buildDemoData(db: Transaction<Database>, log: (line: string) => void, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const uploadsDir = path.resolve(options.imagesDir ?? (await defaultUploadsDir()));
  const historyStart = addWibMonths(now, -HISTORY_MONTHS);
  // The platform "launched" just before the history starts: shops, motifs and accounts date from then.
  const launch = addDays(historyStart, -45);
  const monthsAgo = (m: number) => new Date(now.getTime() - m * 30.44 * DAY);

  const motifSeeds: MotifSeed[] = [...REAL_MOTIFS, ...SHOP_MOTIFS];
  const productSeeds = buildProducts(random.fork("catalogue"), ARTISANS, motifSeeds);
  const eventSeeds = buildEvents(now, historyStart);

  // ---------------------------------------------------------------- images (files first, rows in the transaction)
  const specs = new Map<string, ImageSpec>();
  const motifBySlug = new Map(motifSeeds.map((m) => [m.slug, m]));
  for (const m of motifSeeds) {
    specs.set(`motif:${m.slug}`, {
      key: `motif:${m.slug}`,
      pattern: m.pattern,
      palette: m.palette,
      width: 1024,
      height: 1024,
      variant: 0,
      altId: `Ilustrasi pola motif ${m.name}`,
      altEn: `Illustration of the ${m.name} motif pattern`,
    });
  }
  const productImageKey = (p: (typeof productSeeds)[number]) => {
    const motif = motifBySlug.get(p.motifSlugs[0])!;
    return p.colourway === motif.palette ? `motif:${motif.slug}` : `motif:${motif.slug}:${p.colourway}`;
  };
  for (const p of productSeeds) {
    const key = productImageKey(p);
    if (specs.has(key)) continue;
    const motif = motifBySlug.get(p.motifSlugs[0])!;
    const palette = PALETTES[p.colourway];
    specs.set(key, {
      key,
      pattern: motif.pattern,
      palette: p.colourway,
      width: 1024,
      height: 1024,
      variant: 1,
      altId: `Ilustrasi kain motif ${motif.name} warna ${palette.nameId.toLowerCase()}`,
      altEn: `Illustration of a ${motif.name} cloth in ${palette.nameEn}`,
    });
  }
  for (const a of ARTISANS) {
    specs.set(`artisan:${a.key}`, {
      key: `artisan:${a.key}`,
      pattern: a.pattern,
      palette: a.palette,
      width: 1024,
      height: 768,
      variant: 2,
      altId: `Ilustrasi pola batik khas ${a.name}`,
      altEn: `Illustration of the signature batik pattern of ${a.name}`,
    });
  }
  const eventImageKey = (e: EventSeed) => `event:${e.image.pattern}:${e.image.palette}`;
  const KIND_ID: Record<string, string> = { exhibition: "pameran", festival: "festival", bazaar: "bazar", training: "pelatihan" };
  for (const e of eventSeeds) {
    const key = eventImageKey(e);
    if (!specs.has(key)) {
      specs.set(key, {
        key,
        pattern: e.image.pattern,
        palette: e.image.palette,
        width: 1024,
        height: 683,
        variant: 1,
        altId: `Ilustrasi batik untuk ${KIND_ID[e.kind]} batik`,
        altEn: `Batik illustration for a batik ${e.kind}`,
      });
    }
  }
  // One hash for every demo account: they share one published password anyway, and scrypt is
  // deliberately slow. It runs on libuv's thread pool while the images render.
  const passwordHashing = hashPassword(DEMO_PASSWORD);
  log(`demo data: rendering ${specs.size} images into ${uploadsDir}`);
  const imageRandom = random.fork("images");
  // Two images may not share a file (variant keys are unique): when two specs draw the same
  // picture (same pattern and colours), the later one is shifted until it differs.
  const svgs = new Set<string>();
  const specList = [...specs.values()].map((s) => {
    let svg = "";
    for (let variant = s.variant; !svg || svgs.has(svg); variant += 3) {
      svg = patternSvg({ kind: s.pattern, palette: PALETTES[s.palette], width: s.width, height: s.height, variant, random: imageRandom.fork(`${s.key}/${variant}`) });
    }
    svgs.add(svg);
    return { spec: s, svg };
  });
  const rendered = await mapWithConcurrency(specList, ({ svg, spec }) => renderImage(svg, spec.width, spec.height, uploadsDir));
  const renderedByKey = new Map<string, { spec: ImageSpec; image: RenderedImage }>(specList.map(({ spec }, i) => [spec.key, { spec, image: rendered[i] }]));
  log(`demo data: images ready after ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const passwordHash = await passwordHashing;

  const counts = await inTransaction(db, async (trx) => {
    // ------------------------------------------------------------ organisations and people
    const agencyIds = new Map<string, number>();
    for (const a of AGENCIES) {
      const { id } = await createAgency({ slug: a.slug, name: a.name, shortName: a.shortName, kind: a.kind, region: a.region, now: launch }, trx);
      agencyIds.set(a.key, id);
    }
    const associationIds = new Map<string, number>();
    for (const a of ASSOCIATIONS) {
      const { id } = await createAssociation({ slug: a.slug, name: a.name, shortName: a.shortName, region: a.region, foundedYear: a.foundedYear, now: launch }, trx);
      associationIds.set(a.key, id);
    }
    const userIds = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const { id } = await createUser({ email: u.email, name: u.name, passwordHash, emailVerifiedAt: launch.toISOString(), now: launch }, trx);
      userIds.set(u.key, id);
    }
    const adminId = userIds.get("admin")!;
    for (const u of DEMO_USERS) {
      const id = userIds.get(u.key)!;
      for (const role of u.roles) await grantRole({ userId: id, role, grantedBy: u.key === "admin" ? null : adminId, now: launch }, trx);
      for (const agency of u.agencies ?? []) await addAgencyStaff({ userId: id, agencyId: agencyIds.get(agency)! }, trx);
      for (const association of u.associations ?? []) await addAssociationOfficer({ userId: id, associationId: associationIds.get(association)! }, trx);
    }
    const officerOf = (association: "apbb" | "ababil") => userIds.get(association === "apbb" ? "association" : "ababil")!;

    // ------------------------------------------------------------ images
    const imageIds = new Map<string, number>();
    for (const [key, { spec, image }] of renderedByKey) {
      const { id } = await createImage(
        {
          originalKey: image.originalKey,
          mime: image.mime,
          bytes: image.bytes,
          width: image.width,
          height: image.height,
          placeholder: image.placeholder,
          altId: spec.altId,
          altEn: spec.altEn,
          uploadedBy: adminId,
          variants: image.variants,
          now: launch,
        },
        trx,
      );
      imageIds.set(key, id);
    }

    // ------------------------------------------------------------ artisans
    const artisanRandom = random.fork("artisans");
    const sims: SimArtisan[] = [];
    const artisanIds = new Map<string, number>();
    const activeFrom = new Map<string, Date>();
    for (const a of ARTISANS) {
      const joined = a.trend === "new" ? monthsAgo(a.joinedMonthsAgo ?? 10) : a.membership === "pending" ? monthsAgo(artisanRandom.float(0.1, 0.6)) : launch;
      const createdAt = new Date(joined.getTime() - artisanRandom.int(3, 20) * DAY);
      const owner = await createUser(
        { email: ownerEmail(a.key), name: a.ownerName, passwordHash, emailVerifiedAt: createdAt.toISOString(), now: createdAt },
        trx,
      );
      userIds.set(`artisan:${a.key}`, owner.id);
      await grantRole({ userId: owner.id, role: "artisan", grantedBy: adminId, now: createdAt }, trx);
      const { id } = await createArtisan(
        {
          slug: a.slug,
          ownerUserId: owner.id,
          name: a.name,
          ownerName: a.ownerName,
          storyId: a.storyId,
          storyEn: a.storyEn,
          village: a.village,
          district: a.district,
          regency: a.regency,
          techniques: a.techniques,
          foundedYear: a.foundedYear,
          whatsappNumber: a.whatsapp,
          shippingFlatRate: a.shippingFlatRate,
          associationId: associationIds.get(a.association)!,
          now: createdAt,
        },
        trx,
      );
      artisanIds.set(a.key, id);
      await setArtisanProfileImage({ artisanId: id, imageId: imageIds.get(`artisan:${a.key}`)!, now: createdAt }, trx);
      if (a.membership === "verified") {
        await decideArtisanMembership({ artisanId: id, status: "verified", actorUserId: officerOf(a.association), now: joined }, trx);
        activeFrom.set(a.key, joined);
      }
      if (a.featured) await setArtisanFeatured({ artisanId: id, featured: true, now: joined }, trx);
      await seedFacts(trx, artisanRandom.fork(a.key), a, id, owner.id, createdAt, now);
      if (a.consent !== "none") await recordConsent({ artisanId: id, granted: true, recordedBy: owner.id, now: joined }, trx);
      if (a.consent === "withdrawn") await recordConsent({ artisanId: id, granted: false, recordedBy: owner.id, now: monthsAgo(5) }, trx);
    }
    await seedLegalDocuments(trx, artisanRandom.fork("legal"), artisanIds, (key) => officerOf(ARTISANS.find((a) => a.key === key)!.association), launch, now, monthsAgo);
    await seedFacilityNeeds(trx, artisanIds, launch, monthsAgo);

    // ------------------------------------------------------------ motifs
    const motifIds = new Map<string, number>();
    for (const m of REAL_MOTIFS) {
      const { id } = await createMotif(
        {
          slug: m.slug,
          name: m.name,
          storyId: m.storyId,
          storyEn: m.storyEn,
          meaningId: m.meaningId,
          meaningEn: m.meaningEn,
          origin: m.origin,
          region: m.region,
          year: m.year,
          status: "published",
          approvedAt: launch.toISOString(),
          approvedBy: officerOf(m.region === "kota" ? "ababil" : "apbb"),
          featured: m.featured,
          imageIds: [imageIds.get(`motif:${m.slug}`)!],
          now: launch,
        },
        trx,
      );
      motifIds.set(m.slug, id);
    }
    for (const m of SHOP_MOTIFS) {
      const creator = ARTISANS.find((a) => a.key === m.creatorKey)!;
      const at = monthsAgo(m.monthsAgo);
      const { id } = await createMotif(
        {
          slug: m.slug,
          name: m.name,
          storyId: m.storyId,
          storyEn: m.storyEn,
          meaningId: m.meaningId,
          meaningEn: m.meaningEn,
          origin: m.origin,
          region: m.region,
          year: Number(wibDayString(at).slice(0, 4)),
          creatorArtisanId: artisanIds.get(creator.key)!,
          proposedByArtisanId: artisanIds.get(creator.key)!,
          registrationStatus: m.registration ?? "none",
          registrationNumber: m.registration === "registered" ? `EC00${2020 + (m.slug.length % 5)}${random.fork(m.slug).digits(6)}` : null,
          status: m.status,
          approvedAt: m.status === "published" ? at.toISOString() : null,
          approvedBy: m.status === "published" ? officerOf(creator.association) : null,
          imageIds: [imageIds.get(`motif:${m.slug}`)!],
          now: new Date(at.getTime() - 10 * DAY),
        },
        trx,
      );
      motifIds.set(m.slug, id);
    }

    // ------------------------------------------------------------ events, exhibitors, booth and campaign links
    const eventRandom = random.fork("events");
    const simEvents: SimEvent[] = [];
    const eventIdByKey = new Map<string, number>();
    const exhibitorsByEvent = new Map<string, string[]>();
    const organizerFor = (agency: string) =>
      agency === "dekranasda-jatim" ? adminId : agency.endsWith("-kota") ? userIds.get("organizer")! : userIds.get("organizer-kab")!;
    const verifiedArtisans = ARTISANS.filter((a) => a.membership === "verified");
    for (const e of eventSeeds) {
      const createdAt = minDate(addDays(e.startsAt, -60), addDays(now, -14));
      const createdBy = organizerFor(e.organizer);
      const { id } = await createEvent(
        {
          slug: e.slug,
          kind: e.kind,
          titleId: e.titleId,
          titleEn: e.titleEn,
          descriptionId: e.descriptionId,
          descriptionEn: e.descriptionEn,
          startsAt: e.startsAt.toISOString(),
          endsAt: e.endsAt.toISOString(),
          allDay: e.allDay,
          venue: e.venue,
          address: e.address,
          city: e.city,
          organizerAgencyId: agencyIds.get(e.organizer)!,
          standsCapacity: e.standsCapacity,
          imageId: imageIds.get(eventImageKey(e))!,
          applicationDeadline: e.applicationDeadline?.toISOString() ?? null,
          status: "published",
          featured: e.featured,
          createdBy,
          now: createdAt,
        },
        trx,
      );
      eventIdByKey.set(e.key, id);
      const sim: SimEvent = { id, slug: e.slug, kind: e.kind, titleId: e.titleId, startsAt: e.startsAt, endsAt: e.endsAt, cancelled: e.cancelled, exhibitors: [], campaignLinkId: null };
      simEvents.push(sim);
      if (e.exhibitors > 0 && e.applicationDeadline) {
        const r = eventRandom.fork(e.key);
        const eligible = verifiedArtisans.filter((a) => activeFrom.get(a.key)! <= addDays(e.startsAt, -30));
        const weighted = eligible.map((a) => [a, a.trend === "growing" || a.trend === "new" ? 2 : a.trend === "declining" ? 0.5 : 1] as const);
        const chosen: ArtisanSeed[] = [];
        while (chosen.length < Math.min(e.exhibitors + 1, eligible.length)) {
          const pick = r.weighted(weighted.filter(([a]) => !chosen.includes(a)));
          chosen.push(pick);
        }
        const decideAt = minDate(addDays(e.applicationDeadline, 1), addDays(e.startsAt, -1));
        const approvedKeys: string[] = [];
        for (const [i, a] of chosen.entries()) {
          const artisanId = artisanIds.get(a.key)!;
          const appliedAt = new Date(createdAt.getTime() + r.int(1, 10) * DAY + r.int(0, 12) * HOUR);
          if (appliedAt > now || appliedAt >= e.applicationDeadline) continue;
          const application = await applyAsExhibitor(
            { eventId: id, artisanId, message: i % 3 === 0 ? "Kami ingin memamerkan koleksi terbaru kami." : "", now: appliedAt },
            trx,
          );
          // The last applicant is declined (stands are limited); for events still open, half are decided early.
          const decline = i === chosen.length - 1 && chosen.length > 3;
          let decidedAt: Date | null = decideAt <= now ? decideAt : r.chance(0.5) ? new Date(appliedAt.getTime() + r.int(1, 4) * DAY) : null;
          if (decidedAt && decidedAt > now) decidedAt = null;
          if (!decidedAt) continue;
          const decision = await decideExhibitor(
            {
              exhibitorId: application.id,
              decision: decline ? "declined" : "approved",
              decidedBy: createdBy,
              boothLabel: decline ? null : `${String.fromCharCode(65 + (i % 4))}${i + 1}`,
              linkCode: r.code(8),
              now: decidedAt,
            },
            trx,
          );
          if (decision.linkId) {
            sim.exhibitors.push({ artisanId, linkId: decision.linkId });
            approvedKeys.push(a.key);
          }
        }
        exhibitorsByEvent.set(e.key, approvedKeys);
      }
      if (e.campaign) {
        const link = await createLink(
          { kind: "campaign", code: eventRandom.fork(`${e.key}/campaign`).code(8), eventId: id, targetPath: `/events/${e.slug}`, label: `Kampanye ${e.titleId}`, createdBy, now: createdAt },
          trx,
        );
        sim.campaignLinkId = link.id;
      }
      if (e.cancelled) await cancelEvent({ eventId: id, actorUserId: createdBy, now: minDate(addDays(now, -1), addDays(e.startsAt, -1)) }, trx);
    }
    const alwaysOn = await createLink(
      { kind: "campaign", code: random.fork("campaign").code(8), targetPath: "/", label: "Instagram bio", createdBy: adminId, now: launch },
      trx,
    );

    // ------------------------------------------------------------ products (stock is set once the history is planned)
    const simProducts: SimProduct[] = [];
    const toArchive: { artisanId: number; productId: number; at: Date }[] = [];
    for (const p of productSeeds) {
      const artisan = ARTISANS.find((a) => a.key === p.artisanKey)!;
      const artisanId = artisanIds.get(artisan.key)!;
      const shopOpened = activeFrom.get(artisan.key) ?? monthsAgo(0.6);
      const listedAt = new Date(Math.max(monthsAgo(p.listedMonthsAgo).getTime(), shopOpened.getTime() - 5 * DAY));
      const firstImage = imageIds.get(productImageKey(p))!;
      const motifImage = imageIds.get(`motif:${p.motifSlugs[0]}`)!;
      const { id } = await createProduct(
        {
          artisanId,
          slug: p.slug,
          titleId: p.titleId,
          titleEn: p.titleEn,
          descriptionId: p.descriptionId,
          descriptionEn: p.descriptionEn,
          technique: p.technique,
          fabric: p.fabric,
          dye: p.dye,
          widthCm: p.widthCm,
          lengthCm: p.lengthCm,
          price: p.price,
          stock: 0,
          status: p.status === "draft" ? "draft" : "published",
          featured: p.featured,
          motifIds: p.motifSlugs.map((s) => motifIds.get(s)!),
          imageIds: firstImage === motifImage ? [firstImage] : [firstImage, motifImage],
          now: listedAt,
        },
        trx,
      );
      if (p.status === "archived") toArchive.push({ artisanId, productId: id, at: addDays(now, -20) });
      simProducts.push({ seed: p, id, artisanId, listedAt, orderable: p.status === "published" && artisan.membership === "verified" });
    }

    // ------------------------------------------------------------ programmes (their dates lift participants' sales)
    const programmePlan = planProgrammes(eventSeeds, exhibitorsByEvent, now, monthsAgo);
    const boosts = new Map<string, Date[]>();
    for (const p of programmePlan) {
      const from = p.boostFrom;
      if (from) for (const key of p.participants) boosts.set(key, [...(boosts.get(key) ?? []), from]);
    }
    for (const a of verifiedArtisans) {
      sims.push({ seed: a, id: artisanIds.get(a.key)!, activeFrom: activeFrom.get(a.key)!, boosts: boosts.get(a.key) ?? [] });
    }

    // ------------------------------------------------------------ history
    const plan = planHistory({
      random: random.fork("history"),
      now,
      start: historyStart,
      artisans: sims,
      products: simProducts,
      events: simEvents,
      motifs: [...motifIds.entries()]
        .filter(([slug]) => SHOP_MOTIFS.find((m) => m.slug === slug)?.status !== "proposed")
        .map(([slug, id]) => {
          const shop = SHOP_MOTIFS.find((m) => m.slug === slug);
          return { id, creatorArtisanId: shop ? artisanIds.get(shop.creatorKey)! : null, featured: Boolean(motifBySlug.get(slug)?.featured) };
        }),
      alwaysOnCampaignLinkId: alwaysOn.id,
      demoBuyer: { userId: userIds.get("buyer")!, name: DEMO_USERS.find((u) => u.key === "buyer")!.name, email: DEMO_USERS.find((u) => u.key === "buyer")!.email },
    });
    for (const p of simProducts) {
      const stock = (plan.sold.get(p.id) ?? 0) + (plan.held.get(p.id) ?? 0) + p.seed.finalStock;
      await setProductStock({ artisanId: p.artisanId, productId: p.id, stock, now: p.listedAt }, trx);
    }
    const phase = (what: string) => log(`demo data: ${what} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    phase(`history planned (${plan.orders.length} orders, ${plan.inquiries.length} inquiries, ${plan.visits.length} visits)`);
    const orderIds = new Map<PlannedOrder, number>();
    for (const o of plan.orders) orderIds.set(o, await replayOrder(trx, o, adminId));
    phase("orders written");
    for (const q of plan.inquiries) {
      const ownerId = userIds.get(`artisan:${ARTISANS.find((a) => artisanIds.get(a.key) === q.artisanId)!.key}`)!;
      const inquiry = await createInquiry(
        {
          artisanId: q.artisanId,
          productId: q.productId,
          eventId: q.eventId,
          buyerUserId: q.buyer.userId ?? null,
          buyerName: q.buyer.name,
          buyerEmail: q.buyer.email,
          buyerCountry: q.buyer.country,
          kind: q.kind,
          quantity: q.quantity,
          budget: q.budget,
          locale: q.buyer.locale,
          source: q.source,
          sourceLinkId: q.linkId,
          message: q.messages[0].body,
          token: q.token,
          ipHash: null,
          now: q.at,
        },
        trx,
      );
      for (const m of q.messages.slice(1)) {
        await addInquiryMessage(
          { inquiryId: inquiry.id, author: m.author, artisanId: q.artisanId, authorUserId: m.author === "artisan" ? ownerId : (q.buyer.userId ?? null), body: m.body, now: m.at },
          trx,
        );
      }
      if (q.outcome === "converted" && q.order) {
        await convertInquiryToOrder({ inquiryId: inquiry.id, artisanId: q.artisanId, orderId: orderIds.get(q.order)!, now: q.order.at }, trx);
      } else if (q.outcome === "offline" && q.offline) {
        await recordOfflineSale({ inquiryId: inquiry.id, artisanId: q.artisanId, amount: q.offline.amount, soldOn: wibDayString(q.offline.on), now: q.offline.on }, trx);
      } else if ((q.outcome === "closed" || q.outcome === "spam") && q.closedAt) {
        await closeInquiry({ inquiryId: inquiry.id, artisanId: q.artisanId, status: q.outcome, now: q.closedAt }, trx);
      }
    }
    // People read their messages: everything older than three days was read a few hours after it came
    // (recent messages stay unread, so the demo inbox shows a realistic handful, not the whole history).
    await trx
      .updateTable("inquiry_messages")
      .set({ read_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+5 hours')` })
      .where("created_at", "<", new Date(now.getTime() - 3 * 24 * 3600 * 1000).toISOString())
      .execute();
    // A few recent WhatsApp clicks per shop, not yet logged: the artisan can match their codes in
    // /dashboard/inquiries/whatsapp. Codes are fixed per shop so the demo is the same on every machine.
    for (const [key, artisanId] of artisanIds) {
      const seed = ARTISANS.find((a) => a.key === key)!;
      if (!seed.whatsapp) continue;
      const product = await trx.selectFrom("products").select("id").where("artisan_id", "=", artisanId).where("status", "=", "published").orderBy("id").executeTakeFirst();
      for (const [i, daysAgo] of [1, 4].entries()) {
        const digest = createHash("sha256").update(`whatsapp:${key}:${i}`).digest();
        const code = `BB-${Array.from(digest.subarray(0, 6), (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join("")}`;
        await createWhatsappReferral(
          { artisanId, productId: i === 0 ? (product?.id ?? null) : null, visitorHash: `seed-${key}-${i}`, now: new Date(now.getTime() - daysAgo * 86_400_000), generateCode: () => code },
          trx,
        );
      }
    }
    phase("inquiries written");
    await recordVisits({ visits: plan.visits }, trx);
    phase("visits written");
    for (const a of toArchive) await setProductStatus({ artisanId: a.artisanId, productId: a.productId, status: "archived", now: a.at }, trx);

    // ------------------------------------------------------------ programmes
    for (const p of programmePlan) {
      const { id } = await createProgramme(
        {
          agencyId: agencyIds.get(p.agency)!,
          titleId: p.titleId,
          titleEn: p.titleEn,
          descriptionId: p.descriptionId,
          descriptionEn: p.descriptionEn,
          kind: p.kind,
          budget: p.budget,
          fundingSource: p.fundingSource,
          startsOn: wibDayString(p.startsAt),
          endsOn: wibDayString(p.endsAt),
          createdBy: userIds.get(p.agency.endsWith("-kota") ? "agency-kota" : "agency")!,
          now: addDays(p.startsAt, -30),
        },
        trx,
      );
      for (const key of p.participants) await addProgrammeParticipant({ programmeId: id, artisanId: artisanIds.get(key)!, joinedOn: wibDayString(p.joinedAt) }, trx);
      for (const key of p.eventKeys) {
        const eventId = eventIdByKey.get(key);
        if (eventId) await linkProgrammeEvent({ programmeId: id, eventId }, trx);
      }
    }

    return {
      motifs: motifIds.size,
      artisans: artisanIds.size,
      products: simProducts.length,
      events: simEvents.length,
      orders: plan.orders.length,
      inquiries: plan.inquiries.length,
      visits: plan.visits.length,
    };
  });

  return { now: now.toISOString(), ...counts, images: renderedByKey.size, ms: Math.round(performance.now() - started) };
}

type Trx = Transaction<Database>;

async function replayOrder(trx: Trx, o: PlannedOrder, adminId: number): Promise<number> {
  const order = await createOrder(
    {
      code: o.code,
      buyer: o.buyer,
      lines: o.lines,
      paymentMethod: o.paymentMethod,
      locale: o.buyer.locale,
      fulfilment: o.fulfilment,
      pickupEventId: o.pickupEventId,
      shippingByArtisan: o.shippingByArtisan,
      attributionLinkId: o.linkId,
      attributedAt: o.attributedAt?.toISOString() ?? null,
      expiresAt: new Date(o.at.getTime() + DAY).toISOString(),
      now: o.at,
    },
    trx,
  );
  if (o.outcome === "expired" || o.outcome === "cancelled") {
    await cancelOrder({ orderId: order.id, status: o.outcome, now: o.endedAt! }, trx);
  } else if (o.outcome === "paid") {
    // The operator confirms bank transfers (and booth QRIS payments); Stripe confirms itself by webhook.
    await markOrderPaid(
      {
        orderId: order.id,
        provider: o.paymentMethod,
        amount: order.total,
        reference: `SEED-${o.code}`,
        providerRef: o.paymentMethod === "stripe" ? `cs_demo_${o.code.toLowerCase()}` : null,
        confirmedBy: o.paymentMethod === "bank_transfer" ? adminId : null,
        now: o.paidAt!,
      },
      trx,
    );
    const refundAt = o.refund?.at;
    for (const part of order.parts) {
      if (o.shipAt && (!refundAt || o.shipAt < refundAt)) {
        await shipOrderPart(
          { artisanId: part.artisanId, orderPartId: part.id, trackingNumber: o.fulfilment === "ship" ? `JNE${o.code.slice(0, 10)}` : null, now: o.shipAt },
          trx,
        );
        if (o.completeAt && (!refundAt || o.completeAt < refundAt)) await completeOrderPart({ artisanId: part.artisanId, orderPartId: part.id, now: o.completeAt }, trx);
      }
    }
    if (o.refund) {
      await refundOrder(
        { orderId: order.id, amount: order.total, reason: o.refund.reason, provider: o.paymentMethod, createdBy: adminId, now: o.refund.at },
        trx,
      );
    }
  }
  return order.id;
}

/** Workforce reports about every six months: growing shops hire, a declining one lets people go. */
async function seedFacts(trx: Trx, r: Random, a: ArtisanSeed, artisanId: number, ownerId: number, from: Date, now: Date) {
  let { men, women, capacity } = a.workers;
  const step = a.trend === "growing" ? 1.15 : a.trend === "declining" ? 0.88 : a.trend === "new" ? 1.25 : 1;
  for (let at = from; at <= now; at = addWibMonths(at, 6)) {
    await recordArtisanFacts(
      { artisanId, workersMen: men, workersWomen: women, monthlyCapacity: capacity, reportedOn: wibDayString(at), reportedBy: ownerId, now: at },
      trx,
    );
    const jitter = a.trend === "flat" ? r.int(-1, 1) : 0;
    men = Math.max(0, Math.round(men * step) + (r.chance(0.5) ? jitter : 0));
    women = Math.max(1, Math.round(women * step) + (r.chance(0.5) ? 0 : jitter));
    capacity = Math.max(2, Math.round(capacity * step));
  }
}

type LegalPlan = {
  kind: "nib" | "trademark" | "batikmark" | "sni";
  issuedMonthsAgo: number;
  outcome: "verified" | "pending" | "rejected";
  technique?: "tulis" | "cap" | "kombinasi";
  renewOf?: boolean;
  expiresAfterMonths?: number;
  /** Uploaded this long ago (default: soon after issue, or at launch for older papers). */
  submittedMonthsAgo?: number;
};

/**
 * Legality per shop: most hold an NIB, fewer a trademark, a few a Batikmark
 * whose grade follows the technique (gold = tulis, white = cap, silver =
 * kombinasi). Some are still pending, one was rejected and resubmitted, one
 * expired, one was renewed (the new certificate supersedes the old). A
 * Batikmark validity of three years is the demo's assumption.
 */
const LEGAL: Record<string, LegalPlan[]> = {
  lintang: [
    { kind: "nib", issuedMonthsAgo: 60, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 40, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 14, outcome: "verified", technique: "tulis", expiresAfterMonths: 36 },
  ],
  canting: [
    { kind: "nib", issuedMonthsAgo: 55, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 30, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 1, outcome: "pending", technique: "kombinasi", expiresAfterMonths: 36 },
  ],
  jugo: [
    { kind: "nib", issuedMonthsAgo: 70, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 44, outcome: "verified", technique: "cap", expiresAfterMonths: 36 },
    { kind: "batikmark", issuedMonthsAgo: 8, outcome: "verified", technique: "cap", renewOf: true, expiresAfterMonths: 36 },
    { kind: "sni", issuedMonthsAgo: 20, outcome: "verified" },
  ],
  siraman: [
    { kind: "nib", issuedMonthsAgo: 62, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 40, outcome: "verified", technique: "cap", expiresAfterMonths: 36 },
  ],
  ciprat: [
    { kind: "nib", issuedMonthsAgo: 30, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 2, outcome: "pending" },
  ],
  garum: [
    { kind: "nib", issuedMonthsAgo: 48, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 9, outcome: "rejected" },
    { kind: "trademark", issuedMonthsAgo: 3, outcome: "pending" },
  ],
  wonodadi: [
    { kind: "nib", issuedMonthsAgo: 36, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 6, outcome: "verified" },
  ],
  kademangan: [
    { kind: "nib", issuedMonthsAgo: 50, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 20, outcome: "verified", technique: "tulis", expiresAfterMonths: 36 },
    // An old product certificate uploaded last week: already expired, waiting in the APBB queue.
    { kind: "sni", issuedMonthsAgo: 50, outcome: "pending", expiresAfterMonths: 48, submittedMonthsAgo: 0.25 },
  ],
  nawasena: [
    { kind: "nib", issuedMonthsAgo: 34, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 22, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 10, outcome: "verified", technique: "tulis", expiresAfterMonths: 36 },
  ],
  koi: [
    { kind: "nib", issuedMonthsAgo: 58, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 7, outcome: "verified" },
    { kind: "batikmark", issuedMonthsAgo: 26, outcome: "verified", technique: "kombinasi", expiresAfterMonths: 36 },
  ],
  tanjungsari: [{ kind: "nib", issuedMonthsAgo: 7, outcome: "verified" }],
  jimbe: [
    { kind: "nib", issuedMonthsAgo: 66, outcome: "verified" },
    { kind: "trademark", issuedMonthsAgo: 45, outcome: "verified" },
  ],
  gebang: [{ kind: "nib", issuedMonthsAgo: 0.3, outcome: "pending" }],
  kelud: [{ kind: "nib", issuedMonthsAgo: 0.2, outcome: "pending" }],
};

async function seedLegalDocuments(
  trx: Trx,
  r: Random,
  artisanIds: Map<string, number>,
  officerOf: (artisanKey: string) => number,
  launch: Date,
  now: Date,
  monthsAgo: (m: number) => Date,
) {
  for (const [key, plans] of Object.entries(LEGAL)) {
    const artisanId = artisanIds.get(key)!;
    const previous = new Map<string, number>();
    for (const p of plans) {
      const issued = monthsAgo(p.issuedMonthsAgo);
      // Documents issued before the platform existed were uploaded at launch.
      const submittedAt = p.submittedMonthsAgo !== undefined ? monthsAgo(p.submittedMonthsAgo) : issued < launch ? new Date(launch.getTime() + r.int(1, 20) * DAY) : new Date(issued.getTime() + r.int(1, 7) * DAY);
      const submitted = submittedAt > now ? new Date(now.getTime() - HOUR) : submittedAt;
      const doc = await addLegalDocument(
        {
          artisanId,
          kind: p.kind,
          number: documentNumber(r, p.kind, issued),
          issuer: ISSUERS[p.kind],
          grade: p.kind === "batikmark" && p.technique ? batikmarkGradeFor(p.technique) : null,
          issuedOn: wibDayString(issued),
          expiresOn: p.expiresAfterMonths ? wibDayString(addWibMonths(issued, p.expiresAfterMonths)) : null,
          supersedesId: p.renewOf ? (previous.get(p.kind) ?? null) : null,
          now: submitted,
        },
        trx,
      );
      previous.set(p.kind, doc.id);
      if (p.outcome !== "pending") {
        const decidedAt = new Date(Math.min(submitted.getTime() + r.int(2, 14) * DAY, now.getTime() - HOUR));
        const reason = p.outcome === "rejected" ? "Nama merek pada sertifikat berbeda dengan nama usaha. Mohon unggah ulang dokumen yang sesuai." : null;
        await decideLegalDocument({ documentId: doc.id, status: p.outcome, actorUserId: officerOf(key), reason, now: decidedAt }, trx);
      }
    }
  }
}

const ISSUERS: Record<LegalPlan["kind"], string> = {
  nib: "OSS RBA (Kementerian Investasi/BKPM)",
  trademark: "Direktorat Jenderal Kekayaan Intelektual",
  batikmark: "Balai Besar Kerajinan dan Batik, Yogyakarta",
  sni: "Lembaga Sertifikasi Produk",
};

function documentNumber(r: Random, kind: LegalPlan["kind"], issued: Date): string {
  const year = wibDayString(issued).slice(0, 4);
  switch (kind) {
    case "nib":
      return r.digits(13);
    case "trademark":
      return `IDM000${r.digits(6)}`;
    case "batikmark":
      return `BM/${r.digits(4)}/${year}`;
    case "sni":
      return `SNI-8303-${r.digits(5)}`;
  }
}

/** Facility needs an agency could fund; two IPAL needs are met or in progress through the grant. */
async function seedFacilityNeeds(trx: Trx, artisanIds: Map<string, number>, launch: Date, monthsAgo: (m: number) => Date) {
  const day = (d: Date) => wibDayString(d);
  const open = (key: string, kind: "ipal" | "equipment" | "training" | "other", description: string, at: Date, supersedesId?: number) =>
    openFacilityNeed({ artisanId: artisanIds.get(key)!, kind, description, openedOn: day(at), supersedesId, now: at }, trx);
  const ipal = "IPAL untuk limbah pewarnaan dan pelorodan; limbah sekarang dibuang ke saluran desa.";
  const lintang = await open("lintang", "ipal", ipal, addDays(launch, 10));
  await updateFacilityNeed({ artisanId: artisanIds.get("lintang")!, needId: lintang.id, status: "met", on: day(monthsAgo(4)) }, trx);
  const canting = await open("canting", "ipal", ipal, addDays(launch, 12));
  await updateFacilityNeed({ artisanId: artisanIds.get("canting")!, needId: canting.id, status: "in_progress", on: day(monthsAgo(6)) }, trx);
  await open("siraman", "ipal", ipal, addDays(launch, 20));
  await open("siraman", "equipment", "Cap tembaga untuk motif baru; cap yang ada sudah aus.", monthsAgo(9));
  await open("kademangan", "equipment", "Kompor listrik untuk membatik: mengurangi asap dan risiko kebakaran.", monthsAgo(12));
  await open("koi", "ipal", "IPAL skala kecil untuk galeri dan ruang produksi di kota.", monthsAgo(8));
  const ciprat = await open("ciprat", "training", "Pelatihan pemasaran digital: memotret produk dan berjualan daring.", addDays(launch, 30));
  await updateFacilityNeed({ artisanId: artisanIds.get("ciprat")!, needId: ciprat.id, status: "met", on: day(monthsAgo(7)) }, trx);
  // A need restated more precisely: the old row is withdrawn, the new one supersedes it.
  const jugoOld = await open("jugo", "equipment", "Peralatan produksi.", addDays(launch, 40));
  await updateFacilityNeed({ artisanId: artisanIds.get("jugo")!, needId: jugoOld.id, status: "withdrawn", on: day(monthsAgo(10)) }, trx);
  await open("jugo", "equipment", "Meja cap dan bak pewarnaan baru untuk menambah kapasitas batik cap.", monthsAgo(10), jugoOld.id);
  await open("garum", "training", "Pelatihan desain motif baru berbasis ikon Blitar.", monthsAgo(5));
}

type ProgrammePlan = {
  agency: string;
  titleId: string;
  titleEn: string;
  descriptionId: string;
  descriptionEn: string;
  kind: "training" | "facility_grant" | "exhibition" | "legality";
  budget: number;
  fundingSource: "apbd" | "apbn" | "csr" | "donor" | "other";
  startsAt: Date;
  endsAt: Date;
  /** When the programme starts lifting its participants' sales (null: it does not, e.g. paperwork). */
  boostFrom: Date | null;
  joinedAt: Date;
  participants: string[];
  eventKeys: string[];
};

/** Agency programmes with their participants and linked calendar events (outcome evaluation compares before and after). */
function planProgrammes(events: EventSeed[], exhibitorsByEvent: Map<string, string[]>, now: Date, monthsAgo: (m: number) => Date): ProgrammePlan[] {
  const plans: ProgrammePlan[] = [];
  const natural = events.find((e) => e.programme === "natural-dye");
  if (natural) {
    plans.push({
      agency: "dinkop-kab",
      titleId: "Pelatihan Pewarnaan Alam bagi Pembatik Kabupaten Blitar",
      titleEn: "Natural Dye Training for Kabupaten Blitar Batik Artisans",
      descriptionId: "Pelatihan tiga hari pewarna alam dan pendampingan tiga bulan sesudahnya.",
      descriptionEn: "A three-day natural-dye training followed by three months of mentoring.",
      kind: "training",
      budget: 75_000_000,
      fundingSource: "apbd",
      startsAt: natural.startsAt,
      endsAt: addWibMonths(natural.startsAt, 3),
      boostFrom: natural.startsAt,
      joinedAt: addDays(natural.startsAt, -14),
      participants: ["lintang", "kademangan", "canting", "ciprat", "jugo"],
      eventKeys: [natural.key],
    });
  }
  const ipal = events.find((e) => e.programme === "ipal");
  if (ipal) {
    plans.push({
      agency: "disperindag-kab",
      titleId: "Hibah IPAL untuk Usaha Batik",
      titleEn: "Wastewater Treatment (IPAL) Grant for Batik Businesses",
      descriptionId: "Hibah pembangunan IPAL skala usaha dari dana CSR, didahului sosialisasi pengolahan limbah.",
      descriptionEn: "A grant to build business-scale wastewater treatment from CSR funds, preceded by a briefing on wastewater.",
      kind: "facility_grant",
      budget: 450_000_000,
      fundingSource: "csr",
      startsAt: ipal.startsAt,
      endsAt: minDate(addWibMonths(ipal.startsAt, 7), now),
      boostFrom: addWibMonths(ipal.startsAt, 5),
      joinedAt: ipal.startsAt,
      participants: ["lintang", "canting"],
      eventKeys: [ipal.key],
    });
  }
  const fair = [...events].reverse().find((e) => e.programme === "jatim-fair" && e.endsAt < now);
  if (fair) {
    plans.push({
      agency: "disperindag-kab",
      titleId: `Fasilitasi Pameran ${fair.titleId}`,
      titleEn: `Support to exhibit at the ${fair.titleEn}`,
      descriptionId: "Sewa stan, transportasi dan akomodasi bagi pembatik Blitar di paviliun Blitar.",
      descriptionEn: "Stand rental, transport and lodging for Blitar artisans in the Blitar pavilion.",
      kind: "exhibition",
      budget: 60_000_000,
      fundingSource: "apbd",
      startsAt: addDays(fair.startsAt, -30),
      endsAt: fair.endsAt,
      boostFrom: fair.startsAt,
      joinedAt: addDays(fair.startsAt, -30),
      participants: exhibitorsByEvent.get(fair.key) ?? [],
      eventKeys: [fair.key],
    });
  }
  plans.push({
    agency: "dinkop-kota",
    titleId: "Fasilitasi Legalitas Usaha: NIB dan Merek",
    titleEn: "Business Legality Support: NIB and Trademarks",
    descriptionId: "Pendampingan pendaftaran NIB lewat OSS dan pendaftaran merek ke DJKI dengan tarif UMKM.",
    descriptionEn: "Help with registering a business number (NIB) through OSS and a trademark with DJKI at the small-business fee.",
    kind: "legality",
    budget: 35_000_000,
    fundingSource: "apbd",
    startsAt: monthsAgo(9),
    endsAt: monthsAgo(6),
    boostFrom: null,
    joinedAt: monthsAgo(9),
    participants: ["koi", "tanjungsari", "wonodadi", "jimbe"],
    eventKeys: [],
  });
  const digital = events.find((e) => e.programme === "digital");
  if (digital) {
    plans.push({
      agency: "dinkop-kota",
      titleId: "Pelatihan Pemasaran Digital UMKM Batik",
      titleEn: "Digital Marketing Training for Batik Businesses",
      descriptionId: "Pelatihan dua hari dan pendampingan toko daring, dibiayai mitra CSR.",
      descriptionEn: "A two-day training and online-shop mentoring, funded by a CSR partner.",
      kind: "training",
      budget: 40_000_000,
      fundingSource: "csr",
      startsAt: digital.startsAt,
      endsAt: addWibMonths(digital.startsAt, 2),
      boostFrom: digital.startsAt,
      joinedAt: addDays(digital.startsAt, -10),
      participants: ["ciprat", "koi", "tanjungsari", "wonodadi", "siraman"],
      eventKeys: [digital.key],
    });
  }
  return plans;
}

