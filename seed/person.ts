/**
 * People
 * ======
 *
 * A person (an honest applicant, a family member, a fraud persona) is a pure function of the run seed and
 * a serial number: it can be regenerated whenever one of its applications is written, so nothing per
 * person stays in memory. Identifiers that would collide by chance between strangers (phone, home IP,
 * address, profile handles) come from `Bijection`s over the serial; device ids and payroll tokens are
 * 128/256-bit random values.
 */
import type { University } from "../server/common/reference/education.js";
import { Bijection, digitsOf } from "./bijection.js";
import { NAMES, slug, type Culture } from "./data/names.js";
import { COUNTRY, COUNTRIES, type City, type CountryCode, type CountryInfo } from "./data/places.js";
import { honestEducation, type EducationClaim } from "./education-claims.js";
import type { Infra } from "./infra.js";
import { phoneGroupFor, phoneNumberFor, phonePlan } from "./phones.js";
import { hashInts, hashString, Rng, WeightedTable } from "../server/common/rng.js";
import type { AddressParts } from "./typing.js";

export interface SeedContext {
  seed: number;
  startMs: number;
  untilMs: number;
  /** Latest graduation year an applicant may claim (students give their expected year). */
  maxGradYear: number;
  infra: Infra;
  linkedinTokens: Bijection;
  githubTokens: Bijection;
  addressSpaces: Map<CountryCode, AddressSpace>;
}

export interface Person {
  serial: number;
  id: string;
  culture: Culture;
  given: string;
  family: string;
  familyFirst: boolean;
  country: CountryCode;
  city: City;
  birthYear: number;
  email: string;
  altEmail: string | null;
  phoneCountry: CountryCode;
  phoneNsn: string;
  homeIp: string;
  ipv6: string | null;
  devices: string[];
  linkedin: string | null;
  github: string | null;
  portfolio: string | null;
  address: AddressParts;
  payment: string | null;
  education: EducationClaim | null;
}

export interface PersonOptions {
  culture?: Culture;
  country?: CountryCode;
  city?: City;
  family?: string;
  /** Campus look-alikes: a student of this school. */
  university?: University;
  student?: boolean;
  /** Probability of a LinkedIn profile (default 0.72). */
  pLinkedIn?: number;
  /** E-mail providers to use instead of the country's (fraud personas favour Outlook/Hotmail). */
  emailDomains?: readonly (readonly [string, number])[];
  /** A harmless education oddity. */
  educationOddity?: boolean;
  /** No education fields at all. */
  noEducation?: boolean;
}

const COUNTRY_TABLE = new WeightedTable(
  COUNTRIES.map((c) => c.code),
  COUNTRIES.map((c) => c.weight),
);

export function personId(serial: number): string {
  return `P-${String(serial).padStart(7, "0")}`;
}

/** An index into a name list, early entries more common (a mild Zipf shape: the first of 80 about 3%). */
function zipfIndex(rng: Rng, length: number): number {
  return Math.floor(length * Math.pow(rng.float(), 1.25));
}

export function pickCountry(rng: Rng): CountryCode {
  return COUNTRY_TABLE.pick(rng);
}

export function pickCity(rng: Rng, info: CountryInfo): City {
  return rng.weighted(info.cities.map((c) => [c, c.weight] as const));
}

// ---------------------------------------------------------------- addresses

/** Streets × types × house numbers × units of a country, indexed by a bijection over serials. */
export class AddressSpace {
  readonly radices: number[];
  readonly bijection: Bijection;

  constructor(
    readonly info: CountryInfo,
    seed: number,
  ) {
    const houses = info.code === "US" || info.code === "CA" ? 9900 : info.code === "BR" ? 2999 : 999;
    const units = info.code === "US" || info.code === "CA" ? 1 : info.code === "PL" ? 151 : 41;
    this.radices = [info.streets.length, info.streetTypes.length, houses, units];
    const size = this.radices.reduce((a, b) => a * b, 1);
    this.bijection = new Bijection(size, hashInts([seed, hashString(`address-${info.code}`)]));
  }

