/**
 * Language identification without the n-gram detector, for the texts that say plainly which of
 * the offline engine's languages they are in. Most customer messages are: a dozen words of which
 * a third are the small words of one language (articles, pronouns, prepositions, auxiliaries).
 * eld reads every text n-gram by n-gram and takes as long as the whole sentiment reading of a
 * short text; this counts words in one table and leaves to eld every text it cannot settle.
 *
 * What settles a text: enough words, letters that its language writes (a German text has no
 * 'ñ', an English one no accent at all), at least two small words of one language and clearly
 * more than of any other, and few small words of the languages it might be confused with
 * (Catalan, Galician, Romanian, the Scandinavian languages, Afrikaans, Indonesian, Tagalog,
 * Turkish, Polish, ...): a text with those goes to eld. The lists are general knowledge of each
 * language's commonest words, written by the project; none was drawn from the benchmark data.
 */

/** The languages this settles, which are those the offline engine reads. */
const SETTLED_LANGUAGES = ['en', 'de', 'es', 'pt', 'fr', 'it', 'nl'] as const;
type SettledLanguage = (typeof SETTLED_LANGUAGES)[number];

/** The commonest small words of each language (a word may be in several). */
const SMALL_WORDS: Record<SettledLanguage, string> = {
	en: `
the and you your yours with this that these those have has had having were what not but
it be been being can will just they them their there our ours from would could should
did does done get got still about when how why who which if all please thanks thank he
she his her him am by or than then very really only any some back out up now my is are
was of to for on at in me we i a an do so no go going know like want need today after
before again over never ever more much many one been its it's i'm don't can't didn't
doesn't isn't won't i've you're that's i'll i'd we're they're wasn't there's let's
what's haven't couldn't wouldn't aren't hasn't hadn't weren't shouldn't gonna wanna
because where here off into us as also yet too even way any every something nothing
anything everyone someone make made take took see said say tell told time day days week
hours hour since via lol omg u ur im dont cant thx pls plz`,
	de: `
der die das und ist nicht ich ein eine einen einem einer mit für auf sie es den dem des
wir ihr zu im am um auch von bei aus nach noch schon aber oder wenn dass daß war wurde
wird werden habe hat haben bin sind kein keine keinen mein meine meinen sehr nur wie was
wo dann mal doch man sich uns euch ihnen diese dieser dieses immer heute seit bis über
zum zur gibt kann muss soll will hier da jetzt ja nein nichts mehr als vom ins wieder
einfach leider bitte danke gestern morgen warum weil ob durch gegen ohne unter zwischen
sein seine ihre ihren dich dir mich mir er wäre hätte könnte würde gerade endlich etwas
viel viele alle alles ganz`,
	es: `
os si has hemos algo alguien nadie cada mismo tan tanto poco bueno buena hoy ayer mañana
aquí día días horas el la los las y en un una unos unas es del al con para por se lo le
les mi mis muy pero más ya este esta estos estas fue está están son yo me te su sus hay
todo toda todos nada cuando como sin hasta también desde porque ni tiene tienen ha han
he eso esto qué que de a no nos usted ustedes ser estoy estar era sido hacer hace otra
otro vez aún todavía ahora siempre nunca gracias bien mal cómo dónde donde así sólo solo
tu tus él ella ellos quiero puede pueden o sobre entre mucho mucha muchos`,
	pt: `
você vc pra pro hoje ontem amanhã dia dias horas nada nenhum nenhuma alguém ninguém cada
tão tanto pouco bom boa o a os as um uma uns umas e é em no na nos nas do da dos das de
que não com para por se meu minha meus minhas eu você vocês foi está estão são ser ter
tem têm ao aos pelo pela pelos pelas isso isto este esta esse essa já ainda também mas
sem até quando como ele ela eles elas muito muita muitos mais me te seu sua seus suas
nem ou mesmo agora sempre nunca obrigado obrigada bem mal aqui lá só então porque pois
fiz faz fazer estou era foram tinha vai vou produto chegou recebi entrega prazo`,
	fr: `
le la les de des du un une et est je pas ne que qui pour dans sur avec il elle nous vous
ce cette mon ma mes très mais ou au aux en y à été suis ai avons avez ont sont on tout
toute tous plus leur leurs se sa son ses me te moi toi lui eux encore déjà toujours
jamais rien merci bien mal aussi car donc comme quand parce si être avoir fait faire
peut veux voudrais chez depuis après avant`,
	it: `
il lo la i gli le di del della dei delle degli che e è non per un una uno sono ho ha
hanno mi ti si ci con su in da al alla allo ai alle ma anche questo questa molto più
come perché io mio mia miei mie ancora già nel nella nei sul sulla dal dalla tutto tutti
ora solo quando essere stato stata cosa sempre mai niente grazie bene male qui poi però
ancora senza dopo prima fatto fare può voglio vorrei sei siamo siete loro suo sua`,
	nl: `
de het een en van ik je niet is dat die op te in met voor zijn maar er nog ook al om aan
wat dan was bij mijn naar heb heeft hebben geen wel kan moet zou we wij jullie u uw dit
deze als of door over nu nooit veel heel erg weer toch hoe waarom wanneer waar hier daar
alles niets iets alleen bedankt dank graag even gewoon echt helemaal zo ze hij zij hun
ons onze jouw mij me wordt worden werd geweest kunnen willen`,
};

