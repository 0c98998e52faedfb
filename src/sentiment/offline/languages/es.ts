import { type LanguageLexicon, supportPhrases, valences, withLoanwords } from './rules';

/**
 * Spanish, written by this project: general sentiment words (stems such as 'pésim*' read
 * pésimo, pésima, pésimos) and the support phrases of a helpdesk, a shop or an airline. Words
 * are compared without accents, since customers often leave them out ("atencion").
 */

const WORDS = valences(`
bueno 1.9, buena 1.9, buenos 1.9, buenas 1.9, buen 1.9, bien 1.2, excelente* 3, genial* 2.8,
estupend* 2.8, maravill* 3, fantástic* 3, increíble* 2.2, perfect* 2.8, encant* 2.6, gusta 1.5,
gustó 1.8, feliz 2.5, felices 2.5, contento 2.2, contenta 2.2, contentos 2.2, satisfech* 2.2,
agradecid* 2.2, agradezco 2, amable* 2, atento 1.5, atenta 1.5, rápid* 1, eficaz* 1.8,
eficient* 1.8, recomiendo 2, recomendable 2, mejor 1.8, mejores 1.8, amor 2.5, lindo 2, linda 2,
bonito 2, bonita 2, guay 2.2, chévere 2.2, cómod* 1.8, puntual* 1.8, profesional* 1.5,
impecable* 2.8, fenomenal* 3, alegr* 2.2, ideal 2, felicit* 2.2, top 2.5, espectacular* 3,
encantad* 2.6, agradable* 2, divertid* 2, gracioso 1.2, tranquil* 1, seguro 0.8,
malo -2.5, mala -2.5, malos -2.5, malas -2.5, mal -2, pésim* -3.2, horrible* -3, terrible* -3,
fatal* -2.8, asco -3, asqueros* -3, lamentable* -2.8, vergüenza -2.8, vergonzos* -2.8, peor -2.8,
peores -2.8, decepcion* -2.5, decepcionad* -2.5, molest* -2, enojad* -2.5, enfadad* -2.5,
furios* -3, harto -2.5, harta -2.5, hartos -2.5, cansad* -1.5, triste* -2, odio -3, odiar -3,
inútil* -2.4, incompetent* -2.8, ridícul* -2, absurd* -2, caos -2.5, caótic* -2.5, desastr* -3,
problema -1.2, problemas -1.4, error -1, errores -1.2, fallo -1.5, fallos -1.5, falla -1.5,
roto -2, rota -2, rotos -2, dañad* -2, perdid* -1.8, perdieron -2, retras* -1.8, demora* -1.6,
cancelad* -1.5, cancelaron -1.5, overbooking -2, sobreventa -2, caro -1.2, cara -0.5,
abusiv* -2.5, estafa* -3, robo -3, robar -2.8, mentira* -2.5, mentiros* -2.8, grosero* -2.5,
maleducad* -2.5, lento -1.2, lenta -1.2, pena -1.5, desgracia* -2.5, miedo -1.8,
preocupad* -1.5, imposible -1.8, complicad* -1.2, difícil -1.2, sucio* -2, mierda -3, joder -2.5,
maldit* -2.5, porquería -3, basura -2.8, lamentablemente -1.2, desafortunadamente -1,
indignad* -2.8, indignante -3, inaceptable -3, deplorable -3, nefast* -3, penos* -2.5, cutre -2,
tristeza -2, sufr* -2, aburrid* -1.5, insoportable* -2.8, desesperad* -2.5, infame -3,
buenísim* 2.8, malísim* -3, fácil 1, útil 1.5, útiles 1.5, bravo 2, enhorabuena 2.5, éxito 2,
ilusión 2, emocionad* 2.2, disfrut* 2.2, bienvenid* 1.5, suerte 1.5, precioso 2.5,
preciosa 2.5, preciosos 2.5, preciosas 2.5, hermos* 2.5,
guap* 2, amo 2.8, amamos 2.8, adoro 2.8, encanta 2.6, encantó 2.8, excelencia 3, agradecer 1.8,
agradecemos 2, jaja* 1.2, jeje* 1, crack 2, maravilla 3, rapidez 1.5, eficacia 1.8,
amabilidad 2.2, profesionalidad 2, cariño 2, orgullos* 2,
lástima -1.5, desagradable* -2.2, grosería* -2.5, injust* -2.5, abuso* -2.5, engañ* -2.5,
timo -3, timad* -3, ladrones -3, ladrón -3, sinvergüenza* -3, inept* -2.8, impresentable* -2.8,
pesadilla* -2.8, infierno -2.5, horror* -3, tardanza -1.6, atrasad* -1.8, extraviad* -2,
pérdida -1.8, ineficient* -2, desorganizad* -2.2, colapsad* -2, saturad* -1.5, incómod* -1.8,
llorar -2, lloro -2, quejarme -1.5, reclamar -1.2, decepción -2.5, frustra* -2.2, irrita* -2.2,
molestia* -1.8, cabread* -2.8, rabia -2.6, desprecio -2.5, negligencia* -2.8, incumpl* -2.2,
falta -1, faltan -1.2, faltaba -1.2, dolor -2, daño -2, daños -2, estropead* -2.2, averiad* -2,
defectuos* -2.2, inservible* -2.5, carísim* -2, abusivo -2.5, deficiente* -2.2, mediocre* -2,
regular -0.5, chapuza* -2.5,
encantador* 2.5, excepcional* 3, magnífic* 3, chulo 2, chula 2, chulos 2, chulas 2, mola 2,
molan 2, majo 1.8, maja 1.8, majos 1.8, majas 1.8, simpátic* 2, acogedor* 2, recomendad* 2,
recomendar 1.8, recomendaría 2, agradecimiento 2, enamorad* 2.5, felicidad 2.5, satisfacción 2,
satisfactori* 2, positiv* 1.5, correcto 0.8, correcta 0.8, ventaja 1, ventajas 1, genio 2,
sonrisa* 1.5, celebr* 1.5, gozar 2, fiable* 1.5, seriedad 1.2, gratamente 2.2, grato 2, grata 2,
patétic* -2.8, espantos* -3, horroros* -3, cancelación -1.2, cancelaciones -1.4, suspendid* -1.5,
perder -1.5, perdí -1.8, pierden -2, extravío -2, roban -2.8, robaron -3, caradura* -2.5,
cabreo -2.5, cabrea -2.5, enfado -2.2, enojo -2.2, quejas -1.5, reclamaciones -1.5, fracas* -2.5,
fallan -1.5, falló -1.8, fallaron -1.8, equivocad* -1.5, incorrect* -1.5, colapso -2,
mentir -2.5, mienten -2.5, mintieron -2.5, preocup* -1.5, nervios* -1.5, agobi* -2, estrés -1.8,
estresad* -2, lentitud -1.5, tardan -1.5, tardó -1.2, tarda -1.2, atraso -1.8, pesad* -1.2,
jodid* -2.5, grave -1.5, gravísim* -2.2, indignación -2.8, desilusi* -2.2, descontent* -2.2,
insatisfech* -2.5, deplorable* -3, vergonzosa* -2.8, irresponsable* -2.5, cutrez -2,
desatención -2, desinformación -1.5, pesadez -1.5, angustia* -2.2, impotencia -2.2,
estafador* -3, sinvergüenzas -3, placer 2, gustazo 2.5, deseando 1.5, olé 2, besos 1.5,
abrazo* 1.5, cancelan -1.5, odisea -1.8, cachondeo -2, alucino -1.5, uf -1, buf -1, puf -1,
argh -1.5, grr* -1.5, odian -3, odié -3, encantan 2.6, encantaron 2.8, gustan 1.5, gustaron 1.8
`);

