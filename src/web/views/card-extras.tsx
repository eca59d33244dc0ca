// What Hugging Face readers expect on a card and the data already has: HF's thumbnail, the GitHub
// star count, the organization and HF's AI-written one-line summary. Used by views/paper-card.tsx.

import type { StoredPaper } from '../../model/stored-paper.js';
import { thumbnailUrl } from '../../model/thumbnail.js';
import { formatCount } from './format.js';

/**
 * HF's social thumbnail, lazy so a 50-card board fetches only what scrolls into view, with its size
 * set so the card does not jump when it arrives. alt="" because it is decorative: the title beside it
 * already names the paper, and "thumbnail of …" read 50 times over adds nothing (WCAG H67).
 */
export const CardThumbnail = (props: { paper: Pick<StoredPaper, 'arxivId' | 'board'> }) => {
  const src = thumbnailUrl(props.paper);
  if (!src) return null;
  return <img class="card-thumb" src={src} width="160" height="86" loading="lazy" decoding="async" alt="" />;
};

/** "1,234 stars" after the repository link, when HF knew the count. */
export const GitHubStars = (props: { stars: number | null }) =>
  props.stars === null ? null : (
    <span class="meta-item stars" title="GitHub stars">
      <span aria-hidden="true">★</span> {formatCount(props.stars, 'star', 'stars')}
    </span>
  );

/** The organization HF links the paper to, by its full name; its page on HF is where it lives. */
export const CardOrganization = (props: { organization: StoredPaper['organization'] }) => {
  const org = props.organization;
  if (!org) return null;
  return (
    <a
      class="meta-item org"
      href={`https://huggingface.co/${encodeURIComponent(org.name)}`}
      rel="nofollow noopener"
    >
      <span class="visually-hidden">Organization: </span>
      {org.fullname || org.name}
    </a>
  );
};

/** HF's one-line summary, labelled as written by a model so no one takes it for the authors' words. */
export const AiSummary = (props: { summary: string | null }) =>
  props.summary ? (
    <p class="ai-summary">
      <span class="ai-label">AI summary</span> {props.summary}
    </p>
  ) : null;
