/**
 * Scenario plumbing
 * =================
 *
 * A scenario group (a fraud ring, a family, a recruiter, a repeat applicant) is planned up front as a
 * small object holding only what its members share; its applications are planned as (time, member,
 * application number) events, and each event is rendered into a record only when the stream reaches
 * its day. The planner hands out serial numbers and shared network addresses from collision-free pools.
 */
import type { CountryCode } from "./data/places.js";
import type { JobBoard } from "./jobs.js";
import type { Person, SeedContext } from "./person.js";
import type { Draft } from "./render.js";
import type { Rng } from "./rng.js";
import { DAY_MS, type Calendar } from "./timing.js";
import type { LookalikeType, RingType, SeedParams } from "./types.js";

export interface Env {
  ctx: SeedContext;
  cal: Calendar;
  jobs: JobBoard;
  /** Ring and look-alike parameters ({} for the default population). */
  params: SeedParams;
}

export interface Rendered extends Draft {
  personId: string;
  ringId: string | null;
  ringType: RingType | null;
  lookalike: LookalikeType | null;
  group: string | null;
}

export interface Group {
  readonly id: string;
  render(env: Env, rng: Rng, member: number, app: number, time: number): Rendered;
}

export interface Planner {
  readonly env: Env;
  readonly rng: Rng;
  /** A fresh serial for a person, household, farm or shared identifier. */
  nextSerial(): number;
  /** A hosting/VPN exit address no other group uses. */
  ringExit(): string;
  /** An office/coworking egress address in a country, never a home address. */
  businessIp(country: CountryCode): string;
  /** Schedules application `app` of `member` of `group` at `time` (ms). */
  emit(group: Group, time: number, member: number, app: number): void;
}

export function dayOf(cal: Calendar, time: number): number {
  return Math.floor((time - cal.startMs) / DAY_MS);
}

export function dayStart(cal: Calendar, day: number): number {
  return cal.startMs + day * DAY_MS;
}

/** Keeps a planned moment inside the window. */
export function clampTime(cal: Calendar, t: number): number {
  return Math.min(cal.untilMs - 1000, Math.max(cal.startMs, Math.floor(t)));
}

/** Builds the truth-carrying result of rendering one application. */
export function rendered(
  draft: Draft,
  person: Person | string,
  truth: Pick<Rendered, "ringId" | "ringType" | "lookalike" | "group">,
): Rendered {
  return { ...draft, personId: typeof person === "string" ? person : person.id, ...truth };
}
