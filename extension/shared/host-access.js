// Firefox MV3 may install the extension without its host permissions (and Chrome lets the user
// withhold them): without them nothing is observed. The popup and the options page show a
// banner with a button that asks, as permissions.request needs a user gesture.
import './ext-compat.js';

const ext = globalThis.explain502Ext;

export async function wireHostAccess(banner, button) {
  const refresh = async () => { banner.hidden = await ext.hasHostAccess(); };
  button.addEventListener('click', async () => {
    await ext.requestHostAccess().catch(() => false);
    await refresh();
  });
  await refresh();
}
