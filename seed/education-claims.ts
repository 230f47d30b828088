/**
 * Education claims
 * ================
 *
 * What applicants write in the education fields. Honest applicants are consistent with the reference
 * table (server/reference/education.ts): a major their school offers, a graduation month in which it
 * confers degrees (or just the year); many name schools the table does not know, about which nothing can
 * be judged. Fraud personas claim well-known schools and are inconsistent at the rates given by the
 * caller (a month off the calendar, a major the school does not offer), as in Amazon's reporting.
 */
import { MAJORS, UNIVERSITIES, type MajorId, type University } from "../server/common/reference/education.js";
import type { CountryCode } from "./data/places.js";
import type { Rng } from "../server/common/rng.js";

export interface EducationClaim {
  university: string;
  degree: string;
  major: string;
  graduation: string;
  /** Injected inconsistencies: edu_month_off, edu_major_not_offered. */
  signals: string[];
}

/** Schools not in the reference table (nothing can be judged about them), by country. */
const OTHER_SCHOOLS: Partial<Record<string, string[]>> = {
  US: `Texas A&M University|Rutgers University|Ohio State University|University of Florida|Virginia Tech|University of Maryland|
    Boston University|DePaul University|University of Houston|Florida International University|Georgia State University|
    Brigham Young University|Oregon State University|University of Colorado Boulder|Indiana University Bloomington|
    Michigan State University|Iowa State University|University of Arizona|University of Central Florida|Portland State University|
    Temple University|University of Utah|North Carolina State University|University of Minnesota|Drexel University|
    De Anza College|Miami Dade College|Western Governors University|Southern New Hampshire University|CUNY Hunter College`
    .split("|")
    .map((s) => s.trim()),
  IN: `VIT Vellore|SRM Institute of Science and Technology|Manipal Institute of Technology|Amity University|JNTU Hyderabad|
    Osmania University|University of Mumbai|Savitribai Phule Pune University|NIT Trichy|BITS Pilani|PSG College of Technology|
    Jadavpur University|Chandigarh University|Lovely Professional University`
    .split("|")
    .map((s) => s.trim()),
  GB: [
    "University of Leeds",
    "King's College London",
    "University of Bristol",
    "University of Warwick",
    "University of Glasgow",
    "Open University",
  ],
  CA: [
    "McGill University",
    "University of Alberta",
    "Concordia University",
    "York University",
    "Simon Fraser University",
    "McMaster University",
  ],
  DE: ["RWTH Aachen", "TU Berlin", "Universität Hamburg", "LMU München", "Hochschule München", "TU Darmstadt"],
  FR: ["École Polytechnique", "Université Paris-Saclay", "INSA Lyon", "EPITA", "Université de Lyon"],
  AU: ["University of Sydney", "UNSW Sydney", "Monash University", "University of Queensland", "RMIT University"],
  BR: ["UNICAMP", "UFRJ", "UFMG", "PUC-Rio", "Universidade Federal do Rio Grande do Sul"],
  PL: ["Uniwersytet Warszawski", "AGH University of Krakow", "Politechnika Wrocławska", "Politechnika Gdańska"],
};

const TECH: MajorId[] = [
  "computer_science",
  "computer_engineering",
  "software_engineering",
  "information_technology",
  "information_systems",
  "data_science",
  "cybersecurity",
  "electrical_engineering",
];
const ARTSY = new Set<MajorId>(["english", "political_science", "psychology", "economics", "graphic_design"]);

/** How often each major is studied by this applicant population (an employer with many engineering roles). */
const MAJOR_WEIGHT: Partial<Record<MajorId, number>> = {
  computer_science: 30,
  computer_engineering: 8,
  software_engineering: 6,
  electrical_engineering: 8,
  information_technology: 6,
  information_systems: 6,
  data_science: 5,
  business_administration: 10,
  economics: 6,
  finance: 5,
  mathematics: 5,
  statistics: 3,
  mechanical_engineering: 4,
};

