/* The AU's side of cmi5 (runtime, sections 8-10): read the launch parameters, trade the fetch
   URL for an auth token, read LMS.LaunchData, and send "initialized", the recall answer
   ("answered", an allowed statement), "completed" (Normal launch mode only) and "terminated"
   to the LMS's LRS. Without launch parameters the lesson still reads; nothing is sent. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("lesson-config").textContent);
  var status = document.getElementById("status");
  var form = document.getElementById("finish-form");
  var params = new URLSearchParams(window.location.search);
  var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var launch = {
    endpoint: params.get("endpoint"),
    fetchUrl: params.get("fetch"),
    actor: params.get("actor"),
    registration: params.get("registration"),
    activityId: params.get("activityId")
  };
  var launched = !!(launch.endpoint && launch.fetchUrl && launch.actor && launch.registration && launch.activityId);
  var startedAt = Date.now();
  var session = null;
  var finished = false;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (Math.random() * 16) >> (c / 4)).toString(16);
    });
  }

  function languageMap(text) {
    if (!text) { return undefined; }
    var map = {};
    map[config.language] = text;
    return map;
  }

  function url(path) {
    return launch.endpoint.replace(/\/?$/, "/") + path;
  }

  function duration() {
    return "PT" + Math.max(0, Math.round((Date.now() - startedAt) / 100) / 10) + "S";
  }

  function context(categories) {
    var template = JSON.parse(JSON.stringify((session.launchData || {}).contextTemplate || {}));
    template.registration = launch.registration;
    template.contextActivities = template.contextActivities || {};
    var category = template.contextActivities.category || [];
    categories.forEach(function (id) { category.push({ id: id }); });
    if (category.length) { template.contextActivities.category = category; }
    return template;
  }

  function statement(verb, extra, categories) {
    var body = {
      id: newId(),
      timestamp: new Date().toISOString(),
      actor: JSON.parse(launch.actor),
      verb: { id: VERBS + verb, display: { "en-US": verb } },
      object: { id: launch.activityId, objectType: "Activity" },
      context: context(categories)
    };
    Object.keys(extra || {}).forEach(function (key) { body[key] = extra[key]; });
    return fetch(url("statements"), {
      method: "POST",
      headers: {
        "Authorization": session.auth,
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json"
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error("statement refused: " + response.status); }
    });
  }

  function start() {
    return fetch(launch.fetchUrl, { method: "POST" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body["auth-token"]) { throw new Error("no auth token"); }
        session = { auth: "Basic " + body["auth-token"], launchData: {} };
        var query = new URLSearchParams({
          stateId: "LMS.LaunchData",
          activityId: launch.activityId,
          agent: launch.actor,
          registration: launch.registration
        });
        return fetch(url("activities/state?" + query.toString()), {
          headers: { "Authorization": session.auth, "X-Experience-API-Version": "1.0.3" }
        });
      })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (launchData) {
        session.launchData = launchData || {};
        return statement("initialized", {}, [CMI5]);
      });
  }

  var ready = launched ? start() : null;
  if (ready) { ready.catch(function () { status.textContent = config.texts.failed; }); }

  function finish(answer) {
    var steps = ready;
    if (config.recall && answer) {
      steps = steps.then(function () {
        return statement("answered", {
          object: {
            id: launch.activityId + "/recall-question",
            objectType: "Activity",
            definition: {
              type: "http://adlnet.gov/expapi/activities/cmi.interaction",
              interactionType: "fill-in",
              description: languageMap(config.recallQuestion)
            }
          },
          result: { response: answer }
        }, []);
      });
    }
    return steps.then(function () {
      var mode = (session.launchData || {}).launchMode || "Normal";
      if (mode !== "Normal") { return null; }
      return statement("completed", { result: { completion: true, duration: duration() } }, [CMI5, MOVEON]);
    }).then(function () {
      return statement("terminated", { result: { duration: duration() } }, [CMI5]);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (finished) { return; }
    if (!ready) { status.textContent = config.texts.no_platform; return; }
    finished = true;
    document.getElementById("finish").disabled = true;
    var field = document.getElementById("recall-answer");
    finish(field ? field.value.trim().slice(0, config.maxAnswer) : "")
      .then(function () { status.textContent = config.texts.saved; })
      .catch(function () { status.textContent = config.texts.failed; });
  });
}());
