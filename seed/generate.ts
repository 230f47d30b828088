/**
 * Seeded population
 * =================
 *
 * `generatePopulation({ apps, seed, until })` streams a realistic year of job applications in the contract
 * format, each with its ground truth, deterministic by seed (same seed and size: byte-identical output),
 * for any size from 1,000 to 1,000,000, in bounded memory: only small group plans and one day of
 * applications are held at a time. Records come out in submission order with ids APP-000001, APP-000002 …
 *
 * Population (design choices; shares of applications unless said otherwise):
 *
 * - Fraud, about 5% (at least 3 rings of each type, so ~12% at 1,000 applications). By applications:
 *   laptop farms 45% (5-40 personas, median ~9, 1-4 applications each), account-rental networks 20%
 *   (3-15 applicants on one rented LinkedIn profile), identity reuse 18% (3-8 operatives on one stolen
 *   name and profile, 1-3 applications each), chains 17% (4-8 personas linked only pairwise, a different
 *   identifier kind at each step). Shapes and rates: seed/rings.ts, after research 1.3/1.4.
 * - Honest look-alikes, about a third: repeat applicants ~17% (~13% from people applying 2-4 times,
 *   ~4.5% from people applying 5-15 times), mobile-carrier NAT ~5% (max(4, N/5000) carrier egress IPs,
 *   each shared by 150-300 strangers), campus NAT ~2.5% (up to 18 campuses with an ASN of their own, 2-4
 *   egress IPs each), families ~2.5% (2-4 members), recruiters ~2% (5-40 candidates each), office NAT ~2%
 *   (max(2, N/1500) offices, dozens behind each), coworking ~1% (max(2, N/3000) spaces).
 *   See seed/lookalikes.ts.
 * - The rest are ordinary single applicants. Applicant countries: US 60%, India 10%, UK 7%, Canada 6%,
 *   Germany 5%, France, Australia, Brazil, Poland 3% each; names from 15 naming cultures.
 * - Honest noise: 3% of single applicants on a consumer VPN (a pool of max(30, N/250) exits, so a few
 *   strangers share each), ~5% "+1"-formatted US numbers, 0.6% malformed numbers, 0.8% with a private LAN
 *   address beside the public one, 1.5% drawn with a harmless education oddity (a month just off the
 *   calendar, visible on ~0.6% where the school's calendar is known), 4% of immigrants with a
 *   home-country phone number.
 *
 * Shared identifiers exist only where a scenario puts them: phones, home IPs, addresses and profile
 * handles are drawn through collision-free bijections over person serials (seed/bijection.ts); devices and
 * payroll tokens are 128/256-bit random. E-mail addresses are built from names and can, rarely, coincide
 * for two people with the same name (as they would be one identity to detection anyway).
 */
import { ValidationError } from "../server/errors.js";
import { Bijection } from "./bijection.js";
import { COUNTRIES, type CountryCode } from "./data/places.js";
import { loadInfra } from "./infra.js";
import { makeJobBoard } from "./jobs.js";
import {
  planFamily,
  planRecruiter,
  planRepeat,
  planSharedPlaces,
  renderSingle,
  type SharedPlaces,
} from "./lookalikes.js";
import { AddressSpace, type SeedContext } from "./person.js";
import { planAccountRental, planChain, planIdentityReuse, planLaptopFarm } from "./rings.js";
import { addNoise } from "./noise.js";
import { validateSeedParams } from "./params.js";
import { hashInts, Rng } from "./rng.js";
import { dayOf, type Env, type Group, type Planner, type Rendered } from "./scenario.js";
import { allocateOverDays, DAY_MS, DAYS, makeCalendar } from "./timing.js";
import type { ContractRecord, SeededApplication, SeedOptions, SeedParams, TruthRow } from "./types.js";

export const MIN_APPS = 1_000;
export const MAX_APPS = 1_000_000;
export const DEFAULT_UNTIL = "2026-10-01T00:00:00Z";

