import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The same policy the Electron window enforces: our own scripts only, and the WebSocket back to us. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:* wss://*.twilio.com; media-src 'self' blob: mediastream:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The decoded path of a request, or undefined when its percent-escapes are malformed (`/%`, `/%zz`). */
function decodedPath(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
}

/**
 * The file under `root` a path names, or undefined when it names something outside it: resolved first
 * (`..`, symbolic links), then checked to be inside — a prefix test alone lets `../renderer-secret/x`
 * through, since that path starts with the folder's name.
 */
export function fileInside(root: string, path: string): string | undefined {
  if (path.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, path));
  const inside = (candidate: string, folder: string) => {
    const rel = relative(folder, candidate);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  };
  if (!inside(file, base)) return undefined;
  if (!existsSync(file)) return file;
  // A link inside the folder may still point out of it.
  return inside(realpathSync(file), realpathSync(base)) ? file : undefined;
}

/** Serves the built renderer; unknown paths get index.html so client-side routes survive a reload. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodedPath(req.url);
  if (pathname === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: the address is malformed.');
    return;
  }
  let file = fileInside(root, pathname);
  if (file === undefined) {
    res.writeHead(403).end();
    return;
  }
  const base = resolve(root);
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
  if (!existsSync(file)) {
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('The renderer is not built: run `npm run build`.');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}
