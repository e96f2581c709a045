import { firstFreeSlug, slugify } from './make-slug';

test('slugs are lowercase ascii words joined by dashes', () => {
  expect(slugify('Paws & Claws Grooming!')).toBe('paws-claws-grooming');
  expect(slugify('  Café Crème  ')).toBe('cafe-creme');
  expect(slugify('!!!')).toBe('business');
  expect(slugify('a'.repeat(100))).toHaveLength(60);
});

test('a taken slug gets the first free number', () => {
  expect(firstFreeSlug('salon', [])).toBe('salon');
  expect(firstFreeSlug('salon', ['salon', 'salon-2', 'salon-4'])).toBe('salon-3');
});
