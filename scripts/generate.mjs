// Generates realistic partnership documents of a given size (deterministic for a seed).
// Used by the benchmark and by property tests.

const METRICS = [
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
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}

function kpiTable() {
  const rows = METRICS.map(([m, t, a]) => `| ${m} | ${t} | ${a()} | ✅ Green (100% of target) | → Stable |`);
  return ['| Metric | Target | Actual | Status | Trend |', '|--------|--------|--------|--------|-------|', ...rows].join('\n');
}

function block(i) {
  const month = 1 + (i % 12);
  return `## KPI Dashboard — Region ${i}

${kpiTable()}

**Overall Partnership Health**: 🟡 Yellow (85% of targets met, region ${i})

## Challenges and Actions ${i}
1. **Referral volume in region ${i}**:
   - Impact: Revenue generated at risk in the region
   - Root cause: Partner reps unaware of the programme
   - Action plan: Joint enablement session
   - Owner: ${OWNERS[i % 4]}
   - Timeline: 2026-${String(month).padStart(2, '0')}-15

## Next Steps ${i}
- [ ] Send the enablement deck to the partner team - Owner: ${OWNERS[(i + 1) % 4]}, Due: 2026-${String(month).padStart(2, '0')}-20
- [x] Book the steering committee - Owner: ${OWNERS[(i + 2) % 4]}, Due: Jan 15, 2026
- [ ] Review co-marketing calendar for region ${i} - Owner: [Name], Due: [Date]

Notes for region ${i}: the partnership continues to grow, with *strong* adoption and a healthy pipeline. See [the deck](https://example.com/deck-${i}) for details.

`;
}

