import { z } from 'zod';
import { bool, cursor, enumList, limit, optionalText, uuid, year } from '../http/query';
import { playerKey, tagKey } from '../read-model/players';

export const IdParamSchema = z.object({ id: uuid() });
export const CodeParamSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'not a project code'),
});

export const ClipsQuerySchema = z.object({
  episode: uuid().optional(),
  file: uuid().optional(),
  tag: optionalText(200).transform((v) => (v === undefined ? undefined : tagKey(v))),
  player: optionalText(200).transform((v) => (v === undefined ? undefined : playerKey(v))),
  project: optionalText(32),
  year: year().optional(),
  status: z.enum(['valid', 'invalid']).optional(),
  limit: limit(),
  cursor: cursor().optional(),
});

export const FilesQuerySchema = z.object({
  unmatched: bool().optional(),
  project: optionalText(32),
  episode: uuid().optional(),
  status: z.enum(['present', 'missing']).optional(),
  limit: limit(),
  cursor: cursor().optional(),
});

export const ROW_OUTCOME_FILTERS = ['unmatched', 'pending', 'invalid', 'duplicate', 'clip', 'removed'] as const;
export const RowsQuerySchema = z.object({
  outcome: enumList(ROW_OUTCOME_FILTERS).optional(),
  sheet: optionalText(1024),
  limit: limit(),
  cursor: cursor().optional(),
});
