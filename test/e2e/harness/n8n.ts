/**
 * Real n8n for end-to-end tests: n8n 2.41.1 on Node 24 from the cache folder that
 * scripts/n8n/ensure-n8n.js fills, with this package packed and installed the way n8n's
 * "Install community node" does it (scripts/n8n/install-package.js).
 *
 * CLI mode, for workflows that start with a Manual Trigger:
 *
 *     const n8n = await createN8n();
 *     const id = await n8n.importWorkflow(workflowJson);
 *     const { run, error } = await n8n.executeWorkflow(id);
 *     const items = outputOf(run, 'Case Sentiment', 0);
 *     await n8n.dispose();
 *
 * Server mode, for triggers and pollers: `const server = await startN8n(n8n)` runs `n8n start`
 * on a free port with the same user folder, logged in as TEST_OWNER; then `activateWorkflow`,
 * `waitForExecutions`, `getExecution`, `deactivateWorkflow`, `stop`.
 *
 * Polling triggers in n8n 2.41.1 (read from n8n-core execution-engine/active-workflow-triggers.js,
 * poll-trigger-executor.js, n8n workflows/workflow.service.js and workflows/triggers/*.js, and
 * checked with n8n's RSS Feed Trigger against a local feed; default settings, i.e. the durable
 * scheduler (N8N_SCHEDULER_POLL_TRIGGERS_ENABLED) and durable cursors
 * (N8N_POLLER_DURABLE_CURSORS_ENABLED) off):
 * - Activating through REST only records the publication (N8N_USE_WORKFLOW_PUBLICATION_SERVICE
 *   is on by default) and answers at once (~0.2 s); the triggers are registered right after, in
 *   the background. So the REST call does NOT fail when the first poll throws. Seen with a feed
 *   on a closed port: for 12 s after, `publicationStatus` said 'in_progress' with no triggers,
 *   `activationError` was empty and the workflow read `active: true`. Wait for the effect (e.g.
 *   `waitFor` a request on your fake server, or for `publicationStatus`), not the REST answer.
 * - Registration rejects a poll time under one minute, then polls ONCE right away (seen ~1 s
 *   after the REST answer): items -> an execution (mode 'trigger'); null -> nothing runs. Then a
 *   cron job per entry of the node's `pollTimes` polls on schedule: 'everyMinute' fires at a
 *   random second of each minute, so the first scheduled poll can come anywhere from a few to 60
 *   seconds after activation. Errors of scheduled polls are saved as failed executions.
 * - The poller's `this.getWorkflowStaticData('node')` lives in an in-memory Workflow object built
 *   at activation. It is written to the database (workflow_entity.staticData, see
 *   `staticDataOf`) once after registration (so what the first poll changed is kept even when it
 *   returned null: seen) and whenever a poll returns items (just before the execution starts:
 *   seen). A scheduled poll that changes static data but returns null keeps the change in memory
 *   only: the next poll sees it, a restart or re-activation does not.
 * - Deactivation removes the cron jobs; re-activation builds a new Workflow from the database, so
 *   it starts from the static data saved last and polls once again.
 * - `import:workflow` deactivates what it imports unless given `--activeState=fromJson`; in
 *   n8n 2.x, activating means publishing the workflow's current version (`versionId`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import * as paths from '../../../scripts/n8n/paths';
import { installPackage, packRepository } from '../../../scripts/n8n/install-package';
import * as serverScripts from '../../../scripts/n8n/server';
import type { Owner, RunningServer } from '../../../scripts/n8n/server';

/** Every instance uses this key, so that credentials imported in JSON can be decrypted. */
export const ENCRYPTION_KEY = 'case-sentiment-e2e-encryption-key';

export const TEST_OWNER: Owner = {
	email: 'owner@case-sentiment.test',
	firstName: 'Case',
	lastName: 'Owner',
	password: 'CaseSentiment1',
};

/** Set by jest.global-setup.js: a user folder with the package installed, copied per instance. */
export const TEMPLATE_ENV = 'CASE_SENTIMENT_E2E_TEMPLATE';
export const WORK_DIR_ENV = 'CASE_SENTIMENT_E2E_DIR';

const COMMAND_TIMEOUT_MS = 5 * 60 * 1000;

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them with ENCRYPTION_KEY on import. */
	data: Record<string, unknown>;
}

