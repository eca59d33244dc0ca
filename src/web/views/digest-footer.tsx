// "Get the digest" in every page's footer: an email field posting to /subscribe for visitors (the
// time zone comes from the browser via app.js, UTC without it); signed-in readers subscribe from
// their profile, where their verified address needs no confirmation.

import type { Site } from './layout.js';

export const FooterDigestForm = (props: { viewer: Site['viewer'] }) =>
  props.viewer ? (
    <p class="footer-digest">
      <span class="footer-digest-title">Trending papers in your inbox</span>
      <a href={`/users/${encodeURIComponent(props.viewer.username)}#digest`} class="button">
        Get the digest
      </a>
    </p>
  ) : (
    <form method="post" action="/subscribe" class="footer-digest">
      <label for="footer-digest-email">Trending papers in your inbox</label>
      <input
        id="footer-digest-email"
        type="email"
        name="email"
        required
        autocomplete="email"
        placeholder="you@example.org"
      />
      <input type="hidden" name="time_zone" value="UTC" data-browser-time-zone="" />
      <button type="submit" class="button">
        Get the digest
      </button>
      <a href="/subscribe">Choose topics</a>
    </form>
  );
