/**
 * Chaos: an applicant-tracking system pushing a file through POST /api/ingest
 * ===========================================================================
 *
 * Sends an NDJSON file in bodies of `chunkLines` lines, one after another (so the last record for an id
 * wins as in a file ingest), with an ingest service token. A 503 (the database stayed away longer than
 * the server's retry budget) is answered by sending the same body again after a pause, as a client
 * should; the ingest is idempotent. A failed transfer (the server died) ends the ingest with an error.
 * `fromBody` resumes after the bodies already acknowledged: an answered ingest is committed (the
 * durability rule for writes), so a client that resumes there loses nothing, and the chaos rounds check
 * exactly that.
 */
import fs from "node:fs";
import readline from "node:readline";

import type { ApiServer } from "./api-server.js";

export interface HttpIngestResult {
  /** Bodies acknowledged (200), counting the ones skipped by `fromBody`. */
  bodies: number;
  /** Bodies skipped because an earlier ingest had them acknowledged. */
  skipped: number;
  read: number;
  accepted: number;
  rejected: number;
  retriedAfter503: number;
  seconds: number;
}

export async function httpIngest(
  server: ApiServer,
  token: string,
  file: string,
  opts: { chunkLines?: number; fromBody?: number; onBody?: (r: HttpIngestResult) => void } = {},
): Promise<HttpIngestResult> {
  const chunkLines = opts.chunkLines ?? 10_000;
  const t0 = performance.now();
  const fromBody = opts.fromBody ?? 0;
  const r: HttpIngestResult = {
    bodies: 0,
    skipped: 0,
    read: 0,
    accepted: 0,
    rejected: 0,
    retriedAfter503: 0,
    seconds: 0,
  };
  const send = async (lines: string[]) => {
    if (r.bodies < fromBody) {
      r.bodies++;
      r.skipped++;
      return;
    }
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const res = await server.request({
        method: "POST",
        path: "/api/ingest",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
        body: lines.join("\n") + "\n",
      });
      if (res.status === 200) {
        const s = JSON.parse(res.body.toString()) as { read: number; accepted: number; rejected: number };
        r.bodies++;
        r.read += s.read;
        r.accepted += s.accepted;
        r.rejected += s.rejected;
        r.seconds = (performance.now() - t0) / 1000;
        opts.onBody?.(r);
        return;
      }
      if (res.status !== 503 || Date.now() > deadline)
        throw new Error(`POST /api/ingest: ${res.status} ${res.body.toString().slice(0, 300)}`);
      r.retriedAfter503++;
      await new Promise((w) => setTimeout(w, 5000));
    }
  };
  const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let lines: string[] = [];
  for await (const line of input) {
    if (!line.trim()) continue;
    lines.push(line);
    if (lines.length >= chunkLines) {
      await send(lines);
      lines = [];
    }
  }
  if (lines.length) await send(lines);
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}
