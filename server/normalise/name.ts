/**
 * Name key
 * ========
 *
 * The form in which two typed names count as the same name: accents, case, punctuation and word order
 * folded ("José  García-Lopez" and "garcia lopez, jose" share a key).
 */
export function nameKey(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const tokens = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .sort();
  return tokens.length ? tokens.join(" ") : null;
}
