/**
 * /admin/jobs: dead jobs are visible to admins only, and an admin can put a
 * dead job back in the queue. Loader and action are called as Remix calls them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/($lang).admin.jobs";
import { getDb } from "~/utils/db.server";
import { createUserWithSession, request, statusOf } from "../setup/routes";

let adminCookie: string;
let buyerCookie: string;
let deadJobId: number;
let doneJobId: number;

beforeAll(async () => {
  adminCookie = (await createUserWithSession({ email: "ops@example.test", name: "Operator", password: "operator-pass-2026", roles: ["admin"] })).cookie;
  buyerCookie = (await createUserWithSession({ email: "buyer@example.test", name: "Buyer", password: "buyer-pass-2026", roles: ["buyer"] })).cookie;

  const db = getDb();
  deadJobId = (
    await db
      .insertInto("jobs")
      .values({ name: "mail.send", payload: '{"outboxId":999}', status: "dead", attempts: 8, max_attempts: 8, last_error: "SMTP 554 rejected" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  doneJobId = (
    await db
      .insertInto("jobs")
      .values({ name: "mail.send", payload: '{"outboxId":1000}', status: "succeeded", attempts: 1 })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

describe("/admin/jobs", () => {
  it("sends anonymous visitors to the log-in page and refuses other roles with 403", async () => {
    try {
      await loader({ request: request("/admin/jobs"), params: {}, context: {} });
      expect.unreachable("anonymous loader must redirect");
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(303);
      expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fjobs");
    }
    expect(await statusOf(loader({ request: request("/admin/jobs", { cookie: buyerCookie }), params: {}, context: {} }))).toBe(403);
    expect(
      await statusOf(action({ request: request("/admin/jobs", { cookie: buyerCookie, form: { intent: "retry", id: String(deadJobId) } }), params: {}, context: {} })),
    ).toBe(403);
  });

  it("shows admins the dead jobs with their last error and the counts per status", async () => {
    const data = await loader({ request: request("/admin/jobs?status=dead", { cookie: adminCookie }), params: {}, context: {} });
    expect(data.status).toBe("dead");
    expect(data.counts.dead).toBe(1);
    expect(data.counts.succeeded).toBe(1);
    expect(data.jobs.map((j) => j.id)).toEqual([deadJobId]);
    expect(data.jobs[0].last_error).toBe("SMTP 554 rejected");
    // Payloads may hold personal data (an outbox id today, more later): not sent to the page.
    expect(JSON.stringify(data.jobs)).not.toContain("outboxId");
  });

  it("answers an unknown status filter with 400", async () => {
    expect(await statusOf(loader({ request: request("/admin/jobs?status=exploded", { cookie: adminCookie }), params: {}, context: {} }))).toBe(400);
  });

  it("retries a dead job: queued again with fresh attempts, 303 back to the dead list", async () => {
    const res = (await action({
      request: request("/en/admin/jobs", { cookie: adminCookie, form: { intent: "retry", id: String(deadJobId) } }),
      params: { lang: "en" },
      context: {},
    })) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/en/admin/jobs?status=dead");
    expect(res.headers.get("Set-Cookie")).toMatch(/^__flash=/);
    const job = await getDb().selectFrom("jobs").select(["status", "attempts"]).where("id", "=", deadJobId).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: "queued", attempts: 0 });
  });

  it("refuses bad retry input with 400, an unknown job with 404, and leaves a finished job alone", async () => {
    const post = (form: Record<string, string>) =>
      statusOf(action({ request: request("/admin/jobs", { cookie: adminCookie, form }), params: {}, context: {} }));
    expect(await post({ intent: "retry", id: "abc" })).toBe(400);
    expect(await post({ intent: "delete", id: String(deadJobId) })).toBe(400);
    expect(await post({ intent: "retry", id: "987654" })).toBe(404);
    expect(await post({ intent: "retry", id: String(doneJobId) })).toBe(303);
    const job = await getDb().selectFrom("jobs").select("status").where("id", "=", doneJobId).executeTakeFirstOrThrow();
    expect(job.status).toBe("succeeded");
  });
});
