// The only browser script, served at /assets/app.js: progressive enhancement for the BibTeX copy
// button (hidden until this runs) and for upvote buttons (sent without a reload; the plain form
// POST is the fallback). No inline scripts anywhere, so a strict CSP can forbid them.

export const appJs = `'use strict';
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
document.querySelectorAll('form.vote-form').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    var choice = form.querySelector('input[name="vote"]');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    }).then(function (response) {
      if (response.status === 403) { window.location.href = '/signin'; return null; }
      if (!response.ok) throw new Error('vote failed: ' + response.status);
      return response.json();
    }).then(function (result) {
      button.disabled = false;
      if (!result) return;
      form.querySelector('.count').textContent = String(result.upvotes);
      button.setAttribute('aria-pressed', result.voted ? 'true' : 'false');
      button.title = result.voted ? 'Remove your upvote' : 'Upvote';
      choice.value = result.voted ? '0' : '1';
    }).catch(function () {
      form.submit();
    });
  });
});
`;
