/**
 * Desktop entry (package.json `main`, dist/extension.js): the Node extension host, local or
 * remote. Worker threads for "Lint This Document Now" and the workspace index (platform/node.ts).
 */
import { setPlatform } from './platform/platform';
import { nodePlatform } from './platform/node';

setPlatform(nodePlatform);
export { activate, deactivate, type PartnershipDocsApi } from './main';
