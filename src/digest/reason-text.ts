// A "For you" reason as a plain sentence naming the reader's own signal: the digest's "Recommended
// for you" section, the private feed and GET /api/recommendations say why a paper is there with it.

import type { RecommendationReason } from '../recs/types.js';

/** A reason as a plain sentence naming the reader's own signal (feeds, API, digest). */
export function reasonSentence(r: RecommendationReason): string {
  switch (r.kind) {
    case 'like-saved':
      return `Like “${r.title}” in your list “${r.listName}”`;
    case 'like-upvoted':
      return `Like “${r.title}”, which you upvoted`;
    case 'like-feedback':
      return `Like “${r.title}”, which you asked more of`;
    case 'followed-author':
      return `By an author you follow: ${r.name}`;
    case 'followed-category':
      return `In ${r.category}, which you follow`;
  }
}
