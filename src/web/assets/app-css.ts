// The site stylesheet, served at /assets/app.css. A TS string module so `tsc` carries it into
// dist/ with no copy step. Light and dark themes follow prefers-color-scheme.

export const appCss = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --surface-2: #f0f2f5;
  --text: #1a1d23;
  --muted: #5a6270;
  --border: #e1e4e9;
  --accent: #2456c7;
  --accent-soft: #e8eefc;
  --vote: #d97706;
  --vote-soft: #fff4e0;
  /* Vote orange as text on --vote-soft: --vote itself is 2.9:1 there, this is 5.9:1 (WCAG AA). */
  --vote-text: #9a4a00;
  --danger: #b42318;
  --danger-soft: #fdecea;
  --mark: #fff0b3;
  --mark-text: #1a1d23;
  --focus: #2456c7;
  --radius: 10px;
  --shadow: 0 1px 2px rgb(16 24 40 / 6%);
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  /* Text pages keep a readable line length; lists of cards and the header use wide screens. */
  --page-width: 56rem;
  --wide-width: 86rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115;
    --surface: #171a21;
    --surface-2: #1f232c;
    --text: #e7e9ee;
    --muted: #9aa3b2;
    --border: #2a303c;
    --accent: #8db0ff;
    --accent-soft: #1c2640;
    --vote: #f5a524;
    --vote-soft: #2b2214;
    --vote-text: #f5a524;
    --danger: #ff8a80;
    --danger-soft: #3a1d1b;
    --mark: #5c4a12;
    --mark-text: #fff6d6;
    --focus: #8db0ff;
    --shadow: none;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.55 var(--font);
  text-rendering: optimizeLegibility;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
/* Links inside running text are underlined, not told apart by colour alone (WCAG 1.4.1; axe
   link-in-text-block). Navigation, buttons, chips and titles stand apart by position and shape. */
main p a:not(.button):not(.filter-chip), main dd a, main td a, .comment-head a, .comment-body a, .abstract a, .notice a, .search-help a {
  text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 0.15em;
}
/* KaTeX colours an error's source inline (#cc0000: 2.95:1 on the dark surface); the theme's red reads in both. */
.katex-error { color: var(--danger) !important; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
code, pre { font-family: var(--mono); font-size: 0.9em; }
h1, h2, h3 { line-height: 1.25; margin: 0 0 0.5rem; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.15rem; }
.container { max-width: var(--page-width); margin: 0 auto; padding: 0 1rem; }
/* [hidden] wins over a class's display (.button is inline-flex): script-only buttons stay hidden without script. */
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--surface); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; }

/* Header and navigation: one row on desktop (logo, sections, search, account); on phones the
   account menu moves up beside the logo and the sections and search box take a row each. */
