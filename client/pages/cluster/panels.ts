/**
 * Panel state
 * ===========
 *
 * Which side panels of the cluster page are open, remembered per browser (an investigator who wants
 * the graph wide keeps it wide on the next cluster). Storage failures (private mode) are ignored.
 */
export interface PanelState {
  summary: boolean;
  side: boolean;
}

const KEY = "ringscope:cluster-panels";

export function loadPanels(): PanelState {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<PanelState> | null;
    return { summary: v?.summary !== false, side: v?.side !== false };
  } catch {
    return { summary: true, side: true };
  }
}

export function savePanels(s: PanelState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // not remembered; the panels still work
  }
}
