// The meeting screen's side of the projector: whether its window is open, frozen, and the
// slide the meeting moved to. The projector window itself reads only `projector_view`.
import { api, asApiError, type Slide } from '../backend';

export const projector = $state({ open: false, frozen: false, error: '' });

// The projector closed by its own window button: the meeting screen offers to open it again,
// and the next one starts following, not frozen.
if (typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window) {
  import('@tauri-apps/api/event')
    .then(({ listen }) =>
      listen('kvorum://projector-closed', () => {
        projector.open = false;
        freeze(false);
      }),
    )
    .catch(() => {});
}

/** Puts `slide` on the wall. `follow`: the meeting moved on by itself (the next item, a
 *  decision recorded): nothing happens while no projector is open, or it is frozen. */
export async function show(meeting: string, slide: Slide, follow = false): Promise<void> {
  if (follow && !projector.open) return;
  try {
    const v = await api.projector_show({ meeting, slide, follow });
    projector.frozen = v.frozen;
    projector.error = '';
  } catch (e) {
    projector.error = asApiError(e).message;
  }
}

export async function openProjector(meeting: string, slide: Slide): Promise<void> {
  try {
    await api.projector_show({ meeting, slide, follow: false });
    await api.projector_open();
    projector.open = true;
    projector.error = '';
  } catch (e) {
    projector.error = asApiError(e).message;
  }
}

export async function closeProjector(): Promise<void> {
  try {
    await api.projector_close();
    await freeze(false);
  } finally {
    projector.open = false;
  }
}

export async function freeze(on: boolean): Promise<void> {
  try {
    const v = await api.projector_freeze(on);
    projector.frozen = v?.frozen ?? on;
  } catch (e) {
    projector.error = asApiError(e).message;
  }
}