const byCountry = new Map<string, University[]>();
for (const u of UNIVERSITIES) byCountry.set(u.country, [...(byCountry.get(u.country) ?? []), u]);

function pickMajor(rng: Rng, offered: readonly MajorId[]): MajorId {
  return rng.weighted(offered.map((m) => [m, MAJOR_WEIGHT[m] ?? 1.5] as const));
}

function majorText(rng: Rng, id: MajorId): string {
  const m = MAJORS[id];
  const usable = m.aliases.filter((a) => a.length > 3 && a !== "Business" && a !== "MBA" && a !== "BBA");
  return usable.length && rng.chance(0.12) ? rng.pick(usable) : m.name;
}

function schoolText(rng: Rng, u: University): string {
  const aliases = u.aliases.filter((a) => a.length > 2);
  return aliases.length && rng.chance(0.25) ? rng.pick(aliases) : u.name;
}

function degreeText(rng: Rng, country: string, level: "bachelor" | "master" | "phd", major: MajorId): string {
  if (level === "phd") return rng.pick(["PhD", "Ph.D.", "Doctor of Philosophy"]);
  if (level === "master") {
    if (major === "business_administration") return "MBA";
    if (country === "IN") return rng.pick(["M.Tech", "MTech", "M.E.", "MS", "M.Sc"]);
    if (country === "GB" || country === "DE" || country === "AU") return rng.pick(["MSc", "M.Sc.", "MEng"]);
    return rng.pick(["MS", "M.S.", "Master of Science", "MEng", "MSc"]);
  }
  if (country === "IN")
    return major === "business_administration" ? "BBA" : rng.pick(["B.Tech", "BTech", "B.E.", "BE", "B.Sc"]);
  if (country === "GB" || country === "AU") return ARTSY.has(major) ? "BA" : rng.pick(["BSc", "BSc (Hons)", "BEng"]);
  if (country === "DE" || country === "PL" || country === "FR" || country === "BR")
    return rng.pick(["B.Sc.", "BSc", "Bachelor"]);
  if (ARTSY.has(major)) return rng.pick(["BA", "B.A.", "Bachelor of Arts"]);
  if (major === "business_administration") return rng.pick(["BBA", "BS", "B.S."]);
  return rng.pick(["BS", "B.S.", "BSc", "Bachelor of Science", "BS"]);
}

function graduationYear(rng: Rng, birthYear: number, level: "bachelor" | "master" | "phd", maxYear: number): number {
  const age = level === "bachelor" ? 22 : level === "master" ? 24 + rng.int(0, 3) : 29 + rng.int(0, 2);
  return Math.min(maxYear, birthYear + age + rng.int(-1, 1));
}

/** A conferral month, the main (spring/summer) one most often. */
function conferralMonth(rng: Rng, months: readonly number[]): number {
  const main = months.find((m) => m >= 5 && m <= 7) ?? months[0]!;
  return rng.chance(0.6) ? main : rng.pick(months);
}

function dateText(rng: Rng, year: number, month: number | null, wantMonth: boolean): string {
  if (month === null) month = rng.int(1, 12);
  const r = rng.float();
  if (!wantMonth && r < 0.35) return String(year);
  const mm = String(month).padStart(2, "0");
  if (r > 0.95) return `${year}-${mm}-${String(rng.int(10, 28)).padStart(2, "0")}`;
  return `${year}-${mm}`;
}

export interface HonestEducationOptions {
  country: CountryCode;
  /** Country of the school, when it differs (studied abroad before moving); may be outside the applicant countries. */
  schoolCountry?: string;
  birthYear: number;
  maxYear: number;
  /** A fixed school (campus look-alikes). */
  university?: University;
  student?: boolean;
  /** A harmless oddity (a month just off the calendar), as some honest applicants have. */
  oddity?: boolean;
}

