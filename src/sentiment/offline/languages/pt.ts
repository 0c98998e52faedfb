import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * Portuguese (Brazil and Portugal), written by this project: general sentiment words (stems
 * such as 'péssim*' read péssimo, péssima) and the support phrases of a helpdesk or a shop
 * (delivery, the delivery deadline, refunds). Words are compared without accents, since
 * customers often leave them out ("nao chegou").
 */

const WORDS = valences(`
bom 1.9, boa 1.9, bons 1.9, boas 1.9, ótim* 3, excelente* 3, perfeit* 3, maravilh* 3, incrível 2.5,
incríveis 2.5, show 2.5, top 2.5, lindo 2.2, linda 2.2, lindos 2.2, lindas 2.2, bonito 2, bonita 2,
adorei 2.8, adoro 2.8, amei 3, amo 2.8, gostei 1.8, gosto 1, satisfeit* 2.2, feliz 2.5, felizes 2.5,
contente* 2.2, recomendo 2.2, recomendável 2.2, rápid* 1.2, eficient* 1.8, confiável 1.8,
legal 2, bacana 2, sensacional 3, parabéns 2.5, agradeço 2, agradecid* 2, tranquil* 1.2,
certinho 1.8, direitinho 1.8, correto 1, correta 1, melhor 1.8, melhores 1.8, atencios* 2,
educad* 1.5, impecável 2.8, caprichad* 2, prático 1.2, prática 1.2, útil 1.5, qualidade 0.5,
excelência 3, maravilha 3, beleza 1.5, sucesso 2, eficaz 1.8, pontual* 1.8, honest* 1.8,
ruim -2.5, ruins -2.5, péssim* -3.2, horrível -3, horríveis -3, terrível -3, terríveis -3, mau -2,
má -2, pior -2.8, piores -2.8, lixo -3, porcaria -3, droga -2, merda -3, decepcion* -2.5,
decepção -2.5, frustr* -2, insatisfeit* -2.5, chatead* -2, irritad* -2.2, revoltad* -2.8,
raiva -2.6, absurd* -2.2, ridícul* -2.2, vergonha -2.8, vergonhos* -2.8, lamentável -2.5,
problema -1.2, problemas -1.4, defeito -2, defeitos -2, defeituos* -2.2, quebrad* -2.2,
danificad* -2, avariad* -2, errado -1.5, errada -1.5, errados -1.5, faltou -1.5, faltando -1.5,
falta -1, atras* -1.8, demor* -1.6, cancelad* -1.2, engan* -2.5, golpe -3, fraude -3, roubo -3,
roubad* -2.8, mentira* -2.5, descaso -2.8, desrespeit* -2.8, lento -1.2, lenta -1.2, caro -1.2,
triste* -2, pena -1, infelizmente -1.2, difícil -1.2, complicad* -1.2, inútil -2.4, fraco -1.8,
fraca -1.8, frágil -1.2, sujo -2, suja -2, estragad* -2.2, vencid* -1.5, falsificad* -2.8,
pirata -2, furad* -2, amassad* -1.8, rasgad* -1.8, manchad* -1.8, descolou -1.8, desist* -1.5,
enrola* -2.2, palhaç* -2.5, absurdo -2.2, horror -3, nojo -3, nojent* -3, incompetent* -2.8,
irresponsáve* -2.8, arrependid* -2.5, medo -1.8, preocupad* -1.5,
adorável 2.5, gostos* 2, fácil 1, agilidade 1.8, rapidez 1.5, pontualidade 1.8, satisfação 2,
amável 2, amáveis 2, encantad* 2.5, feliz* 2.5, excepcional 3, nota dez 3, kkk* 1.2, rsrs* 1,
mal -1.5, insatisfação -2.5, desgosto -2.2, chato -1.8, chata -1.8, trapaça -2.8, lamentavelmente -1.2,
descuido -2, negligência -2.8, desorganizad* -2.2, incompleto -1.8, incompleta -1.8, inferior -1.5,
duvidos* -1.5, suspeit* -1.2, péssimamente -3
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
sem problemas 1.2, nenhum problema 1, sem dúvida 0.5, sem falta 0, nem sempre -0.5, nada a reclamar 2, não tenho do que reclamar 2,
bom dia 0, boa tarde 0, boa noite 0, por favor 0, atendimento ao cliente 0
`,
	waiting: `
ainda não -1.8, até agora -1.2, até hoje -1.5, até o momento -1.2, sem resposta -2,
nenhuma resposta -2, não responde -2, não respondem -2, ninguém responde -2, aguardando -1,
aguardo -0.6, esperando -0.8, espera -0.6, há dias -1.5, há semanas -1.8, há meses -2,
faz dias -1.5, faz semanas -1.8, fora do prazo -2, passou do prazo -2, após o prazo -1.8,
depois do prazo -1.8, prazo esgotado -2
`,
	repeatContact: `
de novo -1, novamente -1, outra vez -1.2, mais uma vez -1.2, várias vezes -1.5, diversas vezes -1.5,
segunda vez -1.2, terceira vez -1.8, mesmo problema -1.2, já entrei em contato -1.5,
já reclamei -1.8, continua -0.6, continua sem -1.8
`,
	failure: `
não funciona -1.8, não chegou -1.8, não recebi -2, nunca recebi -2.4, não foi entregue -2,
não entregue -1.8, não veio -1.6, veio errado -2, veio faltando -2, produto errado -2, não liga -1.8,
parou de funcionar -2, cobrado duas vezes -2.2, cobrança indevida -2.2, não consigo -1.2,
extraviad* -2, produto diferente -1.8, diferente do anunciado -2, diferente da foto -1.8
`,
	churn: `
nunca mais -2.5, não compro mais -2.5, não compro -2, não volto -2, última vez -1.8,
cancelar minha -1.8, cancelar meu -1.8, concorrente -1.2, não recomendo -2.5,
não indico -2.2
`,
	refund: `
reembolso -0.8, estorno -1, devolução -0.8, meu dinheiro -1.5, dinheiro de volta -1.5,
ressarcimento -0.8, devolver -0.8
`,
	escalation: `
reclame aqui -2, procon -2.2, advogado -2, supervisor -1, gerente -0.8, reclamação -1.5,
ouvidoria -1.5
`,
	frustration: `
falta de respeito -2.8, uma vergonha -2.8, que vergonha -2.8, perda de tempo -2.5,
cansado de -2, cansada de -2, palhaçada -2.8, não aguento -2
`,
	urgency: `urgente -0.5, urgência -0.8, imediatamente -0.4, o quanto antes -0.6, o mais rápido possível -0.6`,
	confusion: `não entendi -1.2, não entendo -1.2, confuso -1.3, confusa -1.3, não sei -0.3, sem saber -1`,
	sarcasm: `obrigado por nada -2.8, muito obrigado por nada -2.8`,
	gratitude: `
obrigado novamente 2, obrigado de novo 2, obrigada novamente 2, obrigado 1.4, obrigada 1.4, muito obrigado 2.2, muito obrigada 2.2, obg 1.2, grato 2, grata 2,
ótimo atendimento 3, bom atendimento 2.4, excelente atendimento 3, muito atencioso 2.2
`,
	resolution: `
resolvido 1.4, resolveram 1.6, solucionado 1.4, chegou 0.6, chegou antes 2, antes do prazo 2.2,
dentro do prazo 1.8, no prazo 1.6, tudo certo 1.8, tudo ok 1.6, funciona bem 1.8, funcionou 1.6,
deu certo 1.8, conforme anunciado 1.8, conforme descrito 1.8, bem embalado 2, entrega rápida 2.2,
chegou rápido 2.2, chegou certinho 2.2
`,
});

