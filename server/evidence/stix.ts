/**
 * STIX 2.1 bundle
 * ===============
 *
 * Maps a case to STIX 2.1: the exporting organisation and each applicant as `identity`; emails as
 * `email-addr`, IPs as `ipv4-addr`/`ipv6-addr`, profiles as `url`, and phones, devices, addresses and
 * payment accounts as a custom `x-ringscope-identifier` SCO declared by an `extension-definition`
 * (STIX has no core object for them); a laptop farm as `infrastructure` consisting of its shared
 * identifiers; an `indicator` with a STIX pattern for each identifier shared inside the case whose value
 * leaves unredacted (or as an IP network); `relationship`s between them; a `grouping` for the case; and
 * the TLP 2.0 marking chosen at export on every object.
 *
 * Ids are deterministic: SDOs/SROs are UUIDv5 of (case id, object key); SCOs follow the STIX rule
 * (UUIDv5 under the STIX namespace of their id-contributing properties), so re-exports keep every id
 * and two recipients deduplicate the same email or IP.
 */
import { canonicalJson } from "../audit/canonical-json.js";
import type { CaseIdentifier, CaseMember } from "../cases/case-view.js";
import type { CaseRecord } from "../cases/types.js";
import type { IdentifierKind } from "../normalise/types.js";
import { textRedactor } from "./dossier.js";
import type { Redactor } from "./redaction.js";
import { tlpMarking, tlpMarkingId, type TlpLevel } from "./tlp.js";
import { RINGSCOPE_NAMESPACE, STIX_SCO_NAMESPACE, uuidv5 } from "./uuid.js";

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixInput {
  case: CaseRecord;
  members: CaseMember[];
  identifiers: CaseIdentifier[];
  organisation: string;
  exportedAt: string;
  tlp: TlpLevel;
  redactor: Redactor;
  notes: string | null;
}

const ORG_EPOCH = "2020-01-01T00:00:00.000Z";
export const IDENTIFIER_SCO = "x-ringscope-identifier";

/** Milliseconds always present, as STIX timestamps for created/modified should be. */
export function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

