/**
 * Detection environment
 * =====================
 *
 * The reference data a pass reads besides the graph: the offline ASN table (loaded once per process),
 * which ASNs are hosting/VPN networks and which are mobile carriers (server/reference/hosting-asns.ts),
 * and the education check (server/reference/education.ts: majors offered, conferral months).
 */
import { graduationMonthPlausible, offersMajor } from "../common/reference/education.js";
import { HOSTING_ASNS, MOBILE_CARRIER_ASNS } from "../common/reference/hosting-asns.js";
import { asnTable, type AsnTable } from "./asn-db.js";
import { GRADUATION_OFF_CALENDAR, MAJOR_NOT_OFFERED } from "./input.js";

export interface AsnCategories {
  hosting: ReadonlySet<number>;
  mobile: ReadonlySet<number>;
}

/** What detection needs from the education reference; 0 when consistent or when nothing can be judged. */
export interface EducationCheck {
  /** MAJOR_NOT_OFFERED when the school does not offer the major. */
  majorBits(university: string, major: string): number;
  /** GRADUATION_OFF_CALENDAR when the school confers no degrees in that month (1–12). */
  monthBits(university: string, month: number): number;
}

export interface DetectEnvironment {
  asn: Pick<AsnTable, "lookup" | "package" | "version">;
  categories: AsnCategories;
  education: EducationCheck;
}

/** Education claims checked against the reference table; an unknown school or major is no judgement. */
export const referenceEducation: EducationCheck = {
  majorBits: (university, major) => (offersMajor(university, major) === false ? MAJOR_NOT_OFFERED : 0),
  monthBits: (university, month) =>
    graduationMonthPlausible(university, `2000-${String(month).padStart(2, "0")}`) === false
      ? GRADUATION_OFF_CALENDAR
      : 0,
};

export const referenceCategories: AsnCategories = {
  hosting: new Set(HOSTING_ASNS.map((n) => n.asn)),
  mobile: new Set(MOBILE_CARRIER_ASNS.map((n) => n.asn)),
};

let shared: DetectEnvironment | null = null;

/** The shipped reference data; the ASN table is read on first call (about a second). */
export function defaultEnvironment(): DetectEnvironment {
  shared ??= { asn: asnTable(), categories: referenceCategories, education: referenceEducation };
  return shared;
}
