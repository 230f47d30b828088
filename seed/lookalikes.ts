/**
 * Honest look-alikes
 * ==================
 *
 * Honest situations that share infrastructure the way rings do, and that detection must not flag:
 *
 * - carrier_nat: phones on a mobile carrier browse from a handful of carrier-grade-NAT egress addresses,
 *   each shared by hundreds of strangers at once;
 * - campus_nat: students of one university behind the campus's few egress addresses;
 * - office_nat / coworking: dozens of strangers behind one office or coworking Wi-Fi address;
 * - family: two to four relatives sharing a home address, its IP and often a laptop, each with their own
 *   name, e-mail and phone;
 * - recruiter: an agency recruiter submitting many candidates from one office IP and laptop, sometimes
 *   giving their own e-mail or phone as the contact;
 * - repeat_applicant: one person applying to several jobs over weeks with the same identity, typed a
 *   little differently each time;
 * - housemate (parameterised populations only, SeedParams.housemates): an honest person who shares a
 *   home, and so its IP, with a laptop-farm persona, and nothing else.
 *
 * Carrier, campus, office and coworking members are ordinary single applicants assigned to a shared
 * place as they are generated; families, recruiters and repeat applicants are planned groups.
 */
import type { University } from "../server/reference/education.js";
import { UNIVERSITIES } from "../server/reference/education.js";
import { slug } from "./data/names.js";
import { COUNTRIES, COUNTRY, type City, type CountryCode } from "./data/places.js";
import { honestSource, pickJob } from "./jobs.js";
import { makePerson, type Person } from "./person.js";
import { phoneGroupFor, phoneNumberFor, phonePlan, typePhone, type TypedPhone } from "./phones.js";
import { one, renderPerson, setPhone } from "./render.js";
import { Rng } from "./rng.js";
import { clampTime, dayOf, dayStart, rendered, type Env, type Group, type Planner, type Rendered } from "./scenario.js";
import { businessTime, DAYS, honestTime, isWeekend, pickDay } from "./timing.js";
import { typeAddress, type AddressParts } from "./typing.js";

// ---------------------------------------------------------------- shared places for single applicants

export interface Office {
  id: string;
  country: CountryCode;
  domain: string;
  ips: string[];
}

export interface Campus {
  id: string;
  uni: University;
  city: City;
  ips: string[];
}

export interface SharedPlaces {
  carrier: Map<CountryCode, string[]>;
  campuses: Campus[];
  offices: Map<CountryCode, Office[]>;
  coworks: Map<CountryCode, Office[]>;
  vpnPool: string[];
}

/** Cities of campuses outside the main city list: name, region, ZIP stem, area code, UTC offset. */
const CAMPUS_CITY: Record<string, [string, string, string, string, number]> = {
  mit: ["Cambridge", "MA", "021", "617", -5],
  stanford: ["Stanford", "CA", "943", "650", -8],
  columbia: ["New York", "NY", "100", "212", -5],
  nyu: ["New York", "NY", "100", "212", -5],
  cornell: ["Ithaca", "NY", "148", "607", -5],
  cmu: ["Pittsburgh", "PA", "152", "412", -5],
  berkeley: ["Berkeley", "CA", "947", "510", -8],
  ucla: ["Los Angeles", "CA", "900", "310", -8],
  uw: ["Seattle", "WA", "981", "206", -8],
  uiuc: ["Urbana", "IL", "618", "217", -6],
  gatech: ["Atlanta", "GA", "303", "404", -5],
  utaustin: ["Austin", "TX", "787", "512", -6],
  umich: ["Ann Arbor", "MI", "481", "734", -5],
  purdue: ["West Lafayette", "IN", "479", "765", -5],
  princeton: ["Princeton", "NJ", "085", "609", -5],
  wisc: ["Madison", "WI", "537", "608", -6],
  upenn: ["Philadelphia", "PA", "191", "215", -5],
  ucsd: ["La Jolla", "CA", "920", "858", -8],
};

const COMPANY_A =
  `North Blue Summit Cedar Iron Silver Bright Harbor Granite Pioneer Atlas Beacon Crescent Evergreen Falcon
  Horizon Keystone Lakeshore Meridian Orchard Redwood Sterling Tidewater Vantage Willow Copper Aurora Cobalt`
    .trim()
    .split(/\s+/);
