// Signing out forgets the questionnaire's local copies of unsaved input (see autosave.js), so
// the next person at a shared computer does not find them.
(function () {
  "use strict";
  function forget() {
    try {
      var store = window.localStorage;
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var key = store.key(i);
        if (key && key.indexOf("maturity:unsaved:") === 0) store.removeItem(key);
      }
    } catch (e) { /* storage disabled: nothing was kept */ }
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-sign-out]"), function (form) {
    form.addEventListener("submit", forget);
  });
})();
