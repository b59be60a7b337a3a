// dist/site/: the static site (contract §3), built by tools/build.mjs after the wasm, the widget,
// the error pages and the extension; `node tools/site.mjs` redoes only this step from an existing
// dist/ (SITE_URL=https://host/sub/ for the sitemap and the absolute share URLs).
//
// A page is one file: www/site/NAME.html with `<!--#head-->`, `<!--#header-->` and
// `<!--#footer-->` where the shared parts go; a Markdown document under docs/ becomes a page
// through the same template (docs/operators/nginx.md → operators/nginx.html). Every URL is
// relative, so the site works from the domain root and from any sub-path. The build fails on
// anything a visitor would trip over: a page without a title, description, lang, main or h1,
// a placeholder left, a link to a file or #anchor that is not there.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { cliPath } from './cli.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const SITE_NAME = 'explain502';
/** Documents written for contributors, not visitors: linked to the repository instead. */
const NOT_ON_SITE = new Set(['docs/ARCHITECTURE.md']);
/** The short names of the top-level documents in the footer (others: their first heading). */
const FOOTER_NAMES = {
  'docs/operators/README.md': 'Gateway set-up guides',
  'docs/extension.md': 'Browser extension',
  'docs/privacy.md': 'Privacy',
  'docs/deploy.md': 'Deploy this site',
};

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The repository's web address (Cargo.toml), where links to source files point. */
function repository() {
  return read('Cargo.toml').match(/^repository = "([^"]*)"/m)[1].replace(/\/$/, '');
}

/** docs/operators/README.md → operators/index.html; docs/extension.md → extension.html. */
function docPagePath(docPath) {
  const inside = posix.relative('docs', docPath).replace(/\.md$/, '');
  return `${inside.replace(/(^|\/)README$/, '$1index')}.html`;
}

/** Every Markdown document under docs/ that becomes a page (repository paths, sorted). */
function listDocs() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md') && !NOT_ON_SITE.has(path)) found.push(path);
    }
  };
  walk('docs');
  return found;
}

/** The `../` that leads from a page back to the site's root ('' at the root). */
const upTo = (pagePath) => '../'.repeat(pagePath.split('/').length - 1);

/** Relative URLs of a shared part (`check.html`, `./`), made to work from `pagePath`'s folder. */
function fromPage(html, pagePath) {
  const up = upTo(pagePath);
  return html.replace(/\b(href|src)="(?![a-z][a-z0-9+.-]*:|#|\/)([^"]*)"/gi,
    (_, attr, url) => `${attr}="${url === './' ? up || './' : up + url}"`);
}

/** GitHub's heading ids (what links like `README.md#post-safety` were written against). */
function slugger() {
  const seen = new Map();
  return (text) => {
    const base = text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count ? `${base}-${count}` : base;
  };
}

/** Plain text of rendered inline HTML (for titles, descriptions, slugs). */
function plain(html) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return html.replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (entity, body) => {
      if (body[0] === '#') return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
      return named[body] ?? entity;
    })
    .replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word, for a meta description. */
