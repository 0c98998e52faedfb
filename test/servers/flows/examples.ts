import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The example workflows of examples/ pointed at local stand-ins: the placeholder URLs the
 * examples ship with (a Slack webhook, Zendesk, the survey tool, the digest destination) are
 * swapped for local servers, and the Zendesk credential they reference is created with the fake
 * Zendesk's address. Nothing else in a workflow changes.
 */
export const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', 'examples');

/** The URLs the examples ship with, as users see them before filling in their own. */
export const PLACEHOLDERS = {
	slack: 'https://hooks.slack.com/services/',
	zendesk: 'https://acme.zendesk.com',
	survey: 'https://surveys.example.com',
	digest: 'https://digest.example.com',
} as const;

export type Endpoints = Record<keyof typeof PLACEHOLDERS, string>;

/** Local endpoints: the fake Zendesk, and paths of the outbox for the rest. */
export function localEndpoints(zendeskUrl: string, outboxUrl: string): Endpoints {
	return {
		slack: `${outboxUrl}/slack/`,
		zendesk: zendeskUrl,
		survey: `${outboxUrl}/survey`,
		digest: `${outboxUrl}/digest`,
	};
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function readExample(file: string, endpoints?: Endpoints): ExampleWorkflow {
	let text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
	if (endpoints) {
		for (const key of Object.keys(PLACEHOLDERS) as Array<keyof typeof PLACEHOLDERS>) {
			text = text.split(PLACEHOLDERS[key]).join(endpoints[key]);
		}
	}
	return JSON.parse(text) as ExampleWorkflow;
}

/** The credential the Zendesk examples reference by id, for the fake Zendesk's default login. */
export function zendeskCredential(zendeskUrl: string) {
	return {
		id: 'csExampleZendesk',
		name: 'Zendesk (Case Source) account',
		type: 'zendeskCaseSourceApi',
		data: {
			subdomain: 'acme',
			baseUrl: zendeskUrl,
			email: 'agent@acme.example',
			apiToken: 'zd-token',
		},
	};
}