const COMPANY_B =
  `Analytics Logistics Health Systems Financial Labs Software Energy Retail Insurance Media Robotics Biotech
  Networks Foods Capital Partners Manufacturing Consulting Pharma Mobility Security`
    .trim()
    .split(/\s+/);

function companyDomain(index: number, rng: Rng): string {
  const a = COMPANY_A[index % COMPANY_A.length]!;
  const b = COMPANY_B[Math.floor(index / COMPANY_A.length) % COMPANY_B.length]!;
  return `${slug(a)}${slug(b)}${index >= COMPANY_A.length * COMPANY_B.length ? index : ""}.${rng.pick(["com", "com", "io", "co"])}`;
}

function byCountryShare(total: number, countries: CountryCode[], minUs: number): Map<CountryCode, number> {
  const weight = (c: CountryCode) => COUNTRY[c].weight;
  const sum = countries.reduce((a, c) => a + weight(c), 0);
  const out = new Map<CountryCode, number>();
  for (const c of countries) out.set(c, Math.max(c === "US" ? minUs : 0, Math.round((total * weight(c)) / sum)));
  return out;
}

export function planSharedPlaces(pl: Planner, apps: number): SharedPlaces {
  const { rng, env } = pl;
  const infra = env.ctx.infra;
  const carrierCountries = COUNTRIES.filter((c) => infra.carrier.has(c.code)).map((c) => c.code);
  const carrier = new Map<CountryCode, string[]>();
  let k = 0;
  for (const [c, n] of byCountryShare(Math.max(4, Math.round(apps / 5000)), carrierCountries, 3)) {
    const ips: string[] = [];
    for (let i = 0; i < n; i++) ips.push(infra.carrier.get(c)!.at(k++));
    if (ips.length) carrier.set(c, ips);
  }
  const campusUnis = UNIVERSITIES.filter((u) => infra.campus.has(u.id) && CAMPUS_CITY[u.id]);
  const campuses: Campus[] = rng
    .shuffle([...campusUnis])
    .slice(0, Math.max(2, Math.round(apps / 10000)))
    .map((uni) => {
      const [name, region, postal, ac, tz] = CAMPUS_CITY[uni.id]!;
      const n = rng.int(2, 4);
      return {
        id: `CAMPUS-${uni.id.toUpperCase()}`,
        uni,
        city: { name, region, postal, areaCodes: [ac], tz, weight: 1 },
        ips: Array.from({ length: n }, (_, i) => infra.campus.get(uni.id)!.at(i)),
      };
    });
  const all = COUNTRIES.map((c) => c.code);
  const offices = new Map<CountryCode, Office[]>();
  let o = 0;
  for (const [c, n] of byCountryShare(Math.max(2, Math.round(apps / 1500)), all, 2)) {
    const list: Office[] = [];
    for (let i = 0; i < n; i++, o++) {
      const ips = [pl.businessIp(c)];
      if (rng.chance(0.3)) ips.push(pl.businessIp(c));
      list.push({ id: `OFFICE-${String(o + 1).padStart(4, "0")}`, country: c, domain: companyDomain(o, rng), ips });
    }
    if (list.length) offices.set(c, list);
  }
  const coworks = new Map<CountryCode, Office[]>();
  let w = 0;
  for (const [c, n] of byCountryShare(Math.max(2, Math.round(apps / 3000)), all, 2)) {
    const list: Office[] = [];
    for (let i = 0; i < n; i++, w++)
      list.push({ id: `COWORK-${String(w + 1).padStart(4, "0")}`, country: c, domain: "", ips: [pl.businessIp(c)] });
    if (list.length) coworks.set(c, list);
  }
  const vpnPool = Array.from({ length: Math.max(30, Math.round(apps / 250)) }, (_, i) => infra.consumerVpn.fromTop(i));
  return { carrier, campuses, offices, coworks, vpnPool };
}

// ---------------------------------------------------------------- single applicants

const P_CAMPUS = 0.035;
const P_CARRIER = 0.08;
const P_OFFICE = 0.03;
const P_COWORK = 0.015;
const P_VPN = 0.03;

