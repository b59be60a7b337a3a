// The five gateways of docs/operators/, each started for real (Debian's packages) on
// 127.0.0.1 with exactly the snippet its doc shows: the snippet is read from the doc, and only
// its example paths and ports are swapped for the test's.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startProcess } from './servers.mjs';

/** The fenced blocks tagged `explain502-snippet=<part>` in docs/operators/<gateway>.md. */
export function snippets(gateway) {
  const doc = readFileSync(resolve(`docs/operators/${gateway}.md`), 'utf8');
  const parts = {};
  for (const [, part, body] of doc.matchAll(/^```\S+ explain502-snippet=(\w+)\n([\s\S]*?)^```$/gm)) parts[part] = body;
  if (!Object.keys(parts).length) throw new Error(`docs/operators/${gateway}.md has no explain502-snippet block`);
  return parts;
}

/** The doc's example values → the test's: pages from dist/, the app on its free port. */
function localize(text, { appPort, pages }) {
  return text.replaceAll('/var/www/explain502', pages).replaceAll('127.0.0.1:3000', `127.0.0.1:${appPort}`);
}

function scratch(name) {
  return mkdtempSync(join(tmpdir(), `explain502-${name}-`));
}

const root = process.getuid?.() === 0;

export const GATEWAYS = {
  async nginx({ port, ...where }) {
    const { http, server } = snippets('nginx');
    const prefix = scratch('nginx');
    mkdirSync(join(prefix, 'logs'));
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((name) => `${name}_temp_path ${join(prefix, name)};`).join('\n');
    const config = `${root ? 'user root;' : ''}
daemon off; worker_processes 1; pid ${join(prefix, 'nginx.pid')}; error_log stderr error;
events { worker_connections 128; }
http {
  access_log off; ${temp}
  include /etc/nginx/mime.types;
  ${localize(http, where)}
  server {
    listen 127.0.0.1:${port};
    ${localize(server, where)}
  }
}`;
    writeFileSync(join(prefix, 'nginx.conf'), config);
    return startProcess('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { port });
  },
};
