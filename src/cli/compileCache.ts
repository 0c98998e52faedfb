import * as nodeModule from 'node:module';

/**
 * Node 22.1 and later can keep the code it compiles on disk and reuse it on the next start
 * (`module.enableCompileCache`, in the operating system's temporary folder; NODE_DISABLE_COMPILE_CACHE
 * turns it off): a command run from cron or a shell loop then compiles the package once. Imported
 * first by main.ts, so that it covers every module the command loads after it. On older Node the
 * function does not exist and nothing happens.
 */
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
