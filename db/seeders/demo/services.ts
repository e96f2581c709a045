import { Service } from '../../entities/service';
import type { DemoContext } from './context';

export type DemoServiceKey = 'bath' | 'fullGroom' | 'nails' | 'puppy' | 'deshed' | 'teeth';

interface ServiceSpec {
  key: DemoServiceKey;
  name: string;
  description: string;
  category: 'grooming' | 'wellness';
  durationMinutes: number;
  priceCents: number;
  bufferAfterMinutes: number;
  requiresVaccination: boolean;
  color: string;
  /** How often it is booked, relative to the others. */
  popularity: number;
  species: ReadonlyArray<'dog' | 'cat'>;
}

export const DEMO_SERVICES: readonly ServiceSpec[] = [
  {
    key: 'bath',
    name: 'Bath & Brush',
    description: 'Shampoo and conditioner, blow-dry, brush-out, ear cleaning and a spritz of cologne.',
    category: 'grooming',
    durationMinutes: 60,
    priceCents: 5500,
    bufferAfterMinutes: 15,
    requiresVaccination: true,
    color: '#38bdf8',
    popularity: 30,
    species: ['dog', 'cat'],
  },
  {
    key: 'fullGroom',
    name: 'Full Groom',
    description: 'Everything in Bath & Brush plus a breed-standard haircut, sanitary trim and nail trim.',
    category: 'grooming',
    durationMinutes: 120,
    priceCents: 9500,
    bufferAfterMinutes: 15,
    requiresVaccination: true,
    color: '#0f766e',
    popularity: 24,
    species: ['dog'],
  },
  {
    key: 'nails',
    name: 'Nail Trim',
    description: 'Clip and file. Walk-in friendly.',
    category: 'grooming',
    durationMinutes: 15,
    priceCents: 2000,
    bufferAfterMinutes: 0,
    requiresVaccination: false,
    color: '#a3e635',
    popularity: 16,
    species: ['dog', 'cat'],
  },
  {
    key: 'puppy',
    name: 'Puppy Intro',
    description: 'A gentle first visit for puppies under six months: short bath, brush, and lots of treats.',
    category: 'grooming',
    durationMinutes: 45,
    priceCents: 4000,
    bufferAfterMinutes: 15,
    requiresVaccination: false,
    color: '#fbbf24',
    popularity: 6,
    species: ['dog'],
  },
  {
    key: 'deshed',
    name: 'De-shedding Treatment',
    description: 'Undercoat removal with a de-shedding shampoo and conditioner; cuts shedding for weeks.',
    category: 'grooming',
    durationMinutes: 90,
    priceCents: 7500,
    bufferAfterMinutes: 15,
    requiresVaccination: true,
    color: '#8b5cf6',
    popularity: 10,
    species: ['dog', 'cat'],
  },
  {
    key: 'teeth',
    name: 'Teeth Cleaning',
    description: 'Anesthesia-free brushing and plaque removal, with breath freshener.',
    category: 'wellness',
    durationMinutes: 30,
    priceCents: 3500,
    bufferAfterMinutes: 10,
    requiresVaccination: true,
    color: '#f472b6',
    popularity: 8,
    species: ['dog', 'cat'],
  },
];

export interface DemoService {
  spec: ServiceSpec;
  entity: Service;
}

export function buildServices(ctx: DemoContext, locationId: string, createdAt: Date): Map<DemoServiceKey, DemoService> {
  const services = new Map<DemoServiceKey, DemoService>();
  for (const spec of DEMO_SERVICES) {
    const entity = ctx.em.create(
      Service,
      {
        tenantId: ctx.tenantId,
        locationId,
        name: spec.name,
        description: spec.description,
        category: spec.category,
        durationMinutes: spec.durationMinutes,
        priceCents: spec.priceCents,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: spec.bufferAfterMinutes,
        requiresVaccination: spec.requiresVaccination,
        color: spec.color,
        createdAt,
        updatedAt: createdAt,
      },
      { persist: false },
    );
    services.set(spec.key, { spec, entity });
  }
  return services;
}
