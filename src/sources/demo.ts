import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import type { CasePage, CaseSource, Clock, FetchWindow } from './source';
import { HOUR_MS, MINUTE_MS } from '../case/time';

/**
 * A helpdesk with no network and no credential: a new case opens every few minutes from a fixed
 * set of scripted conversations, and each thread grows at fixed offsets after its opening. All
 * of it follows from the clock, so every poll sees new activity and two runs at the same time
 * see the same cases.
 */
export interface ScriptedMessage {
	/** Minutes after the case opened. */
	at: number;
	role: 'requester' | 'fulfiller';
	internal?: boolean;
	text: string;
}

export interface CaseScript {
	subject: string;
	description: string;
	account: { id: string; name: string };
	requester: { name: string; email: string };
	priority: string;
	channel: string;
	group: string;
	messages: ScriptedMessage[];
}

const AGENT = { name: 'Sam Rivera', email: 'sam.rivera@support.example' };

/** Also the seed of the local helpdesk servers used in tests and the benchmark. */
export const DEMO_CASE_SCRIPTS: CaseScript[] = [
	{
		subject: 'Invoices charged twice this month',
		description:
			'We were billed twice for November. This is the second time this year and our finance team is furious. I need this reversed today.',
		account: { id: 'ACME-001', name: 'Acme Logistics' },
		requester: { name: 'Dana Whitfield', email: 'dana.whitfield@acme-logistics.example' },
		priority: 'high',
		channel: 'email',
		group: 'Billing',
		messages: [
			{
				at: 4,
				role: 'fulfiller',
				text: 'Hi Dana, I am sorry about the double charge. I have asked billing to check both invoices.',
			},
			{
				at: 6,
				role: 'fulfiller',
				internal: true,
				text: 'Duplicate run of the invoicing job on the 1st; 14 accounts affected. Refund needs finance approval.',
			},
			{
				at: 15,
				role: 'requester',
				text: 'It has been hours. Nobody has told me when the money comes back. This is unacceptable.',
			},
			{
				at: 28,
				role: 'fulfiller',
				text: 'The refund was approved and will reach your account in 3 to 5 business days.',
			},
			{ at: 40, role: 'requester', text: 'Fine. Please make sure it does not happen again.' },
		],
	},
	{
		subject: 'Cannot export reports to CSV',
		description: 'The CSV export button on the reports page does nothing. Could you take a look?',
		account: { id: 'GLOBEX-002', name: 'Globex Retail' },
		requester: { name: 'Priya Nair', email: 'priya.nair@globex.example' },
		priority: 'medium',
		channel: 'web',
		group: 'Product Support',
		messages: [
			{
				at: 5,
				role: 'fulfiller',
				text: 'Thanks Priya. Which browser are you using, and does it happen for every report?',
			},
			{ at: 12, role: 'requester', text: 'Chrome 131, and yes, every report. PDF export works.' },
			{
				at: 20,
				role: 'fulfiller',
				internal: true,
				text: 'Reproduced. Known regression in 4.12, fix in 4.12.1.',
			},
			{
				at: 24,
				role: 'fulfiller',
				text: 'We reproduced it; a fix ships tomorrow. Meanwhile the API export works.',
			},
			{ at: 35, role: 'requester', text: 'Great, thanks a lot for the quick help!' },
		],
	},
	{
		subject: 'Data missing after migration?',
		description:
			"After last night's migration I cannot find the shipments from October. I am a bit worried we lost them; our audit starts on Monday.",
		account: { id: 'INITECH-003', name: 'Initech' },
		requester: { name: 'Tom Becker', email: 'tom.becker@initech.example' },
		priority: 'urgent',
		channel: 'phone',
		group: 'Data Platform',
		messages: [
			{
				at: 3,
				role: 'fulfiller',
				text: 'Hi Tom, the data is safe: the October archive is still being re-indexed.',
			},
			{
				at: 10,
				role: 'requester',
				text: 'Are you sure? The audit really depends on this. When will I see it?',
			},
			{
				at: 18,
				role: 'fulfiller',
				internal: true,
				text: 'Re-index stuck on partition 10-2026; restarted the worker.',
			},
			{
				at: 26,
				role: 'fulfiller',
				text: 'Re-indexing is done; October shipments are visible again.',
			},
			{ at: 31, role: 'requester', text: 'I can see them now. What a relief, thank you!' },
		],
	},
	{
		subject: 'Change of billing address',
		description: 'Please update our billing address to 12 Harbour Street, Leith, EH6 6LS.',
		account: { id: 'UMBRELLA-004', name: 'Umbrella Health' },
		requester: { name: 'Morag Stewart', email: 'morag.stewart@umbrella.example' },
		priority: 'low',
		channel: 'email',
		group: 'Billing',
		messages: [
			{ at: 8, role: 'fulfiller', text: 'Done: the new address applies from the next invoice.' },
			{ at: 14, role: 'requester', text: 'Thank you.' },
		],
	},
	{
		subject: 'API returns 502 every few minutes',
		description:
			'Our integration gets 502 Bad Gateway from /v2/orders roughly every five minutes since this morning. Orders are piling up.',
		account: { id: 'ACME-001', name: 'Acme Logistics' },
		requester: { name: 'Luis Ortega', email: 'luis.ortega@acme-logistics.example' },
		priority: 'urgent',
		channel: 'api',
		group: 'Platform',
		messages: [
			{
				at: 2,
				role: 'fulfiller',
				internal: true,
				text: 'Load balancer health checks flapping in eu-west. Paging on-call.',
			},
			{
				at: 7,
				role: 'requester',
				text: 'Still failing. We are losing orders. Is anyone even looking at this?',
			},
			{
				at: 9,
				role: 'fulfiller',
				text: 'Yes, Luis: on-call is on it. It is a load balancer issue in eu-west; next update in 15 minutes.',
			},
			{
				at: 22,
				role: 'requester',
				text: 'Another 40 failed orders. If this is not fixed within the hour we will escalate to our account manager.',
			},
			{
				at: 30,
				role: 'fulfiller',
				text: 'Fixed: the faulty node was removed at 10:42 UTC. Failed requests can be retried safely.',
			},
			{ at: 45, role: 'requester', text: 'Retries went through. Please send a post-mortem.' },
		],
	},
	{
		subject: 'How do I add a second admin?',
		description: 'Hello, how can I give a colleague admin rights on our workspace?',
		account: { id: 'GLOBEX-002', name: 'Globex Retail' },
		requester: { name: 'Hannah Cole', email: 'hannah.cole@globex.example' },
		priority: 'low',
		channel: 'chat',
		group: 'Product Support',
		messages: [
			{
				at: 1,
				role: 'fulfiller',
				text: 'Settings > Members, then choose Admin in the role column next to your colleague.',
			},
			{ at: 3, role: 'requester', text: 'Found it, thanks!' },
		],
	},
	{
		subject: 'Renewal quote still not received',
		description:
			'Our contract ends on the 30th and I have asked for the renewal quote three times. Procurement needs it this week.',
		account: { id: 'INITECH-003', name: 'Initech' },
		requester: { name: 'Grace Okafor', email: 'grace.okafor@initech.example' },
		priority: 'high',
		channel: 'email',
		group: 'Account Management',
		messages: [
			{
				at: 11,
				role: 'fulfiller',
				internal: true,
				text: 'Quote stuck waiting for discount approval since last week.',
			},
			{
				at: 16,
				role: 'requester',
				text: 'Any news? I am starting to consider other vendors, honestly.',
			},
			{
				at: 25,
				role: 'fulfiller',
				text: 'Apologies, Grace. The quote is attached; the discount we discussed is included.',
			},
			{
				at: 50,
				role: 'requester',
				text: 'Received. The numbers look right; we will sign this week.',
			},
		],
	},
	{
		subject: 'Mobile app crashes on login',
		description:
			'The Android app closes right after I enter my password. Reinstalling did not help.',
		account: { id: 'UMBRELLA-004', name: 'Umbrella Health' },
		requester: { name: 'Ken Ito', email: 'ken.ito@umbrella.example' },
		priority: 'medium',
		channel: 'web',
		group: 'Mobile',
		messages: [
			{
				at: 6,
				role: 'fulfiller',
				text: 'Sorry about that, Ken. Which Android version and app version do you have?',
			},
			{ at: 13, role: 'requester', text: 'Android 15, app 8.3.0. It worked last week.' },
			{
				at: 21,
				role: 'fulfiller',
				internal: true,
				text: 'Crash reports confirm a null pointer in the new biometric prompt on Android 15.',
			},
			{
				at: 33,
				role: 'requester',
				text: 'Still crashing. I cannot approve prescriptions from my phone, which is a real problem for our clinic.',
			},
			{
				at: 38,
				role: 'fulfiller',
				text: 'Version 8.3.1 fixes it and is rolling out now in the Play Store.',
			},
		],
	},
	// Customers write in their own language: the offline engine reads German and Spanish, and
	// says plainly that it does not read Japanese (hybrid sends that case to the model).
	{
		subject: 'Lieferung seit zwei Wochen überfällig',
		description:
			'Unsere Bestellung 88231 sollte vor zwei Wochen ankommen. Seitdem keine Rückmeldung, obwohl wir schon zweimal angerufen haben. Das ist wirklich ärgerlich.',
		account: { id: 'MUELLER-007', name: 'Müller Maschinenbau' },
		requester: { name: 'Jonas Müller', email: 'jonas.mueller@mueller-maschinenbau.example' },
		priority: 'high',
		channel: 'email',
		group: 'Fulfilment',
		messages: [
			{
				at: 6,
				role: 'fulfiller',
				text: 'Guten Tag Herr Müller, das tut mir leid. Ich kläre das sofort mit dem Lager.',
			},
			{
				at: 18,
				role: 'requester',
				text: 'Immer noch keine Antwort vom Lager? Wenn die Ware nicht bis Freitag da ist, kündigen wir den Rahmenvertrag.',
			},
			{
				at: 29,
				role: 'fulfiller',
				internal: true,
				text: 'Lager: Sendung lag falsch etikettiert im Ausgang, geht heute per Express raus.',
			},
			{
				at: 35,
				role: 'fulfiller',
				text: 'Die Ware ist heute per Express verschickt worden und kommt morgen an.',
			},
			{
				at: 47,
				role: 'requester',
				text: 'Gut, danke. Bitte schicken Sie uns die Sendungsnummer.',
			},
			{ at: 53, role: 'fulfiller', text: 'Die Sendungsnummer lautet 00340434161094042557.' },
		],
	},
	{
		subject: 'Gracias por la ayuda con la factura',
		description:
			'Hola, no encontraba la factura de octubre en el portal. ¿Me la pueden enviar por correo?',
		account: { id: 'SOL-008', name: 'Hoteles Sol' },
		requester: { name: 'Lucía Fernández', email: 'lucia.fernandez@hotelessol.example' },
		priority: 'low',
		channel: 'web',
		group: 'Billing',
		messages: [
			{
				at: 8,
				role: 'fulfiller',
				text: 'Hola Lucía, se la acabo de enviar. También está ahora en Facturas > 2026.',
			},
			{
				at: 14,
				role: 'requester',
				text: 'Perfecto, ya la tengo. Muchas gracias por la respuesta tan rápida, excelente atención.',
			},
			{ at: 17, role: 'requester', text: '¿Y la de septiembre también está en el portal?' },
			{ at: 19, role: 'fulfiller', text: 'Sí, también la encontrará en Facturas > 2026.' },
			{ at: 26, role: 'fulfiller', text: 'Con mucho gusto, Lucía. ¡Que tenga un buen día!' },
			{ at: 34, role: 'requester', text: 'Genial, gracias de nuevo.' },
		],
	},
	{
		subject: '請求書の金額が違います',
		description:
			'11月分の請求書の金額が契約と違っています。先月も同じ問題がありました。至急確認してください。',
		account: { id: 'SAKURA-009', name: 'さくら物流' },
		requester: { name: '佐藤 健', email: 'ken.sato@sakura-logistics.example' },
		priority: 'medium',
		channel: 'email',
		group: 'Billing',
		messages: [
			{ at: 1, role: 'requester', text: '請求書番号は INV-2026-1142 です。' },
			{
				at: 7,
				role: 'fulfiller',
				text: 'Sato-san, thank you for letting us know. We are checking the November invoice now.',
			},
			{
				at: 16,
				role: 'fulfiller',
				internal: true,
				text: 'Contract rate not applied to the November run; billing is reissuing.',
			},
			{
				at: 20,
				role: 'requester',
				text: 'まだ回答がありません。今日中に訂正した請求書を送ってください。',
			},
			{
				at: 42,
				role: 'fulfiller',
				text: 'Sato-san, the corrected invoice is attached. We apologise for the error.',
			},
			{ at: 51, role: 'requester', text: '確認しました。次回からは気をつけてください。' },
		],
	},
];

