/**
 * Shipping-address normal form
 * ============================
 *
 * Case, accents, punctuation and white space folded; common USPS abbreviations (Publication 28) and
 * US state names unified; `#` read as a unit number. "123 Main Street, Apt. 4" and "123 main st #4"
 * have one key. A trailing country name for the United States is dropped. A state name counts as a
 * state only where a state stands (the end, before ZIP and country), never as part of a street name.
 */
import type { NormalisedIdentifier } from "../common/identifiers.js";

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
const COUNTRY_SUFFIXES = ["united states of america", "united states", "usa", "us", "canada"].map((c) => c.split(" "));

/** How many words at the end of `tokens` make `suffix` (0 when it is not there or is all there is). */
function tailLength(tokens: string[], end: number, suffix: string[]): number {
  if (end <= suffix.length) return 0;
  return suffix.every((w, i) => tokens[end - suffix.length + i] === w) ? suffix.length : 0;
}

/**
 * Splits an address's words into the body and a trailing postal code; a trailing country for the United
 * States (or Canada) is dropped.
 */
function splitTail(words: string[]): { body: string[]; zip: string[] } {
  let end = words.length;
  for (const country of COUNTRY_SUFFIXES) {
    const n = tailLength(words, end, country);
    if (n) {
      end -= n;
      break;
    }
  }
  // A postal code: one or two words with digits (62701, 62701-1234, M5V 2T6), not a short unit number.
  const postal = (w: string | undefined) => w !== undefined && w.length >= 3 && /\d/.test(w);
  let zipStart = end;
  while (zipStart > 0 && end - zipStart < 2 && postal(words[zipStart - 1])) zipStart--;
  return { body: words.slice(0, zipStart), zip: words.slice(zipStart, end) };
}

/**
 * The state of a US address stands at the end of its body (before the ZIP code and country). A state
 * name is read as a state only there, and only after something other than a house number: in
 * "Washington Pl, Denver" or "1600 Pennsylvania Ave" the name is a street's, and stays a word.
 * Returns the body with the state abbreviated and the index of the state word (-1 when none).
 */
function abbreviateState(body: string[]): { body: string[]; at: number } {
  const n = body.length;
  const readable = (start: number) => start > 0 && !/^\d+$/.test(body[start - 1]!);
  const two = n >= 2 && readable(n - 2) ? TWO_WORD_STATES[`${body[n - 2]} ${body[n - 1]}`] : undefined;
  if (two) return { body: [...body.slice(0, n - 2), two], at: n - 2 };
  const one = n >= 1 && readable(n - 1) ? STATES[body[n - 1]!] : undefined;
  if (one) return { body: [...body.slice(0, n - 1), one], at: n - 1 };
  return { body, at: -1 };
}

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
  const { body, zip } = splitTail(s.split(" ").filter(Boolean));
  const state = abbreviateState(body);
  const words = state.body.map((t, i) => (i === state.at ? t : (WORDS[t] ?? t)));
  // "apt apt 4" arises from "Apt #4".
  return [...words, ...zip].join(" ").replace(/\bapt( apt)+\b/g, "apt");
}

export function normaliseAddress(raw: string): NormalisedIdentifier | null {
  const key = addressKey(raw);
  return key ? { kind: "address", key, props: { sample: raw.trim() }, links: true } : null;
}

const STATE_CODES: ReadonlySet<string> = new Set([...Object.values(STATES), ...Object.values(TWO_WORD_STATES)]);

/**
 * The US state of a shipping address, as a two-letter code: the state word before a five-digit ZIP code
 * ("… Denver, CO 80211"); null without a ZIP code (a trailing "Ct" or "NE" may be a street's) or outside
 * the US.
 */
export function addressState(raw: string): string | null {
  const { body, zip } = splitTail(addressKey(raw).split(" ").filter(Boolean));
  const last = body[body.length - 1];
  return body.length >= 2 && last !== undefined && STATE_CODES.has(last) && /^\d{5}$/.test(zip[0] ?? "") ? last : null;
}

/** The US state a claimed location names after its last comma ("Detroit, MI", "Austin, Texas"); null if none. */
export function claimedState(raw: string): string | null {
  const parts = raw.split(",");
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1]!.toLowerCase()
    .replace(/[^a-z ]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
  const code = TWO_WORD_STATES[last] ?? STATES[last] ?? last;
  return STATE_CODES.has(code) ? code : null;
}
