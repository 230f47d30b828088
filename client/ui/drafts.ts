/**
 * Drafts
 * ======
 *
 * Text typed into a field is kept in local storage under a key until it is saved, so a reload, a crash
 * or an expired session loses nothing: the field comes back with the draft and a note saying so.
 * Storage can be full or refused (private mode); then drafts are simply not kept.
 */
const PREFIX = "ringscope:draft:";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // No room or no storage: the field still works, without a draft.
  }
}

export interface Draft {
  /** Whether the field was filled from a draft that differs from the saved value. */
  restored: boolean;
  /** Forgets the draft (call after the save succeeded). */
  clear(): void;
}

/** Keeps `field`'s text as a draft under `key` while it differs from `saved`; restores an earlier one. */
export function keepDraft(field: HTMLTextAreaElement | HTMLInputElement, key: string, saved: string): Draft {
  const earlier = read(key);
  const restored = earlier !== null && earlier !== saved;
  if (restored) field.value = earlier;
  else if (earlier !== null) write(key, null);
  field.addEventListener("input", () => write(key, field.value === saved ? null : field.value));
  return { restored, clear: () => write(key, null) };
}

export function hasDraft(key: string): boolean {
  return read(key) !== null;
}
