/**
 * Application indicators
 * ======================
 *
 * Per-application red flags that feed a cluster's score, each a bit: the ones ingest wrote (malformed
 * or VoIP phone, phone country unlike the claimed one) plus those detection derives: an IP in a hosting
 * or VPN network (offline ASN table), and education that does not hold together (a major the school does
 * not offer, a graduation month off the school's calendar; server/reference/education.ts).
 */
import { INDICATOR_BIT, K, strOf, type DetectionInput } from "./input.js";
import { IP_HOSTING, type IpClasses } from "./ip-class.js";

export const HOSTING_IP = 1 << 8;
export const MAJOR_NOT_OFFERED = 1 << 9;
export const GRADUATION_OFF_CALENDAR = 1 << 10;
export const UNKNOWN_UNIVERSITY = 1 << 11;
export const EDUCATION_BITS = MAJOR_NOT_OFFERED | GRADUATION_OFF_CALENDAR;
export const MALFORMED_PHONE = INDICATOR_BIT.malformed_phone;
export const VOIP_PHONE = INDICATOR_BIT.voip_phone;
export const PHONE_COUNTRY_MISMATCH = INDICATOR_BIT.phone_country_mismatch;

/** What detection needs from the education reference. */
export interface EducationCheck {
  /** Bits among MAJOR_NOT_OFFERED, GRADUATION_OFF_CALENDAR, UNKNOWN_UNIVERSITY for one claim. */
  check(university: string | null, major: string | null, graduation: string | null): number;
}

export class AppIndicators {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly input: DetectionInput,
    private readonly ips: IpClasses,
    private readonly education: EducationCheck,
  ) {}

  /** All indicator bits of one application. */
  of(a: number): number {
    const { input } = this;
    let bits = input.apps.indicators[a]!;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) {
      const i = input.links.ident[l]!;
      if (input.identifiers.kind[i] === K.ip && this.ips.cls[i] === IP_HOSTING) bits |= HOSTING_IP;
    }
    const u = input.apps.university[a]!;
    const m = input.apps.major[a]!;
    const g = input.apps.graduation[a]!;
    if (u >= 0) {
      const key = `${u}:${m}:${g}`;
      let edu = this.cache.get(key);
      if (edu === undefined) {
        edu = this.education.check(strOf(input, u), strOf(input, m), strOf(input, g));
        this.cache.set(key, edu);
      }
      bits |= edu;
    }
    return bits;
  }
}
