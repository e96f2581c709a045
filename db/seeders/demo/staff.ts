import { AvailabilityRule } from '../../entities/availability';
import { Staff } from '../../entities/staff';
import type { DemoContext } from './context';
import type { DemoService, DemoServiceKey } from './services';

interface WeeklyHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  start: string;
  end: string;
}

interface StaffSpec {
  name: string;
  email: string;
  phone: string;
  title: string;
  color: string;
  weight: number;
  hours: WeeklyHours[];
  services: DemoServiceKey[];
}

export const DEMO_STAFF: readonly StaffSpec[] = [
  {
    name: 'Maya Chen',
    email: 'maya@demo.appointflow.test',
    phone: '+17185550101',
    title: 'Lead Groomer',
    color: '#0f766e',
    weight: 2,
    hours: [{ weekdays: [2, 3, 4, 5, 6], start: '09:00', end: '17:00' }],
    services: ['bath', 'fullGroom', 'nails', 'puppy', 'deshed', 'teeth'],
  },
  {
    name: 'Jordan Alvarez',
    email: 'jordan@demo.appointflow.test',
    phone: '+17185550102',
    title: 'Groomer',
    color: '#2563eb',
    weight: 1,
    hours: [
      { weekdays: [1, 2, 3, 4], start: '10:00', end: '18:00' },
      { weekdays: [6], start: '08:00', end: '14:00' },
    ],
    services: ['bath', 'fullGroom', 'nails', 'puppy', 'deshed'],
  },
  {
    name: 'Priya Patel',
    email: 'priya@demo.appointflow.test',
    phone: '+17185550103',
    title: 'Pet Wellness Technician',
    color: '#db2777',
    weight: 1,
    hours: [
      { weekdays: [3, 4, 5], start: '11:00', end: '19:00' },
      { weekdays: [7], start: '10:00', end: '16:00' },
    ],
    services: ['bath', 'nails', 'puppy', 'teeth'],
  },
];

export interface DemoStaff {
  entity: Staff;
  services: DemoService[];
  /** Working windows by ISO weekday. */
  hours: Map<number, Array<{ start: string; end: string }>>;
}

export function buildStaff(
  ctx: DemoContext,
  locationId: string,
  services: Map<DemoServiceKey, DemoService>,
  createdAt: Date,
): { staff: DemoStaff[]; rules: AvailabilityRule[] } {
  const staff: DemoStaff[] = [];
  const rules: AvailabilityRule[] = [];
  for (const spec of DEMO_STAFF) {
    const performs = spec.services.map((key) => {
      const service = services.get(key);
      if (!service) throw new Error(`unknown demo service ${key}`);
      return service;
    });
    const entity = ctx.em.create(
      Staff,
      {
        tenantId: ctx.tenantId,
        locationId,
        name: spec.name,
        email: spec.email,
        phone: spec.phone,
        title: spec.title,
        color: spec.color,
        weight: spec.weight,
        serviceIds: performs.map((s) => s.entity.id),
        createdAt,
        updatedAt: createdAt,
      },
      { persist: false },
    );
    const hours = new Map<number, Array<{ start: string; end: string }>>();
    for (const window of spec.hours) {
      for (const weekday of window.weekdays) {
        hours.set(weekday, [...(hours.get(weekday) ?? []), { start: window.start, end: window.end }]);
        rules.push(
          ctx.em.create(
            AvailabilityRule,
            {
              tenantId: ctx.tenantId,
              staffId: entity.id,
              locationId,
              weekday,
              startTime: window.start,
              endTime: window.end,
              createdAt,
              updatedAt: createdAt,
            },
            { persist: false },
          ),
        );
      }
    }
    staff.push({ entity, services: performs, hours });
  }
  return { staff, rules };
}
