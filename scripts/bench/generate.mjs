// Generates realistic kto surveys for the benchmark, deterministically (seeded).
//
// A survey is first built as a plain object (the "model"), which is also the canonical JSON form
// of the same content; `renderKto` writes it as .kto source. So the kto and JSON texts the
// benchmark compares describe exactly the same survey.

// ------------------------------------------------------------------ randomness

export function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
        pick: list => list[Math.floor(next() * list.length)],
        chance: p => next() < p,
        sample: (list, n) => {
            const copy = [...list];
            for (let i = copy.length - 1; i > 0; i--) {
                const j = Math.floor(next() * (i + 1));
                [copy[i], copy[j]] = [copy[j], copy[i]];
            }
            return copy.slice(0, n);
        },
        weighted: table => {
            const total = table.reduce((s, [, w]) => s + w, 0);
            let r = next() * total;
            for (const [value, w] of table) if ((r -= w) < 0) return value;
            return table[table.length - 1][0];
        }
    };
}

// ------------------------------------------------------------------ vocabulary

const t = (nl, en) => ({ nl, en });

const TOPICS = [
    t('afvalinzameling', 'waste collection'), t('het openbaar groen', 'public green spaces'), t('de buurtveiligheid', 'neighbourhood safety'),
    t('het parkeren', 'parking'), t('de gemeentelijke dienstverlening', 'municipal services'), t('de wijkzorg', 'community care'),
    t('het sportaanbod', 'sports facilities'), t('het cultuuraanbod', 'cultural activities'), t('het openbaar vervoer', 'public transport'),
    t('de verkeersveiligheid', 'road safety'), t('het onderhoud van straten', 'street maintenance'), t('de speelvoorzieningen', 'playgrounds'),
    t('de bibliotheek', 'the library'), t('het jongerenwerk', 'youth work'), t('de ouderenzorg', 'care for the elderly'),
    t('de schuldhulpverlening', 'debt counselling'), t('de digitale loketten', 'online services'), t('de energietransitie', 'the energy transition'),
    t('het woningaanbod', 'housing supply'), t('de buurthuizen', 'community centres'), t('het winkelaanbod', 'local shops'),
    t('de fietspaden', 'cycle paths'), t('de straatverlichting', 'street lighting'), t('het wijkteam', 'the neighbourhood team')
];

const ASPECTS = [
    t('de bereikbaarheid', 'the accessibility'), t('de kwaliteit', 'the quality'), t('de informatievoorziening', 'the information provided'),
    t('de wachttijd', 'the waiting time'), t('de vriendelijkheid van medewerkers', 'the friendliness of staff'), t('de kosten', 'the costs'),
    t('het onderhoud', 'the maintenance'), t('de openingstijden', 'the opening hours'), t('de communicatie', 'the communication'),
    t('de betrouwbaarheid', 'the reliability'), t('de snelheid van afhandeling', 'the speed of handling'), t('de inspraak van bewoners', 'the say residents have')
];

const STATEMENTS = [
    t('is goed geregeld in mijn buurt', 'is well organised in my neighbourhood'),
    t('is de afgelopen jaren verbeterd', 'has improved in recent years'),
    t('is voor iedereen toegankelijk', 'is accessible to everyone'),
    t('krijgt genoeg aandacht van de gemeente', 'gets enough attention from the municipality'),
    t('past bij de behoeften van bewoners', 'meets the needs of residents'),
    t('is duidelijk uitgelegd', 'is clearly explained'),
    t('is betaalbaar', 'is affordable'),
    t('wordt goed onderhouden', 'is well maintained'),
    t('voelt veilig', 'feels safe'),
    t('is makkelijk te vinden', 'is easy to find')
];

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);

// ------------------------------------------------------------------ scales

