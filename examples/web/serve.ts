// Serves the example web app: bundles app.ts (and the SDK) with esbuild, as a
// web app's build would, and serves it with index.html.
//
//   npx tsx examples/web/serve.ts [port]        # default 8081, on 127.0.0.1
//
// Then open http://127.0.0.1:8081/ (localhost is a secure context, which the
// SDK's tab sharing needs: Web Locks exist only there and on https).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

export interface ExampleServer {
  url: string;
  server: Server;
}

/** Bundles the page and starts serving it; port 0 picks a free one. */
export async function serveExample(port = 8081, host = '127.0.0.1'): Promise<ExampleServer> {
  const [bundle, html] = await Promise.all([
    build({
      entryPoints: [new URL('./app.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
    }),
    readFile(new URL('./index.html', import.meta.url), 'utf8'),
  ]);
  const js = bundle.outputFiles[0]!.contents;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { url: `http://${host}:${(server.address() as AddressInfo).port}/`, server };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveExample(Number(process.argv[2] ?? 8081));
  console.log(`example web app on ${url} (Ctrl-C to stop)`);
}
