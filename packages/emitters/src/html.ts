/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
    constructor(readonly value: string) {}
    toString(): string {
        return this.value;
    }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
    let out = strings[0];
    values.forEach((v, i) => {
        out += render(v) + strings[i + 1];
    });
    return new Html(out);
}

function render(value: unknown): string {
    if (value === undefined || value === null || value === false) return '';
    if (value instanceof Html) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    return escapeHtml(String(value));
}
