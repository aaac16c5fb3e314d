import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';

/**
 * Every diagnostic kto reports, declared once: its stable code, severity and the explanation the
 * diagnostics reference (docs/diagnostics.md) is generated from. Codes never change meaning; a
 * retired code is not reused.
 */
export interface DiagnosticSpec {
    severity: 'error' | 'warning';
    /** One line: what is wrong. */
    title: string;
    /** Why it matters to the survey, in the researcher's terms. */
    explanation: string;
    /** How to fix it. */
    fix: string;
}

export const DIAGNOSTICS = {
    // ------------------------------------------------------------ syntax and names
    'syntax-error': {
        severity: 'error', title: 'The text is not valid kto',
        explanation: 'The parser expected something else here, so the rest of the statement cannot be read.',
        fix: 'Read the message: it names what was expected. Check for a missing `}`, quote or colon.'
    },
    'unknown-reference': {
        severity: 'error', title: 'A name that is not declared',
        explanation: 'An item, scale, block or variant is used but not declared in this file or its imports. Renaming a question without updating its routing is the usual cause.',
        fix: 'Correct the spelling (the message suggests the nearest name), declare it, or import the file that declares it.'
    },
    'foreign-label': {
        severity: 'error', title: 'A label of another scale',
        explanation: 'A label is compared with an item that is answered on a different scale, so the comparison can never mean what it says.',
        fix: 'Use a label of the item\'s own scale, or compare with the item that uses this label\'s scale.'
    },
    'duplicate-name': {
        severity: 'error', title: 'Two declarations with the same name',
        explanation: 'Names identify variables in every output (SPSS, SurveyJS, the data file); two with one name would lose data. Imports count: a survey and the files it imports share one namespace.',
        fix: 'Rename one of them.'
    },
    'duplicate-setting': {
        severity: 'error', title: 'A survey setting given twice',
        explanation: 'Only one value can hold; the other would be silently ignored.',
        fix: 'Remove one of them.'
    },
    'item-outside-survey': {
        severity: 'error', title: 'An item in a library outside a block',
        explanation: 'A library (a file without `survey`) can only bring items into a survey through a `block` that the survey includes.',
        fix: 'Put the item inside a `block`, and `include` the block in the survey.'
    },
    'duplicate-include': {
        severity: 'error', title: 'A block included twice',
        explanation: 'Its items would be asked twice under the same names, so one answer would overwrite the other.',
        fix: 'Include the block once.'
    },
    // ------------------------------------------------------------ scales
    'duplicate-code': {
        severity: 'error', title: 'Two answers with the same code',
        explanation: 'Codes are what the data file stores; two labels sharing one code cannot be told apart in the analysis.',
        fix: 'Give each answer its own code.'
    },
    'empty-scale': {
        severity: 'error', title: 'A code list without codes',
        explanation: 'Nobody can answer an ordinal or nominal scale that offers no answers.',
        fix: 'Add the answer codes, e.g. `1 eens "Eens"`.'
    },
    'invalid-range': {
        severity: 'error', title: 'A range whose lower bound is above its upper bound',
        explanation: 'No value can satisfy the range.',
        fix: 'Swap the bounds.'
    },
    'code-out-of-range': {
        severity: 'error', title: 'A value the item cannot take',
        explanation: 'The value is not a code of the scale (nor a missing code) or lies outside the numeric range, so a comparison or scripted answer with it can never match a real answer.',
        fix: 'Use one of the scale\'s codes or labels; the message lists them.'
    },
    'missing-code-in-range': {
        severity: 'error', title: 'A missing code that is also a valid answer',
        explanation: 'Missing codes ("weet niet", "n.v.t.") are left out of every base. A missing code inside the valid range would remove real answers from the figures.',
        fix: 'Choose a code outside the range, such as 99 for a grade 1..10.'
    },
    'duplicate-label': {
        severity: 'warning', title: 'Two answers or statements with the same text',
        explanation: 'Respondents cannot tell them apart, and neither can the reader of the report.',
        fix: 'Reword one of them.'
    },
    'empty-grid': {
        severity: 'error', title: 'A grid without statements',
        explanation: 'A grid asks its scale for each statement; without statements nothing is asked.',
        fix: 'Add statements (`name "text"`), or make it a `question`.'
    },
    // ------------------------------------------------------------ types
    'condition-not-boolean': {
        severity: 'error', title: 'A condition that is not true or false',
        explanation: 'Routing (`if`, `end ... if`), filters (`where`) and expectations need a condition such as `x = yes` or `cijfer <= 5`.',
        fix: 'Compare the value with something, e.g. `schuldhulp = yes` instead of `schuldhulp`.'
    },
    'type-mismatch': {
        severity: 'error', title: 'Operands of the wrong type',
        explanation: 'The operation does not apply to these values: text compared with a number, ordering on a nominal scale (which has no order), arithmetic on labels, a note used as a value.',
        fix: 'Compare values of the same kind; for nominal and yes/no scales use `=` or `in {...}`.'
    },
    'grid-row-required': {
        severity: 'error', title: 'A grid used where one statement is meant',
        explanation: 'A grid holds one answer per statement, so on its own it has no single value.',
        fix: 'Name the statement: `stellingen.rechten`.'
    },
    'wildcard-misplaced': {
        severity: 'error', title: '`grid.*` outside a driver analysis',
        explanation: '`grid.*` stands for all statements of a grid, which only a key-driver list can take.',
        fix: 'Name one statement, or list the drivers in `drivers`.'
    },
    'unknown-function': {
        severity: 'error', title: 'A function kto does not know',
        explanation: 'Expressions can call answered, valid, sum, min, max, count, round and abs; indicators mean, share, nps, count and response_rate.',
        fix: 'Use one of the listed functions.'
    },
    'wrong-arguments': {
        severity: 'error', title: 'A function called with the wrong arguments',
        explanation: 'The number or kind of arguments does not match the function.',
        fix: 'The message says what the function takes.'
    },
    'aggregate-outside-indicator': {
        severity: 'error', title: 'An indicator function used per respondent',
        explanation: 'mean, share, nps and response_rate summarise all respondents; they have no value for one respondent in routing or a derived value.',
        fix: 'Move the formula into an `indicator`, or use sum/min/max over one respondent\'s items.'
    },
    // ------------------------------------------------------------ routing
    'read-before-asked': {
        severity: 'error', title: 'Routing reads an item before it is asked',
        explanation: 'When the interview reaches this condition the item has not been asked yet, so the condition reads an empty answer — the classic forward-reference bug found only in the field.',
        fix: 'Move the condition below the item, or ask the item earlier.'
    },
    'never-asked-on-path': {
        severity: 'error', title: 'Routing reads an item that is never asked on this path',
        explanation: 'Every respondent who reaches this point skipped the item (it sits in a branch that excludes this one), so the condition can only see an empty answer.',
        fix: 'Read an item that is asked on this path, or move the condition.'
    },
    'maybe-unanswered': {
        severity: 'warning', title: 'A value that may be unanswered',
        explanation: 'The item is optional or asked only on some paths. Comparisons with an unanswered item are false, so `not (x > 5)` also holds for everyone who was not asked.',
        fix: 'Make the intent explicit with `answered(x) and ...` (or `valid(x)` to exclude "weet niet" too).'
    },
    'unreachable-item': {
        severity: 'warning', title: 'Items that no respondent can reach',
        explanation: 'Given the answers the scales allow, and the conditions and screen-outs before it, the condition can never hold: the items behind it are never asked.',
        fix: 'Correct the condition (a wrong code or operator is typical) or remove the items.'
    },
    'condition-always-true': {
        severity: 'warning', title: 'A condition that always holds',
        explanation: 'Given the scales\' domains and the path to it, every respondent meets the condition, so it routes nothing (and an `else` is never used).',
        fix: 'Correct the condition or remove it.'
    },
    'condition-never-true': {
        severity: 'warning', title: 'A screen-out that never triggers',
        explanation: 'Given the scales\' domains and the path to it, no respondent meets the condition, so nobody is screened out here.',
        fix: 'Correct the condition or remove the screen-out.'
    },
    'derived-cycle': {
        severity: 'error', title: 'Derived values that depend on each other',
        explanation: 'A derived value that (through others) depends on itself has no value. The message gives the full cycle.',
        fix: 'Break the cycle: compute one of the values from answered items only.'
    },
    // ------------------------------------------------------------ indicators
    'invalid-indicator': {
        severity: 'error', title: 'An indicator formula kto cannot compute',
        explanation: 'An indicator is one of `mean(x)`, `share(condition)`, `nps(x)`, `count(condition)` or `response_rate()`.',
        fix: 'Write the formula with one of these functions.'
    },
    'indicator-on-text': {
        severity: 'error', title: 'An indicator over an open text item',
        explanation: 'Open answers have to be coded before they can be counted or averaged.',
        fix: 'Compute the indicator over a coded item, or code the answers into a derived value first.'
    },
    'indicator-type': {
        severity: 'error', title: 'An indicator over a scale it does not fit',
        explanation: 'A mean needs numbers (a grade, numeric or ordinal scale), not nominal codes; NPS needs a 0..10 scale.',
        fix: 'For nominal and yes/no items use `share(x = label)`.'
    },
    'share-not-boolean': {
        severity: 'error', title: '`share()` over something that is not a condition',
        explanation: 'A share is the percentage of respondents for whom a condition holds, e.g. top-2-box `share(x >= eens)`.',
        fix: 'Write a condition inside share().'
    },
    'breakdown-not-categorical': {
        severity: 'error', title: 'A breakdown by a variable that has no categories',
        explanation: 'Figures are broken down per category of a nominal, ordinal or yes/no variable (or a derived grouping); a continuous number would give one group per value.',
        fix: 'Break down by a categorical variable, or derive groups first (`derive leeftijdsgroep = ...`).'
    },
    'no-previous-wave': {
        severity: 'error', title: 'Comparison with a previous wave that is not declared',
        explanation: '`compare previous` needs to know which wave to compare with.',
        fix: 'Add `previous "2021"` to the survey header.'
    },
    'response-rate-needs-invited': {
        severity: 'error', title: 'A response rate without the number invited',
        explanation: 'Response rate is completed / (invited − ineligible).',
        fix: 'Add `invited N` (and optionally `ineligible N`) to the survey header.'
    },
    'empty-base': {
        severity: 'warning', title: 'An indicator whose base is always empty',
        explanation: 'No respondent can be in the base (the filter never holds, or the item is never asked), so the figure can never be computed.',
        fix: 'Correct the filter or the routing.'
    },
    'min-n-missing': {
        severity: 'warning', title: 'A filtered base without a minimum n',
        explanation: 'Filtered bases are small; without `min_n` a figure from a handful of respondents is reported as if it were firm (the 2017 report marked its re-integration figures "indicatief").',
        fix: 'Add `min_n 30` (indicative below 30) to the indicator, or a default `min_n` in the indicators block.'
    },
    // ------------------------------------------------------------ languages
    'missing-translation': {
        severity: 'error', title: 'A text without a translation for a declared language',
        explanation: 'The survey declares the language, so respondents choosing it would see an empty or wrong-language text.',
        fix: 'Add the translation: `"Ja" @en "Yes"`.'
    },
    'duplicate-translation': {
        severity: 'error', title: 'Two translations into the same language',
        explanation: 'Only one can be shown; the other would be silently lost.',
        fix: 'Remove one of them.'
    },
    'unknown-language': {
        severity: 'warning', title: 'A translation into a language the survey does not declare',
        explanation: 'The text will not be shown, because respondents can only choose declared languages.',
        fix: 'Add the language to `languages`, or remove the translation.'
    },
    // ------------------------------------------------------------ files
    'import-not-found': {
        severity: 'error', title: 'An import of a file that does not exist',
        explanation: 'Import paths are resolved relative to the importing file.',
        fix: 'Correct the path.'
    },
    'import-cycle': {
        severity: 'error', title: 'Files that import each other',
        explanation: 'A cycle of imports has no order in which the files can be read; the message gives the full cycle.',
        fix: 'Move what both files need into a third file that both import.'
    },
    'unused-import': {
        severity: 'warning', title: 'An import nothing uses',
        explanation: 'Nothing from the imported file is referenced here.',
        fix: 'Remove the import.'
    },
    'internal-error': {
        severity: 'error', title: 'kto could not finish checking this file',
        explanation: 'A check stopped on something kto did not expect. This is a bug in kto, not in the survey; the other checks still ran.',
        fix: 'Please report it with the file that causes it. Until it is fixed, the checks named in the message may have missed problems.'
    },
    'unused-scale': {
        severity: 'warning', title: 'A scale nothing uses',
        explanation: 'The scale is declared in a survey but no item answers on it.',
        fix: 'Remove it, or move it to a shared library.'
    }
} as const satisfies Record<string, DiagnosticSpec>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export const CODE_PREFIX = 'kto/';

export function fullCode(code: DiagnosticCode): string {
    return CODE_PREFIX + code;
}

/** Reports a catalogued diagnostic; the severity comes from the catalogue, never from the caller. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, code: DiagnosticCode, message: string, info: Omit<DiagnosticInfo<N>, 'code'>
): void {
    accept(DIAGNOSTICS[code].severity, message, {
        ...info,
        code: fullCode(code),
        data: { ...(info.data ?? {}), code: fullCode(code) }
    } as DiagnosticInfo<N>);
}
