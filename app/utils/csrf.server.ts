/**
 * Cross-site request forgery guard for every state-changing request.
 * Browsers send Sec-Fetch-Site and/or Origin on cross-site POSTs; when both are
 * absent the client is not a browser riding someone's cookies (the session
 * cookie is SameSite=Lax, so browsers do not attach it to cross-site POSTs
 * anyway) and the request is allowed. Applied centrally in scripts/server.ts
 * so no action can forget it.
 */
export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function checkSameOrigin(
  args: { method: string; origin: string | null | undefined; secFetchSite: string | null | undefined },
  publicOrigin: string,
): CsrfVerdict {
  if (SAFE_METHODS.has(args.method.toUpperCase())) return { ok: true };
  const site = args.secFetchSite?.toLowerCase();
  if (site === "cross-site") {
    return { ok: false, reason: "Cross-site form submissions are refused (Sec-Fetch-Site: cross-site)." };
  }
  // A page sent with Referrer-Policy: no-referrer (a reset link carries its
  // token in the URL) makes the browser post `Origin: null` even to its own
  // origin. Sec-Fetch-Site is set by the browser, never by a page, so
  // "same-origin" there is the proof the Origin header cannot give.
  if (args.origin === "null" && site === "same-origin") return { ok: true };
  if (args.origin && args.origin.replace(/\/+$/, "") !== publicOrigin.replace(/\/+$/, "")) {
    return { ok: false, reason: `Requests from another origin are refused (Origin ${args.origin.slice(0, 100)} is not ${publicOrigin}).` };
  }
  return { ok: true };
}

/** Throws a 403 Response when a non-GET/HEAD request comes from another site. */
export function assertSameOrigin(request: Request, publicOrigin: string): void {
  const verdict = checkSameOrigin(
    { method: request.method, origin: request.headers.get("Origin"), secFetchSite: request.headers.get("Sec-Fetch-Site") },
    publicOrigin,
  );
  if (!verdict.ok) {
    throw new Response(verdict.reason, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