/** A new case every 5 minutes; each thread is complete an hour after it opened. */
const CASE_INTERVAL_MS = 5 * MINUTE_MS;
const THREAD_SPAN_MS = HOUR_MS;

export class DemoCaseSource implements CaseSource {
	readonly name = 'Demo helpdesk';

	constructor(private readonly clock: Clock) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const now = this.clock().getTime();
		const since = Date.parse(window.since);
		const changed = this.casesActiveSince(since, now)
			.filter((supportCase) => Date.parse(supportCase.updatedAt!) >= since)
			.sort(
				(a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!) || a.id.localeCompare(b.id),
			);
		const offset = Number(window.cursor ?? 0);
		const cases = changed.slice(offset, offset + limit);
		const complete = offset + limit >= changed.length;
		return { cases, nextCursor: complete ? null : String(offset + limit), complete };
	}

	async sample(count: number): Promise<Case[]> {
		const now = this.clock().getTime();
		const cases = this.casesActiveSince(now - THREAD_SPAN_MS, now);
		return cases
			.sort((a, b) => Date.parse(b.updatedAt!) - Date.parse(a.updatedAt!))
			.slice(0, count);
	}

	/** The cases opened by `now` whose thread could have grown at or after `since`. */
	private casesActiveSince(since: number, now: number): Case[] {
		const newest = Math.floor(now / CASE_INTERVAL_MS);
		const oldest = Math.floor((since - THREAD_SPAN_MS) / CASE_INTERVAL_MS);
		const cases: Case[] = [];
		for (let index = Math.max(0, oldest); index <= newest; index++) {
			cases.push(demoCase(index, now));
		}
		return cases;
	}
}

