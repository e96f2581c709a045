/**
 * When jest runs a single test file in band, the test sandbox inherits the globals the
 * globalSetup left behind, including MikroORM's entity metadata built in the outer realm,
 * whose Maps the sandbox cannot clone. Dropping the inherited copy lets this sandbox's
 * entities register their own. Import before anything that loads @mikro-orm/core.
 */
delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];

export {};