/** The shared scales; in a workspace they live in the library file. */
export function sharedScales() {
    const code = (value, name, label, missing = false) => ({ value, name, label, ...(missing ? { missing: true } : {}) });
    return [
        { name: 'Cijfer', type: 'grade', min: 1, max: 10, codes: [
            code(1, 'zeer_slecht', t('Zeer slecht', 'Very poor')),
            code(10, 'uitstekend', t('Uitstekend', 'Excellent')),
            code(99, 'weet_niet', t('Weet niet', "Don't know"), true)
        ] },
        { name: 'Aanbeveling', type: 'grade', min: 0, max: 10, codes: [
            code(0, 'zeker_niet', t('Zeker niet', 'Certainly not')),
            code(10, 'zeker_wel', t('Zeker wel', 'Certainly')),
            code(99, 'weet_niet', t('Weet niet', "Don't know"), true)
        ] },
        { name: 'Eens', type: 'ordinal', codes: [
            code(1, 'zeer_oneens', t('Helemaal oneens', 'Strongly disagree')),
            code(2, 'oneens', t('Oneens', 'Disagree')),
            code(3, 'neutraal', t('Niet eens, niet oneens', 'Neither agree nor disagree')),
            code(4, 'eens', t('Eens', 'Agree')),
            code(5, 'zeer_eens', t('Helemaal eens', 'Strongly agree')),
            code(9, 'weet_niet', t('Weet niet', "Don't know"), true)
        ] },
        { name: 'Frequentie', type: 'ordinal', codes: [
            code(1, 'nooit', t('Nooit', 'Never')),
            code(2, 'jaarlijks', t('Een paar keer per jaar', 'A few times a year')),
            code(3, 'maandelijks', t('Maandelijks', 'Monthly')),
            code(4, 'wekelijks', t('Wekelijks', 'Weekly')),
            code(5, 'dagelijks', t('(Bijna) dagelijks', '(Almost) daily')),
            code(9, 'nvt', t('Niet van toepassing', 'Not applicable'), true)
        ] },
        { name: 'JaNeeWn', type: 'yesno', codes: [
            code(9, 'weet_niet', t('Weet niet', "Don't know"), true)
        ] },
        { name: 'Geslacht', type: 'nominal', codes: [
            code(1, 'man', t('Man', 'Male')),
            code(2, 'vrouw', t('Vrouw', 'Female')),
            code(3, 'anders', t('Anders', 'Other')),
            code(9, 'zeg_niet', t('Zeg ik liever niet', 'Prefer not to say'), true)
        ] },
        { name: 'Wijk', type: 'nominal', codes: [
            code(1, 'centrum', t('Centrum', 'City centre')), code(2, 'noord', t('Noord', 'North')),
            code(3, 'oost', t('Oost', 'East')), code(4, 'zuid', t('Zuid', 'South')),
            code(5, 'west', t('West', 'West')), code(6, 'buitengebied', t('Buitengebied', 'Rural area'))
        ] },
        { name: 'Aantal', type: 'integer', min: 0, max: 50 },
        { name: 'Uren', type: 'integer', min: 0, max: 80, unit: t('uur per week', 'hours per week') }
    ];
}

// ------------------------------------------------------------------ survey model

/**
 * @param {object} o
 * @param {string} o.id            survey id
 * @param {number} o.questions     number of questions (a grid counts as one question)
 * @param {number} o.seed
 * @param {number} [o.indicators]  number of indicators (0: no indicators block)
 * @param {number} [o.tests]       number of test blocks
 * @param {string} [o.importPath]  import the shared scales and blocks from this library instead of declaring them
 * @param {number} [o.sectionSize] items per section (default 20)
 */
