import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";

export type Flash = { kind: "success" | "error" | "info"; key: string; values?: Record<string, string | number> };

function flashCookie() {
  const env = getEnv();
  return createCookie("__flash", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.NODE_ENV === "production" && env.PUBLIC_ORIGIN.startsWith("https:"),
    secrets: [env.SESSION_SECRET],
    maxAge: 60,
  });
}

/**
 * A one-time message for the next page, stored as a translation key so that it
 * shows in the language of the page that displays it.
 */
export async function flashHeader(flash: Flash): Promise<string> {
  return flashCookie().serialize(flash);
}

/** Reads and clears the flash; the Set-Cookie is only sent when there was one. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("__flash=")) return { flash: null, headers: {} };
  const value = (await flashCookie().parse(cookieHeader)) as Flash | null;
  const clear = await flashCookie().serialize("", { maxAge: 0 });
  return { flash: isFlash(value) ? value : null, headers: { "Set-Cookie": clear } };
}

function isFlash(value: unknown): value is Flash {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (v.kind === "success" || v.kind === "error" || v.kind === "info") && typeof v.key === "string";
}
