/**
 * Export dialog
 * =============
 *
 * A lead chooses the TLP marking, what each field shows (full, masked, pseudonym), the recipient, a
 * purpose, whether notes go along and whether contact details in free text that belong to nobody in
 * the case are released; the signed ZIP then downloads. The manifest's hash is shown so it can be
 * quoted when the package is sent.
 */
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "../../api.js";
import { h, replace } from "../../ui/dom.js";
import { toast } from "../../ui/states.js";
import { api } from "../../api.js";
import { openDialog } from "./dialog.js";

interface Options {
  fields: { field: string; label: string; default: string }[];
  modes: string[];
  tlp: { level: string; meaning: string }[];
}

const MODE_LABELS: Record<string, string> = { full: "Full", masked: "Masked", pseudonym: "Pseudonym" };

async function download(caseId: string, body: unknown): Promise<{ name: string; manifest: string }> {
  const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/export`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", [CSRF_HEADER]: readCookie(document.cookie, CSRF_COOKIE) ?? "" },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = await res.json().catch(() => null);
    throw new Error(err?.error?.message ?? `export failed (${res.status})`);
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${caseId}.zip`;
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, attrs: { download: name }, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, manifest: res.headers.get("x-manifest-sha256") ?? "" };
}

export async function openExportDialog(caseId: string, onDone: () => void): Promise<void> {
  const d = openDialog(`Export evidence for ${caseId}`, { id: "export-dialog", wide: true });
  replace(d.body, h("p", { class: "muted" }, "Loading options…"));
  const options = await api.get<Options>("/api/evidence/options");
  const tlp = h(
    "fieldset",
    { class: "export-tlp" },
    h("legend", null, "Marking (TLP 2.0)"),
    options.tlp.map((t) =>
      h(
        "label",
        { class: "tlp-option" },
        h("input", { type: "radio", name: "tlp", value: t.level, checked: t.level === "amber" }),
        h("strong", null, `TLP:${t.level.toUpperCase()}`),
        h("span", { class: "muted small" }, t.meaning),
      ),
    ),
  );
  const selects = options.fields.map((f) =>
    h(
      "select",
      { class: "input", name: `redaction-${f.field}`, dataset: { field: f.field } },
      options.modes.map((m) => h("option", { value: m, selected: m === f.default }, MODE_LABELS[m] ?? m)),
    ),
  );
  const redaction = h(
    "fieldset",
    { class: "export-redaction" },
    h("legend", null, "What leaves (applied to the report and every file)"),
    h(
      "table",
      { class: "redaction-table" },
      h(
        "tbody",
        null,
        options.fields.map((f, i) => h("tr", null, h("th", { scope: "row" }, f.label), h("td", null, selects[i]!))),
      ),
    ),
    h(
      "p",
      { class: "muted small" },
      "Masked keeps what identifies the kind of value (email domain, last digits, IP network). A pseudonym is the same in every export of this case and cannot be reversed by the recipient. Application ids are always included.",
    ),
  );
  const purpose = h("input", {
    class: "input",
    name: "purpose",
    placeholder: "e.g. referral to the FBI field office, request no. …",
    attrs: { maxlength: 500 },
  });
  const recipient = h("input", {
    class: "input",
    name: "recipient",
    placeholder: "e.g. FBI field office, Nashville",
    attrs: { maxlength: 300 },
  });
  const notes = h("input", { type: "checkbox", name: "include_notes", checked: true });
  const release = h("input", { type: "checkbox", name: "release_unlisted_contacts", checked: false });
  const status = h("p", { class: "export-status", attrs: { role: "status", "aria-live": "polite" } });
  replace(
    d.body,
    tlp,
    redaction,
    h(
      "label",
      { class: "field" },
      h("span", { class: "field-label" }, "Recipient (in the report and manifest)"),
      recipient,
    ),
    h(
      "label",
      { class: "field" },
      h("span", { class: "field-label" }, "Purpose or legal basis (in the report and manifest)"),
      purpose,
    ),
    h("label", null, notes, " Include the case notes"),
    h(
      "label",
      null,
      release,
      " Release emails, phones and IP addresses in notes and titles that belong to nobody in the case (withheld otherwise)",
    ),
    status,
  );
  const submit = h(
    "button",
    { type: "button", class: "btn btn-primary", dataset: { action: "confirm-export" } },
    "Export signed ZIP",
  );
  submit.addEventListener("click", async () => {
    submit.disabled = true;
    status.textContent = "Building the package (report, files, signature)…";
    const body = {
      tlp: (d.body.querySelector("input[name=tlp]:checked") as HTMLInputElement | null)?.value ?? "amber",
      redaction: Object.fromEntries(selects.map((s) => [s.dataset.field!, s.value])),
      purpose: purpose.value.trim() || undefined,
      recipient: recipient.value.trim() || undefined,
      include_notes: notes.checked,
      release_unlisted_contacts: release.checked,
    };
    try {
      const r = await download(caseId, body);
      status.textContent = `Downloaded ${r.name}. Manifest SHA-256: ${r.manifest}`;
      status.dataset.manifest = r.manifest;
      toast(`Evidence package ${r.name} exported`);
      submit.disabled = false;
      onDone();
    } catch (err) {
      status.textContent = (err as Error).message;
      submit.disabled = false;
    }
  });
  replace(d.footer, h("button", { type: "button", class: "btn", on: { click: () => d.close() } }, "Close"), submit);
}
