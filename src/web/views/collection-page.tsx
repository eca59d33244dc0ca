// /collections/:id: one reading list — its name, owner, description and papers (most recently
// added first, as cards), its exports (BibTeX, RIS, CSL-JSON, JSON) and, when public, its feeds. The owner also
// gets the forms to edit or delete the list and to take papers off it.

import type { Collection, CollectionPaper } from '../../store/collections.js';
import { CollectionFields, collectionPath, VisibilityBadge } from './collection-parts.js';
import { formatCount, formatDay } from './format.js';
import { type FeedLink, Layout, type Site } from './layout.js';
import { PaperList } from './paper-card.js';

function feedLinks(collection: Collection): FeedLink[] {
  const path = `${collectionPath(collection.id)}/papers`;
  return [
    { type: 'application/atom+xml', href: `${path}.atom`, title: `${collection.name} (Atom)` },
    { type: 'application/rss+xml', href: `${path}.rss`, title: `${collection.name} (RSS)` },
    { type: 'application/feed+json', href: `${path}.json`, title: `${collection.name} (JSON Feed)` },
  ];
}

const OwnerTools = (props: { collection: Collection }) => {
  const path = collectionPath(props.collection.id);
  return (
    <details class="collection-edit">
      <summary>Edit this list</summary>
      <form method="post" action={`${path}/edit`} class="stacked-form">
        <CollectionFields idPrefix="edit" collection={props.collection} />
        <button type="submit" class="button primary">
          Save changes
        </button>
      </form>
      <form method="post" action={`${path}/delete`} class="stacked-form">
        <button type="submit" class="button danger">
          Delete this list
        </button>
      </form>
    </details>
  );
};

const RemoveButton = (props: { collectionId: number; arxivId: string }) => (
  <form method="post" action="/collections/remove" class="inline-form">
    <input type="hidden" name="collection" value={String(props.collectionId)} />
    <input type="hidden" name="paper" value={props.arxivId} />
    <input type="hidden" name="back" value={collectionPath(props.collectionId)} />
    <button type="submit" class="link-button">
      Remove from this list
    </button>
  </form>
);

export const CollectionPage = (props: {
  site: Site;
  collection: Collection;
  entries: CollectionPaper[];
  isOwner: boolean;
  votedIds: ReadonlySet<number>;
}) => {
  const { collection } = props;
  const path = collectionPath(collection.id);
  const addedAt = new Map(props.entries.map((entry) => [entry.paper.id, entry.addedAt]));
  const owner = collection.owner;
  return (
    <Layout
      site={props.site}
      meta={{
        title: collection.name,
        canonicalPath: path,
        description: collection.description || `A reading list by ${owner.displayName}.`,
        isNoIndex: !collection.isPublic || props.entries.length === 0,
        feeds: collection.isPublic ? feedLinks(collection) : [],
      }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">
            Reading list <VisibilityBadge isPublic={collection.isPublic} />
          </p>
          <h1>{collection.name}</h1>
          <p class="board-meta">
            by <a href={`/users/${encodeURIComponent(owner.username)}`}>{owner.displayName}</a> ·{' '}
            {formatCount(props.entries.length, 'paper', 'papers')} · updated{' '}
            <time datetime={collection.updatedAt}>{formatDay(collection.updatedAt)}</time>
          </p>
          <p class="board-meta">
            Export: <a href={`${path}/papers.bib`}>BibTeX</a> · <a href={`${path}/papers.ris`}>RIS</a> ·{' '}
            <a href={`${path}/papers.csl.json`}>CSL-JSON</a> ·{' '}
            <a href={`/api/collections/${collection.id}`}>JSON</a>
            {collection.isPublic ? (
              <>
                {' '}
                · Subscribe: <a href={`${path}/papers.atom`}>Atom</a> · <a href={`${path}/papers.rss`}>RSS</a>{' '}
                · <a href={`${path}/papers.json`}>JSON Feed</a>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {collection.description ? <p class="collection-description">{collection.description}</p> : null}
      {props.isOwner ? <OwnerTools collection={collection} /> : null}
      {props.entries.length > 0 ? (
        <PaperList
          papers={props.entries.map((entry) => entry.paper)}
          votedIds={props.votedIds}
          back={path}
          footer={(paper) => (
            // A div: a <form> may not sit inside a <p>.
            <div class="collection-entry-meta muted">
              Added <time datetime={addedAt.get(paper.id)}>{formatDay(addedAt.get(paper.id) ?? '')}</time>
              {props.isOwner ? (
                <>
                  {' · '}
                  <RemoveButton collectionId={collection.id} arxivId={paper.arxivId} />
                </>
              ) : null}
            </div>
          )}
        />
      ) : (
        <section class="notice">
          <h2>No papers on this list yet</h2>
          <p>
            {props.isOwner
              ? 'Open a paper and use “Save to a list” to add it here.'
              : `${owner.displayName} has not added any papers yet.`}
          </p>
        </section>
      )}
    </Layout>
  );
};
