// The Preview button and the place its result goes, inside every comment form (views/discussion.tsx).
// Both start hidden: without app.js there is no preview, so no button that does nothing.

export const PreviewButton = () => (
  <button type="button" class="button" data-comment-preview hidden>
    Preview
  </button>
);

/** A polite live region, so a screen reader hears that the preview changed without losing its place. */
export const PreviewOutput = () => (
  <div class="comment-preview comment-body" data-preview-output aria-live="polite" hidden />
);
