/**
 * Template slots other than square brackets (spec §9): `{{PartnerName}}`, `<Partner name>`,
 * `$X` / `$XX` / `$X.XM`, `XX%` / `X%`, `MM/DD/YYYY`, `MM/DD`, `YYYY-MM-DD`. Used by
 * placeholder-unfilled (which finds them in text) and the KPI analysis (a cell that is wholly a
 * slot is not filled in yet: not measured, rather than unparsable).
 */

/** A value that is one square-bracket placeholder, whole (`[Date]`, `[Critical, High, Medium, Low]`). */
export const WHOLE_BRACKET = /^\[[^\]\n]*\]$/;

export const SLOT = /\{\{[^{}\n]{1,80}\}\}|<[^<>\n]{1,80}>|\$X[X,.]{0,12}[KMBkmb]?|(?<![X.])X[X.]{0,4}%|MM\/DD(?:\/YYYY|\/YY)?|DD\/MM(?:\/YYYY|\/YY)?|YYYY-MM-DD/g;
export const PHRASE = /^[A-Za-z][A-Za-z0-9 ,'’&.-]{0,78}$/;
const HTML_ELEMENTS = new Set(
  ('a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col colgroup data ' +
    'datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr ' +
    'html i iframe img input ins kbd label legend li link main map mark meta meter nav noscript object ol optgroup option output p ' +
    'param picture pre progress q rp rt ruby s samp script section select small source span strong style sub summary sup table tbody ' +
    'td template textarea tfoot th thead time title tr track u ul var video wbr center font big tt strike').split(' '),
);

export function isPhraseSlot(t: string, block: string): boolean {
  const inner = t.slice(1, -1);
  // `a < b and c > d` is a comparison: a slot hugs its brackets.
  if (!PHRASE.test(inner) || inner !== inner.trim()) return false;
  const first = inner.split(/[ ,]/, 1)[0]!;
  const spaced = inner.includes(' ');
  if (!spaced && !/^[A-Z]/.test(inner)) return false;
  if (HTML_ELEMENTS.has(first.toLowerCase()) && (first === first.toLowerCase() || first === first.toUpperCase())) return false;
  // A component (`<Tabs>` … `</Tabs>`).
  if (!spaced && block.includes(`</${inner}`)) return false;
  return true;
}

/** Whether a cell's whole text (markup stripped, trimmed) is one slot (`$X`, `XX%`, `{{Target}}`, `<Target>`). */
export function isWholeSlot(text: string): boolean {
  if (!WHOLE_SLOT.test(text)) return false;
  return text[0] !== '<' || isPhraseSlot(text, text);
}
const WHOLE_SLOT = new RegExp(`^(?:${SLOT.source})$`);
