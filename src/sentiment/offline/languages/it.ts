import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * Italian, written by this project: general sentiment words and the support phrases of a
 * helpdesk or a shop. Elided words are split off ("l'ordine", "dell'assistenza"), and words are
 * compared without accents, since customers often leave them out.
 */

const WORDS = valences(`
buon 1.9, buono 1.9, buona 1.9, buoni 1.9, buone 1.9, bene 1.2, ottim* 3, eccellent* 3,
perfett* 3, fantastic* 3, meravigli* 3, stupend* 3, splendid* 3, magnific* 3, bellissim* 3,
bello 2.2, bella 2.2, belli 2.2, belle 2.2, soddisfatt* 2.2, contento 2.2, contenta 2.2,
contenti 2.2, felice 2.5, felici 2.5, gentil* 2, cortes* 2, disponibilità 1.2, efficient* 2,
veloce 1, veloci 1, rapido 1, rapida 1, professional* 1.5, competent* 2, impeccabil* 2.8,
consiglio 1, consigliato 1.8, raccomando 1.8, amo 2.8, adoro 2.8, piace 1.5, piaciuto 1.8,
piaciuta 1.8, top 2.5, super 2.5, comodo 1.5, facile 1, migliore 2, migliori 2, meglio 1.2,
bravo 2.2, bravi 2.2, brava 2.2, complimenti 2.5, grande 1, puntuale 1.8, preciso 1.2,
cattiv* -2.5, pessim* -3.2, orribil* -3, terribil* -3, schifo -3, schifos* -3, vergogna -2.8,
vergognos* -2.8, scandalos* -3, inaccettabil* -3, inammissibil* -3, delus* -2.5, deludent* -2.5,
arrabbiat* -2.6, incazzat* -3, furios* -3, stufo -2.5, stufa -2.5, trist* -2, peccato -1.2,
purtroppo -1.2, problema -1.2, problemi -1.4, errore -1, errori -1.2, guast* -2, rotto -2.2,
rotta -2.2, danneggiat* -2, difettos* -2, ritard* -1.8, cancellat* -1.2, annullat* -1.2, perso -1.8,
persa -1.8, lento -1.2, lenta -1.2, inutil* -2.2, incompetent* -2.8, maleducat* -2.5, scortes* -2.5,
peggio -2.8, peggior* -2.8, merda -3, cazzo -2.5, truff* -3, ladri -3, assurd* -2.2, ridicol* -2.2,
male -2, difficil* -1.2, complicat* -1.2, sporco -2, schifezza -3, disastr* -3, penos* -2.5,
insoddisfatt* -2.5, preoccupat* -1.5, lamentel* -1.5, indecente -2.8, vergognoso -2.8
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
nessun problema 1, senza problemi 1.2, non male 1.5, non solo 0, senza dubbio 0.5, senza dubbi 0.5, non vedo l'ora 1.8, di niente 0, buongiorno 0,
buonasera 0, per favore 0, assistenza clienti 0, servizio clienti 0
`,
	waiting: `
ancora non -1.8, non ancora -1.2, ancora niente -2, nessuna risposta -2, senza risposta -2,
non rispondete -2, non risponde -2, nessuno risponde -2, sto ancora aspettando -2.2,
ancora aspettando -2.2, aspetto -0.6, aspettando -0.8, attesa -1, in attesa -1.2,
da giorni -1.6, da settimane -1.8, da mesi -2, da ore -1.5
`,
	repeatContact: `
di nuovo -1, ancora una volta -1.2, un'altra volta -1.2, più volte -1.5, diverse volte -1.5,
seconda volta -1.2, terza volta -1.8, stesso problema -1.2, come già detto -1.5, ogni volta -1
`,
	failure: `
non funziona -1.8, non funziona più -2, non va -1.5, non arrivato -1.8, non è arrivato -1.8,
mai arrivato -2.2, non ricevuto -1.8, non riesco -1.2, smesso di funzionare -2,
addebitato due volte -2.2, prodotto sbagliato -1.8, sbagliato -1.5, sbagliata -1.5
`,
	churn: `
disdire -1.8, disdetta -1.5, cancellare il mio -1.8, chiudere il mio account -2,
cambiare operatore -2, concorrenza -1.2, mai più -2.5, ultima volta -1.8
`,
	refund: `rimborso -0.8, rimborsare -0.8, rimborsato 0, i miei soldi -1.5, soldi indietro -1.5, risarcimento -1`,
	escalation: `responsabile -0.8, reclamo -1.5, avvocato -2, denuncia -2`,
	frustration: `
sono stufo -2.5, sono stufa -2.5, una vergogna -2.8, che vergogna -2.8, è uno scherzo -1.8,
presa in giro -2.5, perdita di tempo -2.5
`,
	urgency: `urgente -0.5, urgenza -0.8, subito -0.4, immediatamente -0.4, al più presto -0.6, quanto prima -0.5`,
	confusion: `non capisco -1.2, confuso -1.3, confusa -1.3, non è chiaro -0.8, non so -0.3`,
	sarcasm: `grazie per niente -2.8, grazie di niente -2.8`,
	gratitude: `
grazie ancora 2, grazie di nuovo 2, grazie 1.4, grazie mille 2.4, molte grazie 2.2, grazie tante 2.2, vi ringrazio 2, ringrazio 1.8,
ottimo servizio 3, servizio eccellente 3, molto gentile 2.2, risposta veloce 2
`,
	resolution: `
risolto 1.4, sistemato 1.2, funziona di nuovo 1.8, ora funziona 2, adesso funziona 2,
tutto ok 1.6, tutto bene 1.6, tutto a posto 1.8, in orario 1.4
`,
});

export const ITALIAN: LanguageLexicon = {
	language: 'it',
	words: withLoanwords(WORDS),
	...PHRASES,
	negations: [
		'non',
		'mai',
		'niente',
		'nulla',
		'nessuno',
		'nessuna',
		'nessun',
		'né',
		'senza',
		'neanche',
		'nemmeno',
		'neppure',
	],
	boosters: valences(`
molto 0.293, troppo 0.293, davvero 0.293, veramente 0.293, proprio 0.293, così 0.293, tanto 0.293,
estremamente 0.293, assolutamente 0.293, completamente 0.293, totalmente 0.293,
particolarmente 0.293, incredibilmente 0.293, parecchio 0.293, abbastanza 0.1, poco -0.293,
leggermente -0.293, quasi -0.293
`),
	contrasts: ['ma', 'però', 'tuttavia', 'eppure', 'invece'],
	conditionals: ['se', 'qualora'],
	modals: [
		'potrebbe',
		'potreste',
		'potresti',
		'vorrei',
		'vorremmo',
		'dovrebbe',
		'dovreste',
		'spero',
	],
	timeUnits: valences(`
minuto -0.8, minuti -0.8, ora -1.2, ore -1.4, giorno -1.2, giorni -1.5, settimana -1.6,
settimane -1.8, mese -1.8, mesi -2
`),
	numberWords: [
		'due',
		'tre',
		'quattro',
		'cinque',
		'diversi',
		'diverse',
		'parecchi',
		'molti',
		'molte',
	],
	closings: [
		'cordiali saluti',
		'distinti saluti',
		'saluti',
		'buona giornata',
		'buona serata',
		'arrivederci',
		'è tutto',
	],
	requests: [
		'per favore',
		'per piacere',
		'per cortesia',
		'potete',
		'potreste',
		'potrebbe',
		'come posso',
		'in anticipo',
	],
	elision: true,
	foldAccents: true,
};
