import { parseCase } from '../../case/case';
import { caseFromText } from '../../case/normalize';
import { sentimentResultSchema } from '../result';
import { OfflineEngine, offlineConfidenceToKeep, scoreText } from './engine';

const engine = new OfflineEngine(() => Date.parse('2026-11-23T10:00:00Z'));
const classify = (text: string) => engine.classifySync(caseFromText(text, 'C1'));

function thread(...texts: string[]) {
	return parseCase({
		id: 'C1',
		messages: texts.map((text, index) => ({
			id: `m${index + 1}`,
			authorRole: 'requester',
			text,
			createdAt: `2026-11-2${index}T10:00:00Z`,
		})),
	});
}

describe('the offline engine reads each language with its own rules', () => {
	it('does not read German "die" and "war" as the English words', () => {
		const result = classify('Die Lieferung war pünktlich und die Ware ist in Ordnung.');
		expect(result.language).toBe('de');
		expect(result.label).not.toBe('negative');
		const phrases = result.explanation.evidence.map((item) => item.phrase);
		expect(phrases).not.toContain('die');
		expect(phrases).not.toContain('war');
	});

	it('reads a German compound by its head, but not a short entry inside a longer word', () => {
		// "Zugausfall", "Signalstörung", "Bahnchaos": German writes the compound as one word.
		const compound = classify('Zugausfall in Köln und wegen der Signalstörung herrscht Bahnchaos.');
		expect(compound.language).toBe('de');
		expect(compound.label).toBe('negative');
		expect(compound.explanation.evidence.map((item) => item.phrase)).toEqual(
			expect.arrayContaining(['zugausfall', 'signalstörung', 'bahnchaos']),
		);
		// "un|schön" is a prefix that turns the word, not a compound of "schön".
		expect(classify('Das ist wirklich unschön, die Bestellung kommt zu spät.').label).toBe(
			'negative',
		);
		// "Saatgut": "gut" is too short a head to find at the end of any word.
		expect(classify('Wir haben das Saatgut und die Ware für den Garten bestellt.').label).toBe(
			'neutral',
		);
	});

	it("does not read an order number as the number slang of VADER's English lexicon", () => {
		// VADER lists "143" (I love you), "182" and "187"; only its emoticons ("):", ":-(") read
		// the same in every language, a number in a German or Spanish text is just a number.
		for (const text of [
			'Meine Bestellung 143 ist heute gekommen, die Rechnung liegt bei.',
			'Mi pedido 187 llegó hoy con la factura.',
			'O pedido 182 chegou hoje com a nota fiscal.',
		]) {
			const result = classify(text);
			expect([text, result.label]).toEqual([text, 'neutral']);
			const phrases = result.explanation.evidence.map((item) => item.phrase);
			expect(phrases.filter((phrase) => /\d/.test(phrase))).toEqual([]);
		}
		// Emoticons still count in every language.
		expect(classify('Mi pedido llegó hoy con la factura :(').label).toBe('negative');
	});

	it('reads German "Klasse" as the class of a ticket, and as praise only in "echt klasse"', () => {
		expect(classify('Ich fahre morgen in der ersten Klasse nach Berlin und zurück.').label).toBe(
			'neutral',
		);
		expect(classify('Der Service war echt klasse, vielen Dank!').label).toBe('positive');
	});

	const cases: Array<[language: string, negative: string, positive: string]> = [
		[
			'de',
			'Seit zwei Wochen warte ich auf meine Erstattung, niemand antwortet. Das ist eine Frechheit!',
			'Vielen Dank, das Problem ist gelöst und alles funktioniert wieder. Super Service!',
		],
		[
			'es',
			'Llevo dos semanas esperando el reembolso y nadie responde. Es una vergüenza, pésimo servicio.',
			'Muchas gracias, el problema está resuelto y todo funciona bien. Excelente atención.',
		],
		[
			'pt',
			'O produto não chegou até hoje e ninguém responde. Péssimo atendimento, quero meu dinheiro de volta.',
			'Produto chegou antes do prazo, muito bem embalado. Muito obrigado, recomendo!',
		],
		[
			'fr',
			"Toujours pas de réponse depuis des semaines, c'est inadmissible. Je veux être remboursé.",
			'Merci beaucoup, le problème est résolu et tout fonctionne maintenant. Service excellent !',
		],
		[
			'it',
			'Sto ancora aspettando il rimborso da settimane, nessuno risponde. Servizio pessimo, una vergogna.',
			'Grazie mille, il problema è stato risolto e ora funziona tutto. Servizio eccellente!',
		],
		[
			'nl',
			'Ik wacht al weken op mijn terugbetaling en niemand reageert. Echt waardeloos en onacceptabel.',
			'Hartelijk dank, het probleem is opgelost en alles werkt weer. Geweldige service!',
		],
	];

	it.each(cases)('reads complaints and praise in %s', (language, negative, positive) => {
		const complaint = classify(negative);
		expect(complaint.language).toBe(language);
		expect(complaint.label).toBe('negative');
		expect(complaint.signals.length).toBeGreaterThan(0);
		for (const item of complaint.explanation.evidence) expect(item.weight).toBeLessThan(0);
		const praise = classify(positive);
		expect(praise.language).toBe(language);
		expect(praise.label).toBe('positive');
		expect(praise.signals.map((signal) => signal.type)).toEqual(
			expect.arrayContaining(['gratitude']),
		);
	});

	it.each([
		['de', 'Das Problem ist immer noch nicht gelöst, bitte schauen Sie es sich noch einmal an.'],
		['es', 'El problema todavía no está resuelto, por favor revísenlo otra vez.'],
		['pt', 'O problema ainda não foi resolvido, por favor verifiquem novamente.'],
		['fr', "Le problème n'est toujours pas résolu, pouvez-vous regarder à nouveau ?"],
		['it', 'Il problema non è ancora risolto, potete controllare di nuovo per favore?'],
		['nl', 'Het probleem is nog steeds niet opgelost, kunt u er nog eens naar kijken?'],
	])('does not call a problem that is not solved solved (%s)', (language, text) => {
		const result = classify(text);
		expect(result.language).toBe(language);
		expect(result.label).not.toBe('positive');
		expect(result.signals.map((signal) => signal.type)).not.toContain('resolution');
		expect(result.explanation.summary).not.toMatch(/problem is solved/);
	});

	it('reads each message of a mixed thread in its own language', () => {
		const result = engine.classifySync(
			thread(
				'The invoice is wrong again and nobody answers my emails, this is ridiculous.',
				'Die Rechnung ist schon wieder falsch, das ist wirklich ärgerlich.',
			),
		);
		expect(result.label).toBe('negative');
		const phrases = result.explanation.evidence.map((item) => item.phrase);
		expect(phrases).toEqual(expect.arrayContaining(['ridiculous', 'schon wieder']));
	});

	it('lends the case language to a short message', () => {
		const result = engine.classifySync(
			thread(
				'Die Lieferung ist seit zwei Wochen überfällig und niemand meldet sich.',
				'Jetzt ist sie da. Danke!',
			),
		);
		expect(result.language).toBe('de');
		expect(result.signals.map((signal) => signal.type)).toContain('gratitude');
	});
});

