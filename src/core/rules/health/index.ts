import type { Rule } from '../../rule.js';
import { fieldInvalid } from './field-invalid.js';
import { healthScoreBadge } from './health-score-badge.js';
import { healthScoreRange } from './health-score-range.js';
import { healthScoreSum } from './health-score-sum.js';
import { nextQbrMissing } from './next-qbr-missing.js';
import { renewalPassed } from './renewal-passed.js';
import { renewalWindow } from './renewal-window.js';
import { sectionMissing } from './section-missing.js';
import { statusHealthConflict } from './status-health-conflict.js';

/** The health rules, one file each in this folder. */
export const healthRules: Rule[] = [
  healthScoreSum,
  healthScoreRange,
  healthScoreBadge,
  statusHealthConflict,
  sectionMissing,
  fieldInvalid,
  renewalWindow,
  renewalPassed,
  nextQbrMissing,
];
