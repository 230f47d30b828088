/**
 * One person's typos
 * ==================
 *
 * A repeat applicant mistypes: a digit of the phone, a letter of the mailbox. Each typo is a value of its
 * own (usually used once, so detection's input keeps it only as a count), and ten applications with two
 * typo'd mailboxes and one typo'd number read as three mailboxes and three phones: the identity-reuse
 * pattern. A value one identity (one folded name, linked by a personal identifier) gives on one
 * application only, one edit (a character changed, added or removed) from a value it gives on two or
 * more, is that value mistyped: a slip from what the person usually types. The operators of a reused
 * identity each make their own mailbox and number and use them, so theirs are not folded, even when
 * made in sequence one character apart.
 *
 * The values are needed only where the pattern would fire without folding: `reuseCandidates`
 * (reuse-candidates.ts) names those applications, a reader fetches their emails, phones and devices (server/runs/load-contact-keys.ts, or
 * the records in process) and `attachContactKeys` puts them on the input (`DetectionInput.contactKeys`).
 */
import { K, KIND_COUNT, type ContactKey, type DetectionInput } from "./input.js";

/** The kinds whose values are folded: those the identity-reuse pattern counts. */
export const TYPO_KINDS: readonly number[] = [K.email, K.phone, K.device];

/** Whether `a` and `b` are at most one edit apart (Levenshtein distance ≤ 1), in linear time. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * How many distinct values remain when each one-off (a value on one application) that is at most
 * `maxEdits` (0 or 1) from a value given on two or more is taken as a typo of it. `values` holds one entry
 * per application giving the value. A typo is a slip from the value a person usually types; values each
 * given as often (accounts made in sequence, "miller1", "miller2") are not folded into one another.
 */
export function distinctUpToTypos(values: readonly string[], maxEdits: number): number {
  const uses = new Map<string, number>();
  for (const v of values) uses.set(v, (uses.get(v) ?? 0) + 1);
  if (maxEdits < 1) return uses.size;
  const usual = [...uses].filter(([, n]) => n >= 2).map(([v]) => v);
  let distinct = 0;
  for (const [v, n] of uses) if (n >= 2 || !usual.some((u) => withinOneEdit(u, v))) distinct++;
  return distinct;
}

/**
 * Distinct emails, phones and devices over `apps` with typos folded (by kind code; other kinds 0), from
 * `input.contactKeys`; null when the input lacks the values of one of them (the caller then counts
 * without folding).
 */
export function distinctFolded(input: DetectionInput, apps: readonly number[], maxEdits: number): number[] | null {
  const keys = input.contactKeys;
  if (!keys) return null;
  const per: string[][] = TYPO_KINDS.map(() => []);
  for (const a of apps) {
    const own = keys.get(a);
    if (!own) return null;
    for (const c of own) per[TYPO_KINDS.indexOf(c.kind)]?.push(c.key);
  }
  const out = new Array<number>(KIND_COUNT).fill(0);
  TYPO_KINDS.forEach((k, j) => (out[k] = distinctUpToTypos(per[j]!, maxEdits)));
  return out;
}

/**
 * Puts the fetched values of `candidates` on the input: an application's emails, phones and devices
 * (shared or not), kept only when there are as many per kind as the input counts for it (a value read
 * after the input, from an application re-ingested since, is not mixed with the input's counts).
 */
export function attachContactKeys(
  input: DetectionInput,
  candidates: readonly number[],
  fetched: (app: number) => readonly ContactKey[] | undefined,
): void {
  const keys = new Map<number, ContactKey[]>();
  const { kindTotals } = input.apps;
  for (const a of candidates) {
    const own = fetched(a);
    if (!own) continue;
    const complete = TYPO_KINDS.every((k) => own.filter((c) => c.kind === k).length === kindTotals[a * KIND_COUNT + k]);
    if (complete) keys.set(a, [...own]);
  }
  input.contactKeys = keys;
}