describe('a language the offline engine does not read', () => {
	it('is said, not guessed: neutral, confidence 0, its own signal', () => {
		const result = classify(
			'注文した商品がまだ届きません。もう二週間も待っています。本当に困っています。',
		);
		expect(sentimentResultSchema.parse(result)).toEqual(result);
		expect(result).toMatchObject({
			label: 'neutral',
			score: 0,
			confidence: 0,
			language: 'ja',
			suggestedActions: [],
		});
		expect(result.signals).toEqual([
			{ type: 'unsupported_language', strength: 1, evidence: 'Japanese' },
		]);
		expect(result.explanation.summary).toMatch(/^Not analysed offline: Japanese\./);
		expect(scoreText('Мой заказ до сих пор не пришёл, это ужасно.')).toMatchObject({
			confidence: 0,
			language: 'ru',
		});
	});

	it('leaves out a message in another language and says so', () => {
		const result = engine.classifySync(
			thread(
				'My order arrived broken and nobody answers, this is unacceptable.',
				'注文した商品が壊れていました。',
			),
		);
		expect(result.language).toBe('en');
		expect(result.label).toBe('negative');
		expect(result.explanation.summary).toMatch(/Message m2 is in Japanese: not analysed offline/);
	});

	it('is never kept by hybrid, and neither is a language without a calibrated band', () => {
		expect(offlineConfidenceToKeep('ja')).toBe(Number.POSITIVE_INFINITY);
		expect(offlineConfidenceToKeep('en')).toBeLessThan(1);
		expect(offlineConfidenceToKeep(null)).toBe(offlineConfidenceToKeep('en'));
	});
});

