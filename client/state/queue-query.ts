/**
 * Queue query
 * ===========
 *
 * The cluster queue's filters as URL query (`/clusters?run=R-…&new_since=R-…&level=high&
 * pattern=laptop_farm&min_size=5&from=2026-01-01&to=2026-01-31&q=smith&offset=50`) and as the
 * `GET /api/clusters` query: `run` picks a retained detection run instead of the latest, `new_since`
 * keeps the clusters that are new or grew since an earlier run. Decoding drops what the API would
 * reject, so a hand-edited URL still lists something.
 */
import { PATTERNS, type Pattern, type RiskLevel } from "../../server/common/detection.js";
import { runIdOrNull } from "./cluster-url.js";

export const RISK_LEVELS: readonly RiskLevel[] = ["high", "medium", "low"];
export const PATTERN_NAMES: readonly Pattern[] = PATTERNS;

export const PAGE_SIZE = 50;

/**
 * Triage choices: one state, or `todo` (everything without a final verdict, a dismissed cluster that
 * grew included), sent to the API as a comma-separated list of states.
 */
export const TRIAGE_FILTERS = {
  todo: "new,in_review,case_open,grown_since_dismissed",
  new: "new",
  in_review: "in_review",
  case_open: "case_open",
  confirmed_ring: "confirmed_ring",
  dismissed: "dismissed",
  grown_since_dismissed: "grown_since_dismissed",
} as const;
export type TriageFilter = keyof typeof TRIAGE_FILTERS;

export interface QueueQuery {
  /** A retained detection run to list instead of the latest. */
  run: string | null;
  /** Only clusters new or grown since this earlier run. */
  newSince: string | null;
  level: RiskLevel | null;
  pattern: Pattern | null;
  minSize: number | null;
  triage: TriageFilter | null;
  /** `YYYY-MM-DD`, inclusive. */
  from: string | null;
  to: string | null;
  q: string;
  offset: number;
}

export const EMPTY_QUEUE_QUERY: QueueQuery = {
  run: null,
  newSince: null,
  level: null,
  pattern: null,
  minSize: null,
  triage: null,
  from: null,
  to: null,
  q: "",
  offset: 0,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(v: string | null): string | null {
  return v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null;
}

function int(v: string | null, min: number): number | null {
  if (!v || !/^\d{1,7}$/.test(v)) return null;
  const n = Number(v);
  return n >= min ? n : null;
}

export function decodeQueueQuery(p: URLSearchParams): QueueQuery {
  const level = p.get("level") as RiskLevel | null;
  const pattern = p.get("pattern") as Pattern | null;
  const offset = int(p.get("offset"), 0) ?? 0;
  const triage = p.get("triage");
  return {
    run: runIdOrNull(p.get("run")),
    newSince: runIdOrNull(p.get("new_since")),
    level: level && RISK_LEVELS.includes(level) ? level : null,
    pattern: pattern && PATTERN_NAMES.includes(pattern) ? pattern : null,
    minSize: int(p.get("min_size"), 2),
    triage: triage && Object.hasOwn(TRIAGE_FILTERS, triage) ? (triage as TriageFilter) : null,
    from: date(p.get("from")),
    to: date(p.get("to")),
    q: (p.get("q") ?? "").trim().slice(0, 200),
    offset: offset - (offset % PAGE_SIZE),
  };
}

/** URL query for the page (defaults left out). */
export function encodeQueueQuery(q: QueueQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.run) p.set("run", q.run);
  if (q.newSince) p.set("new_since", q.newSince);
  if (q.level) p.set("level", q.level);
  if (q.pattern) p.set("pattern", q.pattern);
  if (q.minSize !== null) p.set("min_size", String(q.minSize));
  if (q.triage) p.set("triage", q.triage);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.q) p.set("q", q.q);
  if (q.offset > 0) p.set("offset", String(q.offset));
  return p;
}

/** The `GET /api/clusters` query: same names, plus the page size; `q` only from 2 characters (the API's rule). */
export function toApiQuery(q: QueueQuery): URLSearchParams {
  const p = encodeQueueQuery({ ...q, q: q.q.length >= 2 ? q.q : "" });
  if (q.triage) p.set("triage", TRIAGE_FILTERS[q.triage]);
  p.set("limit", String(PAGE_SIZE));
  return p;
}

/** Whether any filter narrows the queue (for the empty state's wording); the run viewed is not a filter. */
export function isFiltered(q: QueueQuery): boolean {
  return Boolean(q.newSince || q.level || q.pattern || q.minSize !== null || q.triage || q.from || q.to || q.q);
}

/** Clearing the filters keeps the run being viewed. */
export function clearedFilters(q: QueueQuery): QueueQuery {
  return { ...EMPTY_QUEUE_QUERY, run: q.run };
}

/** A filter change starts again at the first page. */
export function withFilter(q: QueueQuery, patch: Partial<Omit<QueueQuery, "offset">>): QueueQuery {
  return { ...q, ...patch, offset: 0 };
}
