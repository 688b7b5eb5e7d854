import type { Rule } from '../../rule.js';
import { actionInvalidDue } from './action-invalid-due.js';
import { actionMissingDue } from './action-missing-due.js';
import { actionMissingOwner } from './action-missing-owner.js';
import { actionOverdue } from './action-overdue.js';
import { actionUnknownOwner } from './action-unknown-owner.js';

/** The actions rules, one file each in this folder. */
export const actionsRules: Rule[] = [actionMissingOwner, actionMissingDue, actionInvalidDue, actionOverdue, actionUnknownOwner];