/** One honest applicant with one application on `day`, possibly behind a shared carrier/campus/office address. */
export function renderSingle(
  env: Env,
  places: SharedPlaces,
  serial: number,
  day: number,
): { time: number; out: Rendered } {
  const rng = Rng.of(env.ctx.seed, "single", serial);
  const oddity = rng.chance(0.015);
  let lookalike: Rendered["lookalike"] = null;
  let group: string | null = null;
  let person: Person;
  let ips: string[] | null = null;
  let business = false;
  let corporateDomain: string | null = null;
  if (places.campuses.length && rng.chance(P_CAMPUS)) {
    const campus = rng.pick(places.campuses);
    person = makePerson(env.ctx, serial, {
      country: "US",
      city: campus.city,
      university: campus.uni,
      student: true,
      educationOddity: oddity,
    });
    lookalike = "campus_nat";
    group = campus.id;
    ips = [rng.pick(campus.ips)];
  } else {
    person = makePerson(env.ctx, serial, { educationOddity: oddity });
    const r = rng.float();
    const carrier = places.carrier.get(person.country);
    const offices = places.offices.get(person.country);
    const coworks = places.coworks.get(person.country);
    // Fixed probability bands: a country without carriers (or offices) leaves its band empty.
    if (r < P_CARRIER && carrier) {
      lookalike = "carrier_nat";
      const i = rng.int(0, carrier.length - 1);
      group = `CARRIER-${person.country}-${String(i + 1).padStart(3, "0")}`;
      ips = [carrier[i]!];
      if (rng.chance(0.4)) ips.push(person.homeIp);
    } else if (r >= P_CARRIER && r < P_CARRIER + P_OFFICE && offices) {
      const office = rng.pick(offices);
      lookalike = "office_nat";
      group = office.id;
      ips = [rng.pick(office.ips)];
      if (rng.chance(0.3)) ips.push(person.homeIp);
      business = true;
      if (rng.chance(0.08)) corporateDomain = office.domain;
    } else if (r >= P_CARRIER + P_OFFICE && r < P_CARRIER + P_OFFICE + P_COWORK && coworks) {
      const space = rng.pick(coworks);
      lookalike = "coworking";
      group = space.id;
      ips = [space.ips[0]!];
      if (rng.chance(0.2)) ips.push(person.homeIp);
      business = true;
    }
  }
  const d = renderPerson(rng, person);
  if (ips) d.record.ip = one(ips);
  if (lookalike === "carrier_nat") d.record.device_id = person.devices[person.devices.length - 1];
  if (corporateDomain) d.record.email = `${slug(person.given)}.${slug(person.family)}@${corporateDomain}`;
  if (lookalike === "campus_nat" && rng.chance(0.4)) {
    // A student address at the school's domain (initial, surname, digits: how campus accounts are issued).
    d.record.email = `${slug(person.given)[0]}${slug(person.family)}${rng.digits(3)}@${places.campuses.find((c) => c.id === group)!.uni.domain}`;
  }
  if (!lookalike && rng.chance(P_VPN)) {
    const vpn = rng.pick(places.vpnPool);
    d.record.ip = rng.chance(0.7) ? vpn : one([person.homeIp, vpn]);
    d.signals.add("vpn_ip");
  }
  const start = dayStart(env.cal, day);
  const time =
    business && !isWeekend(env.cal, day)
      ? businessTime(rng, start, person.city.tz)
      : honestTime(rng, start, person.city.tz);
  d.record.job_id = pickJob(rng, env.jobs, day);
  d.record.source = honestSource(rng, lookalike === "campus_nat");
  return { time, out: rendered(d, person, { ringId: null, ringType: null, lookalike, group }) };
}

// ---------------------------------------------------------------- families

class Family implements Group {
  members: number[] = [];
  country!: CountryCode;
  city!: City;
  culture!: Person["culture"];
  family: string | null = null;
  address!: AddressParts;
  ip = "";
  device = "";

