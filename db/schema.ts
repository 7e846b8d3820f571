import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

/** Columns the database fills in (primary keys, defaults). */
type Generated<T> = ColumnType<T, T | undefined, T>;

export interface AgenciesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string | null;
  kind: "cooperatives_msme" | "industry_trade" | "culture_tourism" | "dekranasda" | "other";
  region: "kota" | "kabupaten" | "province";
  created_at: Generated<string>;
}
export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type AgencyUpdate = Updateable<AgenciesTable>;

export interface AssociationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  region: "kota" | "kabupaten" | "both";
  founded_year: number | null;
  created_at: Generated<string>;
}
export type Association = Selectable<AssociationsTable>;
export type NewAssociation = Insertable<AssociationsTable>;
export type AssociationUpdate = Updateable<AssociationsTable>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: string | null;
  locale: Generated<"id" | "en">;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  deleted_at: string | null;
  anonymized_at: string | null;
}
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface UserRolesTable {
  user_id: number;
  role: "buyer" | "artisan" | "organizer" | "agency" | "association" | "admin";
  granted_at: Generated<string>;
  granted_by: number | null;
}
export type UserRole = Selectable<UserRolesTable>;
export type NewUserRole = Insertable<UserRolesTable>;
export type UserRoleUpdate = Updateable<UserRolesTable>;

export interface AgencyStaffTable {
  user_id: number;
  agency_id: number;
}
export type AgencyStaff = Selectable<AgencyStaffTable>;
export type NewAgencyStaff = Insertable<AgencyStaffTable>;
export type AgencyStaffUpdate = Updateable<AgencyStaffTable>;

export interface AssociationOfficersTable {
  user_id: number;
  association_id: number;
}
export type AssociationOfficer = Selectable<AssociationOfficersTable>;
export type NewAssociationOfficer = Insertable<AssociationOfficersTable>;
export type AssociationOfficerUpdate = Updateable<AssociationOfficersTable>;

export interface ImagesTable {
  id: Generated<number>;
  original_key: string;
  width: number | null;
  height: number | null;
  mime: string;
  bytes: number;
  placeholder: string | null;
  alt_id: Generated<string>;
  alt_en: Generated<string>;
  status: Generated<"processing" | "ready" | "failed">;
  uploaded_by: number | null;
  created_at: Generated<string>;
}
export type Image = Selectable<ImagesTable>;
export type NewImage = Insertable<ImagesTable>;
export type ImageUpdate = Updateable<ImagesTable>;

export interface ImageVariantsTable {
  image_id: number;
  format: "avif" | "webp" | "jpeg";
  width: number;
  height: number;
  key: string;
  bytes: number;
}
export type ImageVariant = Selectable<ImageVariantsTable>;
export type NewImageVariant = Insertable<ImageVariantsTable>;
export type ImageVariantUpdate = Updateable<ImageVariantsTable>;

export interface ArtisansTable {
  id: Generated<number>;
  slug: string;
  owner_user_id: number | null;
  name: string;
  owner_name: string;
  story_id: Generated<string>;
  story_en: Generated<string>;
  village: string;
  district: string;
  regency: "kabupaten" | "kota";
  techniques: Generated<string>;
  founded_year: number | null;
  whatsapp_number: string | null;
  shipping_flat_rate: Generated<number>;
  association_id: number | null;
  membership_status: Generated<"pending" | "verified" | "rejected" | "lapsed">;
  verified_at: string | null;
  verified_by: number | null;
  profile_image_id: number | null;
  featured: Generated<number>;
  status: Generated<"active" | "archived">;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  membership_reason: string | null;
  membership_decided_at: string | null;
}
export type Artisan = Selectable<ArtisansTable>;
export type NewArtisan = Insertable<ArtisansTable>;
export type ArtisanUpdate = Updateable<ArtisansTable>;

export interface ArtisanConsentsTable {
  id: Generated<number>;
  artisan_id: number;
  granted: number;
  recorded_at: Generated<string>;
  recorded_by: number | null;
}
export type ArtisanConsent = Selectable<ArtisanConsentsTable>;
export type NewArtisanConsent = Insertable<ArtisanConsentsTable>;
export type ArtisanConsentUpdate = Updateable<ArtisanConsentsTable>;

