// The search syntax cheat sheet on the results page: one row per feature of the query grammar
// (search/query-parser.ts), each example a link that runs it. Pure view.

const ROWS: Array<{ example: string; meaning: string }> = [
  { example: 'world model', meaning: 'Papers with all the words (in any field, any form: model, models).' },
  { example: '"world model"', meaning: 'The exact phrase.' },
  { example: 'agent -benchmark', meaning: 'Leave out papers with a word.' },
  { example: 'video OR audio', meaning: 'Either word.' },
  { example: 'transform*', meaning: 'Words starting with transform.' },
  { example: 'ti:harness', meaning: 'In the title (also au: for authors, abs: for the abstract).' },
  { example: 'cat:cs.CL', meaning: 'In an arXiv category; cat:cs.* for a whole archive.' },
  { example: 'year:2024', meaning: 'Published in a year, or a range like year:2022-2024.' },
  { example: 'after:2024-06', meaning: 'Published after that month (before: works the same way).' },
  { example: 'has:code', meaning: 'With a code link (-has:code for papers without).' },
];

export const SearchHelp = (props: { isOpen: boolean }) => (
  <details class="search-help" open={props.isOpen}>
    <summary>Search syntax</summary>
    <dl>
      {ROWS.map((row) => (
        <>
          <dt>
            <a href={`/search?${new URLSearchParams({ q: row.example })}`}>
              <code>{row.example}</code>
            </a>
          </dt>
          <dd>{row.meaning}</dd>
        </>
      ))}
    </dl>
    <p>
      Filters combine with words and with each other, e.g. <code>diffusion cat:cs.CV year:2024 has:code</code>
      .
    </p>
  </details>
);
