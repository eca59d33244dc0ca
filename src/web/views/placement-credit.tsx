// Who put a paper on the board, with the submitter's name linked to their profile when they are a
// reader of this site. Used by the cards (views/paper-card.tsx) and the paper page's facts.

import type { StoredBoardEntry } from '../../model/stored-paper.js';
import { capitalise, placementCredit } from './format.js';

/** A reader's profile page (routes/account.tsx serves /users/:username). */
export function profilePath(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

/**
 * Only a `submission` placement was made by an account here; HF and collection placements name
 * people who have no profile on this site, so their names stay text rather than links to a 404.
 */
export const PlacementCredit = (props: { board: StoredBoardEntry; isCapitalised?: boolean }) => {
  const { board } = props;
  const phrase = placementCredit(board);
  if (!phrase) return null;
  const text = props.isCapitalised ? capitalise(phrase) : phrase;
  if (board.source !== 'submission' || !board.submittedBy) return <>{text}</>;
  const name = board.submitterFullname ?? board.submittedBy;
  return (
    <>
      {text.slice(0, text.length - name.length)}
      <a href={profilePath(board.submittedBy)}>{name}</a>
    </>
  );
};
