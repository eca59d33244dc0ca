// The account forms' schemas: sign-in (link or password), setting a password, API tokens, and the
// digest's subscribe, confirm and preferences forms. Read by web/form.ts for web/routes/account*.tsx
// and the digest routes.

import { z } from 'zod';
import { normaliseEmail } from '../../accounts/email-address.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { MAX_TOKEN_NAME } from '../views/tokens-page.js';
import { choice, returnPath, text } from './fields.js';

/** An email field: what was typed (to show it again) and the address it names, if it is one. */
const emailField = () => text().transform((typed) => ({ typed, address: normaliseEmail(typed) }));

export const SignInForm = z.object({ email: emailField(), next: returnPath() });

export const PasswordSignInForm = z.object({ email: emailField(), password: text(), next: returnPath() });

/** A link's token, checked against the store by the route. */
export const TokenForm = z.object({ token: text() });

export const SetPasswordForm = z.object({
  password: text().refine(
    (password) => password.length >= MIN_PASSWORD_LENGTH && password.length <= MAX_PASSWORD_LENGTH,
    `A password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
  ),
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const ApiTokenForm = z.object({
  name: text()
    .transform((name) => name.replace(/\s+/g, ' ').trim())
    .refine(
      (name) => name !== '' && name.length <= MAX_TOKEN_NAME && !CONTROL.test(name),
      `A token’s name has 1 to ${MAX_TOKEN_NAME} characters on one line.`,
    ),
  scope: choice(['read', 'write'], 'scope must be read or write.', 'read'),
});

/**
 * The digest preferences fields as posted; digest/preferences-form.ts reads them against the
 * subscriber's saved preferences and lists every problem at once, so the form is fixed in one round.
 */
export const PreferencesForm = z.object({
  frequency: z.string().optional(),
  weekly_day: z.string().optional(),
  send_hour: z.string().optional(),
  time_zone: z.string().optional(),
  max_papers: z.string().optional(),
  has_trending: z.string().optional(),
  include_trending: z.string().optional(),
  categories: z.string().optional(),
  queries: z.string().optional(),
  authors: z.string().optional(),
  exclude: z.string().optional(),
});

export const SubscribeForm = PreferencesForm.extend({ email: emailField() }).transform(
  ({ email, ...preferences }) => ({ email, preferences }),
);
