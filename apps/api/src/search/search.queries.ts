import { z } from 'zod';
import { cursor, enumList, limit, optionalText, uuid, year } from '../http/query';
import { playerKey, tagKey } from '../read-model/players';

const key = (fold: (v: string) => string) => (v: string | undefined) => (v === undefined ? undefined : fold(v));

/** What /api/search and search exports take. */
export const SearchFilterSchema = z.object({
  q: optionalText(500),
  kind: enumList(['project', 'episode', 'clip', 'file'] as const).optional(),
  tag: optionalText(200).transform(key(tagKey)),
  player: optionalText(200).transform(key(playerKey)),
  project: optionalText(32),
  year: year().optional(),
  episode: uuid().optional(),
  status: z.enum(['valid', 'invalid']).optional(),
});

export const SearchQuerySchema = SearchFilterSchema.extend({ limit: limit(20, 100), cursor: cursor().optional() });