.site-header { background: var(--surface); border-bottom: 1px solid var(--border); }
.site-header .container { max-width: var(--wide-width); display: flex; align-items: center; gap: 0.5rem 1rem; min-height: 3.5rem; flex-wrap: wrap; padding-block: 0.5rem; }
.site-name { font-weight: 700; font-size: 1.15rem; color: var(--text); display: inline-flex; align-items: center; gap: 0.45rem; }
.site-name:hover { text-decoration: none; }
.site-logo { width: 1.5rem; height: 1.5rem; border-radius: 6px; background: var(--vote); color: #fff; display: inline-grid; place-items: center; font-size: 0.9rem; }
.site-nav ul { display: flex; gap: 0.25rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
.site-nav li { flex: none; }
.site-nav a { display: block; padding: 0.35rem 0.7rem; border-radius: 999px; color: var(--muted); font-weight: 500; }
.site-nav a:hover { background: var(--surface-2); color: var(--text); text-decoration: none; }
.site-nav a[aria-current="page"] { background: var(--accent-soft); color: var(--accent); }

/* Header search box */
.site-search { display: flex; gap: 0.4rem; margin-left: auto; flex: 1 1 10rem; min-width: 0; max-width: 28rem; }
/* A signed-in header (Submit, Moderation, Digests, For you, Lists, name) crushed the box to "Search pap"
   at 1280px: below 14rem the account menu wraps to a second row instead, still on the right. */
@media (min-width: 40.01rem) { .site-search { min-width: 14rem; } }
.site-search + .account-menu { margin-left: auto; }
/* The search page has no header box: the account menu still keeps to the right. */
.site-nav + .account-menu { margin-left: auto; }
/* width: 100% lets the box shrink below the input's intrinsic 20 characters before the row wraps. */
.site-search input { flex: 1; min-width: 0; width: 100%; font: inherit; font-size: 0.95rem; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.4rem 0.7rem; }
.site-search input::placeholder { color: var(--muted); }
.site-search input:focus-visible { border-color: var(--focus); }
.site-search .button { padding: 0.4rem 0.8rem; }

/* The footer stays at the bottom of short pages (errors, empty boards). */
main.container { width: 100%; flex: 1 0 auto; padding-top: 1.75rem; padding-bottom: 3rem; }
/* Wide screens: pages of paper cards grow and lay the cards out in two columns, each a readable
   width; text pages (a paper, forms) keep --page-width. */
@media (min-width: 87.5rem) {
  main.container:has(.paper-list) { max-width: var(--wide-width); }
  /* main: more specific than the one-column rule further down. */
  main .paper-list { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  main .paper-list > li > .paper-card { height: 100%; }
}

/* The search page's own field: full width, so a long query stays readable. */
.search-form { display: flex; gap: 0.5rem; margin: 0 0 1.25rem; }
.search-form input { flex: 1; min-width: 0; font: inherit; font-size: 1.05rem; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.55rem 0.8rem; }
.search-form input:focus-visible { border-color: var(--focus); }

/* Board header: title, period tabs, previous/next */
.board-head { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 1rem; margin-bottom: 1rem; }
.board-head h1 { margin: 0; }
.paper-ids { color: var(--muted); font-size: 0.9rem; font-family: var(--mono); margin: 0 0 0.35rem; }
.eyebrow { color: var(--muted); font-size: 0.85rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; margin: 0 0 0.2rem; }
.board-meta { color: var(--muted); margin: 0.25rem 0 0; font-size: 0.95rem; }
.board-controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; margin: 0 0 1rem; font-size: 0.9rem; }
.board-control { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin: 0; min-width: 0; }
.board-control .field-pair { display: inline-flex; align-items: center; gap: 0.4rem; min-width: 0; max-width: 100%; }
.board-control input, .board-control select { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); color: var(--text); max-width: 100%; }
.tabs { display: inline-flex; flex-wrap: wrap; max-width: 100%; border: 1px solid var(--border); border-radius: 1.2rem; padding: 3px; background: var(--surface); }
.tabs a { padding: 0.25rem 0.85rem; border-radius: 999px; color: var(--muted); font-size: 0.9rem; font-weight: 500; }
.tabs a:hover { color: var(--text); text-decoration: none; }
.tabs a[aria-current="page"] { background: var(--text); color: var(--surface); }
.period-nav { display: flex; justify-content: space-between; gap: 1rem; margin: 0 0 1rem; }
.period-nav a, .period-nav span { font-size: 0.9rem; padding: 0.35rem 0.8rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
.period-nav span { color: var(--muted); background: transparent; border-style: dashed; }
.period-nav a:hover { text-decoration: none; border-color: var(--accent); }

/* Paper cards */
.paper-list { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; }
.paper-list > li { min-width: 0; }
.paper-card { display: flex; gap: 1rem; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; box-shadow: var(--shadow); }
.vote-box { flex: none; width: 3.4rem; height: 3.6rem; display: flex; flex-direction: column; align-items: center; justify-content: center; border: 1px solid var(--border); border-radius: 8px; background: var(--surface-2); color: var(--muted); }
.vote-form { margin: 0; flex: none; scroll-margin-top: 2rem; }
button.vote-box { font: inherit; cursor: pointer; }
button.vote-box:hover { border-color: var(--accent); color: var(--accent); }
button.vote-box[aria-busy="true"] { cursor: progress; }
button.vote-box[data-voted="true"] { border-color: var(--accent); background: var(--accent-soft); color: var(--accent); }
button.vote-box[data-voted="true"] .count { color: var(--accent); }
.vote-box .arrow { font-size: 0.75rem; line-height: 1; }
.vote-box .count { font-weight: 700; font-size: 1.05rem; color: var(--text); font-variant-numeric: tabular-nums; }
.paper-body { min-width: 0; flex: 1; }
.paper-title { font-size: 1.1rem; font-weight: 650; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.paper-title a { color: var(--text); }
.paper-title a:hover { color: var(--accent); }
.authors { color: var(--muted); font-size: 0.92rem; margin: 0 0 0.4rem; }
.et-al { white-space: nowrap; }
.abstract-preview { margin: 0.4rem 0 0.6rem; font-size: 0.95rem; overflow-wrap: anywhere; }
.paper-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.9rem; font-size: 0.85rem; color: var(--muted); margin: 0; }
.chips { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; margin: 0; padding: 0; }
.chip { display: inline-block; padding: 0.05rem 0.55rem; border-radius: 999px; background: var(--surface-2); border: 1px solid var(--border); font-size: 0.8rem; color: var(--muted); font-family: var(--mono); }
.chip.primary { background: var(--accent-soft); color: var(--accent); border-color: transparent; font-weight: 600; }
.code-link { display: inline-flex; align-items: center; gap: 0.3rem; min-width: 0; overflow-wrap: anywhere; }
.icon { width: 1em; height: 1em; fill: currentColor; flex: none; vertical-align: -0.125em; }
.meta-item { display: inline-flex; align-items: center; gap: 0.3rem; }
.upvote-count { font-weight: 600; color: var(--vote-text); }
.card-thumb { flex: none; align-self: flex-start; width: 160px; height: auto; aspect-ratio: 160 / 86; object-fit: cover; border-radius: 6px; border: 1px solid var(--border); background: var(--surface-2); }
.ai-summary { margin: 0.3rem 0; font-size: 0.92rem; overflow-wrap: anywhere; }
.ai-label { display: inline-block; margin-right: 0.3rem; padding: 0 0.45rem; border-radius: 999px; border: 1px solid var(--border); font-size: 0.75rem; font-weight: 600; color: var(--muted); }

/* Search results */
mark { background: var(--mark); color: var(--mark-text); border-radius: 3px; padding: 0 0.1em; }
.filter-chips { display: flex; flex-wrap: wrap; gap: 0.4rem; list-style: none; margin: 0 0 0.75rem; padding: 0; }
.filter-chip { display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.2rem 0.4rem 0.2rem 0.7rem; border-radius: 999px; background: var(--accent-soft); color: var(--accent); font-size: 0.85rem; font-weight: 500; border: 1px solid transparent; }
.filter-chip:hover { text-decoration: none; border-color: var(--accent); }
.filter-chip .remove { display: inline-grid; place-items: center; width: 1.2rem; height: 1.2rem; border-radius: 999px; background: var(--surface); font-size: 0.95rem; line-height: 1; }
.subscribe { font-size: 0.9rem; color: var(--muted); margin: 0 0 1rem; }
.banner.info { background: var(--accent-soft); color: var(--text); border: 1px solid var(--border); }
.notice.error { border-color: var(--danger); }
.notice.error h2 { color: var(--danger); }
.notice.error p { color: var(--text); }
.search-intro { color: var(--muted); }
.search-help { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 0.75rem 1.1rem; margin-top: 1.5rem; font-size: 0.92rem; }
.search-help summary { cursor: pointer; font-weight: 600; }
.search-help dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 0.75rem 0 0; }
.search-help dt code { background: var(--surface-2); padding: 0.1rem 0.4rem; border-radius: 4px; }
.search-help dd { margin: 0; color: var(--muted); }
.search-help p { color: var(--muted); margin: 0.75rem 0 0; }

/* Similar papers under the paper page */
.similar-papers { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1.1rem 1.5rem; margin-top: 1rem; box-shadow: var(--shadow); }
.similar-papers ol { margin: 0; padding-left: 1.25rem; display: grid; gap: 0.5rem; }
.similar-papers a { font-weight: 600; overflow-wrap: anywhere; }
.similar-authors { display: block; color: var(--muted); font-size: 0.88rem; }

/* Pagination */
.pagination { display: flex; justify-content: center; align-items: center; gap: 1rem; margin-top: 1.5rem; color: var(--muted); font-size: 0.9rem; }
.pagination a { padding: 0.35rem 0.8rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }

/* Empty and error states */
.why-ranked { margin-top: 0.5rem; font-size: 0.85rem; color: var(--muted); }
.why-ranked summary { cursor: pointer; }
.why-ranked p { margin: 0.35rem 0 0; }
.discussion { margin-top: 2rem; }
.comment-thread, .comment-replies { list-style: none; margin: 0; padding: 0; }
.comment-replies { margin-left: 1.25rem; padding-left: 0.9rem; border-left: 2px solid var(--border); }
.comment-replies.flat { margin-left: 0; padding-left: 0; border-left: 0; }
.comment { margin: 0.9rem 0; }
.comment-head { font-size: 0.9rem; }
.comment-body { overflow-wrap: anywhere; }
.comment-body p { margin: 0.3rem 0; }
.comment-body pre { overflow-x: auto; background: var(--surface-2); padding: 0.5rem; border-radius: 6px; }
.comment-actions { display: flex; gap: 0.9rem; align-items: flex-start; font-size: 0.85rem; flex-wrap: wrap; }
.comment-actions summary { cursor: pointer; color: var(--accent); }
.comment-form { display: flex; flex-direction: column; gap: 0.4rem; margin: 0.5rem 0; max-width: 40rem; }
.comment-form textarea { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem; }
.comment-form .button { align-self: flex-start; }
.comment-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.comment-preview { border: 1px dashed var(--border); border-radius: 8px; padding: 0.5rem 0.75rem; overflow-wrap: anywhere; }
.inline-form { display: inline; margin: 0; }
.account-menu { display: flex; align-items: center; gap: 0.5rem; }
.account-menu form { margin: 0; }
.account-name { font-weight: 600; }
.link-button { background: none; border: 0; padding: 0; font: inherit; color: var(--accent); cursor: pointer; }
.link-button:hover { text-decoration: underline; }
.form-card { max-width: 28rem; margin: 2rem auto; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1.5rem; }
.form-card h1 { margin-top: 0; }
.stacked-form { display: flex; flex-direction: column; gap: 0.6rem; margin-top: 1rem; }
.stacked-form input[type="email"], .stacked-form input[type="text"] { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.7rem; }
.form-card .button.primary { justify-content: center; }
.button[aria-busy='true'] { cursor: progress; }
.password-signin { margin-top: 1.2rem; }
.password-signin summary { cursor: pointer; color: var(--accent); }
.stacked-form input[type="password"] { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.7rem; }
.form-note { font-weight: 500; }
.flash { background: var(--accent-soft); color: var(--text); border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem 0.9rem; margin: 0 0 1rem; font-weight: 500; }
.form-error { color: var(--danger); font-weight: 500; }
.muted { color: var(--muted); }
.profile { margin: 2rem 0; }
.notice { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 2rem 1.5rem; text-align: center; }
.notice h1, .notice h2 { margin-bottom: 0.5rem; }
.notice p { color: var(--muted); margin: 0.5rem auto; max-width: 36rem; }
.notice code { background: var(--surface-2); padding: 0.1rem 0.35rem; border-radius: 4px; color: var(--text); }
.error-code { font-size: 3rem; font-weight: 800; color: var(--muted); margin: 0; line-height: 1; }

/* Paper page */
.paper-page { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1.5rem; box-shadow: var(--shadow); }
.paper-page h1 { font-size: 1.55rem; overflow-wrap: anywhere; }
.paper-page section { margin-top: 1.5rem; }
.banner { border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1rem; font-weight: 500; }
.banner.withdrawn { background: var(--danger-soft); color: var(--danger); border: 1px solid currentColor; }
.author-list { list-style: none; padding: 0; margin: 0.25rem 0 0; display: flex; flex-wrap: wrap; gap: 0.15rem 0.4rem; }
.author-list li:not(:last-child)::after { content: ","; }
.more-authors { margin-top: 0.25rem; }
.more-authors summary { cursor: pointer; color: var(--accent); width: fit-content; }
.affiliation { color: var(--muted); font-size: 0.9em; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0 0; }
.button { display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.45rem 0.9rem; border-radius: 8px; border: 1px solid var(--border); background: var(--surface-2); color: var(--text); font: inherit; font-size: 0.9rem; font-weight: 500; cursor: pointer; }
.button:hover { border-color: var(--accent); text-decoration: none; }
.stat { display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.45rem 0.9rem; border-radius: 8px; background: var(--vote-soft); color: var(--vote-text); font-size: 0.9rem; font-weight: 700; }
.stat.comments { background: var(--surface-2); color: var(--muted); font-weight: 500; }
.button.primary { background: var(--accent); border-color: var(--accent); color: var(--surface); }
.abstract { font-size: 1.02rem; line-height: 1.65; overflow-wrap: anywhere; }
.abstract .katex-display { overflow-x: auto; overflow-y: hidden; }
.ai-summary { background: var(--surface-2); border-radius: 8px; padding: 0.75rem 1rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 0; }
.facts dt { color: var(--muted); font-weight: 500; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--border); }
th { color: var(--muted); font-weight: 600; }
.citation { position: relative; }
.citation pre { background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.9rem 1rem; overflow-x: auto; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.citation-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.math-source { font-family: var(--mono); font-size: 0.92em; }

/* Reading lists */
.badge { display: inline-block; margin-left: 0.35rem; padding: 0 0.5rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600; letter-spacing: 0.02em; text-transform: none; background: var(--accent-soft); color: var(--accent); vertical-align: 0.1em; }
.badge.private { background: var(--surface-2); color: var(--muted); border: 1px solid var(--border); }
.collection-links { list-style: none; margin: 0.5rem 0 1rem; padding: 0; display: grid; gap: 0.45rem; }
.collection-links a { font-weight: 600; }
.form-card.new-list { margin: 1.5rem 0; }
.collection-description { white-space: pre-line; overflow-wrap: anywhere; max-width: 44rem; margin: 0 0 1rem; }
.collection-entry-meta { font-size: 0.85rem; margin: 0.5rem 0 0; }
.collection-edit { margin: 0 0 1.25rem; }
.collection-edit summary { cursor: pointer; color: var(--accent); }
.collection-edit .stacked-form { max-width: 32rem; }
.stacked-form textarea, .save-form select, .save-form input[type="text"] { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.45rem 0.7rem; }
.stacked-form .button { align-self: flex-start; }
.visibility-choice { border: 0; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
.visibility-choice legend { padding: 0; margin-bottom: 0.25rem; }
.button.danger { color: var(--danger); }
.button.danger:hover { border-color: var(--danger); }
.save-menu > summary { list-style: none; }
.save-menu > summary::-webkit-details-marker { display: none; }
.save-menu[open] { flex-basis: 100%; }
.save-menu[open] > summary { border-color: var(--accent); color: var(--accent); }
.save-menu.saved > summary { background: var(--accent-soft); color: var(--accent); border-color: transparent; }
.save-panel { margin-top: 0.5rem; background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; display: grid; gap: 0.6rem; }
.save-form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0; }
.save-label { font-weight: 500; min-width: 4.5rem; }
.save-form select, .save-form input[type="text"] { flex: 1 1 12rem; min-width: 0; background: var(--surface); }
.saved-in { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.saved-in ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
.saved-in li { display: inline-flex; align-items: center; gap: 0.5rem; padding: 0.15rem 0.7rem; border-radius: 999px; background: var(--surface); border: 1px solid var(--border); font-size: 0.9rem; }
.saved-in .link-button { color: var(--muted); font-size: 0.8rem; }
.saved-in .link-button:hover { color: var(--danger); }
.save-note { font-size: 0.85rem; margin: 0; }
.discussion-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
.discussion-head a { font-size: 0.85rem; }

/* Email digests: subscribe and preferences forms, status, the footer form, the admin page */
.form-card.wide { max-width: 40rem; }
.prefs-form { gap: 1rem; }
.prefs-group { border: 1px solid var(--border); border-radius: 8px; margin: 0; padding: 0.75rem 1rem 1rem; display: grid; gap: 0.8rem; min-width: 0; }
.prefs-group > legend { font-weight: 650; padding: 0 0.35rem; }
.choice-group { border: 0; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
.field-label { padding: 0; margin-bottom: 0.2rem; font-weight: 500; }
.field { display: grid; gap: 0.25rem; min-width: 0; }
.field > label { font-weight: 500; }
.prefs-group:has(input[name="frequency"][value="daily"]:checked) .weekly-day-field { display: none; }
.field-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.8rem; align-items: end; }
.preview-form { margin-bottom: 1.5rem; }
.preview-form input { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.45rem 0.7rem; min-width: 0; }
.preview-form .button { justify-content: center; }
.field-hint { margin: 0; font-size: 0.85rem; color: var(--muted); }
.checkbox { display: flex; align-items: center; gap: 0.45rem; }
.prefs-form select, .prefs-form input[type="number"], .prefs-form textarea { font: inherit; color: var(--text); background: var(--surface-2); border: 1px solid var(--border); border-radius: 8px; padding: 0.45rem 0.6rem; min-width: 0; width: 100%; }
.prefs-form input.narrow { width: 6rem; }
.prefs-form textarea { resize: vertical; }
.form-error ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.form-error p { margin: 0; }
div.form-error { background: var(--danger-soft); border-radius: 8px; padding: 0.6rem 0.9rem; margin: 0.75rem 0; }
.subscriber-line { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-bottom: 0; overflow-wrap: anywhere; }
.status-badge { display: inline-block; padding: 0.05rem 0.6rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; background: var(--surface-2); color: var(--muted); border: 1px solid var(--border); white-space: nowrap; }
.status-badge.status-active { background: var(--accent-soft); color: var(--accent); border-color: transparent; }
.status-badge.status-bouncing { background: var(--danger-soft); color: var(--danger); border-color: transparent; }
.status-badge.status-pending { background: var(--vote-soft); color: var(--vote-text); border-color: transparent; }
.unsubscribe-form { border-top: 1px solid var(--border); padding-top: 1rem; margin-top: 1.25rem; }
.digest-settings { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.25rem; margin: 0 0 2rem; }
.digest-settings p { margin: 0.4rem 0; }
.footer-digest { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; margin: 0 0 1.25rem; padding-bottom: 1.25rem; border-bottom: 1px solid var(--border); }
.footer-digest label, .footer-digest-title { font-weight: 600; color: var(--text); font-size: 0.95rem; }
.footer-digest input[type="email"] { flex: 1 1 14rem; max-width: 20rem; min-width: 0; font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.4rem 0.7rem; }
.stat-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr)); gap: 1rem; margin: 1rem 0 2rem; }
.stat-card { min-width: 0; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.25rem; box-shadow: var(--shadow); }
.stat-card p { margin: 0.75rem 0 0; font-size: 0.9rem; }
.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9rem, 100%), 1fr)); gap: 0.4rem 1.25rem; margin: 0; }
.counts > div { min-width: 0; display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; border-bottom: 1px dashed var(--border); padding: 0.2rem 0; }
.counts dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }
.table-scroll { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); }
.runs-table { white-space: nowrap; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }

