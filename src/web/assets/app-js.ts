// The only browser script, served at /assets/app.js: progressive enhancement for the BibTeX copy
// button (hidden until this runs). No inline scripts anywhere, so a strict CSP can forbid them.

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
`;