/** Checks options and returns them with defaults; throws a ValidationError whose message starts "seed:". */
export function validateSeedOptions(opts: SeedOptions): Required<SeedOptions> {
  validateSeedParams(opts.params ?? {});
  const { apps, seed } = opts;
  if (!Number.isInteger(apps) || apps < MIN_APPS || apps > MAX_APPS) {
    throw new ValidationError(`seed: apps must be an integer from ${MIN_APPS} to ${MAX_APPS}, got ${apps}`);
  }
  if (!Number.isSafeInteger(seed)) throw new ValidationError(`seed: seed must be an integer, got ${seed}`);
  const until = opts.until ?? DEFAULT_UNTIL;
  if (Number.isNaN(Date.parse(until))) throw new ValidationError(`seed: until is not an ISO date-time: ${until}`);
  return { apps, seed, until, params: opts.params ?? {} };
}

export function createEnv(seed: number, until: string, apps: number, params: SeedParams = {}): Env {
  const s = hashInts([seed], 0x5eed);
  const untilMs = Math.floor(Date.parse(until) / DAY_MS) * DAY_MS;
  const cal = makeCalendar(untilMs, s);
  const ctx: SeedContext = {
    seed: s,
    startMs: cal.startMs,
    untilMs,
    maxGradYear: new Date(untilMs).getUTCFullYear() + 1,
    infra: loadInfra(s),
    linkedinTokens: new Bijection(2 ** 31 - 1, hashInts([s], 1)),
    githubTokens: new Bijection(36 ** 5, hashInts([s], 2)),
    addressSpaces: new Map(COUNTRIES.map((c) => [c.code, new AddressSpace(c, s)])),
  };
  return { ctx, cal, jobs: makeJobBoard(apps, s), params };
}

/** The planned groups and their applications, sorted by time, in typed arrays. */
interface Plan {
  groups: Group[];
  places: SharedPlaces;
  time: Float64Array;
  group: Int32Array;
  member: Int32Array;
  app: Int32Array;
  firstSingleSerial: number;
  singlesPerDay: Int32Array;
}

class PlanBuilder implements Planner {
  readonly rng: Rng;
  private serial = 0;
  private exits = 0;
  private readonly business = new Map<CountryCode, number>();
  readonly groups: Group[] = [];
  private readonly index = new Map<Group, number>();
  readonly times: number[] = [];
  readonly groupOf: number[] = [];
  readonly members: number[] = [];
  readonly apps: number[] = [];

  constructor(readonly env: Env) {
    this.rng = Rng.of(env.ctx.seed, "plan");
  }

  nextSerial(): number {
    return this.serial++;
  }

  get serialsUsed(): number {
    return this.serial;
  }

  ringExit(): string {
    return this.env.ctx.infra.ringExit.at(this.exits++);
  }

  businessIp(country: CountryCode): string {
    const k = this.business.get(country) ?? 0;
    this.business.set(country, k + 1);
    return this.env.ctx.infra.business.get(country)!.fromTop(k);
  }

