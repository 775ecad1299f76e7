import { z } from 'zod';
import { Commands } from '@pokervod/contracts';

/** GET /api/hands/clips query. */
export const ListQuerySchema = z.object({
  episode_id: z.string().min(1).max(100).optional(),
  video_file_id: z.string().min(1).max(100).optional(),
  tag: z.string().min(1).max(200).optional(),
  status: z.enum(['valid', 'invalid']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** PATCH /api/hands/clips/:id body: the `update_hand_clip` fields but the id. */
export const UpdateBodySchema = Commands['hands.update_hand_clip'].request.omit({ clip_id: true }).strict();

/** Tags added at once, by HTTP or `add_tags`: as many and as long as a sheet row may carry. */
export const AddTagsBodySchema = z.object({ tags: z.array(z.string().max(200)).max(200) }).strict();
