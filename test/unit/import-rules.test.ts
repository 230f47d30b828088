// The lint rules that keep the layers apart fire on the imports they forbid and pass the ones allowed.
import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";

const eslint = new ESLint({ cwd: PROJECT_ROOT });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(PROJECT_ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const typeImport = (from: string) => `import type { X } from "${from}";\nexport type Y = X;\n`;

describe("import rules (eslint.config.js)", () => {
  it("lets the client import server/common only", async () => {
    expect(await restricted("client/pages/probe.ts", typeImport("../../server/common/api/clusters.js"))).toEqual([]);
    const [message] = await restricted(
      "client/pages/probe.ts",
      typeImport("../../server/clusters/clusters.service.js"),
    );
    expect(message).toMatch(/server\/common/);
  });

  it("lets the seed import server/common and server/normalise, nothing else of the server", async () => {
    expect(await restricted("seed/probe.ts", typeImport("../server/common/contract.js"))).toEqual([]);
    expect(await restricted("seed/probe.ts", typeImport("../server/normalise/name.js"))).toEqual([]);
    expect(await restricted("seed/probe.ts", typeImport("../server/ingest/record.js"))).toHaveLength(1);
  });

  it("keeps server/tools out of production code", async () => {
    const cpu = typeImport("../../tools/bench.repository.js");
    expect(await restricted("server/ingest/bulk/probe.ts", cpu)).toEqual([expect.stringMatching(/server\/tools/)]);
    expect(await restricted("server/tools/probe.ts", typeImport("./bench.repository.js"))).toEqual([]);
    expect(await restricted("server/cli/probe.ts", typeImport("../tools/bench.repository.js"))).toEqual([]);
  });

  it("keeps neo4j-driver inside server/db", async () => {
    const driver = `import neo4j from "neo4j-driver";\nexport const d = neo4j;\n`;
    expect(await restricted("server/db/probe.ts", driver)).toEqual([]);
    expect(await restricted("server/clusters/probe.ts", driver)).toEqual([expect.stringMatching(/server\/db/)]);
    expect(await restricted("client/probe.ts", driver)).toHaveLength(1);
  });
});
