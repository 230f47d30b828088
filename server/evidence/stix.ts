/**
 * STIX 2.1 bundle
 * ===============
 *
 * Maps the redacted view of a case to STIX 2.1: the exporting organisation and each applicant as
 * `identity`; identifiers that leave in full as `email-addr`, `ipv4-addr`/`ipv6-addr` and `url`;
 * phones, devices, addresses and payment accounts, and every value that leaves masked or pseudonymised,
 * as the custom `x-ringscope-identifier` SCO declared by an `extension-definition` (a masked value is
 * not an observable: no platform must match or merge on it); a laptop farm as `infrastructure`;
 * `indicator`s for shared values that leave in full (or as an IP network); `relationship`s; a `note`
 * with the (scrubbed) case notes; a `grouping` for the case; the TLP 2.0 marking on every object.
 *
 * Ids. SDOs and SROs, and SCOs of redacted values, are name-based UUIDs (in the version-4 form STIX
 * asks for, see uuid.ts) under this installation's own namespace
 * (generated once, kept beside the signing key) of the export profile (redaction, TLP, notes and
 * release choices), the case id and the object's key: two installations never collide, two exports of
 * one case with different choices never share an id, and a re-export with the same choices keeps every
 * id. SCOs of values in full follow the STIX rule (UUIDv5 under the STIX namespace of their
 * id-contributing properties), so recipients deduplicate the same email or IP across sources.
 * A redacted SCO carries the identifier's opaque node id, so distinct values stay distinct objects.
 */
import crypto from "node:crypto";

import { canonicalJson } from "../audit/canonical-json.js";
import { KIND_NOUNS } from "./reasons.js";
import { tlpMarking, tlpMarkingId, type TlpLevel } from "./tlp.js";
import { nameBasedUuid4, STIX_SCO_NAMESPACE, uuidv5 } from "./uuid.js";
import type { EvidenceView, ExportChoices, ViewIdentifier } from "./view.js";

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixInput {
  view: EvidenceView;
  organisation: string;
  exportedAt: string;
  exportId: string;
  /** This installation's STIX namespace (a UUID). */
  namespace: string;
}

const ORG_EPOCH = "2020-01-01T00:00:00.000Z";
export const IDENTIFIER_SCO = "x-ringscope-identifier";
export const EXTENSION_SCHEMA_FILE = "stix-identifier-extension.schema.json";

/** Milliseconds always present, as STIX timestamps for created/modified should be. */
export function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

/** Quotes a string for a STIX pattern: backslashes and single quotes escaped. */
export function patternString(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A short hash of the choices that change what an export contains: part of every SDO id's name. */
export function exportProfile(c: ExportChoices): string {
  return crypto.createHash("sha256").update(canonicalJson(c)).digest("hex").slice(0, 16);
}

export function extensionDefinitionId(namespace: string): string {
  return `extension-definition--${nameBasedUuid4(namespace, `extension|${IDENTIFIER_SCO}|1.0.0`)}`;
}

export function organisationId(namespace: string, name: string): string {
  return `identity--${nameBasedUuid4(namespace, `organisation|${name}`)}`;
}

/** The JSON Schema of the extension's properties, shipped in the package as EXTENSION_SCHEMA_FILE. */
export function extensionSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: IDENTIFIER_SCO,
    description:
      "A Ringscope identifier: a phone number, device fingerprint, shipping address or payment account (STIX has no core object for them), or any identifier whose value this export masks or pseudonymises. A redacted value is not an observable: do not match or deduplicate on it.",
    type: "object",
    required: ["type", "id", "kind", "value", "redaction"],
    properties: {
      type: { const: IDENTIFIER_SCO },
      id: { type: "string", pattern: `^${IDENTIFIER_SCO}--[0-9a-f-]{36}$` },
      spec_version: { const: "2.1" },
      kind: { enum: ["email", "phone", "ip", "device", "profile", "address", "payment"] },
      value: { type: "string", description: "The normal form, or its masked or pseudonymised form." },
      values_as_typed: {
        type: "array",
        items: { type: "string" },
        description: "The spellings applicants typed, redacted like value.",
      },
      redaction: { enum: ["full", "masked", "pseudonym"] },
      node_id: {
        type: "string",
        description: "The identifier's opaque id in this case (as in identifiers.csv and the graph files).",
      },
      object_marking_refs: { type: "array", items: { type: "string" } },
      extensions: { type: "object" },
    },
  };
}

interface ScoChoice {
  object: Record<string, unknown> & { type: string };
  id: string;
  /** The STIX pattern for an indicator, when the value leaves in a form worth matching on. */
  pattern: string | null;
}

function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

