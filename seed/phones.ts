/**
 * Phone numbers
 * =============
 *
 * Numbering plans per country (US/CA/BR by area code, elsewhere mobile ranges), checked once against
 * libphonenumber's metadata at start so that generated numbers parse as valid; each plan maps person
 * serials to numbers through a `Bijection` (no two people share a number by accident). Numbers are
 * stored as national significant numbers (NSN) and typed per application in the formats people of that
 * country use, with the malformations public reporting describes for fraud ("+1" on a non-US number,
 * wrong digit counts, letters for digits).
 */
import { createRequire } from "node:module";

import { normalisePhone } from "../server/normalise/phone.js";
import { Bijection } from "./bijection.js";
import { COUNTRIES, type CountryCode } from "./data/places.js";
import { hashString, Rng } from "../server/common/rng.js";

export const CALLING_CODE: Readonly<Record<CountryCode, string>> = {
  US: "1",
  CA: "1",
  GB: "44",
  IN: "91",
  DE: "49",
  FR: "33",
  AU: "61",
  BR: "55",
  PL: "48",
};

/** One numbering group: NSN = prefix + one of subprefixes + `rest` digits. */
interface PhoneGroup {
  prefix: string;
  subprefixes: string[];
  rest: number;
  bijection: Bijection;
}

export interface PhonePlan {
  country: CountryCode;
  /** Keyed by area code (US/CA/BR) or "mobile". */
  groups: Map<string, PhoneGroup>;
}

const range = (from: number, to: number, width: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(width, "0"));

const require = createRequire(import.meta.url);
/** libphonenumber's own metadata: `countries[CC][11]` holds the per-type national-number patterns. */
const METADATA = require("libphonenumber-js/metadata.max.json") as { countries: Record<string, unknown[]> };

/** The pattern a generated number must match: mobile ranges, or fixed-line-or-mobile for NANP countries. */
function numberPattern(country: CountryCode): RegExp {
  const types = METADATA.countries[country]![11] as ([string] | 0)[];
  const fixed = (types[0] as [string])[0];
  const mobile = (types[1] as [string] | 0) ? (types[1] as [string])[0] : "";
  return new RegExp(`^(?:${mobile || fixed})$`);
}

/**
 * Sub-prefixes whose every continuation is a valid number: each candidate is probed with all 100 values
 * of the next two digits (and random tails), since the metadata's patterns never look deeper than that
 * past these prefixes. A number drawn under a kept sub-prefix therefore always parses as valid.
 */
function validSubprefixes(pattern: RegExp, prefix: string, candidates: string[], rest: number, rng: Rng): string[] {
  const max = Math.floor((2 ** 31 - 1) / 10 ** rest);
  const out: string[] = [];
  for (const sub of candidates) {
    let ok = true;
    for (let d = 0; d < 100 && ok; d++) {
      for (let k = 0; k < 2 && ok; k++) {
        ok = pattern.test(`${prefix}${sub}${String(d).padStart(2, "0")}${rng.digits(rest - 2)}`);
      }
    }
    if (ok) out.push(sub);
    if (out.length >= max) break;
  }
  return out;
}

const plans = new Map<CountryCode, PhonePlan>();

/** The numbering plan of a country, built and checked on first use (deterministic: fixed check stream). */
export function phonePlan(country: CountryCode): PhonePlan {
  const hit = plans.get(country);
  if (hit) return hit;
  const rng = Rng.of("phone-plan", country);
  const pattern = numberPattern(country);
  const groups = new Map<string, PhoneGroup>();
  const add = (key: string, prefix: string, candidates: string[], rest: number) => {
    const subprefixes = validSubprefixes(pattern, prefix, candidates, rest, rng);
    if (subprefixes.length === 0) return;
    const size = subprefixes.length * 10 ** rest;
    groups.set(key, { prefix, subprefixes, rest, bijection: new Bijection(size, hashString(`${country}:${key}`)) });
  };
  const info = COUNTRIES.find((x) => x.code === country)!;
  switch (country) {
    case "US":
    case "CA":
      for (const city of info.cities)
        for (const ac of city.areaCodes) if (!groups.has(ac)) add(ac, ac, range(20, 99, 2), 5);
      break;
    case "BR":
      for (const city of info.cities) for (const ddd of city.areaCodes) add(ddd, ddd, range(910, 999, 3), 6);
      break;
    case "GB":
      add("mobile", "7", range(100, 999, 3), 6);
      break;
    case "IN":
      add("mobile", "", range(6000, 9999, 4), 6);
      break;
    case "DE":
      add("mobile", "1", range(5000, 7999, 4), 6);
      break;
    case "FR":
      add("mobile", "", range(600, 799, 3), 6);
      break;
    case "AU":
      add("mobile", "4", range(0, 999, 3), 5);
      break;
    case "PL":
      add("mobile", "", range(450, 899, 3), 6);
      break;
  }
  if (groups.size === 0) throw new Error(`seed/phones: no valid numbering group for ${country}`);
  const plan = { country, groups };
  plans.set(country, plan);
  return plan;
}

