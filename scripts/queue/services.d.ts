/** Types of services.js. */
export declare class ServicesError extends Error {}

export interface PostgresService {
	host: string;
	port: number;
	user: string;
	version: string;
	output(): string;
	/** Runs SQL in `database` with psql; returns its unaligned, tuples-only output. */
	psql(database: string, sql: string): string;
	createDatabase(name: string): void;
	stop(): Promise<void>;
}

export interface RedisService {
	host: string;
	port: number;
	version: string;
	output(): string;
	stop(): Promise<void>;
}

export interface Services {
	postgres: PostgresService;
	redis: RedisService;
	stop(): Promise<void>;
}

export declare function ensureServices(): { postgres: string; redis: string };
export declare function postgresBinDir(): string | null;
export declare function startPostgres(): Promise<PostgresService>;
export declare function startRedis(): Promise<RedisService>;
export declare function startServices(): Promise<Services>;