export interface ArtisanFactsTable {
  id: Generated<number>;
  artisan_id: number;
  workers_men: number;
  workers_women: number;
  monthly_capacity: number;
  reported_on: string;
  reported_by: number | null;
  created_at: Generated<string>;
}
export type ArtisanFact = Selectable<ArtisanFactsTable>;
export type NewArtisanFact = Insertable<ArtisanFactsTable>;
export type ArtisanFactUpdate = Updateable<ArtisanFactsTable>;

export interface LegalDocumentsTable {
  id: Generated<number>;
  artisan_id: number;
  kind: "nib" | "trademark" | "batikmark" | "sni" | "halal" | "other";
  number: string;
  issuer: string | null;
  grade: string | null;
  issued_on: string | null;
  expires_on: string | null;
  file_key: string | null;
  status: Generated<"pending" | "verified" | "rejected">;
  verified_at: string | null;
  verified_by: number | null;
  supersedes_id: number | null;
  superseded_at: string | null;
  created_at: Generated<string>;
  decision_reason: string | null;
}
export type LegalDocument = Selectable<LegalDocumentsTable>;
export type NewLegalDocument = Insertable<LegalDocumentsTable>;
export type LegalDocumentUpdate = Updateable<LegalDocumentsTable>;

export interface FacilityNeedsTable {
  id: Generated<number>;
  artisan_id: number;
  kind: "ipal" | "equipment" | "training" | "other";
  description: string;
  status: Generated<"open" | "in_progress" | "met" | "withdrawn">;
  opened_on: string;
  closed_on: string | null;
  supersedes_id: number | null;
  created_at: Generated<string>;
}
export type FacilityNeed = Selectable<FacilityNeedsTable>;
export type NewFacilityNeed = Insertable<FacilityNeedsTable>;
export type FacilityNeedUpdate = Updateable<FacilityNeedsTable>;

export interface ArtisanImagesTable {
  artisan_id: number;
  image_id: number;
  position: Generated<number>;
}
export type ArtisanImage = Selectable<ArtisanImagesTable>;
export type NewArtisanImage = Insertable<ArtisanImagesTable>;
export type ArtisanImageUpdate = Updateable<ArtisanImagesTable>;

export interface MotifsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  story_id: Generated<string>;
  story_en: Generated<string>;
  meaning_id: Generated<string>;
  meaning_en: Generated<string>;
  origin: Generated<string>;
  region: "kabupaten" | "kota" | "both";
  creator_artisan_id: number | null;
  creator_name: string | null;
  year: number | null;
  registration_status: Generated<"none" | "pending" | "registered">;
  registration_number: string | null;
  status: Generated<"proposed" | "published" | "rejected" | "archived">;
  proposed_by_artisan_id: number | null;
  approved_at: string | null;
  approved_by: number | null;
  featured: Generated<number>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
export type Motif = Selectable<MotifsTable>;
export type NewMotif = Insertable<MotifsTable>;
export type MotifUpdate = Updateable<MotifsTable>;

export interface MotifImagesTable {
  motif_id: number;
  image_id: number;
  position: Generated<number>;
}
export type MotifImage = Selectable<MotifImagesTable>;
export type NewMotifImage = Insertable<MotifImagesTable>;
export type MotifImageUpdate = Updateable<MotifImagesTable>;

