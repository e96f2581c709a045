import { Pet, Vaccination } from '../../../db/entities';
import type { PortalContext } from '../../middleware/authenticate-customer';
import { notFound } from '../../errors';
import { createInTenant } from '../tenant-scope';

const presentPet = (p: Pet) => ({ id: p.id, name: p.name, species: p.species, breed: p.breed ?? null, birthDate: p.birthDate ?? null, notes: p.notes ?? null, active: p.active });
const presentVaccination = (v: Vaccination) => ({ id: v.id, petId: v.petId, name: v.name, administeredOn: v.administeredOn, expiresOn: v.expiresOn, provider: v.provider ?? null, notes: v.notes ?? null });

export async function listOwnPets(portal: PortalContext) {
  const pets = await portal.em.find(Pet, { customerId: portal.customerId, active: true }, { orderBy: { name: 'asc' } });
  const vaccinations = await portal.em.find(Vaccination, { petId: { $in: pets.map((p) => p.id) } }, { orderBy: { expiresOn: 'asc' } });
  return pets.map((p) => ({ ...presentPet(p), vaccinations: vaccinations.filter((v) => v.petId === p.id).map(presentVaccination) }));
}

export async function addOwnPet(portal: PortalContext, input: { name: string; species: string; breed?: string | null; birthDate?: string | null; notes?: string | null }) {
  const pet = createInTenant(portal, Pet, { customerId: portal.customerId, name: input.name, species: input.species, breed: input.breed ?? undefined, birthDate: input.birthDate ?? undefined, notes: input.notes ?? undefined });
  await portal.em.flush();
  return { ...presentPet(pet), vaccinations: [] };
}

export async function updateOwnPet(portal: PortalContext, id: string, input: Partial<{ name: string; species: string; breed: string | null; birthDate: string | null; notes: string | null }>) {
  const pet = await portal.em.findOne(Pet, { id, customerId: portal.customerId });
  if (!pet) throw notFound('Pet', id);
  portal.em.assign(pet, Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? undefined])));
  await portal.em.flush();
  return presentPet(pet);
}