describe('negations that report no failure', () => {
	// German and Dutch put the participle or infinitive at the clause end: a negation reports a
	// failed action there, not before a phrase it negates. A fixed phrase is no complaint.
	it.each([
		['de', 'Der Zug kommt nicht.', 'negative'],
		['de', 'Das Paket ist bis heute nicht gekommen.', 'negative'],
		['de', 'Wir fahren heute nicht mit dem Auto nach Berlin.', 'neutral'],
		['nl', 'Het pakket komt niet.', 'negative'],
		['nl', 'Ik ga morgen niet met de auto naar Amsterdam.', 'neutral'],
		['es', 'El vuelo sale a las diez, sin embargo el embarque empieza a las nueve.', 'neutral'],
		['pt', 'O pedido chega amanhã, sem dúvida antes das dez horas da manhã.', 'neutral'],
		['de', 'Der Zug fährt ohne Zweifel um zehn Uhr von Gleis drei ab.', 'neutral'],
	])(
		'reads a negation as a failure only where it reports one (%s: %s)',
		(language, text, label) => {
			const result = scoreText(text);
			expect(result.language).toBe(language);
			expect(result.label).toBe(label);
		},
	);
});

describe('English words in another language', () => {
	it("reads the English words people use online in any language, not where a word is the language's own", () => {
		const german = scoreText('Die neue App ist ein totaler Fail, wtf, nichts geht mehr.');
		expect(german.language).toBe('de');
		expect(german.label).toBe('negative');
		const spanish = scoreText('Me llegó el pedido antes de tiempo, awesome, thx!');
		expect(spanish.language).toBe('es');
		expect(spanish.label).toBe('positive');
		// Nice is a city in French.
		const french = scoreText('Nous arrivons à Nice demain matin avec le train de huit heures.');
		expect(french.language).toBe('fr');
		expect(french.label).toBe('neutral');
	});
});

describe('texts that name no language', () => {
	it.each([
		'😡😡😡',
		'👍',
		'https://example.com/orders/4411',
		'const x = foo(bar);\nif (x) { return null; }',
		'12345 67890',
		'ok',
	])('classifies %j without guessing its language', (text) => {
		const result = classify(text);
		expect(result.language).toBeNull();
		expect(sentimentResultSchema.parse(result)).toEqual(result);
	});

	it('still reads the mood of emoji and of short English thanks', () => {
		expect(classify('😡😡😡').label).toBe('negative');
		expect(classify('Thanks!').label).toBe('positive');
		expect(classify('die').label).not.toBe('negative');
	});
});

describe('thanks said again', () => {
	it.each([
		['es', 'Genial, ya lo tengo todo. Gracias de nuevo por la ayuda.'],
		['pt', 'Perfeito, já recebi tudo. Obrigado novamente pela ajuda.'],
		['fr', "Parfait, j'ai tout reçu. Merci encore pour votre aide."],
		['it', 'Perfetto, ho ricevuto tutto. Grazie ancora per il vostro aiuto.'],
		['de', 'Perfekt, ich habe alles erhalten. Nochmals vielen Dank für Ihre Hilfe.'],
		['nl', 'Perfect, ik heb alles ontvangen. Nogmaals bedankt voor uw hulp.'],
	])('is not read as sarcasm about a repeat contact (%s)', (language, text) => {
		const result = classify(text);
		expect(result.language).toBe(language);
		expect(result.signals.map((signal) => signal.type)).not.toContain('sarcasm');
		expect(result.label).toBe('positive');
	});
});