function clip(text, max = 180) {
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(' ', max - 1))}…`;
}

/**
 * One Markdown document as a page's <main> content, with marked (GFM). Headings get GitHub's
 * ids and a "#" link; code blocks a copy button (docs.js shows it; hidden without JavaScript);
 * links to other documents point at their pages, links to other files of the repository at
 * the repository's web address; a link to a document or file that does not exist fails the
 * build. Images must live under docs/: they are copied next to the page (the site loads
 * nothing from elsewhere).
 */
function renderDoc(docPath, context) {
  const slug = slugger();
  const pagePath = docPagePath(docPath);
  const assets = [];
  const target = (href, kind) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href) || href.startsWith('#')) return href;
    const [path, fragment] = href.split(/(?=#)/);
    const file = posix.normalize(posix.join(posix.dirname(docPath), decodeURI(path)));
    if (file.startsWith('../') || !existsSync(join(root, file))) {
      throw new Error(`${docPath}: links to ${href}, and ${file} does not exist`);
    }
    if (kind === 'image') {
      if (!file.startsWith('docs/')) throw new Error(`${docPath}: image ${href} is outside docs/`);
      assets.push(file);
      return encodeURI(posix.relative(posix.dirname(pagePath), posix.relative('docs', file)));
    }
    if (file.endsWith('.md') && file.startsWith('docs/') && !NOT_ON_SITE.has(file)) {
      const page = posix.relative(posix.dirname(pagePath), docPagePath(file));
      return encodeURI(page) + (fragment ?? '');
    }
    const isDir = statSync(join(root, file)).isDirectory();
    return `${context.repository}/${isDir ? 'tree' : 'blob'}/main/${encodeURI(file)}${fragment ?? ''}`;
  };
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        const id = slug(plain(html));
        if (depth === 1) return `<h1 id="${id}">${html}</h1>\n`;
        return `<h${depth} id="${id}">${html} <a class="anchor" href="#${id}" aria-label="Link to this section: ${escapeHtml(plain(html))}">#</a></h${depth}>\n`;
      },
      code({ text, lang }) {
        const language = (lang ?? '').split(/\s/)[0];
        const label = language ? ` data-lang="${escapeHtml(language)}"` : '';
        return `<div class="code"${label}><pre tabindex="0"><code>${escapeHtml(text)}</code></pre>`
          + '<button type="button" class="copy secondary" data-copied="Copied" data-failed="Copy failed: select the text" hidden>Copy</button></div>\n';
      },
      table(token) {
        const cell = (c, tag) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}${c.align ? ` style="text-align:${c.align}"` : ''}>${this.parser.parseInline(c.tokens)}</${tag}>`;
        // An empty heading (the corner above a column of row names) is a plain cell: a header names something.
        const head = `<tr>${token.header.map((c) => cell(c, c.text.trim() ? 'th' : 'td')).join('')}</tr>`;
        const rows = token.rows.map((row) => `<tr>${row.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n');
        return `<div class="table-wrap"><table>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        return `<a href="${escapeHtml(target(href, 'link'))}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
      },
      image({ href, title, text }) {
        return `<img src="${escapeHtml(target(href, 'image'))}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
      },
    },
  });
  const source = read(docPath);
  const tokens = marked.lexer(source);
  const h1 = tokens.find((t) => t.type === 'heading' && t.depth === 1);
  if (!h1) throw new Error(`${docPath}: no "# Title" heading: every page needs an h1`);
  const firstParagraph = tokens.find((t) => t.type === 'paragraph');
  const body = marked.parser(tokens);
  const title = plain(marked.parseInline(h1.text));
  const description = clip(plain(firstParagraph ? marked.parseInline(firstParagraph.text) : title));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${SITE_NAME}</title>
<meta name="description" content="${escapeHtml(description)}">
<!--#head-->
</head>
<body>
<!--#header-->
<main id="main" class="doc">
${context.crumb(docPath)}${body}<p class="muted doc-source">This page is <a href="${context.repository}/blob/main/${encodeURI(docPath)}">${escapeHtml(docPath)}</a> in explain502's repository.</p>
</main>
<!--#footer-->
<script type="module" src="${upTo(pagePath)}docs.js"></script>
</body>
</html>
`;
  return { pagePath, html, assets, title, type: 'article' };
}

const headlines = new Map();
/** The core's headline for a bare status, via the CLI (the pages read without JavaScript). */
function headline(status) {
  if (!headlines.has(status)) {
    const report = JSON.parse(execFileSync(cliPath, ['--json'], { input: `HTTP/1.1 ${status} \r\n\r\n`, encoding: 'utf8' }));
    headlines.set(status, report.headline);
  }
  return headlines.get(status);
}

/** The shared head: favicon, stylesheet, share tags (absolute URLs only when SITE_URL is set). */
function headFor(page, html, context) {
  const title = plain(html.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '');
  const description = html.match(/<meta name="description" content="([^"]*)">/)?.[1];
  if (!title) throw new Error(`${page.pagePath}: no <title>`);
  if (!description) throw new Error(`${page.pagePath}: no <meta name="description" content="…">`);
  const tags = [
    fromPage(context.parts.head, page.pagePath).trim(),
    `<meta property="og:site_name" content="${SITE_NAME}">`,
    `<meta property="og:type" content="${page.type ?? 'website'}">`,
    `<meta property="og:title" content="${escapeHtml(title.replace(/ · explain502$/, ''))}">`,
    `<meta property="og:description" content="${description}">`,
  ];
  if (context.siteUrl) {
    const url = context.siteUrl + page.pagePath.replace(/(^|\/)index\.html$/, '$1');
    tags.push(`<meta property="og:url" content="${escapeHtml(url)}">`, `<link rel="canonical" href="${escapeHtml(url)}">`);
  }
  return tags.join('\n');
}