/** Elided articles and pronouns ("l'ordine", "n'est"): the part up to the apostrophe. */
const ELIDED: Partial<Record<SettledLanguage, string>> = {
	fr: `l' d' n' j' qu' c' s' m' t' jusqu' lorsqu'`,
	it: `l' dell' all' un' nell' sull' dall' c' d' quell' quest' po'`,
};

/**
 * Small words of languages a text of ours could be confused with (when written without their
 * own letters): a text with more than a few of these is left to eld. A word that is also one of
 * our languages' (Romanian "de", Danish "for") is not counted here.
 */
const CONFUSABLE = `
och att jag inte är ikke ikkje jeg og på til av som mycket meget veldig också også hvad
hva vad eller amb els és però molt aquest aquesta perquè també sóc estic gràcies avui
doncs unha moi grazas coa polo pola aínda ninguén tamén xa pentru foarte sunt fost acest
aceasta ang mga hindi ako naman lang talaga siya kami tayo yung ito iyon yang dan ini
itu tidak saya ke dari untuk dengan ada aku kamu sudah juga tapi bisa apa akan tak belum
sangat sama lagi mau gak nggak kalau ve bir bu için çok ile ama değil ben sen yok gibi
daha olarak kadar się że jest jak ale tak nie bardzo mnie jestem był już tylko tego czy
dla jsem není velmi ako aj už pre který ktorý jsou mám és hogy nem egy van meg nagyon ez
csak már még volt mert vagy mint nincs ja ei että oli mutta kun niin minä sinä hän olen
ole tämä ovat kanssa kiitos myös see mis aga kui pole väga eta bat ere baina oso dut
dago zen naiz të në dhe është një nuk për që jam shumë kas nav tas esmu yra kad labai
nije sam ali kako što samo bio bila ovo vrlo hvala jako nisam koji biti smo ste və üçün
çox ki deyil mən ya wa kwa ni za katika hii sana asante lakini ek jy hy baie`;

/** Letters beyond a-z that each language writes; a text with any other letter goes to eld. */
const LETTERS: Record<SettledLanguage, string> = {
	en: '',
	de: 'äöüß',
	es: 'áéíóúñü',
	pt: 'áâãàçéêíóôõú',
	fr: 'àâæçéèêëîïôœùûüÿ',
	it: 'àèéìíîòóùú',
	nl: 'éëïöüèáóç',
};

const CONFUSABLE_BIT = 1 << SETTLED_LANGUAGES.length;
const EVERY_LANGUAGE = CONFUSABLE_BIT - 1;

function bitsOf(lists: Partial<Record<SettledLanguage, string>>): Map<string, number> {
	const bits = new Map<string, number>();
	SETTLED_LANGUAGES.forEach((language, index) => {
		for (const word of (lists[language] ?? '').split(/\s+/)) {
			if (word !== '') bits.set(word, (bits.get(word) ?? 0) | (1 << index));
		}
	});
	return bits;
}

