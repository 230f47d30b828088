/**
 * How people type their identifiers
 * =================================
 *
 * One identity, many spellings: e-mail addresses with Gmail dots, `+tags` and letter case, LinkedIn URLs
 * with and without `www.`, country subdomains, tracking queries and trailing slashes, shipping addresses
 * with "Street"/"St."/"ST", "Apt 4"/"#4"/"Apartment 4", names in another order or without accents. Every
 * variant produced here has the same normal form as the canonical value (server/normalise/*), which the
 * seed tests check: that is what lets detection link a repeat applicant or a laptop-farm address.
 */
import { nameKey } from "../server/normalise/name.js";
import { US_STATE_NAMES, type CountryCode } from "./data/places.js";
import { asciiFold } from "./data/names.js";
import type { Rng } from "../server/common/rng.js";

// ---------------------------------------------------------------- e-mail

const GMAIL = new Set(["gmail.com", "googlemail.com"]);
const TAGGABLE = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "protonmail.com",
]);
const TAGS = ["jobs", "careers", "apply", "work", "linkedin", "indeed", "resume", "2026"];

/**
 * A spelling of `email` with the same normal form: `true` allows Gmail dots, `+tags` and case changes (a
 * person filling many forms), `"case"` only capitalisation, `false` the address as it is.
 */
export function typeEmail(rng: Rng, email: string, vary: boolean | "case"): string {
  if (!vary) return email;
  let [local, domain] = email.split("@") as [string, string];
  if (vary === "case") return rng.chance(0.7) ? `${capitalise(local)}@${domain}` : ` ${local}@${domain}`;
  if (GMAIL.has(domain)) {
    if (rng.chance(0.3)) local = local.replaceAll(".", "");
    else if (rng.chance(0.25) && local.length > 3 && !local.includes(".")) {
      const i = rng.int(1, local.length - 2);
      local = `${local.slice(0, i)}.${local.slice(i)}`;
    }
    if (domain === "gmail.com" && rng.chance(0.08)) domain = "googlemail.com";
  }
  if (TAGGABLE.has(domain) && rng.chance(0.2)) local = `${local}+${rng.pick(TAGS)}`;
  const r = rng.float();
  if (r < 0.15) local = capitalise(local);
  else if (r < 0.2) return ` ${local}@${domain.toUpperCase()}`;
  return `${local}@${domain}`;
}

/** "jane.doe" -> "Jane.Doe". */
function capitalise(local: string): string {
  return local.replace(/(^|[._])([a-z])/g, (_m, p: string, ch: string) => p + ch.toUpperCase());
}

// ---------------------------------------------------------------- profiles

export function typeLinkedIn(rng: Rng, handle: string, subdomain: string, vary = true): string {
  if (!vary) return `https://www.linkedin.com/in/${handle}/`;
  const h = rng.chance(0.1)
    ? handle.replace(/(^|-)([a-z])/g, (_m, p: string, ch: string) => p + ch.toUpperCase())
    : handle;
  const sub = subdomain === "www" ? "www" : rng.chance(0.5) ? subdomain : "www";
  return rng.weighted<string>([
    [`https://www.linkedin.com/in/${h}/`, 30],
    [`https://www.linkedin.com/in/${h}`, 20],
    [`linkedin.com/in/${h}`, 12],
    [`www.linkedin.com/in/${h}`, 8],
    [`https://${sub}.linkedin.com/in/${h}`, 8],
    [`${sub === "www" ? "www" : sub}.linkedin.com/in/${h}/`, 4],
    [`https://www.linkedin.com/in/${h}?trk=public_profile_browsemap`, 6],
    [`linkedin.com/in/${h}?utm_source=share&utm_medium=member_desktop`, 6],
    [`http://linkedin.com/in/${h}/`, 3],
    [`https://www.linkedin.com/in/${h}/?originalSubdomain=${subdomain === "www" ? "us" : subdomain}`, 3],
  ]);
}

export function typeGitHub(rng: Rng, handle: string, vary = true): string {
  if (!vary) return `https://github.com/${handle}`;
  return rng.weighted<string>([
    [`https://github.com/${handle}`, 45],
    [`github.com/${handle}`, 25],
    [`https://github.com/${handle}/`, 15],
    [`https://www.github.com/${handle}`, 5],
    [`https://github.com/${handle}?tab=repositories`, 10],
  ]);
}

// ---------------------------------------------------------------- addresses

export interface AddressParts {
  country: CountryCode;
  number: string;
  /** N / S / E / W or "" (US, CA). */
  predir: string;
  street: string;
  streetType: string;
  /** "Apt" | "Unit" | "Suite" | "Flat" | "" */
  unitType: string;
  unit: string;
  city: string;
  region: string;
  postal: string;
}

const US_TYPE_ABBR: Record<string, string[]> = {
  Street: ["St", "St.", "Street", "ST", "Str"],
  Avenue: ["Ave", "Ave.", "Avenue", "AVE", "Av"],
  Road: ["Rd", "Rd.", "Road"],
  Drive: ["Dr", "Dr.", "Drive"],
  Lane: ["Ln", "Ln.", "Lane"],
  Court: ["Ct", "Ct.", "Court"],
  Place: ["Pl", "Pl.", "Place"],
  Boulevard: ["Blvd", "Blvd.", "Boulevard"],
  Way: ["Way"],
  Terrace: ["Ter", "Terrace"],
  Circle: ["Cir", "Circle"],
};
const DIR_WORD: Record<string, string> = { N: "North", S: "South", E: "East", W: "West" };
const UNIT_FORMS: Record<string, ((u: string) => string)[]> = {
  Apt: [
    (u) => `Apt ${u}`,
    (u) => `Apt. ${u}`,
    (u) => `#${u}`,
    (u) => `Apartment ${u}`,
    (u) => `Apt #${u}`,
    (u) => `APT ${u}`,
  ],
  Unit: [(u) => `Unit ${u}`, (u) => `UNIT ${u}`, (u) => `unit ${u}`],
  Suite: [(u) => `Suite ${u}`, (u) => `Ste ${u}`, (u) => `Ste. ${u}`, (u) => `STE ${u}`],
};

