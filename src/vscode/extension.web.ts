/**
 * VS Code for the Web entry (package.json `browser`, dist/web/extension.js): the web worker
 * extension host of vscode.dev, github.dev and code-server. No Node APIs (platform/web.ts).
 */
import { setPlatform } from './platform/platform';
import { webPlatform } from './platform/web';

setPlatform(webPlatform);
export { activate, deactivate, type PartnershipDocsApi } from './main';
