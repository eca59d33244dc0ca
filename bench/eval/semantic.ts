// The evaluation's semantic side: the offline LSA model trained on the collection's own documents (as
// the hub trains it on its papers), every document embedded into an int8 matrix, the exact scan.

import {
  embedPaperMatrix,
  ScanSemanticRanker,
  type SemanticRanker,
} from '../../src/search/hybrid/semantic-ranker.js';
import { trainLsaModel } from '../../src/search/semantic/lsa-train.js';

export async function trainSemanticRanker(
  papers: Array<{ id: number; title: string; abstract: string }>,
): Promise<SemanticRanker> {
  const model = trainLsaModel(papers);
  const matrix = await embedPaperMatrix(model, papers);
  return new ScanSemanticRanker(model, () => matrix);
}
