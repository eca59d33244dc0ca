// Client for arXiv's OAI-PMH endpoint: ListRecords harvesting with resumption tokens, and GetRecord,
// parsed by sources/oai-pmh.ts. Spacing and retries (arXiv answers 503 + Retry-After) are PoliteHttpClient's.
// Called by ingest/. Spec: https://www.openarchives.org/OAI/openarchivesprotocol.html (OAI-PMH 2.0)

import { SourceFormatError } from '../model/paper.js';
import { type OaiPage, OaiPmhError, parseOaiPmh } from './oai-pmh.js';
import type { HttpTextResponse, PoliteHttpClient } from './polite-http.js';

export type OaiMetadataPrefix = 'arXivRaw' | 'arXiv';

export interface ListRecordsParams {
  metadataPrefix: OaiMetadataPrefix;
  /** Datestamp lower bound, `YYYY-MM-DD` (arXiv's granularity is a day). */
  from?: string;
  until?: string;
  /** Selective harvesting by set (OAI-PMH §3.3.2); arXiv's sets look like `cs`, `physics:hep-th`. */
  set?: string;
  /** Resume an interrupted harvest; the other arguments are then not sent (OAI-PMH §3.5). */
  resumptionToken?: string;
}

export interface OaiPmhClientOptions {
  http: PoliteHttpClient;
  /** e.g. config.arxivOaiUrl: `https://oaipmh.arxiv.org/oai`. */
  baseUrl: string;
}

export class OaiPmhClient {
  private readonly http: PoliteHttpClient;
  private readonly baseUrl: string;

  constructor(options: OaiPmhClientOptions) {
    this.http = options.http;
    this.baseUrl = options.baseUrl;
  }

  /**
   * Yields one page per ListRecords response. A page's `resumptionToken` is the one for the NEXT
   * request, so the caller can persist it after storing the page and resume after a crash.
   * Ends when the token is absent or empty (OAI-PMH §3.5: the last page has an empty token);
   * noRecordsMatch yields one empty page; other OAI errors throw OaiPmhError.
   */
  async *listRecords(params: ListRecordsParams): AsyncGenerator<OaiPage> {
    let sent = params.resumptionToken;
    let page = await this.request(sent ? { verb: 'ListRecords', resumptionToken: sent } : firstArgs(params));
    for (;;) {
      yield page;
      const next = page.resumptionToken?.token.trim();
      if (page.isNoRecordsMatch || !next) return;
      // A server handing back the token it was given would have us loop forever.
      if (next === sent) throw new SourceFormatError(`OAI-PMH: resumptionToken ${next} did not advance`);
      sent = next;
      // Exclusive argument: a resumed request carries only verb + resumptionToken (OAI-PMH §3.5).
      page = await this.request({ verb: 'ListRecords', resumptionToken: next });
    }
  }

  /** One record by arXiv id (`2401.12345` or the full `oai:arXiv.org:…` identifier). */
  async getRecord(id: string, metadataPrefix: OaiMetadataPrefix): Promise<OaiPage> {
    const identifier = id.startsWith('oai:') ? id : `oai:arXiv.org:${id}`;
    return this.request({ verb: 'GetRecord', identifier, metadataPrefix });
  }

  private async request(args: Record<string, string>): Promise<OaiPage> {
    const url = `${this.baseUrl}?${new URLSearchParams(args)}`;
    return parseOaiResponse(await this.http.getText(url));
  }
}

function firstArgs(params: ListRecordsParams): Record<string, string> {
  const args: Record<string, string> = { verb: 'ListRecords', metadataPrefix: params.metadataPrefix };
  if (params.from) args.from = params.from;
  if (params.until) args.until = params.until;
  if (params.set) args.set = params.set;
  return args;
}

/**
 * OAI-PMH reports protocol errors inside a 200 response (§3.6); some servers also send them with a
 * 4xx status, so a non-200 body is still read for its <error> before the status is blamed.
 */
function parseOaiResponse(response: HttpTextResponse): OaiPage {
  if (response.status === 200) return parseOaiPmh(response.body);
  const failure = `OAI-PMH endpoint returned HTTP ${response.status} for ${response.url}`;
  let page: OaiPage;
  try {
    page = parseOaiPmh(response.body);
  } catch (error) {
    if (error instanceof OaiPmhError) throw error;
    throw new SourceFormatError(failure, { cause: error });
  }
  if (page.isNoRecordsMatch) return page;
  throw new SourceFormatError(failure);
}
