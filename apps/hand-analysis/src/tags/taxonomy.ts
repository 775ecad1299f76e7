import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RANKS } from './ranks';
import { normalizeTagText, tagLookupKey } from './tag-text';

/** One known tag: its canonical name, its category and other ways of writing it. */
export interface TaxonomyEntry {
  name: string;
  category: string;
  synonyms: readonly string[];
}

/** A tag as stored: taxonomy tags carry their category; free tags have none. */
export interface ResolvedTag {
  name: string;
  category: string | null;
}

export const PLAYER_PREFIX = 'player:';

/**
 * Tags an editor may type but a description does not imply: "Dwan calls",
 * "bets the turn" would put them on nearly every clip.
 */
export const BARE_ACTIONS: ReadonlySet<string> = new Set(['fold', 'check', 'call', 'bet', 'raise']);

export class TaxonomyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/**
 * The tag vocabulary: canonical names with categories and synonyms, and the
 * rules for what is not listed (hand notation, `player:` tags, free tags).
 */
export class Taxonomy {
  private readonly index = new Map<string, TaxonomyEntry>();
  private readonly byName = new Map<string, TaxonomyEntry>();

  /** Throws TaxonomyError when a name or synonym would mean two different tags. */
  constructor(readonly entries: readonly TaxonomyEntry[]) {
    for (const entry of entries) {
      const name = normalizeTagText(entry.name);
      if (!name) throw new TaxonomyError(`taxonomy: tag name "${entry.name}" is empty once normalized`);
      if (this.byName.has(entry.name)) throw new TaxonomyError(`taxonomy: tag "${entry.name}" is listed twice`);
      this.byName.set(entry.name, entry);
      for (const spelling of [entry.name, ...entry.synonyms]) {
        const normalized = normalizeTagText(spelling);
        if (!normalized) continue;
        const key = tagLookupKey(normalized);
        const other = this.index.get(key);
        if (other && other !== entry)
          throw new TaxonomyError(
            `taxonomy: "${spelling}" would mean both "${other.name}" and "${entry.name}"; keep it on one of them`,
          );
        this.index.set(key, entry);
      }
    }
  }

  /** Categories in the order they first appear. */
  get categories(): string[] {
    return [...new Set(this.entries.map((e) => e.category))];
  }

  entry(name: string): TaxonomyEntry | undefined {
    return this.byName.get(name);
  }

  /**
   * The tag a text means: a taxonomy entry (by name or synonym), a starting
   * hand in any spelling, a `player:` tag, or else a free tag (category null).
   * Null when the text is empty once normalized.
   */
  resolve(raw: string): ResolvedTag | null {
    const normalized = normalizeTagText(raw);
    if (!normalized) return null;
    const known = this.index.get(tagLookupKey(normalized));
    if (known) return { name: known.name, category: known.category };
    const hand = handTagName(normalized);
    if (hand) return this.tagNamed(hand, 'hand');
    if (normalized.startsWith(PLAYER_PREFIX)) return this.player(normalized.slice(PLAYER_PREFIX.length));
    return { name: normalized, category: null };
  }

  /**
   * A player's tag from a name as written (`Phil Ivey`): a player listed in
   * the taxonomy under that name or a synonym (`Ivey`), else `player:phil-ivey`.
   */
  player(name: string): ResolvedTag | null {
    const normalized = normalizeTagText(name);
    if (!normalized) return null;
    for (const key of [tagLookupKey(normalized), tagLookupKey(PLAYER_PREFIX + normalized)]) {
      const known = this.index.get(key);
      if (known?.category === 'player') return { name: known.name, category: known.category };
    }
    return { name: PLAYER_PREFIX + normalized, category: 'player' };
  }

  /**
   * Entries that can be recognised as words in a description: not hands or
   * players (read their own way), nor the bare actions nearly every hand has.
   */
  describable(): TaxonomyEntry[] {
    return this.entries.filter((e) => e.category !== 'hand' && e.category !== 'player' && !BARE_ACTIONS.has(e.name));
  }

  private tagNamed(name: string, category: string): ResolvedTag {
    const entry = this.byName.get(name);
    return { name, category: entry?.category ?? category };
  }
}

const RANK_PATTERN = '(10|[2-9tjqka])';
const HAND_TEXT = new RegExp(`^${RANK_PATTERN}${RANK_PATTERN}([so])?$`);

/**
 * A starting hand in canonical form (`AKs`, `QQ`, `T9o`) from any spelling
 * of it: `aks`, `KA`, `ka-s`, `a10o`, `kk`. Null when the text is
 * not a hand (pairs cannot be suited or offsuit).
 */
export function handTagName(normalized: string): string | null {
  const match = HAND_TEXT.exec(tagLookupKey(normalized.toLowerCase()));
  if (!match) return null;
  const ranks = [rankOf(match[1] ?? ''), rankOf(match[2] ?? '')].sort(
    (a, b) => RANKS.indexOf(a as (typeof RANKS)[number]) - RANKS.indexOf(b as (typeof RANKS)[number]),
  );
  const suffix = match[3] ?? '';
  if (ranks[0] === ranks[1] && suffix) return null;
  return `${ranks[0]}${ranks[1]}${suffix}`;
}

function rankOf(text: string): string {
  return text === '10' ? 'T' : text.toUpperCase();
}

const TaxonomyFileSchema = z
  .object({
    /** true (default): the file's tags are added to the built-in ones, replacing those of the same name. */
    extends: z.boolean().default(true),
    tags: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(200),
            category: z.string().trim().min(1).max(50),
            synonyms: z.array(z.string().trim().min(1).max(200)).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/**
 * Reads a taxonomy file (YAML, or JSON, which YAML reads too) and merges it
 * with `base`. Throws TaxonomyError with the file's name and what is wrong.
 */
export function taxonomyFromFile(text: string, fileName: string, base: readonly TaxonomyEntry[]): Taxonomy {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new TaxonomyError(`${fileName}: not YAML or JSON: ${(error as Error).message}`);
  }
  const parsed = TaxonomyFileSchema.safeParse(document ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new TaxonomyError(`${fileName}: ${problems}`);
  }
  try {
    return new Taxonomy(mergeTaxonomy(parsed.data.extends ? base : [], parsed.data.tags));
  } catch (error) {
    throw new TaxonomyError(`${fileName}: ${(error as Error).message}`);
  }
}

/** `extra` entries replace `base` entries of the same (normalized) name and add the rest. */
export function mergeTaxonomy(base: readonly TaxonomyEntry[], extra: readonly TaxonomyEntry[]): TaxonomyEntry[] {
  const key = (e: TaxonomyEntry) => tagLookupKey(normalizeTagText(e.name) ?? '');
  const replaced = new Set(extra.map(key));
  return [...base.filter((e) => !replaced.has(key(e))), ...extra];
}
