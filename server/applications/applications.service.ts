/**
 * Application service
 * ===================
 *
 * Looks up applications, the applications behind an identifier (normalised as ingest does) and free
 * text (names, ids and any identifier).
 */
import type { ApplicationRepository } from "./applications.repository.js";
import type { ApplicationView, IdentifierUsage, SearchResult } from "../common/api/applications.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { candidateIdentifiers, normaliseAs } from "../normalise/identifier.js";
import type { IdentifierKind } from "../common/identifiers.js";

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export class ApplicationService {
  constructor(private readonly repo: ApplicationRepository) {}

  async get(id: string): Promise<ApplicationView> {
    const app = await this.repo.byId(id);
    if (!app) throw new NotFoundError(`application "${id}" not found`);
    const raw = typeof app.props.raw_json === "string" ? JSON.parse(app.props.raw_json) : null;
    const { raw_json: _raw, ...props } = app.props;
    void _raw;
    return { ...app, props: { ...props, raw } };
  }

  async identifier(
    kind: IdentifierKind,
    value: string,
    limit: number,
  ): Promise<IdentifierUsage & { normalised: string }> {
    const n = normaliseAs(kind, value);
    if (!n) throw new ValidationError(`"${value}" is empty once normalised as ${kind}`);
    if (!n.links) throw new NotFoundError(`${kind} "${value}" (${n.key}) is not routable and links nothing`);
    const [usage] = await this.repo.identifierUsage([{ kind, key: n.key }], limit);
    if (!usage) throw new NotFoundError(`${kind} "${n.key}" is used by no application`);
    return { ...usage, normalised: n.key };
  }

  async search(q: string, limit: number): Promise<SearchResult> {
    const query = q.trim();
    const identifiers = await this.repo.identifierUsage(candidateIdentifiers(query), limit);
    const applications: SearchResult["applications"] = [];
    const byId = await this.repo.summary(query);
    if (byId) applications.push({ ...byId, matched: "id" });
    const words = query
      .replace(LUCENE_SPECIAL, " ")
      .split(/\s+/)
      .filter((w) => w.length > 1);
    if (words.length) {
      // Every word must match, each allowing one typo, so "jon smith" finds "John Smith".
      const lucene = words.map((w) => `+${w.toLowerCase()}${w.length > 3 ? "~1" : ""}`).join(" ");
      for (const r of await this.repo.searchNames(lucene, limit)) {
        if (!applications.some((a) => a.id === r.application.id))
          applications.push({ ...r.application, matched: "name" });
      }
    }
    return { query, applications: applications.slice(0, limit), identifiers };
  }
}
