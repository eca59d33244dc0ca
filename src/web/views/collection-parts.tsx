// Pieces of the reading-list views shared by several pages: the name/description/visibility fields
// (new list, edit list), a reader's lists as links (their /collections page and profile), and the
// paper page's "Save to a list" box. Every form is a plain POST that works without JavaScript.

import { MAX_COLLECTION_DESCRIPTION, MAX_COLLECTION_NAME } from '../../model/collection.js';
import type { Collection } from '../../store/collections.js';
import { signInHref } from '../return-path.js';
import { formatCount, formatDay } from './format.js';

export function collectionPath(id: number): string {
  return `/collections/${id}`;
}

/** Name, description and public/private choice, filled in with a list's values when editing. */
export const CollectionFields = (props: { idPrefix: string; collection?: Collection }) => {
  const isPublic = props.collection?.isPublic === true;
  return (
    <>
      <label for={`${props.idPrefix}-name`}>Name</label>
      <input
        id={`${props.idPrefix}-name`}
        type="text"
        name="name"
        required
        maxlength={MAX_COLLECTION_NAME}
        value={props.collection?.name ?? ''}
      />
      <label for={`${props.idPrefix}-description`}>Description (optional)</label>
      <textarea
        id={`${props.idPrefix}-description`}
        name="description"
        rows={2}
        maxlength={MAX_COLLECTION_DESCRIPTION}
      >
        {props.collection?.description ?? ''}
      </textarea>
      <fieldset class="visibility-choice">
        <legend>Who can see it</legend>
        <label>
          <input type="radio" name="visibility" value="private" checked={!isPublic} /> Only me
        </label>
        <label>
          <input type="radio" name="visibility" value="public" checked={isPublic} /> Anyone with the link (and
          its feeds)
        </label>
      </fieldset>
    </>
  );
};

export const VisibilityBadge = (props: { isPublic: boolean }) => (
  <span class={props.isPublic ? 'badge' : 'badge private'}>{props.isPublic ? 'Public' : 'Private'}</span>
);

/** A reader's lists, each linked with its paper count; private ones are marked (only owners see them). */
export const CollectionLinks = (props: { collections: Collection[] }) => (
  <ul class="collection-links">
    {props.collections.map((collection) => (
      <li>
        <a href={collectionPath(collection.id)}>{collection.name}</a>{' '}
        <span class="muted">
          {formatCount(collection.paperCount, 'paper', 'papers')} · updated{' '}
          <time datetime={collection.updatedAt}>{formatDay(collection.updatedAt)}</time>
        </span>{' '}
        {collection.isPublic ? null : <VisibilityBadge isPublic={false} />}
      </li>
    ))}
  </ul>
);

export interface SaveBoxState {
  /** The reader's lists, most recently changed first. */
  collections: Collection[];
  /** Ids of the lists that already hold this paper. */
  holding: ReadonlySet<number>;
}

/**
 * "Save to a list" on a paper page: the lists holding the paper (each with a remove button), a
 * form to add it to another of the reader's lists, and one to make a new (private) list with it.
 */
export const SaveToCollection = (props: {
  arxivId: string;
  back: string;
  state: SaveBoxState | undefined;
}) => {
  const { state } = props;
  if (!state) {
    return (
      <a class="button" href={signInHref(`${props.back}#save`, 'save')}>
        Save to a list
      </a>
    );
  }
  const holding = state.collections.filter((c) => state.holding.has(c.id));
  const others = state.collections.filter((c) => !state.holding.has(c.id));
  return (
    <details class={holding.length > 0 ? 'save-menu saved' : 'save-menu'} id="save">
      <summary class="button">{holding.length > 0 ? `Saved in ${holding.length}` : 'Save to a list'}</summary>
      <div class="save-panel">
        {holding.length > 0 ? (
          <div class="saved-in">
            <span class="save-label">In</span>
            <ul aria-label="Your lists with this paper">
              {holding.map((collection) => (
                <li>
                  <a href={collectionPath(collection.id)}>{collection.name}</a>
                  <form method="post" action="/collections/remove" class="inline-form">
                    <input type="hidden" name="collection" value={String(collection.id)} />
                    <input type="hidden" name="paper" value={props.arxivId} />
                    <input type="hidden" name="back" value={props.back} />
                    <button type="submit" class="link-button" title={`Remove from ${collection.name}`}>
                      Remove
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {others.length > 0 ? (
          <form method="post" action="/collections/add" class="save-form">
            <input type="hidden" name="paper" value={props.arxivId} />
            <input type="hidden" name="back" value={props.back} />
            <label for="save-collection" class="save-label">
              Add to
            </label>
            <select id="save-collection" name="collection">
              {others.map((collection) => (
                <option value={String(collection.id)}>{collection.name}</option>
              ))}
            </select>
            <button type="submit" class="button">
              Add
            </button>
          </form>
        ) : null}
        <form method="post" action="/collections" class="save-form">
          <input type="hidden" name="paper" value={props.arxivId} />
          <input type="hidden" name="back" value={props.back} />
          <input type="hidden" name="visibility" value="private" />
          <label for="save-new-name" class="save-label">
            New list
          </label>
          <input
            id="save-new-name"
            type="text"
            name="name"
            required
            maxlength={MAX_COLLECTION_NAME}
            placeholder="e.g. To read"
          />
          <button type="submit" class="button">
            Create and add
          </button>
        </form>
        <p class="muted save-note">
          New lists are private; make one public from <a href="/collections">your lists</a>.
        </p>
      </div>
    </details>
  );
};
