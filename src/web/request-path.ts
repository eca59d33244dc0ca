// The path Hono routes on, with duplicate leading slashes collapsed: Hugging Face's client joins
// `endpoint + "/api/..."` without trimming, so `HfApi(endpoint="http://host:8080/")` requests
// `//api/daily_papers` (and `read_paper` `//papers/{id}.md`). Used by web/app.ts as `getPath`.

import { getPath } from 'hono/utils/url';

export function routingPath(request: Request): string {
  return getPath(request).replace(/^\/{2,}/, '/');
}
