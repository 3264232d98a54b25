// The app's own questions. In the Tauri webview `window.confirm()` is an asynchronous
// override that returns a (truthy) Promise, so it must never be used: every destructive or
// irreversible act asks through `ask()`, answered in <ConfirmDialog> (mounted once in App).
//
// Unsaved input: a form with typed, unsaved text registers a guard (`guardUnsaved`), and
// every navigation (tabs, steps, opening another record, closing the window) first awaits
// `mayLeave()`, which asks before anything typed is thrown away.
import { listed, t } from '../i18n.svelte';

export type Question = {
  title: string;
  body: string;
  /** The confirming button says what will happen ("Erstat teksten"), never just "OK". */
  confirm: string;
  cancel?: string;
  /** The act destroys or cannot be undone: the confirming button is red. */
  danger?: boolean;
};

/** A question that needs a short text typed (the reason for a reversal, say). */
export type TextQuestion = Question & { label: string; placeholder?: string; required: string; secret?: boolean };

type Pending = Question & {
  field?: { label: string; placeholder?: string; required: string; value: string; error: string; secret?: boolean };
  resolve: (ok: boolean) => void;
};

export const dialog = $state<{ pending: Pending | null }>({ pending: null });

/** Shows the question; resolves true when the user confirms, false on cancel or Escape. */
export function ask(q: Question): Promise<boolean> {
  dialog.pending?.resolve(false);
  return new Promise((resolve) => {
    dialog.pending = { ...q, resolve };
  });
}

/** Shows the question with a text field; resolves the text typed, or null on cancel. */
export function askText(q: TextQuestion): Promise<string | null> {
  dialog.pending?.resolve(false);
  return new Promise((resolve) => {
    const field = { label: q.label, placeholder: q.placeholder, required: q.required, value: '', error: '', secret: q.secret };
    dialog.pending = {
      ...q,
      field,
      // A password is taken as typed; any other text without the spaces around it.
      resolve: (ok) => {
        const v = dialog.pending?.field?.value ?? field.value;
        resolve(ok ? (q.secret ? v : v.trim()) : null);
      },
    };
  });
}

export function answer(ok: boolean) {
  const p = dialog.pending;
  if (ok && p?.field && !p.field.value.trim()) {
    // The text is required: say so next to the field, and keep the dialog open.
    p.field.error = p.field.required;
    return;
  }
  p?.resolve(ok);
  dialog.pending = null;
}

/** Returns a description of the unsaved input ("referatets tekst"), or null when nothing is. */
export type Unsaved = () => string | null;

const guards = new Set<Unsaved>();

/** Registers a form's guard; returns the function that removes it (an onMount cleanup). */
export function guardUnsaved(unsaved: Unsaved): () => void {
  guards.add(unsaved);
  return () => {
    guards.delete(unsaved);
  };
}

/** What is typed and not saved, by every mounted form. */
export function unsavedInput(): string[] {
  return [...guards].map((g) => g()).filter((s): s is string => !!s);
}

/** True when nothing typed would be lost, or the user chose to discard it. */
export async function mayLeave(): Promise<boolean> {
  const what = unsavedInput();
  if (what.length === 0) return true;
  const ok = await ask({
    title: t('unsaved.title'),
    body: t('unsaved.body', { what: listed(what) }),
    confirm: t('unsaved.discard'),
    cancel: t('unsaved.stay'),
    danger: true,
  });
  // The guards stay: the navigation that follows unmounts their forms (which removes them),
  // or reloads what they compare against.
  return ok;
}

/** Runs `go` (a navigation) only when `mayLeave()` allows it. */
export async function leaveThen(go: () => void) {
  if (await mayLeave()) go();
}
