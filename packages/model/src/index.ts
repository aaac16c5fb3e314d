export * from './model.js';
export * from './lower.js';
export * from './interview.js';
export * from './run-tests.js';
export * from './reachability.js';
