// Where the user was on a screen, kept while the screen is made anew in another language
// (`{#key status.language}` in App.svelte): the open meeting and its step. Forgotten when
// the user goes to another screen, so a screen opened from the menu starts as always.
export const kept: { meeting: string | null; step: { meeting: string; step: string } | null } = {
  meeting: null,
  step: null,
};

export function forget() {
  kept.meeting = null;
  kept.step = null;
}
