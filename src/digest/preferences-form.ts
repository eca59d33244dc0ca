// Reads the digest preferences form (the preferences page, the subscribe form, account settings)
// into DigestPreferences, with every problem as a sentence the form can show.

import {
  DEFAULT_PREFERENCES,
  type DigestPreferences,
  preferenceProblems,
  splitEntries,
} from '../model/digest-preferences.js';
import { canonicalTimeZone } from '../model/digest-schedule.js';
import { topicQueryProblems } from './topics.js';

export type FormFields = Record<string, string | File | (string | File)[] | undefined>;

function text(form: FormFields, name: string): string | undefined {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function integer(form: FormFields, name: string, fallback: number): number {
  const value = text(form, name);
  if (value === undefined || value.trim() === '') return fallback;
  return /^-?\d{1,4}$/.test(value.trim()) ? Number(value) : Number.NaN;
}

/** Preferences from a submitted form; fields left out keep `base`'s values. */
export function readPreferencesForm(
  form: FormFields,
  base: DigestPreferences = DEFAULT_PREFERENCES,
): { prefs: DigestPreferences; problems: string[] } {
  const frequency = text(form, 'frequency') ?? base.frequency;
  const prefs: DigestPreferences = {
    frequency: frequency as DigestPreferences['frequency'],
    weeklyDay: integer(form, 'weekly_day', base.weeklyDay),
    sendHour: integer(form, 'send_hour', base.sendHour),
    timeZone: zoneName(text(form, 'time_zone') ?? base.timeZone),
    maxPapers: integer(form, 'max_papers', base.maxPapers),
    // A checkbox is absent when unticked; forms say they carry it with a hidden `has_trending`.
    includeTrending:
      text(form, 'has_trending') === undefined
        ? base.includeTrending
        : text(form, 'include_trending') !== undefined,
    topics: {
      categories: splitOr(form, 'categories', /[\s,]+/, base.topics.categories),
      queries: splitOr(form, 'queries', /\r?\n/, base.topics.queries),
      authors: splitOr(form, 'authors', /\r?\n|;/, base.topics.authors),
      exclude: splitOr(form, 'exclude', /\r?\n|,/, base.topics.exclude),
    },
  };
  // Every problem at once, so the form is fixed in one round.
  const problems = [...preferenceProblems(prefs), ...topicQueryProblems(prefs.topics)];
  return { prefs, problems };
}

/** A known zone under its canonical name (so the form's <select> shows it), else as typed for the message. */
function zoneName(typed: string): string {
  const name = typed.trim();
  return canonicalTimeZone(name) ?? name;
}

function splitOr(form: FormFields, name: string, separator: RegExp, fallback: string[]): string[] {
  const value = text(form, name);
  return value === undefined ? fallback : splitEntries(value, separator);
}
