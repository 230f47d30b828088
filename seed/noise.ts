/**
 * Typing noise
 * ============
 *
 * For populations with noisy typed values (SeedParams.noise): an application picked for noise gets
 * cosmetic variation that normalisation must see through (letter case, doubled and stray spaces,
 * punctuation in addresses), and one in five a real typo in one identifier (a digit or letter changed),
 * which breaks that link the way a mistyped form does. The typo is recorded as the `typo` signal.
 */
import type { Rng } from "./rng.js";
import type { ContractRecord } from "./types.js";

const TYPO_FIELDS = ["email", "phone", "device_id", "shipping_address", "payment_account"] as const;

function mistype(rng: Rng, value: string): string {
  const positions = [...value].map((ch, i) => (/[a-z0-9]/i.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (!positions.length) return value;
  const i = rng.pick(positions);
  const ch = value[i]!;
  const next = /[0-9]/.test(ch)
    ? String((Number(ch) + 1) % 10)
    : ch === "z" || ch === "Z"
      ? "a"
      : String.fromCharCode(ch.charCodeAt(0) + 1);
  return value.slice(0, i) + next + value.slice(i + 1);
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function addNoise(record: ContractRecord, rng: Rng, signals: Set<string>): void {
  if (record.full_name && rng.chance(0.5)) record.full_name = `  ${record.full_name.toUpperCase()} `;
  if (record.shipping_address && rng.chance(0.5))
    record.shipping_address = record.shipping_address.replaceAll(" ", "  ").replaceAll(",", " ,").toUpperCase();
  const email = first(record.email);
  if (email && rng.chance(0.5)) record.email = ` ${email.toUpperCase()} `;
  if (!rng.chance(0.2)) return;
  const fields = TYPO_FIELDS.filter((f) => first(record[f]) !== undefined);
  if (!fields.length) return;
  const f = rng.pick(fields);
  const value = first(record[f])!;
  (record as unknown as Record<string, string>)[f] = mistype(rng, value);
  signals.add("typo");
}
