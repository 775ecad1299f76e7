const STORAGE_KEY = 'pokervod.apiKey';

/** The operator's API key lives for the browser tab only (sessionStorage), never in localStorage or the URL. */
export function storedApiKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: the key is asked for again next time.
  }
}
