import type { EntityManager } from '@mikro-orm/postgresql';
import { Pet, PetDocument, type PetDocumentStatus, Vaccination } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import { createInTenant } from '../tenant-scope';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/webp'] as const;

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface VaccinationClaim {
  name?: string;
  administeredOn?: string;
  expiresOn?: string;
}

export const presentDocument = (d: PetDocument) => ({
  id: d.id,
  petId: d.petId,
  vaccinationId: d.vaccinationId ?? null,
  filename: d.filename,
  contentType: d.contentType,
  sizeBytes: d.sizeBytes,
  uploadedBy: d.uploadedBy,
  status: d.status,
  createdAt: d.createdAt.toISOString(),
});

/** The file's first bytes must match what it claims to be (a renamed .exe is not a PDF). */
function sniff(file: UploadedFile): boolean {
  const b = file.buffer;
  switch (file.mimetype) {
    case 'application/pdf':
      return b.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'image/jpeg':
      return b[0] === 0xff && b[1] === 0xd8;
    case 'image/png':
      return b.subarray(1, 4).toString('latin1') === 'PNG';
    case 'image/webp':
      return b.subarray(8, 12).toString('latin1') === 'WEBP';
    default:
      return b.subarray(4, 8).toString('latin1') === 'ftyp';
  }
}

/**
 * Stores a vaccination record (PDF or photo, ≤ 5 MB) for a pet, in PostgreSQL. With vaccine name
 * and dates it also records the vaccination, flagged as reported by the uploader until staff
 * accept the document, so the booking check can use it at once.
 */
export async function uploadPetDocument(options: {
  em: EntityManager;
  tenantId: string;
  petId: string;
  customerId?: string;
  file: UploadedFile | undefined;
  claim: VaccinationClaim;
  uploadedBy: 'customer' | 'staff';
}) {
  const { em, file, claim } = options;
  const pet = await em.findOne(Pet, { id: options.petId, ...(options.customerId ? { customerId: options.customerId } : {}) });
  if (!pet) throw notFound('Pet', options.petId);
  if (!file) throw new AppError('VALIDATION_FAILED', 'Attach the record as the `file` field', [{ path: 'file', message: 'is required' }]);
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.mimetype) || !sniff(file)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Upload a PDF, JPEG, PNG, WebP or HEIC file (got ${file.mimetype})`, [{ path: 'file', message: 'unsupported file type' }]);
  }
  const claimed = Boolean(claim.name && claim.expiresOn);
  if ((claim.name || claim.expiresOn || claim.administeredOn) && !claimed) {
    throw new AppError('VALIDATION_FAILED', 'Give both the vaccine name and its expiry date, or neither', [{ path: claim.name ? 'expiresOn' : 'name', message: 'is required with the other' }]);
  }
  const scope = { em, tenantId: options.tenantId };
  const vaccination = claimed
    ? createInTenant(scope, Vaccination, {
        petId: pet.id,
        name: claim.name as string,
        administeredOn: claim.administeredOn ?? (claim.expiresOn as string),
        expiresOn: claim.expiresOn as string,
        notes: options.uploadedBy === 'customer' ? 'Reported by the customer with an uploaded record; not yet reviewed' : undefined,
      })
    : undefined;
  const document = createInTenant(scope, PetDocument, {
    petId: pet.id,
    vaccinationId: vaccination?.id,
    filename: file.originalname.replace(/[^\w.\- ]+/g, '_').slice(0, 255) || 'record',
    contentType: file.mimetype,
    sizeBytes: file.size,
    data: file.buffer,
    uploadedBy: options.uploadedBy,
    status: options.uploadedBy === 'staff' ? 'accepted' : 'pending_review',
  });
  await em.flush();
  return { document: presentDocument(document), vaccinationId: vaccination?.id ?? null };
}

export async function listPetDocuments(em: EntityManager, petId: string, customerId?: string) {
  const pet = await em.findOne(Pet, { id: petId, ...(customerId ? { customerId } : {}) });
  if (!pet) throw notFound('Pet', petId);
  return (await em.find(PetDocument, { petId }, { orderBy: { createdAt: 'desc' } })).map(presentDocument);
}

export async function readPetDocument(em: EntityManager, documentId: string, customerId?: string): Promise<PetDocument> {
  const document = await em.findOne(PetDocument, { id: documentId }, { populate: ['data'] });
  if (!document) throw notFound('Document', documentId);
  if (customerId && !(await em.findOne(Pet, { id: document.petId, customerId }))) throw notFound('Document', documentId);
  return document;
}

export async function reviewPetDocument(em: EntityManager, documentId: string, status: Exclude<PetDocumentStatus, 'pending_review'>) {
  const document = await em.findOne(PetDocument, { id: documentId });
  if (!document) throw notFound('Document', documentId);
  document.status = status;
  if (document.vaccinationId) {
    const vaccination = await em.findOne(Vaccination, { id: document.vaccinationId });
    if (vaccination && status === 'accepted') vaccination.notes = 'Checked against the uploaded record';
    if (vaccination && status === 'rejected') em.remove(vaccination);
  }
  await em.flush();
  return presentDocument(document);
}
