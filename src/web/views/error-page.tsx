// The shared HTML error page (400, 404, 500, …): status, a plain message and ways back.
// routes/index.ts uses it for app.notFound and app.onError; page routes use it for bad input.

import { Layout, type Site } from './layout.js';

const HEADINGS: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Page not found',
  409: 'Conflict',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Service unavailable',
};

export function errorHeading(status: number): string {
  return HEADINGS[status] ?? (status >= 500 ? 'Something went wrong' : 'Request error');
}

export interface ErrorLink {
  href: string;
  label: string;
}

export const ErrorPage = (props: { site: Site; status: number; message: string; link?: ErrorLink }) => {
  const heading = errorHeading(props.status);
  return (
    <Layout site={props.site} meta={{ title: `${props.status} ${heading}`, isNoIndex: true }}>
      <section class="notice" aria-labelledby="error-heading">
        <p class="error-code">{props.status}</p>
        <h1 id="error-heading">{heading}</h1>
        <p>{props.message}</p>
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        ) : null}
        <p>
          <a href="/">Go to the latest papers</a>
        </p>
      </section>
    </Layout>
  );
};
