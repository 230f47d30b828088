/**
 * Roving focus
 * ============
 *
 * Makes a group of buttons one Tab stop (WAI-ARIA "roving tabindex"): Tab enters the group at the last
 * item used and leaves it; arrow keys, Home and End move inside. The reasons' identifier chips use it,
 * so Tab reaches the graph without walking forty chips.
 */
export function rovingFocus(group: HTMLElement, selector: string, label: string): HTMLElement {
  const items = () => [...group.querySelectorAll<HTMLElement>(selector)];
  items().forEach((el, i) => (el.tabIndex = i === 0 ? 0 : -1));
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", label);
  group.addEventListener("keydown", (e) => {
    const all = items();
    const i = all.indexOf(e.target as HTMLElement);
    if (i < 0) return;
    const next =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? Math.min(all.length - 1, i + 1)
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? Math.max(0, i - 1)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? all.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    all[i]!.tabIndex = -1;
    all[next]!.tabIndex = 0;
    all[next]!.focus();
  });
  group.addEventListener("focusin", (e) => {
    const t = e.target as HTMLElement;
    if (!t.matches(selector)) return;
    for (const el of items()) el.tabIndex = el === t ? 0 : -1;
  });
  return group;
}
