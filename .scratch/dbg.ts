import SQLite from 'better-sqlite3';
import { decodeLsaParts } from '/work/main/src/search/semantic/lsa-model-file.js';
const db = new SQLite('/tmp/pb/serve1/pb.db', { readonly: true });
const row = db.prepare('select model_bytes from embedding_models').get() as { model_bytes: Buffer };
console.log(row.model_bytes.byteOffset, row.model_bytes.buffer.byteLength, row.model_bytes.length); const parts = decodeLsaParts(row.model_bytes);
console.log(parts.terms.length, parts.idf.length, parts.sigma.length, parts.termVectors.length, parts.terms.length * parts.sigma.length);
const odd = parts.terms.filter((t) => /[^\p{L}\p{N}]/u.test(t));
console.log(odd.slice(0, 10).map((t) => JSON.stringify(t)));
