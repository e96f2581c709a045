import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Counts a click on a short link and answers where it leads; undefined for an unknown code.
 * Public (no tenant in the request): the code alone names the link.
 */
export async function followTrackedLink(orm: MikroORM, code: string): Promise<string | undefined> {
  const result = await orm.em.getKnex().raw(
    `update tracked_links set click_count = click_count + 1, first_clicked_at = coalesce(first_clicked_at, now()), last_clicked_at = now(), updated_at = now()
     where code = ? returning url`,
    [code],
  );
  return (result as { rows: Array<{ url: string }> }).rows[0]?.url;
}
