/**
 * n8n 2.41.1 the way teams run it when one process is not enough: PostgreSQL as the database,
 * Redis as the job queue, one main process (editor, REST API, timers and pollers) and workers
 * that run the executions (`EXECUTIONS_MODE=queue`). PostgreSQL and Redis come from Debian's
 * packages and run on free ports with their data in temporary folders
 * (scripts/queue/services.js); every n8n process has its own user folder with this package
 * installed the community way (a copy of the e2e template, see createN8n), and all share one
 * encryption key, as a real deployment's containers do.
 *
 *     const cluster = await N8nCluster.start({ mode: 'queue', workers: 2 });
 *     cluster.server.rest(...);            // the main's REST API, logged in
 *     await cluster.workers[0].kill();     // SIGKILL: a crashed worker
 *     await cluster.restartMain();         // SIGTERM, then `n8n start` again
 *     await cluster.stop();                // everything, folders included
 *
 * `mode: 'regular'` runs one n8n on the same PostgreSQL with executions in the main process,
 * for comparisons. `durableCursors: true` turns on n8n's durable poll cursors and the durable
 * scheduler they need (DURABLE_POLL_CURSORS, read from n8n 2.41.1's @n8n/config
 * scheduler.config.js and n8n's workflows/triggers/poll-cursor.service.js).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as paths from '../../../scripts/n8n/paths';
import * as serverScripts from '../../../scripts/n8n/server';
import { ensureServices, type Services, startServices } from '../../../scripts/queue/services';
import { createN8n, type N8n, type N8nServer } from './n8n';

/**
 * n8n 2.41.1 keeps a poller's state in the workflow's static data unless all three are on: then
 * the state is a row of the `poller_state` table, committed in one transaction with the execution
 * the poll starts (N8N_POLLER_DURABLE_CURSORS_ENABLED alone only logs a warning and stays off).
 * N8N_USE_WORKFLOW_PUBLICATION_SERVICE, the third condition, is on by default.
 */
export const DURABLE_POLL_CURSORS: Record<string, string> = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/**
 * Bull's lock on a running job lasts 60 s and workers look for stalled jobs every 30 s by
 * default, so a killed worker's job is noticed after up to 90 s. Shorter here to keep the tests
 * short, but not so short that a busy worker on two shared cores misses a renewal: n8n sets
 * `maxStalledCount: 0` (scaling.service.js), so a job whose lock lapses fails for good, even
 * when its worker is alive and finishes it (seen with a 10 s lock renewed every 3 s).
 */
const FAST_STALL_DETECTION: Record<string, string> = {
	QUEUE_WORKER_LOCK_DURATION: '30000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '10000',
};

export interface ClusterOptions {
	mode: 'queue' | 'regular';
	/** Workers in queue mode (default 2). */
	workers?: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`, default 10). */
	workerConcurrency?: number;
	durableCursors?: boolean;
	/** Added to every n8n process's environment. */
	env?: Record<string, string>;
}

let clusterCount = 0;

/** `n8n worker` on its own user folder; ready once its health endpoint answers. */
export class QueueWorker {
	private child?: ChildProcess;
	private exitPromise?: Promise<void>;
	private exited = true;
	private log = '';

	constructor(
		readonly index: number,
		private readonly n8n: N8n,
		private readonly concurrency: number,
	) {}

	get pid(): number | undefined {
		return this.exited ? undefined : this.child?.pid;
	}

	/** Everything the worker printed, over all its starts. */
	output(): string {
		return this.log;
	}

	async start(): Promise<void> {
		if (!this.exited) throw new Error(`worker ${this.index} is already running`);
		const healthPort = await serverScripts.freePort();
		const child = spawn(
			paths.nodeBin,
			[paths.n8nBin, 'worker', `--concurrency=${this.concurrency}`],
			{
				env: this.n8n.env({
					...(await serverScripts.runnerEnv()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		serverScripts.trackProcessGroup(child);
		this.child = child;
		this.exited = false;
		const collect = (chunk: Buffer) => {
			this.log = (this.log + chunk.toString()).slice(-1_000_000);
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		this.exitPromise = new Promise((resolve) =>
			child.once('exit', () => {
				this.exited = true;
				resolve();
			}),
		);
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (this.exited) throw new Error(`worker ${this.index} exited on start\n${this.tail()}`);
			try {
				const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) {
				await this.kill();
				throw new Error(`worker ${this.index} was not ready after 180 s\n${this.tail()}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** SIGKILL (a crash: nothing finishes, nothing is saved) unless told otherwise. */
	async kill(signal: NodeJS.Signals = 'SIGKILL', graceMs = 30_000): Promise<void> {
		if (this.exited || !this.child) return;
		const signalGroup = (sig: NodeJS.Signals) => {
			try {
				process.kill(-this.child!.pid!, sig);
			} catch {
				// Already gone.
			}
		};
		signalGroup(signal);
		const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
		await this.exitPromise;
		clearTimeout(timer);
		signalGroup('SIGKILL');
	}

