/**
 * Fraud rings
 * ===========
 *
 * Four shapes from public reporting on DPRK remote IT-worker schemes (research notes, 1.3):
 *
 * - laptop_farm (Chapman, Knoot, the June 2025 DOJ sweep: ~6-9 laptops per site, long tail to 90+):
 *   5-40 personas behind 1-3 residential IPs of the facilitator's home and a few shared laptops, one
 *   shipping address written several ways, shared payroll accounts (p 0.6), a facilitator phone shared
 *   by some personas, bursts of submissions within hours, some VPN exits.
 * - account_rental (Amazon: "paying for access to existing profiles"): one real professional's LinkedIn
 *   profile used by 3-15 applicants with other names, e-mails and phones, mostly over VPS/VPN exits.
 * - identity_reuse (Vong, Knoot's "Andrew M."): one stolen name and profile, with the victim's education,
 *   reused by several operatives, each with new e-mails (made from the victim's name), phones and devices.
 * - chain (Mandiant's referral chain; facilitators sharing numbers and accounts): personas linked only
 *   transitively, a different identifier kind at each step (phone, device, payroll account, address,
 *   e-mail, IP), nothing else in common.
 *
 * Every fraud application also carries weak signals more often than honest ones: "+1" formatting, a
 * malformed number, education inconsistencies, hosting/VPN IPs, operator-hours timing.
 */
import { slug, type Culture } from "./data/names.js";
import { COUNTRY, type CountryCode } from "./data/places.js";
import { fraudEducation } from "./education-claims.js";
import { fraudSource, pickJob } from "./jobs.js";
import { makePerson, personalEmail, pickCity, type Person } from "./person.js";
import { phoneGroupFor, phoneNumberFor, phonePlan, typePhone } from "./phones.js";
import { claimedLocation, one, renderPerson, setPhone, type Draft } from "./render.js";
import { Rng } from "./rng.js";
import { clampTime, dayOf, dayStart, rendered, type Env, type Group, type Planner, type Rendered } from "./scenario.js";
import { planHousemate } from "./lookalikes.js";
import { HOUR_MS, operatorTime, pickDay } from "./timing.js";
import type { RingType } from "./types.js";
import { typeAddress, typeGitHub, typeLinkedIn, typeName, type AddressParts } from "./typing.js";

interface Rates {
  plusOne: number;
  malformedPhone: number;
  monthOff: number;
  majorOff: number;
  vpn: number;
}

const RATES: Record<RingType, Rates> = {
  laptop_farm: { plusOne: 0.4, malformedPhone: 0.12, monthOff: 0.25, majorOff: 0.2, vpn: 0.25 },
  account_rental: { plusOne: 0.4, malformedPhone: 0.15, monthOff: 0.3, majorOff: 0.25, vpn: 0.7 },
  identity_reuse: { plusOne: 0.35, malformedPhone: 0.12, monthOff: 0, majorOff: 0.12, vpn: 0.55 },
  chain: { plusOne: 0.4, malformedPhone: 0.1, monthOff: 0.25, majorOff: 0.2, vpn: 0.3 },
};

/** The VPN/hosting share of a ring type, or the population's parameter when set. */
const vpnRate = (env: Env, type: RingType) => env.params.ringVpn ?? RATES[type].vpn;
/** How often a farm persona uses one of the farm's own identifiers (1 unless the parameter lowers it). */
const reuse = (env: Env) => env.params.ringReuse ?? 1;

/** A ring's size: drawn as before, or uniformly within the population's `ringSize` parameter. */
function ringSize(pl: Planner, kind: string, index: number, draw: () => number): number {
  const r = pl.env.params.ringSize;
  return r ? Rng.of(pl.env.ctx.seed, "grid-size", kind, index).int(r[0], r[1]) : draw();
}

const PERSONA_CULTURES: readonly (readonly [Culture, number])[] = [
  ["anglo", 62],
  ["hispanic", 10],
  ["chinese", 7],
  ["vietnamese", 7],
  ["japanese", 7],
  ["korean", 3],
  ["indian", 4],
];
/** Microsoft suspended 3,000 Outlook/Hotmail accounts tied to these schemes (research 1.4 "Emails"). */
const PERSONA_EMAIL: readonly (readonly [string, number])[] = [
  ["outlook.com", 34],
  ["hotmail.com", 18],
  ["gmail.com", 36],
  ["protonmail.com", 5],
  ["yahoo.com", 5],
  ["proton.me", 2],
];

