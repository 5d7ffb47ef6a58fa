// The chat: start a conversation, send an answer and read the coach's reply as server-sent
// events from a POST (fetch + ReadableStream; EventSource can only GET). A failed reply says
// so in plain words and offers to try again from the kept messages; a draft shows who wrote
// what (draft.js).
(function () {
  "use strict";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Split a growing buffer into complete SSE events; returns [events, rest].
  function parseEvents(buffer) {
    const events = [];
    const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
    const rest = blocks.pop();
    blocks.forEach(function (block) {
      let name = "message";
      const data = [];
      block.split("\n").forEach(function (line) {
        if (line.startsWith(":")) return;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      });
      if (data.length) events.push({ name: name, data: data.join("\n") });
    });
    return [events, rest];
  }

  function turn(role, T) {
    const li = el("li", "turn " + role);
    const bubble = el("div", "bubble");
    bubble.append(el("p", "who", role === "user" ? T.you : T.coach));
    const cited = el("aside", "cited");
    li.append(bubble, cited);
    document.getElementById("messages").append(li);
    return { li: li, bubble: bubble, cited: cited };
  }

  function showCitations(aside, citations, T) {
    aside.replaceChildren();
    if (!citations || !citations.length) return;
    aside.append(el("p", "who", T.sources));
    const list = el("ul");
    citations.forEach(function (c) {
      const li = el("li");
      const a = el("a", "", c.title);
      a.href = "/search?q=" + encodeURIComponent(c.title);
      li.append(a, " ", el("code", "", c.id));
      list.append(li);
    });
    aside.append(list);
  }

  // Show a kept reply in its bubble: a draft with who wrote what, other replies as text.
  function showKept(reply, message, T) {
    const language = document.getElementById("messages").dataset.language;
    if (message.parts) {
      reply.body.replaceWith(window.StoryCoachDraft.render(message, language, T));
    } else {
      const said = el("div", "said", message.content);
      reply.body.replaceWith(said);
    }
    reply.li.classList.remove("streaming", "failed", "pending");
    if (message.is_draft) {
      reply.li.classList.add("draft");
      const actions = document.getElementById("draft-actions");
      actions.hidden = false;
      const save = document.getElementById("save-story-form");
      if (save) window.StoryCoachDraft.fillFields(save, message, T);
    }
    showCitations(reply.cited, message.citations, T);
  }

  // The reply failed: the plain message (in the conversation's language, from the server)
  // says what happened, with a way to try again. What was streamed before the failure stays
  // in view, marked as unfinished: it is not a draft (it was never checked or kept), but the
  // leader sees how far the coach got. Their own message and any earlier draft are kept.
  function showFailure(reply, error, T, conversationId) {
    const live = reply.body.querySelector(".live");
    const partial = live ? live.textContent.trim() : "";
    reply.body.remove();
    reply.li.classList.remove("streaming");
    reply.li.classList.add("failed");
    if (partial) {  // plain text: no parts, so nothing of it reads as a kept draft
      const kept = el("div", "partial-draft");
      kept.append(el("p", "meta", T.partial_draft), el("div", "said", partial));
      reply.bubble.append(kept);
    }
    reply.bubble.append(el("p", "problem-text", error.message || T.error_generic));
    if (error.retry) reply.bubble.append(retryButton(reply, T, conversationId));
  }

  function retryButton(reply, T, conversationId) {
    const p = el("p");
    const button = el("button", "secondary try-again", T.try_again);
    button.type = "button";
    button.addEventListener("click", function () { tryAgain(reply, conversationId); });
    p.append(button);
    return p;
  }

  // Stream a reply from ``url`` into ``reply``'s bubble; throws {status, data} when the
  // request itself is refused (nothing streamed).
  async function runReply(url, body, reply, conversationId) {
    const SC = window.StoryCoach;
    const T = SC.T;
    reply.li.classList.add("streaming");
    const live = el("div", "live");
    live.setAttribute("aria-live", "polite");
    const waiting = el("p", "muted thinking", T.thinking);
    reply.body = el("div", "reply-body");
    reply.body.append(waiting, live);
    reply.bubble.append(reply.body);
    const parts = {};
    const headers = SC.headers(true);
    headers.Accept = "text/event-stream";
    const response = await fetch(url, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    if (!response.ok) {
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      throw { status: response.status, data: data };
    }
    let finished = false;
    try {
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      while (!finished) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        const parsed = parseEvents(buffer);
        buffer = parsed[1];
        parsed[0].forEach(function (event) {
          const data = JSON.parse(event.data);
          if (event.name === "delta") {
            waiting.remove();
            let part = parts[data.step];
            if (!part) {
              part = el("span", "part");
              part.dataset.step = data.step;
              parts[data.step] = part;
              if (live.childNodes.length) live.append(document.createTextNode("\n\n"));
              live.append(part);
            }
            if (data.restart) part.textContent = "";
            part.textContent += data.text;
          } else if (event.name === "queued") {
            waiting.textContent = data.message;  // its place in the model's queue
          } else if (event.name === "citations") {
            showCitations(reply.cited, data.citations, T);
          } else if (event.name === "done") {
            showKept(reply, data.message, T);
            finished = true;
          } else if (event.name === "error") {
            showFailure(reply, data, T, conversationId);
            finished = true;
          }
        });
      }
    } catch (e) {
      finished = false;  // the connection broke mid-stream: the leader's message is kept
    }
    if (!finished) showFailure(reply, { message: T.error_generic, retry: true }, T, conversationId);
  }

  async function streamReply(conversationId, content, form) {
    const SC = window.StoryCoach;
    const T = SC.T;
    const status = form.querySelector(".status");
    const mine = turn("user", T);
    mine.bubble.append(el("p", "said", content));
    const reply = turn("assistant", T);
    const url = "/api/conversations/" + conversationId + "/messages";
    try {
      await runReply(url, { content: content }, reply, conversationId);
    } catch (err) {
      reply.li.remove();
      mine.li.remove();
      throw err;
    }
    SC.say(status, "", false);
  }

  // Ask for the coach's reply again from the kept messages, in the same bubble.
  async function tryAgain(reply, conversationId) {
    const T = window.StoryCoach.T;
    reply.bubble.replaceChildren(el("p", "who", T.coach));
    reply.li.classList.remove("failed", "pending");
    try {
      await runReply("/api/conversations/" + conversationId + "/reply", {}, reply, conversationId);
    } catch (err) {
      if (err && err.status === 409) { window.location.reload(); return; }
      showFailure(reply, { message: window.StoryCoach.problem(err), retry: true }, T, conversationId);
    }
  }

  function startForm(form) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const SC = window.StoryCoach;
      const status = form.querySelector(".status");
      const own = form.elements.own_priority.value.trim();
      const chosen = form.elements.priority_id ? form.elements.priority_id.value : "";
      const button = form.querySelector("button");
      button.disabled = true;
      SC.say(status, SC.T.thinking, false);
      try {
        const body = { priority: own || chosen, language: form.elements.language.value };
        const conversation = await SC.api("POST", "/api/conversations", body);
        window.location.assign("/chat/" + encodeURIComponent(conversation.id));
      } catch (err) {
        SC.say(status, SC.problem(err), true);
        button.disabled = false;
      }
    });
  }

  function answerForm(form, conversationId) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const SC = window.StoryCoach;
      const status = form.querySelector(".status");
      const field = form.elements.content;
      const content = field.value.trim();
      if (!content) return;
      const button = form.querySelector("button");
      button.disabled = true;
      form.setAttribute("aria-busy", "true");
      SC.say(status, SC.T.thinking, false);
      try {
        await streamReply(conversationId, content, form);
        field.value = "";
      } catch (err) {
        SC.say(status, SC.problem(err), true);  // the answer stays in the box to send again
      } finally {
        button.disabled = false;
        form.removeAttribute("aria-busy");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const start = document.getElementById("start-form");
    if (start) startForm(start);
    const answer = document.getElementById("answer-form");
    const messages = document.getElementById("messages");
    if (answer && messages) answerForm(answer, messages.dataset.conversationId);
    const save = document.getElementById("save-story-form");
    if (save && messages) window.StoryCoachDraft.wireSave(save, messages.dataset.conversationId);
    document.querySelectorAll(".turn.pending .try-again").forEach(function (button) {
      const li = button.closest(".turn");
      const reply = { li: li, bubble: li.querySelector(".bubble"), cited: li.querySelector(".cited") };
      button.addEventListener("click", function () {
        tryAgain(reply, messages.dataset.conversationId);
      });
    });
  });
})();
