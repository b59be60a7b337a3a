// The options page: edits the settings in storage.sync (see shared/settings.js).
import '../shared/ext-compat.js';
import '../shared/messages.js';
import { PROVIDERS, endpointOrigins, endpointsOf, loadSettings, saveSettings } from '../shared/settings.js';
import { wireHostAccess } from '../shared/host-access.js';

const form = document.getElementById('form');
/** The core's ui.* table in the browser's language, from the background (which runs the wasm). */
const { lang, text } = await globalThis.explain502Ext.send({ type: globalThis.explain502Messages.TEXT });
const t = (key) => text?.[key] ?? '';
document.documentElement.lang = lang ?? 'en';
document.title = `explain502 · ${t('options')}`;
for (const node of document.querySelectorAll('[data-label]')) node.textContent = t(node.dataset.label);

// Each provider says what it is and what it would see (`ui.source.<id>`), for the user
// deciding whether to let it see the failing address.
for (const id of PROVIDERS) {
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = `provider.${id}`;
  const label = document.createElement('label');
  label.append(box, ` ${t(`source.${id}`)}`);
  document.getElementById('providers').append(label);
}

function fill(settings) {
  form.elements.paused.checked = settings.paused;
  form.elements.autoRetry.checked = settings.autoRetry;
  form.elements.maxWaitSeconds.value = settings.maxWaitSeconds ?? ''; // empty: the core's own cap
  for (const id of PROVIDERS) form.elements[`provider.${id}`].checked = settings.providers[id];
  form.elements.ignoredSites.value = settings.ignoredSites.join('\n');
  form.elements.endpoints.value = settings.explain502.endpoints.join('\n');
}

form.elements.endpoints.addEventListener('input', () => form.elements.endpoints.setCustomValidity(''));
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('saved');
  // Probe endpoints: https, or http to this machine; no user name or password. Nothing is
  // saved while one line is not such an address (the user sees which).
  const endpoints = endpointsOf(form.elements.endpoints.value);
  form.elements.endpoints.setCustomValidity(endpoints.invalid.length ? t('endpoints_invalid') : '');
  if (endpoints.invalid.length) {
    status.textContent = `${t('endpoints_invalid')} ${endpoints.invalid.join(' ')}`;
    return;
  }
  // Asked before anything is awaited: the browser grants a permission only during the click.
  const access = endpoints.valid.length
    ? globalThis.explain502Ext.api.permissions.request({ origins: endpointOrigins(endpoints.valid) }).catch(() => false)
    : Promise.resolve(true);
  const saved = await saveSettings({
    paused: form.elements.paused.checked,
    autoRetry: form.elements.autoRetry.checked,
    maxWaitSeconds: form.elements.maxWaitSeconds.value,
    providers: Object.fromEntries(PROVIDERS.map((id) => [id, form.elements[`provider.${id}`].checked])),
    ignoredSites: form.elements.ignoredSites.value.split('\n'),
    explain502: { endpoints: endpoints.valid },
  });
  fill(saved);
  // Saved either way; without the access the down check's fetch of that server fails (unknown).
  status.textContent = (await access) ? t('saved') : `${t('saved')} ${t('host_access')}`;
});

fill(await loadSettings());
await wireHostAccess(document.getElementById('host-access'), document.getElementById('grant'));
