/**
 * Free-text scrubbing
 * ===================
 *
 * Titles, notes, the purpose and the recipient are written by people, and people paste values: an email
 * as the applicant typed it, a phone without its country code, a name in lower case or surname first.
 * Exact replacement of normal forms cannot catch those, so the scrubber looks for every value of the
 * case in every form the server knows (as typed, normal form, any letter case, separators loosened,
 * phones by their digits, names by each of their words in any order) and for anything that looks like
 * an email address, a phone number or an IP address. A value whose field leaves in full is kept; any
 * other is replaced by what the export shows for it (its mask or pseudonym); a lookalike that is not a
 * value of the case is withheld unless the lead released such values. All matches are found on the
 * original text first and replaced in one pass, so a replacement is never searched again.
 */
import ipaddr from "ipaddr.js";

import { normaliseEmail } from "../normalise/email.js";
import { normaliseIp } from "../normalise/ip.js";
import type { RedactableField } from "./redaction.js";

/** One value of the case, in every form the server knows, and what the export shows for it. */
export interface KnownValue {
  field: RedactableField;
  /** As typed, normal form, …: matched in any letter case with loose separators. */
  forms: string[];
  /** Whole words matched on their own in any case (the words of a name); each with its replacement. */
  words?: { word: string; shown: string }[];
  shown: string;
  /** True when the field leaves in full: the value is kept as written. */
  released: boolean;
}

/** Contact-like values of the case by their comparison forms (email and IP keys, phone digits). */
export interface ContactIndex {
  email: Map<string, { shown: string; released: boolean }>;
  ip: Map<string, { shown: string; released: boolean }>;
  /** Digits of the normal form and of every typed form; a pasted number matches on its last 7+ digits. */
  phoneDigits: Map<string, { shown: string; released: boolean }>;
}

export interface ScrubCounts {
  /** Values of the case replaced by their redacted form. */
  case_values: number;
  /** Values of the case left as written because their field leaves in full. */
  released_case_values: number;
  unlisted_emails: number;
  unlisted_phones: number;
  unlisted_ips: number;
  /** Unlisted lookalikes left as written because the lead released them. */
  released_unlisted: number;
}

interface Span {
  start: number;
  end: number;
  replacement: string;
  count: keyof ScrubCounts;
}

