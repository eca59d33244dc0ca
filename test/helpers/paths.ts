// Locations of recorded real inputs for tests: the shared data folder beside the repo
// (CI has it at the same relative place) and the repo's own small testdata/.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const testdata = fileURLToPath(new URL('../../testdata/', import.meta.url));
