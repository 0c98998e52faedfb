import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * Dutch, written by this project: general sentiment words and the support phrases of a
 * helpdesk or a shop. Negation often follows the verb in Dutch ("werkt niet"), so the common
 * failures are phrases of their own.
 */

const WORDS = valences(`
goed 1.9, goede 1.9, prima 2, super 2.5, top 2.5, toppie 2.5, geweldig* 3, uitstekend* 3,
perfect* 3, fantastisch* 3, prachtig* 2.8, mooi* 2, fijn* 2, leuk* 2, tevreden* 2.2, blij 2.5,
gelukkig 2.5, dankbaar* 2.2, vriendelijk* 2, behulpzaam* 2, snel 1, snelle 1, vlot* 1.2,
handig* 1.5, aanrader 2.5, aanbevolen 1.8, beste 2.5, beter 1.2, correct 1, netjes 1.8, keurig* 2,
professioneel* 1.5, betrouwbaar* 1.8, heerlijk* 2.8, schitterend* 3, lief 2, knap 1.8,
uitmuntend* 3, voortreffelijk* 3, attent* 1.8,
slecht* -2.5, vreselijk* -3, verschrikkelijk* -3, afschuwelijk* -3, waardeloos* -3,
belachelijk* -2.5, schandalig* -3, schande -2.8, teleurgesteld* -2.5, teleurstell* -2.5, boos -2.5,
woedend -3, kwaad -2.5, geïrriteerd -2.2, ergerlijk* -2.2, irritant* -2.2, jammer -1.2, helaas -1.2,
probleem -1.2, problemen -1.4, fout -1.2, fouten -1.2, foutmelding* -1.2, storing* -1.6,
kapot -2.2, defect* -2, beschadigd* -2, vertraging* -1.8, vertraagd -1.8, geannuleerd -1.2,
kwijt -1.8, verloren -1.8, traag* -1.2, duur -1, oplichting -3, oplichter* -3, onbeschoft* -2.5,
incompetent* -2.8, nutteloos* -2.2, onacceptabel* -3, onaanvaardbaar* -3, klacht -1.5,
klachten -1.5, ontevreden* -2.5, verdrietig* -2, bang -1.8, moeilijk* -1.2, ingewikkeld* -1.2,
vies -2, smerig* -2.2, kut -2.5, shit -2.6, klote -2.5, rampzalig* -3, ramp -2.8, drama -2,
chaos -2.5, bagger -2.5, bedroevend* -2.8, zwak -1.5, onprofessioneel* -2.5, onvriendelijk* -2.2
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
geen probleem 1, geen problemen 1.2, zonder problemen 1.2, niet alleen 0, niet slecht 1.5, zonder twijfel 0.5, niet zo goed -1.2,
goedemorgen 0, goedemiddag 0, goedenavond 0, goede morgen 0, klantenservice 0
`,
	waiting: `
nog steeds niet -2, nog steeds -1.2, nog niet -1.2, nog altijd -1.2, wacht al -1.8, wachten al -1.8,
al dagen -1.6, al weken -1.8, al maanden -2, al uren -1.6, geen reactie -2, geen antwoord -2,
niets gehoord -1.8, niks gehoord -1.8, wachttijd -1.2, in de wacht -1.8, wachten -0.8, wacht -0.8,
duurt lang -1.8, duurt te lang -2.2
`,
	repeatContact: `
alweer -1.5, weer -0.6, opnieuw -0.8, nogmaals -0.8, meerdere keren -1.5, tweede keer -1.2,
derde keer -1.8, hetzelfde probleem -1.2, zoals gezegd -1, al eerder -1.2, elke keer -1,
steeds weer -1.8
`,
	failure: `
werkt niet -1.8, werkt niet meer -2, doet het niet -1.8, niet ontvangen -1.8, niet geleverd -1.8,
niet aangekomen -1.8, nooit ontvangen -2.2, kan niet inloggen -1.5, lukt niet -1.5, is stuk -2,
dubbel afgeschreven -2.2, twee keer afgeschreven -2.2, verkeerde product -1.8
`,
	churn: `
opzeggen -1.8, opzegging -1.5, account opheffen -2, overstappen -1.8, stap over -1.8,
concurrent -1.2, nooit meer -2.5, laatste keer -1.8
`,
	refund: `
terugbetaling -0.8, geld terug -1.5, mijn geld -1.2, restitutie -0.8, terugstorten -0.8,
compensatie -0.8, vergoeding -0.8
`,
	escalation: `leidinggevende -1, klacht indienen -2, advocaat -2, juridische stappen -2.5, escaleren -1.2`,
	frustration: `ben het zat -2.5, het zat -2.2, balen -1.8, baal -1.8, een grap -1.8, zonde van -2`,
	urgency: `dringend -0.5, spoed -0.8, urgent -0.5, zo snel mogelijk -0.6, asap -0.6`,
	confusion: `
snap het niet -1.2, begrijp het niet -1.2, snap niet -1.2, begrijp niet -1.2, verwarrend -1.3,
onduidelijk -0.8, geen idee -0.6
`,
	sarcasm: `bedankt voor niets -2.8, nou lekker -1.5, lekker dan -1.5`,
	gratitude: `
nogmaals bedankt 2, nogmaals dank 2, bedankt 1.4, dank 1.2, dank je 1.8, dank u 1.8, dank je wel 2.2, dank u wel 2.2, hartelijk dank 2.4,
heel erg bedankt 2.6, super bedankt 2.4, top service 2.8, snelle reactie 2, goede service 2.4,
erg behulpzaam 2.2
`,
	resolution: `
opgelost 1.4, verholpen 1.4, werkt weer 1.8, werkt nu 2, doet het weer 1.8, in orde 1.4,
alles goed 1.6, geregeld 1.2, op tijd 1.4
`,
});

