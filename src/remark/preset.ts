/**
 * `partnership-docs/remark-preset`: a remark preset in the shape of remark-preset-lint-recommended
 * (`{ plugins: [...] }`, default export), for `.remarkrc`: `"plugins": ["partnership-docs/remark-preset"]`.
 *
 * - remark-gfm: partnership documents are GFM (KPI tables, task lists). The plugin does not need it
 *   (the core tokenizes the text with the GFM extensions itself), but every other plugin in the
 *   pipeline (remark-lint rules, `remark -o` stringifying) then sees tables as tables.
 * - partnershipDocs with no options: every partnership rule at its default severity, the
 *   `.partnership-docs.json` files above each document applying as they do for the CLI. Give
 *   options by listing the plugin after the preset: `["partnership-docs/remark", { … }]` (unified
 *   merges the options of a plugin used twice).
 */
import remarkGfm from 'remark-gfm';
import type { Preset } from 'unified';
import partnershipDocs from './index.js';

const remarkPresetPartnershipDocs: Preset = {
  plugins: [remarkGfm, partnershipDocs],
};

export default remarkPresetPartnershipDocs;
