// Where benchmarks read shared real data and write their generated files.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const sharedDataDir = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const benchOutDir = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(benchOutDir, { recursive: true });
