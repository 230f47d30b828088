/**
 * TLP 2.0 markings
 * ================
 *
 * The Traffic Light Protocol 2.0 levels and their STIX 2.1 marking-definition objects as published by
 * OASIS (the TLP 2.0 extension definition and its five predefined markings, created by FIRST).
 */
export const TLP_LEVELS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

export const TLP_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

const IDS: Record<TlpLevel, string> = {
  clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** The marking-definition object for a level, as the TLP 2.0 extension defines it. */
export function tlpMarking(level: TlpLevel): Record<string, unknown> {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: IDS[level],
    created: "2022-10-01T00:00:00.000Z",
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: level } },
  };
}

export function tlpMarkingId(level: TlpLevel): string {
  return IDS[level];
}

/** What each level means for whoever receives the package (FIRST's TLP 2.0 definitions, shortened). */
export const TLP_MEANING: Record<TlpLevel, string> = {
  clear: "Recipients can spread this to the world; there is no limit on disclosure.",
  green: "Recipients can share this with peers and partner organisations within their community, not publicly.",
  amber: "Recipients may share this only on a need-to-know basis within their organisation and its clients.",
  "amber+strict": "Recipients may share this only on a need-to-know basis within their own organisation.",
  red: "For the eyes and ears of individual recipients only; no further disclosure.",
};
