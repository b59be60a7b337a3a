// The tiny app behind the gateways: started and stopped by the tests, on 127.0.0.1 only.
import { createServer } from 'node:http';

export const APP_TEXT = 'Hello from the app';

/** Starts the app on `port`; returns { stop(), requests } (every request it saw). */
export function startApp(port) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>App</title><main><h1>${APP_TEXT}</h1></main></html>`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      requests,
      stop: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
    }));
  });
}
