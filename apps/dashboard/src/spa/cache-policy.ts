import * as path from 'node:path';

/** Vite puts every content-hashed file under assets/: a new build gets new names, so they never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and other unhashed files) must be revalidated, or a browser keeps loading last build's assets. */
export const REVALIDATE = 'no-cache';

export function cacheControlFor(relativePath: string): string {
  return /^assets\/[^/]+-[\w-]{8,}\.\w+$/.test(relativePath) ? IMMUTABLE : REVALIDATE;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Text compresses; images and fonts are compressed already. */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|manifest\+json)|image\/svg\+xml)/.test(contentType);
}

/**
 * The file under the SPA root a URL path names, as a relative path, or null
 * when it can only be a client-side route or an attempt to leave the root
 * (`..`, encoded slashes, NUL, dotfiles).
 */
export function assetPathOf(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Any dot segment is refused outright rather than normalized away.
  if (decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const normal = path.posix.normalize(decoded).replace(/^\/+/, '');
  return normal === '' ? 'index.html' : normal;
}

/**
 * A deep link (`/clips/42`, `/catalog/WSOP`) gets index.html and the router
 * takes over; a missing file with an extension (`/assets/old-abc.js`) is a 404,
 * not HTML that a browser would try to run as a script.
 */
export function isClientRoute(urlPath: string): boolean {
  const last = urlPath.split('/').pop() ?? '';
  return !/\.[a-z0-9]{1,8}$/i.test(last);
}
