import { existsSync, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { assetPathOf, cacheControlFor, contentTypeFor, isClientRoute, isCompressible } from './cache-policy';

const gzip = promisify(zlib.gzip);
/**
 * The page loads only its own scripts and talks only to its own origin (the API is proxied);
 * Mantine sets inline styles, hence 'unsafe-inline' for styles alone.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ');
const brotli = promisify(zlib.brotliCompress);

interface LoadedFile {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  lastModified: string;
  contentType: string;
  cacheControl: string;
}

/**
 * The built SPA (`vite build` output), served from memory: it is a handful of
 * files, each read and compressed (brotli, gzip) once. Hashed assets are
 * immutable; index.html is revalidated and answers every client-side route.
 */
export class SpaFiles {
  private readonly cache = new Map<string, Promise<LoadedFile | null>>();

  constructor(readonly root: string) {}

  /** Readiness: the build is there. */
  problem(): string | null {
    return existsSync(path.join(this.root, 'index.html'))
      ? null
      : `no built dashboard at ${this.root} (run: npx nx build dashboard)`;
  }

  /** Answers GET/HEAD for the SPA; false when the request is not for it (the caller goes on). */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    const relative = assetPathOf(urlPath);
    let file = relative ? await this.load(relative) : null;
    if (!file && isClientRoute(urlPath)) file = await this.load('index.html');
    if (!file) return false;
    this.send(req, res, file);
    return true;
  }

  private load(relative: string): Promise<LoadedFile | null> {
    let loaded = this.cache.get(relative);
    if (!loaded) {
      loaded = this.read(relative);
      this.cache.set(relative, loaded);
      // Only files that exist stay cached: a path that is not there now may be after the next build.
      void loaded.then((file) => file ?? this.cache.delete(relative));
      // index.html changes with every build and is small: read it again next time a build might have replaced it.
      if (relative === 'index.html') setTimeout(() => this.cache.delete(relative), 5_000).unref();
    }
    return loaded;
  }

  private async read(relative: string): Promise<LoadedFile | null> {
    const full = path.join(this.root, relative);
    try {
      const stat = await fs.stat(full);
      if (!stat.isFile()) return null;
      const body = await fs.readFile(full);
      const contentType = contentTypeFor(full);
      const file: LoadedFile = {
        body,
        etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
        lastModified: stat.mtime.toUTCString(),
        contentType,
        cacheControl: cacheControlFor(relative),
      };
      if (isCompressible(contentType) && body.length > 1024) {
        [file.gzip, file.br] = await Promise.all([
          gzip(body, { level: 9 }),
          brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        ]);
      }
      return file;
    } catch {
      return null;
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, file: LoadedFile): void {
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Cache-Control', file.cacheControl);
    res.setHeader('ETag', file.etag);
    res.setHeader('Last-Modified', file.lastModified);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (file.contentType.startsWith('text/html')) {
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      res.setHeader('Referrer-Policy', 'same-origin');
    }
    if (file.gzip) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === file.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let body = file.body;
    if (file.br && /\bbr\b/.test(accepts)) {
      body = file.br;
      res.setHeader('Content-Encoding', 'br');
    } else if (file.gzip && /\bgzip\b/.test(accepts)) {
      body = file.gzip;
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