export interface RunError {
	message: string;
	description?: string | null;
	node?: { name: string; type?: string };
	[key: string]: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	data?: { main?: Array<INodeExecutionData[] | null> };
	error?: RunError;
	[key: string]: unknown;
}

/** The part of n8n's IRun (as printed by `execute --rawOutput` or kept per execution) we read. */
export interface WorkflowRun {
	status?: string;
	mode?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: RunError;
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecuteResult {
	run: WorkflowRun;
	/** The run's error when it failed (the CLI then exits with 1). */
	error?: RunError;
}

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** The output items of `nodeName` on output `branch` (0 = first), run `runIndex`. */
export function itemsOf(
	run: WorkflowRun,
	nodeName: string,
	branch = 0,
	runIndex = 0,
): INodeExecutionData[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`node "${nodeName}" did not run; nodes that ran: ${ran || 'none'}`);
	}
	const nodeRun = runs[runIndex];
	if (!nodeRun) throw new Error(`node "${nodeName}" has no run ${runIndex}`);
	if (nodeRun.error) {
		throw new Error(`node "${nodeName}" failed: ${nodeRun.error.message}`);
	}
	return nodeRun.data?.main?.[branch] ?? [];
}

/** The `json` of each output item of `nodeName` on output `branch`. */
export function outputOf(
	run: WorkflowRun,
	nodeName: string,
	branch = 0,
	runIndex = 0,
): IDataObject[] {
	return itemsOf(run, nodeName, branch, runIndex).map((item) => item.json);
}

/** How many outputs `nodeName` produced in its run (one per branch, empty ones included). */
export function branchCountOf(run: WorkflowRun, nodeName: string, runIndex = 0): number {
	return run.data.resultData.runData[nodeName]?.[runIndex]?.data?.main?.length ?? 0;
}

/** The error a node's run ended with, if any. */
export function nodeErrorOf(
	run: WorkflowRun,
	nodeName: string,
	runIndex = 0,
): RunError | undefined {
	return run.data.resultData.runData[nodeName]?.[runIndex]?.error;
}

/** Resolves once `condition` holds (checked every 250 ms); rejects after `timeoutMs`. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	timeoutMs = 30000,
	what = 'the condition',
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** `execute --rawOutput` prints log lines, then the run as indented JSON starting with a lone `{`. */
function parseRunFromOutput(stdout: string): WorkflowRun | undefined {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as WorkflowRun;
	} catch {
		return undefined;
	}
}

function runCommand(args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nBin, ...args], { env, detached: true });
		serverScripts.trackProcessGroup(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
			reject(
				new Error(
					`n8n ${args.join(' ')} took over ${COMMAND_TIMEOUT_MS} ms\n${stdout.slice(-3000)}`,
				),
			);
		}, COMMAND_TIMEOUT_MS);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			// The task runner child shares the group; make sure none is left behind.
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
			resolve({ code, stdout, stderr });
		});
	});
}

function randomWorkflowId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(
		{ length: 16 },
		() => alphabet[Math.floor(Math.random() * alphabet.length)],
	).join('');
}

