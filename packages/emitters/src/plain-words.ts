import type { Expression } from '@kto/language';
import { scaleOf, type SurveyModel } from '@kto/model';

/**
 * An expression in plain words, for people reading a codebook or a printed questionnaire:
 * `schuldhulp = yes and cijfer <= 5` becomes "schuldhulp is “Ja” and cijfer is at most 5".
 */
export function inWords(e: Expression, model: SurveyModel, language = model.languages[0]): string {
    const words = (x: Expression): string => inWords(x, model, language);
    const group = (x: Expression): string => (x.kind === 'binary' && (x.operator === 'and' || x.operator === 'or') ? `(${words(x)})` : words(x));
    switch (e.kind) {
        case 'number': return String(e.value);
        case 'string': return `“${e.value}”`;
        case 'boolean': return e.value ? 'true' : 'false';
        case 'label': return `“${labelText(model, e.scale, e.value, language) ?? e.name}”`;
        case 'answer': return e.name;
        case 'derived': return e.name;
        case 'not': return `not ${group(e.operand)}`;
        case 'negate': return `−${words(e.operand)}`;
        case 'in': return `${words(e.operand)} is ${e.negated ? 'none' : 'one'} of ${e.values.map(words).join(', ')}`;
        case 'set': return `{${e.values.map(words).join(', ')}}`;
        case 'call': {
            const [a] = e.args;
            if (e.function === 'answered') return `${words(a)} is answered`;
            if (e.function === 'valid') return `${words(a)} has a valid answer (not “don't know”)`;
            if (e.function === 'count') return `the number of answers chosen at ${words(a)}`;
            return `${e.function}(${e.args.map(words).join(', ')})`;
        }
        case 'conditional': return `${words(e.then)} if ${words(e.condition)}, otherwise ${words(e.otherwise)}`;
        case 'binary': {
            const relation: Record<string, string> = {
                '=': 'is', '!=': 'is not', '<': 'is less than', '<=': 'is at most', '>': 'is more than', '>=': 'is at least',
                contains: 'includes', and: 'and', or: 'or', '+': '+', '-': '−', '*': '×', '/': '÷'
            };
            const right = e.right.kind === 'number' && e.left.kind === 'answer' ? codeWords(model, e.left.name, e.right.value, language) : group(e.right);
            return `${group(e.left)} ${relation[e.operator]} ${right}`;
        }
    }
}

function labelText(model: SurveyModel, scaleName: string, value: number, language: string): string | undefined {
    const scale = scaleOf(model, scaleName);
    const code = [...(scale?.codes ?? []), ...(scale?.missing ?? [])].find(c => c.value === value);
    return code?.label[language] ?? code?.label[model.languages[0]];
}

/** A number compared with a coded item reads better with its label: "cijfer is 99 (“Weet niet”)". */
function codeWords(model: SurveyModel, variable: string, value: number, language: string): string {
    const item = model.sections.flatMap(s => s.elements).find(el => el.name === variable.split('.')[0]);
    const scaleName = item && 'scale' in item ? item.scale : model.sampleVariables.find(s => s.name === variable)?.scale;
    const label = scaleName ? labelText(model, scaleName, value, language) : undefined;
    return label ? `${value} (“${label}”)` : String(value);
}
