/* The SCO's side of SCORM 1.2 (ADL run-time environment, section 3.3): find the LMS's API
   object, start a session, report the recall answer and completion, end the session.
   Plain ES5 and no libraries: LMSs still launch content in old embedded browsers. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("lesson-config").textContent);
  var status = document.getElementById("status");
  var form = document.getElementById("finish-form");
  var MAX_PARENTS = 500;

  /* The API object is "API" on this window, a parent frame, or the window that opened it. */
  function searchUp(win) {
    var hops = 0;
    while (win && !win.API && win.parent && win.parent !== win && hops < MAX_PARENTS) {
      hops += 1;
      win = win.parent;
    }
    return win && win.API ? win.API : null;
  }

  function findApi() {
    var api = null;
    try { api = searchUp(window); } catch (e) { api = null; }
    if (!api && window.opener) {
      try { api = searchUp(window.opener); } catch (e2) { api = null; }
    }
    if (!api && window.top && window.top.opener) {
      try { api = searchUp(window.top.opener); } catch (e3) { api = null; }
    }
    return api;
  }

  var api = findApi();
  var started = false;
  var finished = false;

  function ok(result) { return String(result) === "true"; }

  if (api) {
    started = ok(api.LMSInitialize(""));
    if (started && api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
  }

  function finish(answer) {
    if (!api || !started) {
      status.textContent = config.texts.no_platform;
      return false;
    }
    var saved = true;
    if (config.recall && answer) {
      var n = api.LMSGetValue("cmi.interactions._count") || "0";
      var at = "cmi.interactions." + n + ".";
      saved = ok(api.LMSSetValue(at + "id", "recall-question")) && saved;
      saved = ok(api.LMSSetValue(at + "type", "fill-in")) && saved;
      saved = ok(api.LMSSetValue(at + "student_response", answer.slice(0, config.maxAnswer))) && saved;
      saved = ok(api.LMSSetValue(at + "result", "neutral")) && saved;
    }
    saved = ok(api.LMSSetValue("cmi.core.lesson_status", "completed")) && saved;
    saved = ok(api.LMSCommit("")) && saved;
    saved = ok(api.LMSFinish("")) && saved;
    finished = true;
    status.textContent = saved ? config.texts.saved : config.texts.failed;
    return saved;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (finished) { return; }
    var field = document.getElementById("recall-answer");
    finish(field ? field.value.replace(/^\s+|\s+$/g, "") : "");
    if (finished) { document.getElementById("finish").disabled = true; }
  });

  /* Leaving without pressing the button still ends the session (the status stays incomplete). */
  window.addEventListener("pagehide", function () {
    if (api && started && !finished) {
      finished = true;
      api.LMSCommit("");
      api.LMSFinish("");
    }
  });
}());
