/**
 * The role × route matrix: for every route of the app (as Remix's route
 * manifest lists them) and every kind of visitor, whether the loader and the
 * action let them in. `route-matrix.test.ts` fails when a route exists that
 * is not listed here, so a new route cannot ship without deciding who may use it.
 *
 * Outcomes:
 *   allow    — served (2xx, a redirect that is not to the log-in page, or a
 *              4xx about the input such as 400/409/429: the role got through)
 *   login    — redirected to the log-in page (anonymous visitors)
 *   forbid   — 403
 *   notFound — 404 (also how ownership is enforced: another artisan's
 *              resource does not exist for you)
 */

export const ACTORS = ["anonymous", "buyer", "artisan", "otherArtisan", "organizer", "agency", "association", "admin"] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "allow" | "login" | "forbid" | "notFound";
export type Expectations = Record<Actor, Outcome>;

/**
 * Values the matrix can refer to, taken from the seeded demo database:
 * `artisan` owns shop A (artisan@demo.test), `otherArtisan` owns shop B.
 */
export type Fixtures = {
  users: Record<Exclude<Actor, "anonymous">, { id: number; email: string }>;
  shopA: { id: number; slug: string };
  shopB: { id: number; slug: string };
  productSlug: string;
  // Artisan dashboard (feat-dashboard): a product of shop A, any status.
  productIdA: number;
  motifSlug: string;
  eventSlug: string;
  // feat-facts: a legal document of shop A with a stored scan, and an open facility need of shop A.
  shopADocumentId: number;
  shopANeedId: number;
  // feat-mphotos: a motif proposed by shop A, still waiting for the association.
  shopAMotifId: number;
  // feat-inbox: an inquiry thread of shop A.
  shopAInquiryId: number;
  // feat-asking: the private token of a guest's inquiry to shop A.
  guestToken: string;
};

export type MatrixEntry = {
  /** The URL to request (Indonesian); may depend on the fixtures. */
  url: string | ((fx: Fixtures) => string);
  /** Route params besides `lang`, e.g. `{ slug }`. */
  params?: Record<string, string> | ((fx: Fixtures) => Record<string, string>);
  /** Expected loader outcome per actor, or null when the route has no loader. */
  loader: Expectations | null;
  /** Expected action outcome per actor (POST), or null when the route has no action. */
  action: Expectations | null;
  /**
   * The form posted to the action. Empty by default: a refused actor must be
   * refused before the input is even read, and an allowed one gets a 400.
   * Give a realistic form where the check depends on the input (ownership).
   */
  form?: (fx: Fixtures, actor: Actor) => Record<string, string>;
};

const every = (outcome: Outcome): Expectations =>
  Object.fromEntries(ACTORS.map((a) => [a, outcome])) as Expectations;

/** Public pages: everyone in. */
const PUBLIC = every("allow");

/** Any logged-in user; anonymous visitors are sent to log in. */
const SIGNED_IN: Expectations = { ...every("allow"), anonymous: "login" };

/** Logged-out pages (log-in, sign-up, password reset): everyone may load them. */
const ANYONE = PUBLIC;

/** Only holders of `roles`; other logged-in users get 403, anonymous visitors log in. */
function only(...roles: Actor[]): Expectations {
  const result = { ...every("forbid"), anonymous: "login" } as Expectations;
  for (const role of roles) result[role] = "allow";
  return result;
}

