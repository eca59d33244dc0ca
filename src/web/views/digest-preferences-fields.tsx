// The digest preferences fields (schedule, how many papers, topics) shared by the subscribe page
// and a subscriber's preferences page, and the form values they show: from saved preferences, or
// from a submitted form exactly as typed, so a form sent back with problems keeps the reader's input.

import type { FormFields } from '../../digest/preferences-form.js';
import { DIGEST_LIMITS, type DigestPreferences } from '../../model/digest-preferences.js';

export interface PreferencesFormValues {
  frequency: string;
  weeklyDay: string;
  sendHour: string;
  timeZone: string;
  maxPapers: string;
  includeTrending: boolean;
  categories: string;
  queries: string;
  authors: string;
  exclude: string;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Every zone the runtime knows, UTC first (Intl lists only geographic zones). */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

export function formValuesOf(prefs: DigestPreferences): PreferencesFormValues {
  return {
    frequency: prefs.frequency,
    weeklyDay: String(prefs.weeklyDay),
    sendHour: String(prefs.sendHour),
    timeZone: prefs.timeZone,
    maxPapers: String(prefs.maxPapers),
    includeTrending: prefs.includeTrending,
    categories: prefs.topics.categories.join(', '),
    queries: prefs.topics.queries.join('\n'),
    authors: prefs.topics.authors.join('\n'),
    exclude: prefs.topics.exclude.join('\n'),
  };
}

/** What the reader sent, field by field; fields the form did not carry show `base`. */
export function formValuesFrom(form: FormFields, base: DigestPreferences): PreferencesFormValues {
  const saved = formValuesOf(base);
  const sent = (name: string, fallback: string): string => {
    const value = form[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : fallback;
  };
  return {
    frequency: sent('frequency', saved.frequency),
    weeklyDay: sent('weekly_day', saved.weeklyDay),
    sendHour: sent('send_hour', saved.sendHour),
    timeZone: sent('time_zone', saved.timeZone),
    maxPapers: sent('max_papers', saved.maxPapers),
    includeTrending:
      form.has_trending === undefined ? saved.includeTrending : form.include_trending !== undefined,
    categories: sent('categories', saved.categories),
    queries: sent('queries', saved.queries),
    authors: sent('authors', saved.authors),
    exclude: sent('exclude', saved.exclude),
  };
}

/** Options of a <select>; a value the list lacks (typed by hand, say) is kept as an extra option. */
const Options = (props: { options: Array<[string, string]>; selected: string }) => {
  const isListed = props.options.some(([value]) => value === props.selected);
  return (
    <>
      {isListed ? null : (
        <option value={props.selected} selected>{`${props.selected} (not a known choice)`}</option>
      )}
      {props.options.map(([value, label]) => (
        <option value={value} selected={value === props.selected}>
          {label}
        </option>
      ))}
    </>
  );
};

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** A labelled textarea or text field with its hint tied to it for screen readers. */
const TopicField = (props: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  isSingleLine?: boolean;
}) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    {props.isSingleLine ? (
      <input
        id={props.id}
        type="text"
        name={props.name}
        value={props.value}
        aria-describedby={`${props.id}-hint`}
      />
    ) : (
      <textarea id={props.id} name={props.name} rows={3} aria-describedby={`${props.id}-hint`}>
        {props.value}
      </textarea>
    )}
    <p id={`${props.id}-hint`} class="field-hint">
      {props.hint}
    </p>
  </div>
);

/**
 * The preferences fieldsets. `isBrowserZoneDefault` lets app.js preselect the browser's time zone
 * (on the subscribe page, where nothing was chosen yet).
 */
export const PreferencesFields = (props: {
  values: PreferencesFormValues;
  isBrowserZoneDefault?: boolean;
}) => {
  const { values } = props;
  const { min, max } = DIGEST_LIMITS.maxPapers;
  return (
    <>
      <fieldset class="prefs-group">
        <legend>Schedule</legend>
        <fieldset class="choice-group">
          <legend class="field-label">How often</legend>
          <label>
            <input type="radio" name="frequency" value="daily" checked={values.frequency !== 'weekly'} />{' '}
            Every weekday (Monday to Friday)
          </label>
          <label>
            <input type="radio" name="frequency" value="weekly" checked={values.frequency === 'weekly'} />{' '}
            Once a week
          </label>
        </fieldset>
        <div class="field-row">
          {/* Hidden by CSS while "Every weekday" is chosen (:has(), no script needed). */}
          <div class="field weekly-day-field">
            <label for="prefs-weekly-day">Weekly digest on</label>
            <select id="prefs-weekly-day" name="weekly_day">
              <Options options={WEEKDAYS.map((day, i) => [String(i + 1), day])} selected={values.weeklyDay} />
            </select>
          </div>
          <div class="field">
            <label for="prefs-send-hour">Send at</label>
            <select id="prefs-send-hour" name="send_hour">
              <Options
                options={Array.from({ length: 24 }, (_, hour) => [String(hour), hourLabel(hour)])}
                selected={values.sendHour}
              />
            </select>
          </div>
          <div class="field">
            <label for="prefs-time-zone">Time zone</label>
            <select
              id="prefs-time-zone"
              name="time_zone"
              data-browser-time-zone={props.isBrowserZoneDefault ? '' : undefined}
            >
              <Options
                options={TIME_ZONES.map((zone) => [zone, zone.replaceAll('_', ' ')])}
                selected={values.timeZone}
              />
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset class="prefs-group">
        <legend>Papers</legend>
        <div class="field">
          <label for="prefs-max-papers">Papers per digest (at most)</label>
          <input
            id="prefs-max-papers"
            type="number"
            name="max_papers"
            min={min}
            max={max}
            required
            value={values.maxPapers}
            class="narrow"
          />
        </div>
        <input type="hidden" name="has_trending" value="1" />
        <label class="checkbox">
          <input type="checkbox" name="include_trending" checked={values.includeTrending} /> Include the
          period's trending papers
        </label>
        <TopicField
          id="prefs-categories"
          name="categories"
          label="arXiv categories"
          hint="Separated by commas or spaces: cs.CL, cs.LG, or a whole archive like cs.*"
          value={values.categories}
          isSingleLine
        />
        <TopicField
          id="prefs-queries"
          name="queries"
          label="Saved searches"
          hint={`One per line, in the search language: sparse attention, ti:diffusion cat:cs.CV (at most ${DIGEST_LIMITS.queries})`}
          value={values.queries}
        />
        <TopicField
          id="prefs-authors"
          name="authors"
          label="Authors you follow"
          hint="One name per line"
          value={values.authors}
        />
        <TopicField
          id="prefs-exclude"
          name="exclude"
          label="Leave out papers mentioning"
          hint="Words or phrases, one per line"
          value={values.exclude}
        />
      </fieldset>
    </>
  );
};

/** The problems found in a submitted form, announced to screen readers. */
export const FormProblems = (props: { problems: string[] }) =>
  props.problems.length === 0 ? null : (
    <div class="form-error" role="alert">
      <p>Please fix {props.problems.length === 1 ? 'this' : 'these'}:</p>
      <ul>
        {props.problems.map((problem) => (
          <li>{problem}</li>
        ))}
      </ul>
    </div>
  );
