/**
 * Enumerated header field values (spec §5 field-invalid): `**Severity**: High`, `**Current
 * status**: In Progress (since May)`, read against the allowed values.
 */
import { WHOLE_BRACKET } from '../placeholders.js';
import { trimEndChars, withoutMarkers } from '../text.js';

export type EnumRead =
  /** The value is a template placeholder (`[Critical, High, Medium, Low]`): not ours to judge. */
  | { state: 'placeholder' }
  | { state: 'empty' }
  /** One allowed value (canonical spelling); `end` is where it ends in the raw value. */
  | { state: 'value'; value: string; end: number }
  /** Several allowed values (`High, Critical`). */
  | { state: 'several'; values: string[]; end: number }
  | { state: 'unknown'; shown: string; end: number };

const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu;
/** Where a value's note starts: `(`, ` - `, ` — `, ` – `, `:`. */
const NOTE_START = /\(|\s[-\u2014\u2013]\s|:/;

/**
 * Reads an enumerated field value: markup and emoji ignored, a trailing note (`(…)`, ` - …`,
 * ` — …`, `: …`) ignored, case-insensitive, hyphens read as spaces (`In-Progress`); values
 * separated by `,` `;` `/` `|` are "several" when more than one is allowed.
 */
export function readEnum(raw: string, allowed: readonly string[]): EnumRead {
  const trimmed = raw.trim();
  if (WHOLE_BRACKET.test(withoutMarkers(trimmed).trim())) return { state: 'placeholder' };
  const note = NOTE_START.exec(trimmed);
  let head = note ? trimmed.slice(0, note.index) : trimmed;
  head = trimEndChars(head, ' \t.!', false);
  const end = raw.indexOf(trimmed) + head.length;
  const norm = (s: string) => withoutMarkers(s).replace(EMOJI, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const pieces = head.split(/[,;/|]/).map(norm).filter((p) => p !== '');
  if (pieces.length === 0) return trimmed === '' || norm(trimmed) === '' ? { state: 'empty' } : { state: 'unknown', shown: trimmed, end };
  const canon = (p: string) => allowed.find((a) => a.toLowerCase() === p);
  const first = canon(pieces[0]!);
  if (!first) return { state: 'unknown', shown: head.trim() || trimmed, end };
  const all = [...new Set(pieces.map(canon).filter((v): v is string => v !== undefined))];
  if (all.length > 1) return { state: 'several', values: all, end };
  return { state: 'value', value: first, end };
}