export function buildStixBundle(input: StixInput): { type: "bundle"; id: string; objects: StixObject[] } {
  const v = input.view;
  const c = v.case;
  const ns = input.namespace;
  const profile = exportProfile(v.choices);
  const created = stixTime(c.created_at);
  const modified = stixTime(input.exportedAt);
  const marking = tlpMarkingId(v.choices.tlp as TlpLevel);
  const org = organisationId(ns, input.organisation);
  const ext = extensionDefinitionId(ns);
  const sdoId = (type: string, key: string) => `${type}--${nameBasedUuid4(ns, `${profile}|${c.id}|${type}|${key}`)}`;
  const common = { spec_version: "2.1", object_marking_refs: [marking] };
  const sdo = (type: string, key: string, props: Record<string, unknown>): StixObject => ({
    type,
    id: sdoId(type, key),
    ...common,
    created,
    modified,
    created_by_ref: org,
    ...props,
  });

  const identifierSco = (i: ViewIdentifier): ScoChoice => {
    const custom = (): ScoChoice => {
      const object = {
        type: IDENTIFIER_SCO,
        kind: i.kind,
        value: i.value,
        ...(i.typed.length ? { values_as_typed: i.typed } : {}),
        redaction: i.mode,
        node_id: i.nodeId,
        extensions: { [ext]: { extension_type: "new-sco" } },
      };
      return {
        object,
        // A custom object's id is version 4 like an SDO's (the validator's rule); a value in full is named
        // by its kind and value alone, so it is the same object in every case and export.
        id:
          i.mode === "full"
            ? `${IDENTIFIER_SCO}--${nameBasedUuid4(STIX_SCO_NAMESPACE, canonicalJson({ kind: i.kind, value: i.value }))}`
            : `${IDENTIFIER_SCO}--${nameBasedUuid4(ns, `${profile}|${c.id}|sco|${i.nodeId}`)}`,
        pattern:
          i.mode === "full"
            ? `[${IDENTIFIER_SCO}:kind = ${patternString(i.kind)} AND ${IDENTIFIER_SCO}:value = ${patternString(i.value)}]`
            : i.kind === "ip" && i.mode === "masked" && i.value.includes("/")
              ? `[${i.ipVersion === 6 ? "ipv6-addr" : "ipv4-addr"}:value ISSUBSET ${patternString(i.value)}]`
              : null,
      };
    };
    if (i.mode !== "full") return custom();
    switch (i.kind) {
      case "email":
        return {
          object: { type: "email-addr", value: i.value },
          id: scoId("email-addr", { value: i.value }),
          pattern: `[email-addr:value = ${patternString(i.value)}]`,
        };
      case "ip": {
        const type = i.ipVersion === 6 ? "ipv6-addr" : "ipv4-addr";
        return {
          object: { type, value: i.value },
          id: scoId(type, { value: i.value }),
          pattern: `[${type}:value = ${patternString(i.value)}]`,
        };
      }
      case "profile": {
        const url = /^https?:\/\//.test(i.value) ? i.value : `https://${i.value}`;
        return {
          object: { type: "url", value: url },
          id: scoId("url", { value: url }),
          pattern: `[url:value = ${patternString(url)}]`,
        };
      }
      default:
        return custom();
    }
  };

  const objects: StixObject[] = [];
  const relationships: StixObject[] = [];
  const related = new Set<string>();
  const relate = (type: string, source: string, target: string, description?: string) => {
    const key = `${type}|${source}|${target}`;
    if (related.has(key)) return;
    related.add(key);
    relationships.push(
      sdo("relationship", key, {
        relationship_type: type,
        source_ref: source,
        target_ref: target,
        ...(description ? { description } : {}),
      }),
    );
  };

  objects.push(tlpMarking(v.choices.tlp as TlpLevel) as StixObject);
  objects.push({
    type: "identity",
    id: org,
    spec_version: "2.1",
    created: ORG_EPOCH,
    modified: ORG_EPOCH,
    name: input.organisation,
    identity_class: "organization",
    description: "The organisation that exported this evidence package with Ringscope.",
  });
  objects.push({
    type: "extension-definition",
    id: ext,
    spec_version: "2.1",
    created: ORG_EPOCH,
    modified: ORG_EPOCH,
    created_by_ref: org,
    name: "Ringscope identifier",
    description:
      "A new SCO, x-ringscope-identifier, for identifiers STIX has no core object for (phone numbers, device fingerprints, shipping addresses, payment accounts) and for every value this export masks or pseudonymises.",
    schema: `The JSON Schema is in this package as ${EXTENSION_SCHEMA_FILE}. Properties: kind (email, phone, ip, device, profile, address, payment), value (the normal form, or its masked or pseudonymised form), values_as_typed (the spellings applicants typed, redacted like value), redaction (full, masked, pseudonym), node_id (the identifier's opaque id in the case, as in identifiers.csv). A redacted value is not an observable: do not match or deduplicate on it.`,
    version: "1.0.0",
    extension_types: ["new-sco"],
  });

  const scoOf = new Map<string, string>();
  const indicatorOf = new Map<string, string>();
  for (const i of v.identifiers) {
    const choice = identifierSco(i);
    scoOf.set(i.nodeId, choice.id);
    if (objects.some((o) => o.id === choice.id)) continue;
    objects.push({ ...choice.object, id: choice.id, ...common } as StixObject);
    if (i.members >= 2 && choice.pattern) {
      const ind = sdo("indicator", i.nodeId, {
        name: `${KIND_NOUNS[i.kind][0]} shared by ${i.members} applications in case ${c.id}`,
        description: `Used by ${i.members} of the case's applications (${i.used_by} in the whole database)${i.common_infrastructure ? "; detection judged it common infrastructure, so it is context rather than a link" : ""}.`,
        indicator_types: ["anomalous-activity"],
        pattern: choice.pattern,
        pattern_type: "stix",
        pattern_version: "2.1",
        valid_from: created,
      });
      objects.push(ind);
      indicatorOf.set(i.nodeId, ind.id);
      // "related-to": the validator suggests no other type from an indicator to an observable.
      relate("related-to", ind.id, choice.id, "the value this indicator matches");
    }
  }

  for (const m of v.members) {
    const person = sdo("identity", `application|${m.id}`, {
      name: m.name ? `Applicant ${m.id} (${m.name})` : `Applicant ${m.id}`,
      identity_class: "individual",
      description: `The person named on job application ${m.id}${m.submitted_at ? `, submitted ${m.submitted_at}` : ""}. The name may be a persona or a stolen identity.`,
      external_references: [{ source_name: "ringscope-application", external_id: m.id }],
    });
    objects.push(person);
    for (const n of m.identifiers) {
      const target = scoOf.get(n);
      if (target) relate("related-to", person.id, target, "given in the application");
    }
  }

  if (c.patterns.includes("laptop_farm")) {
    const farmReasons = v.reasons.filter((x) => x.code.startsWith("farm_") || x.code === "laptop_farm");
    const named = farmReasons.flatMap((x) => x.nodeIds).filter((n) => scoOf.has(n));
    const nodes = named.length
      ? [...new Set(named)]
      : v.identifiers
          .filter((i) => i.members >= 2 && ["device", "address", "ip"].includes(i.kind))
          .map((i) => i.nodeId);
    const farm = sdo("infrastructure", "laptop-farm", {
      name: `Suspected laptop farm behind case ${c.id}`,
      description:
        farmReasons.map((x) => `${x.title}: ${x.explanation}`).join(" ") ||
        "Several applications share devices, shipping addresses or network addresses in the way a laptop farm does.",
      infrastructure_types: ["workstation"],
    });
    objects.push(farm);
    for (const n of nodes) {
      const target = scoOf.get(n)!;
      // consists-of is suggested for core observables only; a custom one is related-to the farm.
      if (target.startsWith(`${IDENTIFIER_SCO}--`))
        relate("related-to", farm.id, target, "part of the suspected laptop farm");
      else relate("consists-of", farm.id, target);
      const ind = indicatorOf.get(n);
      if (ind) relate("indicates", ind, farm.id);
    }
  }

  const groupingId = sdoId("grouping", "case");
  if (v.notesMd && v.notesMd.trim())
    objects.push(
      sdo("note", "case-notes", {
        abstract: `Case notes of ${c.id}`,
        content: v.notesMd,
        authors: [c.created_by],
        object_refs: [groupingId],
      }),
    );

  objects.push(...relationships);
  const refs = objects
    .filter((o) => o.type !== "marking-definition" && o.type !== "extension-definition")
    .map((o) => o.id);
  objects.push({
    ...sdo("grouping", "case", {
      name: `Case ${c.id}: ${c.title}`,
      description: [
        `${v.members.length} job applications linked by shared identifiers.`,
        c.risk_score !== null ? `Risk score ${c.risk_score} (${c.risk_level}).` : "",
        c.patterns.length ? `Patterns: ${c.patterns.map((p) => p.replace(/_/g, " ")).join(", ")}.` : "",
        ...v.reasons.map((x) => `${x.title}: ${x.explanation}`),
      ]
        .filter(Boolean)
        .join(" "),
      context: "suspicious-activity",
      object_refs: refs,
      external_references: [
        { source_name: "ringscope-case", external_id: c.id },
        ...(c.cluster_id ? [{ source_name: "ringscope-cluster", external_id: `${c.run_id}/${c.cluster_id}` }] : []),
      ],
    }),
    id: groupingId,
  });
  return {
    type: "bundle",
    id: `bundle--${nameBasedUuid4(ns, `${profile}|${c.id}|bundle|${input.exportId}`)}`,
    objects,
  };
}
