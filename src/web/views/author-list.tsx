// A paper page's author list: each name links to its author page, with affiliations; past the first
// ten the rest fold into a native <details> (a 600-author paper would otherwise fill screens and Tab
// stops). Used by paper-page.tsx.

import type { Author } from '../../model/paper.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import { authorPath } from './author-page.js';

/** Authors shown before the rest fold away: a 600-author paper would otherwise fill pages and Tab stops. */
export const AUTHORS_SHOWN = 10;

const AuthorItem = (props: { author: Author }) => (
  <li>
    <a href={authorPath(props.author.name)}>{props.author.name}</a>
    {props.author.affiliations?.length ? (
      <span class="affiliation"> ({props.author.affiliations.join('; ')})</span>
    ) : null}
  </li>
);

/** The first authors, then the rest in a native <details> (it opens without JavaScript). */
export const AuthorList = (props: { paper: StoredPaper }) => {
  const { authors } = props.paper;
  // Folding away one name would save nothing: fold only when two or more are left over.
  const shown = authors.length > AUTHORS_SHOWN + 1 ? authors.slice(0, AUTHORS_SHOWN) : authors;
  const rest = authors.slice(shown.length);
  return (
    <>
      <ul class="author-list" aria-label="Authors">
        {shown.map((author) => (
          <AuthorItem author={author} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <details class="more-authors">
          <summary>… and {rest.length} more authors</summary>
          <ul class="author-list" aria-label={`The other ${rest.length} authors`}>
            {rest.map((author) => (
              <AuthorItem author={author} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
};
