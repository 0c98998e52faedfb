import { FakeFreshdesk } from './freshdesk';
import type { FakeHelpdeskServer } from './helpdesk';
import { FakeServiceNow } from './servicenow';
import { FakeZendesk } from './zendesk';

/**
 * A fake helpdesk as a process of its own, for the real-n8n tests:
 * `node -r ./test/servers/helpdesks/register-ts.js test/servers/helpdesks/main.ts zendesk [count]`
 * prints one JSON line `{"url": ...}` once listening on 127.0.0.1 (ephemeral port), seeded with
 * `count` tickets; tests then drive it through its `/_control/...` API.
 */
const SERVERS: Record<string, () => FakeHelpdeskServer> = {
	servicenow: () => new FakeServiceNow(),
	zendesk: () => new FakeZendesk(),
	freshdesk: () => new FakeFreshdesk(),
};

async function main(): Promise<void> {
	const [kind, count] = process.argv.slice(2);
	const make = SERVERS[kind];
	if (!make) throw new Error(`Usage: main.ts servicenow|zendesk|freshdesk [count]`);
	const server = make();
	server.store.seed(Number(count ?? 6), 10 * 60_000);
	const url = await server.start();
	process.stdout.write(`${JSON.stringify({ url })}\n`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
