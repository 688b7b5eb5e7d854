/**
 * A typed copy of scripts/generate.mjs's generateQbr (the suites are bundled from TypeScript):
 * a realistic QBR of about `bytes` characters, deterministic for a seed.
 */
const METRICS: Array<[string, string, () => string]> = [
  ['Revenue generated', '$500K', () => `$${300 + rnd(300)}K`],
  ['Customers acquired', '50', () => String(30 + rnd(40))],
  ['Co-marketing campaigns', '4', () => String(2 + rnd(3))],
  ['Partner satisfaction', '8/10', () => `${6 + rnd(4)}.5/10`],
  ['Issue resolution time', '≤ 2 days', () => `${1 + rnd(3)} days`],
  ['Support tickets', '<= 20', () => String(10 + rnd(20))],
  ['Integration adoption', '70%', () => `${50 + rnd(40)}%`],
  ['Referrals exchanged', '100', () => String(60 + rnd(60))],
];
const OWNERS = ['Dana Smith', 'Lee Chen', 'Priya Patel', 'Tom Becker'];
let seed = 1;
function rnd(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}

function kpiTable(): string {
  const rows = METRICS.map(([m, t, a]) => `| ${m} | ${t} | ${a()} | ✅ Green (100% of target) | → Stable |`);
  return ['| Metric | Target | Actual | Status | Trend |', '|--------|--------|--------|--------|-------|', ...rows].join('\n');
}

function block(i: number): string {
  const month = String(1 + (i % 12)).padStart(2, '0');
  return `## KPI Dashboard — Region ${i}

${kpiTable()}

**Overall Partnership Health**: 🟡 Yellow (85% of targets met, region ${i})

## Challenges and Actions ${i}
1. **Referral volume in region ${i}**:
   - Impact: Revenue generated at risk in the region
   - Root cause: Partner reps unaware of the programme
   - Action plan: Joint enablement session
   - Owner: ${OWNERS[i % 4]}
   - Timeline: 2026-${month}-15

## Next Steps ${i}
- [ ] Send the enablement deck to the partner team - Owner: ${OWNERS[(i + 1) % 4]}, Due: 2026-${month}-20
- [x] Book the steering committee - Owner: ${OWNERS[(i + 2) % 4]}, Due: Jan 15, 2026
- [ ] Review co-marketing calendar for region ${i} - Owner: [Name], Due: [Date]

Notes for region ${i}: the partnership continues to grow, with *strong* adoption and a healthy pipeline. See [the deck](https://example.com/deck-${i}) for details.

`;
}

export function generateQbr(bytes: number, s = 1): string {
  seed = s;
  let out = `# Partnership QBR: Acme + Globex
**Quarter**: Q3 2026
**Date**: 2026-10-02
**Attendees**: Dana Smith, Lee Chen

## Executive Summary
A steady quarter with growth in joint customers and referrals.

## Performance Highlights
- **Joint customers**: 85 new joint customers

## Key Wins
1. **Case study**: Published with a Fortune 500 customer

## Upcoming Initiatives (Next Quarter)
1. Co-selling motion: 10 target accounts

## Asks and Decisions Needed
1. Budget for Dreamforce

`;
  let i = 0;
  while (out.length < bytes) out += block(i++);
  return out + '**Next QBR**: 2027-01-15\n';
}
