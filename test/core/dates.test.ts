import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { daysBetween, findDate, isoDate, parseDate, parseDuePhrase, parseToday, type DateOptions, type DueOptions } from '../../src/core/dates.js';

const MDY: DateOptions = { dateOrder: 'mdy', defaultYear: 2026 };
const DMY: DateOptions = { dateOrder: 'dmy', defaultYear: 2026 };
const NO_YEAR: DateOptions = { dateOrder: 'mdy' };

describe('parseDate', () => {
  // [text, options, iso, end]
  const ok: Array<[string, DateOptions, string, number]> = [
    // ISO
    ['2026-01-15', MDY, '2026-01-15', 10],
    ['2026-1-5', MDY, '2026-01-05', 8],
    ['2026/01/15', MDY, '2026-01-15', 10],
    ['2024-02-29', MDY, '2024-02-29', 10],
    ['2026-03-31, agenda: kickoff', MDY, '2026-03-31', 10],
    ['  2026-01-15', MDY, '2026-01-15', 10], // end counts from the trimmed start
    // month name first
    ['Jan 15, 2026', MDY, '2026-01-15', 12],
    ['January 15, 2026', MDY, '2026-01-15', 16],
    ['Jan 15 2026', MDY, '2026-01-15', 11],
    ['jan 15, 2026', MDY, '2026-01-15', 12],
    ['Jan. 15, 2026', MDY, '2026-01-15', 13],
    ['Sept 3, 2026', MDY, '2026-09-03', 12],
    ['Sep 3rd, 2026', MDY, '2026-09-03', 13],
    ['March 1st 2027', MDY, '2027-03-01', 14],
    ['Jan 15, 2026 (tentative)', MDY, '2026-01-15', 12],
    ['January 15, 2026 (tentative)', DMY, '2026-01-15', 16],
    // day first
    ['15 Jan 2026', MDY, '2026-01-15', 11],
    ['15 January 2026', MDY, '2026-01-15', 15],
    ['15th of January, 2026', MDY, '2026-01-15', 21],
    ['3 Mar 2026', DMY, '2026-03-03', 10],
    // numeric per dateOrder
    ['1/15/2026', MDY, '2026-01-15', 9],
    ['01/15/2026', MDY, '2026-01-15', 10],
    ['15/1/2026', DMY, '2026-01-15', 9],
    ['1/2/2026', MDY, '2026-01-02', 8],
    ['1/2/2026', DMY, '2026-02-01', 8],
    ['15.01.2026', DMY, '2026-01-15', 10],
    ['1-15-2026', MDY, '2026-01-15', 9],
    ['1/15/26', MDY, '2026-01-15', 7],
    // quarters: the last day of the quarter
    ['Q1 2026', MDY, '2026-03-31', 7],
    ['Q2 2026', MDY, '2026-06-30', 7],
    ['Q3 2026', MDY, '2026-09-30', 7],
    ['Q4 2026', MDY, '2026-12-31', 7],
    ['q3 2026', MDY, '2026-09-30', 7],
    ['Q3-2026', MDY, '2026-09-30', 7],
    ['end of Q3 2026', MDY, '2026-09-30', 14],
    ['End of Q1 2027', NO_YEAR, '2027-03-31', 14],
    ['the end of Q2 2026', MDY, '2026-06-30', 18],
    ['end of Q3', MDY, '2026-09-30', 9],
    ['Q3', MDY, '2026-09-30', 2],
    // month and year: the last day of the month
    ['March 2026', MDY, '2026-03-31', 10],
    ['Feb 2028', MDY, '2028-02-29', 8],
    ['end of March 2026', MDY, '2026-03-31', 17],
    // no year: the default year
    ['Jan 15', MDY, '2026-01-15', 6],
    ['March 3', MDY, '2026-03-03', 7],
    ['3 March', MDY, '2026-03-03', 7],
    ['March 3 (kickoff)', MDY, '2026-03-03', 7],
    ['1/15', MDY, '2026-01-15', 4],
    ['15/1', DMY, '2026-01-15', 4],
  ];
  for (const [text, opts, iso, end] of ok) {
    test(`${JSON.stringify(text)} (${opts.dateOrder}) → ${iso}`, () => {
      const r = parseDate(text, opts);
      assert.ok(r.ok, `expected ${JSON.stringify(text)} to parse`);
      if (!r.ok) return;
      assert.equal(r.iso, iso);
      assert.equal(r.end, end);
      assert.equal(isoDate(r.date), iso);
      // local midnight
      assert.equal(r.date.getHours(), 0);
      assert.equal(r.date.getMinutes(), 0);
      assert.equal(r.date.getSeconds(), 0);
      assert.equal(r.date.getMilliseconds(), 0);
    });
  }

  const bad: Array<[string, DateOptions]> = [
    ['2026-02-30', MDY],
    ['2027-02-29', MDY],
    ['2026-13-01', MDY],
    ['2026-00-10', MDY],
    ['13/45/2026', MDY],
    ['15/1/2026', MDY], // month 15
    ['1/15/2026', DMY], // month 15
    ['Feb 30, 2026', MDY],
    ['Jan 0, 2026', MDY],
    ['Jan 32 2026', MDY],
    ['Janu 15, 2026', MDY],
    ['Mayor 5', MDY],
    ['Q5 2026', MDY],
    ['Jan 15', NO_YEAR], // no year and no default
    ['end of Q3', NO_YEAR],
    ['1/15', NO_YEAR],
    ['soon', MDY],
    ['TBD', MDY],
    ['', MDY],
    ['next week', MDY],
    ['2026-01-15T10:00', MDY],
    ['2026', MDY],
    ['2026-01/15', MDY],
    ['15', MDY],
    ['8/10/2026x', MDY],
  ];
  for (const [text, opts] of bad) {
    test(`${JSON.stringify(text)} (${opts.dateOrder}${opts.defaultYear ? '' : ', no year'}) is not a date`, () => {
      assert.deepEqual(parseDate(text, opts), { ok: false });
    });
  }

  test('the date is a local date, whatever the time zone', () => {
    const r = parseDate('Dec 31, 2026', MDY);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.date.getFullYear(), 2026);
    assert.equal(r.date.getMonth(), 11);
    assert.equal(r.date.getDate(), 31);
  });
});

