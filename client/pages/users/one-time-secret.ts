/**
 * One-time secret
 * ===============
 *
 * A password or token secret the server returns once: shown in a read-only field (focused and
 * selected), a copy button, and a plain note that it cannot be shown again. "Done" removes it.
 */
import { h, replace } from "../../ui/dom.js";

async function copyText(text: string, input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure origin, permission refused): fall back to copying the selection.
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

export function showOneTimeSecret(
  slot: HTMLElement,
  opts: { kind: "password" | "token"; title: string; secret: string; note: string },
): void {
  const id = `secret-${opts.kind}`;
  const input = h("input", {
    class: "input mono secret-value",
    id,
    name: `one_time_${opts.kind}`,
    value: opts.secret,
    readOnly: true,
    attrs: { spellcheck: "false", autocomplete: "off", "aria-describedby": `${id}-note` },
  });
  input.addEventListener("focus", () => input.select());
  const copied = h("span", { class: "secret-copied small", attrs: { role: "status", "aria-live": "polite" } });
  const copy = h("button", { type: "button", class: "btn", dataset: { action: "copy-secret" } }, "Copy");
  copy.addEventListener("click", async () => {
    const ok = await copyText(opts.secret, input);
    copied.textContent = ok ? "Copied to the clipboard." : "Could not copy: select the text and press Ctrl+C.";
  });
  const done = h(
    "button",
    { type: "button", class: "btn btn-ghost", dataset: { action: "dismiss-secret" } },
    "Done, I have it",
  );
  done.addEventListener("click", () => replace(slot));
  replace(
    slot,
    h(
      "div",
      { class: "secret-box", dataset: { secret: opts.kind } },
      h("label", { class: "secret-title", htmlFor: id }, opts.title),
      h("div", { class: "secret-row" }, input, copy, done),
      h("p", { class: "secret-note small", id: `${id}-note` }, opts.note),
      copied,
    ),
  );
  input.focus();
}