export interface ProductsTable {
  id: Generated<number>;
  slug: string;
  artisan_id: number;
  title_id: string;
  title_en: Generated<string>;
  description_id: Generated<string>;
  description_en: Generated<string>;
  technique: "tulis" | "cap" | "kombinasi" | "ciprat" | "jumput" | "printing";
  fabric: "katun_primisima" | "katun_prima" | "sutra" | "rayon" | "dobby" | "other";
  dye: "natural" | "synthetic";
  width_cm: number | null;
  length_cm: number | null;
  price: number;
  stock: Generated<number>;
  status: Generated<"draft" | "published" | "archived">;
  featured: Generated<number>;
  published_at: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
export type Product = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;

export interface ProductMotifsTable {
  product_id: number;
  motif_id: number;
}
export type ProductMotif = Selectable<ProductMotifsTable>;
export type NewProductMotif = Insertable<ProductMotifsTable>;
export type ProductMotifUpdate = Updateable<ProductMotifsTable>;

export interface ProductImagesTable {
  product_id: number;
  image_id: number;
  position: Generated<number>;
}
export type ProductImage = Selectable<ProductImagesTable>;
export type NewProductImage = Insertable<ProductImagesTable>;
export type ProductImageUpdate = Updateable<ProductImagesTable>;

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  kind: "exhibition" | "festival" | "bazaar" | "training";
  title_id: string;
  title_en: Generated<string>;
  description_id: Generated<string>;
  description_en: Generated<string>;
  starts_at: string;
  ends_at: string;
  all_day: Generated<number>;
  venue: string;
  address: Generated<string>;
  city: Generated<string>;
  organizer_agency_id: number | null;
  stands_capacity: number | null;
  image_id: number | null;
  application_deadline: string | null;
  rrule: string | null;
  status: Generated<"draft" | "published" | "cancelled">;
  featured: Generated<number>;
  created_by: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
export type Event = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type EventUpdate = Updateable<EventsTable>;

export interface EventExhibitorsTable {
  id: Generated<number>;
  event_id: number;
  artisan_id: number;
  status: Generated<"applied" | "approved" | "declined" | "withdrawn">;
  message: Generated<string>;
  booth_label: string | null;
  applied_at: Generated<string>;
  decided_at: string | null;
  decided_by: number | null;
}
export type EventExhibitor = Selectable<EventExhibitorsTable>;
export type NewEventExhibitor = Insertable<EventExhibitorsTable>;
export type EventExhibitorUpdate = Updateable<EventExhibitorsTable>;

export interface LinksTable {
  id: Generated<number>;
  code: string;
  kind: "booth" | "campaign" | "whatsapp";
  event_id: number | null;
  artisan_id: number | null;
  target_path: string;
  label: Generated<string>;
  valid_from: string | null;
  valid_until: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}
export type Link = Selectable<LinksTable>;
export type NewLink = Insertable<LinksTable>;
export type LinkUpdate = Updateable<LinksTable>;

export interface OrdersTable {
  id: Generated<number>;
  code: string;
  buyer_user_id: number | null;
  buyer_name: string;
  buyer_email: string;
  buyer_phone: Generated<string>;
  country: Generated<string>;
  province: Generated<string>;
  city: Generated<string>;
  district: Generated<string>;
  postal_code: Generated<string>;
  address_line: Generated<string>;
  status: Generated<"pending_payment" | "paid" | "shipped" | "completed" | "cancelled" | "refunded" | "expired">;
  payment_method: "bank_transfer" | "stripe";
  subtotal: number;
  shipping_total: Generated<number>;
  total: number;
  attribution_link_id: number | null;
  attributed_at: string | null;
  locale: Generated<string>;
  expires_at: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
export type Order = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;

export interface OrderPartsTable {
  id: Generated<number>;
  order_id: number;
  artisan_id: number;
  status: Generated<"pending_payment" | "paid" | "shipped" | "completed" | "cancelled" | "refunded" | "expired">;
  fulfilment: Generated<"ship" | "pickup">;
  pickup_event_id: number | null;
  shipping_fee: Generated<number>;
  subtotal: number;
  tracking_number: string | null;
  shipped_at: string | null;
  completed_at: string | null;
}
export type OrderPart = Selectable<OrderPartsTable>;
export type NewOrderPart = Insertable<OrderPartsTable>;
export type OrderPartUpdate = Updateable<OrderPartsTable>;

export interface OrderLinesTable {
  id: Generated<number>;
  order_part_id: number;
  product_id: number | null;
  title: string;
  unit_price: number;
  quantity: number;
  line_total: number;
}
export type OrderLine = Selectable<OrderLinesTable>;
export type NewOrderLine = Insertable<OrderLinesTable>;
export type OrderLineUpdate = Updateable<OrderLinesTable>;

export interface PaymentsTable {
  id: Generated<number>;
  order_id: number;
  provider: "bank_transfer" | "stripe";
  reference: string;
  provider_ref: string | null;
  amount: number;
  status: Generated<"pending" | "succeeded" | "failed" | "expired">;
  confirmed_at: string | null;
  confirmed_by: number | null;
  created_at: Generated<string>;
}
export type Payment = Selectable<PaymentsTable>;
export type NewPayment = Insertable<PaymentsTable>;
export type PaymentUpdate = Updateable<PaymentsTable>;

export interface RefundsTable {
  id: Generated<number>;
  order_id: number;
  order_part_id: number | null;
  amount: number;
  reason: string;
  provider: "bank_transfer" | "stripe";
  provider_ref: string | null;
  created_by: number | null;
  created_at: Generated<string>;
}
export type Refund = Selectable<RefundsTable>;
export type NewRefund = Insertable<RefundsTable>;
export type RefundUpdate = Updateable<RefundsTable>;

export interface PayoutEntriesTable {
  id: Generated<number>;
  artisan_id: number;
  order_part_id: number | null;
  kind: "owed" | "fee" | "reversal" | "settlement";
  amount: number;
  reference: Generated<string>;
  occurred_on: string;
  created_by: number | null;
  created_at: Generated<string>;
}
export type PayoutEntry = Selectable<PayoutEntriesTable>;
export type NewPayoutEntry = Insertable<PayoutEntriesTable>;
export type PayoutEntryUpdate = Updateable<PayoutEntriesTable>;

export interface InquiriesTable {
  id: Generated<number>;
  token: string;
  artisan_id: number;
  product_id: number | null;
  event_id: number | null;
  buyer_user_id: number | null;
  buyer_name: string;
  buyer_email: string;
  buyer_country: string | null;
  kind: "product" | "custom" | "wholesale" | "exhibition";
  quantity: number | null;
  budget: number | null;
  locale: Generated<string>;
  status: Generated<"new" | "answered" | "converted" | "closed" | "spam">;
  source: Generated<"product_page" | "artisan_page" | "event_page" | "search" | "link" | "whatsapp" | "direct">;
  source_link_id: number | null;
  converted_order_id: number | null;
  offline_sale_amount: number | null;
  offline_sale_on: string | null;
  first_response_at: string | null;
  ip_hash: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
export type Inquiry = Selectable<InquiriesTable>;
export type NewInquiry = Insertable<InquiriesTable>;
export type InquiryUpdate = Updateable<InquiriesTable>;

export interface InquiryMessagesTable {
  id: Generated<number>;
  inquiry_id: number;
  author: "buyer" | "artisan";
  author_user_id: number | null;
  body: string;
  read_at: string | null;
  created_at: Generated<string>;
}
export type InquiryMessage = Selectable<InquiryMessagesTable>;
export type NewInquiryMessage = Insertable<InquiryMessagesTable>;
export type InquiryMessageUpdate = Updateable<InquiryMessagesTable>;

export interface VisitsTable {
  id: Generated<number>;
  occurred_at: string;
  day: string;
  kind: "product_view" | "motif_view" | "artisan_view" | "event_view" | "link_visit" | "whatsapp_click";
  artisan_id: number | null;
  product_id: number | null;
  motif_id: number | null;
  event_id: number | null;
  link_id: number | null;
  visitor_hash: string;
  country: string | null;
  referrer_host: string | null;
  ip_hash: string | null;
}
export type Visit = Selectable<VisitsTable>;
export type NewVisit = Insertable<VisitsTable>;
export type VisitUpdate = Updateable<VisitsTable>;

export interface DailyArtisanStatsTable {
  day: string;
  artisan_id: number;
  product_views: Generated<number>;
  profile_views: Generated<number>;
  motif_views: Generated<number>;
  distinct_visitors: Generated<number>;
  whatsapp_clicks: Generated<number>;
  inquiries: Generated<number>;
  converted_inquiries: Generated<number>;
  orders: Generated<number>;
  revenue: Generated<number>;
  refunds: Generated<number>;
  offline_sales: Generated<number>;
  computed_at: Generated<string>;
}
export type DailyArtisanStat = Selectable<DailyArtisanStatsTable>;
export type NewDailyArtisanStat = Insertable<DailyArtisanStatsTable>;
export type DailyArtisanStatUpdate = Updateable<DailyArtisanStatsTable>;

export interface DailyEventStatsTable {
  day: string;
  event_id: number;
  artisan_id: Generated<number>;
  link_visits: Generated<number>;
  inquiries: Generated<number>;
  orders: Generated<number>;
  revenue: Generated<number>;
  computed_at: Generated<string>;
}
export type DailyEventStat = Selectable<DailyEventStatsTable>;
export type NewDailyEventStat = Insertable<DailyEventStatsTable>;
export type DailyEventStatUpdate = Updateable<DailyEventStatsTable>;

export interface ProgrammesTable {
  id: Generated<number>;
  agency_id: number;
  title_id: string;
  title_en: Generated<string>;
  description_id: Generated<string>;
  description_en: Generated<string>;
  kind: "training" | "facility_grant" | "exhibition" | "legality";
  budget: Generated<number>;
  funding_source: "apbd" | "apbn" | "csr" | "donor" | "other";
  starts_on: string;
  ends_on: string;
  created_by: number | null;
  created_at: Generated<string>;
}
export type Programme = Selectable<ProgrammesTable>;
export type NewProgramme = Insertable<ProgrammesTable>;
export type ProgrammeUpdate = Updateable<ProgrammesTable>;

export interface ProgrammeParticipantsTable {
  programme_id: number;
  artisan_id: number;
  joined_on: string;
}
export type ProgrammeParticipant = Selectable<ProgrammeParticipantsTable>;
export type NewProgrammeParticipant = Insertable<ProgrammeParticipantsTable>;
export type ProgrammeParticipantUpdate = Updateable<ProgrammeParticipantsTable>;

export interface ProgrammeEventsTable {
  programme_id: number;
  event_id: number;
}
export type ProgrammeEvent = Selectable<ProgrammeEventsTable>;
export type NewProgrammeEvent = Insertable<ProgrammeEventsTable>;
export type ProgrammeEventUpdate = Updateable<ProgrammeEventsTable>;

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: Generated<string>;
  status: Generated<"queued" | "running" | "succeeded" | "dead">;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Generated<string>;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  finished_at: string | null;
}
export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type JobUpdate = Updateable<JobsTable>;

export interface MailOutboxTable {
  id: Generated<number>;
  message_id: string;
  to_address: string;
  to_name: Generated<string>;
  template: string;
  locale: Generated<string>;
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<"queued" | "sent" | "held" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<string>;
  sent_at: string | null;
}
export type MailOutbox = Selectable<MailOutboxTable>;
export type NewMailOutbox = Insertable<MailOutboxTable>;
export type MailOutboxUpdate = Updateable<MailOutboxTable>;

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Generated<string>;
  created_at: Generated<string>;
}
export type AuditLog = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
export type AuditLogUpdate = Updateable<AuditLogTable>;

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Generated<string>;
  expires_at: string;
  last_seen_at: Generated<string>;
  user_agent: string | null;
}
export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type SessionUpdate = Updateable<SessionsTable>;

