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
    // Files this page uploaded: id → { name, url, thumbnail }, for the chips under pickers and the message box.
    files: {},
    attachments: [],
  };
  const MAX_FILE_BYTES = 10 * 1024 * 1024;
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

  // One file as Slack's client does it: stored at once, before the form or message is sent.
  async function upload(file) {
    if (file.size > MAX_FILE_BYTES) {
      notice(`“${file.name}”超过 10 MB，无法上传。(“${file.name}” is over 10 MB.)`, "error");
      return null;
    }
    try {
      const res = await fetch(`/sandbox/upload?user=${encodeURIComponent(ui.user)}&name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream" },
        body: file,
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok || !data.file) {
        notice(data.error ? `${data.error.zh} (${data.error.en})` : `HTTP ${res.status}`, "error");
        return null;
      }
      ui.files[data.file.id] = data.file;
      return data.file.id;
    } catch (e) {
      notice(`沙盒连接失败 (Sandbox unreachable): ${e}`, "error");
      return null;
    }
  }

  function chip(id) {
    const f = ui.files[id] || { name: id };
    const li = document.createElement("li");
    li.className = "file-chip";
    li.dataset.testid = "file-chip";
    li.dataset.fileId = id;
    if (f.thumbnail) {
      const img = document.createElement("img");
      img.src = f.url;
      img.alt = f.name;
      li.append(img);
    }
    const name = document.createElement("span");
    name.textContent = f.name; // textContent: a file name is never markup
    const remove = document.createElement("button");
    remove.type = "button";
    remove.dataset.testid = "file-remove";
    remove.title = "移除 (Remove)";
    remove.textContent = "×";
    li.append(name, remove);
    return li;
  }

  function fileIds(el) {
    try {
      return JSON.parse(el.dataset.files || "[]");
    } catch {
      return [];
    }
  }

  function setFileIds(el, ids) {
    el.dataset.files = JSON.stringify(ids);
    const list = el.querySelector("[data-testid=file-chips]");
    if (list) list.replaceChildren(...ids.map(chip));
  }

  function valueOf(el) {
    const type = el.dataset.type;
    if (type === "file_input") return fileIds(el);
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
      if (el.dataset.type === "file_input") setFileIds(el, [].concat(value || []));
      else if (el.dataset.type === "checkboxes" || el.dataset.type === "radio_buttons") {
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
    const remove = target.closest("[data-testid=file-remove]");
    if (remove) {
      const id = remove.closest("[data-testid=file-chip]").dataset.fileId;
      const el = remove.closest("[data-type=file_input]");
      if (el)
        setFileIds(
          el,
          fileIds(el).filter((f) => f !== id),
        );
      else {
        ui.attachments = ui.attachments.filter((f) => f !== id);
        $("message-attachments").replaceChildren(...ui.attachments.map(chip));
      }
      return;
    }
    const button = target.closest("[data-testid=block-button]");
    if (button) {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      if (button.dataset.url) window.open(button.dataset.url, "_blank", "noopener");
      sendAction(button, button.dataset.value ?? null);
      return;
    }
    const shortcut = target.closest("[data-testid=message-shortcut]");
    if (shortcut) {
      const message = shortcut.closest("[data-testid=message]");
      const menu = shortcut.closest("details");
      if (menu) menu.open = false;
      post("/sandbox/shortcut", {
        user: ui.user,
        channel: message.dataset.channel,
        messageTs: message.dataset.ts,
        callbackId: shortcut.dataset.callbackId,
      });
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

  document.addEventListener("change", async (event) => {
    const target = event.target instanceof HTMLInputElement ? event.target : null;
    if (target && target.dataset.testid === "file-picker") {
      const el = target.closest("[data-type=file_input]");
      const chosen = [...target.files];
      target.value = "";
      const max = Number(el.dataset.maxFiles) || 10;
      const ids = fileIds(el);
      if (ids.length + chosen.length > max) return notice(`最多上传 ${max} 个文件。(At most ${max} files.)`, "error");
      for (const file of chosen) {
        const id = await upload(file);
        if (id) ids.push(id);
      }
      setFileIds(el, ids);
      return;
    }
    if (target && target.dataset.testid === "message-attach") {
      const chosen = [...target.files];
      target.value = "";
      for (const file of chosen) {
        const id = await upload(file);
        if (id) ui.attachments.push(id);
      }
      $("message-attachments").replaceChildren(...ui.attachments.map(chip));
      return;
    }
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
    if ((!text && ui.attachments.length === 0) || ui.view === "home") return;
    box.value = "";
    const files = ui.attachments;
    ui.attachments = [];
    $("message-attachments").replaceChildren();
    post("/sandbox/message", files.length ? { user: ui.user, channel: ui.view, text, files } : { user: ui.user, channel: ui.view, text });
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
