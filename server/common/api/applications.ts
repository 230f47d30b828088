/**
 * API shapes: applications
 * ========================
 *
 * Applications, identifiers and search answers as the API sends them. Plain types, shared by server and
 * client.
 */
import type { IdentifierKind } from "../identifiers.js";

export interface IdentifierView {
  kind: IdentifierKind;
  key: string;
  ref: string;
  props: Record<string, unknown>;
  usedBy: number;
}

export interface ApplicationView {
  id: string;
  props: Record<string, unknown>;
  identifiers: IdentifierView[];
}

export interface ApplicationSummary {
  id: string;
  full_name: string | null;
  submitted_at: string;
  claimed_country: string | null;
  job_id: string | null;
}

export interface IdentifierUsage {
  kind: IdentifierKind;
  key: string;
  props: Record<string, unknown>;
  total: number;
  applications: ApplicationSummary[];
}

export interface GraphCounts {
  applications: number;
  identifiers: Record<IdentifierKind, number>;
  links: number;
}

export interface SearchResult {
  query: string;
  applications: (ApplicationSummary & { matched: string })[];
  identifiers: IdentifierUsage[];
}
