// /collections: the signed-in reader's own reading lists (private ones included) and the form to
// make a new one.

import { MAX_COLLECTIONS_PER_READER } from '../../model/collection.js';
import type { Collection } from '../../store/collections.js';
import { CollectionFields, CollectionLinks } from './collection-parts.js';
import { Layout, type Site } from './layout.js';

export const CollectionsPage = (props: { site: Site; collections: Collection[] }) => {
  const canCreate = props.collections.length < MAX_COLLECTIONS_PER_READER;
  return (
    <Layout
      site={props.site}
      meta={{ title: 'Your reading lists', canonicalPath: '/collections', isNoIndex: true }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">Reading lists</p>
          <h1>Your reading lists</h1>
          <p class="board-meta">
            Save papers from their pages. Public lists have a page anyone can open, feeds and exports; private
            ones are yours alone.
          </p>
        </div>
      </div>
      {props.collections.length > 0 ? (
        <CollectionLinks collections={props.collections} />
      ) : (
        <p class="muted">No lists yet.</p>
      )}
      <section class="form-card new-list" aria-labelledby="new-list-heading">
        <h2 id="new-list-heading">New list</h2>
        {canCreate ? (
          <form method="post" action="/collections" class="stacked-form">
            <CollectionFields idPrefix="new" />
            <button type="submit" class="button primary">
              Create list
            </button>
          </form>
        ) : (
          <p class="muted">
            You have {MAX_COLLECTIONS_PER_READER} lists, the most a reader can have; delete one to make
            another.
          </p>
        )}
      </section>
    </Layout>
  );
};
