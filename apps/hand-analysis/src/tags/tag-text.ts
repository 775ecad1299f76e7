/**
 * How a tag is written, however it was typed: `＃ＢＬＵＦＦ`, `#Bluff`,
 * `Hero Call`, `hero_call` and ` hero--call ` all become `bluff` /
 * `hero-call`. NFKC folds full-width letters and signs to ASCII (Hangul is
 * left as it is); a leading `#` is dropped; runs of spaces, underscores and
 * hyphens become one hyphen. Returns null when nothing is left.
 */
export function normalizeTagText(raw: string): string | null {
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/^#+/, '')
    .replace(/[\s_\-‐‑‒–—―]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return text === '' ? null : text;
}

/**
 * The key a tag is looked up by: its normalized text without hyphens, so
 * `hero-call`, `herocall` and `히어로 콜` / `히어로콜` find the same entry.
 */
export function tagLookupKey(normalized: string): string {
  return normalized.replace(/-/g, '');
}
