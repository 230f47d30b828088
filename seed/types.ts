/**
 * Seed types
 * ==========
 *
 * What the generator emits: application records in the contract's input format, and for each the
 * ground truth the evaluation scores detection against.
 */

/** One application in the contract's input format ("In: applications"). */
export interface ContractRecord {
  application_id: string;
  submitted_at: string;
  full_name?: string;
  email?: string | string[];
  phone?: string | string[];
  ip?: string | string[];
  device_id?: string | string[];
  profile_url?: string | string[];
  claimed_country?: string;
  claimed_location?: string;
  university?: string;
  degree?: string;
  major?: string;
  graduation_date?: string;
  shipping_address?: string;
  payment_account?: string;
  job_id?: string;
  source?: string;
}

export const RING_TYPES = ["laptop_farm", "account_rental", "identity_reuse", "chain"] as const;
export type RingType = (typeof RING_TYPES)[number];

export const LOOKALIKE_TYPES = [
  "carrier_nat",
  "campus_nat",
  "office_nat",
  "coworking",
  "family",
  "recruiter",
  "repeat_applicant",
] as const;
/** Look-alikes only a parameterised population holds (SeedParams; the default population has none). */
export const PARAM_LOOKALIKE_TYPES = ["housemate"] as const;
export const ALL_LOOKALIKE_TYPES = [...LOOKALIKE_TYPES, ...PARAM_LOOKALIKE_TYPES] as const;
export type LookalikeType = (typeof ALL_LOOKALIKE_TYPES)[number];

/** Ground truth for one application. */
export interface TruthRow {
  application_id: string;
  /** The real person (or operative persona) behind the application. */
  person_id: string;
  /** The fraud ring it belongs to, or null for honest applicants. */
  ring_id: string | null;
  ring_type: RingType | null;
  /** The honest look-alike situation it was generated in, if any (an honest applicant may be in none). */
  lookalike: LookalikeType | null;
  /** The look-alike group (family, office, recruiter …) it shares infrastructure with, if any. */
  lookalike_group: string | null;
  /**
   * Weak signals the generator put on this application (optional): vpn_ip, malformed_phone,
   * plus_one_format, edu_month_off, edu_major_not_offered, burst, private_ip.
   */
  signals?: string[];
}

/**
 * Ring and look-alike parameters, for populations unlike the default one (`npm run eval -- --grid`).
 * Every field is optional; a population generated without them is byte-identical to one generated before
 * they existed. Draws they need come from their own random streams.
 */
export interface SeedParams {
  /** Personas per laptop farm, account-rental network and reused identity, [min, max]. */
  ringSize?: [number, number];
  /** Links per chain, [min, max] (a chain of k links has k + 1 personas). */
  chainLinks?: [number, number];
  /** Share of ring applications sent through a hosting/VPN exit (replaces the per-type rates). */
  ringVpn?: number;
  /** Factor (0–1] on how often a farm persona uses the farm's IP, laptop, address and payroll account. */
  ringReuse?: number;
  /** Multiplier on the number of families and recruiters (and housemates), e.g. 1–5. */
  lookalikeDensity?: number;
  /** Share of families whose members all apply within one evening. */
  familyBurst?: number;
  /** Share of farm personas with an honest housemate who applies from the persona's home IP. */
  housemates?: number;
  /** Share of applications with typing noise: cosmetic variation, and a fifth of them a real typo in one identifier. */
  noise?: number;
}

export interface SeedOptions {
  /** Number of applications, 1,000 to 1,000,000. */
  apps: number;
  seed: number;
  /** Submission window end (ISO); the population spans the 365 days before it. */
  until?: string;
  params?: SeedParams;
}

export interface SeededApplication {
  record: ContractRecord;
  truth: TruthRow;
}
