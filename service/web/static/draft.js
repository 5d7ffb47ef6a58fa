// A draft that shows who wrote what, and the form that edits its parts before saving.
// The server renders both on load (templates/_draft.html); this builds the same markup when
// a new draft streams in, and sends the leader's edits. Text is only ever set with
// textContent, never as HTML.
(function () {
  "use strict";

  const NOTES_MARK = "\n\n---\n\n";  // service/chat/transcript.py: the draft, then the coach's notes

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The i18n key of a part's mark; none for the leader's own words, which stay plain.
  function markKey(part) {
    if (part.origin === "fallback") {
      return "origin_fallback" + (part.fallback_from ? "_" + part.fallback_from : "");
    }
    return part.origin === "leader" ? null : "origin_" + part.origin;
  }

  function appendMark(node, part, T) {
    const key = markKey(part);
    if (key) node.append(" ", el("span", "origin-mark", T[key]));
  }

  function legend(parts, T) {
    const p = el("p", "legend");
    p.append(el("span", "legend-title", T.who_wrote));
    const present = parts.map(function (part) { return part.origin; });
    ["leader", "translated", "coach", "fallback", "missing"].forEach(function (origin) {
      if (origin !== "leader" && present.indexOf(origin) < 0) return;
      const item = el("span", "legend-item", T["origin_" + origin]);
      item.dataset.origin = origin;
      p.append(" ", item);
    });
    return p;
  }

  function paragraphs(container, text) {
    text.split("\n\n").forEach(function (para) { container.append(el("p", "", para)); });
  }

  // The coach's notes after a draft are short Markdown: paragraphs and "- " lists.
  function coachNotes(content) {
    const at = content.indexOf(NOTES_MARK);
    if (at < 0) return null;
    const box = el("div", "prose coach-notes");
    content.slice(at + NOTES_MARK.length).trim().split(/\n\s*\n/).forEach(function (block) {
      const lines = block.split("\n");
      if (lines.every(function (line) { return line.startsWith("- "); })) {
        const list = el("ul");
        lines.forEach(function (line) { list.append(el("li", "", line.slice(2))); });
        box.append(list);
      } else {
        box.append(el("p", "", block));
      }
    });
    return box;
  }

  // A kept draft message (MessagePublic with parts) as the page shows it.
  function render(message, language, T) {
    const view = el("div", "draft-view");
    view.append(legend(message.parts, T));
    const article = el("article", "draft-parts");
    article.lang = language;
    message.parts.forEach(function (part) {
      const box = el("div", "part part-" + part.name);
      box.dataset.key = part.key;
      box.dataset.origin = part.origin;
      if (part.name === "title") {
        const title = el("h2", "draft-title", part.text);
        appendMark(title, part, T);
        box.append(title);
      } else {
        const label = el("p", "part-label", part.label);
        appendMark(label, part, T);
        const text = el("div", "part-text");
        paragraphs(text, part.text);
        box.append(label, text);
      }
      article.append(box);
    });
    view.append(article);
    if (message.notes && message.notes.length) {
      const aside = el("aside", "draft-notes");
      aside.lang = language;
      const list = el("ul");
      message.notes.forEach(function (note) { list.append(el("li", "", note)); });
      aside.append(el("p", "who", T.draft_notes_title), list);
      view.append(aside);
    }
    const notes = coachNotes(message.content);
    if (notes) view.append(notes);
    return view;
  }

  // Point the save form at a new draft: its id, and one field per part, filled with its text.
  function fillFields(form, message, T) {
    form.dataset.messageId = message.id;
    const details = form.querySelector(".edit-parts");
    const fields = form.querySelector(".part-fields");
    fields.replaceChildren();
    details.hidden = !message.parts;
    (message.parts || []).forEach(function (part) {
      const field = el("div", "part-field");
      field.dataset.origin = part.origin;
      const label = el("label", "", part.label);
      label.htmlFor = "part-" + part.key;
      appendMark(label, part, T);
      const box = el("textarea");
      box.id = "part-" + part.key;
      box.dataset.key = part.key;
      box.rows = part.name === "title" ? 1 : Math.min(Math.max(Math.floor(part.text.length / 70) + 1, 2), 8);
      box.maxLength = part.name === "title" ? 200 : 4000;
      box.defaultValue = part.text;
      const problem = el("p", "problem field-problem");
      problem.hidden = true;
      field.append(label, box, problem);
      fields.append(field);
    });
  }

  // A field as tall as its text, so a part is read whole on a phone too.
  function fit(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }

  function fitAll(form) {
    form.querySelectorAll("textarea[data-key]").forEach(fit);
  }

  function showFieldProblem(box, text) {
    const problem = box.parentElement.querySelector(".field-problem");
    problem.textContent = text;
    problem.hidden = false;
    box.setAttribute("aria-invalid", "true");
    box.closest("details").open = true;
    box.focus();
  }

  function clearFieldProblems(form) {
    form.querySelectorAll(".field-problem").forEach(function (p) { p.hidden = true; });
    form.querySelectorAll("textarea[aria-invalid]").forEach(function (box) {
      box.removeAttribute("aria-invalid");
    });
  }

  // Save the draft as a story, sending only the parts the leader changed.
  function wireSave(form, conversationId) {
    const details = form.querySelector(".edit-parts");
    if (details) details.addEventListener("toggle", function () { fitAll(form); });
    form.addEventListener("input", function (event) {
      if (event.target.matches("textarea[data-key]")) fit(event.target);
    });
    window.addEventListener("resize", function () { if (details && details.open) fitAll(form); });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const SC = window.StoryCoach;
      const status = form.querySelector(".status");
      const button = form.querySelector("button[type=submit]");
      clearFieldProblems(form);
      const edits = {};
      const boxes = Array.from(form.querySelectorAll("textarea[data-key]"));
      const empty = boxes.find(function (box) { return !box.value.trim(); });
      if (empty) {
        showFieldProblem(empty, SC.T.part_empty);
        return;
      }
      boxes.forEach(function (box) {
        if (box.value.trim() !== box.defaultValue.trim()) edits[box.dataset.key] = box.value;
      });
      const body = {};
      if (form.dataset.messageId) body.message_id = Number(form.dataset.messageId);
      if (Object.keys(edits).length) body.parts = edits;
      button.disabled = true;
      form.setAttribute("aria-busy", "true");
      SC.say(status, SC.T.working, false);
      try {
        await SC.api("POST", "/api/conversations/" + conversationId + "/story", body);
        window.location.reload();
      } catch (err) {
        const e = err && err.data && err.data.error;
        const key = e && e.field && e.field.startsWith("parts.") ? e.field.slice(6) : null;
        const box = key ? form.querySelector('textarea[data-key="' + CSS.escape(key) + '"]') : null;
        if (box) {
          showFieldProblem(box, e.message);
          SC.say(status, "", false);
        } else {
          SC.say(status, SC.problem(err), true);
        }
        button.disabled = false;
        form.removeAttribute("aria-busy");
      }
    });
  }

  window.StoryCoachDraft = { render: render, fillFields: fillFields, wireSave: wireSave };
})();