export const DUTCH: LanguageLexicon = {
	language: 'nl',
	words: withLoanwords(WORDS),
	...PHRASES,
	negations: ['niet', 'geen', 'nooit', 'niets', 'niks', 'niemand', 'noch', 'zonder', 'nergens'],
	boosters: valences(`
heel 0.293, erg 0.293, zeer 0.293, echt 0.293, zo 0.293, te 0.293, enorm 0.293, ontzettend 0.293,
extreem 0.293, absoluut 0.293, totaal 0.293, helemaal 0.293, werkelijk 0.293, ongelooflijk 0.293,
nogal 0.1, beetje -0.293, enigszins -0.293, bijna -0.293
`),
	contrasts: ['maar', 'echter', 'toch', 'hoewel', 'desondanks'],
	conditionals: ['als', 'indien', 'tenzij', 'mits'],
	modals: ['zou', 'zouden', 'hoop'],
	timeUnits: valences(`
minuut -0.8, minuten -0.8, min -0.8, uur -1.3, uren -1.4, dag -1.2, dagen -1.5, week -1.6,
weken -1.8, maand -1.8, maanden -2
`),
	numberWords: ['twee', 'drie', 'vier', 'vijf', 'zes', 'meerdere', 'verschillende', 'paar'],
	closings: [
		'met vriendelijke groet',
		'met vriendelijke groeten',
		'groet',
		'groeten',
		'mvg',
		'fijne dag',
		'prettige dag',
		'tot ziens',
	],
	requests: [
		'alstublieft',
		'alsjeblieft',
		'aub',
		'graag',
		'kunt u',
		'kan je',
		'kun je',
		'zou u',
		'hoe kan',
		'bij voorbaat dank',
		'alvast bedankt',
	],
	clauseBreaks: [
		'en',
		'of',
		'maar',
		'want',
		'omdat',
		'dat',
		'hoewel',
		'als',
		'toen',
		'terwijl',
		'zodat',
		'voordat',
		'nadat',
		'dus',
	],
};
