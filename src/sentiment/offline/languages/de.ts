import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * German, written by this project: general sentiment words (with stems for inflected forms:
 * 'enttäusch*' reads enttäuscht, enttäuschend, Enttäuschung) and the support phrases of a
 * helpdesk, a shop or a railway. Valences on VADER's -4..4 scale, as in English.
 */

const WORDS = valences(`
gut 1.9, gute 1.9, guten 1.9, guter 1.9, gutes 1.9, super 2.5, toll* 2.8, prima 2.5, top 2.5, perfekt* 3, hervorragend* 3.2, ausgezeichnet* 3.2, exzellent* 3, wunderbar* 3,
wundervoll* 3, großartig* 3.1, genial* 2.8, fantastisch* 3, phantastisch* 3, traumhaft* 3,
schön 2, schöne 2, schönen 2, schöner 2, schönes 2, zufrieden* 2.2, glücklich* 2.6, freue 2.2,
freuen 2.2, freut 2.2, freude 2.4, erfreulich* 2.2, dankbar* 2.2, hilfreich* 2, freundlich* 1.9,
nett 1.8, nette 1.8, netten 1.8, netter 1.8, nettes 1.8, kompetent* 2, zuverlässig* 1.8, pünktlich* 1.6, schnell* 1, zügig* 1.2, bequem* 1.5,
angenehm* 2, empfehlenswert* 2.4, empfehle 2, empfehlen 1.6, lob 1.8, lobe 1.8, loben 1.8, lobenswert 2.2, beste 3, besten 3, bester 3, bestes 3, besser* 1.5,
bestens 2.8, optimal* 2.4, problemlos* 2, reibungslos* 2.2, unkompliziert* 1.8, gelungen* 2.2,
begeistert* 3, begeisterung 3, genieß* 2, entspannt* 1.5, komfortabel* 1.8, sauber* 1.2,
gratuliere 2, glückwunsch 2.2, lecker* 2, liebe 1.5, lieben 1.8, mag 1.5, gefällt 2, klappt 1,
herzlich* 1.8, sympathisch* 2, geduldig* 1.5, professionell* 1.5, kulant* 2.2, fair 1.5,
schlecht* -2.5, schlimm* -2.5, schrecklich* -3, furchtbar* -3, fürchterlich* -3, katastroph* -3.2,
miserabel* -3, mies -2.5, miese -2.5, miesen -2.5, mieser -2.5, grauenhaft* -3.2, grauenvoll* -3.2,
entsetzlich* -3, enttäusch* -2.5, ärgerlich* -2.2, ärger -2, ärgere -2.2, ärgert -2.2,
verärgert* -2.5, wütend* -3, wut -2.6, genervt -2.2, nervig* -2, nervt -2, unverschämt* -3,
frech* -2, unfreundlich* -2.2, inkompetent* -2.8, unfähig* -2.8, nutzlos* -2.4, sinnlos* -2.2,
unmöglich* -2, unzumutbar* -3, inakzeptabel* -3, unakzeptabel* -3, skandal* -3, frechheit -3,
zumutung -3, chaos -2.5, chaotisch* -2.5, peinlich* -2.2, traurig* -2, leider -1, schade -1.5,
problem -1.2, probleme -1.4, problematisch* -1.4, fehler -1.2, fehlerhaft* -2, defekt* -2,
kaputt* -2.2, falsch* -1.5, mangelhaft* -2.5, mängel -1.5, störung* -1.6, gestört -1.6,
ausfall* -1.8, ausgefallen* -1.8, verspät* -1.8, unpünktlich* -2, überfüllt* -2, dreckig* -2.5,
schmutzig* -2, stinkt -2.5, hasse -3, hass -3, hässlich* -2.5, langsam* -1.2, teuer* -1.2,
überteuert* -2.2, abzocke* -3, betrug -3, betrüger* -3, gelogen -2.5, lüge* -2.5, angst -1.8,
verzweifelt* -2.5, schwierig* -1.2, kompliziert* -1.2, umständlich* -1.5, blöd* -2.2, doof* -2,
dumm* -2.2, scheiß* -3, scheiße -3, mist -2.2, verdammt* -2, lächerlich* -2.2, unzufrieden* -2.2,
unglücklich* -2, unsicher* -1, gefährlich* -2, verloren -1.8, gestohlen -2.5, beschädigt* -2,
streik* -1.8, storniert* -1, unbrauchbar* -2.5, ungenügend* -2.2, unübersichtlich* -1.5,
umsonst -0.8, vergeblich* -1.8, leid -1, sorry -0.5, bedauerlich* -1.8, ärgerlicherweise -2.2,
hilfsbereit* 2, entgegenkommend* 1.8, kulanz 2, einwandfrei* 2.5, tadellos* 2.5, vorbildlich* 2.5,
spitzenmäßig* 2.8, erleichtert* 1.8, beeindruckt* 2.2, beeindruckend* 2.5, überzeugt* 1.8,
überzeugend* 2, gern 1, gerne 1, lustig* 1.8, witzig* 1.5, geil* 2.5, cool 2, coole 2, coolen 2,
günstig* 1.2, preiswert* 1.5, erfolgreich* 2, erfolg 1.8, verbessert* 1.2, verbesserung 1.2,
verbesserungswürdig* -1.5, wow 2, juhu 2, hurra 2, haha* 1.2,
ärgern -2.2, ärgernis* -2.2, gesperrt* -1.5, sperrung* -1.5, unfall -2, unfälle -2.2,
verletzt* -2, tot -2.5, tote -2.5, toten -2.5, tödlich* -3, unglück* -2.5, überlastet* -1.8,
überfordert* -1.8, mangel -1.5, kritik* -1.5, kritisier* -1.5, protest* -1.5, warnung* -1, gefahr -2,
risiko -1.2, schaden -1.8, schäden -1.8, stickig* -1.8, desaster* -3, debakel* -3, pleite* -2.5,
versagen -2.5, versagt* -2.5, unzuverlässig* -2.2, ungenau* -1.2, unhöflich* -2.5, respektlos* -2.5,
arrogant* -2.2, ignorant* -2.2, dreist* -2.5, abgezockt -3, sorge -1.2, befürcht* -1.5,
bedauer* -1.5, vermisst* -1.2, verpasst* -1.8, gestrandet -2.2, stillstand -1.8, evakuiert* -2,
brand -2, ausgebucht* -1, unschön* -1.8, lahm -1.2, lahmgelegt -2, spät -1, beschissen* -3, unterirdisch* -3, ungenießbar* -2.8, horror* -3,
albtraum* -3, alptraum* -3, nervenaufreibend* -2.2, versäumt* -1.5, ausgefallenen -1.8,
herrlich* 2.5, erfreu* 2, gefreut 2, gelobt 1.8, großzügig* 2,
ätzend* -2.5, nervtötend* -2.5, kotz* -2.5, bescheuert* -2.5, idiot* -2.5, schrott* -2.5,
elend* -2.2, ernüchter* -1.5, entsetz* -2.8, empör* -2.8, fassungslos* -2.5, unverständlich* -1.8,
ungeheuerlich* -2.8, widerlich* -3, ekelhaft* -3, eklig* -2.8, schäm* -2, blamage* -2.5,
blamabel* -2.5, armselig* -2.5, erbärmlich* -3, dilettant* -2.8, amateurhaft* -2.2, pech -1.5,
verschlechter* -2, unverantwortlich* -2.5, rücksichtslos* -2.5, schlampig* -2.5, unfreundlichkeit -2.2, boah -0.5, argh -1.5, grr* -1.5, seufz -1.2, ups -0.5
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
echt klasse 2.6, einfach klasse 2.6, ist klasse 2.6, war klasse 2.6, sind klasse 2.6, echt spitze 2.8,
einfach spitze 2.8, ist spitze 2.8, war spitze 2.8, keine ursache 0,
kein problem 1, keine probleme 1.2, keine sorge 0.8, nicht schlecht 1.5, nicht nur 0, ohne zweifel 0.5, ohne frage 0.5, zum glück 1.5, gott sei dank 1.5,
nicht mal -0.8, nicht einmal -0.8, geht gar nicht -2.5, unter aller sau -3,
unter aller kanone -3, nicht zu fassen -2.5, nicht zu glauben -2, ich fasse es nicht -2.5,
schnauze voll -3, oh mann -1.2, so ein mist -2.5, gute fahrt 1.2, gute reise 1.5,
kann es kaum erwarten 1.8, guten tag 0, guten morgen 0, guten abend 0, liebe grüße 0,
mit freundlichen grüßen 0, hilfe 0, kundenservice 0, kundendienst 0, bitte 0
`,
	waiting: `
warte seit -1.8, warten seit -1.8, wartet seit -1.8, warte immer noch -2.2, warten immer noch -2.2,
immer noch nicht -2, noch immer nicht -2, noch nicht -1.2, immer noch -1.2, noch immer -1.2,
keine antwort -2, keine rückmeldung -2, keine reaktion -2, nichts gehört -1.8, nichts mehr gehört -2,
seit tagen -1.6, seit wochen -1.8, seit monaten -2, seit stunden -1.6, warteschleife -1.5,
wartezeit -1.2, dauert ewig -2.2, ewig -1, verzögerung -1.5, verzögert -1.5, gewartet -1.2,
warten -0.8, warte -0.8, wartet -0.8, lässt auf sich warten -2
`,
	repeatContact: `
schon wieder -1.8, immer wieder -1.8, mal wieder -1.5, wieder -0.6, erneut -0.8, zum zweiten mal -1.2,
zum dritten mal -1.8, mehrmals -1.5, mehrfach -1.5, zigmal -2, wie gesagt -1,
wie schon gesagt -1.5, bereits mitgeteilt -1.5, schon mehrfach -1.8, dasselbe problem -1.2,
das gleiche problem -1.2, gleiche problem -1.2, jedes mal -1, ständig -1.2, dauernd -1.2
`,
	failure: `
funktioniert nicht -1.8, funktioniert nicht mehr -2, geht nicht -1.5, geht nicht mehr -1.8,
klappt nicht -1.6, läuft nicht -1.5, nicht angekommen -1.8, nicht erhalten -1.8, nie erhalten -2.2,
nicht geliefert -1.8, kann mich nicht anmelden -1.5, nicht einloggen -1.5, fällt aus -1.8,
fiel aus -1.8, abgestürzt -1.8, stürzt ab -1.8, doppelt abgebucht -2.2, zweimal abgebucht -2.2,
falsch berechnet -1.8, fehlt -1.2, fehlen -1, fehlende -1.2, verloren gegangen -2, falsche ware -1.8
`,
	churn: `
kündigen -1.8, kündige -2, kündigung -1.5, konto löschen -2, zur konkurrenz -2.2,
anbieter wechseln -2, nie wieder -2.5, nie mehr -2, das letzte mal -1.8, nicht mehr bestellen -2.2,
nicht mehr kaufen -2.2
`,
	refund: `
erstattung -0.8, rückerstattung -0.8, erstatten -0.8, geld zurück -1.5, mein geld -1.2,
entschädigung -0.8, rückbuchung -2, rücklastschrift -2
`,
	escalation: `
vorgesetzten -1, vorgesetzter -1, beschwerde -1.5, beschweren -1.5, anwalt -2,
rechtliche schritte -2.5, verbraucherzentrale -2, eskalieren -1.2
`,
	frustration: `
die nase voll -2.5, es reicht -2.2, reicht mir -2, ein witz -1.8, unverschämtheit -3,
frustriert -2, frustrierend -2, zeitverschwendung -2.5
`,
	anger: `stinksauer -3, sauer -2.2, verarscht -3, verarschung -3`,
	urgency: `dringend -0.5, sofort -0.4, umgehend -0.4, asap -0.6, eilig -0.5, notfall -1.6`,
	confusion: `verstehe nicht -1.2, verwirrt -1.3, verwirrend -1.3, unklar -0.8, keine ahnung -0.6`,
	sarcasm: `na toll -1.5, na super -1.5, na prima -1.5, vielen dank auch -2, danke für nichts -2.8`,
	gratitude: `
nochmals danke 2, danke nochmals 2, nochmals vielen dank 2.4, danke 1.6, vielen dank 2.2, danke schön 2.2, dankeschön 2.2, herzlichen dank 2.4, besten dank 2.2,
tausend dank 2.6, danke sehr 2.2, vielen lieben dank 2.6, super service 2.8, toller service 2.8,
schnelle antwort 2, schnelle hilfe 2.2, sehr hilfreich 2.2
`,
	resolution: `
gelöst 1.4, behoben 1.4, erledigt 1.2, funktioniert wieder 2, geht wieder 1.8, klappt wieder 1.8,
läuft wieder 1.8, funktioniert jetzt 2, klappt jetzt 1.8, alles gut 1.6, alles bestens 2.4,
hat geklappt 1.8, hat funktioniert 1.8, angekommen 0.8, pünktlich angekommen 2
`,
});

