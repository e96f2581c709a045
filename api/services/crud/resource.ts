import { type EntityClass, type FilterQuery, wrap } from '@mikro-orm/core';
import type { TenantScoped } from '../../../db/entities/base';
import type { SortSpec } from '../pagination';
import type { ReferenceCheck } from '../references';

/**
 * What the generic list/get/create/update/delete functions need to know about one
 * tenant-scoped resource. Everything resource-specific lives in its definition.
 */
export interface ResourceDefinition<E extends TenantScoped, Input extends object, Query extends object> {
  /** Singular, for messages: "customer". */
  label: string;
  entity: EntityClass<E>;
  sort: SortSpec;
  /** Columns the `q` parameter searches (case-insensitive substring). */
  searchFields: readonly (keyof E & string)[];
  /** Resources with an `active` flag are deactivated, not deleted, and lists hide them by default. */
  softDelete: boolean;
  /** Field filters beyond q/limit/cursor/active, from the parsed list query. */
  filters?(query: Query): FilterQuery<E>[];
  /** Ids the input points at, which must exist in the caller's business. */
  references?(input: Partial<Input>): ReferenceCheck[];
  /** Input fields → entity properties, where they differ. */
  toEntityData?(input: Partial<Input>): Record<string, unknown>;
  /** Entity → response body. */
  present?(entity: E): Record<string, unknown>;
  /** Answer given when deleting hits a foreign key (rows still pointing at this one). */
  inUseMessage?: string;
}

export function presentRecord<E extends TenantScoped>(
  resource: Pick<ResourceDefinition<E, object, object>, 'present'>,
  entity: E,
): Record<string, unknown> {
  return resource.present ? resource.present(entity) : (wrap(entity).toObject() as Record<string, unknown>);
}
