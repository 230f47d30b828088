/**
 * Fuzz records for ingest
 * =======================
 *
 * A seeded fast-check generator of NDJSON lines that mostly look like applications and often break
 * the contract: fields of random types, strings with control characters and lone surrogates, values
 * from empty to 1 MB, odd and impossible dates, ids reused from a small pool, lines that are not JSON
 * or not objects, and (as bytes) lines with invalid UTF-8. Same seed, same lines.
 */
import fc from "fast-check";

/** Ids come from a pool small enough that many repeat. */
const idPool = (size: number) => fc.integer({ min: 1, max: size }).map((i) => `F-${i}`);

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  maxLength: 8,
});
const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  // Any UTF-16 code unit, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), controlChars).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "null", "ﷺ".repeat(200), "İ".repeat(600)) },
);
/** Lengths around the limits and far beyond them, up to 1 MB (rare: they cost time to parse). */
const long = fc
  .tuple(
    fc.constantFrom(511, 512, 513, 999, 1000, 1001, 8200, 20_000, 300_000, 1_000_000),
    fc.constantFrom("x", "é", "😀", "\u0000"),
  )
  .map(([n, c]) => c.repeat(Math.max(1, Math.floor(n / c.length))));
const anything = fc.oneof(
  { weight: 10, arbitrary: text },
  { weight: 2, arbitrary: fc.array(text, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 3 }), { minLength: 99, maxLength: 102 }) },
);
const value = fc.oneof({ weight: 400, arbitrary: anything }, { weight: 1, arbitrary: long });
/** A field's value: usually plausible text, sometimes anything at all, so that about half the records pass. */
const field = fc.oneof({ weight: 40, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: value });

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dateTime = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1990, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
      )
      .map(([y, m, d, h]) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:15:00Z`),
  },
  // Days past the month's end, leap days, edge years, bad hours and offsets, other formats.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}T10:00:00Z`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "2026-02-30T10:00:00Z",
      "2024-02-29T10:00:00Z",
      "2023-02-29 10:00",
      "2026-04-31T00:00:00+02:00",
      "2026-01-01T24:00:00Z",
      "2026-01-01T10:00:60Z",
      "2026-01-01T10:00:00+25:00",
      "2026-01-01",
      "01/02/2026",
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z",
      "2026-06-15T12:00:00.123456789-07:30",
    ),
  },
  { weight: 1, arbitrary: value },
);
const graduation = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1950, max: 2030 }).map(String) },
  fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  value,
);

const FIELDS = [
  "full_name",
  "email",
  "phone",
  "ip",
  "device_id",
  "profile_url",
  "claimed_location",
  "university",
  "degree",
  "major",
  "shipping_address",
  "payment_account",
  "job_id",
  "source",
] as const;

const record = (poolSize: number) =>
  fc
    .record(
      {
        application_id: fc.oneof({ weight: 30, arbitrary: idPool(poolSize) }, { weight: 1, arbitrary: value }),
        submitted_at: dateTime,
        graduation_date: graduation,
        claimed_country: fc.oneof(
          { weight: 20, arbitrary: fc.constantFrom("US", "gb", "IN", "PH") },
          { weight: 1, arbitrary: value },
        ),
        unknown_field: value,
        ...Object.fromEntries(FIELDS.map((f) => [f, field])),
      },
      { requiredKeys: ["application_id", "submitted_at"] },
    )
    // A share of records drop a required field.
    .chain((r) =>
      fc.constantFrom<Record<string, unknown>>(
        r,
        r,
        r,
        r,
        r,
        r,
        r,
        r,
        r,
        { ...r, application_id: undefined },
        { ...r, submitted_at: undefined },
      ),
    );

/** One NDJSON line as bytes: a record, or something that is not one. */
export function fuzzLine(poolSize: number): fc.Arbitrary<Buffer> {
  const json = record(poolSize).map((r) => Buffer.from(JSON.stringify(r)));
  return fc.oneof(
    { weight: 90, arbitrary: json },
    // Invalid UTF-8 spliced into an otherwise good line.
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          json,
          fc.uint8Array({ minLength: 1, maxLength: 3, min: 0x80, max: 0xff }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([b, bad, at]) => {
          const i = Math.floor(at * b.length);
          return Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]);
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .string({ minLength: 1, maxLength: 50 })
        .filter((s) => !/[\n\r]/.test(s) && s.trim() !== "")
        .map((s) => Buffer.from(s)),
    },
    {
      weight: 2,
      arbitrary: fc
        .jsonValue({ maxDepth: 1 })
        .filter((v) => v === null || typeof v !== "object" || Array.isArray(v))
        .map((v) => Buffer.from(JSON.stringify(v) ?? "0")),
    },
  );
}

/** `count` lines from `seed`, each without a line break inside (JSON escapes them; raw bytes avoid 0x0A). */
export function fuzzLines(count: number, seed: number, poolSize = Math.ceil(count / 4)): Buffer[] {
  return fc.sample(fuzzLine(poolSize), { seed, numRuns: count });
}
