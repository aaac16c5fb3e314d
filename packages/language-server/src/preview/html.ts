import { escapeHtml } from '@kto/emitters';

export { escapeHtml };

/** Markup that is already safe: produced by {@link html}, never by concatenating survey text. */
export class Html {
    constructor(readonly value: string) {}
    toString(): string {
        return this.value;
    }
}

/**
 * A tagged template that escapes every interpolated value unless it is already `Html`: survey
 * texts go into the previews only through here (or through `textContent` in the page scripts).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
    let out = strings[0];
    values.forEach((value, i) => {
        out += render(value) + strings[i + 1];
    });
    return new Html(out);
}

function render(value: unknown): string {
    if (value === undefined || value === null || value === false) return '';
    if (value instanceof Html) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    return escapeHtml(String(value));
}
