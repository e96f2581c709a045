import { Pet } from '../../entities/pet';
import { Vaccination } from '../../entities/vaccination';
import { type DemoContext, isoDate } from './context';
import type { DemoCustomer } from './customers';
import { type Breed, CAT_BREEDS, CAT_NAMES, DOG_BREEDS, DOG_NAMES, VET_CLINICS } from './names';

export type Species = 'dog' | 'cat';

export interface DemoPet {
  entity: Pet;
  species: Species;
  breed: Breed;
  ageYears: number;
}

interface VaccineSpec {
  name: string;
  /** Validity options in days (one-year and three-year shots). */
  validityDays: readonly number[];
}

const VACCINES: Record<Species, readonly VaccineSpec[]> = {
  dog: [
    { name: 'Rabies', validityDays: [365, 1095] },
    { name: 'DHPP', validityDays: [365, 1095] },
    { name: 'Bordetella', validityDays: [182, 365] },
  ],
  cat: [
    { name: 'Rabies', validityDays: [365, 1095] },
    { name: 'FVRCP', validityDays: [365, 1095] },
  ],
};

const PET_NOTES = [
  'Nervous around dryers: towel and low heat, please.',
  'Sensitive skin: hypoallergenic shampoo only.',
  'Pulls on the lead at drop-off; treats help.',
  'Senior: keep sessions short, padded table.',
] as const;

/**
 * One or two pets per customer, with vaccination records whose expiry dates are spread so
 * that a few have lapsed, a good number run out within the next 30 days, and the rest are
 * comfortably valid: the vaccination-expiry automation has something to do on day one.
 */
export function buildPets(
  ctx: DemoContext,
  customers: DemoCustomer[],
): { pets: DemoPet[]; vaccinations: Vaccination[]; petsByCustomer: Map<string, DemoPet[]> } {
  const { rng } = ctx;
  const pets: DemoPet[] = [];
  const vaccinations: Vaccination[] = [];
  const petsByCustomer = new Map<string, DemoPet[]>();
  let vaccinationIndex = 0;

  for (const customer of customers) {
    const owned: DemoPet[] = [];
    const count = rng.chance(0.3) ? 2 : 1;
    const names = new Set<string>();
    for (let n = 0; n < count; n++) {
      const species: Species = rng.chance(0.75) ? 'dog' : 'cat';
      const breed = rng.pick(species === 'dog' ? DOG_BREEDS : CAT_BREEDS);
      let name = rng.pick(species === 'dog' ? DOG_NAMES : CAT_NAMES);
      while (names.has(name)) name = rng.pick(species === 'dog' ? DOG_NAMES : CAT_NAMES);
      names.add(name);
      const ageMonths = rng.chance(0.1) ? rng.int(3, 7) : rng.int(12, 168);
      const [minKg, maxKg] = breed.weightKg;
      const adultKg = minKg + rng.next() * (maxKg - minKg);
      const weightKg = ageMonths < 12 ? adultKg * (0.3 + ageMonths / 20) : adultKg;
      const entity = ctx.em.create(
        Pet,
        {
          tenantId: ctx.tenantId,
          customerId: customer.entity.id,
          name,
          species,
          breed: breed.name,
          birthDate: isoDate(ctx.today.minus({ months: ageMonths, days: rng.int(0, 27) })),
          weightKg: weightKg.toFixed(2),
          notes: rng.chance(0.15) ? rng.pick(PET_NOTES) : undefined,
          createdAt: customer.entity.createdAt,
          updatedAt: customer.entity.createdAt,
        },
        { persist: false },
      );
      const pet: DemoPet = { entity, species, breed, ageYears: ageMonths / 12 };
      owned.push(pet);
      pets.push(pet);
      if (ageMonths >= 11 * 12 && !customer.entity.tags.includes('senior-pet')) customer.entity.tags.push('senior-pet');

      // Puppies and kittens have had their core series only.
      const vaccines = ageMonths < 8 ? VACCINES[species].slice(1, 2) : VACCINES[species];
      for (const vaccine of vaccines) {
        const validity = rng.pick(vaccine.validityDays);
        const expiresIn = expiryOffsetDays(vaccinationIndex++, validity, () => rng.next());
        const expiresOn = ctx.today.plus({ days: expiresIn });
        const administeredOn = expiresOn.minus({ days: validity });
        vaccinations.push(
          ctx.em.create(
            Vaccination,
            {
              tenantId: ctx.tenantId,
              petId: entity.id,
              name: vaccine.name,
              administeredOn: isoDate(administeredOn),
              expiresOn: isoDate(expiresOn),
              provider: rng.pick(VET_CLINICS),
              createdAt: customer.entity.createdAt,
              updatedAt: customer.entity.createdAt,
            },
            { persist: false },
          ),
        );
      }
    }
    if (count > 1) customer.entity.tags.push('multi-pet');
    petsByCustomer.set(customer.entity.id, owned);
  }
  return { pets, vaccinations, petsByCustomer };
}

/**
 * Days from today to expiry. Fixed buckets by position (not chance) so that every demo,
 * whatever the random source, has lapsed shots and shots expiring within 30 days.
 */
function expiryOffsetDays(index: number, validityDays: number, random: () => number): number {
  const within = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  if (index % 17 === 4) return -within(3, 60);
  if (index % 6 === 1) return within(2, 30);
  return within(31, Math.max(45, validityDays - 20));
}
