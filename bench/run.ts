/**
 * `npm run bench`: runs every benchmark in turn and prints its figures.
 * Pass names to run some: `npm run bench -- api`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const all = ['availability', 'api', 'booking', 'timers', 'builder', 'reports', 'campaign'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : all;

let failed = false;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [path.join(__dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