/** The NSN of person `serial` in the group chosen by `groupKey` (area code or "mobile"). */
export function phoneNumberFor(plan: PhonePlan, groupKey: string, serial: number): string {
  const g = plan.groups.get(groupKey) ?? plan.groups.values().next().value!;
  const index = g.bijection.at(serial);
  const n = g.subprefixes.length;
  const sub = g.subprefixes[index % n]!;
  const rest = String(Math.floor(index / n)).padStart(g.rest, "0");
  return `${g.prefix}${sub}${rest}`;
}

/** Area codes / group keys a person in a city would have, with a fallback to any group of the country. */
export function phoneGroupFor(rng: Rng, plan: PhonePlan, cityAreaCodes: readonly string[]): string {
  const local = cityAreaCodes.filter((a) => plan.groups.has(a));
  if (local.length && rng.chance(0.8)) return rng.pick(local);
  return rng.pick([...plan.groups.keys()]);
}

const sp = (s: string, ...cuts: number[]) => {
  const out: string[] = [];
  let at = 0;
  for (const n of cuts) {
    out.push(s.slice(at, at + n));
    at += n;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
};

type Formatter = (nsn: string) => string;

/** Formats people type, with weights for honest applicants; `intl` marks those with a country code. */
const FORMATS: Record<CountryCode, { f: Formatter; w: number; intl?: boolean; plusOne?: boolean }[]> = {
  US: [
    { f: (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, w: 30 },
    { f: (n) => sp(n, 3, 3).join("-"), w: 25 },
    { f: (n) => sp(n, 3, 3).join("."), w: 8 },
    { f: (n) => n, w: 12 },
    { f: (n) => sp(n, 3, 3).join(" "), w: 8 },
    { f: (n) => `1-${sp(n, 3, 3).join("-")}`, w: 4 },
    { f: (n) => `1 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, w: 2 },
    { f: (n) => `+1 ${sp(n, 3, 3).join(" ")}`, w: 2, intl: true, plusOne: true },
    { f: (n) => `+1 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, w: 1.5, intl: true, plusOne: true },
    { f: (n) => `+1${n}`, w: 1.5, intl: true, plusOne: true },
  ],
  CA: [
    { f: (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, w: 30 },
    { f: (n) => sp(n, 3, 3).join("-"), w: 30 },
    { f: (n) => n, w: 10 },
    { f: (n) => sp(n, 3, 3).join(" "), w: 10 },
    { f: (n) => `1-${sp(n, 3, 3).join("-")}`, w: 5 },
    { f: (n) => `+1 ${sp(n, 3, 3).join(" ")}`, w: 5, intl: true, plusOne: true },
  ],
  GB: [
    { f: (n) => `0${n.slice(0, 4)} ${n.slice(4)}`, w: 45 },
    { f: (n) => `0${n}`, w: 20 },
    { f: (n) => `+44 ${n.slice(0, 4)} ${n.slice(4)}`, w: 20, intl: true },
    { f: (n) => `+44${n}`, w: 8, intl: true },
    { f: (n) => `+44 (0)${n.slice(0, 4)} ${n.slice(4)}`, w: 5, intl: true },
    { f: (n) => `0${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`, w: 2 },
  ],
  IN: [
    { f: (n) => `+91 ${n.slice(0, 5)} ${n.slice(5)}`, w: 35, intl: true },
    { f: (n) => n, w: 25 },
    { f: (n) => `+91-${n}`, w: 15, intl: true },
    { f: (n) => `+91${n}`, w: 10, intl: true },
    { f: (n) => `0${n}`, w: 8 },
    { f: (n) => `${n.slice(0, 5)} ${n.slice(5)}`, w: 7 },
  ],
  DE: [
    { f: (n) => `0${n.slice(0, 3)} ${n.slice(3)}`, w: 40 },
    { f: (n) => `+49 ${n.slice(0, 3)} ${n.slice(3)}`, w: 30, intl: true },
    { f: (n) => `0${n.slice(0, 3)}-${n.slice(3)}`, w: 10 },
    { f: (n) => `+49 (0)${n.slice(0, 3)} ${n.slice(3)}`, w: 10, intl: true },
    { f: (n) => `0${n}`, w: 10 },
  ],
  FR: [
    { f: (n) => `0${n[0]} ${sp(n.slice(1), 2, 2, 2).join(" ")}`, w: 50 },
    { f: (n) => `+33 ${n[0]} ${sp(n.slice(1), 2, 2, 2).join(" ")}`, w: 25, intl: true },
    { f: (n) => `0${n}`, w: 15 },
    { f: (n) => `+33${n}`, w: 10, intl: true },
  ],
  AU: [
    { f: (n) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, w: 50 },
    { f: (n) => `+61 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, w: 25, intl: true },
    { f: (n) => `0${n}`, w: 20 },
    { f: (n) => `+61${n}`, w: 5, intl: true },
  ],
  BR: [
    { f: (n) => `(${n.slice(0, 2)}) ${n.slice(2, 7)}-${n.slice(7)}`, w: 45 },
    { f: (n) => `+55 ${n.slice(0, 2)} ${n.slice(2, 7)}-${n.slice(7)}`, w: 25, intl: true },
    { f: (n) => `${n.slice(0, 2)} ${n.slice(2)}`, w: 15 },
    { f: (n) => `+55${n}`, w: 15, intl: true },
  ],
  PL: [
    { f: (n) => sp(n, 3, 3).join(" "), w: 45 },
    { f: (n) => `+48 ${sp(n, 3, 3).join(" ")}`, w: 35, intl: true },
    { f: (n) => sp(n, 3, 3).join("-"), w: 10 },
    { f: (n) => `+48${n}`, w: 10, intl: true },
  ],
};

export interface TypedPhone {
  text: string;
  plusOne: boolean;
}

export interface PhoneTyping {
  /** Only formats with a country code (the number's country differs from the claimed one, or none is claimed). */
  international?: boolean;
  /** Probability of choosing a "+1" format for a US/CA number (fraud personas: 0.4, per Amazon's CSO). */
  plusOne?: number;
}

/** The number as one applicant types it on one application. */
export function typePhone(rng: Rng, country: CountryCode, nsn: string, opts: PhoneTyping = {}): TypedPhone {
  let formats = FORMATS[country];
  if (opts.international) formats = formats.filter((x) => x.intl);
  else if (opts.plusOne !== undefined && formats.some((x) => x.plusOne)) {
    const wantPlus = rng.chance(opts.plusOne);
    formats = formats.filter((x) => Boolean(x.plusOne) === wantPlus);
  }
  const chosen = rng.weighted(formats.map((x) => [x, x.w] as const));
  return { text: chosen.f(nsn), plusOne: Boolean(chosen.plusOne) };
}

const LOOKALIKE_LETTER: Record<string, string> = { "0": "O", "1": "l", "5": "S", "8": "B" };

/**
 * A malformed rendering of the number: a dropped or doubled digit, a letter for a digit, or "+1" put in
 * front of a national format. Checked against the ingest normaliser, so it is flagged malformed for the
 * given claimed country.
 */
export function malformPhone(rng: Rng, country: CountryCode, nsn: string, claimed: string | undefined): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const typed = typePhone(rng, country, nsn).text;
    const kind = rng.int(0, 3);
    let out: string;
    if (kind === 0) {
      const i = lastDigitIndex(typed, rng);
      out = typed.slice(0, i) + typed.slice(i + 1);
    } else if (kind === 1) {
      const i = lastDigitIndex(typed, rng);
      out = typed.slice(0, i) + typed[i] + typed.slice(i);
    } else if (kind === 2) {
      out = typed.replace(/[0158]/, (d) => LOOKALIKE_LETTER[d]!);
      if (out === typed) continue;
    } else {
      out =
        country === "US" || country === "CA"
          ? `+1 ${typed.replace(/^\+?1[\s-]?/, "")}`.replace(/\d$/, "")
          : `+1 ${FORMATS[country][0]!.f(nsn)}`;
    }
    const n = normalisePhone(out, claimed);
    if (n && n.malformed) return out;
  }
  return `${typePhone(rng, country, nsn).text.slice(0, -2)}x`;
}

function lastDigitIndex(s: string, rng: Rng): number {
  const idx: number[] = [];
  for (let i = Math.floor(s.length / 2); i < s.length; i++) if (/\d/.test(s[i]!)) idx.push(i);
  return idx.length ? rng.pick(idx) : s.length - 1;
}

/** E.164 of an NSN, as the normaliser keys valid numbers. */
export function e164(country: CountryCode, nsn: string): string {
  return `+${CALLING_CODE[country]}${nsn}`;
}
