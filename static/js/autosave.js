// Progressive enhancement for the questionnaire: the form works without this file.
// - Autosave: a few seconds after a change, the step is saved in the background (no reload).
// - "不清楚" next to a number disables the number, so the two answers cannot contradict.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector("[data-autosave-status]");
  var revision = form.querySelector("input[name=revision]");
  var dirty = false;
  var saving = false;
  var lang = document.documentElement.lang || "zh-Hans";
  var words = lang.indexOf("en") === 0
    ? { saving: "Saving…", saved: "Saved automatically at ", failed: "Not saved automatically: use “Save draft”.", conflict: "A colleague changed this step: reload to see it." }
    : { saving: "正在自动保存…", saved: "已自动保存 ", failed: "自动保存失败,请点击“保存草稿”。", conflict: "同事刚修改了这一步,请刷新页面查看。" };

  function say(text) { if (status) status.textContent = text; }

  function syncUnknown(box) {
    var input = document.getElementById(box.getAttribute("data-unknown-for"));
    if (!input) return;
    input.disabled = box.checked;
    if (box.checked) input.value = "";
  }
  Array.prototype.forEach.call(form.querySelectorAll("[data-unknown-for]"), function (box) {
    syncUnknown(box);
    box.addEventListener("change", function () { syncUnknown(box); });
  });

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; saving = true; });

  function save() {
    if (!dirty || saving) return;
    dirty = false;
    saving = true;
    say(words.saving);
    var data = new FormData(form);
    data.set("action", "autosave");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (reply) {
      if (reply.status === 200 && reply.body.saved) {
        revision.value = reply.body.revision;
        say(words.saved + reply.body.saved_at);
      } else if (reply.status === 409) {
        say(reply.body.message || words.conflict);
      } else {
        say(words.failed);
      }
    }).catch(function () {
      dirty = true;
      say(words.failed);
    }).then(function () { saving = false; });
  }
  window.setInterval(save, 4000);
})();
