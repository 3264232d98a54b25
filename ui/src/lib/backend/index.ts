// The only module that talks to the Rust backend. Everything else imports `api` from here.
import { invoke } from '@tauri-apps/api/core';
import { makeCommands, type ApiError } from './bindings';

export * from './bindings';

/** Backend errors always reach the UI as `{ code, message, fields }`. */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const err = e as ApiError;
    return { code: err.code, message: err.message, fields: err.fields ?? [] };
  }
  return { code: 'internal', message: String(e), fields: [] };
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asApiError(e);
  }
}

export const api = makeCommands(call);

/** Answers the window's close button: `ask` decides whether it may close (unsaved input is
 * asked about in the app's own dialog); then the backend closes it. */
export async function guardWindowClose(ask: () => Promise<boolean>): Promise<void> {
  const { listen } = await import('@tauri-apps/api/event');
  await listen('kvorum://close-requested', async () => {
    if (await ask()) await api.app_close();
  });
  await api.app_close_guard(true);
}

/** Field → message, for showing errors next to the fields they belong to. */
export function fieldErrors(e: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e?.fields ?? []) out[f.field] ??= f.message;
  return out;
}

let painted = false;
/** Tells the startup trace (`KVORUM_LOG=debug`) that the member list's first rows are on
 *  screen: after the next frame is drawn, once per start. */
export function tracePainted(): void {
  if (painted) return;
  painted = true;
  requestAnimationFrame(() => setTimeout(() => api.app_trace('members-painted').catch(() => {}), 0));
}

/** The projector window: `changed` runs whenever the meeting or the chosen slide may have
 *  changed (the shell says so after every command of the main window). */
export async function onProjectorChange(changed: () => void): Promise<void> {
  const { listen } = await import('@tauri-apps/api/event');
  await listen('kvorum://projector', changed);
}
