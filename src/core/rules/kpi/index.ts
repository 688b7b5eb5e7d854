import type { Rule } from '../../rule.js';
import { kpiTableColumns } from './kpi-table-columns.js';
import { kpiValueUnparsable } from './kpi-value-unparsable.js';
import { kpiUnitMismatch } from './kpi-unit-mismatch.js';
import { kpiTargetZero } from './kpi-target-zero.js';
import { kpiStatusMismatch } from './kpi-status-mismatch.js';
import { kpiTrendMismatch } from './kpi-trend-mismatch.js';
import { overallHealthMismatch } from './overall-health-mismatch.js';
import { redKpiUnaddressed } from './red-kpi-unaddressed.js';

/** The kpi rules, one file each in this folder. */
export const kpiRules: Rule[] = [
  kpiTableColumns,
  kpiValueUnparsable,
  kpiUnitMismatch,
  kpiTargetZero,
  kpiStatusMismatch,
  kpiTrendMismatch,
  overallHealthMismatch,
  redKpiUnaddressed,
];
