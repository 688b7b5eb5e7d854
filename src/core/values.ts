/**
 * KPI value arithmetic (spec §2), one module per job in values/:
 *   kpi-value.ts    reading Target / Actual cells (units, currencies, scores), comparing them, formatNumber
 *   direction.ts    whether higher or lower is better for a metric
 *   status.ts       attainment, status and health bands, the colour words and badges
 *   status-cell.ts  reading a Status cell (status vocabularies)
 *   trend.ts        reading and checking a Trend cell
 * Re-exported here for the modules outside the core's analyses and rules (explain.ts, the
 * extension, the tests); the core's own modules import the module they need.
 */
export * from './values/kpi-value.js';
export * from './values/direction.js';
export * from './values/status.js';
export * from './values/status-cell.js';
export * from './values/trend.js';
