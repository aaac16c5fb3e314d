// The routing graph's page script: pan (drag) and zoom (wheel, buttons) over the SVG drawn by the
// server, a language switch, and a details panel for the clicked node (its content comes from a
// <template> the server filled with escaped text).

interface VsCodeApi {
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Kept by a VS Code webview across refreshes of the page (the file changed): where the reader was. */
interface SavedView {
    survey: string;
    scale: number;
    x: number;
    y: number;
    language?: string;
    /** The language the editor asked for: when it asks for another one, that one wins. */
    requested?: string;
    selected?: string;
}

const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const svg = document.getElementById('canvas') as unknown as SVGSVGElement;
const requestedLanguage = document.body.dataset.langIndex;
const viewport = document.getElementById('viewport') as unknown as SVGGElement;
const details = document.getElementById('details')!;
const graphWidth = Number(svg.dataset.width);
const graphHeight = Number(svg.dataset.height);

const view = { scale: 1, x: 0, y: 0 };
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

function apply(): void {
    viewport.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.scale})`);
    svg.dataset.scale = view.scale.toFixed(3);
    save();
}

function save(): void {
    if (!vscode) return;
    const saved: SavedView = {
        survey: svg.dataset.survey ?? '', ...view,
        language: document.body.dataset.langIndex,
        requested: requestedLanguage,
        selected: svg.querySelector('.node.selected')?.getAttribute('data-id') ?? undefined
    };
    vscode.setState(saved);
}

function size(): { width: number; height: number } {
    const box = svg.getBoundingClientRect();
    return { width: box.width, height: box.height };
}

/** The graph as wide as the window (never enlarged), from the top: a long survey reads down. */
function fitWidth(): void {
    const { width } = size();
    view.scale = Math.min(1, Math.max(MIN_SCALE, (width - 16) / graphWidth));
    view.x = Math.max(8, (width - graphWidth * view.scale) / 2);
    view.y = 8;
    apply();
}

function fitAll(): void {
    const { width, height } = size();
    view.scale = Math.min(1, Math.max(MIN_SCALE, Math.min((width - 16) / graphWidth, (height - 16) / graphHeight)));
    view.x = (width - graphWidth * view.scale) / 2;
    view.y = Math.max(8, (height - graphHeight * view.scale) / 2);
    apply();
}

/** Zooms by `factor` keeping the point (px, py) of the canvas where it is. */
function zoom(factor: number, px: number, py: number): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
    const k = scale / view.scale;
    view.x = px - (px - view.x) * k;
    view.y = py - (py - view.y) * k;
    view.scale = scale;
    apply();
}

svg.addEventListener('wheel', event => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    if (event.ctrlKey || !event.shiftKey) {
        // Wheel zooms (and a trackpad pinch arrives as ctrl+wheel).
        zoom(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX - box.left, event.clientY - box.top);
    } else {
        view.x -= event.deltaY;
        apply();
    }
}, { passive: false });

let drag: { id: number; startX: number; startY: number; x: number; y: number; moved: boolean; target: Element | null } | undefined;

svg.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    drag = { id: event.pointerId, startX: event.clientX, startY: event.clientY, x: view.x, y: view.y, moved: false, target: event.target as Element | null };
    svg.setPointerCapture(event.pointerId);
});
svg.addEventListener('pointermove', event => {
    if (!drag || drag.id !== event.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    svg.classList.add('dragging');
    view.x = drag.x + dx;
    view.y = drag.y + dy;
    apply();
});
const endDrag = (event: PointerEvent): void => {
    if (!drag || drag.id !== event.pointerId) return;
    const { moved, target } = drag;
    drag = undefined;
    svg.classList.remove('dragging');
    if (svg.hasPointerCapture(event.pointerId)) svg.releasePointerCapture(event.pointerId);
    if (!moved && event.type === 'pointerup') {
        const node = target?.closest('.node');
        if (node) select(node);
    }
};
svg.addEventListener('pointerup', endDrag);
svg.addEventListener('pointercancel', endDrag);

svg.addEventListener('keydown', event => {
    const node = (event.target as Element).closest('.node');
    if (node && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        select(node);
    }
});

function select(node: Element): void {
    for (const other of svg.querySelectorAll('.node.selected')) other.classList.remove('selected');
    node.classList.add('selected');
    const template = document.getElementById(`detail-${node.getAttribute('data-id')}`) as HTMLTemplateElement | null;
    if (template) details.replaceChildren(template.content.cloneNode(true));
    details.dataset.node = node.getAttribute('data-id') ?? '';
    save();
}

document.getElementById('zoom-in')!.addEventListener('click', () => {
    const { width, height } = size();
    zoom(1.25, width / 2, height / 2);
});
document.getElementById('zoom-out')!.addEventListener('click', () => {
    const { width, height } = size();
    zoom(0.8, width / 2, height / 2);
});
document.getElementById('fit-width')!.addEventListener('click', fitWidth);
document.getElementById('fit-all')!.addEventListener('click', fitAll);

const language = document.getElementById('language') as HTMLSelectElement | null;
language?.addEventListener('change', () => {
    document.body.dataset.langIndex = language.value;
    save();
});

function restore(): boolean {
    const saved = vscode?.getState() as SavedView | undefined;
    if (!saved || saved.survey !== svg.dataset.survey || !Number.isFinite(saved.scale)) return false;
    if (language && saved.language !== undefined && saved.requested === requestedLanguage && [...language.options].some(o => o.value === saved.language)) {
        language.value = saved.language;
        document.body.dataset.langIndex = saved.language;
    }
    const selected = saved.selected ? document.getElementById(saved.selected) : null;
    if (selected?.classList.contains('node')) select(selected);
    Object.assign(view, { scale: saved.scale, x: saved.x, y: saved.y });
    apply();
    return true;
}

if (!restore()) fitWidth();
document.body.dataset.ready = 'true';
