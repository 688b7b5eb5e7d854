/**
 * The per-file rules of every group, in order: all of them but unknown-rule, which checks the
 * rule ids named in suppression comments against these. A module of its own so that
 * unknown-rule.ts and the registry (index.ts) both import it without importing each other.
 */
import type { Rule } from '../rule.js';
import { placeholderUnfilled } from './placeholder-unfilled.js';
import { kpiRules } from './kpi/index.js';
import { healthRules } from './health/index.js';
import { actionsRules } from './actions/index.js';
import { launchRules } from './launch/index.js';

export const groupRules: Rule[] = [...kpiRules, ...healthRules, ...actionsRules, ...launchRules, placeholderUnfilled];