export interface AuthTokensTable {
  id: Generated<number>;
  purpose: "reset" | "confirm";
  token_hash: string;
  user_id: number;
  created_at: Generated<string>;
  expires_at: string;
  used_at: string | null;
}
export type AuthToken = Selectable<AuthTokensTable>;
export type NewAuthToken = Insertable<AuthTokensTable>;
export type AuthTokenUpdate = Updateable<AuthTokensTable>;

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: Generated<number>;
}
export type RateLimit = Selectable<RateLimitsTable>;
export type NewRateLimit = Insertable<RateLimitsTable>;
export type RateLimitUpdate = Updateable<RateLimitsTable>;

export interface CatalogueFtsTable {
  title_id: string | null;
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  motifs: string | null;
  artisan: string | null;
  place: string | null;
}
export type CatalogueFt = Selectable<CatalogueFtsTable>;
export type NewCatalogueFt = Insertable<CatalogueFtsTable>;
export type CatalogueFtUpdate = Updateable<CatalogueFtsTable>;

export interface FavouriteProductsTable {
  user_id: number;
  product_id: number;
  created_at: Generated<string>;
}
export type FavouriteProduct = Selectable<FavouriteProductsTable>;
export type NewFavouriteProduct = Insertable<FavouriteProductsTable>;
export type FavouriteProductUpdate = Updateable<FavouriteProductsTable>;

