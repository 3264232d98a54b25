// Opening a handover package (overdragelse): chosen in the system's dialog by the backend;
// an encrypted one asks for the association's passphrase here, again while it is wrong.
import { api, asApiError, type ApiError, type AppStatus } from '../backend';
import { askText } from '../dialog/dialog.svelte';
import { t } from '../i18n.svelte';

/** The association opened from the package, null when the user cancelled; throws the error. */
export async function openHandover(): Promise<AppStatus | null> {
  let passphrase: string | null = null;
  for (;;) {
    let e: ApiError;
    try {
      return await api.handover_open(passphrase);
    } catch (err) {
      e = asApiError(err);
    }
    if (e.code !== 'encrypted') throw e;
    passphrase = await askText({
      title: t('handover.passTitle'),
      body: e.message,
      confirm: t('unlock.open'),
      label: t('handover.passLabel'),
      required: t('encrypt.required'),
      secret: true,
    });
    if (passphrase === null) return null;
  }
}
