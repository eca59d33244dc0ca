// The only browser script, served at /assets/app.js: progressive enhancement for the BibTeX copy
// button (hidden until this runs), for upvote buttons (sent without a reload, keeping the focus and
// announcing the result; the plain form POST is the fallback), for digest subscribe forms (the
// browser's time zone instead of UTC), for forms whose answer takes a while (data-busy-label: the
// submit form waits on arXiv) and for comment previews (rendered by the server's own renderer,
// routes/comment-preview.ts).
// No inline scripts anywhere, so a strict CSP can forbid them.

export const appJs = `'use strict';
// A card thumbnail that cannot load (HF's CDN down or blocked, the board read offline) would show
// the browser's broken-image icon in an empty frame: drop it, the card reads the same without it.
// Lazy images fail after this runs (the capture listener), eager ones may have failed before it.
function hideBrokenThumb(img) { img.remove(); }
document.addEventListener('error', function (event) {
  var img = event.target;
  if (img && img.classList && img.classList.contains('card-thumb')) hideBrokenThumb(img);
}, true);
document.querySelectorAll('img.card-thumb').forEach(function (img) {
  if (img.complete && img.naturalWidth === 0 && img.currentSrc) hideBrokenThumb(img);
});
document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
  var target = document.getElementById(button.getAttribute('data-copy-target'));
  if (!target) return;
  var label = button.textContent;
  function done(text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = label; }, 1600);
  }
  function selectTarget() {
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    var text = target.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done('Copied'); }, function () {
        selectTarget();
        done('Press Ctrl+C');
      });
    } else {
      selectTarget();
      done(document.execCommand && document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C');
    }
  });
});
(function () {
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (error) { return; }
  if (!zone) return;
  document.querySelectorAll('[data-browser-time-zone]').forEach(function (field) {
    var isOffered = field.tagName !== 'SELECT' || Array.prototype.some.call(field.options, function (option) {
      return option.value === zone;
    });
    if (isOffered) field.value = zone;
  });
})();
// A form sent without a reload, as the plain POST would send it, asking for the JSON answer.
function postForJson(form) {
  return fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams(new FormData(form)),
    headers: { Accept: 'application/json' },
    credentials: 'same-origin'
  });
}
// The button stays enabled and keeps the focus while the vote is sent (aria-busy marks the wait; a
// disabled button would drop the focus to <body>); the result is announced in the form's status
// region, and the button's name says what pressing it does next (views/paper-card.tsx voteLabel).
function voteWords(voted, upvotes) {
  var count = upvotes.toLocaleString('en-US') + (upvotes === 1 ? ' upvote' : ' upvotes');
  return { label: (voted ? 'Remove upvote, ' : 'Upvote, ') + count, count: count };
}
document.querySelectorAll('form.vote-form').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    var choice = form.querySelector('input[name="vote"]');
    var status = form.querySelector('[data-vote-status]');
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    postForJson(form).then(function (response) {
      if (response.status === 403) {
        var here = window.location.pathname + window.location.search + '#' + form.id;
        window.location.href = '/signin?reason=vote&next=' + encodeURIComponent(here);
        return null;
      }
      if (!response.ok) throw new Error('vote failed: ' + response.status);
      return response.json();
    }).then(function (result) {
      button.removeAttribute('aria-busy');
      if (!result) return;
      var words = voteWords(result.voted, result.upvotes);
      form.querySelector('.count').textContent = String(result.upvotes);
      button.setAttribute('data-voted', result.voted ? 'true' : 'false');
      button.setAttribute('aria-label', words.label);
      button.title = result.voted ? 'Remove your upvote' : 'Upvote';
      choice.value = result.voted ? '0' : '1';
      if (status) status.textContent = (result.voted ? 'Upvoted. ' : 'Upvote removed. ') + words.count + '.';
      if (document.activeElement !== button && document.activeElement === document.body) button.focus();
    }).catch(function () {
      form.submit();
    });
  });
});
// "More like this" / "Not interested" on the public boards (views/feedback-forms.tsx): sent without a
// reload, the buttons give way to a note saying it was taken (undo is on /for-you). On a failure the
// form is submitted the plain way.
document.querySelectorAll('.feedback-forms[data-inline="true"] form').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var box = form.parentElement;
    postForJson(form).then(function (response) {
      if (!response.ok) throw new Error('feedback failed: ' + response.status);
      return response.json();
    }).then(function (result) {
      var note = document.createElement('span');
      note.className = 'meta-item';
      note.setAttribute('role', 'status');
      note.textContent = result.feedback === 'less'
        ? 'Noted: fewer like this in For you.'
        : 'Noted: more like this in For you.';
      box.replaceChildren(note);
    }).catch(function () {
      form.submit();
    });
  });
});
document.querySelectorAll('form[data-busy-label]').forEach(function (form) {
  var button = form.querySelector('button[type="submit"]');
  if (!button) return;
  var label = button.textContent;
  var isBusy = false;
  form.addEventListener('submit', function (event) {
    // The plain POST goes on; the button says what the wait is for, keeps focus, and a second press does nothing.
    if (isBusy) { event.preventDefault(); return; }
    isBusy = true;
    button.setAttribute('aria-disabled', 'true');
    button.setAttribute('aria-busy', 'true');
    button.textContent = form.getAttribute('data-busy-label');
  });
  // Coming back through the history cache shows the page as it was left: not busy any more.
  window.addEventListener('pageshow', function () {
    isBusy = false;
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-busy');
    button.textContent = label;
  });
});
// Preview: the button is shown only here, so without script there is none. Once a preview is open it
// follows the text as the reader types, one request after each pause (well under the server's limit).
document.querySelectorAll('button[data-comment-preview]').forEach(function (button) {
  var form = button.form;
  var field = form && form.querySelector('textarea[name="body"]');
  var output = form && form.querySelector('[data-preview-output]');
  if (!field || !output) return;
  var timer = 0;
  var sent = 0;
  function show() {
    var mine = ++sent;
    fetch('/comments/preview', {
      method: 'POST',
      body: new URLSearchParams({ body: field.value }),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      if (mine !== sent) return;
      output.innerHTML = html;
      output.hidden = false;
    }).catch(function () {
      if (mine !== sent) return;
      output.textContent = 'The preview could not be loaded.';
      output.hidden = false;
    });
  }
  button.hidden = false;
  button.addEventListener('click', show);
  field.addEventListener('input', function () {
    if (output.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(show, 1200);
  });
});
`;
