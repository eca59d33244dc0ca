// "More like this" / "Not interested" on a paper, for signed-in readers: on the For-you board's cards
// (with an undo once given) and, through a viewer slot, on the public boards' cards and paper pages.
// Plain POST forms to /for-you/feedback (routes/for-you.tsx) that return to `back`.

/** One feedback choice on one paper: its hidden fields, an optional note, and its button. */
const FeedbackForm = (props: {
  arxivId: string;
  back: string;
  kind: 'more' | 'less' | 'clear';
  label: string;
  note?: string;
}) => (
  <form method="post" action="/for-you/feedback">
    <input type="hidden" name="paper" value={props.arxivId} />
    <input type="hidden" name="kind" value={props.kind} />
    <input type="hidden" name="back" value={props.back} />
    {props.note ? (
      <>
        <span class="meta-item">{props.note}</span>{' '}
      </>
    ) : null}
    <button type="submit" class="link-button">
      {props.label}
    </button>
  </form>
);

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
      <FeedbackForm
        arxivId={props.arxivId}
        back={props.back}
        kind="clear"
        label="Undo"
        note={props.current === 'more' ? 'You asked for more like this.' : 'Not interested.'}
      />
    ) : (
      <>
        <FeedbackForm arxivId={props.arxivId} back={props.back} kind="more" label="More like this" />
        <FeedbackForm arxivId={props.arxivId} back={props.back} kind="less" label="Not interested" />
      </>
    )}
  </div>
);
