// /moderation (admins): open reports with what was reported and the actions at hand (act on the
// target, or dismiss the report), and the log of moderator actions.

import type { LogEntry, OpenReport } from '../../store/moderation.js';
import { FlashNotice } from './flash-notice.js';
import { Layout, type Site } from './layout.js';
import { paperPath } from './paper-card.js';

const ActOnTarget = (props: { report: OpenReport }) => {
  const { report } = props;
  if (report.targetType === 'comment') {
    return (
      <form method="post" action={`/moderation/comments/${report.targetId}/hide`} class="inline-form">
        <input type="hidden" name="reason" value={`report: ${report.reason}`} />
        <button type="submit" class="button">
          Hide comment
        </button>
      </form>
    );
  }
  return report.arxivId ? (
    <form method="post" action="/moderation/submissions" class="inline-form">
      <input type="hidden" name="paper" value={report.arxivId} />
      <input type="hidden" name="reason" value={`report: ${report.reason}`} />
      <button type="submit" class="button">
        Remove submission
      </button>
    </form>
  ) : null;
};

/** Act on what was reported, or dismiss the report when nothing is wrong (both are logged). */
const ReportActions = (props: { report: OpenReport }) => (
  <div class="comment-actions">
    <ActOnTarget report={props.report} />
    <form method="post" action={`/moderation/reports/${props.report.id}/dismiss`} class="inline-form">
      <button type="submit" class="button">
        Dismiss report
      </button>
    </form>
  </div>
);

export const ModerationPage = (props: {
  site: Site;
  reports: OpenReport[];
  log: LogEntry[];
  flash?: string | undefined;
}) => (
  <Layout site={props.site} meta={{ title: 'Moderation', isNoIndex: true }}>
    <FlashNotice message={props.flash} />
    <h1>Moderation</h1>
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">Open reports ({props.reports.length})</h2>
      {props.reports.length === 0 ? <p class="muted">Nothing reported.</p> : null}
      <ol class="report-list">
        {props.reports.map((report) => (
          <li class="report">
            <p>
              {report.targetType === 'comment' ? 'Comment' : 'Submission'}{' '}
              {report.arxivId ? (
                <a
                  href={`${paperPath(report.arxivId)}${report.targetType === 'comment' ? `#comment-${report.targetId}` : ''}`}
                >
                  on arXiv:{report.arxivId}
                </a>
              ) : null}{' '}
              reported by @{report.reporter}: “{report.reason}”
            </p>
            {report.commentBody ? <blockquote class="reported-text">{report.commentBody}</blockquote> : null}
            <ReportActions report={report} />
          </li>
        ))}
      </ol>
    </section>
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Log</h2>
      {props.log.length === 0 ? (
        <p class="muted">No actions yet.</p>
      ) : (
        <table class="moderation-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {props.log.map((entry) => (
              <tr>
                <td>
                  <time datetime={entry.createdAt}>{entry.createdAt.slice(0, 16).replace('T', ' ')}</time>
                </td>
                <td>@{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>{entry.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  </Layout>
);
