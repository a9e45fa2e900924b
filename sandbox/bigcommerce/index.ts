export { startBigCommerceSandbox } from './server';
export * from './types';
