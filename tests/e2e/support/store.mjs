// The store listing text (Chrome Web Store, addons.mozilla.org), written by the e2e next to the
// screenshots it takes of the real extension: name, summary and version from the built
// manifest, each permission with its reason from docs/extension.md's table, the privacy
// summary from docs/privacy.md. Nothing here is typed twice: a changed manifest or doc
// changes the listing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const doc = (path) => readFileSync(resolve(path), 'utf8');

/** docs/extension.md's permissions table: permission → "what it is used for". */
function permissionReasons() {
  const reasons = {};
  for (const line of doc('docs/extension.md').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1].startsWith('`') && !cells[1].startsWith('host')) continue;
    reasons[cells[1].replace(/`/g, '')] = cells[2];
  }
  return reasons;
}

/** The first paragraph after docs/extension.md's title: what the extension does. */
function intro() {
  const text = doc('docs/extension.md').split('\n## ')[0];
  return text.split('\n\n').slice(1).join('\n\n').trim();
}

export function storeListing(manifest, browser) {
  const reasons = permissionReasons();
  const permissions = [...manifest.permissions, 'host permissions `http://*/*`, `https://*/*`'];
  const privacy = doc('docs/privacy.md').split('\n\n')[1];
  return [
    `# ${manifest.name} ${manifest.version} — ${browser === 'firefox' ? 'addons.mozilla.org' : 'Chrome Web Store'} listing`,
    '',
    `Summary: ${manifest.description}`,
    '',
    '## Description',
    '',
    intro(),
    '',
    '## Permissions',
    '',
    ...permissions.map((p) => `- ${p}: ${reasons[p.replace(/`/g, '')] ?? reasons[p] ?? ''}`),
    '',
    '## Privacy',
    '',
    privacy,
    '',
    'Full text: docs/privacy.md (packaged as privacy/privacy.html, linked from the options page).',
    '',
    '## Screenshots (1280×800)',
    '',
    '- screenshot-1-panel.png: the panel on nginx\'s own 502 page',
    '- screenshot-2-popup.png: the toolbar popup for that tab',
    '- screenshot-3-options.png: the options',
    '',
  ].join('\n');
}