	/** Stops the worker and deletes its user folder. */
	async dispose(): Promise<void> {
		await this.kill('SIGTERM', 10_000);
		await this.n8n.dispose();
	}

	private tail(): string {
		return this.log.slice(-4000);
	}
}

/** One n8n setup on its own PostgreSQL and Redis: a main and, in queue mode, its workers. */
export class N8nCluster {
	private constructor(
		readonly options: Required<Omit<ClusterOptions, 'env'>> & { env: Record<string, string> },
		readonly services: Services,
		readonly database: string,
		readonly main: N8n,
		readonly workers: QueueWorker[],
		private readonly sharedEnv: Record<string, string>,
	) {}

	server!: N8nServer;
	/** What earlier runs of the main printed (before restarts). */
	private mainLogs: string[] = [];

	static async start(options: ClusterOptions): Promise<N8nCluster> {
		const settings = {
			workers: options.mode === 'queue' ? (options.workers ?? 2) : 0,
			workerConcurrency: options.workerConcurrency ?? 10,
			durableCursors: options.durableCursors ?? false,
			mode: options.mode,
			env: options.env ?? {},
		};
		ensureServices();
		clusterCount += 1;
		const database = `n8n_${process.pid}_${clusterCount}`;
		const services = await startServices();
		const folders: N8n[] = [];
		try {
			services.postgres.createDatabase(database);
			const sharedEnv: Record<string, string> = {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: services.postgres.host,
				DB_POSTGRESDB_PORT: String(services.postgres.port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: services.postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: settings.mode,
				QUEUE_BULL_REDIS_HOST: services.redis.host,
				QUEUE_BULL_REDIS_PORT: String(services.redis.port),
				...(settings.mode === 'queue' ? FAST_STALL_DETECTION : {}),
				...(settings.durableCursors ? DURABLE_POLL_CURSORS : {}),
				...settings.env,
			};
			const main = await createN8n({ env: sharedEnv });
			folders.push(main);
			const workers: QueueWorker[] = [];
			for (let index = 0; index < settings.workers; index++) {
				const folder = await createN8n({ env: sharedEnv });
				folders.push(folder);
				workers.push(new QueueWorker(index, folder, settings.workerConcurrency));
			}
			const cluster = new N8nCluster(settings, services, database, main, workers, sharedEnv);
			// The main first: it runs the database migrations the workers wait for.
			cluster.server = await main.start();
			for (const worker of workers) await worker.start();
			return cluster;
		} catch (error) {
			for (const folder of folders) await folder.dispose();
			await services.stop();
			throw error;
		}
	}

	/** The environment every process of this setup shares (database, queue, cursor settings). */
	get env(): Record<string, string> {
		return { ...this.sharedEnv };
	}

	/** Runs SQL in this setup's database; psql's unaligned output, one row a line. */
	sql(query: string): string {
		return this.services.postgres.psql(this.database, query);
	}

	/**
	 * Stops the main (SIGTERM, n8n's orderly shutdown; SIGKILL for a crash) and starts it again on
	 * the same database and user folder; the new server is `this.server`.
	 */
	async restartMain(signal: NodeJS.Signals = 'SIGTERM'): Promise<N8nServer> {
		await this.server.kill(signal);
		this.mainLogs.push(this.server.output());
		this.server = await this.main.start();
		return this.server;
	}

	/** Everything the main printed, over all its starts. */
	mainOutput(): string {
		return [...this.mainLogs, this.server?.output() ?? ''].join('\n----- main restarted -----\n');
	}

	/**
	 * Writes the main's and the workers' output to `dir` (main.log, worker-<n>.log), for reading
	 * what n8n did after a run: set CASE_SENTIMENT_QUEUE_LOGS to a folder to keep them.
	 */
	writeLogs(dir: string, prefix: string): void {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${prefix}-main.log`), this.mainOutput());
		for (const worker of this.workers) {
			fs.writeFileSync(path.join(dir, `${prefix}-worker-${worker.index}.log`), worker.output());
		}
	}

	/** Stops every process and service and removes their folders, whatever state they are in. */
	async stop(): Promise<void> {
		await Promise.allSettled([
			this.main.dispose(),
			...this.workers.map((worker) => worker.dispose()),
		]);
		await this.services.stop();
	}
}
