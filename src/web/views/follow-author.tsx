// "Follow" on an author page for signed-in readers: their papers then rank higher in the reader's
// "For you" (POST /follows, routes/for-you.tsx). The same for every reader, so the author page stays
// cacheable (a viewer slot): following twice changes nothing, and unfollowing is on /for-you.

export const FollowAuthorButton = (props: { name: string; back: string }) => (
  <form method="post" action="/follows" class="follow-form">
    <input type="hidden" name="kind" value="author" />
    <input type="hidden" name="value" value={props.name} />
    <input type="hidden" name="action" value="follow" />
    <input type="hidden" name="back" value={props.back} />
    <button type="submit" class="button" title="Rank this author's papers higher in For you">
      Follow in For you
    </button>
  </form>
);
