import { Check, Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Pet } from './pet';
import { RefId } from './ref';

export const petDocumentStatuses = ['pending_review', 'accepted', 'rejected'] as const;
export type PetDocumentStatus = (typeof petDocumentStatuses)[number];

/**
 * An uploaded vaccination record (PDF or photo). Kept in PostgreSQL, not on a disk, so every
 * api replica can serve it and backups carry it; at most 5 MB each.
 */
@Entity({ tableName: 'pet_documents' })
@Index({ properties: ['tenantId', 'petId'] })
@Check({ name: 'pet_documents_size_limit', expression: 'size_bytes > 0 and size_bytes <= 5242880' })
export class PetDocument extends TenantScoped {
  @RefId(() => Pet, { column: 'pet_id', onDelete: 'cascade' })
  petId!: string;

  @Property({ type: 'uuid', nullable: true })
  vaccinationId?: string;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'blob', lazy: true, hidden: true })
  data!: Buffer;

  @Property({ type: 'string', length: 20 })
  uploadedBy: ('customer' | 'staff') & Opt = 'customer';

  @Enum({ items: () => petDocumentStatuses, nativeEnumName: 'pet_document_status' })
  status: PetDocumentStatus & Opt = 'pending_review';
}
