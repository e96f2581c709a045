import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../runtime/config';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
}

const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const { services } = compose;
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** `${NAME:-default}` → default, `${NAME:?message}` → NAME's required marker, as compose would. */
function interpolateDefaults(value: string): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?(?::\?[^}]*)?\}/g, (_m, name: string, fallback?: string) => fallback ?? `<${name}>`);
}

describe('docker-compose.yml: the production-shaped stack', () => {
  test('has postgres, temporal on postgres, temporal-ui, api, worker and an SMTP catcher', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'mailpit']),
    );
    expect(services.temporal.environment?.DB).toBe('postgres12');
    expect(services.temporal.environment?.POSTGRES_SEEDS).toBe('postgres');
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services.postgres.healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  test('every depends_on names a real service with a condition, and waits for health where there is one', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        const target = services[dependency];
        const expected =
          dependency === 'migrate'
            ? 'service_completed_successfully'
            : target.healthcheck && !target.healthcheck.disable
              ? 'service_healthy'
              : 'service_started';
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: expected });
      }
    }
    for (const app of ['api', 'worker']) {
      expect(Object.keys(services[app].depends_on ?? {})).toEqual(
        expect.arrayContaining(['postgres', 'temporal', 'migrate']),
      );
    }
  });

  test('api and worker run the built entry points of one image, wired to the other services', () => {
    const postgresEnv = services.postgres.environment ?? {};
    for (const app of ['api', 'worker'] as const) {
      const service = services[app];
      expect(service.build).toBeDefined();
      expect(service.command).toEqual(['node', `dist/${app}/main.js`]);
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolateDefaults(String(v))]),
      );
      const db = new URL(env.DATABASE_URL);
      expect(db.hostname).toBe('postgres');
      expect(db.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);
      expect(db.username).toBe(postgresEnv.POSTGRES_USER);
      expect(decodeURIComponent(db.password)).toBe(interpolateDefaults(postgresEnv.POSTGRES_PASSWORD));
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
      expect(service.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(env.NODE_ENV).toBe('production');
    }
    expect(services.api.ports?.some((p) => p.endsWith(':3000'))).toBe(true);
  });

  test('the app environment uses only variables the config knows', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const app of ['api', 'worker', 'migrate']) {
      for (const name of Object.keys(services[app].environment ?? {})) {
        expect({ app, name, known: known.has(name) }).toEqual({ app, name, known: true });
      }
    }
  });

  test('the entry points the containers run are built from sources that exist', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const [, script] = services[name].command ?? [];
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, source, exists: fs.existsSync(path.join(root, source)) }).toEqual({ name, source, exists: true });
    }
  });
});

describe('Dockerfile', () => {
  test('builds in a node stage and ships production dependencies and the build output', () => {
    const stages = dockerfile.match(/^FROM\s+\S+/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((s) => s.includes('node:'))).toBe(true);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toContain('COPY --from=build --chown=node:node /app/dist ./dist');
    expect(dockerfile).toContain('/app/builder-ui/dist');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('CMD ["node", "dist/api/main.js"]');
  });

  test('.dockerignore keeps local state and dependencies out of the build context', () => {
    const ignored = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.git', 'dist', '.env']));
  });
});