  address(rng: Rng, serial: number, city: City): AddressParts {
    const [s, t, h, u] = digitsOf(this.bijection.at(serial), this.radices) as [number, number, number, number];
    const code = this.info.code;
    const northAmerican = code === "US" || code === "CA";
    const unitNumber = northAmerican
      ? rng.chance(0.35)
        ? String(rng.int(1, 30)) + (rng.chance(0.2) ? rng.pick(["A", "B", "C"]) : "")
        : ""
      : u
        ? String(u)
        : "";
    return {
      country: code,
      number: String(northAmerican ? h + 100 : h + 1),
      predir: northAmerican && rng.chance(0.15) ? rng.pick(["N", "S", "E", "W"]) : "",
      street: this.info.streets[s]!,
      streetType: this.info.streetTypes[t]!,
      unitType: unitNumber
        ? northAmerican
          ? rng.weighted([
              ["Apt", 85],
              ["Unit", 10],
              ["Suite", 5],
            ] as const)
          : "Flat"
        : "",
      unit: unitNumber,
      city: city.name,
      region: city.region,
      postal: postalCode(rng, code, city),
    };
  }
}

const POSTAL_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

function postalCode(rng: Rng, code: CountryCode, city: City): string {
  const stems = city.postal.split(" ");
  const stem = rng.pick(stems);
  const letter = () => POSTAL_LETTERS[rng.int(0, POSTAL_LETTERS.length - 1)]!;
  switch (code) {
    case "US":
      return stem + rng.digits(2);
    case "GB":
      return `${stem} ${rng.int(1, 9)}${letter()}${letter()}`;
    case "CA":
      return `${stem} ${rng.int(1, 9)}${letter()}${rng.int(1, 9)}`;
    case "IN":
      return stem + rng.digits(2);
    case "DE":
      return stem + rng.digits(3);
    case "FR":
      return (stem + rng.digits(5)).slice(0, 5);
    case "AU":
      return stem + rng.digits(2);
    case "BR":
      return `${stem}${rng.digits(3)}-${rng.digits(3)}`;
    case "PL":
      return `${stem}-${rng.digits(3)}`;
  }
}

// ---------------------------------------------------------------- e-mail

const FULL_STYLES: readonly (readonly [(f: string, l: string) => string, number])[] = [
  [(f, l) => `${f}.${l}`, 25],
  [(f, l) => `${f}${l}`, 18],
  [(f, l) => `${f}_${l}`, 5],
  [(f, l) => `${l}.${f}`, 5],
];
const SHORT_STYLES: readonly (readonly [(f: string, l: string) => string, number])[] = [
  [(f, l) => `${f[0]}${l}`, 14],
  [(f, l) => `${f}.${l[0]}`, 3],
  [(f, l) => `${f}${l[0]}`, 3],
  [(f) => f, 3],
];

/**
 * A personal address built from the name. Providers make people with common names add something, so a
 * bare address (with a middle initial, "jane.m.doe@") is kept for uncommon names; otherwise a few digits,
 * sometimes the birth year. Short styles (initial + surname) always carry digits.
 */
export function personalEmail(
  rng: Rng,
  given: string,
  family: string,
  birthYear: number,
  domains: readonly (readonly [string, number])[],
  rareName = false,
): string {
  const f = slug(given.split(/[\s-]/)[0]!) || "user";
  const l = slug(family) || "mail";
  const short = rng.chance(0.3);
  let local: string;
  if (!short && rareName && rng.chance(0.3)) {
    const m = "abcdefghijklmnoprstw"[rng.int(0, 19)]!;
    local = rng.weighted<string>([
      [`${f}.${m}.${l}`, 3],
      [`${f}${m}${l}`, 2],
      [`${f}.${l}.${m}`, 1],
    ]);
  } else {
    local = rng.weighted(short ? SHORT_STYLES : FULL_STYLES)(f, l);
    const d = rng.float();
    // Birth years are what everyone named Jane Doe reaches for, so they stay rare (collisions).
    if (d < 0.03) local += String(birthYear % 100).padStart(2, "0");
    else if (d < 0.06) local += String(birthYear);
    else local += rng.digits(rng.int(3, 5));
  }
  return `${local}@${rng.weighted(domains)}`;
}

// ---------------------------------------------------------------- people

const EXPAT_PHONE: Partial<Record<Culture, CountryCode>> = {
  indian: "IN",
  brazilian: "BR",
  polish: "PL",
  german: "DE",
  french: "FR",
};

/** Immigrants often studied at home first. */
function studiedAbroad(rng: Rng, culture: Culture, country: CountryCode): string | undefined {
  if (culture === "indian" && country !== "IN" && rng.chance(0.4)) return "IN";
  if (culture === "chinese" && rng.chance(0.2)) return "CN";
  return undefined;
}

