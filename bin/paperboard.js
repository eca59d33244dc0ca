#!/usr/bin/env node
// The installed binary: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import '../dist/main.js';
