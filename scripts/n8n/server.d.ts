/** Types of server.js. */
import type { ChildProcess } from 'node:child_process';

export interface RunningServer {
	process: ChildProcess;
	port: number;
	baseUrl: string;
	output(): string;
	exited(): boolean;
	exitPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export declare const BROWSER_ID: string;
export declare function trackProcessGroup(child: ChildProcess): void;
export declare function freePort(): Promise<number>;
export declare function runnerEnv(): Promise<Record<string, string>>;
export declare function startServer(options: {
	userFolder: string;
	port: number;
	env?: Record<string, string>;
	listenAddress?: string;
	onOutput?: (chunk: string) => void;
	inheritOutput?: boolean;
	readyTimeoutMs?: number;
}): Promise<RunningServer>;
export declare function restRequest<T = unknown>(
	baseUrl: string,
	method: string,
	path: string,
	options?: { body?: unknown; cookie?: string },
): Promise<{ data: T; response: Response }>;
export declare function setupOwner(baseUrl: string, owner: Owner): Promise<boolean>;
export declare function login(
	baseUrl: string,
	credentials: { email: string; password: string },
): Promise<string>;
