/** Types of paths.js (plain CommonJS so that it runs on Node 20 without a build). */
export declare const N8N_VERSION: string;
export declare const NODE_PACKAGE: string;
export declare const NODE_VERSION: string;
export declare const PACKAGE_NAME: string;
export declare const repoRoot: string;
export declare function cacheRoot(): string;
export declare const runtimeDir: string;
export declare const nodeDir: string;
export declare const nodeBin: string;
export declare const n8nPrefix: string;
export declare const n8nDir: string;
export declare const n8nBin: string;
export declare const readyMarker: string;
export declare function n8nEnv(
	userFolder: string,
	extra?: Record<string, string>,
): Record<string, string | undefined>;
