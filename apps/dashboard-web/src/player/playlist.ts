/** Previous and next of `id` in an ordered list of clip ids (null at the ends, or when `id` is not in it). */
export function neighbours(ids: readonly string[], id: string): { previous: string | null; next: string | null } {
  const at = ids.indexOf(id);
  if (at < 0) return { previous: null, next: null };
  return { previous: at > 0 ? ids[at - 1] : null, next: at < ids.length - 1 ? ids[at + 1] : null };
}
