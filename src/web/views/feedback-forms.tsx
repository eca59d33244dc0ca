// "More like this" / "Not interested" on a paper, for signed-in readers: on the For-you board's cards
// (with an undo once given) and, through a viewer slot, on the public boards' cards and paper pages.
// Plain POST forms to /for-you/feedback (routes/for-you.tsx) that return to `back`.

/** "More like this" / "Not interested" (or undo) on one paper; a plain POST that returns to `back`. */
export const FeedbackForms = (props: {
  arxivId: string;
  back: string;
  current?: 'more' | 'less';
  /** On public pages app.js sends the form without a reload and says it was noted. */
  isInline?: boolean;
}) => (
  <div class="feedback-forms" data-feedback={props.arxivId} data-inline={props.isInline ? 'true' : undefined}>
    {props.current ? (
      <form method="post" action="/for-you/feedback">
        <input type="hidden" name="paper" value={props.arxivId} />
        <input type="hidden" name="kind" value="clear" />
        <input type="hidden" name="back" value={props.back} />
        <span class="meta-item">
          {props.current === 'more' ? 'You asked for more like this.' : 'Not interested.'}
        </span>{' '}
        <button type="submit" class="link-button">
          Undo
        </button>
      </form>
    ) : (
      <>
        <form method="post" action="/for-you/feedback">
          <input type="hidden" name="paper" value={props.arxivId} />
          <input type="hidden" name="kind" value="more" />
          <input type="hidden" name="back" value={props.back} />
          <button type="submit" class="link-button">
            More like this
          </button>
        </form>
        <form method="post" action="/for-you/feedback">
          <input type="hidden" name="paper" value={props.arxivId} />
          <input type="hidden" name="kind" value="less" />
          <input type="hidden" name="back" value={props.back} />
          <button type="submit" class="link-button">
            Not interested
          </button>
        </form>
      </>
    )}
  </div>
);
