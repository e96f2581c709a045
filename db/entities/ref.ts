import { type EntityClass, ManyToOne } from '@mikro-orm/core';

/**
 * A foreign key kept as a plain id property: the column and its constraint exist,
 * the entity carries a string, and API code never juggles references.
 */
export function RefId(
  entity: () => EntityClass<object>,
  options: { column: string; nullable?: boolean; onDelete?: 'cascade' | 'set null' | 'restrict'; index?: boolean },
) {
  return ManyToOne({
    entity,
    mapToPk: true,
    fieldName: options.column,
    nullable: options.nullable ?? false,
    deleteRule: options.onDelete ?? (options.nullable ? 'set null' : 'restrict'),
    index: options.index,
  });
}
