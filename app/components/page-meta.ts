/** What a public page's loader computes for its <title> and description (in the page's language). */
export type PageMeta = { title: string; description: string; noindex?: boolean };

/** The meta descriptors for a page; an error response has no data, and the error boundary sets its own title. */
export function pageMeta(data: { meta?: PageMeta } | undefined) {
  if (!data?.meta) return [];
  const { title, description, noindex } = data.meta;
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    ...(noindex ? [{ name: "robots", content: "noindex, follow" }] : []),
  ];
}

/**
 * A description-sized excerpt (about 160 characters) cut at a word boundary,
 * because search engines truncate longer descriptions mid-word.
 */
export function excerpt(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}
