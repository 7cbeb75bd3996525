// Serves the built site (dist/) under a base path, the way GitHub Pages serves a project site:
// `/BASE/x/` → dist/x/index.html, unknown paths → dist/404.html with status 404, real MIME types
// (onnxruntime refuses to stream-compile wasm served with the wrong type), and gzip for text when
// the client accepts it, as GitHub Pages does, so page weights and Lighthouse runs are realistic.
// Usage: node scripts/serve-dist.mjs [--port 4322] [--base /mlops-booklet/] [--dir dist]
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4322' },
    base: { type: 'string', default: process.env.BASE_PATH ?? '/mlops-booklet/' },
    dir: { type: 'string', default: 'dist' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const root = resolve(values.dir);
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.pkl': 'application/octet-stream',
  '.ipynb': 'application/x-ipynb+json',
  '.zip': 'application/zip',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.xml',
  '.txt',
  '.ipynb',
]);
const gzipCache = new Map();
// Keyed by path, size and modification time, so a rebuild under a running server is picked up.
function gzipped(path, info) {
  const key = `${path}:${info.size}:${info.mtimeMs}`;
  let body = gzipCache.get(key);
  if (!body) {
    body = gzipSync(readFileSync(path));
    gzipCache.set(key, body);
  }
  return body;
}

async function fileFor(pathname) {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (full !== root && !full.startsWith(root + sep)) return null;
  for (const candidate of [full, join(full, 'index.html')]) {
    try {
      const info = await stat(candidate);
      if (info.isFile()) return { path: candidate, size: info.size, info };
    } catch {
      // try the next candidate
    }
  }
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let found = null;
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { location: base }).end();
    return;
  }
  if (url.pathname.startsWith(base)) {
    try {
      found = await fileFor(url.pathname.slice(base.length - 1));
    } catch {
      found = null;
    }
  }
  const status = found ? 200 : 404;
  found ??= await fileFor('/404.html');
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const type = types[extname(found.path)] ?? 'application/octet-stream';
  const gzip =
    compressible.has(extname(found.path)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  if (gzip) {
    const body = gzipped(found.path, found.info);
    res.writeHead(status, {
      'content-type': type,
      'content-encoding': 'gzip',
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(status, {
    'content-type': type,
    'content-length': found.size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(found.path).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Serving ${root} at http://${values.host}:${values.port}${base}`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