describe('findDate', () => {
  const cases: Array<[string, DateOptions, string | null, string?]> = [
    ['Ship the integration by Jan 15, 2026 please', MDY, '2026-01-15', 'Jan 15, 2026'],
    ['Send deck by 2026-03-31.', MDY, '2026-03-31', '2026-03-31'],
    ['Kickoff (15 Jan 2026) with ACME', MDY, '2026-01-15', '15 Jan 2026'],
    ['Review by 1/15/2026', MDY, '2026-01-15', '1/15/2026'],
    ['Review by 15/1/2026', DMY, '2026-01-15', '15/1/2026'],
    ['Finish by end of Q3 2026', MDY, '2026-09-30', 'end of Q3 2026'],
    ['Finish by end of Q3', MDY, '2026-09-30', 'end of Q3'],
    ['Launch in Q4 2026', MDY, '2026-12-31', 'Q4 2026'],
    ['Call partner by March 3', MDY, '2026-03-03', 'March 3'],
    ['Sync on 3 March, then ship', MDY, '2026-03-03', '3 March'],
    // strict: no false hits in prose
    ['Satisfaction 8/10 this quarter', MDY, null],
    ['We may 3x the pipeline', MDY, null],
    ['Plan our Q3 goals', MDY, null],
    ['Grow 4 campaigns to 12', MDY, null],
    ['Version 2026-13-45', MDY, null],
    ['Call by March 3', NO_YEAR, null],
    ['', MDY, null],
    // word boundaries
    ['ticketJan 15, 2026', MDY, null],
    ['ref12026-01-15', MDY, null],
  ];
  for (const [text, opts, iso, slice] of cases) {
    test(`${JSON.stringify(text)} → ${iso}`, () => {
      const r = findDate(text, opts);
      if (iso === null) {
        assert.equal(r, null);
        return;
      }
      assert.ok(r);
      assert.equal(r.iso, iso);
      assert.equal(text.slice(r.start, r.end), slice);
      assert.equal(isoDate(r.date), iso);
    });
  }
});

describe('daysBetween', () => {
  const cases: Array<[string, string, number]> = [
    ['2026-01-15', '2026-01-15', 0],
    ['2026-01-15', '2026-01-16', 1],
    ['2026-01-16', '2026-01-15', -1],
    ['2026-01-01', '2026-12-31', 364],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-01', '2026-04-01', 31], // spans a DST change in many zones
    ['2026-10-20', '2026-11-10', 21],
  ];
  for (const [from, to, days] of cases) {
    test(`${from} → ${to} = ${days}`, () => {
      assert.equal(daysBetween(parseToday(from), parseToday(to)), days);
    });
  }
  test('ignores the time of day', () => {
    assert.equal(daysBetween(new Date(2026, 0, 15, 23, 59), new Date(2026, 0, 16, 0, 1)), 1);
  });
});

