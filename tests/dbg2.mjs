import { launchChromium } from '/work/main/tests/e2e/support/browser.mjs';
import { createServer } from 'node:http'; import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const s = createServer((q, r) => { const f = dir + q.url; r.setHeader('content-type', f.endsWith('.js') ? 'text/javascript' : f.endsWith('.wasm') ? 'application/wasm' : 'text/html'); try { r.end(readFileSync(f)); } catch { r.statusCode = 404; r.end(); } }).listen(0, '127.0.0.1');
await new Promise(r => s.on('listening', r));
const b = await launchChromium(); const p = await b.newPage();
p.on('pageerror', e => console.log('pageerror', e.message));
await p.goto(`http://127.0.0.1:${s.address().port}/t.html`); await p.waitForTimeout(1000);
console.log('title', await p.title()); await b.close(); s.close();