export function generateSurvey(o) {
    const r = rng(o.seed);
    const sectionSize = o.sectionSize ?? 20;
    const useLibrary = o.importPath !== undefined;
    const stats = { questions: 0, grids: 0, gridRows: 0, notes: 0, ifs: 0, nestedIfs: 0, elses: 0, screenOuts: 0, derived: 0, indicators: 0, drivers: 0, tests: 0 };
    // What later conditions and indicators may refer to.
    const facts = {
        topYesNo: [], topGrade: [], topFreq: [], measurable: [], filters: [], breakdowns: ['wijk', 'leeftijdsgroep'],
        booleanDerived: [], thenItems: new Map(), topic: new Map()
    };
    let remaining = o.questions;
    const counted = item => {
        if (item.kind === 'grid') { stats.grids++; stats.gridRows += item.rows.length; } else stats.questions++;
        remaining--;
        return item;
    };
    const usedScales = new Set(['Wijk']);
    const question = (name, type, text, extra = {}) => {
        if (typeof type === 'string') usedScales.add(type);
        return counted({ kind: 'question', name, type, text, ...extra });
    };

    // Intro: consent and age screen-outs, background.
    const intro = [];
    intro.push({ kind: 'note', name: 'welkom', text: t(
        'Welkom bij de bewonersenquête. Het invullen duurt ongeveer twintig minuten; uw antwoorden worden vertrouwelijk behandeld.',
        'Welcome to the residents survey. It takes about twenty minutes; your answers are treated confidentially.') });
    stats.notes++;
    intro.push(question('toestemming', 'yesno', t('Gaat u akkoord met deelname aan dit onderzoek?', 'Do you agree to take part in this survey?')));
    intro.push({ kind: 'end', text: t('Jammer dat u niet meedoet. Bedankt voor uw tijd.', 'We are sorry you do not wish to take part. Thank you for your time.'), condition: 'toestemming = no' });
    stats.screenOuts++;
    intro.push(question('leeftijd', { type: 'integer', min: 16, max: 99 }, t('Wat is uw leeftijd?', 'What is your age?'), { hint: t('In hele jaren.', 'In whole years.') }));
    intro.push({ kind: 'end', text: t('Dit onderzoek is bedoeld voor inwoners van 18 jaar en ouder. Bedankt!', 'This survey is for residents aged 18 and over. Thank you!'), condition: 'leeftijd < 18' });
    stats.screenOuts++;
    if (useLibrary) {
        intro.push({ kind: 'include', block: 'achtergrond' });
    } else {
        intro.push(question('geslacht', 'Geslacht', t('Wat is uw geslacht?', 'What is your gender?')));
        intro.push(question('woonduur', 'Aantal', t('Hoeveel jaar woont u al in de gemeente?', 'How many years have you lived in the municipality?')));
    }
    facts.breakdowns.push('geslacht');
    intro.push({ kind: 'derive', name: 'leeftijdsgroep', label: t('Leeftijdsgroep', 'Age group'), expression: 'leeftijd < 35 ? "18-34" : leeftijd < 65 ? "35-64" : "65+"' });
    stats.derived++;
    const sections = [{ name: 'intro', title: t('Introductie', 'Introduction'), items: intro }];

    const midScreenOut = Math.floor(o.questions / sectionSize / 2);
    for (let k = 1; remaining > 0; k++) {
        const quota = Math.min(sectionSize, remaining);
        sections.push(makeSection(k, quota, k === midScreenOut && quota >= 12));
    }
    if (useLibrary) sections[sections.length - 1].items.push({ kind: 'include', block: 'afsluiting' });

    function makeSection(k, quota, withScreenOut) {
        const p = `s${k}_`;
        const topic = r.pick(TOPICS);
        const items = [];
        let used = 0;
        const add = (list, item) => { list.push(item); if (item.kind === 'question' || item.kind === 'grid') used++; return item; };
        let n = 0;
        const nextName = role => `${p}${role}${++n}`;
        // A question on one of the shared scales, with wording about the section's topic.
        const anyQuestion = (guarded, kinds) => {
            const kind = r.weighted(kinds ?? [['eens', 30], ['cijfer', 14], ['janee', 10], ['yesno', 10], ['freq', 10], ['aantal', 8], ['uren', 5], ['inline', 5], ['text', 5], ['nps', 3]]);
            const aspect = r.pick(ASPECTS);
            const stmt = r.pick(STATEMENTS);
            let q;
            switch (kind) {
                case 'eens':
                    q = question(nextName('st'), 'Eens', t(`Stelling: ${cap(aspect.nl)} van ${topic.nl} ${stmt.nl}.`, `Statement: ${cap(aspect.en)} of ${topic.en} ${stmt.en}.`));
                    facts.measurable.push({ ref: q.name, kind: 'ordinal', guarded });
                    break;
                case 'cijfer':
                    q = question(nextName('cf'), 'Cijfer', t(`Welk rapportcijfer geeft u ${aspect.nl} van ${topic.nl}?`, `What grade would you give ${aspect.en} of ${topic.en}?`),
                        r.chance(0.3) ? { hint: t('1 is zeer slecht, 10 is uitstekend.', '1 is very poor, 10 is excellent.') } : {});
                    facts.measurable.push({ ref: q.name, kind: 'grade', guarded });
                    if (!guarded) facts.topGrade.push(q.name);
                    break;
                case 'janee':
                    q = question(nextName('jn'), 'JaNeeWn', t(`Weet u waar u terecht kunt met vragen over ${aspect.nl} van ${topic.nl}?`, `Do you know where to go with questions about ${aspect.en} of ${topic.en}?`));
                    facts.measurable.push({ ref: q.name, kind: 'yesno', guarded });
                    if (!guarded) facts.topYesNo.push(q.name);
                    break;
                case 'yesno':
                    q = question(nextName('yn'), 'yesno', t(`Heeft u het afgelopen jaar een melding gedaan over ${aspect.nl} van ${topic.nl}?`, `Have you reported a problem with ${aspect.en} of ${topic.en} in the past year?`));
                    facts.measurable.push({ ref: q.name, kind: 'yesno', guarded });
                    if (!guarded) facts.topYesNo.push(q.name);
                    break;
                case 'freq':
                    q = question(nextName('fr'), 'Frequentie', t(`Hoe vaak maakt u gebruik van ${topic.nl}?`, `How often do you make use of ${topic.en}?`));
                    facts.measurable.push({ ref: q.name, kind: 'ordinal', guarded });
                    if (!guarded) facts.topFreq.push(q.name);
                    break;
                case 'aantal':
                    q = question(nextName('aa'), 'Aantal', t(`Hoeveel keer had u het afgelopen jaar contact over ${topic.nl}?`, `How many times were you in contact about ${topic.en} in the past year?`));
                    facts.measurable.push({ ref: q.name, kind: 'integer', guarded });
                    break;
                case 'uren':
                    q = question(nextName('ur'), 'Uren', t(`Hoeveel uur per week besteedt u gemiddeld aan ${topic.nl}?`, `How many hours a week do you spend on ${topic.en} on average?`));
                    facts.measurable.push({ ref: q.name, kind: 'integer', guarded });
                    break;
                case 'inline':
                    q = question(nextName('ki'), { type: 'integer', min: 0, max: 20 }, t(`Hoeveel minuten reist u naar ${topic.nl}?`, `How many minutes does it take you to get to ${topic.en}?`));
                    facts.measurable.push({ ref: q.name, kind: 'integer', guarded });
                    break;
                case 'nps':
                    q = question(nextName('ab'), 'Aanbeveling', t(`Hoe waarschijnlijk is het dat u ${topic.nl} aanbeveelt aan buurtgenoten?`, `How likely are you to recommend ${topic.en} to your neighbours?`));
                    facts.measurable.push({ ref: q.name, kind: 'nps', guarded });
                    break;
                default:
                    q = question(nextName('tx'), 'text', t(`Wat kan er beter aan ${aspect.nl} van ${topic.nl}?`, `What could be improved about ${aspect.en} of ${topic.en}?`), { optional: true });
            }
            return q;
        };

        facts.topic.set(k, topic);
        if (quota < sectionSize) {
            while (used < quota) add(items, anyQuestion(false));
            return { name: `s${k}`, title: t(cap(topic.nl), cap(topic.en)), items };
        }

        // The section's filter and overall grade, which its routing reads.
        const gebruik = add(items, question(`${p}gebruik`, 'yesno', t(`Heeft u de afgelopen twaalf maanden te maken gehad met ${topic.nl}?`, `Have you dealt with ${topic.en} in the past twelve months?`)));
        const cijfer = add(items, question(`${p}cijfer`, 'Cijfer', t(`Welk rapportcijfer van 1 tot 10 geeft u ${topic.nl} in uw buurt?`, `What grade from 1 to 10 would you give ${topic.en} in your neighbourhood?`)));
        facts.topYesNo.push(gebruik.name);
        facts.topGrade.push(cijfer.name);
        facts.measurable.push({ ref: cijfer.name, kind: 'grade', guarded: false }, { ref: gebruik.name, kind: 'yesno', guarded: false });
        facts.filters.push(`${gebruik.name} = yes`);
        facts.topic.set(k, topic);
        if (k % 6 === 0) facts.breakdowns.push(gebruik.name);

        if (withScreenOut) {
            add(items, question(`${p}inwoner`, 'yesno', t('Woont u op dit moment nog in de gemeente?', 'Do you currently still live in the municipality?')));
            items.push({ kind: 'end', text: t('Deze vragen zijn alleen voor huidige inwoners. Bedankt voor uw deelname!', 'These questions are for current residents only. Thank you for taking part!'), condition: `${p}inwoner = no` });
            stats.screenOuts++;
        }
        for (let i = 0; i < 3; i++) add(items, anyQuestion(false));

        // Routing on the filter: follow-up questions, sometimes nested, sometimes with an else.
        const shape = r.weighted([['plain', 3], ['else', 3], ['nestedGrade', 2], ['nestedInner', 2]]);
        const then = [];
        const ifBlock = { kind: 'if', condition: `${gebruik.name} = yes`, then };
        stats.ifs++;
        items.push(ifBlock);
        const thenItems = [];
        if (shape === 'nestedInner') {
            const inner = add(then, question(nextName('yn'), 'yesno', t(`Had u daarbij contact met een medewerker van ${topic.nl}?`, `Did you speak to a member of staff of ${topic.en}?`)));
            facts.measurable.push({ ref: inner.name, kind: 'yesno', guarded: true });
            const innerThen = [];
            for (let i = r.int(2, 3); i > 0; i--) add(innerThen, anyQuestion(true, [['eens', 4], ['cijfer', 2], ['text', 1]]));
            then.push({ kind: 'if', condition: `${inner.name} = yes`, then: innerThen });
            stats.ifs++; stats.nestedIfs++;
            add(then, anyQuestion(true));
        } else {
            for (let i = r.int(2, 4); i > 0; i--) thenItems.push(add(then, anyQuestion(true)));
            if (shape === 'nestedGrade') {
                const low = [add([], question(nextName('tx'), 'text', t(`U geeft ${topic.nl} een onvoldoende. Wat is de belangrijkste reden?`, `You gave ${topic.en} a failing grade. What is the main reason?`)))];
                const high = [add([], anyQuestion(true, [['eens', 1]]))];
                then.push({ kind: 'if', condition: `${cijfer.name} <= 5`, then: low, else: high });
                stats.ifs++; stats.nestedIfs++; stats.elses++;
            }
        }
        if (shape === 'else') {
            ifBlock.else = [];
            add(ifBlock.else, question(nextName('tx'), 'text', t(`Waarom heeft u geen gebruikgemaakt van ${topic.nl}?`, `Why did you not make use of ${topic.en}?`), { optional: true }));
            if (r.chance(0.5)) add(ifBlock.else, anyQuestion(true, [['janee', 1], ['eens', 1]]));
            stats.elses++;
        }

        // A chain on the grade: else-if, else.
        if (k % 3 === 0) {
            const low = [add([], question(nextName('tx'), 'text', t(`Wat moet er vooral verbeteren aan ${topic.nl}?`, `What most needs to improve about ${topic.en}?`)))];
            const mid = [add([], anyQuestion(true, [['eens', 1]]))];
            const rest = [add([], anyQuestion(true, [['janee', 1], ['yesno', 1]]))];
            items.push({ kind: 'if', condition: `${cijfer.name} <= 5`, then: low, else: [{ kind: 'if', condition: `${cijfer.name} <= 7`, then: mid, else: rest }] });
            stats.ifs += 2; stats.elses += 2;
        }

        // Routing on an earlier section's filter and this grade.
        if (k % 4 === 0 && facts.topYesNo.length > 4) {
            const earlier = facts.topYesNo[r.int(0, facts.topYesNo.length - 4)];
            const cross = [add([], anyQuestion(true, [['eens', 2], ['cijfer', 1]]))];
            items.push({ kind: 'if', condition: `${earlier} = yes and ${cijfer.name} >= 6`, then: cross });
            stats.ifs++;
        }
        // On a frequency, with `in`.
        const freq = facts.topFreq.find(f => f.startsWith(p));
        if (freq && k % 2 === 0) {
            const often = [add([], anyQuestion(true, [['cijfer', 1], ['eens', 1]]))];
            items.push({ kind: 'if', condition: `${freq} in {wekelijks, dagelijks}`, then: often });
            stats.ifs++;
        }

        // Statements grid.
        const rows = r.sample(STATEMENTS, 5).map((s, i) => ({ name: `r${i + 1}`, text: t(`${cap(topic.nl)} ${s.nl}.`, `${cap(topic.en)} ${s.en}.`) }));
        const grid = add(items, counted({ kind: 'grid', name: `${p}stellingen`, type: 'Eens', text: t(`In hoeverre bent u het eens met de volgende uitspraken over ${topic.nl}?`, `To what extent do you agree with the following statements about ${topic.en}?`), rows }));
        facts.measurable.push({ ref: `${grid.name}.r1`, kind: 'ordinal', guarded: false, grid: grid.name });

        // Derived values, sometimes used for routing.
        if (k % 5 === 0) {
            const d = { kind: 'derive', name: `${p}tevreden`, label: t(`Tevreden over ${topic.nl}`, `Satisfied with ${topic.en}`), expression: `valid(${cijfer.name}) and ${cijfer.name} >= 7` };
            items.push(d);
            stats.derived++;
            facts.booleanDerived.push(d.name);
            if (used < quota - 2) {
                items.push({ kind: 'if', condition: `not ${d.name}`, then: [add([], question(nextName('tx'), 'text', t(`Wat zou uw oordeel over ${topic.nl} verbeteren?`, `What would improve your opinion of ${topic.en}?`), { optional: true }))] });
                stats.ifs++;
            }
        }
        if (k % 7 === 0 && facts.topGrade.length > 2) {
            const other = facts.topGrade[r.int(0, facts.topGrade.length - 3)];
            items.push({ kind: 'derive', name: `${p}gemiddeld`, label: t('Gemiddeld oordeel', 'Average rating'), expression: `(${cijfer.name} + ${other}) / 2` });
            stats.derived++;
        }
        if (k % 8 === 0) {
            items.push({ kind: 'note', name: `${p}uitleg`, text: t(`De volgende vragen gaan nog over ${topic.nl}.`, `The next questions are about ${topic.en} as well.`) });
            stats.notes++;
        }
        while (used < quota - 1) add(items, anyQuestion(false));
        if (used < quota) add(items, question(`${p}toelichting`, 'text', t(`Wilt u uw antwoorden over ${topic.nl} nog toelichten?`, `Would you like to explain your answers about ${topic.en}?`), { optional: true }));
        return { name: `s${k}`, title: t(cap(topic.nl), cap(topic.en)), items };
    }

    // Indicators.
    let indicators;
    if (o.indicators) {
        indicators = { min_n: 30, weight: 'gewicht', members: [] };
        const topic = ref => facts.topic.get(Number(/^s(\d+)_/.exec(ref)?.[1])) ?? t('dit onderwerp', 'this topic');
        for (let i = 1; indicators.members.length < o.indicators; i++) {
            const m = r.pick(facts.measurable);
            const tp = topic(m.ref);
            const ind = { name: `ind_${String(i).padStart(3, '0')}` };
            switch (m.kind) {
                case 'grade': case 'integer':
                    ind.label = t(`Gemiddelde ${m.kind === 'grade' ? 'score' : 'aantal'} ${tp.nl}`, `Average ${m.kind === 'grade' ? 'score' : 'number'} ${tp.en}`);
                    ind.formula = `mean(${m.ref})`;
                    break;
                case 'nps':
                    ind.label = t(`NPS ${tp.nl}`, `NPS ${tp.en}`);
                    ind.formula = `nps(${m.ref})`;
                    break;
                case 'ordinal':
                    ind.label = t(`Aandeel (zeer) eens ${tp.nl}`, `Share (strongly) agreeing ${tp.en}`);
                    ind.formula = m.grid ? `share(${m.grid}.r${r.int(1, 5)} >= eens)` : m.ref.includes('_fr') ? `share(${m.ref} >= wekelijks)` : `share(${m.ref} >= eens)`;
                    break;
                default:
                    ind.label = t(`Aandeel ja ${tp.nl}`, `Share yes ${tp.en}`);
                    ind.formula = `share(${m.ref} = yes)`;
            }
            if (r.chance(0.35)) {
                // An item asked only under its section's filter (or in its else) is not filtered on that
                // same filter: that base could be empty, which the checker rightly warns about.
                const section = /^s\d+_/.exec(m.ref)?.[0];
                const filters = m.guarded ? facts.filters.filter(f => !f.startsWith(section)) : facts.filters;
                ind.where = r.chance(0.7) && filters.length > 0 ? r.pick(filters) : r.pick(['leeftijd >= 65', 'leeftijd < 35', 'geslacht = vrouw']);
            }
            if (r.chance(0.6)) ind.by = r.sample(facts.breakdowns, r.int(1, 2));
            if (r.chance(0.2)) ind.min_n = { indicative: 50, suppress: 10 };
            if (r.chance(0.1)) ind.compare_previous = true;
            indicators.members.push(ind);
            stats.indicators++;
        }
        if (facts.booleanDerived.length > 0) {
            indicators.members[indicators.members.length - 1] = { name: 'ind_tevreden', label: t('Aandeel tevreden', 'Share satisfied'), formula: `share(${facts.booleanDerived[0]})`, by: ['wijk'] };
        }
        indicators.members[0] = { name: 'ind_respons', label: t('Respons', 'Response rate'), formula: 'response_rate()' };
        for (const grid of facts.measurable.filter(m => m.grid).slice(0, 2)) {
            const grade = grid.grid.replace('stellingen', 'cijfer');
            indicators.members.push({ kind: 'drivers', name: `drivers_${grid.grid}`, label: t('Wat bepaalt het cijfer?', 'What drives the grade?'), outcome: grade, drivers: [`${grid.grid}.*`], method: 'regression' });
            stats.drivers++;
        }
    }

    // Scripted respondents.
    const tests = [];
    const first = sections.find(s => s.items.some(i => i.kind === 'if' && /_gebruik = yes$/.test(i.condition) && i.then[0]?.kind === 'question'));
    const adult = [['toestemming', 'yes'], ['leeftijd', '40']];
    const plan = [
        { name: 'zonder toestemming uitgescreend', given: [['toestemming', 'no']], expect: [{ screenedOut: true }] },
        { name: 'te jong uitgescreend', given: [['toestemming', 'yes'], ['leeftijd', '17']], expect: [{ screenedOut: true }] },
        { name: 'leeftijdsgroep', given: adult, expect: [{ that: 'leeftijdsgroep = "35-64"' }, { screenedOut: false }] }
    ];
    if (first) {
        const ifb = first.items.find(i => i.kind === 'if' && /_gebruik = yes$/.test(i.condition));
        const filter = ifb.condition.replace(' = yes', '');
        plan.push({ name: 'gebruikers krijgen vervolgvragen', given: [...adult, [filter, 'yes']], expect: [{ asked: [ifb.then[0].name] }] });
        plan.push({ name: 'niet-gebruikers krijgen geen vervolgvragen', given: [...adult, [filter, 'no']], expect: [{ asked: [ifb.then[0].name], negated: true }] });
    }
    for (const test of plan.slice(0, o.tests ?? 0)) { tests.push(test); stats.tests++; }

    const header = {
        id: o.id,
        title: t(`Bewonersenquête ${o.id}`, `Residents survey ${o.id}`),
        version: '1.0',
        languages: ['nl', 'en'],
        wave: '2024', previous: '2022', invited: 12000
    };
    const model = {
        survey: header,
        ...(useLibrary ? { imports: [o.importPath] } : { scales: sharedScales().filter(s => usedScales.has(s.name)) }),
        sample: [
            { name: 'gewicht', type: { type: 'decimal', min: 0.1, max: 10 }, label: t('Weegfactor', 'Weighting factor') },
            { name: 'wijk', type: 'Wijk', label: t('Wijk', 'District') }
        ],
        sections,
        ...(indicators ? { indicators } : {}),
        tests
    };
    stats.sections = sections.length;
    return { model, stats };
}

