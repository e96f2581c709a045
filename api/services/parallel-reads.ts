import type { EntityManager } from '@mikro-orm/postgresql';

type Thunks = readonly (() => Promise<unknown>)[];
type Results<T extends Thunks> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Independent reads: in parallel on the pool, or one after another inside a transaction, whose
 * single connection cannot run two queries at once (pg queues them and warns).
 */
export async function parallelReads<T extends Thunks>(em: EntityManager, reads: T): Promise<Results<T>> {
  if (!em.isInTransaction()) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}