const WORD_BITS = bitsOf(SMALL_WORDS);
for (const word of CONFUSABLE.split(/\s+/)) {
	if (word !== '' && !WORD_BITS.has(word)) WORD_BITS.set(word, CONFUSABLE_BIT);
}
const ELIDED_BITS = bitsOf(ELIDED);
/** Per letter beyond ASCII, the languages that write it. */
const LETTER_BITS = new Map<number, number>();
SETTLED_LANGUAGES.forEach((language, index) => {
	for (const letter of LETTERS[language]) {
		const code = letter.charCodeAt(0);
		LETTER_BITS.set(code, (LETTER_BITS.get(code) ?? 0) | (1 << index));
	}
});

const ENGLISH_ONLY = 1 << SETTLED_LANGUAGES.indexOf('en');
/** Two words that only English uses settle a short text ("thank you", "on my way") as English. */
const SHORT_ENGLISH_WORDS = 2;

/**
 * A text too short for the counts: English when written in its letters with at least two words
 * that only English uses and no small word of any other language; otherwise null (unknown).
 */
function shortEnglish(words: readonly string[], written: number): SettledLanguage | null {
	if ((written & ENGLISH_ONLY) === 0) return null;
	let english = 0;
	for (const word of words) {
		const bits = WORD_BITS.get(word.replace(/\u2019/g, "'"));
		if (bits === undefined) continue;
		if (bits !== ENGLISH_ONLY) return null;
		english++;
	}
	return english >= SHORT_ENGLISH_WORDS ? 'en' : null;
}

/** Fewer words or letters than this and the text could be in several languages (as for eld). */
export const MIN_WORDS = 3;
export const MIN_LETTERS = 12;
/** The language's small words: at least this many ... */
const MIN_SMALL_WORDS = 2;
/** ... and more than this many times the next language's, plus one ... */
const LEAD = 1.5;
/** ... and at least this share of all the words. */
const MIN_SHARE = 0.1;
/** Small words of a confusable language: at most a quarter as many as of the language. */
const CONFUSABLE_SHARE = 0.25;
const RIGHT_SINGLE_QUOTE = 0x2019;
const APOSTROPHE = 0x27;

/**
 * The language of a text's words (lower case, links and handles already taken out), when they
 * say it plainly; null when eld should decide.
 */
export function settleLanguage(words: readonly string[]): SettledLanguage | null {
	const counts = new Array<number>(SETTLED_LANGUAGES.length).fill(0);
	let letters = 0;
	let written = EVERY_LANGUAGE;
	let confusable = 0;
	for (const raw of words) {
		letters += raw.length;
		let apostrophe = -1;
		for (let index = 0; index < raw.length; index++) {
			const code = raw.charCodeAt(index);
			if (code < 128) {
				if (code === APOSTROPHE && apostrophe < 0) apostrophe = index;
				continue;
			}
			if (code === RIGHT_SINGLE_QUOTE) {
				if (apostrophe < 0) apostrophe = index;
				continue;
			}
			written &= LETTER_BITS.get(code) ?? 0;
		}
		if (written === 0) return null;
		const word = apostrophe < 0 ? raw : raw.replace(/\u2019/g, "'");
		let bits = WORD_BITS.get(word);
		if (bits === undefined && apostrophe > 0) bits = ELIDED_BITS.get(word.slice(0, apostrophe + 1));
		if (bits === undefined) continue;
		if (bits === CONFUSABLE_BIT) {
			confusable++;
			continue;
		}
		for (let index = 0; index < counts.length; index++) if (bits & (1 << index)) counts[index]++;
	}
	if (words.length < MIN_WORDS || letters < MIN_LETTERS) return shortEnglish(words, written);
	let best = -1;
	for (let index = 0; index < counts.length; index++) {
		if (written & (1 << index) && (best < 0 || counts[index] > counts[best])) best = index;
	}
	if (best < 0) return null;
	let next = 0;
	for (let index = 0; index < counts.length; index++) {
		if (index !== best) next = Math.max(next, counts[index]);
	}
	const lead = counts[best];
	if (lead < MIN_SMALL_WORDS || lead < LEAD * next + 1 || lead < MIN_SHARE * words.length)
		return null;
	if (confusable > CONFUSABLE_SHARE * lead) return null;
	return SETTLED_LANGUAGES[best];
}