/** The library of a multi-file workspace: the shared scales and two blocks. */
export function generateLibrary() {
    return {
        library: { id: 'schalen', languages: ['nl', 'en'] },
        scales: sharedScales(),
        blocks: [
            { name: 'achtergrond', title: t('Achtergrond', 'Background'), items: [
                { kind: 'question', name: 'geslacht', type: 'Geslacht', text: t('Wat is uw geslacht?', 'What is your gender?') },
                { kind: 'question', name: 'woonduur', type: 'Aantal', text: t('Hoeveel jaar woont u al in de gemeente?', 'How many years have you lived in the municipality?') },
                { kind: 'question', name: 'huishouden', type: { type: 'integer', min: 1, max: 12 }, text: t('Uit hoeveel personen bestaat uw huishouden?', 'How many people are there in your household?') }
            ] },
            { name: 'afsluiting', title: t('Afsluiting', 'Closing'), items: [
                { kind: 'question', name: 'opmerkingen', type: 'text', optional: true, text: t('Heeft u nog opmerkingen over deze vragenlijst?', 'Do you have any comments on this questionnaire?') },
                { kind: 'question', name: 'vervolg', type: 'yesno', text: t('Mogen wij u benaderen voor vervolgonderzoek?', 'May we contact you for follow-up research?') },
                { kind: 'if', condition: 'vervolg = yes', then: [
                    { kind: 'question', name: 'email', type: 'text', text: t('Wat is uw e-mailadres?', 'What is your e-mail address?') }
                ] }
            ] }
        ]
    };
}

