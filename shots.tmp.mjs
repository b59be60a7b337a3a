import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './tests/e2e/support/browser.mjs';
import { spawn } from 'node:child_process';
const port = 18777;
const srv = spawn('target/release/explain502', ['serve', '--port', String(port), 'dist/site'], { stdio: 'ignore' });
await new Promise(r => setTimeout(r, 800));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const [, , ...jobs] = process.argv; // page:scheme:width:y0,y1,...
for (const job of jobs) {
  const [path, scheme, width, ys, action] = job.split(':');
  const ctx = await b.newContext({ colorScheme: scheme, viewport: { width: Number(width), height: 1100 } });
  const p = await ctx.newPage();
  await p.goto(`http://127.0.0.1:${port}/${path}`, { waitUntil: 'networkidle' });
  if (action) { await p.click(`[data-example=${action}]`); await p.waitForTimeout(300); }
  for (const y of ys.split(',')) {
    await p.evaluate((y) => window.scrollTo(0, Number(y)), y);
    await p.screenshot({ path: `/tmp/site-shots/v-${path.replace(/\W/g,'_') || 'index'}-${scheme}-${width}-${y}${action ? '-' + action : ''}.png` });
  }
  await ctx.close();
}
await b.close(); srv.kill();