function demoCase(index: number, now: number): Case {
	const script = DEMO_CASE_SCRIPTS[index % DEMO_CASE_SCRIPTS.length];
	const openedAt = index * CASE_INTERVAL_MS;
	const visible = script.messages.filter((message) => openedAt + message.at * MINUTE_MS <= now);
	const lastAt =
		visible.length > 0 ? openedAt + visible[visible.length - 1].at * MINUTE_MS : openedAt;
	const finished = visible.length === script.messages.length;
	const id = `DEMO-${index}`;
	return normalizeCase({
		id,
		number: `CS${String(index % 1_000_000).padStart(6, '0')}`,
		source: 'demo',
		subject: script.subject,
		description: script.description,
		state: finished ? 'resolved' : visible.length > 0 ? 'in_progress' : 'new',
		closed: finished,
		priority: script.priority,
		channel: script.channel,
		group: script.group,
		account: script.account,
		requester: script.requester,
		assignee: AGENT,
		createdAt: new Date(openedAt).toISOString(),
		updatedAt: new Date(lastAt).toISOString(),
		messages: visible.map((message, position) => ({
			id: `${id}-m${position + 1}`,
			author: message.role === 'requester' ? script.requester.email : AGENT.email,
			role: message.role,
			visibility: message.internal ? 'internal' : 'public',
			text: message.text,
			createdAt: new Date(openedAt + message.at * MINUTE_MS).toISOString(),
		})),
	});
}
