/**
 * The lifecycle stage in the real host (issue 13): the hover of the start date and renewal date
 * lines, the status bar, the Partnerships view (description, tooltip) with the start date read
 * from a launch plan and the renewal date from the QBR. Dates are relative to the host's today.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addMonths, subDays, subMonths } from 'date-fns';
import { isoDate } from '../../../src/core/dates';
import type { PartnershipDocsApi } from '../../../src/vscode/extension';
import type { Node } from '../../../src/vscode/partnersTree';
import { dataFor } from '../../../src/vscode/dashboard';
import { activate, closeAll, fileUri, hoverText, openFresh, posOf, waitFor, writeFile } from './util/helpers';

const today = new Date();
today.setHours(0, 0, 0, 0);
const TODAY = isoDate(today);
/** Started 4 months and 3 days ago: month 5, Ramp-Up. */
const START = isoDate(subDays(subMonths(today, 4), 3));
/** Renews in 60 days: the renewal window. */
const RENEWAL_SOON = isoDate(addMonths(today, 2));
const RENEWAL_FAR = isoDate(addMonths(today, 14));

const statusReport = (renewal: string, partner: string) => `# Partnership Status Report: Acme + ${partner}
**Period**: Q4 2026
**Report Date**: ${TODAY}

## Partnership Overview
- **Partnership type**: Technology integration
- **Start date**: ${START}
- **Current status**: Active
- **Next renewal date**: ${renewal}

## Recommendations
Renew as-is for another year.
`;

suite('lifecycle stage: hover, status bar, Partnerships view', () => {
  let api: PartnershipDocsApi;
  suiteSetup(async () => {
    api = (await activate()) as unknown as PartnershipDocsApi;
  });
  teardown(closeAll);

  test('the hover of the start date line: the stage today, the stage it was written in, where the dates come from, what now', async () => {
    const editor = await openFresh(statusReport(RENEWAL_FAR, 'Lifecyclo Hover'), 'lifecycle-hover');
    const md = await waitFor(async () => {
      const t = await hoverText(editor.document.uri, posOf(editor.document, 'Start date'));
      return t.includes('Lifecycle stage') && t;
    }, 'the lifecycle hover');
    assert.ok(md.includes(`| Today (${TODAY}) | Ramp-Up — month 5 since ${START}; renewal ${RENEWAL_FAR} in `), md);
    assert.ok(md.includes(`| Written in (${TODAY}, its date) | Ramp-Up — month 5 since ${START}`), md);
    assert.ok(md.includes(`| Start date | ${START} (from “Start date”) |`), md);
    assert.ok(md.includes('| What now | Scale what worked, optimise processes, build momentum with wins and case studies. |'), md);
    // The renewal date line has the same hover.
    const renewal = await hoverText(editor.document.uri, posOf(editor.document, 'Next renewal date'));
    assert.ok(renewal.includes(`| Renewal date | ${RENEWAL_FAR} |`), renewal);
    // An ordinary line has none.
    assert.equal(await hoverText(editor.document.uri, posOf(editor.document, 'Partnership type')), '');
  });

  test('the status bar shows the stage (Renewal window with the days left)', async () => {
    const editor = await openFresh(statusReport(RENEWAL_SOON, 'Lifecyclo Status'), 'lifecycle-status');
    const days = Math.round((new Date(RENEWAL_SOON + 'T00:00:00').getTime() - today.getTime()) / 86_400_000);
    const status = await waitFor(() => {
      const s = api.statusBar();
      return s && vscode.window.activeTextEditor?.document === editor.document && s.text.includes('Renewal window') && s;
    }, 'the status bar with the stage', 15_000);
    assert.ok(status.text.includes(`· Renewal window · ${days} d`), status.text);
    assert.match(status.tooltip, new RegExp(`Lifecycle stage: Renewal window — month 5 since ${START}; renewal ${RENEWAL_SOON} in ${days} days \\(window 90 days\\)\\.`));
  });

  test('the Partnerships view: the start date from the launch plan, the renewal date from the QBR', async function () {
    this.timeout(60_000);
    await api.workspaceIndex.start();
    await writeFile('lifecycle/pinecliff/launch-plan.md', `---\npartnership-doc: launch-plan\npartner: Pinecliff\n---\n# Partnership Launch Plan: Acme + Pinecliff\n\n**Kickoff:** ${START}\n\n## Milestones\n- Kickoff call\n`);
    await writeFile('lifecycle/pinecliff/2026-Q4-qbr.md', `# Partnership QBR: Acme + Pinecliff\n**Quarter**: Q4 2026\n**Date**: ${TODAY}\n- **Next renewal date**: ${RENEWAL_FAR}\n\n## Executive Summary\nFirst quarters live.\n`);
    const item = await waitFor(async () => {
      const roots = await api.partnersTree.getChildren();
      const node = roots.find((n: Node) => n.type === 'partner' && n.partner.name === 'Pinecliff');
      if (!node) return false;
      const it = api.partnersTree.getTreeItem(node) as vscode.TreeItem;
      return String(it.description).includes('Ramp-Up') && it;
    }, 'Pinecliff with its stage in the Partnerships view', 30_000);
    assert.match(String(item.description), / · Ramp-Up m5$/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(`| Lifecycle stage | Ramp-Up — month 5 since ${START}; renewal ${RENEWAL_FAR} in `), tooltip);
    assert.ok(tooltip.includes('(start date from lifecycle/pinecliff/launch-plan.md)'), tooltip);
    assert.ok(tooltip.includes('| What now | Scale what worked'), tooltip);
    // The dashboard's data carries the same stage (its Stage column).
    const row = dataFor(api.workspaceIndex.current, TODAY).partners.find((p) => p.name === 'Pinecliff')!;
    assert.deepEqual([row.stage?.id, row.stage?.label, row.stage?.month], ['ramp-up', 'Ramp-Up', 5]);
    // The QBR states no start date of its own: its hover adds the partnership's stage.
    const doc = await vscode.workspace.openTextDocument(fileUri('lifecycle/pinecliff/2026-Q4-qbr.md'));
    await vscode.window.showTextDocument(doc);
    const md = await waitFor(async () => {
      const t = await hoverText(doc.uri, posOf(doc, 'Next renewal date'));
      return t.includes('Partnership (all its documents)') && t;
    }, 'the partnership row in the hover', 15_000);
    assert.ok(md.includes(`| Partnership (all its documents) | Ramp-Up — month 5 since ${START}; renewal ${RENEWAL_FAR} in `), md);
    assert.ok(md.includes('start date from lifecycle/pinecliff/launch-plan.md'), md);
    await vscode.workspace.fs.delete(fileUri('lifecycle'), { recursive: true });
  });
});
