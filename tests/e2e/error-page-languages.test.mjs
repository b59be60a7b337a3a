// Issue 14's bar on the error pages: each language's advice is written whole in that language,
// the developer's too ("the German advice holds no English words"). Each page (502, 503, 504,
// as built in dist/) is served with its status on 127.0.0.1 and opened in Chromium in each
// locale; what a visitor gets once the runtime has run is compared with the English page's:
// the same tips with the same commands (code, the same in every language), and prose that
// shares no run of three words with the English prose (an English sentence or fragment, such
// as "on a Mac", would). Product names and loanwords alone ("Docker", "Proxy", "Timeout") are
// not runs: the core's own word checks (src/advice.rs) hold the tables; this holds the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from './support/servers.mjs';
import { launchChromium } from './support/browser.mjs';

const pages = resolve('dist/error-pages');
const LOCALES = { en: 'en-US', es: 'es-ES', de: 'de-DE', fr: 'fr-FR', pt: 'pt-BR', ja: 'ja-JP' };

let browser, server, origin;
before(async () => {
  // Any path /<status>/… answers that status with that page, as a gateway would (the page's
  // own probes get the same answer: the site stays down).
  server = createServer((req, res) => {
    const status = Number(req.url.split('/')[1]);
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(`${pages}/${status}.html`));
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  origin = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
});

/** What the visitor's section shows in `locale`: its lang, other lang attributes in it, and the developer's tips. */
async function developerAdvice(page, status) {
  await page.goto(`${origin}/${status}/shop/cart`);
  // The runtime has run: the visitor's section is the only one left.
  await page.locator('.e502').waitFor({ timeout: 10_000 });
  return page.evaluate(() => {
    const section = document.querySelector('.e502');
    const tips = [...section.querySelectorAll('details li')].map((li) => {
      const prose = li.cloneNode(true);
      for (const code of prose.querySelectorAll('pre')) code.remove();
      return { prose: prose.textContent.trim(), commands: [...li.querySelectorAll('pre')].map((pre) => pre.textContent) };
    });
    return {
      lang: section.getAttribute('lang'),
      langs: [...section.querySelectorAll('[lang]')].map((node) => node.getAttribute('lang')),
      summary: section.querySelector('details summary')?.textContent ?? '',
      tips,
    };
  });
}

const words = (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** The runs of three words in `text`. */
function runs(text) {
  const list = words(text);
  return new Set(list.slice(2).map((_, i) => list.slice(i, i + 3).join(' ')));
}

test('every language\'s developer advice on the error pages is written whole in it: no English sentence, the same commands', async () => {
  const seen = {};
  for (const [lang, locale] of Object.entries(LOCALES)) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    for (const status of [502, 503, 504]) seen[`${lang} ${status}`] = await developerAdvice(page, status);
    await context.close();
  }
  for (const status of [502, 503, 504]) {
    const english = seen[`en ${status}`];
    assert.ok(english.tips.length > 0, `${status}: the English page has developer tips`);
    const englishRuns = runs(english.tips.map((tip) => tip.prose).join(' '));
    for (const lang of Object.keys(LOCALES).filter((l) => l !== 'en')) {
      const shown = seen[`${lang} ${status}`];
      const where = `${status}.html in ${lang}`;
      assert.equal(shown.lang, lang, `${where}: the visitor's language`);
      assert.deepEqual(shown.langs, [], `${where}: nothing inside marked as another language`);
      assert.notEqual(shown.summary, english.summary, `${where}: the summary is translated`);
      assert.deepEqual(shown.tips.map((tip) => tip.commands), english.tips.map((tip) => tip.commands), `${where}: the same tips and commands`);
      for (const tip of shown.tips) {
        const shared = [...runs(tip.prose)].filter((run) => englishRuns.has(run));
        assert.deepEqual(shared, [], `${where}: English in "${tip.prose}"`);
      }
    }
  }
});
