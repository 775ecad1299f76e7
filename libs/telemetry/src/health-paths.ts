// Kubernetes and `npm start` poll these every few seconds; logging or tracing
// each poll would drown the useful lines.
const HEALTH_PATH = /(^|\/)(health(\/[\w-]+)?|metrics)\/?$/;

/** True for /health, /health/*, /metrics, with or without a global prefix or query string. */
export function isHealthPath(url: string | undefined): boolean {
  if (!url) return false;
  const path = url.split('?', 1)[0] ?? '';
  return HEALTH_PATH.test(path);
}