/** Quotes a string for a STIX pattern: backslashes and single quotes escaped. */
export function patternString(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function extensionDefinitionId(): string {
  return `extension-definition--${uuidv5(RINGSCOPE_NAMESPACE, `extension|${IDENTIFIER_SCO}`)}`;
}

export function organisationId(name: string): string {
  return `identity--${uuidv5(RINGSCOPE_NAMESPACE, `organisation|${name}`)}`;
}

function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

interface ScoChoice {
  object: Record<string, unknown> & { type: string };
  contributing: Record<string, unknown>;
  /** The STIX pattern for an indicator, when the value leaves in a form worth matching on. */
  pattern: string | null;
}

/** The SCO for one identifier as this export shows it. */
function identifierSco(i: CaseIdentifier, r: Redactor): ScoChoice {
  const value = r.identifier(i.kind, i.key, i.props);
  const mode = r.mode(i.kind);
  const custom = (): ScoChoice => ({
    object: { type: IDENTIFIER_SCO, kind: i.kind, value, redaction: mode },
    contributing: { kind: i.kind, value },
    pattern:
      mode === "full"
        ? `[${IDENTIFIER_SCO}:kind = ${patternString(i.kind)} AND ${IDENTIFIER_SCO}:value = ${patternString(value)}]`
        : null,
  });
  switch (i.kind as IdentifierKind) {
    case "email": {
      // A pseudonym is not an address: keep the object valid with a reserved, never-resolving domain.
      const v = mode === "pseudonym" ? `${value}@redacted.invalid` : value;
      return {
        object: { type: "email-addr", value: v },
        contributing: { value: v },
        pattern: mode === "full" ? `[email-addr:value = ${patternString(v)}]` : null,
      };
    }
    case "ip": {
      if (mode === "pseudonym") return custom();
      const type = i.props.version === 6 || value.includes(":") ? "ipv6-addr" : "ipv4-addr";
      const op = mode === "masked" ? "ISSUBSET" : "=";
      return {
        object: { type, value },
        contributing: { value },
        pattern: `[${type}:value ${op} ${patternString(value)}]`,
      };
    }
    case "profile": {
      if (mode === "pseudonym") return custom();
      const v = /^https?:\/\//.test(value) ? value : `https://${value}`;
      return {
        object: { type: "url", value: v },
        contributing: { value: v },
        pattern: mode === "full" ? `[url:value = ${patternString(v)}]` : null,
      };
    }
    default:
      return custom();
  }
}

export function buildStixBundle(
  input: StixInput,
  exportId: string,
): { type: "bundle"; id: string; objects: StixObject[] } {
  const r = input.redactor;
  // Free text (title, detection reasons, notes) may quote identifier values and names: redact it here too,
  // whatever the caller passed.
  const redactText = textRedactor(input, r);
  const c: CaseRecord = {
    ...input.case,
    title: redactText(input.case.title),
    reasons: input.case.reasons.map((x) => ({ ...x, text: redactText(x.text) })),
  };
  const notes = input.notes === null ? null : redactText(input.notes);
  const created = stixTime(c.created_at);
  const modified = stixTime(input.exportedAt);
  const marking = tlpMarkingId(input.tlp);
  const org = organisationId(input.organisation);
  const sdoId = (type: string, key: string) => `${type}--${uuidv5(RINGSCOPE_NAMESPACE, `${c.id}|${type}|${key}`)}`;
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

  objects.push(tlpMarking(input.tlp) as StixObject);
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
    id: extensionDefinitionId(),
    spec_version: "2.1",
    created: ORG_EPOCH,
    modified: ORG_EPOCH,
    created_by_ref: org,
    name: "Ringscope identifier",
    description:
      "A new SCO for identifiers STIX has no core object for (phone numbers, device fingerprints, shipping addresses, payment accounts), and for redacted values. Properties: kind (email, phone, ip, device, profile, address, payment), value (the normal form, or its masked or pseudonymised form), redaction (full, masked, pseudonym).",
    schema: "https://github.com/ringscope/ringscope/blob/main/README.md#stix-identifier-extension",
    version: "1.0.0",
    extension_types: ["new-sco"],
  });

  // Identifiers as SCOs.
  const scoOf = new Map<string, string>();
  const seen = new Set<string>();
  const indicatorOf = new Map<string, string>();
  for (const i of input.identifiers) {
    const choice = identifierSco(i, r);
    const id = scoId(choice.object.type, choice.contributing);
    scoOf.set(i.ref, id);
    if (seen.has(id)) continue; // two normal forms masked alike share one SCO (and one indicator)
    seen.add(id);
    const extensions =
      choice.object.type === IDENTIFIER_SCO
        ? { extensions: { [extensionDefinitionId()]: { extension_type: "new-sco" } } }
        : {};
    objects.push({ ...choice.object, id, ...common, ...extensions });
    if (i.members >= 2 && choice.pattern) {
      const ind = sdo("indicator", i.ref, {
        name: `${i.kind} shared by ${i.members} applications in case ${c.id}`,
        description: `This ${i.kind} is used by ${i.members} of the case's applications (${i.used_by} in the whole database)${i.common_infrastructure ? "; detection judged it common infrastructure, so it is context rather than a link" : ""}.`,
        indicator_types: ["anomalous-activity"],
        pattern: choice.pattern,
        pattern_type: "stix",
        pattern_version: "2.1",
        valid_from: created,
      });
      objects.push(ind);
      indicatorOf.set(i.ref, ind.id);
      relate("based-on", ind.id, id);
    }
  }

  // Applicants.
  for (const m of input.members) {
    const name = typeof m.full_name === "string" && m.full_name ? r.name(m.full_name) : "";
    const person = sdo("identity", `application|${m.id}`, {
      name: name ? `Applicant ${m.id} (${name})` : `Applicant ${m.id}`,
      identity_class: "individual",
      description: `The person named on job application ${m.id}${typeof m.submitted_at === "string" ? `, submitted ${m.submitted_at}` : ""}. The name may be a persona or a stolen identity.`,
      external_references: [{ source_name: "ringscope-application", external_id: m.id }],
    });
    objects.push(person);
    for (const ref of m.identifiers) {
      const target = scoOf.get(ref);
      if (target) relate("related-to", person.id, target, "given in the application");
    }
  }

  // Laptop farms: the identifiers the detection reasons name for the pattern, else the shared devices and addresses.
  if (c.patterns.includes("laptop_farm")) {
    const farmReasons = c.reasons.filter((x) => x.code.includes("laptop_farm"));
    const named = farmReasons.flatMap((x) => x.identifiers).filter((ref) => scoOf.has(ref));
    const refs = named.length
      ? [...new Set(named)]
      : input.identifiers
          .filter((i) => i.members >= 2 && (i.kind === "device" || i.kind === "address" || i.kind === "ip"))
          .map((i) => i.ref);
    const farm = sdo("infrastructure", "laptop-farm", {
      name: `Suspected laptop farm behind case ${c.id}`,
      description:
        farmReasons.map((x) => x.text).join(" ") ||
        "Several applications share devices, shipping addresses or network addresses in the way a laptop farm does.",
      infrastructure_types: ["workstation"],
    });
    objects.push(farm);
    for (const ref of refs) {
      relate("consists-of", farm.id, scoOf.get(ref)!);
      const ind = indicatorOf.get(ref);
      if (ind) relate("indicates", ind, farm.id);
    }
  }

  if (notes)
    objects.push(
      sdo("note", "case-notes", {
        abstract: `Case notes of ${c.id}`,
        content: notes,
        authors: [c.created_by],
        object_refs: [sdoId("grouping", "case")],
      }),
    );

  objects.push(...relationships);
  const refs = objects
    .filter((o) => o.type !== "marking-definition" && o.type !== "extension-definition")
    .map((o) => o.id);
  objects.push(
    sdo("grouping", "case", {
      name: `Case ${c.id}: ${c.title}`,
      description: [
        `${input.members.length} job applications linked by shared identifiers.`,
        c.risk_score !== null ? `Risk score ${c.risk_score} (${c.risk_level}).` : "",
        c.patterns.length ? `Patterns: ${c.patterns.join(", ")}.` : "",
        ...c.reasons.map((x) => x.text),
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
  );
  return { type: "bundle", id: `bundle--${uuidv5(RINGSCOPE_NAMESPACE, `${c.id}|bundle|${exportId}`)}`, objects };
}
