/**
 * Mapping paths
 * =============
 *
 * The small path language of mapping files: `a.b`, `list[].value` (every element), `list[0].value`
 * (one element). A path reads every value it reaches, flattened; "missing" is told apart from "null" so
 * that a mapping naming a key the export never has is caught before anything is written.
 */
export interface Step {
  key: string;
  /** "all" for `[]`, a number for `[n]`, undefined for a plain key. */
  index?: "all" | number;
}

export type Path = Step[];

const STEP = /^([^[\]]+)(?:\[(\d*)\])?$/;

export function parsePath(text: string): Path {
  return text.split(".").map((part) => {
    const m = STEP.exec(part);
    if (!m) throw new Error(`path "${text}": "${part}" is not a key, key[] or key[n]`);
    const index = m[2] === undefined ? undefined : m[2] === "" ? "all" : Number(m[2]);
    return index === undefined ? { key: m[1]! } : { key: m[1]!, index };
  });
}

/** Every leaf value the path reaches (arrays at the end are flattened one level). */
export function readPath(root: unknown, path: Path): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
      const child = (v as Record<string, unknown>)[step.key];
      if (child === undefined || child === null) continue;
      if (step.index === undefined) next.push(child);
      else if (Array.isArray(child)) {
        if (step.index === "all") next.push(...child);
        else if (step.index < child.length) next.push(child[step.index]);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined);
}

/**
 * Whether a record has the path's keys: "yes" when some branch reaches the end, "no" when a key is absent
 * where an object was found, "unknown" when every branch stopped at a null or an empty list.
 */
export function pathPresence(root: unknown, path: Path): "yes" | "no" | "unknown" {
  let current: unknown[] = [root];
  let sawMissing = false;
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
      if (!(step.key in (v as object))) {
        sawMissing = true;
        continue;
      }
      const child = (v as Record<string, unknown>)[step.key];
      if (child === null) continue;
      if (step.index === undefined) next.push(child);
      else if (Array.isArray(child))
        next.push(...(step.index === "all" ? child : child.slice(step.index, step.index + 1)));
    }
    current = next;
  }
  if (current.length > 0) return "yes";
  return sawMissing ? "no" : "unknown";
}
