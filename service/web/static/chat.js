// The chat: start a conversation, send an answer and read the coach's reply as server-sent
// events from a POST (fetch + ReadableStream; EventSource can only GET).
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

  async function streamReply(conversationId, content, form) {
    const SC = window.StoryCoach;
    const T = SC.T;
    const status = form.querySelector(".status");
    const mine = turn("user", T);
    mine.bubble.append(el("p", "said", content));
    const reply = turn("assistant", T);
    reply.li.classList.add("streaming");
    const live = el("div", "live");
    live.setAttribute("aria-live", "polite");
    const waiting = el("p", "muted thinking", T.thinking);
    reply.bubble.append(waiting, live);
    const parts = {};
    const headers = SC.headers(true);
    headers.Accept = "text/event-stream";
    const response = await fetch("/api/conversations/" + conversationId + "/messages", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ content: content }),
      credentials: "same-origin",
    });
    if (!response.ok) {
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      reply.li.remove();
      throw { status: response.status, data: data };
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let finished = false;
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
        } else if (event.name === "citations") {
          showCitations(reply.cited, data.citations, T);
        } else if (event.name === "done") {
          waiting.remove();
          live.replaceChildren();
          live.className = "said";
          live.textContent = data.message.content;
          reply.li.classList.remove("streaming");
          if (data.message.is_draft) {
            reply.li.classList.add("draft");
            document.getElementById("draft-actions").hidden = false;
          }
          showCitations(reply.cited, data.message.citations, T);
          SC.say(status, "", false);
          finished = true;
        } else if (event.name === "error") {
          waiting.remove();
          reply.li.classList.remove("streaming");
          reply.li.classList.add("failed");
          reply.bubble.append(el("p", "problem", SC.problem({ data: { error: data } })));
          finished = true;
        }
      });
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
  });
})();