/** The footer with its list of the site's top-level documents (those present in docs/). */
function footerFor(pagePath, context) {
  const order = Object.keys(FOOTER_NAMES);
  const rank = (d) => (order.includes(d.docPath) ? order.indexOf(d.docPath) : order.length);
  const links = context.docs.filter((d) => d.footer).sort((a, b) => rank(a) - rank(b)).map((d) =>
    `<li><a href="${posix.relative(posix.dirname(pagePath), d.pagePath)}">${escapeHtml(d.footer)}</a></li>`);
  const nav = `<nav aria-label="Documents"><ul>\n${links.join('\n')}\n</ul></nav>`;
  return fromPage(context.parts.footer, pagePath).replace('<!--#documents-->', () => nav);
}

/** A page with the shared parts in place, checked for what every page must have. */
function assemble(page, context) {
  const self = page.pagePath === 'index.html' ? './' : page.pagePath;
  const html = page.html
    .replace('<!--#head-->', () => headFor(page, page.html, context))
    .replace('<!--#header-->', () => fromPage(context.parts.header, page.pagePath)
      .replace(`<li><a href="${self}">`, `<li><a href="${self}" aria-current="page">`))
    .replace('<!--#footer-->', () => footerFor(page.pagePath, context))
    .replace('<!--#operator-guides-->', () => context.guides(page.pagePath))
    .replace(/\{\{headline:(\d{3})\}\}/g, (_, status) => escapeHtml(headline(Number(status))))
    .replace(/<table>[\s\S]*?<\/table>/g, labelCells);
  const left = html.match(/<!--#[\w-]+-->|\{\{headline:[^}]*\}\}/);
  if (left) throw new Error(`${page.pagePath}: unknown placeholder ${left[0]}`);
  for (const [what, pattern] of [['lang', /<html lang="[a-z-]+"/], ['main landmark', /<main[\s>]/], ['h1', /<h1[\s>]/]]) {
    if (!pattern.test(html)) throw new Error(`${page.pagePath}: no ${what}`);
  }
  return html;
}

/**
 * Gives each body cell its column's heading as `data-label`: on narrow screens site.css stacks
 * the rows and shows the labels, so no table needs side-scrolling at 360 px.
 */
function labelCells(table) {
  const head = table.match(/<thead>([\s\S]*?)<\/thead>/);
  if (!head) return table;
  const labels = [...head[1].matchAll(/<(th|td)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => plain(m[2]));
  return table.replace(/<tr>([\s\S]*?)<\/tr>/g, (row, cells) => {
    if (row.includes('scope="col"')) return row;
    let column = 0;
    return `<tr>${cells.replace(/<(th|td)(?=[\s>])/g, (cell) => `${cell} data-label="${escapeHtml(labels[column++] ?? '')}"`)}</tr>`;
  });
}

/**
 * Every relative link and source of every page leads to a file of the site, and every
 * `#fragment` to an id on its page. HTML comments are skipped: what `explain502 serve` alone
 * answers (the demo) is kept in `<!--serve-only … serve-only-->` and shown only by it.
 */
function checkLinks(out, pages) {
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    return ids.get(file);
  };
  let count = 0;
  for (const pagePath of pages) {
    const file = join(out, pagePath);
    const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const url = raw.replace(/&amp;/g, '&');
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) continue; // another site: not ours to check
      if (url.startsWith('/')) throw new Error(`${pagePath}: ${url} is absolute: it breaks under a sub-path`);
      count++;
      const [beforeFragment, fragment] = url.split('#');
      const path = decodeURIComponent(beforeFragment.split('?')[0]);
      let target = path ? join(dirname(file), path) : file;
      if (!target.startsWith(out)) throw new Error(`${pagePath}: ${url} leaves the site`);
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
      if (!existsSync(target)) throw new Error(`${pagePath}: links to ${url}, which is not in the site (a missing document?)`);
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        throw new Error(`${pagePath}: links to ${url}, and ${relative(out, target)} has no id "${fragment}"`);
      }
    }
  }
  return count;
}

/**
 * robots.txt always; sitemap.xml only with SITE_URL (a sitemap's URLs must be absolute, and a
 * static build cannot know where it will be served). Crawlers read robots.txt only at a
 * domain's root: on a sub-path deploy it is there for a host that serves the site at its root.
 */
