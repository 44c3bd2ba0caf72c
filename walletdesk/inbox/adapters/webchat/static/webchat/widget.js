/*
 * Walletdesk web chat widget. Plain JS, no build step. Embed with one tag:
 *
 *   <script src="https://support.example.com/static/webchat/widget.js" async
 *           data-language="en" data-title="Support"></script>
 *
 * Protocol: walletdesk/inbox/adapters/webchat/protocol.py. Every message carries a client id
 * and is kept (in localStorage) and resent until the server acknowledges it; the server
 * stores it once. The conversation token is kept in localStorage: a page load replays the
 * conversation, a reconnect says hello with the last message seen and gets what it missed.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__walletdeskChat) return;
  window.__walletdeskChat = true;

  var base = new URL(script.src, location.href);
  var wsUrl = (base.protocol === "https:" ? "wss://" : "ws://") + base.host + "/ws/chat/";
  var language = script.dataset.language || (navigator.language || "en").toLowerCase();
  var title = script.dataset.title || (language.indexOf("zh") === 0 ? "在线客服" : "Support");
  var KEY = "walletdesk-chat:" + base.host + ":";
  var RESEND_MS = 5000;
  var PING_MS = 25000;

  var store = {
    get: function (name, fallback) {
      try {
        var raw = localStorage.getItem(KEY + name);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    },
    set: function (name, value) {
      try {
        localStorage.setItem(KEY + name, JSON.stringify(value));
      } catch (e) {
        /* private mode: the chat still works for this page */
      }
    },
  };

  var state = {
    token: store.get("token", ""),
    lastSeq: 0, // per page load: the first hello replays the conversation so far
    pending: store.get("pending", []), // [{id, text}] not yet acknowledged
    socket: null,
    ready: false,
    retry: 0,
    holdUntil: 0, // rate limited: nothing is sent (pending messages wait) before this time
  };

  // ---- UI (in a shadow root, so the host page's styles do not leak in) ----
  var host = document.createElement("div");
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  root.innerHTML =
    "<style>" +
    ".btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;" +
    "padding:12px 18px;background:#1f6feb;color:#fff;font:600 14px system-ui;cursor:pointer}" +
    ".panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:340px;max-width:92vw;" +
    "height:460px;max-height:70vh;display:none;flex-direction:column;background:#fff;" +
    "border:1px solid #d0d7de;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.15);" +
    "font:14px system-ui;color:#1f2328}" +
    ".panel.open{display:flex}.head{padding:10px 14px;font-weight:600;border-bottom:1px solid #eee}" +
    ".status{font-weight:400;font-size:12px;color:#8c959f;margin-left:6px}" +
    ".log{flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:6px}" +
    ".msg{max-width:80%;padding:7px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}" +
    ".customer{align-self:flex-end;background:#ddf4ff}.agent,.assistant,.system{align-self:flex-start;" +
    "background:#f6f8fa}.pending{opacity:.6}.name{display:block;font-size:11px;color:#57606a}" +
    "form{display:flex;border-top:1px solid #eee}textarea{flex:1;border:0;padding:10px;" +
    "resize:none;font:inherit;outline:none}form button{border:0;background:none;color:#1f6feb;" +
    "font-weight:600;padding:0 14px;cursor:pointer}" +
    "</style>" +
    '<button class="btn" type="button"></button>' +
    '<div class="panel" role="dialog"><div class="head"><span class="title"></span>' +
    '<span class="status"></span></div><div class="log" aria-live="polite"></div>' +
    '<form><textarea rows="2" maxlength="4000"></textarea><button type="submit"></button></form></div>';
  var q = function (sel) {
    return root.querySelector(sel);
  };
  var zh = language.indexOf("zh") === 0;
  q(".btn").textContent = title;
  q(".title").textContent = title;
  q("form button").textContent = zh ? "发送" : "Send";
  q("textarea").placeholder = zh ? "请描述您的问题（切勿发送助记词或私钥）" : "Describe your problem (never send your recovery phrase)";
  q(".btn").addEventListener("click", function () {
    q(".panel").classList.toggle("open");
    if (!state.socket) connect();
  });
  q("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = q("textarea").value.trim();
    if (!text) return;
    q("textarea").value = "";
    say(text);
  });
  q("textarea").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      q("form").dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  function setStatus(text) {
    q(".status").textContent = text;
  }

  function bubble(kind, text, id, name) {
    var existing = id && root.querySelector('[data-id="' + id + '"]');
    if (existing) return existing;
    var el = document.createElement("div");
    el.className = "msg " + kind;
    if (id) el.setAttribute("data-id", id);
    if (name) {
      var label = document.createElement("span");
      label.className = "name";
      label.textContent = name;
      el.appendChild(label);
    }
    el.appendChild(document.createTextNode(text)); // text only: never HTML from the wire
    q(".log").appendChild(el);
    q(".log").scrollTop = q(".log").scrollHeight;
    return el;
  }

  // ---- protocol ----
  function newId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return "c-" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function send(frame) {
    if (frame.type === "message" && Date.now() < state.holdUntil) return; // resent after the wait
    if (state.socket && state.ready) state.socket.send(JSON.stringify(frame));
  }

  function say(text) {
    var item = { id: newId(), text: text };
    state.pending.push(item);
    store.set("pending", state.pending);
    bubble("customer pending", text, item.id);
    send({ type: "message", id: item.id, text: text });
  }

  function resendPending() {
    state.pending.forEach(function (item) {
      bubble("customer pending", item.text, item.id);
      send({ type: "message", id: item.id, text: item.text });
    });
  }

  function onAck(frame) {
    state.pending = state.pending.filter(function (item) {
      return item.id !== frame.id;
    });
    store.set("pending", state.pending);
    var el = root.querySelector('[data-id="' + frame.id + '"]');
    if (el) el.classList.remove("pending");
  }

  var ASSISTANT = zh ? "智能助手" : "Assistant";

  function onMessage(frame) {
    if (frame.seq <= state.lastSeq) return;
    state.lastSeq = frame.seq;
    var name = frame.from === "assistant" ? ASSISTANT : frame.name;
    var el = bubble(frame.from, frame.text, frame.client_id || "s" + frame.seq, name);
    if (frame.client_id) el.classList.remove("pending");
  }

  var handlers = {
    welcome: function (frame) {
      if (frame.token !== state.token) {
        state.lastSeq = 0; // a new conversation (or the old one is gone)
        state.token = frame.token;
        store.set("token", frame.token);
      }
      state.retry = 0;
      if (frame.expired) bubble("system", zh ? "之前的会话已过期，这是新的会话。" : "Your previous conversation expired; this is a new one.");
      setStatus("");
      resendPending();
    },
    ack: onAck,
    message: onMessage,
    error: function (frame) {
      if (frame.code === "too_long" || frame.code === "empty_text") onAck(frame);
      if (frame.code === "rate_limited") {
        // Not stored: the message stays pending and is resent once the wait is over.
        state.holdUntil = Date.now() + 1000 * (frame.retry_after || 5);
        setStatus(zh ? "发送过快，稍后自动重发" : "slow down: will resend shortly");
      }
      var helloAgain = frame.code === "token_expired" || frame.code === "hello_first" ||
        (frame.code === "unavailable" && !frame.id); // the hello itself failed
      if (helloAgain && state.socket) state.socket.close(); // reconnect and say hello again
    },
    pong: function () {},
  };

  function connect() {
    setStatus(zh ? "连接中…" : "connecting…");
    var socket = new WebSocket(wsUrl);
    state.socket = socket;
    socket.onopen = function () {
      state.ready = true;
      send({ type: "hello", token: state.token, after: state.lastSeq, language: language });
    };
    socket.onmessage = function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      var handle = handlers[frame.type];
      if (handle) handle(frame);
    };
    socket.onclose = function () {
      state.ready = false;
      state.socket = null;
      setStatus(zh ? "已断开，重连中…" : "reconnecting…");
      var delay = Math.min(30000, 1000 * Math.pow(2, state.retry++)) * (0.8 + Math.random() * 0.4);
      delay = Math.max(delay, state.holdUntil - Date.now()); // a refused hello says how long
      setTimeout(connect, delay);
    };
  }

  setInterval(function () {
    if (state.ready && state.pending.length) resendPending();
  }, RESEND_MS);
  setInterval(function () {
    send({ type: "ping" });
  }, PING_MS);

  function mount() {
    document.body.appendChild(host);
    if (state.token || state.pending.length) connect(); // resume a conversation in progress
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
