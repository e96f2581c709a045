/** The automation DSL shared with the api and the worker (pure, browser-safe): one import point for the UI. */
export * from '../../../workflows/dsl';
