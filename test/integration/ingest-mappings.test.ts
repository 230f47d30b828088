/**
 * ATS export mappings against the real Neo4j: the shipped Greenhouse, Lever and Workday-style mappings
 * ingest their fixtures (written from each system's documented field names and nesting) into the stored
 * fields and identifiers the contract asks for; a mapping that names a column or path the file lacks
 * fails before anything is written, through the CLI too; a mapping file that breaks the format is named.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { ApplicationRepository } from "../../server/applications/applications.repository.js";
import { IngestRepository } from "../../server/ingest/ingest.repository.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { loadMapping, MappingError, readMappedFile } from "../../server/ingest/mappings/read.js";
import { ingestRecords } from "../../server/ingest/pipeline.js";
import { MemoryRejectSink } from "../../server/ingest/rejects.js";
import { PROJECT_ROOT } from "../../server/config.js";
import { emptyDatabase } from "../helpers/context.js";

const FIX = path.resolve(import.meta.dirname, "../fixtures/ingest/ats");
let db: Database;
let repo: ApplicationRepository;
let writer: IngestRepository;

async function ingestMapped(mapping: string, file: string) {
  const rejects = new MemoryRejectSink();
  const summary = await ingestRecords(writer, readMappedFile(path.join(FIX, file), loadMapping(mapping)), {
    batchSize: 2,
    rejects,
  });
  return { summary, rejects: rejects.rejects };
}

const refs = async (id: string) => (await repo.byId(id))!.identifiers.map((i) => i.ref);
const usedBy = async (id: string, ref: string) => (await repo.byId(id))!.identifiers.find((i) => i.ref === ref)?.usedBy;

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  repo = new ApplicationRepository(db);
  writer = new IngestRepository(db);
});
afterAll(async () => db.close());
beforeEach(async () => emptyDatabase(db));

describe("shipped mappings", () => {
  it("Greenhouse Harvest candidates: one application per embedded application, contact details from the candidate", async () => {
    const { summary, rejects } = await ingestMapped("greenhouse-harvest", "greenhouse-candidates.json");
    expect(summary).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    // The candidate without applications is rejected by position, not dropped silently.
    expect(rejects).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('"applications"') })]);
    // Unmapped keys of the candidate and of the application are counted, per application.
    expect(summary.unknownFields).toMatchObject({
      company: 3,
      tags: 3,
      "application.status": 3,
      "application.answers": 3,
    });
    expect(summary.unknownFields["first_name"]).toBeUndefined();

    const a = (await repo.byId("69306315"))!;
    expect(a.props).toMatchObject({
      full_name: "Alex Rivera",
      submitted_at: "2026-10-20T08:02:44.510Z",
      claimed_location: "Austin, Texas, United States",
      university: "University of California, Berkeley",
      degree: "Bachelor's Degree",
      major: "Computer Science",
      graduation_date: "2019-05-15",
      shipping_address: "1 Market Street, Apartment 5, San Francisco, CA 94105",
      job_id: "107762",
      source: "Referral",
    });
    expect(await refs("69306315")).toEqual([
      "email:a.rivera@example.com",
      "email:alexrivera@gmail.com",
      "phone:+14155550134",
      "profile:github.com/arivera",
      "profile:linkedin.com/in/alex-rivera-01",
      "address:1 market st apt 5 san francisco ca 94105",
    ]);
    // Sam Chen types the same number without a country code: one phone node for three applications.
    expect(await refs("69306400")).toEqual(["email:samchen@gmail.com", "phone:+14155550134"]);
    expect(await usedBy("69306400", "phone:+14155550134")).toBe(3);
    expect((await repo.byId("69306314"))!.props.claimed_location).toBeUndefined();
  });

  it("Lever opportunities: records under data, epoch-millisecond dates, phones as objects", async () => {
    const { summary, rejects } = await ingestMapped("lever-opportunities", "lever-opportunities.json");
    expect(summary).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
    expect(rejects[0]).toMatchObject({ line: 3, reason: "submitted_at is required" });
    expect(summary.unknownFields).toMatchObject({ headline: 2, contact: 2, stage: 2, origin: 2 });
    const shane = (await repo.byId("250d8f03-738a-4bba-a671-8a3d73477145"))!;
    expect(shane.props).toMatchObject({
      full_name: "Shane Smith",
      submitted_at: new Date(1791878400000).toISOString(),
      claimed_location: "Oakland",
      job_id: "f2f01e16-27f8-4711-a728-7d49499795a0",
      source: "LinkedIn",
    });
    expect(shane.identifiers.map((i) => i.ref)).toEqual([
      "email:shane@exampleq3.com",
      "phone:+442071838750",
      "profile:linkedin.com/in/shane-smith-42",
      "profile:shanesmith.dev",
    ]);
    // Dana gives Shane's address in capitals: linked; her empty location and sources are left out.
    const dana = (await repo.byId("5c86dde9-ba6d-4a2f-8d47-a4e2d1c2a1e7"))!;
    expect(dana.identifiers.find((i) => i.ref === "email:shane@exampleq3.com")?.usedBy).toBe(2);
    expect(dana.props.claimed_location).toBeUndefined();
    expect(dana.props.source).toBeUndefined();
  });

  it("Workday-style CSV: local dates with a time zone, country names, lists in one cell, blank markers", async () => {
    const { summary, rejects } = await ingestMapped("workday-csv", "workday-report.csv");
    expect(summary).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    expect(rejects[0]).toMatchObject({ line: 4, reason: expect.stringContaining("13/45/2026 10:00 AM") });
    // "(Blank)" in Disposition Reason is empty, so that column is not counted.
    expect(summary.unknownFields).toEqual({ "Candidate ID": 3, "Job Requisition": 3, "Recruiting Stage": 3 });
    const priya = (await repo.byId("JOB_APPLICATION-6-10321"))!;
    expect(priya.props).toMatchObject({
      // 09:15 AM in New York on 3 November 2026 (EST, UTC-5).
      submitted_at: "2026-11-03T14:15:00.000Z",
      claimed_country: "IN",
      graduation_date: "2018",
      university: "Indian Institute of Technology Madras",
      job_id: "R-00412",
    });
    expect(priya.identifiers.map((i) => i.ref)).toEqual([
      "email:pnair@gmail.com",
      "email:priya.nair@example.com",
      "email:priya@nair.dev",
      "phone:+919876543210",
      "profile:github.com/pnair",
      "profile:linkedin.com/in/priya-nair-ds",
      "address:14 mg rd bengaluru 560001",
    ]);
    const tom = (await repo.byId("JOB_APPLICATION-6-10322"))!;
    expect(tom.props).toMatchObject({ claimed_country: "US", submitted_at: "2026-11-03T21:40:00.000Z" });
    expect(tom.props.shipping_address).toBeUndefined();
    expect(tom.props.university).toBeUndefined();
    // Lee shares Priya's Gmail (dots differ) and Tom's number (written with dots, claimed country CA).
    const lee = (await repo.byId("JOB_APPLICATION-6-10324"))!;
    expect(lee.identifiers.map((i) => [i.ref, i.usedBy])).toEqual([
      ["email:pnair@gmail.com", 2],
      ["phone:+12125550187", 2],
    ]);
  });
});

describe("mapping errors", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-map-"));
  const writeMapping = (name: string, edit: (m: any) => void) => {
    const src = path.join(PROJECT_ROOT, "server/ingest/mappings", `${name}.json`);
    const m = JSON.parse(fs.readFileSync(src, "utf8"));
    edit(m);
    const file = path.join(tmp, `${name}-edited.json`);
    fs.writeFileSync(file, JSON.stringify(m));
    return file;
  };
  const ingestWith = async (mappingFile: string, file: string) =>
    ingestRecords(writer, readMappedFile(path.join(FIX, file), loadMapping(mappingFile)), {
      batchSize: 1,
      rejects: new MemoryRejectSink(),
    });

  it("a CSV column the file lacks is named before any record is written", async () => {
    const mapping = writeMapping(
      "workday-csv",
      (m) => (m.fields.email.from = ["E-mail", "Additional Email Addresses"]),
    );
    const err = await ingestWith(mapping, "workday-report.csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain('email <- "E-mail"');
    expect((await repo.counts()).applications).toBe(0);
  });

  it("a JSON path no record has is named before any record is written; optional paths are not", async () => {
    const mapping = writeMapping("greenhouse-harvest", (m) => {
      m.fields.phone = "phone_numbrs[].value";
      m.fields.ip = { from: "application.keyed_custom_fields.login_ip.value", optional: true };
    });
    const err = await ingestWith(mapping, "greenhouse-candidates.json").catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/phone <- "phone_numbrs\[\]\.value"/);
    expect((err as Error).message).not.toContain("login_ip");
    expect((await repo.counts()).applications).toBe(0);
  });

  it("a mapping file that breaks the format, and an unknown mapping name, are clear errors", () => {
    const bad = writeMapping("lever-opportunities", (m) => {
      delete m.fields.submitted_at;
      m.fields.emails = "emails";
    });
    expect(() => loadMapping(bad)).toThrow(/submitted_at must be mapped|Unrecognized key.*emails/);
    expect(() => loadMapping("no-such-ats")).toThrow(/no mapping named "no-such-ats"; shipped: .*greenhouse-harvest/);
  });

  it("the CLI checks every file before it writes, and says what is missing", async () => {
    const mapping = writeMapping("workday-csv", (m) => (m.fields.job_id = "Requisition Number"));
    const good = path.join(FIX, "workday-report.csv");
    const run = promisify(execFile)(
      "npx",
      ["tsx", "server/cli/ingest.ts", "--map", mapping, good, "--rejects", path.join(tmp, "r.ndjson")],
      { cwd: PROJECT_ROOT, env: process.env },
    );
    const err = (await run.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('job_id <- "Requisition Number"');
    expect(err.stderr).toContain("nothing was written");
    expect((await repo.counts()).applications).toBe(0);
  });
});
