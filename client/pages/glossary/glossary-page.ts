/**
 * Glossary page
 * =============
 *
 * `/glossary`: every reason, pattern, score family, indicator and count in plain words, grouped, with a
 * filter box; `#term-<id>` scrolls to one term and marks it (where the help links point).
 */
import { registerNavLink, registerPage, type PageContext } from "../../app/registry.js";
import { GROUP_TITLES, TERMS, termAnchor, type TermGroup } from "../../glossary/terms.js";
import { h, replace } from "../../ui/dom.js";
import { ACCESS } from "../../../server/common/roles.js";

function mount(ctx: PageContext): void {
  const filter = h("input", {
    type: "search",
    class: "input",
    placeholder: "Filter terms",
    attrs: { "aria-label": "Filter the glossary" },
  });
  const body = h("div", { class: "glossary-body" });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const groups = Object.keys(GROUP_TITLES) as TermGroup[];
    replace(
      body,
      groups.map((g) => {
        const terms = TERMS.filter(
          (x) => x.group === g && (!q || `${x.id} ${x.title} ${x.text}`.toLowerCase().includes(q)),
        );
        if (!terms.length) return null;
        return h(
          "section",
          { class: "glossary-group" },
          h("h2", { class: "section-title" }, GROUP_TITLES[g]),
          h(
            "dl",
            { class: "glossary-list" },
            terms.flatMap((x) => [
              h(
                "dt",
                { id: termAnchor(x.id), dataset: { term: x.id } },
                x.title,
                h("code", { class: "muted small" }, ` ${x.id}`),
              ),
              h("dd", null, x.text),
            ]),
          ),
        );
      }),
    );
  };
  filter.addEventListener("input", draw);
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-glossary" },
      h("h1", null, "Glossary"),
      h("p", { class: "page-sub muted" }, "What every reason, pattern, score and count on the cluster pages means."),
      filter,
      body,
    ),
  );
  draw();
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (target) {
    target.classList.add("glossary-target");
    target.scrollIntoView({ block: "center" });
  }
}

registerPage({ id: "glossary", path: "/glossary", title: "Glossary", mount });
registerNavLink({
  id: "glossary",
  label: "Glossary",
  href: "/glossary",
  order: 90,
  pages: ["glossary"],
  roles: ACCESS.review,
});
