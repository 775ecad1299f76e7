import { oneSlipApart, words } from '../naming/title-normalization';

export interface ProjectEntry {
  code: string;
  name: string;
  aliases: readonly string[];
}

const MAX_ALIAS_WORDS = 8;
const HANGUL = /[\uAC00-\uD7A3]/;

/** Words run together: `World_Series-of Poker` and `WorldSeriesOfPoker` share one key. */
const compact = (text: string): string => words(text).join('');

/**
 * The projects by code, and by every spelling of them (code, name, aliases),
 * to name the project of a file or title the parser gave none: the longest
 * alias found in the file name wins, then in its folders, nearest first.
 * Korean writes words together, so a Korean alias also counts inside a word.
 */
export class ProjectDirectory {
  private readonly byCode = new Map<string, ProjectEntry>();
  private readonly byAlias = new Map<string, string>();
  private readonly hangulAliases: [key: string, code: string][] = [];

  constructor(projects: readonly ProjectEntry[]) {
    for (const project of projects) this.byCode.set(project.code, project);
    for (const project of projects) {
      for (const alias of [project.code, project.name, ...project.aliases]) {
        const key = compact(alias);
        if (key === '' || this.byAlias.has(key)) continue;
        this.byAlias.set(key, project.code);
        if (HANGUL.test(key)) this.hangulAliases.push([key, project.code]);
      }
    }
    this.hangulAliases.sort((a, b) => b[0].length - a[0].length);
  }

  get(code: string): ProjectEntry | undefined {
    return this.byCode.get(code);
  }

  all(): ProjectEntry[] {
    return [...this.byCode.values()];
  }

  /** The project a name or relative path mentions, or null. */
  resolve(pathOrName: string): string | null {
    const segments = pathOrName.split(/[\\/]/).reverse();
    for (const segment of segments) {
      const found = this.findIn(segment);
      if (found !== null) return found;
    }
    return null;
  }

  /**
   * For titles typed by people: the project an alias of which the title
   * spells with one slip (a letter swapped, missing, extra or wrong —
   * `Trtion`, `WSPO`, `Poker Aftr Dark`). Aliases of fewer than four
   * letters are too easy to hit by chance and need the exact spelling.
   */
  resolveNear(title: string): string | null {
    const list = words(title).filter((w) => !/^\d+$/.test(w));
    let best: { code: string; length: number } | null = null;
    for (let i = 0; i < list.length; i++) {
      let window = '';
      for (let j = i; j < list.length && j < i + 4; j++) {
        window += list[j];
        for (const [key, code] of this.byAlias) {
          if (key.length < 4 || Math.abs(key.length - window.length) > 1) continue;
          if (best !== null && key.length <= best.length) continue;
          if (oneSlipApart(window, key)) best = { code, length: key.length };
        }
      }
    }
    return best?.code ?? null;
  }

  private findIn(segment: string): string | null {
    const list = words(segment);
    let best: { code: string; length: number } | null = null;
    for (let i = 0; i < list.length; i++) {
      let key = '';
      for (let j = i; j < list.length && j < i + MAX_ALIAS_WORDS; j++) {
        key += list[j];
        const code = this.byAlias.get(key);
        if (code !== undefined && (best === null || key.length > best.length)) best = { code, length: key.length };
      }
    }
    if (best !== null) return best.code;
    const joined = list.join('');
    for (const [key, code] of this.hangulAliases) if (joined.includes(key)) return code;
    return null;
  }
}