export const ROUTE_MATRIX: Record<string, MatrixEntry> = {
  root: { url: "/", loader: PUBLIC, action: null },
  "routes/healthz": { url: "/healthz", loader: PUBLIC, action: null },
  "routes/($lang).$": { url: "/no-such-page", params: { "*": "no-such-page" }, loader: every("notFound"), action: null },

  // Public catalogue and calendar
  "routes/($lang)._index": { url: "/", loader: PUBLIC, action: null },
  "routes/($lang).motifs._index": { url: "/motifs", loader: PUBLIC, action: null },
  "routes/($lang).motifs.$slug": { url: (fx) => `/motifs/${fx.motifSlug}`, params: (fx) => ({ slug: fx.motifSlug }), loader: PUBLIC, action: null },
  "routes/($lang).products._index": { url: "/products", loader: PUBLIC, action: null },
  "routes/($lang).products.suggest": { url: "/products/suggest?q=tutur", loader: PUBLIC, action: null },
  "routes/($lang).products.$slug": {
    url: (fx) => `/products/${fx.productSlug}`,
    params: (fx) => ({ slug: fx.productSlug }),
    loader: PUBLIC,
    action: null,
  },
  "routes/($lang).artisans._index": { url: "/artisans", loader: PUBLIC, action: null },
  "routes/($lang).artisans.$slug": {
    url: (fx) => `/artisans/${fx.shopA.slug}`,
    params: (fx) => ({ slug: fx.shopA.slug }),
    loader: PUBLIC,
    action: null,
  },
  "routes/($lang).events._index": { url: "/events", loader: PUBLIC, action: null },
  "routes/($lang).events.$slug": { url: (fx) => `/events/${fx.eventSlug}`, params: (fx) => ({ slug: fx.eventSlug }), loader: PUBLIC, action: null },

  // Accounts
  "routes/($lang).login": {
    url: "/login",
    // A logged-in visitor is redirected onwards (to their account): still "allow".
    loader: ANYONE,
    action: ANYONE,
  },
  "routes/($lang).signup": { url: "/signup", loader: ANYONE, action: ANYONE },
  "routes/($lang).logout": { url: "/logout", loader: ANYONE, action: ANYONE },
  "routes/($lang).forgot-password": { url: "/forgot-password", loader: ANYONE, action: ANYONE },
  // An unknown token is a 400 page for anyone: the token, not the session, is the key.
  "routes/($lang).reset-password.$token": {
    url: "/reset-password/0123456789abcdef",
    params: { token: "0123456789abcdef" },
    loader: ANYONE,
    action: ANYONE,
  },
  "routes/($lang).confirm-email.$token": { url: "/confirm-email/0123456789abcdef", params: { token: "0123456789abcdef" }, loader: ANYONE, action: null },
  "routes/($lang).account._index": { url: "/account", loader: SIGNED_IN, action: SIGNED_IN },
  "routes/($lang).account.confirm-email": { url: "/account/confirm-email", loader: SIGNED_IN, action: SIGNED_IN },
  "routes/($lang).account.data": { url: "/account/data", loader: SIGNED_IN, action: null },
  "routes/($lang).account.privacy": {
    url: "/account/privacy",
    loader: SIGNED_IN,
    // Consent belongs to a shop: only artisans post here, and another artisan's shop does not exist for them.
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    form: (fx) => ({ intent: "consent", artisanId: String(fx.shopA.id), granted: "yes" }),
  },
  "routes/($lang).account.delete": { url: "/account/delete", loader: SIGNED_IN, action: SIGNED_IN },

  // Association
  "routes/($lang).association.verification": { url: "/association/verification", loader: only("association"), action: only("association") },

  // Operator
  "routes/($lang).admin.jobs": { url: "/admin/jobs", loader: only("admin"), action: only("admin") },
  "routes/($lang).admin.users._index": { url: "/admin/users", loader: only("admin"), action: null },
  "routes/($lang).admin.users.$id": {
    url: (fx) => `/admin/users/${fx.users.buyer.id}`,
    params: (fx) => ({ id: String(fx.users.buyer.id) }),
    loader: only("admin"),
    action: only("admin"),
  },
  "routes/($lang).admin.audit": { url: "/admin/audit", loader: only("admin"), action: null },
  "routes/($lang).admin.audit[.]csv": { url: "/admin/audit.csv", loader: only("admin"), action: null },

  // Product page, artisans directory and WhatsApp button: the logged redirect to wa.me answers 302 for
  // everyone (a redirect that is not to the log-in page is "allow"; the matrix's user agent counts as a
  // bot, which is redirected to the profile instead — also a 302).
  "routes/($lang).artisans.$slug.whatsapp": {
    url: (fx) => `/artisans/${fx.shopA.slug}/whatsapp?product=${fx.productSlug}`,
    params: (fx) => ({ slug: fx.shopA.slug }),
    loader: PUBLIC,
    action: null,
  },

  // SEO: sitemap index, child sitemaps and robots.txt (public resources)
  "routes/sitemap[.]xml": { url: "/sitemap.xml", loader: PUBLIC, action: null },
  "routes/sitemaps.$file": { url: "/sitemaps/products-1.xml", params: { file: "products-1.xml" }, loader: PUBLIC, action: null },
  "routes/robots[.]txt": { url: "/robots.txt", loader: PUBLIC, action: null },

  // Visit capture and favourites: any signed-in person may save (every role).
  // GET /favourites answers 405 (POST only) to everyone, which the matrix counts as "allow" (not a refusal by role).
  "routes/($lang).favourites": { url: "/favourites", loader: PUBLIC, action: SIGNED_IN },
  "routes/($lang).account.favourites": { url: "/account/favourites", loader: SIGNED_IN, action: null },

  // Motif curation and featured picks (association only, like the verification queue: admin is not implicitly every role)
  "routes/($lang).association.motifs._index": { url: "/association/motifs", loader: only("association"), action: null },
  "routes/($lang).association.motifs.new": { url: "/association/motifs/new", loader: only("association"), action: only("association") },
  // Motif 1 exists in the demo data; an empty form is a 400 for the association.
  "routes/($lang).association.motifs.$id": { url: "/association/motifs/1", params: { id: "1" }, loader: only("association"), action: only("association") },
  "routes/($lang).association.featured": { url: "/association/featured", loader: only("association"), action: only("association") },

  // Artisan dashboard: overview, shop profile, products (feat-dashboard). Artisans only (shop owners); an empty
  // form is a 400 for them. Shop A's product does not exist for the other artisan: 404, not 403, on loader and action.
  "routes/($lang).dashboard._index": { url: "/dashboard", loader: only("artisan", "otherArtisan"), action: null },
  "routes/($lang).dashboard.profile._index": { url: "/dashboard/profile", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },
  "routes/($lang).dashboard.products._index": { url: "/dashboard/products", loader: only("artisan", "otherArtisan"), action: null },
  "routes/($lang).dashboard.products.new": { url: "/dashboard/products/new", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },
  "routes/($lang).dashboard.products.$id._index": {
    url: (fx) => `/dashboard/products/${fx.productIdA}`,
    params: (fx) => ({ id: String(fx.productIdA) }),
    loader: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    // A refused quick stock update: 400 for the owner (nothing changes in the shared demo data), 404 for the other shop.
    form: () => ({ intent: "stock", stock: "-1" }),
  },

  // feat-facts: the artisan dashboard's facts, documents, needs and motif proposals (every artisan manages
  // their own shop; an empty form is a 400 for them), the private document scans and the association's needs list.
  "routes/($lang).dashboard.facts": { url: "/dashboard/facts", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },
  "routes/($lang).dashboard.documents": { url: "/dashboard/documents", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },
  // Shop A's scan: its owner gets the file, another artisan a 404 (ids do not leak).
  "routes/($lang).dashboard.documents.$id.file": {
    url: (fx) => `/dashboard/documents/${fx.shopADocumentId}/file`,
    params: (fx) => ({ id: String(fx.shopADocumentId) }),
    loader: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    action: null,
  },
  "routes/($lang).association.documents.$id.file": {
    url: (fx) => `/association/documents/${fx.shopADocumentId}/file`,
    params: (fx) => ({ id: String(fx.shopADocumentId) }),
    loader: only("association"),
    action: null,
  },
  // Changing shop A's need: another artisan gets a 404 (the owner's change is a 303).
  "routes/($lang).dashboard.needs": {
    url: "/dashboard/needs",
    loader: only("artisan", "otherArtisan"),
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    form: (fx) => ({ intent: "status", id: String(fx.shopANeedId), status: "in_progress" }),
  },
  "routes/($lang).dashboard.motifs": { url: "/dashboard/motifs", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },
  "routes/($lang).association.needs": { url: "/association/needs", loader: only("association"), action: null },

  // Photos (image pipeline): the artisan's own product photos, profile picture and gallery. Another
  // shop's product does not exist for otherArtisan (404); an empty form is a 400 for the owner.
  "routes/($lang).dashboard.products.$id.photos": {
    url: (fx) => `/dashboard/products/${fx.productIdA}/photos`,
    params: (fx) => ({ id: String(fx.productIdA) }),
    loader: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
  },
  "routes/($lang).dashboard.profile.photo": { url: "/dashboard/profile/photo", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },

  // feat-mphotos: photos of motifs. Shop A's own proposal: its owner manages them (an empty form is a 400),
  // another artisan gets a 404 (ids do not leak); the association manages any motif's photos.
  "routes/($lang).dashboard.motifs_.$id.photos": {
    url: (fx) => `/dashboard/motifs/${fx.shopAMotifId}/photos`,
    params: (fx) => ({ id: String(fx.shopAMotifId) }),
    loader: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
  },
  "routes/($lang).association.motifs.$id_.photos": {
    url: (fx) => `/association/motifs/${fx.shopAMotifId}/photos`,
    params: (fx) => ({ id: String(fx.shopAMotifId) }),
    loader: only("association"),
    action: only("association"),
  },

  // feat-inbox: the artisan's inquiry inbox, one thread and the WhatsApp log. Every artisan manages their own
  // shop's inquiries (an empty form is a 400); shop A's thread does not exist for another artisan (404).
  "routes/($lang).dashboard.inquiries._index": { url: "/dashboard/inquiries", loader: only("artisan", "otherArtisan"), action: null },
  "routes/($lang).dashboard.inquiries.$id": {
    url: (fx) => `/dashboard/inquiries/${fx.shopAInquiryId}`,
    params: (fx) => ({ id: String(fx.shopAInquiryId) }),
    loader: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
    action: { ...only("artisan", "otherArtisan"), otherArtisan: "notFound" },
  },
  "routes/($lang).dashboard.inquiries.whatsapp": { url: "/dashboard/inquiries/whatsapp", loader: only("artisan", "otherArtisan"), action: only("artisan", "otherArtisan") },

  // feat-stats: the artisan's own statistics (issue 6). Every artisan sees their own shop's figures (no
  // id in the URL, so otherArtisan gets its own page); other roles are refused like every dashboard page.
  "routes/($lang).dashboard.statistics": { url: "/dashboard/statistics", loader: only("artisan", "otherArtisan"), action: null },

  // feat-asking: the inquiry form (public; an empty form is a 400 for everyone), the guest's thread (the token
  // is the credential: whoever holds it may read and reply; an empty reply is a 400) and the buyer's list of
  // their own threads (any signed-in person).
  "routes/($lang).inquiries.new": {
    url: (fx) => `/inquiries/new?product=${fx.productSlug}`,
    loader: PUBLIC,
    action: PUBLIC,
  },
  "routes/($lang).inquiries.$token": {
    url: (fx) => `/inquiries/${fx.guestToken}`,
    params: (fx) => ({ token: fx.guestToken }),
    loader: PUBLIC,
    action: PUBLIC,
  },
  "routes/($lang).account.inquiries": { url: "/account/inquiries", loader: SIGNED_IN, action: null },
};
