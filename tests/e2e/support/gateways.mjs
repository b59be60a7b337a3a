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
  return text.replaceAll('/var/www/explain502', pages)
    .replaceAll('127.0.0.1:3000', `127.0.0.1:${appPort}`)
    .replaceAll('.port = "3000"', `.port = "${appPort}"`);
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

  async apache({ port, ...where }) {
    const { vhost } = snippets('apache');
    const prefix = scratch('apache');
    const modules = ['mpm_event', 'authz_core', 'proxy', 'proxy_http', 'alias', 'headers', 'mime', 'rewrite', 'brotli', 'deflate']
      .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
    const config = `${modules}
ServerRoot ${prefix}
ServerName 127.0.0.1
PidFile ${join(prefix, 'httpd.pid')}
Mutex file:${prefix}
Listen 127.0.0.1:${port}
ErrorLog ${join(prefix, 'error.log')}
LogLevel error
${root ? 'User www-data\nGroup www-data' : ''}
TypesConfig /etc/mime.types
<VirtualHost 127.0.0.1:${port}>
${localize(vhost, where)}
</VirtualHost>`;
    writeFileSync(join(prefix, 'httpd.conf'), config);
    return startProcess('/usr/sbin/apache2', ['-f', join(prefix, 'httpd.conf'), '-DFOREGROUND'], { port });
  },

  async haproxy({ port, ...where }) {
    const parts = snippets('haproxy');
    const prefix = scratch('haproxy');
    const config = `global
${localize(parts.global, where)}
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
frontend web
    bind 127.0.0.1:${port}
${localize(parts.frontend ?? '', where)}
    default_backend app
backend app
${localize(parts.backend, where)}`;
    writeFileSync(join(prefix, 'haproxy.cfg'), config);
    return startProcess('/usr/sbin/haproxy', ['-db', '-f', join(prefix, 'haproxy.cfg')], { port });
  },

  async varnish({ port, ...where }) {
    const { vcl } = snippets('varnish');
    const prefix = scratch('varnish');
    writeFileSync(join(prefix, 'default.vcl'), `vcl 4.1;\n${localize(vcl, where)}`);
    return startProcess('/usr/sbin/varnishd', ['-F', '-j', 'none', '-n', prefix, '-a', `127.0.0.1:${port}`,
      '-T', 'none', '-s', 'malloc,16m', '-f', join(prefix, 'default.vcl')], { port });
  },

  async caddy({ port, ...where }) {
    const { site } = snippets('caddy');
    const prefix = scratch('caddy');
    writeFileSync(join(prefix, 'Caddyfile'), `{
	admin off
	auto_https off
	storage file_system ${prefix}
}
http://127.0.0.1:${port} {
${localize(site, where)}
}`);
    return startProcess('/usr/bin/caddy', ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'],
      { port, env: { HOME: prefix, XDG_DATA_HOME: prefix, XDG_CONFIG_HOME: prefix } });
  },
};