/* Footer */
.site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: 0.85rem; padding: 1.5rem 0 2.5rem; }
.site-footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: 0.5rem 0 0; }
.site-footer p { margin: 0; }

@media (max-width: 40rem) {
  .paper-card { padding: 0.85rem; gap: 0.75rem; }
  /* A phone's card is too narrow to give 160 px to a picture; the title matters more. */
  .card-thumb { display: none; }
  .vote-box { width: 2.8rem; height: 3.1rem; }
  .paper-page { padding: 1rem; }
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.4rem; }
  .search-help dl { grid-template-columns: 1fr; }
  .search-help dd { margin-bottom: 0.4rem; }
  .site-header .container { gap: 0.5rem 0.75rem; }
  .site-name { font-size: 1.05rem; }
  .site-header .account-menu { order: 1; margin-left: auto; flex-wrap: wrap; justify-content: flex-end; gap: 0.25rem 0.6rem; font-size: 0.9rem; }
  .site-header .account-menu .button { padding: 0.3rem 0.6rem; }
  .site-nav { order: 2; flex-basis: 100%; }
  .site-nav ul { gap: 0.1rem; }
  .site-nav a { padding: 0.3rem 0.6rem; }
  .site-search { order: 3; flex-basis: 100%; max-width: none; margin-left: 0; }
  .tabs a { padding: 0.25rem 0.6rem; }
  h1 { font-size: 1.35rem; }
}
/* The smallest phones (320 px): the four sections still fit one row. */
@media (max-width: 22.5rem) {
  .site-nav a { padding: 0.3rem 0.45rem; font-size: 0.95rem; }
}
/* "For you": each card's reasons and feedback buttons; the cold start's follow forms. */
.for-you-card-foot { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.3rem 1rem; margin-top: 0.5rem; font-size: 0.85rem; }
.reasons { list-style: none; margin: 0; padding: 0; color: var(--muted); }
.reasons li::before { content: "↳ "; color: var(--accent); }
.feedback-forms { display: inline-flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.8rem; font-size: 0.85rem; }
.feedback-forms form { display: inline; margin: 0; }
.paper-body > .feedback-forms { margin-top: 0.4rem; }
.for-you-start, .for-you-more, .for-you-feedback, .for-you-follows { margin: 1.5rem 0; }
.for-you-feedback ul, .follow-list { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.4rem; }
.follow-list { flex-direction: row; flex-wrap: wrap; }
.follow-inputs { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 2rem; }
.follow-form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.6rem; margin: 0.4rem 0; }
.follow-form label { flex-basis: 100%; font-weight: 600; font-size: 0.9rem; }
.follow-form input { font: inherit; padding: 0.4rem 0.7rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); color: inherit; min-width: 0; flex: 1 1 10rem; }
.follow-form input::placeholder { color: var(--muted); }
`;
