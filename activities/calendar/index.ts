export * from './errors';
export * from './google-provider';
export * from './ids';
export * from './microsoft-provider';
export * from './oauth';
export * from './token-crypto';
export type * from './types';