export const PORTUGUESE: LanguageLexicon = {
	language: 'pt',
	words: withLoanwords(WORDS),
	...PHRASES,
	negations: ['não', 'nunca', 'jamais', 'nada', 'ninguém', 'nenhum', 'nenhuma', 'nem', 'sem'],
	boosters: valences(`
muito 0.293, muita 0.293, muitos 0.293, muitas 0.293, bem 0.293, super 0.293, extremamente 0.293,
totalmente 0.293, completamente 0.293, realmente 0.293, tão 0.293, bastante 0.2,
absolutamente 0.293, mega 0.293, demais 0.293, pouco -0.293, meio -0.293, levemente -0.293,
quase -0.293
`),
	contrasts: ['mas', 'porém', 'contudo', 'entretanto', 'todavia', 'embora'],
	conditionals: ['se', 'caso'],
	modals: ['gostaria', 'poderia', 'poderiam', 'deveria', 'deveriam', 'queria', 'espero'],
	timeUnits: valences(`
minuto -0.8, minutos -0.8, hora -1.2, horas -1.4, dia -1.2, dias -1.5, semana -1.6, semanas -1.8,
mês -1.8, meses -2
`),
	numberWords: [
		'dois',
		'duas',
		'três',
		'quatro',
		'cinco',
		'seis',
		'vários',
		'várias',
		'muitos',
		'muitas',
		'alguns',
		'algumas',
	],
	closings: ['atenciosamente', 'abraço', 'abraços', 'att', 'até logo', 'tchau', 'só isso'],
	requests: [
		'por favor',
		'pfv',
		'poderiam',
		'podem',
		'pode',
		'como faço',
		'gostaria de saber',
		'desde já',
	],
	foldAccents: true,
};
