/** Block E's JSON error: `{code, message}` (docs/api.md), or what the dashboard's proxy says when E is down. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get needsKey(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

/** `/api/search` + `{q: 'bluff', tag: undefined}` → `/api/search?q=bluff` (empty values left out). */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { code?: string; message?: string | string[] };
    if (body.code) code = body.code;
    if (body.message) message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
  } catch {
    // Not JSON (a proxy's HTML page): keep the status line.
  }
  return new ApiError(res.status, code, message);
}

export interface RequestOptions {
  signal?: AbortSignal;
  apiKey?: string | null;
}

async function request<T>(method: string, url: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.apiKey) headers['X-API-Key'] = options.apiKey;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', (error as Error).message);
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function apiGet<T>(path: string, params?: Params, options: RequestOptions = {}): Promise<T> {
  return request<T>('GET', apiUrl(path, params), options);
}

export function apiPost<T>(path: string, params?: Params, options: RequestOptions = {}): Promise<T> {
  return request<T>('POST', apiUrl(path, params), options);
}
