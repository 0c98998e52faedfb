import * as fs from 'node:fs';
import * as path from 'node:path';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

interface WorkflowNode {
	name: string;
	type: string;
	parameters: { content?: string };
}

describe('example workflows', () => {
	const files = fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

	it('are there to check', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s carries a sticky note that says what the flow does', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
			nodes: WorkflowNode[];
		};
		const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
		expect(notes.length).toBeGreaterThan(0);
		expect(notes.every((note) => (note.parameters.content ?? '').trim().length > 40)).toBe(true);
	});
});
