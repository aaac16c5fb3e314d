import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (the /usr/bin wrapper adds noise); CI installs it (scripts/ensure-chromium.sh). */
export const CHROMIUM = process.env.KTO_CHROMIUM ?? '/usr/lib/chromium/chromium';

const FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'
];

/** Launches headless Chromium; fails (never skips) with a clear message when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`The browser tests need Chromium at ${CHROMIUM}: install Debian's 'chromium' package (scripts/ensure-chromium.sh does) or set KTO_CHROMIUM.`);
    }
    return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** What a page reported that a preview must never produce: console errors, uncaught errors, dialogs, requests. */
export interface PageEvents {
    errors: string[];
    dialogs: string[];
    requests: string[];
}

/** A new page that records console errors (CSP violations included), page errors, dialogs and network requests. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; events: PageEvents }> {
    const page = await browser.newPage({ viewport });
    const events: PageEvents = { errors: [], dialogs: [], requests: [] };
    page.on('console', message => {
        if (message.type() === 'error' || message.type() === 'warning') events.errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', error => events.errors.push(`pageerror: ${error.message}`));
    page.on('dialog', dialog => {
        events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
    });
    page.on('request', request => {
        if (!request.url().startsWith('data:') && request.url() !== 'about:blank') events.requests.push(request.url());
    });
    return { page, events };
}

/**
 * The share of a PNG's pixels that differ from its top-left pixel (the page background), decoded
 * in a blank page of the browser itself (no PNG library needed).
 */
export async function inkShare(browser: Browser, png: Buffer): Promise<{ share: number; width: number; height: number }> {
    const page = await browser.newPage();
    try {
        return await page.evaluate(async base64 => {
            const image = new Image();
            image.src = `data:image/png;base64,${base64}`;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = image.naturalWidth;
            canvas.height = image.naturalHeight;
            const context = canvas.getContext('2d')!;
            context.drawImage(image, 0, 0);
            const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
            const [r, g, b] = [data[0], data[1], data[2]];
            let ink = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 24) ink++;
            }
            return { share: ink / (canvas.width * canvas.height), width: canvas.width, height: canvas.height };
        }, png.toString('base64'));
    } finally {
        await page.close();
    }
}