/** The canonical one-line form (how the address "really" reads). */
export function formatAddress(a: AddressParts): string {
  return typeAddress(null, a);
}

/**
 * One spelling of the address. With an rng, US/CA addresses vary abbreviations, unit notation, case,
 * punctuation, a spelled-out state and a trailing country; other countries vary case and punctuation only
 * (the shared normaliser folds those). Without an rng, the canonical form.
 */
export function typeAddress(rng: Rng | null, a: AddressParts): string {
  if (a.country === "US" || a.country === "CA") return typeNorthAmerican(rng, a);
  const canonical = foreignAddress(a);
  if (!rng) return canonical;
  const r = rng.float();
  if (r < 0.55) return canonical;
  if (r < 0.7) return canonical.toLowerCase();
  if (r < 0.8 && !/ß/.test(canonical)) return canonical.toUpperCase();
  if (r < 0.92) return canonical.replaceAll(",", "");
  return canonical.replaceAll(", ", ",  ");
}

function typeNorthAmerican(rng: Rng | null, a: AddressParts): string {
  const pick = <T>(xs: readonly T[], canonicalIndex = 0): T => (rng ? rng.pick(xs) : xs[canonicalIndex]!);
  const chance = (p: number) => (rng ? rng.chance(p) : false);
  const dir = a.predir ? (chance(0.3) ? DIR_WORD[a.predir]! : chance(0.2) ? `${a.predir}.` : a.predir) : "";
  const type = rng ? pick(US_TYPE_ABBR[a.streetType] ?? [a.streetType]) : a.streetType;
  const street = [a.number, dir, a.street, type].filter(Boolean).join(" ");
  const unit = a.unitType ? pick(UNIT_FORMS[a.unitType] ?? [(u: string) => `${a.unitType} ${u}`])(a.unit) : "";
  const stateName = a.country === "US" ? US_STATE_NAMES[a.region] : undefined;
  const region = stateName && chance(0.2) ? stateName : a.region;
  const sep = rng ? pick([", ", ", ", ", ", " ", ",  "]) : ", ";
  const unitSep = rng ? pick([" ", ", ", " "]) : " ";
  let line = `${street}${unit ? unitSep + unit : ""}${sep}${a.city}${sep}${region} ${a.postal}`;
  // The normaliser drops a trailing United States, not other countries: only US lines get one.
  if (a.country === "US" && chance(0.12)) line += pick([", USA", " USA", ", United States", ", US"]);
  if (!rng) return line;
  const r = rng.float();
  if (r < 0.12) return line.toUpperCase();
  if (r < 0.22) return line.toLowerCase();
  return line;
}

function foreignAddress(a: AddressParts): string {
  switch (a.country) {
    case "GB":
      return `${a.unit ? `Flat ${a.unit}, ` : ""}${a.number} ${a.street} ${a.streetType}, ${a.city} ${a.postal}`;
    case "IN":
      return `${a.unit ? `Flat ${a.unit}, ` : ""}${a.number}, ${a.street} ${a.streetType}, ${a.city}, ${a.region} ${a.postal}`;
    case "DE":
      return `${a.street}${a.streetType} ${a.number}${a.unit ? ` (WE ${a.unit})` : ""}, ${a.postal} ${a.city}`;
    case "FR":
      return `${a.number} ${a.streetType} ${a.street}${a.unit ? `, Apt ${a.unit}` : ""}, ${a.postal} ${a.city}`;
    case "AU":
      return `${a.unit ? `${a.unit}/` : ""}${a.number} ${a.street} ${a.streetType}, ${a.city} ${a.region} ${a.postal}`;
    case "BR":
      return `${a.streetType} ${a.street}, ${a.number}${a.unit ? `, Apto ${a.unit}` : ""}, ${a.city} - ${a.region}, ${a.postal}`;
    case "PL":
      return `${a.streetType} ${a.street} ${a.number}${a.unit ? `/${a.unit}` : ""}, ${a.postal} ${a.city}`;
    default:
      return `${a.number} ${a.street} ${a.streetType}, ${a.city}`;
  }
}

// ---------------------------------------------------------------- names

/**
 * A spelling of a full name with the same name key (server/normalise/name.ts folds case, accents,
 * punctuation and word order): "José García", "jose garcia", "GARCIA, José", "García José".
 */
export function typeName(rng: Rng, given: string, family: string, familyFirst: boolean, vary: boolean): string {
  const natural = familyFirst && rng.chance(0.5) ? `${family} ${given}` : `${given} ${family}`;
  if (!vary) return natural;
  const typed = rng.weighted<string>([
    [natural, 60],
    [`${given} ${family}`, 10],
    [`${family}, ${given}`, 8],
    [asciiFold(`${given} ${family}`), 8],
    [`${given} ${family}`.toLowerCase(), 6],
    [`${given} ${family.toUpperCase()}`, 4],
    [` ${given}  ${family} `, 4],
  ]);
  // Letters the name key does not fold (Turkish dotless i, apostrophes) would change the key: keep the natural form.
  return nameKey(typed) === nameKey(natural) ? typed : natural;
}
