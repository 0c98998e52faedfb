import { caseActivityKey, CaseValidationError } from './case';
import { normalizeCase } from './normalize';
import { buildCaseBlock, DEFAULT_PROMPT_OPTIONS } from '../sentiment/llm/prompt';
import { OfflineEngine } from '../sentiment/offline/engine';

/** Odd shapes of input that once became silent wrong neutrals or a crash. */

function deeplyNested(depth: number): Record<string, unknown> {
	let value: Record<string, unknown> = { leaf: 'bottom' };
	for (let level = 0; level < depth; level++) value = { inner: value };
	return value;
}

describe('case text that is not text', () => {
	it.each(['subject', 'description', 'state', 'priority', 'channel', 'id'])(
		"rejects an object as '%s', naming the field",
		(field) => {
			const input = { id: 'C1', description: 'It broke.', [field]: { value: 'hidden text' } };
			expect(() => normalizeCase(input)).toThrow(CaseValidationError);
			expect(() => normalizeCase(input)).toThrow(
				new RegExp(`'${field}' must be text, not an object`),
			);
		},
	);

	it('rejects a list as the description and an object as a message text', () => {
		expect(() => normalizeCase({ id: 'C1', description: ['a', 'b'] })).toThrow(
			/'description' must be text, not a list/,
		);
		const message = { id: 'C1', messages: [{ role: 'requester', text: { html: '<p>hi</p>' } }] };
		expect(() => normalizeCase(message)).toThrow(/'messages\.0\.text' must be text, not an object/);
	});

	it('rejects custom fields that are not an object of fields', () => {
		expect(() =>
			normalizeCase({ id: 'C1', description: 'x', customFields: 'tier=gold' as never }),
		).toThrow(/'customFields' must be an object/);
	});
});

describe('custom fields that are objects', () => {
	it('go into the prompt as JSON, not [object Object]', () => {
		const supportCase = normalizeCase({
			id: 'C1',
			description: 'It broke.',
			customFields: { product: { name: 'Router X', tier: { level: 2 } }, tags: ['vip', 'eu'] },
		});
		const block = buildCaseBlock(supportCase, {
			...DEFAULT_PROMPT_OPTIONS,
			fields: ['customFields'],
		});
		expect(block).toContain(
			'fields: {"product":{"name":"Router X","tier":{"level":2}},"tags":["vip","eu"]}',
		);
		expect(block).not.toContain('[object Object]');
	});

	it('100,000 levels deep: nothing throws, and the prompt shows a bounded depth', async () => {
		const deep = deeplyNested(100_000);
		const supportCase = normalizeCase({
			id: 'C1',
			description: 'It broke again, terrible.',
			customFields: { deep },
			createdAt: '2026-11-23T09:00:00Z',
		});
		const block = buildCaseBlock(supportCase, {
			...DEFAULT_PROMPT_OPTIONS,
			fields: ['customFields'],
		});
		expect(block).toContain('fields: {"deep":{"inner":{"inner":"…"}}}');
		expect(caseActivityKey(supportCase)).toMatch(/^[0-9a-f]{32}$/);
		expect((await new OfflineEngine().classify(supportCase)).label).toBe('negative');
		// A bad time that is a deep object is named, not stringified whole.
		expect(() => normalizeCase({ id: 'C2', description: 'x', createdAt: deep })).toThrow(
			/'createdAt' is not a time: an object/,
		);
	});
});
