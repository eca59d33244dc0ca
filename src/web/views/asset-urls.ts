// Content-hashed asset URLs for the layout (`/assets/app.css?v=…`), so browsers can cache them
// forever and still pick up a new version after an upgrade.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { appCss } from '../assets/app-css.js';
import { appJs } from '../assets/app-js.js';

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

const katexVersion: string = createRequire(import.meta.url)('katex/package.json').version;

export const assetHash = {
  appCss: shortHash(appCss),
  appJs: shortHash(appJs),
  katex: katexVersion,
};

export const assetUrls = {
  appCss: `/assets/app.css?v=${assetHash.appCss}`,
  appJs: `/assets/app.js?v=${assetHash.appJs}`,
  katexCss: `/assets/katex/katex.min.css?v=${assetHash.katex}`,
};
