/**
 * columns.md
 * ==========
 *
 * The package's description of every CSV column, written next to the CSVs. A unit test checks that
 * every column of every CSV header is described here, so a new column cannot ship undocumented.
 */
import { APPLICATION_COLUMNS, IDENTIFIER_COLUMNS, KIND_COLUMNS, LINK_COLUMNS } from "./csv-files.js";
import type { FileStamp } from "./graph-files.js";

const KIND_WORDS: Record<string, string> = {
  emails: "email addresses",
  phones: "phone numbers (E.164 when valid)",
  ips: "IP addresses",
  devices: "device fingerprints",
  profiles: "professional profile URLs (LinkedIn, GitHub, GitLab)",
  addresses: "shipping addresses",
  payment_accounts: "payroll / payment account tokens",
};

export const COLUMN_DESCRIPTIONS: Record<string, string> = {
  application_id: "The employer's own application id (never redacted: needed to act on the package).",
  submitted_at: "When the application was submitted (ISO 8601, UTC).",
  full_name: "The applicant's name as shown in this export (full, initials, or a pseudonym).",
  ...Object.fromEntries(
    Object.values(KIND_COLUMNS).flatMap((c) => [
      [
        c,
        `The applicant's ${KIND_WORDS[c]} in normal form (the form links are computed on), as shown in this export; several are separated by |.`,
      ],
      [
        `${c}_as_typed`,
        `The same ${KIND_WORDS[c]} as the applicant typed them, as shown in this export (redacted like the normal form); several are separated by |.`,
      ],
    ]),
  ),
  claimed_country: "The country the applicant claims to live in (ISO 3166-1 alpha-2).",
  claimed_location: "The town or region the applicant claims, as shown in this export.",
  university: "Claimed university, as shown in this export.",
  degree: "Claimed degree, as shown in this export.",
  major: "Claimed major, as shown in this export.",
  graduation_date: "Claimed graduation date, as shown in this export.",
  job_id: "The job the application was for.",
  source: "Where the application came from (job board, referral …).",
  indicators:
    "What the application shows on its own (malformed_phone, voip_phone, phone_country_mismatch, …), separated by |.",
  pinned: "yes when an investigator pinned the application or identifier as key to the case.",
  identifiers_shared_in_case: "How many of the application's identifiers another application in the case also uses.",
  source_record_sha256:
    "SHA-256 of the record exactly as it was ingested (raw JSON), so the employer can match it to its own export.",
  node_id:
    "Opaque id of an identifier in this case (the same in identifiers.csv, links.csv, graph.graphml and graph.gexf, and in every export of the case); it reveals nothing about the value.",
  kind: "Identifier kind: email, phone, ip, device, profile, address or payment.",
  value: "The identifier's normal form as shown in this export (full, masked or pseudonym).",
  values_as_typed:
    "Every spelling applicants in the case typed for this identifier, as shown in this export; separated by |.",
  value_as_typed: "The spelling this applicant typed for the identifier, as shown in this export.",
  redaction: "How this kind of value is shown in this export: full, masked or pseudonym.",
  applications_in_case: "How many applications of the case use the identifier.",
  applications_in_database: "How many applications in the whole database use it.",
  common_infrastructure:
    "yes when detection judged it common infrastructure (too widely used to link people on its own).",
  detail:
    "Facts about the identifier that are not personal data: phone country and line type, IP version, profile platform, malformed.",
  relationship: "Always 'uses': the application gave or used the identifier.",
};

export function columnsMarkdown(stamp: FileStamp): string {
  const section = (file: string, cols: readonly string[]) => [
    `## ${file}`,
    "",
    "| column | meaning |",
    "|---|---|",
    ...cols.map((c) => `| \`${c}\` | ${COLUMN_DESCRIPTIONS[c] ?? "(undocumented)"} |`),
    "",
  ];
  return [
    `# Columns of the CSV files`,
    "",
    `TLP:${stamp.tlp.toUpperCase()} · case ${stamp.caseId} · export ${stamp.exportId}`,
    "",
    "RFC 4180, UTF-8 with a byte-order mark, CRLF line ends. A cell a spreadsheet would run as a formula",
    "(starting with =, @, a tab or carriage return, or + or - followed by anything but a number) starts",
    "with an apostrophe; phone numbers such as +12025551005 are kept as they are, in quotes.",
    "",
    ...section("applications.csv", APPLICATION_COLUMNS),
    ...section("identifiers.csv", IDENTIFIER_COLUMNS),
    ...section("links.csv", LINK_COLUMNS),
  ].join("\n");
}
