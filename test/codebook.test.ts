import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { codebookHtml } from '@kto/emitters';
import { loadModels } from './support/models.js';

describe('codebook', () => {
    test('every survey text is escaped', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kto-codebook-'));
        const file = join(dir, 'xss.kto');
        writeFileSync(file, `survey xss {
  title "<script>alert('titel')</script>"
  languages nl
}
scale Keuze: nominal { 1 a "<b>vet</b> & \\"quotes\\"" 2 b "<img src=x onerror=alert(1)>" }
section s "<i>sectie</i>" {
  question q: Keuze "Wat vindt u van <script>alert(1)</script>?" hint "</div><script>"
  if q = a { note n "Dank & tot ziens <br>" }
}
`);
        const [model] = (await loadModels([file])).values();
        const html = codebookHtml(model);
        expect(html).not.toMatch(/<script|<img|<b>|<i>|<br>/);
        expect(html).toContain('&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;');
        expect(html).toContain('&lt;b&gt;vet&lt;/b&gt; &amp; &quot;quotes&quot;');
        expect(html).toContain('Asked when q is “&lt;b&gt;vet&lt;/b&gt; &amp; &quot;quotes&quot;”');
        expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    });

    test('routing is given in plain words beside the kto condition', async () => {
        const models = await loadModels([join(import.meta.dirname, '../examples/bijstand-2017.kto')]);
        const html = codebookHtml([...models.values()][0]);
        expect(html).toMatch(/Asked when [^<]+ is “[^”]+”/);
        expect(html).toContain('Ends the interview');
    });
});