/** The support phrases, by what they report (supportPhrases gives each its signal). */
const PHRASES = supportPhrases({
	idioms: `
sin problemas 1.2, sin problema 1, sin embargo 0, sin duda 0.5, ni siquiera -1.2, ni caso -1.8,
buen viaje 1.5, feliz viaje 1.5, buen vuelo 1.8, vale la pena 2, merece la pena 2, lo mejor 2.4,
bien hecho 2.2, menos mal 1.5, qué pena -2, qué mal -2.2, qué horror -3, qué desastre -3,
para colmo -1.5, manda narices -2.5, manda huevos -2.5, no me extraña -1.2, cada vez peor -2.5,
madre mía -1.2, por dios -1, dios mío -1, no hay derecho -2.5, increíble que -1.5, es increíble que -2,
hasta las narices -2.8, hasta el gorro -2.5, hasta los huevos -3, de pena -2.5, da pena -2.2,
dan pena -2.2, de risa -1.5, de chiste -1.5, a ver si -0.5, buen trabajo 2.2, gran trabajo 2.5,
lo máximo 2.5, un placer 2.2, qué ganas 1.8, tengo ganas 1.5, un beso 1.5, vaya tela -2, menudo servicio -2.2, vaya servicio -2.2, dejado tirado -2.5,
dejado tirada -2.5, dejado tirados -2.5, dejaron tirados -2.5, dejan tirados -2.5, no hay problema 1, ningún problema 1, no importa 0, no solo 0,
buenos días 0, buenas tardes 0, buenas noches 0, buen día 0, por supuesto 0.5, de nada 0,
nada más 0, por favor 0, ayuda 0, atención al cliente 0, servicio al cliente 0
`,
	waiting: `
sigo esperando -2.2, llevo esperando -2, llevamos esperando -2, más de una hora -1.5,
sin noticias -1.8, sin información -1.5, sin avisar -1.8, sin explicación -1.8, sin explicaciones -1.8, seguimos esperando -2.2, todavía no -1.8, aún no -1.8, sin respuesta -2,
ninguna respuesta -2, no responden -2, no contestan -2, nadie responde -2, nadie contesta -2,
esperando -0.8, en espera -1.5, tiempo de espera -1.2, hace días -1.5, hace semanas -1.8,
hace meses -2, demasiado tiempo -1.8, eternidad -2, muy tarde -1.5, llega tarde -1.5,
llegó tarde -1.5
`,
	repeatContact: `
otra vez -1.2, de nuevo -1, nuevamente -1, una vez más -1.2, por segunda vez -1.2,
por tercera vez -1.8, varias veces -1.5, muchas veces -1.2, ya les dije -1.5, como ya dije -1.5,
el mismo problema -1.2, mismo problema -1.2, sigue sin -1.8, siguen sin -1.8, siempre lo mismo -1.8
`,
	failure: `
no funciona -1.8, no sirve -2, no llega -1.5, no llegó -1.8, no ha llegado -1.8, no me llegó -1.8,
no puedo -1.2, no carga -1.5, dejó de funcionar -2, se cayó -1.5, cobro doble -2.2,
cobraron dos veces -2.2, me cobraron -1.2, mal estado -2, producto equivocado -1.8
`,
	churn: `
cancelar mi -1.8, cancelar la cuenta -1.8, cambiar de compañía -2, cambiar de aerolínea -2, darme de baja -2, dar de baja -1.8, cambiarme a -1.8, me cambio a -1.8,
competencia -1.2, nunca más -2.5, jamás volveré -2.5, no vuelvo -2.2, no volveré -2.2,
última vez -1.8
`,
	refund: `
reembolso -0.8, devolución -0.8, mi dinero -1.5, devuelvan -1.2, compensación -0.8,
indemnización -1
`,
	escalation: `
supervisor -1, gerente -0.8, hablar con alguien -1.2, queja -1.5, queja formal -2,
hoja de reclamaciones -2, reclamación -1.5, reclamo -1.5, abogado -2, denunciar -2, denuncia -1.8
`,
	frustration: `
estoy harto -2.5, estoy harta -2.5, es una broma -1.8, qué vergüenza -2.8, una vergüenza -2.8,
no puede ser -1.8, tomadura de pelo -2.5, pérdida de tiempo -2.5
`,
	anger: `qué asco -3, me cago -3, indignado -2.8, indignada -2.8`,
	urgency: `urgente -0.5, urgencia -0.8, inmediatamente -0.4, cuanto antes -0.6, lo antes posible -0.6`,
	confusion: `no entiendo -1.2, confundido -1.3, confuso -1.3, no está claro -0.8, ni idea -0.6`,
	sarcasm: `gracias por nada -2.8, qué bien -0.5`,
	gratitude: `
gracias de nuevo 2, gracias otra vez 2, gracias 1.4, muchas gracias 2.2, mil gracias 2.6, muchísimas gracias 2.6, te agradezco 2,
les agradezco 2, excelente servicio 3, excelente atención 3, buena atención 2.4, buen servicio 2.4,
muy amable 2.2, muy amables 2.2, respuesta rápida 2
`,
	resolution: `
resuelto 1.4, solucionado 1.4, arreglado 1.2, ya funciona 2, funciona bien 1.8,
vuelve a funcionar 1.8, todo bien 1.6, todo perfecto 2.5, llegó bien 1.8, a tiempo 1.4
`,
});

