// StoryCoach pages: call the JSON API with the session cookie and the CSRF token.
// Plain JS, no framework. Everything the server sends is shown with textContent (never HTML).
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.content : null;
  const textNode = document.getElementById("ui-text");
  const T = textNode ? JSON.parse(textNode.textContent) : {};

  class ApiError extends Error {
    constructor(status, data) {
      super("HTTP " + status);
      this.status = status;
      this.data = data;
    }
  }

  function headers(json) {
    const h = { Accept: "application/json" };
    if (csrf) h["X-CSRF-Token"] = csrf;
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  // A friendly sentence for a failed call: the API names the field and the reason. When the
  // model failed, the page says so in its own language and plain words (the technical
  // detail stays in the server's log and the response's "detail", never on the page).
  const PLAIN = {
    generation_failed: "error_model",
    model_unavailable: "error_unavailable",
    database_busy: "error_busy",
    internal_error: "error_generic",
    error: "error_generic",
  };

  function problem(err) {
    if (err && err.status === 401) return T.error_session;
    const e = err && err.data && err.data.error;
    if (e && PLAIN[e.code]) return T[PLAIN[e.code]] || T.error_generic;
    if (e && e.message) return (e.field ? e.field + ": " : "") + e.message;
    return T.error_generic;
  }

  function formBody(form, submitter) {
    const body = {};
    new FormData(form).forEach(function (value, key) {
      if (key === "csrf_token" || typeof value !== "string") return;
      if (value.trim() !== "") body[key] = value;
    });
    if (submitter && submitter.name) body[submitter.name] = submitter.value;
    return body;
  }

  function say(el, text, isProblem) {
    if (!el) return;
    el.textContent = text || "";
    el.classList.toggle("problem", !!isProblem);
    if (isProblem) el.setAttribute("role", "alert");
  }

  const renderers = {
    questions: function (form, data) {
      const list = document.querySelector(form.dataset.target);
      list.replaceChildren();
      data.questions.forEach(function (q) {
        const li = document.createElement("li");
        li.className = "question";
        li.textContent = q.question;
        const kind = document.createElement("span");
        kind.className = "badge";
        kind.textContent = q.type;
        li.append(" ", kind);
        list.append(li);
      });
    },
  };

  // <form data-api="/api/..." [data-method] [data-next="/x/{id}"] [data-render]>: send the
  // fields as JSON; then render, go on, or reload to show the new state.
  function wire(form) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const status = form.querySelector(".status");
      const buttons = form.querySelectorAll("button");
      const body = formBody(form, event.submitter);
      buttons.forEach(function (b) { b.disabled = true; });
      form.setAttribute("aria-busy", "true");
      say(status, T.working, false);
      try {
        const data = await api(form.dataset.method || "POST", form.dataset.api, body);
        if (form.dataset.render) {
          renderers[form.dataset.render](form, data);
          say(status, "", false);
        } else if (form.dataset.next) {
          window.location.assign(form.dataset.next.replace("{id}", encodeURIComponent(data.id)));
        } else {
          window.location.reload();
        }
      } catch (err) {
        say(status, problem(err), true);
      } finally {
        // A button held back (four eyes: data-held) stays disabled; the page says why.
        buttons.forEach(function (b) { if (!b.hasAttribute("data-held")) b.disabled = false; });
        form.removeAttribute("aria-busy");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-api]").forEach(wire);
    // <button data-print>: print the page (the session card's page prints the card alone).
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });

  window.StoryCoach = { api: api, problem: problem, say: say, headers: headers, T: T };
})();
