/**
 * Calling loaders and actions as Remix calls them, from integration tests:
 * build the request, log someone in, and read what the route answered.
 *
 *   const admin = await createUserWithSession({ email, name, password, roles: ["admin"] });
 *   const page = await loader({ request: request("/admin/jobs", { cookie: admin.cookie }), params: {}, context: {} });
 *   expect(await statusOf(action({ request: request("/admin/jobs", { cookie, form: { intent: "retry" } }), params: {}, context: {} }))).toBe(403);
 *
 * The route matrix (route-matrix.test.ts) classifies answers its own way on purpose.
 */
import { createUser, grantRole, type Role } from "../../app/models/user.server";
import { startSession } from "../../app/utils/session.server";

/** PUBLIC_ORIGIN in tests (tests/setup/env.ts). */
export const ORIGIN = "http://localhost:3000";

/**
 * A request for `path` on ORIGIN: a GET, or with `form` a urlencoded POST.
 * `cookie` may be a whole Set-Cookie header; only its name=value is sent.
 */
export function request(path: string, init: { cookie?: string | null; form?: Record<string, string>; headers?: HeadersInit } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie.split(";")[0]);
  if (init.form) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`${ORIGIN}${path}`, {
    method: init.form ? "POST" : "GET",
    headers,
    body: init.form ? new URLSearchParams(init.form) : undefined,
  });
}

/** What Remix's `data(value, init)` returns: a body with a status (and headers) other than the default. */
export type DataResult<T = Record<string, unknown>> = { type: "DataWithResponseInit"; data: T; init: { status?: number; headers?: Record<string, string> } };

function isDataResult(value: unknown): value is DataResult<unknown> {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** A loader's payload whether it returned plain data or `data(payload, { headers })` (pages that set a cookie). */
export function payloadOf<T>(value: T): T extends { type: string; data: infer D; init: unknown } ? D : T {
  return (isDataResult(value) ? value.data : value) as never;
}

/**
 * What a loader or action answered, whether it returned or threw a Response:
 * its status, the body of data() or plain data (null for a Response), and
 * the Response's headers (null otherwise). Anything else thrown is rethrown.
 */
export async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown; headers: Headers | null }> {
  try {
    const result = await promise;
    if (result instanceof Response) return { status: result.status, body: null, headers: result.headers };
    if (isDataResult(result)) return { status: result.init?.status ?? 200, body: result.data, headers: null };
    return { status: 200, body: result, headers: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, headers: thrown.headers };
    throw thrown;
  }
}

/** The status a loader or action answered with (see `outcome`). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  return (await outcome(promise)).status;
}

/** The Response a loader or action threw (a redirect, a 4xx); fails when it returned or threw something else. */
export async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** A session cookie (the whole Set-Cookie header) for `userId`, as a log-in would give. */
export async function sessionCookie(userId: number, init: { headers?: HeadersInit } = {}): Promise<string> {
  return startSession({ request: request("/login", init), userId });
}

type NewUser = Parameters<typeof createUser>[0] & { roles?: Role[] };

/** An account holding `roles` (granted by nobody, so no audit entries). */
export async function createUserWithRoles({ roles = [], ...input }: NewUser): Promise<{ id: number; email: string }> {
  const user = await createUser(input);
  for (const role of roles) await grantRole({ userId: user.id, role });
  return user;
}

/** An account holding `roles`, logged in: `cookie` is its session's Set-Cookie header. */
export async function createUserWithSession(input: NewUser): Promise<{ id: number; email: string; cookie: string }> {
  const user = await createUserWithRoles(input);
  return { ...user, cookie: await sessionCookie(user.id) };
}
