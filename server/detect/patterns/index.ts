/**
 * Pattern registry
 * ================
 *
 * Detection's extension point: every pattern detector as one definition. `detect.ts` runs them in this
 * order on each candidate cluster; the score adds `options.score.patternPoints[code]` (defaulting to the
 * definition's `points`) for those that fire. Adding a pattern is one file and one line here;
 * a detector reporting under its own contract pattern takes that pattern's label and help from server/common.
 */
import type { AnalysisContext, Detection } from "../context.js";
import type { ClusterFacts } from "../facts.js";
import { PATTERN_INFO, type Pattern } from "../../common/detection.js";
import { detectAccountRental } from "./account-rental.js";
import { detectIdentityReuse } from "./identity-reuse.js";
import { detectLaptopFarm } from "./laptop-farm.js";
import { detectLentContact } from "./lent-contact.js";
import { detectSharedInfrastructure } from "./shared-infrastructure.js";
import { detectTransitiveChain } from "./transitive-chain.js";

export interface PatternDefinition {
  /** Detector code: the key of its points and of its reasons. */
  code: string;
  /** The contract pattern it reports under. */
  pattern: Pattern;
  label: string;
  help: string;
  detect(ctx: AnalysisContext, facts: ClusterFacts): Detection;
  /** Default points (base + span·strength); null for the generic pattern, which only explains. */
  points: { base: number; span: number } | null;
}

export const PATTERN_REGISTRY: readonly PatternDefinition[] = [
  {
    code: "laptop_farm",
    pattern: "laptop_farm",
    ...PATTERN_INFO.laptop_farm,
    detect: detectLaptopFarm,
    points: { base: 35, span: 20 },
  },
  {
    code: "account_rental",
    pattern: "account_rental",
    ...PATTERN_INFO.account_rental,
    detect: detectAccountRental,
    points: { base: 45, span: 20 },
  },
  {
    code: "identity_reuse",
    pattern: "identity_reuse",
    ...PATTERN_INFO.identity_reuse,
    detect: detectIdentityReuse,
    points: { base: 70, span: 15 },
  },
  {
    code: "transitive_chain",
    pattern: "shared_infrastructure",
    label: "Transitive chain",
    help: "Identities linked only pairwise, each step through another kind of identifier.",
    detect: detectTransitiveChain,
    points: { base: 50, span: 20 },
  },
  {
    code: "lent_contact",
    pattern: "shared_infrastructure",
    label: "Lent contact",
    help: "An email or phone given under different names by identities who share no address, device or IP.",
    detect: detectLentContact,
    points: { base: 25, span: 0 },
  },
  {
    code: "shared_infrastructure",
    pattern: "shared_infrastructure",
    ...PATTERN_INFO.shared_infrastructure,
    detect: detectSharedInfrastructure,
    points: null,
  },
];
