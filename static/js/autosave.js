// Progressive enhancement for the questionnaire: the form works without this file.
// - Autosave: shortly after a change the step is saved in the background (no reload), the time
//   of the last save is shown, and a save that fails on the network is retried.
// - Leaving the page with changes that are not saved yet asks first.
// - An error summary at the top of the page gets the focus, so it is read out first.
// - "不清楚" next to a number disables the number, so the two answers cannot contradict.
// - A copy of input the server does not hold yet is kept in this browser (localStorage) and put
//   back when the step is opened again: it survives what the server cannot catch (the session
//   AND the CSRF cookie gone, a closed tab, a crash). It is dropped once the server has it.
//
// Never read form.action or form.method: the submit buttons are named "action", and a control
// with that name shadows the property (form.action would be a RadioNodeList).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  var form = document.querySelector("form[data-autosave]");
  if (!form) return;

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

  if (!window.fetch || !window.FormData) return;
  var endpoint = form.getAttribute("action") || window.location.pathname;
  var status = form.querySelector("[data-autosave-status]");
  var revision = form.querySelector("input[name=revision]");
  var english = (document.documentElement.lang || "").indexOf("en") === 0;
  var words = english
    ? {
        saving: "Saving…",
        saved: "Saved automatically at ",
        retry: "No connection: not saved yet, trying again in {s} s…",
        failed: "Not saved automatically: ",
        server: "Not saved automatically (server error): trying again in {s} s…",
        conflict: "A colleague changed this step: reload to see it.",
        expired: "Your session has expired; your input has been kept. ",
        login: "Sign in again",
        local: "Input not yet saved was kept in this browser and has been put back; it is being saved now.",
      }
    : {
        saving: "正在自动保存…",
        saved: "已自动保存 ",
        retry: "网络中断,尚未保存:{s} 秒后重试…",
        failed: "未能自动保存:",
        server: "未能自动保存(服务器出错):{s} 秒后重试…",
        conflict: "同事刚修改了这一步,请刷新页面查看。",
        expired: "会话已过期,已为你保留输入。",
        login: "重新登录",
        local: "上次未保存的输入已在本机保留,现已恢复,正在保存。",
      };

  // --- The local copy ------------------------------------------------------------------------
  var SKIP = { csrfmiddlewaretoken: 1, revision: 1, action: 1 };
  var COPY_DAYS = 7;
  var copyKey = "maturity:unsaved:" + endpoint;
  var serverRevision = revision ? revision.value : "";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }  // private mode, disabled
  }

  function isChoice(el) { return el.type === "checkbox" || el.type === "radio"; }
  function isText(el) {
    return !isChoice(el) && el.type !== "submit" && el.type !== "button" && el.type !== "file";
  }

  function currentFields() {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.disabled && el.type !== "checkbox") return;
      if (isChoice(el) ? el.checked : isText(el)) pairs.push([el.name, el.value]);
    });
    return pairs;
  }

  function keepCopy() {
    var store = storage();
    if (!store) return;
    try {
      store.setItem(copyKey, JSON.stringify(
        { revision: serverRevision, at: Date.now(), fields: currentFields() }));
    } catch (e) { /* full or refused: the server-side paths still apply */ }
  }

  function dropCopy() {
    var store = storage();
    if (store) store.removeItem(copyKey);
  }

  function readCopy() {
    var store = storage();
    if (!store) return null;
    try {
      var copy = JSON.parse(store.getItem(copyKey) || "null");
      if (!copy || !copy.fields) return null;
      // The server moved on since (saved from here, or by a colleague), or the copy is old.
      if (String(copy.revision) !== String(serverRevision) ||
          Date.now() - copy.at > COPY_DAYS * 86400000) {
        dropCopy();
        return null;
      }
      return copy;
    } catch (e) {
      dropCopy();
      return null;
    }
  }

  function restoreCopy(copy) {
    var same = JSON.stringify(copy.fields) === JSON.stringify(currentFields());
    if (same) { dropCopy(); return false; }
    var values = {};
    copy.fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var used = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name]) return;
      var wanted = values[el.name] || [];
      if (isChoice(el)) {
        el.checked = wanted.indexOf(el.value) !== -1;
      } else if (isText(el)) {
        var i = used[el.name] || 0;
        el.value = i < wanted.length ? wanted[i] : "";
        used[el.name] = i + 1;
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-unknown-for]"), syncUnknown);
    return true;
  }

  var edits = 0;        // changes made on this page
  var savedEdits = 0;   // changes the server holds (or keeps for after the login)
  var refused = -1;     // the edit count the server last refused (invalid input): wait for more
  var saving = false;
  var leaving = false;
  var stopped = false;  // the session ended or a colleague saved: no more background saves
  var timer = null;
  var failures = 0;
  var DELAY = 1200;
  var RETRY = [2, 4, 8, 15, 30];

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("is-error", !!isError);
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function changed() {
    edits += 1;
    keepCopy();
    if (!stopped) schedule(DELAY);
  }

  if (form.hasAttribute("data-restored")) {
    // Input kept from a session that ended: it is on the page but not saved yet.
    edits = 1;
    schedule(DELAY);
  } else {
    var copy = readCopy();
    if (copy && restoreCopy(copy)) {
      edits = 1;
      say(words.local);
      schedule(DELAY);
    }
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { leaving = true; });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || edits === savedEdits) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to show their warning
  });

  function retryLater(template) {
    var seconds = RETRY[Math.min(failures, RETRY.length - 1)];
    failures += 1;
    say(template.replace("{s}", seconds), true);
    schedule(seconds * 1000);
  }

  function showExpired(body, sent) {
    stopped = true;
    savedEdits = sent;  // kept on the server for after the login
    say(body.message || words.expired, true);
    if (status && body.login_url) {
      var link = document.createElement("a");
      link.href = body.login_url;
      link.textContent = words.login;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(link);
    }
  }

  function save() {
    if (saving || stopped || edits === savedEdits || edits === refused) return;
    saving = true;
    var sent = edits;
    say(words.saving);
    var data = new FormData(form);
    data.set("action", "autosave");
    fetch(endpoint, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(
        function (body) { return { status: response.status, body: body }; },
        function () { return { status: response.status, body: {} }; }
      );
    }).then(function (reply) {
      saving = false;
      var body = reply.body || {};
      if (reply.status === 200 && body.saved) {
        failures = 0;
        savedEdits = sent;
        if (revision) revision.value = body.revision;
        serverRevision = revision ? revision.value : serverRevision;
        if (edits === savedEdits) dropCopy(); else keepCopy();
        say(words.saved + body.saved_at);
        if (edits !== savedEdits) schedule(DELAY);
      } else if (reply.status === 401 && body.expired) {
        showExpired(body, sent);
      } else if (reply.status === 409) {
        stopped = true;
        say(body.message || body.error || words.conflict, true);
      } else if (reply.status === 400) {
        refused = sent;
        say(words.failed + (body.message || ""), true);
      } else {
        retryLater(words.server);
      }
    }, function () {
      saving = false;
      retryLater(words.retry);  // offline, DNS, connection reset: try again
    });
  }
})();