const CODE: Record<RingType, string> = { laptop_farm: "LF", account_rental: "AR", identity_reuse: "IR", chain: "CH" };

function ringId(type: RingType, index: number): string {
  return `RING-${CODE[type]}-${String(index + 1).padStart(4, "0")}`;
}

/** A fraud persona: a (stolen or invented) US identity with webmail, a new number and a claimed education. */
function makePersona(env: Env, serial: number, type: RingType, country: CountryCode = "US"): Person {
  const rng = Rng.of(env.ctx.seed, "persona", serial);
  const p = makePerson(env.ctx, serial, {
    country,
    culture: rng.weighted(PERSONA_CULTURES),
    emailDomains: PERSONA_EMAIL,
    noEducation: true,
    pLinkedIn: type === "laptop_farm" ? 0.6 : 0.5,
  });
  p.birthYear = rng.int(1986, 1999);
  const r = RATES[type];
  p.education = rng.chance(0.93)
    ? fraudEducation(rng, {
        birthYear: p.birthYear,
        maxYear: env.ctx.maxGradYear,
        pMonthOff: r.monthOff,
        pMajorOff: r.majorOff,
      })
    : null;
  return p;
}

/** The persona's own application before the ring's shared infrastructure is put in. */
function personaDraft(rng: Rng, p: Person, type: RingType): Draft {
  const r = RATES[type];
  const d = renderPerson(rng, p, {
    plusOne: r.plusOne,
    pMalformedPhone: r.malformedPhone,
    pAddress: 0.6,
    pPayment: 0.5,
    pPrivateIp: 0.01,
  });
  // Personas claim the country outright; a missing claimed country would be unusual for a polished persona.
  d.record.claimed_country = p.country;
  return d;
}

function appsPerPersona(rng: Rng, weights: readonly number[]): number {
  return rng.weighted(weights.map((w, i) => [i + 1, w] as const));
}

function fraudJobAndSource(env: Env, rng: Rng, record: Draft["record"], time: number) {
  record.job_id = pickJob(rng, env.jobs, dayOf(env.cal, time), rng.chance(0.8));
  record.source = fraudSource(rng);
}

function withVpn(d: Draft, ip: string, replace: boolean) {
  const current = d.record.ip === undefined ? [] : Array.isArray(d.record.ip) ? d.record.ip : [d.record.ip];
  d.record.ip = one(replace ? [ip] : [...current, ip]);
  d.signals.add("vpn_ip");
}

// ---------------------------------------------------------------- laptop farm

class LaptopFarm implements Group {
  readonly id: string;
  personas: number[] = [];
  address!: AddressParts;
  ips: string[] = [];
  devices: string[] = [];
  payments: string[] = [];
  payUsers = new Set<number>();
  sharedPhone: { country: CountryCode; nsn: string } | null = null;
  phoneUsers = new Set<number>();
  exits: string[] = [];
  housemates = new Set<number>();

  constructor(index: number) {
    this.id = ringId("laptop_farm", index);
  }

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const p = makePersona(env, this.personas[member]!, "laptop_farm");
    const d = personaDraft(rng, p, "laptop_farm");
    const r = reuse(env);
    const useFarmIp = rng.chance(0.85 * r);
    const useDevice = rng.chance(0.9 * r);
    const useAddress = rng.chance(0.92 * r) || (!useFarmIp && !useDevice);
    const ips: string[] = useFarmIp ? [rng.pick(this.ips)] : [p.homeIp];
    // A persona whose housemate applies too is seen at home as well.
    if (this.housemates.has(member) && !ips.includes(p.homeIp)) ips.push(p.homeIp);
    d.record.ip = one(ips);
    if (rng.chance(vpnRate(env, "laptop_farm"))) withVpn(d, rng.pick(this.exits), !useFarmIp && rng.chance(0.5));
    d.record.device_id = useDevice ? rng.pick(this.devices) : rng.pick(p.devices);
    if (useAddress) d.record.shipping_address = typeAddress(rng, this.address);
    else delete d.record.shipping_address;
    if (this.payUsers.has(member)) d.record.payment_account = rng.pick(this.payments);
    if (this.sharedPhone && this.phoneUsers.has(member))
      setPhone(
        d,
        typePhone(rng, this.sharedPhone.country, this.sharedPhone.nsn, { plusOne: RATES.laptop_farm.plusOne }),
      );
    d.signals.add("burst");
    fraudJobAndSource(env, rng, d.record, time);
    return rendered(d, p, { ringId: this.id, ringType: "laptop_farm", lookalike: null, group: null });
  }
}