/** A QBR of about `bytes` characters. */
export function generateQbr(bytes, s = 1) {
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

// ---------------------------------------------------------------------------------------------
// A partnership folder (benchmark of the CLI): QBRs, status reports and issue documents of
// 5–30 KB, spread over partner folders. Additive: generateQbr above is unchanged.

const PARTNERS = ['Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Soylent', 'Stark', 'Wayne', 'Wonka', 'Tyrell',
  'Cyberdyne', 'Aperture', 'Massive Dynamic', 'Oscorp', 'Pied Piper', 'Dunder Mifflin', 'Gringotts', 'Monarch', 'Duff', 'Nakatomi'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SENTENCES = [
  'Joint pipeline grew steadily, driven by referrals from the partner field team.',
  'The integration sync success rate held above plan after the October release.',
  'Two design partners reported field-mapping issues that the mapping guide now covers.',
  'Enablement sessions for account executives are booked, with a battlecard agreed on both sides.',
  'Procurement needs six weeks for the renewal, so the proposal goes out early.',
  'Support tickets dropped once the onboarding checklist shipped in the partner portal.',
  'The steering committee reviewed the decisions of the last QBR and the renewal timeline.',
  'Co-marketing produced three webinars and a case study with a Fortune 500 customer.',
];
// High bits: the low bits of the LCG above cycle with a short period.
function pick(n) {
  rnd(2);
  return (seed >>> 12) % n;
}
const sentence = () => SENTENCES[pick(SENTENCES.length)];
const paragraph = (n) => Array.from({ length: n }, sentence).join(' ');
const dueDate = () => `2026-${String(1 + pick(12)).padStart(2, '0')}-${String(1 + pick(28)).padStart(2, '0')}`;
const owner = () => OWNERS[pick(OWNERS.length)];

function statusSegment(i) {
  return `### KPI Dashboard — Segment ${i}

${kpiTable()}

**Overall Partnership Health**: 🟡 Yellow (84% of targets met, segment ${i})

## Recent Activities ${i}
1. Campaign sync: ${sentence()}
2. Enablement: ${sentence()}
3. Steering committee: ${sentence()}

## Open Issues ${i}
1. ${paragraph(2)} Owner: ${owner()}
2. ${paragraph(1)}

## Next Steps ${i}
- [ ] ${sentence()} - Owner: ${owner()}, Due: ${dueDate()}
- [x] ${sentence()} - Owner: ${owner()}, Due: ${dueDate()}
- [ ] ${sentence()} - Owner: ${owner()}, Due: ${dueDate()}

`;
}

/** A partnership status report of about `bytes` characters. */
export function generateStatusReport(bytes, s = 1, partner = 'Globex') {
  seed = s;
  const month = MONTHS[pick(12)];
  let out = `# Partnership Status Report: Northwind + ${partner}
**Period**: ${month} 2026
**Report Date**: ${dueDate()}
**Partnership Manager**: ${owner()}

## Partnership Overview
- **Partnership type**: Technology integration with mutual referrals
- **Start date**: January 1, 2024
- **Current status**: Active
- **Next renewal date**: January 31, 2027

## Performance Summary

### Overall Health Score: 78/100
- Business performance: 24/30 (revenue, customers, leads)
- Operational execution: 21/30 (campaigns, integrations, activities)
- Relationship health: 19/25 (satisfaction, engagement, responsiveness)
- Strategic alignment: 11/15 (priorities, vision, mutual value)

## Key Wins
1. ${sentence()}
2. ${sentence()}

## Upcoming Milestones
- Renewal proposal: December 1, 2026
- General availability: January 29, 2027

## Risks and Mitigations
1. **Renewal slips**: ${sentence()}

## Recommendations
${paragraph(3)}

`;
  let i = 0;
  while (out.length < bytes) out += statusSegment(i++);
  return out;
}

function issueOption(i) {
  return `${i + 1}. **Option ${i + 1}: ${['Joint enablement', 'Referral bonus', 'Renegotiate', 'Dedicated SDR'][i % 4]}**: ${paragraph(2)}
`;
}

/** A partnership issue document of about `bytes` characters. */
export function generateIssue(bytes, s = 1, partner = 'Globex') {
  seed = s;
  let out = `## Partnership Issue: Referrals from ${partner} below the contractual volume

**Severity**: ${['Critical', 'High', 'Medium', 'Urgent'][pick(4)]}
**Status**: In Progress
**Date Identified**: ${dueDate()}
**Impact**: about $180K of pipeline a quarter

### Problem Statement
${paragraph(4)}

### Root Cause
${paragraph(3)}

### Impact
- **Business impact**: ${sentence()}
- **Relationship impact**: ${sentence()}
- **Timeline impact**: ${sentence()}

### Proposed Solutions
${[0, 1, 2].map(issueOption).join('')}
**Recommended**: Option 1, because the survey shows that awareness, not incentive, is the gap.

### Action Plan
`;
  let i = 0;
  while (out.length < bytes - 600) {
    out += `- [${pick(3) ? ' ' : 'x'}] ${sentence()} (step ${i++}) - Owner: ${owner()}, Due: ${dueDate()}\n`;
    if (i % 12 === 0) out += `\n### Notes ${i / 12}\n${paragraph(3)}\n\n### Action Plan (continued ${i / 12})\n`;
  }
  return out + `\n### Timeline\n- Escalated to the steering committee: ${dueDate()}\n- Review: ${dueDate()}\n`;
}

/**
 * `n` partnership documents of 5–30 KB as [relativePath, text] pairs (deterministic for a seed):
 * QBRs, status reports and issue documents in one folder per partner.
 */
export function generateFolderFiles(n = 1000, s = 1) {
  const files = [];
  for (let k = 0; k < n; k++) {
    seed = s * 7919 + k;
    const size = 5_000 + pick(25_001);
    const partner = PARTNERS[k % PARTNERS.length];
    const slug = partner.toLowerCase().replace(/\s+/g, '-');
    const kind = k % 3;
    const docSeed = s * 100_003 + k;
    const text = kind === 0 ? generateQbr(size, docSeed) : kind === 1 ? generateStatusReport(size, docSeed, partner) : generateIssue(size, docSeed, partner);
    const name = kind === 0 ? `${2020 + (k % 7)}-Q${1 + (k % 4)}-qbr-${k}.md` : kind === 1 ? `${2020 + (k % 7)}-${String(1 + (k % 12)).padStart(2, '0')}-status-report-${k}.md` : `${2020 + (k % 7)}-issue-${k}.md`;
    files.push([`partnerships/${slug}/${name}`, text]);
  }
  return files;
}