describe('parseToday', () => {
  test('a YYYY-MM-DD string → local midnight', () => {
    const d = parseToday('2026-01-15');
    assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()], [2026, 0, 15, 0, 0]);
  });
  test('a Date → its local midnight (not mutated)', () => {
    const input = new Date(2026, 4, 6, 15, 30);
    const d = parseToday(input);
    assert.equal(isoDate(d), '2026-05-06');
    assert.equal(d.getHours(), 0);
    assert.equal(input.getHours(), 15);
  });
  test('undefined → today at local midnight', () => {
    const d = parseToday();
    const now = new Date();
    assert.equal(d.getHours(), 0);
    assert.ok(Math.abs(daysBetween(d, now)) <= 1); // tolerate a run across midnight
  });
  for (const bad of ['2026-1-15', '01/15/2026', '2026-02-30', 'today', '', '2026-01-15x']) {
    test(`malformed ${JSON.stringify(bad)} throws a clear error`, () => {
      assert.throws(() => parseToday(bad), /expected YYYY-MM-DD/);
    });
  }
  test('an invalid Date throws', () => {
    assert.throws(() => parseToday(new Date(Number.NaN)), /invalid/i);
  });
});

describe('parseDuePhrase (spec §9: due dates as people write them)', () => {
  const REF = new Date(2026, 10, 17); // the document's date: Nov 17, 2026
  const withDate: DueOptions = { dateOrder: 'mdy', defaultYear: 2026, reference: REF, from: REF };
  const periodOnly: DueOptions = { dateOrder: 'mdy', defaultYear: 2026, from: new Date(2026, 6, 1) }; // Q3 2026
  const undated: DueOptions = { dateOrder: 'mdy', defaultYear: 2026 };
  const read = (text: string, opts: DueOptions, strict = false) => {
    const r = parseDuePhrase(text, opts, strict);
    return r.ok ? [r.iso, r.kind, r.end] : null;
  };

  test('written dates as before (spec §4), a month/day without a year in the document year', () => {
    assert.deepEqual(read('Oct 3', withDate), ['2026-10-03', 'date', 5]);
    assert.deepEqual(read('10/3', withDate), ['2026-10-03', 'date', 4]);
    assert.deepEqual(read('Q2 2027', withDate), ['2027-06-30', 'date', 7]);
  });

  test('a month alone: its last day, the next year when the document is later in the year', () => {
    assert.deepEqual(read('November', withDate), ['2026-11-30', 'month', 8]);
    assert.deepEqual(read('Dec.', withDate), ['2026-12-31', 'month', 4]);
    assert.deepEqual(read('October', withDate), ['2027-10-31', 'month', 7]);
    assert.deepEqual(read('February', periodOnly), ['2027-02-28', 'month', 8]);
    assert.deepEqual(read('September', periodOnly), ['2026-09-30', 'month', 9]);
    assert.deepEqual(read('November', undated), [null, 'month', 8], 'no date nor period: a due phrase without a day');
    assert.equal(read('november', withDate, true), null, 'in prose a month is capitalised');
    assert.equal(read('Nov 31', withDate), null, 'a month followed by a day is a date or nothing');
    assert.equal(read('Marketing', withDate), null);
  });

  test('end of a month: the month’s last day, as the month alone', () => {
    assert.deepEqual(read('end of November', withDate), ['2026-11-30', 'month', 15]);
    assert.deepEqual(read('the end of December', withDate, true), ['2026-12-31', 'month', 19]);
    assert.deepEqual(read('end of Nov 2026', withDate), ['2026-11-30', 'date', 15], 'with a year it is a written date');
    assert.equal(read('end of november', withDate, true), null, 'in prose a month is capitalised');
    assert.equal(read('end of Marketing', withDate), null);
  });

  test('end of month / quarter / year count from the document date; without one, no day', () => {
    assert.deepEqual(read('end of month', withDate), ['2026-11-30', 'relative', 12]);
    assert.deepEqual(read('EOM', withDate), ['2026-11-30', 'relative', 3]);
    assert.deepEqual(read('the end of the quarter', withDate), ['2026-12-31', 'relative', 22]);
    assert.deepEqual(read('EOQ', withDate), ['2026-12-31', 'relative', 3]);
    assert.deepEqual(read('EOY', withDate), ['2026-12-31', 'relative', 3]);
    assert.deepEqual(read('EOM', periodOnly), [null, 'relative', 3], 'a period is not a date: end of which month?');
    assert.deepEqual(read('EOY', periodOnly), ['2026-12-31', 'relative', 3]);
    assert.deepEqual(read('EOQ', undated), [null, 'relative', 3]);
  });

  test('vague phrases name no day; they are not dates either', () => {
    for (const t of ['next week', 'this sprint', 'end of next month', 'EOW', 'tomorrow', 'Friday', 'next Friday', 'mid-November', 'early Q2']) {
      assert.deepEqual(read(t, withDate), [null, 'vague', t.length], t);
    }
    assert.equal(read("next week's launch", withDate), null);
    assert.equal(read('mid-term', withDate), null);
    assert.equal(read('friday', withDate, true), null, 'in prose a weekday is capitalised');
    assert.equal(read('ongoing', withDate), null);
    assert.equal(read('2 weeks', withDate), null);
  });
});