export function planLaptopFarm(pl: Planner, index: number, maxPersonas: number): void {
  const { rng, env } = pl;
  const g = new LaptopFarm(index);
  const n = ringSize(pl, "farm", index, () => Math.max(5, Math.min(maxPersonas, Math.round(rng.lognormal(9, 0.55)))));
  const facilitatorSerial = pl.nextSerial();
  const us = COUNTRY.US;
  const city = pickCity(rng, us);
  g.address = env.ctx.addressSpaces.get("US")!.address(rng, facilitatorSerial, city);
  if (!g.address.unitType && rng.chance(0.6))
    Object.assign(g.address, { unitType: "Apt", unit: String(rng.int(1, 24)) });
  const nIps = rng.weighted([
    [1, 5],
    [2, 3],
    [3, 2],
  ] as const);
  g.ips.push(env.ctx.infra.residential.get("US")!.at(facilitatorSerial));
  for (let i = 1; i < nIps; i++) g.ips.push(env.ctx.infra.residential.get("US")!.at(pl.nextSerial()));
  const nDevices = Math.max(1, Math.min(8, Math.round(n / rng.int(2, 4))));
  for (let i = 0; i < nDevices; i++) g.devices.push(rng.hex(32));
  for (let i = 0, k = rng.int(1, 2); i < k; i++) g.payments.push(rng.hex(64));
  for (let i = 0, k = rng.int(1, 3); i < k; i++) g.exits.push(pl.ringExit());
  for (let m = 0; m < n; m++) {
    g.personas.push(pl.nextSerial());
    if (rng.chance(0.6 * reuse(env))) g.payUsers.add(m);
  }
  if (g.payUsers.size === 0) g.payUsers.add(0);
  if (rng.chance(0.3)) {
    const serial = pl.nextSerial();
    const plan = phonePlan("US");
    g.sharedPhone = { country: "US", nsn: phoneNumberFor(plan, phoneGroupFor(rng, plan, city.areaCodes), serial) };
    for (let m = 0, k = rng.int(2, Math.min(5, n)); m < k; m++) g.phoneUsers.add(rng.int(0, n - 1));
  }
  // Bursts: the operators fill applications for many personas in one sitting.
  const counts = g.personas.map(() => appsPerPersona(rng, [45, 30, 15, 10]));
  const total = counts.reduce((a, b) => a + b, 0);
  const bursts = Array.from({ length: Math.min(6, 1 + Math.floor(total / 8)) }, () =>
    operatorTime(rng, dayStart(env.cal, pickDay(rng, env.cal, 0, 364))),
  );
  counts.forEach((k, m) => {
    for (let a = 0; a < k; a++) {
      const t = rng.pick(bursts) + Math.min(6 * HOUR_MS, rng.exponential(45 * 60_000));
      pl.emit(g, clampTime(env.cal, t), m, a);
    }
  });
  if (env.params.housemates) {
    const hrng = Rng.of(env.ctx.seed, "grid-housemates", index);
    g.personas.forEach((serial, m) => {
      if (hrng.chance(env.params.housemates!)) {
        g.housemates.add(m);
        planHousemate(pl, `HOUSEMATE-${g.id}-${m}`, makePersona(env, serial, "laptop_farm").homeIp, hrng);
      }
    });
  }
}

// ---------------------------------------------------------------- account rental

class AccountRental implements Group {
  readonly id: string;
  personas: number[] = [];
  countries: CountryCode[] = [];
  handle = "";
  subdomain = "www";
  exits: string[] = [];

