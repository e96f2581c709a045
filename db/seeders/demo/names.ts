/** Word lists the demo draws from. Fictional people; phones in the 555-01xx range; emails @example.com. */

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'Lucas',
  'Mia', 'Mateo', 'Amelia', 'Benjamin', 'Harper', 'Daniel', 'Evelyn', 'Henry', 'Abigail', 'Samuel',
  'Grace', 'Jack', 'Chloe', 'Owen', 'Nora', 'Leo', 'Zoe', 'Ethan', 'Hannah', 'Isaac',
  'Layla', 'Julian', 'Aaliyah', 'Marcus', 'Priscilla', 'Tomas', 'Keiko', 'Ravi', 'Fatima', 'Diego',
  'Ingrid', 'Kwame', 'Lucia', 'Malik', 'Naomi', 'Sofia', 'Wei', 'Yara', 'Andre', 'Bianca',
] as const;

export const LAST_NAMES = [
  'Johnson', 'Rivera', 'Nguyen', 'Kim', 'Okafor', 'Schmidt', 'Rossi', 'Cohen', 'Sullivan', 'Patel',
  'Garcia', 'Thompson', 'Hernandez', 'Martin', 'Lee', 'Walker', 'Hall', 'Young', 'Allen', 'Wright',
  'Lopez', 'Hill', 'Scott', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Perez',
  'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris',
  'Murphy', 'Cook', 'Rogers', 'Reed', 'Bailey', 'Bell', 'Cooper', 'Richardson', 'Cox', 'Ward',
] as const;

/** New York area codes; the 555-01xx exchange keeps every number fictional. */
export const AREA_CODES = ['212', '347', '646', '718', '917', '929'] as const;

export const DOG_NAMES = [
  'Bella', 'Max', 'Luna', 'Charlie', 'Daisy', 'Cooper', 'Lucy', 'Milo', 'Bailey', 'Rocky',
  'Sadie', 'Teddy', 'Molly', 'Bear', 'Rosie', 'Duke', 'Penny', 'Winston', 'Maple', 'Biscuit',
  'Ziggy', 'Olive', 'Murphy', 'Hazel', 'Gus', 'Pepper', 'Finn', 'Ruby', 'Otis', 'Willow',
] as const;

export const CAT_NAMES = [
  'Oliver', 'Leo', 'Cleo', 'Simba', 'Nala', 'Mochi', 'Jasper', 'Lily', 'Felix', 'Tiger',
  'Pumpkin', 'Salem', 'Misty', 'Ginger', 'Smokey', 'Whiskers', 'Binx', 'Juniper',
] as const;

export interface Breed {
  name: string;
  /** Typical adult weight range, kg. */
  weightKg: readonly [number, number];
  /** Long or double coats that benefit from de-shedding. */
  heavyShedder: boolean;
}

export const DOG_BREEDS: readonly Breed[] = [
  { name: 'Labrador Retriever', weightKg: [25, 36], heavyShedder: true },
  { name: 'Golden Retriever', weightKg: [25, 34], heavyShedder: true },
  { name: 'French Bulldog', weightKg: [8, 13], heavyShedder: false },
  { name: 'Poodle (Standard)', weightKg: [18, 30], heavyShedder: false },
  { name: 'Miniature Poodle', weightKg: [5, 8], heavyShedder: false },
  { name: 'Goldendoodle', weightKg: [18, 32], heavyShedder: false },
  { name: 'Shih Tzu', weightKg: [4, 7], heavyShedder: false },
  { name: 'Yorkshire Terrier', weightKg: [2, 3.5], heavyShedder: false },
  { name: 'German Shepherd', weightKg: [25, 40], heavyShedder: true },
  { name: 'Siberian Husky', weightKg: [16, 27], heavyShedder: true },
  { name: 'Cavalier King Charles Spaniel', weightKg: [6, 8], heavyShedder: false },
  { name: 'Bernese Mountain Dog', weightKg: [32, 50], heavyShedder: true },
  { name: 'Beagle', weightKg: [9, 11], heavyShedder: true },
  { name: 'Cocker Spaniel', weightKg: [11, 14], heavyShedder: false },
  { name: 'Mixed Breed', weightKg: [8, 30], heavyShedder: true },
];

export const CAT_BREEDS: readonly Breed[] = [
  { name: 'Domestic Shorthair', weightKg: [3.5, 6], heavyShedder: false },
  { name: 'Maine Coon', weightKg: [5, 9], heavyShedder: true },
  { name: 'Persian', weightKg: [3, 5.5], heavyShedder: true },
  { name: 'Ragdoll', weightKg: [4.5, 9], heavyShedder: true },
  { name: 'Siamese', weightKg: [3, 5], heavyShedder: false },
  { name: 'British Shorthair', weightKg: [4, 8], heavyShedder: true },
];

export const VET_CLINICS = [
  'Park Slope Animal Hospital',
  'Brooklyn Heights Veterinary',
  'Prospect Park Vet Clinic',
  'Gowanus Animal Care',
] as const;

export const CANCEL_REASONS = [
  'Pet is unwell',
  'Schedule conflict at work',
  'Car trouble',
  'Rescheduling by phone',
  'Out of town this week',
  'Weather',
  'Pet had a vet appointment the same day',
] as const;