function writeSearchFiles(out, pages, siteUrl) {
  const robots = ['User-agent: *', 'Allow: /'];
  if (siteUrl) {
    const urls = pages.map((p) => `<url><loc>${escapeHtml(siteUrl + p.replace(/(^|\/)index\.html$/, '$1'))}</loc></url>`);
    writeFileSync(join(out, 'sitemap.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
    robots.push(`Sitemap: ${siteUrl}sitemap.xml`);
  }
  writeFileSync(join(out, 'robots.txt'), `${robots.join('\n')}\n`);
}

/** SITE_URL as the site's base, ending in a slash; absent → null; not http(s) → an error. */
export function siteBase(value) {
  if (!value) return null;
  const url = new URL(value);
  if (!/^https?:$/.test(url.protocol)) throw new Error(`SITE_URL=${value}: not an http(s) address`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

export function buildSite({ dist = join(root, 'dist'), out = join(dist, 'site'), siteUrl = siteBase(process.env.SITE_URL) } = {}) {
  const source = join(root, 'www/site');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const context = {
    siteUrl,
    repository: repository(),
    parts: { head: read('www/site/_head.html'), header: read('www/site/_header.html'), footer: read('www/site/_footer.html') },
    docs: [],
  };
  // A document in a folder with a README.md (docs/operators/) links back to that folder's index.
  context.crumb = (docPath) => {
    const index = `${posix.dirname(docPath)}/README.md`;
    if (posix.dirname(docPath) === 'docs' || docPath === index || !existsSync(join(root, index))) return '';
    const title = read(index).match(/^# (.+)$/m)?.[1] ?? 'Index';
    return `<nav class="crumbs" aria-label="Breadcrumb"><a href="index.html">${escapeHtml(FOOTER_NAMES[index] ?? title)}</a> ›</nav>\n`;
  };
  const docs = listDocs().map((docPath) => ({ docPath, ...renderDoc(docPath, context) }));
  context.docs = docs.map((d) => ({ docPath: d.docPath, pagePath: d.pagePath, footer: d.docPath.split('/').length === 2 || d.docPath === 'docs/operators/README.md' ? FOOTER_NAMES[d.docPath] ?? d.title : null }));
  const guides = docs.filter((d) => d.docPath.startsWith('docs/operators/') && !d.docPath.endsWith('/README.md'));
  context.guides = (pagePath) => `<ul>\n${guides.map((d) => `<li><a href="${posix.relative(posix.dirname(pagePath), d.pagePath)}">${escapeHtml(d.title)}</a></li>`).join('\n')}\n</ul>`;
  const pages = [];
  for (const name of readdirSync(source).sort()) {
    if (name.startsWith('_')) continue; // shared parts
    if (name.endsWith('.html')) pages.push({ pagePath: name, html: read(`www/site/${name}`) });
    else cpSync(join(source, name), join(out, name), { recursive: true });
  }
  pages.push(...docs);
  for (const page of pages) {
    mkdirSync(dirname(join(out, page.pagePath)), { recursive: true });
    writeFileSync(join(out, page.pagePath), assemble(page, context));
    for (const asset of page.assets ?? []) cpSync(join(root, asset), join(out, posix.relative('docs', asset)));
  }
  for (const zip of ['explain502-chrome.zip', 'explain502-firefox.zip']) {
    if (!existsSync(join(dist, zip))) throw new Error(`site: dist/${zip} is missing: build the extension before the site`);
    cpSync(join(dist, zip), join(out, zip));
  }
  cpSync(join(dist, 'widget'), join(out, 'widget'), { recursive: true });
  // The site's core has the widget's exports plus its own (explainRaw): one wasm for all pages.
  for (const file of ['explain502_core.js', 'explain502_core_bg.wasm']) cpSync(join(dist, 'pkg/site', file), join(out, 'widget', file));
  // The error pages as built (NNN.html, and any .gz twins for hosts that serve them), as previews.
  cpSync(join(dist, 'error-pages'), join(out, 'error-pages'), { recursive: true });
  const pagePaths = pages.map((p) => p.pagePath);
  const links = checkLinks(out, pagePaths);
  writeSearchFiles(out, pagePaths, siteUrl);
  console.log(`site: ${pages.length} pages (${docs.length} from docs/), ${links} internal links checked, `
    + (siteUrl ? `sitemap.xml for ${siteUrl}` : 'no sitemap.xml (set SITE_URL=https://… for one)'));
  return { pages: pagePaths, links };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  buildSite(at > 0 ? { out: resolve(process.argv[at + 1]) } : {});
}