  constructor(index: number) {
    this.id = ringId("account_rental", index);
  }

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const p = makePersona(env, this.personas[member]!, "account_rental", this.countries[member]);
    const d = personaDraft(rng, p, "account_rental");
    const profiles = [typeLinkedIn(rng, this.handle, this.subdomain, true)];
    if (p.github && rng.chance(0.2)) profiles.push(typeGitHub(rng, p.github));
    d.record.profile_url = one(profiles);
    if (rng.chance(vpnRate(env, "account_rental"))) withVpn(d, rng.pick(this.exits), rng.chance(0.8));
    fraudJobAndSource(env, rng, d.record, time);
    return rendered(d, p, { ringId: this.id, ringType: "account_rental", lookalike: null, group: null });
  }
}

export function planAccountRental(pl: Planner, index: number, maxPersonas: number): void {
  const { rng, env } = pl;
  const g = new AccountRental(index);
  // The profile owner: a real professional whose account is rented out; they never apply themselves.
  const owner = makePerson(env.ctx, pl.nextSerial(), { country: "US", pLinkedIn: 1 });
  g.handle = owner.linkedin!;
  const n = ringSize(pl, "rental", index, () =>
    Math.max(3, Math.min(maxPersonas, Math.round(rng.lognormal(5.5, 0.5)))),
  );
  for (let i = 0, k = rng.int(2, 5); i < k; i++) g.exits.push(pl.ringExit());
  const windowStart = rng.int(0, 250);
  for (let m = 0; m < n; m++) {
    g.personas.push(pl.nextSerial());
    g.countries.push(
      rng.weighted([
        ["US", 80],
        ["CA", 10],
        ["GB", 10],
      ] as const),
    );
    for (let a = 0, k = appsPerPersona(rng, [65, 30, 5]); a < k; a++) {
      const day = pickDay(rng, env.cal, windowStart, windowStart + 115);
      pl.emit(g, clampTime(env.cal, operatorTime(rng, dayStart(env.cal, day))), m, a);
    }
  }
}

// ---------------------------------------------------------------- identity reuse

class IdentityReuse implements Group {
  readonly id: string;
  operatives: number[] = [];
  victim!: Person;
  exits: string[] = [];

  constructor(index: number) {
    this.id = ringId("identity_reuse", index);
  }

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const v = this.victim;
    const p = makePersona(env, this.operatives[member]!, "identity_reuse");
    // Each operative opened mailboxes in the victim's name: same name, new addresses.
    const mrng = Rng.of(env.ctx.seed, "operative-mail", p.serial);
    p.email = personalEmail(mrng, v.given, v.family, v.birthYear, PERSONA_EMAIL);
    const d = personaDraft(rng, p, "identity_reuse");
    d.record.full_name = typeName(rng, v.given, v.family, v.familyFirst, true);
    const profiles = [typeLinkedIn(rng, v.linkedin!, "www", true)];
    if (v.github && rng.chance(0.4)) profiles.push(typeGitHub(rng, v.github));
    d.record.profile_url = one(profiles);
    d.record.claimed_location = claimedLocation(rng, v);
    if (v.education) {
      d.record.university = v.education.university;
      d.record.degree = v.education.degree;
      d.record.graduation_date = v.education.graduation;
      d.record.major = v.education.major;
      for (const s of ["edu_month_off", "edu_major_not_offered"]) d.signals.delete(s);
      if (p.education?.signals.includes("edu_major_not_offered")) {
        // An operative "improving" the victim's degree into a major the school does not offer.
        d.record.major = p.education.major;
        d.record.university = p.education.university;
        d.signals.add("edu_major_not_offered");
      }
    }
    if (rng.chance(vpnRate(env, "identity_reuse"))) withVpn(d, rng.pick(this.exits), rng.chance(0.8));
    fraudJobAndSource(env, rng, d.record, time);
    return rendered(d, p, { ringId: this.id, ringType: "identity_reuse", lookalike: null, group: null });
  }
}

export function planIdentityReuse(pl: Planner, index: number, maxOperatives: number): void {
  const { rng, env } = pl;
  const g = new IdentityReuse(index);
  // The victim: a real US engineer with a genuine footprint (research E4); consistent education.
  g.victim = makePerson(env.ctx, pl.nextSerial(), {
    country: "US",
    culture: rng.weighted(PERSONA_CULTURES),
    pLinkedIn: 1,
  });
  const n = ringSize(pl, "reuse", index, () => Math.max(3, Math.min(maxOperatives, rng.int(3, 8))));
  for (let i = 0, k = rng.int(2, 4); i < k; i++) g.exits.push(pl.ringExit());
  const windowStart = rng.int(0, 220);
  for (let m = 0; m < n; m++) {
    g.operatives.push(pl.nextSerial());
    for (let a = 0, k = appsPerPersona(rng, [40, 35, 25]); a < k; a++) {
      const day = pickDay(rng, env.cal, windowStart, windowStart + 140);
      pl.emit(g, clampTime(env.cal, operatorTime(rng, dayStart(env.cal, day))), m, a);
    }
  }
}