  emit(group: Group, time: number, member: number, app: number): void {
    let gi = this.index.get(group);
    if (gi === undefined) {
      gi = this.groups.length;
      this.groups.push(group);
      this.index.set(group, gi);
    }
    this.times.push(time);
    this.groupOf.push(gi);
    this.members.push(member);
    this.apps.push(app);
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

function makePlan(env: Env, n: number): Plan {
  const pl = new PlanBuilder(env);
  const places = planSharedPlaces(pl, n);
  const fraud = 0.05 * n;
  const maxFarm = clamp(Math.round(n / 100), 6, 40);
  const maxGroup = clamp(Math.round(n / 120), 6, 15);
  const { ringSize, chainLinks, lookalikeDensity } = env.params;
  const count = (share: number, meanApps: number) => Math.max(3, Math.round((fraud * share) / meanApps));
  // With sizes set by parameters, as many rings as the fraud share holds at those sizes (one at least).
  const sized = (share: number, meanApps: number, appsPerPersona: number, range?: [number, number]) =>
    range
      ? Math.max(1, Math.round((fraud * share) / (((range[0] + range[1]) / 2) * appsPerPersona)))
      : count(share, meanApps);
  const dense = (k: number) => (lookalikeDensity ? Math.round(k * lookalikeDensity) : k);
  for (let i = 0, k = sized(0.45, 17, 1.9, ringSize); i < k; i++) planLaptopFarm(pl, i, maxFarm);
  for (let i = 0, k = sized(0.2, 8.4, 1.4, ringSize); i < k; i++) planAccountRental(pl, i, maxGroup);
  for (let i = 0, k = sized(0.18, 11, 1.85, ringSize); i < k; i++) planIdentityReuse(pl, i, maxGroup);
  const chainRange: [number, number] | undefined = chainLinks && [chainLinks[0] + 1, chainLinks[1] + 1];
  for (let i = 0, k = sized(0.17, 7.8, 1.3, chainRange); i < k; i++) planChain(pl, i);
  for (let i = 0, k = dense(Math.max(2, Math.round((n * 0.025) / 3.75))); i < k; i++) planFamily(pl, i);
  for (let i = 0, k = dense(Math.max(2, Math.round((n * 0.02) / 15))); i < k; i++)
    planRecruiter(pl, i, clamp(Math.round(n / 40), 8, 40));
  const heavy = Math.max(3, Math.round((n * 0.045) / 10));
  const light = Math.max(10, Math.round((n * 0.125) / 2.5));
  for (let i = 0; i < heavy + light; i++) planRepeat(pl, i, i < heavy, places);

  const planned = pl.times.length;
  if (planned > n * 0.8)
    throw new Error(`seed: internal: ${planned} planned applications exceed the population of ${n}`);
  const order = Array.from({ length: planned }, (_, i) => i).sort((a, b) => pl.times[a]! - pl.times[b]! || a - b);
  const pick = <A extends Float64Array | Int32Array>(arr: A, src: number[]) => {
    order.forEach((o, i) => (arr[i] = src[o]!));
    return arr;
  };
  return {
    groups: pl.groups,
    places,
    time: pick(new Float64Array(planned), pl.times),
    group: pick(new Int32Array(planned), pl.groupOf),
    member: pick(new Int32Array(planned), pl.members),
    app: pick(new Int32Array(planned), pl.apps),
    firstSingleSerial: pl.serialsUsed,
    singlesPerDay: allocateOverDays(n - planned, env.cal.weights),
  };
}

const PRIVATE_IP = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

function toSeeded(out: Rendered, time: number, seq: number, width: number, noise?: Rng): SeededApplication {
  const id = `APP-${String(seq).padStart(width, "0")}`;
  const record: ContractRecord = {
    application_id: id,
    submitted_at: new Date(Math.floor(time / 1000) * 1000).toISOString().replace(".000Z", "Z"),
  };
  for (const [k, v] of Object.entries(out.record))
    if (v !== undefined) (record as unknown as Record<string, unknown>)[k] = v;
  if (noise) addNoise(record, noise, out.signals);
  // A scenario that replaced the IPs may have dropped the LAN address the signal was about.
  const ips = Array.isArray(record.ip) ? record.ip : record.ip ? [record.ip] : [];
  if (!ips.some((ip) => PRIVATE_IP.test(ip))) out.signals.delete("private_ip");
  const truth: TruthRow = {
    application_id: id,
    person_id: out.personId,
    ring_id: out.ringId,
    ring_type: out.ringType,
    lookalike: out.lookalike,
    lookalike_group: out.group,
    signals: [...out.signals].sort(),
  };
  return { record, truth };
}

export function* generatePopulation(opts: SeedOptions): Generator<SeededApplication> {
  const { apps, seed, until, params } = validateSeedOptions(opts);
  const env = createEnv(seed, until, apps, params);
  const plan = makePlan(env, apps);
  const width = Math.max(6, String(apps).length);
  let serial = plan.firstSingleSerial;
  let e = 0;
  let seq = 0;
  for (let day = 0; day < DAYS; day++) {
    const batch: { time: number; out: Rendered; order: number }[] = [];
    while (e < plan.time.length && dayOf(env.cal, plan.time[e]!) <= day) {
      const g = plan.group[e]!;
      const rng = Rng.of(env.ctx.seed, "event", g, plan.member[e]!, plan.app[e]!);
      const time = plan.time[e]!;
      batch.push({
        time,
        out: plan.groups[g]!.render(env, rng, plan.member[e]!, plan.app[e]!, time),
        order: batch.length,
      });
      e++;
    }
    for (let i = 0; i < plan.singlesPerDay[day]!; i++) {
      const { time, out } = renderSingle(env, plan.places, serial++, day);
      batch.push({ time, out, order: batch.length });
    }
    batch.sort((a, b) => a.time - b.time || a.order - b.order);
    for (const b of batch) {
      seq++;
      const noise = params.noise && Rng.of(env.ctx.seed, "noise", seq);
      yield toSeeded(b.out, b.time, seq, width, noise && noise.chance(params.noise!) ? noise : undefined);
    }
  }
}
