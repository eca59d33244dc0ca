// The one-time notice after an action (web/flash.ts), at the top of the page it lands on; a status
// region, so screen readers announce it without moving the focus.

export const FlashNotice = (props: { message: string | undefined }) =>
  props.message ? (
    <p class="flash" role="status">
      {props.message}
    </p>
  ) : null;
