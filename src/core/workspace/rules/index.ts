/** The cross-document rules: they run only through lintWorkspace, never in per-file lint. */
import { actionCarriedOver } from './action-carried-over.js';
import type { WorkspaceRule } from './context.js';
import { kpiDecliningQuarters } from './kpi-declining-quarters.js';
import { kpiTrendVsPrevious } from './kpi-trend-vs-previous.js';

export const workspaceRules: WorkspaceRule[] = [kpiTrendVsPrevious, kpiDecliningQuarters, actionCarriedOver];