export const GERMAN: LanguageLexicon = {
	language: 'de',
	words: withLoanwords(WORDS),
	...PHRASES,
	negations: [
		'nicht',
		'kein',
		'keine',
		'keinen',
		'keinem',
		'keiner',
		'keines',
		'nie',
		'niemals',
		'nichts',
		'niemand',
		'weder',
		'ohne',
		'kaum',
	],
	boosters: valences(`
sehr 0.293, total 0.293, extrem 0.293, echt 0.293, wirklich 0.293, absolut 0.293, völlig 0.293,
komplett 0.293, ganz 0.293, so 0.293, zu 0.293, äußerst 0.293, besonders 0.293, richtig 0.293,
unglaublich 0.293, wahnsinnig 0.293, mega 0.293, voll 0.293, ziemlich 0.15, etwas -0.293,
bisschen -0.293, leicht -0.293, eher -0.293, relativ -0.2
`),
	contrasts: ['aber', 'jedoch', 'allerdings', 'trotzdem', 'dennoch', 'sondern'],
	conditionals: ['wenn', 'falls', 'ob', 'sofern'],
	modals: ['würde', 'würden', 'könnte', 'könnten', 'sollte', 'hätte', 'wäre', 'hoffe'],
	timeUnits: valences(`
minute -0.8, minuten -0.8, min -0.8, stunde -1.2, stunden -1.4, std -1.4, tag -1.2, tage -1.5,
tagen -1.5, woche -1.6, wochen -1.8, monat -1.8, monate -2, monaten -2
`),
	numberWords: ['zwei', 'drei', 'vier', 'fünf', 'sechs', 'mehrere', 'viele', 'einige', 'paar'],
	closings: [
		'mit freundlichen grüßen',
		'viele grüße',
		'liebe grüße',
		'beste grüße',
		'schöne grüße',
		'mfg',
		'schönen tag',
		'schönes wochenende',
		'das wäre alles',
		'tschüss',
	],
	requests: [
		'bitte',
		'könnten sie',
		'können sie',
		'kannst du',
		'könntest du',
		'würden sie',
		'wie kann',
		'gibt es',
		'im voraus',
		'vorab',
	],
	compoundHeads: true,
	clauseBreaks: [
		'und',
		'oder',
		'aber',
		'denn',
		'weil',
		'da',
		'dass',
		'daß',
		'obwohl',
		'wenn',
		'als',
		'sondern',
		'doch',
		'sodass',
		'damit',
		'bevor',
		'nachdem',
		'während',
	],
};
