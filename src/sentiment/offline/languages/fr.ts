import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * French, written by this project: general sentiment words and the support phrases of a
 * helpdesk or a shop. Elided words are split off ("l'application", "n'est"), and words are
 * compared without accents, since customers often leave them out.
 */

const WORDS = valences(`
bon 1.9, bonne 1.9, bons 1.9, bonnes 1.9, bien 1.2, super 2.5, génial* 2.8, excellent* 3,
parfait* 3, magnifique* 3, merveill* 3, formidable* 3, fantastique* 3, top 2.5, sympa* 2,
agréable* 2, satisfait* 2.2, satisfaite* 2.2, content 2.2, contente 2.2, contents 2.2,
heureux 2.5, heureuse 2.5, ravi 2.8, ravie 2.8, ravis 2.8, enchanté* 2.5, adore 2.8, adoré 2.8,
aime 2, plaisir 2, efficace* 2, rapide* 1, rapidement 1, gentil* 2, aimable* 2, serviable* 2,
professionnel* 1.5, compétent* 2, impeccable* 2.8, recommande 2, recommandé* 2, félicit* 2.2,
bravo 2.5, cool 1.5, nickel 2.5, idéal* 2, meilleur* 2, mieux 1.2, facile* 1, pratique 1,
réactif 2, réactive 2, réactivité 2, chaleureu* 2.2, agréablement 2, excellence 3,
mauvais* -2.5, nul -2.8, nulle -2.8, nuls -2.8, horrible* -3, terrible* -2.5, affreu* -3,
catastroph* -3.2, lamentable* -3, pitoyable* -3, minable* -2.8, honte -2.8, honteu* -2.8,
scandal* -3, inadmissible* -3, inacceptable* -3, déçu* -2.5, décevant* -2.5, déception* -2.5,
énervé* -2.2, énervant* -2.2, agaçant* -2, fâché* -2.2, furieu* -3, colère -2.6, triste* -2,
dommage -1.2, malheureusement -1.2, problème* -1.2, erreur* -1, panne -1.8, pannes -1.8, bug* -1.2,
cassé* -2.2, endommagé* -2, abîmé* -2, défectueu* -2, retard* -1.8, annulé* -1.2, perdu* -1.8,
lent -1.2, lente -1.2, lenteur* -1.5, arnaque* -3, escroc* -3, escroquerie* -3,
incompétent* -2.8, inutile* -2.2, impoli* -2.2, désagréable* -2.2, pire -2.8, merde -3,
putain -2.5, bordel -2.2, galère* -2, ridicule* -2.2, absurde* -2, inquiet* -1.5,
difficile* -1.2, compliqué* -1.2, sale -2, moche -2, déplorable* -3, médiocre* -2.2,
insupportable* -2.8, mal -2, marre -2.2, plainte* -1.5, honteusement -2.8, fâcheu* -2
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
pas de problème 1, sans problème 1.2, aucun problème 1, pas de souci 1, pas de soucis 1,
pas mal 1.5, pas terrible -1.5, sans doute 0, sans aucun doute 0.5, sans faute 0, pas seulement 0, non seulement 0, je ne sais pas -0.3, bonjour 0,
bonsoir 0, service client 0, aide 0
`,
	waiting: `
toujours pas -1.8, toujours rien -2, pas de réponse -2, aucune réponse -2, sans réponse -2,
sans nouvelles -1.8, attends toujours -2.2, attend toujours -2.2, toujours en attente -2.2,
en attente -1.5, attente -1, attends -0.8, attendre -0.6, depuis des jours -1.6,
depuis des semaines -1.8, depuis des mois -2, depuis plusieurs jours -1.8, pas encore -1.2
`,
	repeatContact: `
encore une fois -1.2, à nouveau -1, de nouveau -1, plusieurs fois -1.5, deuxième fois -1.2,
troisième fois -1.8, encore -0.4, même problème -1.2, comme déjà dit -1.5, je répète -1.5,
déjà signalé -1.5
`,
	failure: `
ne fonctionne pas -1.8, fonctionne pas -1.8, ne marche pas -1.8, marche pas -1.8,
ne fonctionne plus -2, ne marche plus -2, pas reçu -1.8, jamais reçu -2.2, pas arrivé -1.8,
pas livré -1.8, impossible de -1.5, prélevé deux fois -2.2, débité deux fois -2.2
`,
	churn: `
résilier -1.8, résiliation -1.5, annuler mon -1.8, fermer mon compte -2,
changer de fournisseur -2, concurrence -1.2, plus jamais -2.5, dernière fois -1.8
`,
	refund: `
remboursement -0.8, rembourser -0.8, remboursé 0, mon argent -1.5, dédommagement -0.8,
geste commercial -0.8
`,
	escalation: `responsable -0.8, supérieur -0.8, réclamation -1.5, avocat -2, porter plainte -2.5`,
	frustration: `
en ai marre -2.5, ras le bol -2.5, c'est une blague -1.8, foutage de gueule -3,
perte de temps -2.5
`,
	urgency: `urgent -0.5, urgence -0.8, immédiatement -0.4, au plus vite -0.6, dès que possible -0.5`,
	confusion: `ne comprends pas -1.2, comprends pas -1.2, confus -1.3, pas clair -0.8, aucune idée -0.6`,
	sarcasm: `merci pour rien -2.8`,
	gratitude: `
merci encore 2, encore merci 2, merci 1.4, merci beaucoup 2.2, merci bien 1.8, mille mercis 2.6, je vous remercie 2, remercie 1.8,
remerciements 1.8, super service 2.8, excellent service 3, très aimable 2.2, réponse rapide 2
`,
	resolution: `
résolu 1.4, réglé 1.4, corrigé 1.2, fonctionne maintenant 2, marche maintenant 2,
fonctionne à nouveau 1.8, remarche 1.8, tout est bon 1.8, c'est bon 1.2, c'est réglé 1.8,
à l'heure 1.4
`,
});

export const FRENCH: LanguageLexicon = {
	language: 'fr',
	words: withLoanwords(WORDS, ['nice']),
	...PHRASES,
	negations: ['ne', "n'", 'pas', 'jamais', 'rien', 'personne', 'aucun', 'aucune', 'sans', 'ni'],
	boosters: valences(`
très 0.293, trop 0.293, vraiment 0.293, tellement 0.293, extrêmement 0.293, absolument 0.293,
totalement 0.293, complètement 0.293, particulièrement 0.293, si 0.293, hyper 0.293,
vachement 0.293, assez 0.1, peu -0.293, légèrement -0.293, presque -0.293, plutôt -0.1
`),
	contrasts: ['mais', 'cependant', 'pourtant', 'toutefois', 'néanmoins'],
	conditionals: ["s'", 'sinon'],
	modals: ['pourriez', 'pourrais', 'pourrait', 'voudrais', 'aimerais', 'souhaiterais', 'devrait'],
	timeUnits: valences(`
minute -0.8, minutes -0.8, min -0.8, heure -1.2, heures -1.4, h -1.2, jour -1.2, jours -1.5,
semaine -1.6, semaines -1.8, mois -1.9
`),
	numberWords: ['deux', 'trois', 'quatre', 'cinq', 'six', 'plusieurs'],
	closings: [
		'cordialement',
		'bien à vous',
		'bonne journée',
		'bonne soirée',
		'salutations',
		'au revoir',
		"c'est tout",
	],
	requests: [
		"s'il vous plaît",
		"s'il te plaît",
		'svp',
		'stp',
		'pouvez-vous',
		'pourriez-vous',
		"merci d'avance",
		"d'avance",
		'comment faire',
	],
	elision: true,
	foldAccents: true,
};