// ------------------------------------------------------------------ rendering

const str = s => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const text = (tx, langs) => [str(tx[langs[0]]), ...langs.slice(1).map(l => `@${l} ${str(tx[l])}`)].join(' ');

function typeText(type) {
    if (typeof type === 'string') return type;
    return `${type.type}${type.min !== undefined ? ` ${type.min}..${type.max}` : ''}`;
}

function scaleText(scale, langs) {
    const head = `scale ${scale.name}: ${scale.type}`;
    const range = scale.min !== undefined ? ` ${scale.min}..${scale.max}` : '';
    const unit = scale.unit ? ` unit ${text(scale.unit, langs)}` : '';
    if (!scale.codes) return `${head}${range}${unit}\n`;
    const codes = scale.codes.map(c => `  ${c.missing ? 'missing ' : ''}${c.value} ${c.name} ${text(c.label, langs)}\n`).join('');
    return `${head}${range}${unit} {\n${codes}}\n`;
}

function itemsText(items, indent, langs) {
    let out = '';
    for (const item of items) out += itemText(item, indent, langs);
    return out;
}

function itemText(item, indent, langs) {
    const ind = '  '.repeat(indent);
    switch (item.kind) {
        case 'question': case 'grid': {
            const mods = item.optional ? ' optional' : '';
            let out = `${ind}${item.kind} ${item.name}: ${typeText(item.type)}${mods}\n${ind}  ${text(item.text, langs)}\n`;
            if (item.hint) out += `${ind}  hint ${text(item.hint, langs)}\n`;
            if (item.kind === 'grid') {
                out += `${ind}{\n`;
                for (const row of item.rows) out += `${ind}  ${row.name} ${text(row.text, langs)}\n`;
                out += `${ind}}\n`;
            }
            return out;
        }
        case 'note':
            return `${ind}note ${item.name} ${text(item.text, langs)}\n`;
        case 'end':
            return `${ind}end ${text(item.text, langs)}${item.condition ? ` if ${item.condition}` : ''}\n`;
        case 'derive':
            return `${ind}derive ${item.name}${item.label ? ` ${text(item.label, langs)}` : ''} = ${item.expression}\n`;
        case 'include':
            return `${ind}include ${item.block}\n`;
        case 'if': {
            let out = `${ind}if ${item.condition} {\n${itemsText(item.then, indent + 1, langs)}${ind}}`;
            if (item.else?.length === 1 && item.else[0].kind === 'if') {
                out += ' else ' + itemText(item.else[0], indent, langs).trimStart();
                return out;
            }
            if (item.else) out += ` else {\n${itemsText(item.else, indent + 1, langs)}${ind}}`;
            return out + '\n';
        }
        default:
            throw new Error(`unknown item kind ${item.kind}`);
    }
}

