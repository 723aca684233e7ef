// The sandbox page: polls GET /state once a second and sends what the person does to POST /sandbox/*.
// The server renders all Block Kit; this file only swaps HTML, keeps typed modal values, and posts actions.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const switcher = $("user-switcher");
  const params = new URLSearchParams(location.search);
  const ui = {
    user: params.get("user") || localStorage.getItem("sandbox-user") || switcher.value,
    view: decodeURIComponent(location.hash.slice(1)) || "home",
    last: {},
    modalKey: null,
    modalViewId: null,
    polling: false,
  };
  if ([...switcher.options].some((o) => o.value === ui.user)) switcher.value = ui.user;
  ui.user = switcher.value;

  let noticeTimer;
  function notice(text, kind) {
    const box = $("notice");
    box.textContent = text;
    box.dataset.kind = kind || "info";
    box.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (box.hidden = true), 8000);
  }

  async function post(path, body) {
    try {
      const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        const error = data.error && typeof data.error === "object" ? `${data.error.zh} (${data.error.en})` : `HTTP ${res.status}`;
        notice(error, "error");
      } else if (data.failure && data.failure !== "client_side_validation" && data.failure !== "unknown_command") {
        notice(`redline 没有接受这个请求：${data.failure} (The app did not accept the request)`, "error");
      }
      return data;
    } catch (e) {
      notice(`沙盒连接失败 (Sandbox unreachable): ${e}`, "error");
      return {};
    } finally {
      refresh();
    }
  }

  function valueOf(el) {
    const type = el.dataset.type;
    if (type === "checkboxes") return [...el.querySelectorAll("input:checked")].map((i) => i.value);
    if (type === "radio_buttons") {
      const chosen = el.querySelector("input:checked");
      return chosen ? chosen.value : null;
    }
    if (el.tagName === "SELECT" && el.multiple) return [...el.selectedOptions].map((o) => o.value);
    if (type === "datetimepicker") return el.value ? String(Math.floor(new Date(el.value).getTime() / 1000)) : null;
    return el.value === "" ? null : el.value;
  }

  function collect(root) {
    const values = {};
    for (const el of root.querySelectorAll(".bk-input[data-block-id]")) {
      (values[el.dataset.blockId] ||= {})[el.dataset.actionId] = valueOf(el);
    }
    return values;
  }

  // Slack keeps what was typed when a modal shows errors or is updated with the same block and action ids.
  function restore(root, values) {
    for (const el of root.querySelectorAll(".bk-input[data-block-id]")) {
      const value = values[el.dataset.blockId] && values[el.dataset.blockId][el.dataset.actionId];
      if (value === undefined || el.dataset.type === "datetimepicker") continue;
      if (el.dataset.type === "checkboxes" || el.dataset.type === "radio_buttons") {
        const chosen = new Set([].concat(value || []));
        for (const input of el.querySelectorAll("input")) input.checked = chosen.has(input.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        const chosen = new Set(value || []);
        for (const option of el.options) option.selected = chosen.has(option.value);
      } else {
        el.value = value === null ? "" : value;
      }
    }
  }

  function setHtml(key, el, html) {
    if (ui.last[key] === html) return false;
    ui.last[key] = html;
    el.innerHTML = html;
    return true;
  }

  async function refresh() {
    if (ui.polling) return;
    ui.polling = true;
    try {
      const res = await fetch(`/state?user=${encodeURIComponent(ui.user)}&view=${encodeURIComponent(ui.view)}`);
      if (!res.ok) return;
      const s = await res.json();
      $("clock-now").textContent = s.clock.label;
      $("clock-now").dataset.iso = s.clock.iso;
      document.body.dataset.version = s.version;
      setHtml("channels", $("channels"), s.channelsHtml);
      $("main-title").textContent = s.title;
      const timeline = $("timeline");
      const atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 40;
      const viewChanged = ui.last.view !== s.view;
      ui.last.view = s.view;
      if (setHtml("main", timeline, s.mainHtml) && (atBottom || viewChanged)) timeline.scrollTop = timeline.scrollHeight;
      $("composer").hidden = s.view === "home";
      const root = $("modal-root");
      if (!s.modal) {
        root.innerHTML = "";
        ui.modalKey = ui.modalViewId = null;
      } else if (s.modal.key !== ui.modalKey) {
        const saved = ui.modalViewId === s.modal.viewId ? collect(root) : null;
        root.innerHTML = s.modal.html;
        if (saved) restore(root, saved);
        ui.modalKey = s.modal.key;
        ui.modalViewId = s.modal.viewId;
      }
    } catch {
      // the next poll tries again
    } finally {
      ui.polling = false;
    }
  }

  function source(el) {
    const message = el.closest("[data-testid=message]");
    if (message) return { channel: message.dataset.channel, messageTs: message.dataset.ts };
    const view = el.closest("[data-view-id]");
    if (view) return { viewId: view.dataset.viewId, values: collect(view) };
    return null;
  }

  function sendAction(el, value) {
    const from = source(el);
    if (!from) return;
    post("/sandbox/click", { user: ui.user, actionId: el.dataset.actionId, blockId: el.dataset.blockId, value, ...from });
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const button = target.closest("[data-testid=block-button]");
    if (button) {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      if (button.dataset.url) window.open(button.dataset.url, "_blank", "noopener");
      sendAction(button, button.dataset.value ?? null);
      return;
    }
    if (target.closest("[data-testid=modal-close]")) {
      const modal = target.closest("[data-testid=modal]");
      post("/sandbox/close", { user: ui.user, viewId: modal && modal.dataset.viewId });
      return;
    }
    const clock = target.closest("[data-clock-op]");
    if (clock) {
      const op = clock.dataset.clockOp;
      const local = $("clock-input").value;
      if (op === "set" && !local) return notice("请先选择日期和时间。(Pick a date and time first.)", "error");
      post("/sandbox/clock", op === "set" ? { op, local } : { op }).then((r) => r.label && notice(`模拟时间 (Simulated time)：${r.label}`));
    }
  });

  document.addEventListener("change", (event) => {
    const el = event.target instanceof Element ? event.target.closest(".bk-dispatch") : null;
    if (el) sendAction(el, valueOf(el));
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.testid !== "modal") return;
    event.preventDefault();
    post("/sandbox/submit", { user: ui.user, viewId: form.dataset.viewId, values: collect(form) });
  });

  const box = $("message-box");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = box.value.trim();
    if (!text || ui.view === "home") return;
    box.value = "";
    post("/sandbox/message", { user: ui.user, channel: ui.view, text });
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });

  function openView() {
    ui.view = decodeURIComponent(location.hash.slice(1)) || "home";
    ui.last = {};
    if (ui.view === "home") post("/sandbox/home", { user: ui.user });
    else refresh();
  }
  window.addEventListener("hashchange", openView);
  switcher.addEventListener("change", () => {
    ui.user = switcher.value;
    localStorage.setItem("sandbox-user", ui.user);
    ui.modalKey = ui.modalViewId = null;
    openView();
  });

  openView();
  setInterval(refresh, 1000);
})();
