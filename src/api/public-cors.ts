// CORS for the public read-only surfaces (/api, /feeds): any origin may GET, nothing else.
import { cors } from 'hono/cors';

export const publicReadCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] });