export function honestEducation(rng: Rng, o: HonestEducationOptions): EducationClaim {
  const schoolCountry = o.schoolCountry ?? o.country;
  const known = byCountry.get(schoolCountry) ?? [];
  const other = OTHER_SCHOOLS[schoolCountry] ?? [];
  const level = o.student
    ? rng.chance(0.75)
      ? "bachelor"
      : "master"
    : rng.weighted<"bachelor" | "master" | "phd">([
        ["bachelor", 66],
        ["master", 30],
        ["phd", 4],
      ]);
  const uni = o.university ?? (known.length && (other.length === 0 || rng.chance(0.62)) ? rng.pick(known) : undefined);
  if (!uni) {
    const major = pickMajor(rng, Object.keys(MAJORS) as MajorId[]);
    const year = o.student ? o.maxYear - rng.int(0, 1) : graduationYear(rng, o.birthYear, level, o.maxYear);
    return {
      university: rng.pick(other),
      degree: degreeText(rng, schoolCountry, level, major),
      major: majorText(rng, major),
      graduation: dateText(rng, year, null, false),
      signals: [],
    };
  }
  const major = pickMajor(rng, uni.majors);
  const year = o.student ? o.maxYear - rng.int(0, 1) : graduationYear(rng, o.birthYear, level, o.maxYear);
  const signals: string[] = [];
  let month: number | null = uni.conferralMonths ? conferralMonth(rng, uni.conferralMonths) : null;
  if (o.oddity && uni.conferralMonths) {
    // Commencement-day confusion: the month after a conferral month that is not one itself.
    const off = uni.conferralMonths.map((m) => (m % 12) + 1).filter((m) => !uni.conferralMonths!.includes(m));
    if (off.length) {
      month = rng.pick(off);
      signals.push("edu_month_off");
    }
  }
  return {
    university: schoolText(rng, uni),
    degree: degreeText(rng, schoolCountry, level, major),
    major: majorText(rng, major),
    graduation: dateText(rng, year, month, signals.length > 0),
    signals,
  };
}

export interface FraudEducationOptions {
  birthYear: number;
  maxYear: number;
  pMonthOff: number;
  pMajorOff: number;
  /** A fixed claim to copy (identity reuse copies the stolen identity's education). */
  schoolCountry?: CountryCode;
}

/** A persona's education: a known school, tech major, with inconsistencies at the given rates. */
export function fraudEducation(rng: Rng, o: FraudEducationOptions): EducationClaim {
  const country = o.schoolCountry ?? "US";
  const pool = (byCountry.get(country) ?? byCountry.get("US")!).filter((u) => u.conferralMonths);
  const signals: string[] = [];
  let uni = rng.pick(pool);
  let major: MajorId;
  if (rng.chance(o.pMajorOff)) {
    const candidates = pool.filter((u) => TECH.some((m) => !u.majors.includes(m)));
    uni = rng.pick(candidates);
    major = rng.pick(TECH.filter((m) => !uni.majors.includes(m)));
    signals.push("edu_major_not_offered");
  } else {
    const offered = TECH.filter((m) => uni.majors.includes(m));
    major = offered.length ? rng.pick(offered) : pickMajor(rng, uni.majors);
  }
  const level = rng.chance(0.7) ? "bachelor" : "master";
  const year = graduationYear(rng, o.birthYear, level, o.maxYear - 1);
  let month = conferralMonth(rng, uni.conferralMonths!);
  let wantMonth = false;
  if (rng.chance(o.pMonthOff)) {
    const off = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !uni.conferralMonths!.includes(m));
    month = rng.pick(off);
    wantMonth = true;
    signals.push("edu_month_off");
  }
  return {
    university: schoolText(rng, uni),
    degree: degreeText(rng, "US", level, major),
    major: majorText(rng, major),
    graduation: dateText(rng, year, month, wantMonth),
    signals,
  };
}
