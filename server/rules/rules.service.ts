/**
 * Rules service
 * =============
 *
 * Rule precision from verdicts: for each scoring rule (./catalogue.ts) and each other reason code seen,
 * how many confirmed and dismissed clusters it fired on, its precision with a 95% Wilson interval, the
 * verdict factor (./adjust.ts) and the points that factor gives; and the detection options a run uses
 * when the adjustment is switched on.
 */
import type { DetectClustersOptions } from "../detect/detect.js";
import { DEFAULT_DETECT_OPTIONS } from "../detect/options.js";
import { ADJUST, ruleFactor } from "./adjust.js";
import type { VerdictCounts, RuleStats, RuleView } from "../common/api/rules.js";
import { rulesOf, scaledScoreOptions } from "./catalogue.js";
import type { RulesRepository, VerdictRow } from "./rules.repository.js";
import { wilson } from "./wilson.js";

const stats = (code: string, v: VerdictCounts): RuleStats => {
  const n = v.confirmed + v.dismissed;
  const iv = n ? wilson(v.confirmed, n) : null;
  return {
    code,
    ...v,
    precision: n ? Math.round((v.confirmed / n) * 1000) / 1000 : null,
    interval: iv ? [Math.round(iv[0] * 1000) / 1000, Math.round(iv[1] * 1000) / 1000] : null,
  };
};

function count(rows: readonly VerdictRow[], fires: (codes: Set<string>) => boolean): VerdictCounts {
  const v = { confirmed: 0, dismissed: 0 };
  for (const r of rows) {
    if (!fires(new Set([...r.reason_codes, ...r.patterns]))) continue;
    if (r.state === "confirmed_ring") v.confirmed++;
    else v.dismissed++;
  }
  return v;
}

export class RulesService {
  constructor(
    private readonly repo: RulesRepository,
    private readonly adjustOn: boolean,
  ) {}

  async rules() {
    const rows = await this.repo.verdicts();
    const catalogue = rulesOf();
    const rules: RuleView[] = catalogue.map((r) => {
      const v = count(rows, (codes) => r.fires.some((f) => codes.has(f)));
      const factor = ruleFactor(r, v);
      return { ...r, ...stats(r.code, v), factor, adjusted_points: Math.round(r.points * factor * 10) / 10 };
    });
    const scored = new Set(catalogue.flatMap((r) => r.fires));
    const seen = new Set(rows.flatMap((r) => r.reason_codes));
    const other = [...seen]
      .filter((c) => !scored.has(c))
      .sort()
      .map((c) =>
        stats(
          c,
          count(rows, (codes) => codes.has(c)),
        ),
      );
    const confirmed = rows.filter((r) => r.state === "confirmed_ring").length;
    return {
      verdicts: { confirmed, dismissed: rows.length - confirmed },
      adjustment: { enabled: this.adjustOn, ...ADJUST },
      rules,
      other_reason_codes: other,
    };
  }

  /**
   * The detection options of a run: with the adjustment on, the default score options with each rule's
   * points scaled by its verdict factor, and the factors to record on the run; else none.
   */
  async detectOptions(enabled = this.adjustOn): Promise<Pick<DetectClustersOptions, "score" | "verdictAdjustment">> {
    if (!enabled) return {};
    const { rules } = await this.rules();
    const factors = Object.fromEntries(rules.map((r) => [r.code, r.factor]));
    return {
      score: scaledScoreOptions(DEFAULT_DETECT_OPTIONS.score, factors),
      verdictAdjustment: {
        settings: { ...ADJUST },
        rules: Object.fromEntries(
          rules.map((r) => [r.code, { factor: r.factor, confirmed: r.confirmed, dismissed: r.dismissed }]),
        ),
      },
    };
  }
}
