/* The job page refreshes itself (meta refresh) while a background export runs; with scripts on,
   this polls the job's JSON status instead and updates the progress bar in place, showing the
   download link when the file is ready. Progressive enhancement only. */
(function () {
  "use strict";
  var card = document.querySelector("[data-job-status-url]");
  if (!card || !window.fetch) return;
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.parentNode.removeChild(refresh);
  var url = card.getAttribute("data-job-status-url");
  var bar = card.querySelector("[data-job-progress]");
  var label = card.querySelector("[data-job-label]");
  var count = card.querySelector("[data-job-count]");
  var download = card.querySelector("[data-job-download]");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { window.setTimeout(poll, 5000); return; }
        bar.max = state.total || 1;
        bar.value = state.done;
        bar.textContent = state.percent + "%";
        label.textContent = state.status_label;
        count.textContent = count.textContent.replace(/\d+\s*\/\s*\d+/, state.done + " / " + state.total);
        if (state.download_url) {
          download.querySelector("a").href = state.download_url;
          download.hidden = false;
          return;
        }
        if (state.status === "failed") { window.location.reload(); return; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