  constructor(readonly id: string) {}

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const p = makePerson(env.ctx, this.members[member]!, {
      country: this.country,
      city: this.city,
      culture: this.culture,
      family: this.family ?? undefined,
    });
    const d = renderPerson(rng, p, { pAddress: 0.6 });
    d.record.ip = rng.chance(0.95) ? this.ip : p.homeIp;
    if (rng.chance(0.7)) d.record.device_id = this.device;
    if (d.record.shipping_address) d.record.shipping_address = typeAddress(rng, this.address);
    d.record.job_id = pickJob(rng, env.jobs, dayOf(env.cal, time));
    d.record.source = honestSource(rng);
    return rendered(d, p, { ringId: null, ringType: null, lookalike: "family", group: this.id });
  }
}

export function planFamily(pl: Planner, index: number): void {
  const { rng, env } = pl;
  const g = new Family(`FAMILY-${String(index + 1).padStart(5, "0")}`);
  const head = pl.nextSerial();
  const headPerson = makePerson(env.ctx, head);
  g.country = headPerson.country;
  g.city = headPerson.city;
  g.culture = headPerson.culture;
  g.family = rng.chance(0.7) ? headPerson.family : null;
  g.address = headPerson.address;
  g.ip = headPerson.homeIp;
  g.device = rng.hex(32);
  const n = rng.weighted([
    [2, 45],
    [3, 35],
    [4, 20],
  ] as const);
  g.members.push(head);
  for (let m = 1; m < n; m++) g.members.push(pl.nextSerial());
  const burst = env.params.familyBurst;
  if (burst && Rng.of(env.ctx.seed, "grid-family", index).chance(burst)) {
    // The whole family applies in one evening, one after another on the shared laptop.
    const brng = Rng.of(env.ctx.seed, "grid-family-time", index);
    const t0 = honestTime(brng, dayStart(env.cal, pickDay(brng, env.cal)), g.city.tz);
    for (let m = 0; m < n; m++) pl.emit(g, clampTime(env.cal, t0 + m * brng.int(5, 20) * 60_000), m, 0);
    return;
  }
  for (let m = 0; m < n; m++) {
    for (let a = 0, k = rng.chance(0.25) ? 2 : 1; a < k; a++) {
      const day = pickDay(rng, env.cal);
      pl.emit(g, clampTime(env.cal, honestTime(rng, dayStart(env.cal, day), g.city.tz)), m, a);
    }
  }
}

// ---------------------------------------------------------------- housemates

class Housemate implements Group {
  constructor(
    readonly id: string,
    readonly serial: number,
    readonly homeIp: string,
  ) {}

  render(env: Env, rng: Rng, _member: number, _app: number, time: number): Rendered {
    const p = makePerson(env.ctx, this.serial, { country: "US" });
    const d = renderPerson(rng, p);
    d.record.ip = this.homeIp;
    d.record.job_id = pickJob(rng, env.jobs, dayOf(env.cal, time));
    d.record.source = honestSource(rng);
    return rendered(d, p, { ringId: null, ringType: null, lookalike: "housemate", group: this.id });
  }
}

/** An honest applicant at `homeIp` (a farm persona's home), applying once on a day of their own. */
export function planHousemate(pl: Planner, id: string, homeIp: string, rng: Rng): void {
  const { env } = pl;
  const g = new Housemate(id, pl.nextSerial(), homeIp);
  const day = pickDay(rng, env.cal);
  pl.emit(g, clampTime(env.cal, honestTime(rng, dayStart(env.cal, day), -5)), 0, 0);
}

// ---------------------------------------------------------------- recruiters

const AGENCY_A = `Apex Bridge Summit Prime Talent Elevate Vertex Keystone Pinnacle Catalyst Harbor Momentum`.split(" ");
const AGENCY_B = `Talent Staffing Search Recruiting Partners Resourcing`.split(" ");

class Recruiter implements Group {
  candidates: number[] = [];
  agency = "";
  email = "";
  phone!: TypedPhone;
  ip = "";
  device = "";
  tz = -5;

