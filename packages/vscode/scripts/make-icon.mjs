// Renders images/icon.svg to images/icon.png (128×128, transparent corners), the icon of the
// Marketplace page, in headless Chromium (Debian's; KTO_CHROMIUM overrides the path). Run after
// changing the SVG: `npm run icon`; the PNG is committed.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const svg = await readFile(new URL('../images/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
    executablePath: process.env.KTO_CHROMIUM ?? '/usr/lib/chromium/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run']
});
try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
    await writeFile(new URL('../images/icon.png', import.meta.url), png);
    console.log(`images/icon.png: ${png.length} bytes`);
} finally {
    await browser.close();
}
