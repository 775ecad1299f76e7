/**
 * The names in a sheet's players cell: `Phil Ivey vs Tom Dwan`,
 * `필 아이비, 톰 드완`, `A / B`, `A & B`, `A and B`, `A 대 B` — each once,
 * in order, as written (trimmed, spaces collapsed).
 */
export function splitPlayers(text: string | null | undefined): string[] {
  if (!text) return [];
  const names = text
    .normalize('NFKC')
    .split(/\s+(?:vs\.?|v\.?|versus|against|and|대|그리고)\s+|[,;/&|·、\n]+|\s+-\s+/i)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '' && !/^(?:vs\.?|v\.?)$/i.test(name));
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = playerKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a player filter compares: NFKC, lower case, single spaces. */
export function playerKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What a tag filter compares: lower case, as block C's canonical names are. */
export function tagKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim();
}