function workDir(): string {
	if (!process.env[WORK_DIR_ENV]) {
		process.env[WORK_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-e2e-'));
	}
	return process.env[WORK_DIR_ENV]!;
}

/**
 * Creates the template user folder: the package packed and installed, the database migrated.
 * Called once by the global setup; also here as a fallback when the tests run without it.
 */
export function createTemplate(dir = path.join(workDir(), 'template')): string {
	if (!fs.existsSync(paths.readyMarker)) {
		throw new Error(
			'n8n is not installed: run `node scripts/n8n/ensure-n8n.js` (npm run test:e2e does)',
		);
	}
	const tarball = packRepository(fs.mkdtempSync(path.join(workDir(), 'pack-')));
	installPackage(dir, { tarball, env: { N8N_ENCRYPTION_KEY: ENCRYPTION_KEY } });
	return dir;
}

function templateFolder(): string {
	const existing = process.env[TEMPLATE_ENV];
	if (existing && fs.existsSync(existing)) return existing;
	process.env[TEMPLATE_ENV] = createTemplate();
	return process.env[TEMPLATE_ENV]!;
}

let instanceCount = 0;

export class N8n {
	private server?: N8nServer;

	constructor(
		readonly userFolder: string,
		private readonly extraEnv: Record<string, string>,
	) {}

	/** The environment every n8n command of this instance runs with. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return paths.n8nEnv(this.userFolder, {
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LOG_LEVEL: 'info',
			...this.extraEnv,
			...extra,
		});
	}

	/** Runs `n8n <args>` with this instance's user folder. */
	async command(args: string[]): Promise<CommandResult> {
		return await runCommand(args, this.env(await serverScripts.runnerEnv()));
	}

	/** Imports a workflow (given an id when it has none); returns its id. */
	async importWorkflow(workflow: WorkflowJson): Promise<string> {
		const id = workflow.id ?? randomWorkflowId();
		const file = path.join(this.userFolder, `workflow-${id}.json`);
		fs.writeFileSync(file, JSON.stringify({ active: false, settings: {}, ...workflow, id }));
		const result = await this.command(['import:workflow', `--input=${file}`]);
		if (result.code !== 0) {
			throw new Error(
				`import:workflow failed (${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		}
		return id;
	}

	/** Imports credentials; `data` is given in plain text and encrypted by n8n. */
	async importCredentials(credentials: CredentialJson | CredentialJson[]): Promise<void> {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(list));
		const result = await this.command(['import:credentials', `--input=${file}`]);
		if (result.code !== 0) {
			throw new Error(
				`import:credentials failed (${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		}
	}

	/** `n8n execute --id --rawOutput`: the run, and its error if it failed. */
	async executeWorkflow(id: string): Promise<ExecuteResult> {
		const result = await this.command(['execute', `--id=${id}`, '--rawOutput']);
		const run = parseRunFromOutput(result.stdout);
		if (!run) {
			throw new Error(
				`n8n execute --id=${id} printed no run (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
			);
		}
		return { run, error: run.data.resultData.error };
	}

	/** Starts `n8n start` on this user folder (see startN8n). */
	async start(options: { env?: Record<string, string> } = {}): Promise<N8nServer> {
		if (this.server) throw new Error('this n8n instance is already running a server');
		const port = await serverScripts.freePort();
		const running = await serverScripts.startServer({
			userFolder: this.userFolder,
			port,
			env: { ...(this.env(options.env) as Record<string, string>) },
		});
		try {
			await serverScripts.setupOwner(running.baseUrl, TEST_OWNER);
			const cookie = await serverScripts.login(running.baseUrl, TEST_OWNER);
			this.server = new N8nServer(running, cookie, () => (this.server = undefined));
			return this.server;
		} catch (error) {
			await running.stop();
			throw error;
		}
	}

	/** Stops its server if running and deletes the user folder. */
	async dispose(): Promise<void> {
		await this.server?.stop();
		fs.rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 5 });
	}
}

/**
 * A fresh n8n user folder with the package installed (a copy of the template). `env` is added
 * to every command of the instance, e.g. `{ N8N_SSRF_PROTECTION_ENABLED: 'true' }`.
 */
export async function createN8n(options: { env?: Record<string, string> } = {}): Promise<N8n> {
	const template = templateFolder();
	instanceCount += 1;
	const userFolder = path.join(workDir(), `n8n-${process.pid}-${instanceCount}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	// The installed package (~100 MB with its dependencies) is shared through a link: n8n only
	// reads it, and copying it took seconds per instance. The database and config are copied.
	const templateNodes = path.join(template, '.n8n', 'nodes');
	fs.cpSync(template, userFolder, {
		recursive: true,
		filter: (source) => source !== templateNodes,
	});
	fs.symlinkSync(templateNodes, path.join(userFolder, '.n8n', 'nodes'), 'dir');
	return new N8n(userFolder, options.env ?? {});
}

/** `n8n start` on a free port, owner set up and logged in. Creates an instance if none is given. */
export async function startN8n(
	n8n?: N8n,
	options: { env?: Record<string, string> } = {},
): Promise<N8nServer> {
	return await (n8n ?? (await createN8n())).start(options);
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
	startedAt?: string | null;
	stoppedAt?: string | null;
	[key: string]: unknown;
}

export interface ExecutionDetails extends ExecutionSummary {
	data: WorkflowRun['data'];
}

/** Statuses after which an execution will not change any more. */
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

/** flatted, as n8n stores execution data; n8n's own copy, so both sides agree on the format. */
function parseFlatted(text: string): WorkflowRun['data'] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(paths.n8nPrefix, 'node_modules', 'flatted')) as {
		parse(text: string): unknown;
	};
	return flatted.parse(text) as WorkflowRun['data'];
}

export class N8nServer {
	constructor(
		private readonly running: RunningServer,
		private readonly cookie: string,
		private readonly onStop: () => void,
	) {}

	get baseUrl(): string {
		return this.running.baseUrl;
	}

	get port(): number {
		return this.running.port;
	}

	/** Everything n8n printed so far, for failure messages. */
	output(): string {
		return this.running.output();
	}

	/** A logged-in call to n8n's REST API (`/rest` + path); returns the answer's `data`. */
	async rest<T = unknown>(method: string, restPath: string, body?: unknown): Promise<T> {
		const { data } = await serverScripts.restRequest<T>(this.baseUrl, method, restPath, {
			body,
			cookie: this.cookie,
		});
		return data;
	}

	/** A logged-in request to any path of the server, e.g. `/types/nodes.json`. */
	async fetch(urlPath: string, init: RequestInit = {}): Promise<Response> {
		return await fetch(`${this.baseUrl}${urlPath}`, {
			...init,
			headers: { cookie: this.cookie, 'browser-id': serverScripts.BROWSER_ID, ...init.headers },
		});
	}

	async getWorkflow(
		id: string,
	): Promise<Record<string, unknown> & { versionId: string; active: boolean }> {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/** The workflow's static data as stored in the database (see the note at the top). */
	async staticDataOf(id: string): Promise<IDataObject> {
		const workflow = await this.getWorkflow(id);
		const staticData = workflow.staticData;
		if (typeof staticData === 'string') return JSON.parse(staticData) as IDataObject;
		return (staticData ?? {}) as IDataObject;
	}

	/** Publishes the current version; a poller's first (test) poll runs before this returns. */
	async activateWorkflow(id: string): Promise<void> {
		const { versionId } = await this.getWorkflow(id);
		await this.rest('POST', `/workflows/${id}/activate`, { versionId });
	}

	/** Why the workflow's triggers could not be started (e.g. the first poll threw), if so. */
	async activationError(id: string): Promise<string | undefined> {
		const error = await this.rest<string | null>('GET', `/active-workflows/error/${id}`);
		return error ?? undefined;
	}

	/** n8n's own report of the last publication (activation) of the workflow, as it answers it. */
	async publicationStatus(id: string): Promise<Record<string, unknown>> {
		return await this.rest('GET', `/workflows/${id}/publication-status`);
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/workflows/${id}/deactivate`, {});
	}

	/** Executions of a workflow, newest first. */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results: ExecutionSummary[] }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return data.results;
	}

	/** One execution with its run data (what the editor shows), readable with outputOf. */
	async getExecution(id: string): Promise<ExecutionDetails> {
		const execution = await this.rest<ExecutionSummary & { data: string }>(
			'GET',
			`/executions/${id}`,
		);
		return { ...execution, data: parseFlatted(execution.data) };
	}

	/**
	 * Waits until the workflow has at least `count` finished executions; returns them oldest first.
	 * Scheduled polls come at most once a minute, so allow for that in `timeoutMs`.
	 */
	async waitForExecutions(
		workflowId: string,
		count = 1,
		timeoutMs = 90000,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const finished = (await this.listExecutions(workflowId)).filter((execution) =>
				FINAL_STATUSES.has(execution.status),
			);
			if (finished.length >= count) return finished.reverse();
			if (Date.now() > deadline || this.running.exited()) {
				throw new Error(
					`workflow ${workflowId} has ${finished.length} finished executions, expected ${count}, after ${timeoutMs} ms\n${this.output().slice(-4000)}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/**
	 * Sends `signal` to n8n's process group and waits until it has exited: SIGKILL is a crash
	 * (nothing saved on the way out), SIGTERM an orderly shutdown (n8n's own shutdown hooks run).
	 */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		try {
			process.kill(-this.running.process.pid!, signal);
		} catch {
			// Already gone.
		}
		await this.running.exitPromise;
		await this.stop();
	}

	/** Stops n8n and its task runners (the whole process group). */
	async stop(): Promise<void> {
		await this.running.stop();
		this.onStop();
	}
}