// ---------------------------------------------------------------- chain

type LinkKind = "phone" | "device" | "payment" | "address" | "email" | "ip";
const LINK_KINDS: LinkKind[] = ["phone", "device", "payment", "address", "email", "ip"];

interface Link {
  kind: LinkKind;
  phone?: string;
  value?: string;
  address?: AddressParts;
}

class Chain implements Group {
  readonly id: string;
  members: number[] = [];
  links: Link[] = [];
  exits: string[] = [];

  constructor(index: number) {
    this.id = ringId("chain", index);
  }

  render(env: Env, rng: Rng, member: number, _app: number, time: number): Rendered {
    const p = makePersona(env, this.members[member]!, "chain");
    const d = personaDraft(rng, p, "chain");
    if (rng.chance(vpnRate(env, "chain"))) withVpn(d, this.exits[member]!, rng.chance(0.3));
    for (const link of [this.links[member - 1], this.links[member]]) {
      if (!link) continue;
      switch (link.kind) {
        case "phone":
          // The shared number is never typed malformed: it is what ties the two.
          setPhone(d, typePhone(rng, "US", link.phone!, { plusOne: RATES.chain.plusOne }));
          break;
        case "device":
          d.record.device_id = link.value;
          break;
        case "payment":
          d.record.payment_account = link.value;
          break;
        case "address":
          d.record.shipping_address = typeAddress(rng, link.address!);
          break;
        case "email":
          d.record.email = link.value;
          break;
        case "ip": {
          const ips = d.record.ip === undefined ? [] : Array.isArray(d.record.ip) ? d.record.ip : [d.record.ip];
          d.record.ip = one([link.value!, ...ips.filter((x) => x !== p.homeIp)]);
          break;
        }
      }
    }
    fraudJobAndSource(env, rng, d.record, time);
    return rendered(d, p, { ringId: this.id, ringType: "chain", lookalike: null, group: null });
  }
}

export function planChain(pl: Planner, index: number): void {
  const { rng, env } = pl;
  const g = new Chain(index);
  const links = env.params.chainLinks;
  const n = links ? Rng.of(env.ctx.seed, "grid-chain", index).int(links[0], links[1]) + 1 : rng.int(4, 8);
  const offset = rng.int(0, LINK_KINDS.length - 1);
  for (let m = 0; m < n; m++) {
    g.members.push(pl.nextSerial());
    g.exits.push(pl.ringExit());
  }
  for (let j = 0; j < n - 1; j++) {
    const kind = LINK_KINDS[(offset + j) % LINK_KINDS.length]!;
    const serial = pl.nextSerial();
    const link: Link = { kind };
    if (kind === "phone") link.phone = phoneNumberFor(phonePlan("US"), phoneGroupFor(rng, phonePlan("US"), []), serial);
    else if (kind === "device") link.value = rng.hex(32);
    else if (kind === "payment") link.value = rng.hex(64);
    else if (kind === "address")
      link.address = env.ctx.addressSpaces.get("US")!.address(rng, serial, pickCity(rng, COUNTRY.US));
    else if (kind === "ip") link.value = env.ctx.infra.residential.get("US")!.at(serial);
    else {
      const token = env.ctx.linkedinTokens.at(serial).toString(36);
      link.value = `${slug(rng.pick(["contact", "jobs", "hr", "team", "career", "info"]))}.${token}@${rng.pick(["outlook.com", "proton.me", "gmail.com"])}`;
    }
    g.links.push(link);
  }
  const windowStart = rng.int(0, 200);
  for (let m = 0; m < n; m++) {
    for (let a = 0, k = appsPerPersona(rng, [70, 30]); a < k; a++) {
      const day = pickDay(rng, env.cal, windowStart, windowStart + 160);
      pl.emit(g, clampTime(env.cal, operatorTime(rng, dayStart(env.cal, day))), m, a);
    }
  }
}