/** The .kto source of a survey or library model. */
export function renderKto(model) {
    const langs = (model.survey ?? model.library).languages;
    let out = '';
    if (model.survey) {
        const h = model.survey;
        out += `survey ${h.id} {\n  title ${text(h.title, langs)}\n  version ${str(h.version)}\n  languages ${h.languages.join(', ')}\n`;
        out += `  wave ${str(h.wave)}\n  previous ${str(h.previous)}\n  invited ${h.invited}\n}\n\n`;
    } else {
        out += `library ${model.library.id} {\n  languages ${model.library.languages.join(', ')}\n}\n\n`;
    }
    for (const path of model.imports ?? []) out += `import ${str(path)}\n`;
    if (model.imports?.length) out += '\n';
    for (const scale of model.scales ?? []) out += scaleText(scale, langs) + '\n';
    for (const block of model.blocks ?? []) out += `block ${block.name} ${text(block.title, langs)} {\n${itemsText(block.items, 1, langs)}}\n\n`;
    for (const s of model.sample ?? []) out += `sample ${s.name}: ${typeText(s.type)} ${text(s.label, langs)}\n`;
    if (model.sample?.length) out += '\n';
    for (const section of model.sections ?? []) out += `section ${section.name} ${text(section.title, langs)} {\n${itemsText(section.items, 1, langs)}}\n\n`;
    if (model.indicators) {
        const ib = model.indicators;
        out += `indicators {\n  min_n ${ib.min_n}\n  weight ${ib.weight}\n`;
        for (const m of ib.members) {
            if (m.kind === 'drivers') {
                out += `  drivers ${m.name} ${text(m.label, langs)}: ${m.outcome} ~ ${m.drivers.join(', ')} method ${m.method}\n`;
                continue;
            }
            out += `  indicator ${m.name}${m.label ? ` ${text(m.label, langs)}` : ''} = ${m.formula}`;
            if (m.where) out += ` where ${m.where}`;
            if (m.by) out += ` by ${m.by.join(', ')}`;
            if (m.min_n) out += ` min_n ${m.min_n.indicative}${m.min_n.suppress ? ` suppress ${m.min_n.suppress}` : ''}`;
            if (m.compare_previous) out += ' compare previous';
            out += '\n';
        }
        out += '}\n\n';
    }
    for (const test of model.tests ?? []) {
        out += `test ${str(test.name)} {\n  given ${test.given.map(([k, v]) => `${k} = ${v}`).join(', ')}\n`;
        for (const e of test.expect) {
            if (e.screenedOut !== undefined) out += `  expect ${e.screenedOut ? '' : 'not '}screened out\n`;
            else if (e.asked) out += `  expect ${e.negated ? 'not ' : ''}asked ${e.asked.join(', ')}\n`;
            else out += `  expect that ${e.that}\n`;
        }
        out += '}\n\n';
    }
    return out;
}

/** Canonical JSON: keys sorted, no whitespace (as RFC 8785 writes it). */
export function canonicalJson(value) {
    return JSON.stringify(value, (_key, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
        : v);
}

/** Counts the questions of a model (a grid counts as one), for throughput figures. */
export function countQuestions(model) {
    let n = 0;
    const walk = items => {
        for (const item of items) {
            if (item.kind === 'question' || item.kind === 'grid') n++;
            if (item.then) walk(item.then);
            if (item.else) walk(item.else);
        }
    };
    for (const s of model.sections ?? []) walk(s.items);
    for (const b of model.blocks ?? []) walk(b.items);
    return n;
}
