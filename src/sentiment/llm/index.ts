export * from './batch';
export * from './engine';
export * from './limiter';
export * from './openai';
export * from './parse';
export * from './prompt';
export * from './retry';
export * from './schema';