export interface FavouriteArtisansTable {
  user_id: number;
  artisan_id: number;
  created_at: Generated<string>;
}
export type FavouriteArtisan = Selectable<FavouriteArtisansTable>;
export type NewFavouriteArtisan = Insertable<FavouriteArtisansTable>;
export type FavouriteArtisanUpdate = Updateable<FavouriteArtisansTable>;

export interface WhatsappReferralsTable {
  id: Generated<number>;
  code: string;
  artisan_id: number;
  product_id: number | null;
  visitor_hash: string;
  inquiry_id: number | null;
  created_at: Generated<string>;
}
export type WhatsappReferral = Selectable<WhatsappReferralsTable>;
export type NewWhatsappReferral = Insertable<WhatsappReferralsTable>;
export type WhatsappReferralUpdate = Updateable<WhatsappReferralsTable>;

export interface InquiryMessageImagesTable {
  message_id: number;
  image_id: number;
  position: Generated<number>;
}
export type InquiryMessageImage = Selectable<InquiryMessageImagesTable>;
export type NewInquiryMessageImage = Insertable<InquiryMessageImagesTable>;
export type InquiryMessageImageUpdate = Updateable<InquiryMessageImagesTable>;

export interface InquiryBlocksTable {
  id: Generated<number>;
  artisan_id: number;
  email: string;
  created_by: number | null;
  created_at: Generated<string>;
}
export type InquiryBlock = Selectable<InquiryBlocksTable>;
export type NewInquiryBlock = Insertable<InquiryBlocksTable>;
export type InquiryBlockUpdate = Updateable<InquiryBlocksTable>;

