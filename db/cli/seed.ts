/**
 * `npm run db:seed [-- --force]`: migrates, then seeds the "Pawsh Grooming" demo tenant when
 * there is none. `--force` deletes the demo tenant and everything under it first.
 * This script talks to PostgreSQL only: it starts no appointment workflows for the upcoming
 * demo bookings (the app does that when it seeds on start-up).
 */
import { seedDemoIfEmpty } from '../seeders/seed-demo';
import { runWithDatabase } from './run-with-database';

const force = process.argv.slice(2).includes('--force');

void runWithDatabase('db:seed', async ({ orm, applied }) => {
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const started = Date.now();
  const result = await seedDemoIfEmpty(orm, { force });
  if (!result.seeded) {
    console.log('The demo tenant already exists: nothing seeded (use `npm run db:seed -- --force` to reseed).');
  } else {
    const rows = Object.entries(result.counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    console.log(`Seeded the demo tenant in ${Date.now() - started} ms${force ? ' (reseeded)' : ''}: ${rows}.`);
    console.log(
      `${result.futureAppointmentIds.length} upcoming demo appointments have no running workflow yet ` +
        '(seed through `npm start` to have them started).',
    );
  }
  console.log(`Demo owner login: ${result.login.email} / ${result.login.password}`);
  console.log(`Demo staff login: ${result.staffLogin.email} / ${result.staffLogin.password}`);
});