export function makePerson(ctx: SeedContext, serial: number, o: PersonOptions = {}): Person {
  const rng = Rng.of(ctx.seed, "person", serial);
  const country =
    o.country ?? (o.city ? (COUNTRIES.find((c) => c.cities.includes(o.city!))?.code ?? "US") : pickCountry(rng));
  const info = COUNTRY[country];
  const city = o.city ?? pickCity(rng, info);
  const culture = o.culture ?? rng.weighted(info.cultures);
  const pool = NAMES[culture];
  const gi = zipfIndex(rng, pool.given.length);
  const fi = zipfIndex(rng, pool.family.length);
  const given = pool.given[gi]!;
  const family = o.family ?? pool.family[fi]!;
  // Only an uncommon first-and-last-name pair may get a bare address (see personalEmail).
  const rare = (gi + 1) * (fi + 1) > 0.5 * pool.given.length * pool.family.length;
  const birthYear = o.student
    ? rng.int(2001, 2006)
    : Math.max(1960, Math.min(2004, Math.round(1992 + 8 * rng.normal())));
  const email = personalEmail(rng, given, family, birthYear, o.emailDomains ?? info.emailDomains, rare);
  const altEmail = rng.chance(0.06) ? personalEmail(rng, given, family, birthYear, info.emailDomains, false) : null;

  const expat = EXPAT_PHONE[culture];
  const phoneCountry = expat && expat !== country && rng.chance(0.04) ? expat : country;
  const plan = phonePlan(phoneCountry);
  const phoneNsn = phoneNumberFor(
    plan,
    phoneGroupFor(rng, plan, phoneCountry === country ? city.areaCodes : []),
    serial,
  );

  const v6 = ctx.infra.v6.get(country);
  const tech = rng.chance(0.55);
  const f = slug(given.split(/[\s-]/)[0]!) || "user";
  const l = slug(family) || "x";
  let linkedin: string | null = null;
  if (rng.chance(o.pLinkedIn ?? (tech ? 0.8 : 0.65))) {
    const token = ctx.linkedinTokens.at(serial);
    linkedin = rng.chance(0.7)
      ? `${f}-${l}-${token.toString(16).padStart(8, "0")}`
      : `${f}-${l}-${String(token).padStart(9, "0")}`;
  }
  let github: string | null = null;
  if (rng.chance(tech ? 0.42 : 0.06)) {
    const base = rng.pick([`${f}${l}`, `${f[0]}${l}`, `${f}-${l}`, `${l}${f[0]}`, `${f}${l[0]}`]);
    github = `${base}-${ctx.githubTokens.at(serial).toString(36).padStart(5, "0")}`;
  }
  const portfolio = rng.chance(tech ? 0.08 : 0.03)
    ? github && rng.chance(0.6)
      ? `https://${github}.github.io/`
      : `https://${f}-${l}-${ctx.githubTokens.at(serial).toString(36).padStart(5, "0")}.${rng.pick(["dev", "me", "io"])}`
    : null;

  const devices = [rng.hex(32)];
  if (rng.chance(0.18)) devices.push(rng.hex(32));
  const education =
    o.noEducation || (!o.student && !o.university && rng.chance(0.12))
      ? null
      : honestEducation(rng, {
          country,
          schoolCountry: o.university ? o.university.country : studiedAbroad(rng, culture, country),
          birthYear,
          // Students give their expected year; graduates a year that has passed.
          maxYear: o.student ? ctx.maxGradYear : ctx.maxGradYear - 1,
          university: o.university,
          student: o.student,
          oddity: o.educationOddity,
        });

  return {
    serial,
    id: personId(serial),
    culture,
    given,
    family,
    familyFirst: Boolean(pool.familyFirst),
    country,
    city,
    birthYear,
    email,
    altEmail,
    phoneCountry,
    phoneNsn,
    homeIp: ctx.infra.residential.get(country)!.at(serial),
    ipv6: v6 && rng.chance(0.12) ? v6.random(rng) : null,
    devices,
    linkedin,
    github,
    portfolio,
    address: ctx.addressSpaces.get(country)!.address(rng, serial, city),
    payment: rng.chance(0.3) ? rng.hex(64) : null,
    education,
  };
}
