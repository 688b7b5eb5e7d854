import { actionKey, sameAction, withoutPlaceholders } from '../similarity.js';
import { baseName, type WorkspaceRule } from './context.js';

/**
 * An open action item of the partner's previous QBR that this QBR neither closes (`[x]`) nor
 * carries over (an action item with a similar text, see similarity.ts). Reported on this QBR's
 * Next Steps heading (else its title), one finding per item.
 */
export const actionCarriedOver: WorkspaceRule = {
  meta: {
    id: 'action-carried-over',
    description: 'An open action item of the previous QBR is neither closed nor carried into this one.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { doc, previous: prev } = ctx;
    if (doc.kind !== 'qbr' || !prev || !doc.anchor) return;
    for (const a of prev.actions) {
      if (!a.open || a.key === '' || a.key.startsWith('next meeting')) continue;
      if (actionKey(withoutPlaceholders(a.text)) === '') continue; // a template placeholder item
      if (doc.actions.some((b) => sameAction(a.key, b.key))) continue;
      ctx.report({
        start: doc.anchor.start,
        end: doc.anchor.end,
        message:
          `Open action item of the ${prev.period?.label ?? 'previous'} QBR (${baseName(prev.path)}:${a.line}) is neither closed nor carried over: ` +
          `“${a.text}”. Tick it off (\`[x]\`) here or carry it into Next Steps.`,
        data: { item: a.text, previousPath: prev.path, previousLine: a.line, owner: a.owner, due: a.due },
      });
    }
  },
};