const SEP = "[\\s,.;:#/()\\-_]*";
const WORD_EDGE_BEFORE = "(?<![\\p{L}\\p{N}])";
const WORD_EDGE_AFTER = "(?![\\p{L}\\p{N}])";
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex source for a form: its alphanumeric chunks in order, any separators (or none) between them. */
function loosePattern(form: string): string | null {
  const chunks = form
    .normalize("NFC")
    .split(/[\s,.;:#/()\-_]+/u)
    .filter(Boolean);
  if (!chunks.length) return null;
  const joined = chunks.map(escapeRe).join(SEP);
  if (joined.replace(/\\/g, "").length < 2) return null;
  return `${WORD_EDGE_BEFORE}${joined}${WORD_EDGE_AFTER}`;
}

// Lengths are bounded (RFC 5321's 64-character local part and 63-character labels; no phone runs past
// 40 characters) so a long run of letters or digits costs linear time, not quadratic.
const EMAIL = /[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
const IPV4 = /(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}]|\.\d)/gu;
const IPV6 = /(?<![\p{L}\p{N}:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%\w+)?(?![\p{L}\p{N}:])/giu;
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().\-/]{5,40}\d(?![\p{L}\p{N}])/gu;
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

/** Markdown would read the stars of a mask as emphasis: escape what the replacement carries. */
function markdownSafe(s: string): string {
  return s.replace(/[\\`*_[\]()#<>!|~]/g, "\\$&");
}

export class FreeTextScrubber {
  private readonly patterns: { re: RegExp; replacement: (m: string) => string; released: boolean }[] = [];
  readonly counts: ScrubCounts = {
    case_values: 0,
    released_case_values: 0,
    unlisted_emails: 0,
    unlisted_phones: 0,
    unlisted_ips: 0,
    released_unlisted: 0,
  };

  constructor(
    values: KnownValue[],
    private readonly contacts: ContactIndex,
    private readonly releaseUnlisted: boolean,
  ) {
    for (const v of values) {
      const forms = new Set(v.forms.map((f) => f.trim()).filter((f) => f.length >= 2));
      const sources = [...forms].map(loosePattern).filter((p): p is string => p !== null);
      // Longest first inside one alternation, so "1233 spring way nashville" wins over "1233 spring way".
      sources.sort((a, b) => b.length - a.length);
      if (sources.length)
        this.patterns.push({
          re: new RegExp(sources.join("|"), "giu"),
          replacement: () => v.shown,
          released: v.released,
        });
      for (const w of v.words ?? [])
        if (w.word.length >= 2)
          this.patterns.push({
            re: new RegExp(`${WORD_EDGE_BEFORE}${escapeRe(w.word)}${WORD_EDGE_AFTER}`, "giu"),
            replacement: () => w.shown,
            released: v.released,
          });
    }
  }

  private contactSpan(
    start: number,
    text: string,
    known: { shown: string; released: boolean } | undefined,
    unlisted: "unlisted_emails" | "unlisted_phones" | "unlisted_ips",
    withheld: string,
  ): Span {
    const end = start + text.length;
    if (known)
      return known.released
        ? { start, end, replacement: text, count: "released_case_values" }
        : { start, end, replacement: known.shown, count: "case_values" };
    return this.releaseUnlisted
      ? { start, end, replacement: text, count: "released_unlisted" }
      : { start, end, replacement: withheld, count: unlisted };
  }

  private phoneOf(match: string): { shown: string; released: boolean } | undefined {
    const digits = match.replace(/\D/g, "");
    if (digits.length < 7) return undefined;
    for (const [known, v] of this.contacts.phoneDigits)
      if (known === digits || known.endsWith(digits) || digits.endsWith(known)) return v;
    return undefined;
  }

  /** The spans to replace in `text`, found on the original text, overlapping ones resolved longest first. */
  private spans(text: string): Span[] {
    const found: Span[] = [];
    for (const p of this.patterns)
      for (const m of text.matchAll(p.re))
        found.push({
          start: m.index,
          end: m.index + m[0].length,
          replacement: p.released ? m[0] : p.replacement(m[0]),
          count: p.released ? "released_case_values" : "case_values",
        });
    for (const m of text.matchAll(EMAIL)) {
      const key = normaliseEmail(m[0])?.key ?? m[0].toLowerCase();
      found.push(this.contactSpan(m.index, m[0], this.contacts.email.get(key), "unlisted_emails", "[email withheld]"));
    }
    for (const re of [IPV4, IPV6])
      for (const m of text.matchAll(re)) {
        if (
          !ipaddr.isValid(m[0].replace(/%\w+$/, "")) ||
          (re === IPV6 && !m[0].includes("::") && m[0].split(":").length < 4)
        )
          continue;
        const key = normaliseIp(m[0])?.key ?? m[0];
        found.push(this.contactSpan(m.index, m[0], this.contacts.ip.get(key), "unlisted_ips", "[IP address withheld]"));
      }
    for (const m of text.matchAll(PHONE)) {
      const t = m[0].replace(/[\s.)-]+$/, "");
      if (DATE_LIKE.test(t) || t.replace(/\D/g, "").length < 7 || ipaddr.IPv4.isValidFourPartDecimal(t)) continue;
      found.push(this.contactSpan(m.index, t, this.phoneOf(t), "unlisted_phones", "[phone number withheld]"));
    }
    found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const chosen: Span[] = [];
    const kept = (x: Span) => x.replacement === text.slice(x.start, x.end);
    for (const s of found) {
      const last = chosen[chosen.length - 1];
      if (!last || s.start >= last.end) {
        chosen.push({ ...s });
        continue;
      }
      if (s.end <= last.end) continue; // inside the one kept
      // Overlapping spans are merged so that nothing of either is left; a withheld part wins.
      const replacement =
        kept(last) && kept(s)
          ? text.slice(last.start, s.end)
          : [last, s]
              .filter((x) => !kept(x))
              .map((x) => x.replacement)
              .join(" ");
      chosen[chosen.length - 1] = {
        start: last.start,
        end: s.end,
        replacement,
        count: kept(last) ? s.count : last.count,
      };
    }
    return chosen;
  }

  /** The text with every value replaced; `markdown` escapes replacements so they render as written. */
  scrub(text: string | null | undefined, opts: { markdown?: boolean } = {}): string {
    if (!text) return "";
    const out: string[] = [];
    let at = 0;
    for (const s of this.spans(text)) {
      out.push(text.slice(at, s.start));
      const original = text.slice(s.start, s.end);
      const replaced = s.replacement === original;
      out.push(replaced || !opts.markdown ? s.replacement : markdownSafe(s.replacement));
      this.counts[s.count]++;
      at = s.end;
    }
    out.push(text.slice(at));
    return out.join("");
  }
}
