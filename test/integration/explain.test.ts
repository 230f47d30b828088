/**
 * GET /api/explain on a tiny ingested graph: a chain E-1–E-2–E-3–E-4 linked by a different identifier
 * kind at each step, a hub IP used by 60 applications, a phone the latest run judged common
 * infrastructure, two applications linked twice, and one isolated application.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RunsRepository } from "../../server/runs/runs.repository.js";
import { createLogger } from "../../server/logger.js";
import { pathText } from "../../server/clusters/explain.service.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { fixedDetect, output } from "../unit/runs/fixtures.js";

let ctx: TestContext;

const HUB_IP = "198.51.100.9";
const app = (id: string, extra: Record<string, unknown>) => ({
  application_id: id,
  submitted_at: "2026-04-01T09:00:00Z",
  full_name: `Name ${id}`,
  email: `${id.toLowerCase()}@example.com`,
  ...extra,
});

const APPS = [
  app("E-1", { device_id: "chain-dev", phone: "+1 202 555 0199", ip: HUB_IP }),
  app("E-2", { device_id: "chain-dev", payment_account: "chain-pay" }),
  app("E-3", { payment_account: "chain-pay", email: ["e-3@example.com", "shared@example.org"], phone: "+12025550199" }),
  app("E-4", { email: ["e-4@example.com", "Shared@Example.org"], ip: HUB_IP }),
  app("E-5", {}),
  app("E-6", { device_id: "twin-dev", payment_account: "twin-pay" }),
  app("E-7", { device_id: "twin-dev", payment_account: "twin-pay" }),
  ...Array.from({ length: 58 }, (_, i) => app(`H-${i + 1}`, { ip: HUB_IP })),
];

const explain = (query: string) => ctx.api(`/api/explain?${query}`);
const refs = (path: { nodes: { id: string }[] }) => path.nodes.map((n) => n.id);

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(APPS),
  });
  expect(res.body.accepted).toBe(65);
  // The latest finished run judged the shared phone common infrastructure.
  await new RunsService({
    db: ctx.db,
    repo: new RunsRepository(ctx.db),
    detect: fixedDetect(
      output([], [{ ref: "phone:+12025550199", identities: 2, applications: 2, reason: "test: judged common" }]),
    ),
    log: createLogger("silent"),
    runsToKeep: 10,
  }).runNow("test");
});
afterAll(async () => ctx.close());

describe("GET /api/explain", () => {
  it("explains a chain through a different identifier kind at each step, in words and as a path", async () => {
    const res = await explain("a=E-1&b=E-4");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      a: "E-1",
      b: "E-4",
      linked: true,
      include_common: false,
      max_degree: 50,
      excluded_common_infrastructure: 1,
    });
    expect(res.body.text).toBe(
      "E-1 and E-2 share device chain-dev; E-2 and E-3 share payment account chain-pay; " +
        "E-3 and E-4 share email shared@example.org",
    );
    expect(res.body.paths).toHaveLength(1);
    const [path] = res.body.paths;
    expect(path.length).toBe(3);
    expect(refs(path)).toEqual([
      "application:E-1",
      "device:chain-dev",
      "application:E-2",
      "payment:chain-pay",
      "application:E-3",
      "email:shared@example.org",
      "application:E-4",
    ]);
    expect(path.nodes.map((n: { kind: string }) => n.kind)).toEqual([
      "application",
      "device",
      "application",
      "payment",
      "application",
      "email",
      "application",
    ]);
    expect(path.nodes[0]).toMatchObject({ label: "Name E-1", attributes: { application_id: "E-1" } });
    expect(path.nodes[1].attributes).toMatchObject({ used_by: 2 });
  });

  it("walks through common infrastructure only when asked, or when the degree cap allows it", async () => {
    const all = await explain("a=E-1&b=E-4&include_common=true");
    expect(all.body).toMatchObject({
      linked: true,
      include_common: true,
      max_degree: null,
      excluded_common_infrastructure: 0,
    });
    expect(all.body.text).toBe(`E-1 and E-4 share IP address ${HUB_IP}`);
    expect(all.body.paths.map(refs)).toEqual([["application:E-1", `ip:${HUB_IP}`, "application:E-4"]]);
    expect(all.body.paths[0].nodes[1].attributes.used_by).toBe(60);

    const capped = await explain("a=E-1&b=E-4&max_degree=100");
    expect(capped.body.paths[0].length).toBe(1);

    const judged = await explain("a=E-1&b=E-3");
    expect(judged.body.text).toBe("E-1 and E-2 share device chain-dev; E-2 and E-3 share payment account chain-pay");
    const throughPhone = await explain("a=E-1&b=E-3&include_common=1");
    expect(throughPhone.body.text).toBe("E-1 and E-3 share phone number +12025550199");
  });

  it("returns every shortest chain when there are several, in a stable order", async () => {
    const res = await explain("a=E-6&b=E-7");
    expect(res.body.paths.map((p: { text: string }) => p.text)).toEqual([
      "E-6 and E-7 share device twin-dev",
      "E-6 and E-7 share payment account twin-pay",
    ]);
  });

  it("answers 200 with no paths when two applications are not linked", async () => {
    const res = await explain("a=E-1&b=E-5");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ linked: false, paths: [] });
    expect(res.body.text).toBe(
      "E-1 and E-5 are not linked by a chain of at most 4 shared identifiers (ignoring common infrastructure)",
    );
  });

  it("answers 404 for an unknown application and 400 for invalid requests", async () => {
    const missing = await explain("a=E-1&b=E-404");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("application(s) not found: E-404");
    expect((await explain("a=E-1&b=E-1")).status).toBe(400);
    expect((await explain("a=E-1")).status).toBe(400);
    expect((await explain("a=E-1&b=E-2&max_degree=1")).status).toBe(400);
    expect((await explain("a=E-1&b=E-2&include_common=maybe")).status).toBe(400);
  });
});

describe("pathText", () => {
  it("names each step by the identifier kind", () => {
    const n = (id: string, kind: string, label = id) => ({
      id,
      kind: kind as "application",
      label,
      attributes: { application_id: id },
    });
    expect(pathText([n("A-1", "application"), n("x", "address", "1 main st"), n("A-2", "application")])).toBe(
      "A-1 and A-2 share shipping address 1 main st",
    );
  });
});
