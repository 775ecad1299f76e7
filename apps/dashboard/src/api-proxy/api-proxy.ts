import * as http from 'node:http';
import * as https from 'node:https';

/** Headers that describe one hop, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardable(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/** A body the proxy cannot forward (it parsed, but cannot be written again). */
class UnforwardableBody extends Error {}

/**
 * The request body, when Nest's body parser already read it off the socket
 * (JSON and form bodies): serialized again, since the stream cannot be piped twice.
 */
function consumedBody(req: http.IncomingMessage): Buffer | null {
  if (!req.readableEnded) return null;
  const body = (req as http.IncomingMessage & { body?: unknown }).body;
  if (body === undefined) return Buffer.alloc(0);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) {
    return Buffer.from(new URLSearchParams(body as Record<string, string>).toString());
  }
  try {
    return Buffer.from(JSON.stringify(body));
  } catch {
    // JSON.parse took it, but writing it back overflows the stack (thousands of nested arrays).
    throw new UnforwardableBody('the JSON body is nested too deeply');
  }
}

function fail(res: http.ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ statusCode: status, code, message });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

export interface ApiProxyOptions {
  /** Block E's base URL, e.g. http://127.0.0.1:3000 (a path prefix is kept). */
  apiUrl: string;
  /** Time to wait for the API's response headers; the body (a video, an event stream) may then take as long as it takes. */
  headersTimeoutMs?: number;
}

/**
 * A streaming reverse proxy of `/api/*` to block E, so the browser only talks
 * to the dashboard's origin. Bodies are piped both ways chunk by chunk: video
 * Range answers start at once and server-sent events are not buffered.
 */
export function createApiProxy(options: ApiProxyOptions) {
  const base = new URL(options.apiUrl);
  const client = base.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: 256 });
  const prefix = base.pathname.replace(/\/$/, '');
  const headersTimeoutMs = options.headersTimeoutMs ?? 30_000;

  return function proxy(req: http.IncomingMessage, res: http.ServerResponse): void {
    // originalUrl: Express may have rewritten req.url for a mounted middleware.
    const path = (req as http.IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    let body: Buffer | null;
    try {
      body = consumedBody(req);
    } catch (error) {
      if (!(error instanceof UnforwardableBody)) throw error;
      return fail(res, 400, 'invalid_request', error.message);
    }
    const headers = forwardable(req.headers);
    headers['host'] = base.host;
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    const remote = req.socket.remoteAddress;
    if (remote) {
      const prior = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = prior ? `${String(prior)}, ${remote}` : remote;
    }
    if (body) headers['content-length'] = String(body.length);

    const upstream = client.request(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: prefix + path,
        headers,
        agent,
      },
      (answer) => {
        upstream.setTimeout(0);
        const out = forwardable(answer.headers);
        // An event stream must reach the browser as it is written (also through nginx in front).
        if (String(answer.headers['content-type'] ?? '').startsWith('text/event-stream'))
          out['x-accel-buffering'] = 'no';
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.setTimeout(headersTimeoutMs, () => upstream.destroy(new Error(`no answer within ${headersTimeoutMs} ms`)));
    upstream.on('error', (error) =>
      fail(res, 502, 'api_unreachable', `The API at ${base.origin} did not answer: ${error.message}`),
    );
    // The browser went away (closed the player or the event stream): stop the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });

    if (body) upstream.end(body);
    else req.pipe(upstream);
  };
}
