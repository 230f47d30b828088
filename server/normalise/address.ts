/**
 * Shipping-address normal form
 * ============================
 *
 * Case, accents, punctuation and white space folded; common USPS abbreviations (Publication 28) and
 * US state names unified; `#` read as a unit number. "123 Main Street, Apt. 4" and "123 main st #4"
 * have one key. A trailing country name for the United States is dropped.
 */
import type { NormalisedIdentifier } from "./types.js";

const WORDS: Record<string, string> = {
  street: "st",
  str: "st",
  avenue: "ave",
  av: "ave",
  road: "rd",
  boulevard: "blvd",
  drive: "dr",
  lane: "ln",
  court: "ct",
  place: "pl",
  square: "sq",
  terrace: "ter",
  parkway: "pkwy",
  highway: "hwy",
  circle: "cir",
  trail: "trl",
  way: "way",
  apartment: "apt",
  suite: "ste",
  unit: "unit",
  building: "bldg",
  floor: "fl",
  room: "rm",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  mount: "mt",
  saint: "st",
  fort: "ft",
  number: "apt",
  no: "apt",
};

const STATES: Record<string, string> = {
  alabama: "al",
  alaska: "ak",
  arizona: "az",
  arkansas: "ar",
  california: "ca",
  colorado: "co",
  connecticut: "ct",
  delaware: "de",
  florida: "fl",
  georgia: "ga",
  hawaii: "hi",
  idaho: "id",
  illinois: "il",
  indiana: "in",
  iowa: "ia",
  kansas: "ks",
  kentucky: "ky",
  louisiana: "la",
  maine: "me",
  maryland: "md",
  massachusetts: "ma",
  michigan: "mi",
  minnesota: "mn",
  mississippi: "ms",
  missouri: "mo",
  montana: "mt",
  nebraska: "ne",
  nevada: "nv",
  ohio: "oh",
  oklahoma: "ok",
  oregon: "or",
  pennsylvania: "pa",
  tennessee: "tn",
  texas: "tx",
  utah: "ut",
  vermont: "vt",
  virginia: "va",
  washington: "wa",
  wisconsin: "wi",
  wyoming: "wy",
};
const TWO_WORD_STATES: Record<string, string> = {
  "new hampshire": "nh",
  "new jersey": "nj",
  "new mexico": "nm",
  "new york": "ny",
  "north carolina": "nc",
  "north dakota": "nd",
  "rhode island": "ri",
  "south carolina": "sc",
  "south dakota": "sd",
  "west virginia": "wv",
  "district of columbia": "dc",
};
const TWO_WORD_STATE_PATTERNS: [RegExp, string][] = Object.entries(TWO_WORD_STATES).map(([name, abbr]) => [
  new RegExp(`\\b${name}\\b`, "g"),
  abbr,
]);
const COUNTRY_SUFFIXES = ["united states of america", "united states", "usa", "us", "canada"];

export function addressKey(raw: string): string {
  let s = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss");
  s = s
    .replace(/#\s*/g, " apt ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const [pattern, abbr] of TWO_WORD_STATE_PATTERNS) s = s.replace(pattern, abbr);
  let tokens = s.split(" ").filter(Boolean);
  tokens = tokens.map((t) => WORDS[t] ?? STATES[t] ?? t);
  let joined = tokens.join(" ");
  for (const suffix of COUNTRY_SUFFIXES) {
    if (joined.endsWith(` ${suffix}`)) {
      joined = joined.slice(0, -suffix.length - 1);
      break;
    }
  }
  // "apt apt 4" arises from "Apt #4".
  return joined.replace(/\bapt( apt)+\b/g, "apt");
}

export function normaliseAddress(raw: string): NormalisedIdentifier | null {
  const key = addressKey(raw);
  return key ? { kind: "address", key, props: { sample: raw.trim() }, links: true } : null;
}
