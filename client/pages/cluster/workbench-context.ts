/**
 * Workbench context
 * =================
 *
 * What the workbench's effects, actions and controllers share: the page, the cluster payload, the
 * graph (data), the store (view state) and its selectors, the renderer, the layout and the DOM parts.
 * Built once by `buildWorkbench`; each controller is `(ctx) => dispose`.
 */
import type { ClusterDetail } from "../../api.js";
import type { PageContext } from "../../app/registry.js";
import type { IdentityGroups } from "../../graph/identities.js";
import type { InvestigationGraph } from "../../graph/model.js";
import type { Renderer } from "../../render/create-renderer.js";
import type { LayoutController } from "../../render/layout.js";
import type { RendererSettings } from "../../render/settings.js";
import type { ClusterLink } from "../../state/cluster-url.js";
import type { Store } from "../../state/store.js";
import type { WorkbenchSelectors } from "../../state/workbench-selectors.js";
import type { WorkbenchState } from "../../state/workbench.js";
import type { WorkbenchActions } from "./workbench-actions.js";
import type { WorkbenchDom } from "./workbench-dom.js";
import type { WorkbenchEffects } from "./workbench-effects.js";

export interface WorkbenchOptions {
  /** A closed case's frozen picture: nothing is added to the graph. */
  readOnly?: boolean;
  /** The tab title (a case's); default `Cluster <id>`. */
  title?: string;
}

/** The graph built from the payload, and how one person's applications are drawn. */
export interface WorkbenchGraph {
  graph: InvestigationGraph;
  commonRefs: Set<string>;
  groups: IdentityGroups;
  /** One node per person with several applications. */
  grouped: boolean;
  /** A member drawn inside its identity's node is reached through the representative. */
  drawnRef(ref: string): string;
}

export interface WorkbenchContext extends WorkbenchGraph {
  page: PageContext;
  detail: ClusterDetail;
  link: ClusterLink;
  opts: WorkbenchOptions;
  /** performance.now() when the workbench started building (the first-render figure counts from it). */
  startedAt: number;
  settings: RendererSettings;
  store: Store<WorkbenchState>;
  select: WorkbenchSelectors;
  dom: WorkbenchDom;
  renderer: Renderer;
  layout: LayoutController;
  effects: WorkbenchEffects;
  actions: WorkbenchActions;
}

export type Controller = (ctx: WorkbenchContext) => () => void;
