/**
 * The catalogue's facet and sort names: the URL parameters of /products. Shared
 * by the search model and the page (a `.server` module's values never reach
 * the browser, so they live here).
 */
export const FACETS = ["motif", "technique", "fabric", "dye", "price", "artisan", "district"] as const;
export type FacetName = (typeof FACETS)[number];
export const SORTS = ["relevance", "newest", "price_asc", "price_desc"] as const;
export type CatalogueSort = (typeof SORTS)[number];
