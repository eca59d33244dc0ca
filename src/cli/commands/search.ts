// `paperboard search "query"`: searches from the terminal with the same query language as the web.
import type { Command } from 'commander';
import { Option } from 'commander';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { plainText } from '../../search/highlight.js';
import { InProcessSearch } from '../../search/in-process-search.js';
import { REQUESTED_MODES, type RequestedMode } from '../../search/search-mode.js';
import { searchPapers } from '../../search/search-papers.js';
import type { SearchSort } from '../../search/search-types.js';
import { SemanticService } from '../../search/semantic/semantic-service.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';

interface SearchFlags {
  sort: SearchSort;
  mode: RequestedMode;
  limit: string;
  json?: boolean;
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description(
      'search papers: words, "phrases", -exclude, OR, prefix*, ti: au: abs: cat:, year:, before:, after:, has:code',
    )
    .argument('<query...>', 'the query (quote it in your shell)')
    .addOption(
      new Option('--sort <order>', 'result order')
        .choices(['relevance', 'date', 'upvotes'])
        .default('relevance'),
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'ranking: auto is hybrid for plain language, keyword for the query language',
      )
        .choices([...REQUESTED_MODES])
        .default('auto'),
    )
    .option('--limit <n>', 'number of results', '10')
    .option('--json', 'print JSON instead of a list')
    .action(async (words: string[], flags: SearchFlags) => {
      const ctx = createContext(configFrom(program, { logLevel: 'warn' }));
      // The active model's vectors, loaded like a server does, for semantic and hybrid searches.
      const semantic = new SemanticService(ctx.database, ctx.config, ctx.log);
      const search = new InProcessSearch(ctx.config.searchIndexDir, ctx.database, {}, semantic);
      try {
        await assertSchemaCurrent(ctx.database.db, ctx.database.dialect);
        await search.catchUp();
        if (flags.mode !== 'keyword') await semantic.catchUp();
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit must be 1..1000');
        const { results, ...page } = await searchPapers(
          { search, database: ctx.database },
          { q: words.join(' '), sort: flags.sort, limit, offset: 0, mode: flags.mode },
        );
        if (flags.json) {
          // The search's page as the index answers it (hits with highlights), for scripts.
          const hits = results.map((result) => result.hit);
          process.stdout.write(`${JSON.stringify({ ...page, hits }, null, 2)}\n`);
          return;
        }
        const about = page.isTotalExact ? '' : 'about ';
        const relaxed = page.isRelaxed
          ? ` (${page.strictTotal} with every word; papers with any of the words follow)`
          : '';
        const count =
          page.mode === 'keyword'
            ? `${about}${page.total} papers${relaxed}`
            : `${page.total} best matches by meaning`;
        const why = page.keywordReason ? `, ${page.keywordReason}` : '';
        process.stdout.write(`${count} [${page.mode}${why}]\n\n`);
        for (const { hit } of results) {
          process.stdout.write(`${hit.arxivId.padEnd(18)} ${plainText(hit.title)}\n`);
        }
      } finally {
        await search.close();
        await ctx.database.close();
      }
    });
}