export interface Database {
  agencies: AgenciesTable;
  associations: AssociationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  agency_staff: AgencyStaffTable;
  association_officers: AssociationOfficersTable;
  images: ImagesTable;
  image_variants: ImageVariantsTable;
  artisans: ArtisansTable;
  artisan_consents: ArtisanConsentsTable;
  artisan_facts: ArtisanFactsTable;
  legal_documents: LegalDocumentsTable;
  facility_needs: FacilityNeedsTable;
  artisan_images: ArtisanImagesTable;
  motifs: MotifsTable;
  motif_images: MotifImagesTable;
  products: ProductsTable;
  product_motifs: ProductMotifsTable;
  product_images: ProductImagesTable;
  events: EventsTable;
  event_exhibitors: EventExhibitorsTable;
  links: LinksTable;
  orders: OrdersTable;
  order_parts: OrderPartsTable;
  order_lines: OrderLinesTable;
  payments: PaymentsTable;
  refunds: RefundsTable;
  payout_entries: PayoutEntriesTable;
  inquiries: InquiriesTable;
  inquiry_messages: InquiryMessagesTable;
  visits: VisitsTable;
  daily_artisan_stats: DailyArtisanStatsTable;
  daily_event_stats: DailyEventStatsTable;
  programmes: ProgrammesTable;
  programme_participants: ProgrammeParticipantsTable;
  programme_events: ProgrammeEventsTable;
  jobs: JobsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  rate_limits: RateLimitsTable;
  catalogue_fts: CatalogueFtsTable;
  favourite_products: FavouriteProductsTable;
  favourite_artisans: FavouriteArtisansTable;
  whatsapp_referrals: WhatsappReferralsTable;
  inquiry_message_images: InquiryMessageImagesTable;
  inquiry_blocks: InquiryBlocksTable;
}