  constructor(readonly id: string) {}

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const p = makePerson(env.ctx, this.candidates[member]!, { country: "US" });
    const d = renderPerson(rng, p, { pAddress: 0.3, pPayment: 0 });
    d.record.ip = this.ip;
    if (rng.chance(0.92)) d.record.device_id = this.device;
    const own = d.record.email;
    const r = rng.float();
    if (r < 0.25) d.record.email = this.email;
    else if (r < 0.45) d.record.email = one([...(Array.isArray(own) ? own : own ? [own] : []), this.email]);
    if (rng.chance(0.3)) setPhone(d, this.phone);
    d.record.job_id = pickJob(rng, env.jobs, dayOf(env.cal, time));
    d.record.source = `Agency: ${this.agency}`;
    return rendered(d, p, { ringId: null, ringType: null, lookalike: "recruiter", group: this.id });
  }
}

export function planRecruiter(pl: Planner, index: number, maxCandidates: number): void {
  const { rng, env } = pl;
  const g = new Recruiter(`RECRUITER-${String(index + 1).padStart(4, "0")}`);
  const agencyIndex = rng.int(0, AGENCY_A.length * AGENCY_B.length - 1);
  g.agency = `${AGENCY_A[agencyIndex % AGENCY_A.length]} ${AGENCY_B[Math.floor(agencyIndex / AGENCY_A.length)]}`;
  const domain = `${slug(g.agency)}.com`;
  const rserial = pl.nextSerial();
  const recruiter = makePerson(env.ctx, rserial, { country: "US" });
  g.email = `${slug(recruiter.given)}.${slug(recruiter.family)}@${domain}`;
  const plan = phonePlan("US");
  g.phone = typePhone(rng, "US", phoneNumberFor(plan, phoneGroupFor(rng, plan, recruiter.city.areaCodes), rserial));
  g.ip = pl.businessIp("US");
  g.device = rng.hex(32);
  g.tz = recruiter.city.tz;
  const n = Math.max(5, Math.min(maxCandidates, Math.round(rng.lognormal(14, 0.5))));
  const from = rng.int(0, DAYS - 60);
  const to = Math.min(DAYS, from + rng.int(30, 200));
  for (let m = 0; m < n; m++) {
    g.candidates.push(pl.nextSerial());
    for (let a = 0, k = rng.chance(0.1) ? 2 : 1; a < k; a++) {
      let day = pickDay(rng, env.cal, from, to);
      if (isWeekend(env.cal, day)) day = Math.min(to - 1, day + 2);
      pl.emit(g, clampTime(env.cal, businessTime(rng, dayStart(env.cal, day), g.tz)), m, a);
    }
  }
}

// ---------------------------------------------------------------- repeat applicants

class Repeat implements Group {
  carrierIp: string | null = null;

  constructor(
    readonly id: string,
    readonly serial: number,
  ) {}

  render(env: Env, rng: Rng, _member: number, _app: number, time: number): Rendered {
    const p = makePerson(env.ctx, this.serial);
    const d = renderPerson(rng, p, { vary: true, pAddress: 0.5 });
    if (this.carrierIp && rng.chance(0.25)) {
      d.record.ip = this.carrierIp;
      d.record.device_id = p.devices[p.devices.length - 1];
    }
    d.record.job_id = pickJob(rng, env.jobs, dayOf(env.cal, time));
    d.record.source = honestSource(rng);
    return rendered(d, p, { ringId: null, ringType: null, lookalike: "repeat_applicant", group: this.id });
  }
}

export function planRepeat(pl: Planner, index: number, heavy: boolean, places: SharedPlaces): void {
  const { rng, env } = pl;
  const serial = pl.nextSerial();
  const g = new Repeat(`REPEAT-${String(index + 1).padStart(6, "0")}`, serial);
  const p = makePerson(env.ctx, serial);
  const carrier = places.carrier.get(p.country);
  if (carrier && rng.chance(0.3)) g.carrierIp = rng.pick(carrier);
  const n = heavy
    ? rng.int(5, 15)
    : rng.weighted([
        [2, 60],
        [3, 28],
        [4, 12],
      ] as const);
  const from = rng.int(0, DAYS - 20);
  const to = Math.min(DAYS, from + rng.int(14, heavy ? 150 : 90));
  for (let a = 0; a < n; a++) {
    const day = pickDay(rng, env.cal, from, to);
    pl.emit(g, clampTime(env.cal, honestTime(rng, dayStart(env.cal, day), p.city.tz)), 0, a);
  }
}