export const SPANISH: LanguageLexicon = {
	language: 'es',
	words: withLoanwords(WORDS),
	...PHRASES,
	negations: [
		'no',
		'nunca',
		'jamás',
		'nada',
		'nadie',
		'ni',
		'tampoco',
		'sin',
		'ningún',
		'ninguno',
		'ninguna',
		'apenas',
	],
	boosters: valences(`
muy 0.293, mucho 0.293, muchísimo 0.293, tan 0.293, tanto 0.293, demasiado 0.293, super 0.293,
súper 0.293, realmente 0.293, totalmente 0.293, completamente 0.293, absolutamente 0.293,
increíblemente 0.293, extremadamente 0.293, bastante 0.15, poco -0.293, algo -0.293,
ligeramente -0.293, casi -0.293
`),
	contrasts: ['pero', 'aunque', 'sino'],
	conditionals: ['si'],
	modals: ['podría', 'podrían', 'debería', 'deberían', 'quisiera', 'gustaría', 'ojalá', 'espero'],
	timeUnits: valences(`
minuto -0.8, minutos -0.8, min -0.8, hora -1.2, horas -1.4, hr -1.2, hrs -1.4, día -1.2, días -1.5,
semana -1.6, semanas -1.8, mes -1.8, meses -2
`),
	numberWords: ['dos', 'tres', 'cuatro', 'cinco', 'seis', 'varios', 'varias', 'muchos', 'muchas'],
	closings: [
		'saludos',
		'un saludo',
		'atentamente',
		'cordialmente',
		'que tenga buen día',
		'hasta luego',
		'adiós',
		'eso es todo',
	],
	requests: [
		'por favor',
		'porfa',
		'xfa',
		'pueden',
		'puede',
		'podría',
		'podrían',
		'cómo puedo',
		'de antemano',
	],
	foldAccents: true,
};
