import {
    isCodeListScale, isDateScale, isGradeScale, isGrid, isGridRow, isNumericScale, isQuestion, isSampleVariable,
    isTextScale, isYesNoScale,
    type Referable, type Scale, type ScaleCode, type ScaleDefinition, type TypeRef
} from '../generated/ast.js';

export type DomainKind = 'grade' | 'ordinal' | 'nominal' | 'yesno' | 'integer' | 'decimal' | 'text' | 'date';

/** What an answer can be: the resolved form of a scale or inline type. */
export interface Domain {
    kind: DomainKind;
    /** The scale's name, or the inline type as written ("grade 1..10"). */
    name: string;
    scale?: Scale;
    definition: ScaleDefinition;
    min?: number;
    max?: number;
    /** Valid codes with a label (all codes of a code list; anchor labels of a grade scale). */
    codes: ScaleCode[];
    missing: ScaleCode[];
    multi: boolean;
}

const CODED: ReadonlySet<DomainKind> = new Set(['grade', 'ordinal', 'nominal', 'yesno']);
const ORDERED: ReadonlySet<DomainKind> = new Set(['grade', 'ordinal', 'integer', 'decimal', 'date']);
const NUMERIC: ReadonlySet<DomainKind> = new Set(['grade', 'ordinal', 'integer', 'decimal']);

export const isCoded = (d: Domain): boolean => CODED.has(d.kind);
export const isOrdered = (d: Domain): boolean => ORDERED.has(d.kind);
/** Numeric in the sense that a mean or a sum means something (interval or treated as such). */
export const isNumericDomain = (d: Domain): boolean => NUMERIC.has(d.kind);
export const isCategorical = (d: Domain): boolean => CODED.has(d.kind) || d.kind === 'text';

export function domainOfDefinition(definition: ScaleDefinition, scale: Scale | undefined, multi = false): Domain {
    const codes = (definition as { codes?: ScaleCode[] }).codes ?? [];
    const base = {
        scale, definition, multi,
        codes: codes.filter(c => !c.missing),
        missing: codes.filter(c => c.missing)
    };
    if (isGradeScale(definition)) {
        return { ...base, kind: 'grade', name: scale?.name ?? `grade ${definition.min}..${definition.max}`, min: definition.min, max: definition.max };
    }
    if (isCodeListScale(definition)) {
        const values = base.codes.map(c => c.value);
        return {
            ...base, kind: definition.kind as DomainKind, name: scale?.name ?? definition.kind,
            min: values.length ? Math.min(...values) : undefined, max: values.length ? Math.max(...values) : undefined
        };
    }
    if (isYesNoScale(definition)) {
        return { ...base, kind: 'yesno', name: scale?.name ?? 'yesno', min: 0, max: 1 };
    }
    if (isNumericScale(definition)) {
        const range = definition.min !== undefined && definition.max !== undefined ? ` ${definition.min}..${definition.max}` : '';
        return { ...base, kind: definition.kind as DomainKind, name: scale?.name ?? `${definition.kind}${range}`, min: definition.min, max: definition.max };
    }
    if (isTextScale(definition)) return { ...base, kind: 'text', name: scale?.name ?? 'text' };
    if (isDateScale(definition)) return { ...base, kind: 'date', name: scale?.name ?? 'date' };
    throw new Error(`unhandled scale definition ${(definition as ScaleDefinition).$type}`);
}

export function domainOfTypeRef(type: TypeRef | undefined): Domain | undefined {
    if (!type) return undefined;
    if (type.inline) return domainOfDefinition(type.inline, undefined);
    const scale = type.scale?.ref;
    if (!scale?.definition) return undefined;
    return domainOfDefinition(scale.definition, scale, type.multi);
}

export function domainOfScale(scale: Scale): Domain | undefined {
    return scale.definition ? domainOfDefinition(scale.definition, scale) : undefined;
}

/** The answer domain of something a reference can point at (a grid row answers on its grid's scale). */
export function domainOfReferable(target: Referable | undefined, member?: unknown): Domain | undefined {
    if (isQuestion(target) || isSampleVariable(target)) return domainOfTypeRef(target.type);
    if (isGrid(target)) return member === undefined || isGridRow(member) ? domainOfTypeRef(target.type) : undefined;
    return undefined;
}

/** Every value an answer may hold: valid values (codes, or the range) and the missing codes. */
export function codeValues(domain: Domain): number[] {
    return [...domain.codes, ...domain.missing].map(c => c.value);
}

export function isMissingCode(domain: Domain, value: number): boolean {
    return domain.missing.some(c => c.value === value);
}

/** Whether a number is a value the answer can take (a valid code, in range, or a missing code). */
export function acceptsValue(domain: Domain, value: number): boolean {
    if (isMissingCode(domain, value)) return true;
    switch (domain.kind) {
        case 'ordinal': case 'nominal':
            return domain.codes.some(c => c.value === value);
        case 'yesno':
            return value === 0 || value === 1;
        case 'grade':
            return Number.isInteger(value) && value >= domain.min! && value <= domain.max!;
        case 'integer':
            return Number.isInteger(value) && inRange(domain, value);
        case 'decimal':
            return inRange(domain, value);
        default:
            return false;
    }
}

function inRange(domain: Domain, value: number): boolean {
    return (domain.min === undefined || value >= domain.min) && (domain.max === undefined || value <= domain.max);
}

/** A short human description of what a domain accepts, for messages: "1..10, missing 99". */
export function describeDomain(domain: Domain): string {
    let valid: string;
    if (domain.kind === 'ordinal' || domain.kind === 'nominal') valid = domain.codes.map(c => c.value).join(', ');
    else if (domain.kind === 'yesno') valid = 'yes (1), no (0)';
    else if (domain.min !== undefined && domain.max !== undefined) valid = `${domain.min}..${domain.max}`;
    else valid = domain.kind;
    const missing = domain.missing.length ? `, missing ${domain.missing.map(c => c.value).join(', ')}` : '';
    return valid + missing;
}
