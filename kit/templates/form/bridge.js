// The fill-in form's behaviour in the browser (kit/form/bridge.py says why each part is here).
// Plain DOM code, no library, no request to any other host.

const GRACE_MS = 4000; // a reconnect that succeeds within this is not worth a notice

function formRoot(el) {
  return el.closest(".kit-form") || document.querySelector(".kit-form") || document;
}

// ------------------------------------------------------------------------------------------
// the connection: a notice in Chinese instead of widgets that silently do nothing

function watchConnection(model, el) {
  const texts = model.get("texts");
  const notice = document.createElement("div");
  notice.className = "kit-disconnected";
  notice.setAttribute("role", "alert");
  notice.hidden = true;
  const text = document.createElement("p");
  text.textContent = texts.disconnected;
  const reload = document.createElement("button");
  reload.type = "button";
  reload.textContent = texts.reload;
  reload.addEventListener("click", () => window.location.reload());
  notice.append(text, reload);
  document.body.appendChild(notice);

  let lost = false;
  let since = null;
  const show = (message) => {
    lost = true;
    text.textContent = message || texts.disconnected;
    notice.hidden = false;
    document.body.classList.add("kit-offline");
  };
  const kernel = () => {
    const manager = model.widget_manager || {};
    return manager.kernel || (manager.context && manager.context.sessionContext && manager.context.sessionContext.session && manager.context.sessionContext.session.kernel) || null;
  };
  const healthy = () => {
    const k = kernel();
    if (!k) return true; // nothing to judge by (e.g. a static page)
    if (k.isDisposed) return false;
    if (["dead", "restarting", "autorestarting"].includes(k.status)) return false;
    return k.connectionStatus !== "disconnected" && k.connectionStatus !== "connecting";
  };
  const k0 = kernel();
  const initial = k0 && k0.id;
  const poll = () => {
    const k = kernel();
    if (k && initial && k.id !== initial) return show(); // another kernel: this form's state is gone
    if (healthy()) {
      since = null;
      return;
    }
    if (since === null) since = Date.now();
    const k2 = kernel();
    const dead = k2 && (k2.isDisposed || ["dead", "restarting", "autorestarting"].includes(k2.status) || k2.connectionStatus === "disconnected");
    if (dead || Date.now() - since > GRACE_MS) show();
  };
  const timer = setInterval(poll, 1000);
  if (k0 && k0.statusChanged) k0.statusChanged.connect(poll);
  if (k0 && k0.connectionStatusChanged) k0.connectionStatusChanged.connect(poll);
  window.addEventListener("offline", () => setTimeout(poll, GRACE_MS + 100));

  // 保存 never fails silently: while disconnected, a click says so instead of vanishing
  document.addEventListener(
    "click",
    (event) => {
      const save = event.target.closest && event.target.closest(".kit-save, .kit-conflict-save");
      if (!save) return;
      poll();
      if (lost || !healthy()) {
        event.stopPropagation();
        event.preventDefault();
        show(texts.saveLost);
      }
    },
    true,
  );
  return () => clearInterval(timer);
}

// ------------------------------------------------------------------------------------------
// leaving with unsaved changes asks first

function guardLeaving(model) {
  const handler = (event) => {
    if (!model.get("dirty")) return undefined;
    event.preventDefault();
    event.returnValue = model.get("texts").leave;
    return event.returnValue;
  };
  window.addEventListener("beforeunload", handler);
  return () => window.removeEventListener("beforeunload", handler);
}

// ------------------------------------------------------------------------------------------
// tables: moving between cells, sticky headers, roles and names

function gridOf(input) {
  return input.closest(".kit-grid");
}

function cellInputs(grid) {
  return Array.from(grid.querySelectorAll(".kit-cell input"));
}

function neighbour(input, direction) {
  const grid = gridOf(input);
  const here = input.getBoundingClientRect();
  const cx = here.left + here.width / 2;
  const cy = here.top + here.height / 2;
  let best = null;
  let bestScore = Infinity;
  for (const other of cellInputs(grid)) {
    if (other === input) continue;
    const r = other.getBoundingClientRect();
    const ox = r.left + r.width / 2;
    const oy = r.top + r.height / 2;
    let along;
    let across;
    if (direction === "down") [along, across] = [oy - cy, Math.abs(ox - cx)];
    else if (direction === "up") [along, across] = [cy - oy, Math.abs(ox - cx)];
    else if (direction === "right") [along, across] = [ox - cx, Math.abs(oy - cy)];
    else [along, across] = [cx - ox, Math.abs(oy - cy)];
    if (along <= 2) continue;
    const score = across * 4 + along; // the same column (or row) first, then the nearest
    if (score < bestScore) [best, bestScore] = [other, score];
  }
  return best;
}

function onGridKey(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.closest(".kit-cell") || !gridOf(input)) return;
  if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
  let direction = null;
  const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
  const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
  if (event.key === "Enter") direction = event.shiftKey ? "up" : "down";
  else if (event.key === "ArrowDown") direction = "down";
  else if (event.key === "ArrowUp") direction = "up";
  else if (event.key === "ArrowRight" && atEnd) direction = "right";
  else if (event.key === "ArrowLeft" && atStart) direction = "left";
  if (!direction) return;
  const next = neighbour(input, direction);
  event.preventDefault();
  if (next) {
    next.focus();
    next.select();
  }
}

function goTo(event) {
  const link = event.target.closest && event.target.closest("a.kit-goto");
  if (!link) return;
  event.preventDefault();
  const target = document.querySelector(`.${link.dataset.target}`);
  if (!target) return;
  const focusable = target.matches("input, textarea, select") ? target : target.querySelector("input, textarea, select");
  const box = focusable || target;
  box.scrollIntoView({ block: "center", behavior: "auto" });
  if (focusable) focusable.focus({ preventScroll: true });
  else {
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  target.classList.add("kit-flash");
  setTimeout(() => target.classList.remove("kit-flash"), 1600);
}

let gridSeq = 0;

function describeGrid(grid) {
  // roles: the grid, one row element per printed row (owning its cells), header and data cells
  if (!grid.id) grid.id = `kit-grid-${++gridSeq}`;
  grid.setAttribute("role", "grid");
  const label = grid.dataset.kitLabel || (grid.className.match(/kit-table-(\S+)/) || [])[1];
  if (label && !grid.hasAttribute("aria-label")) grid.setAttribute("aria-label", grid.querySelector(".kit-caption") ? label : label);
  const rows = new Map();
  let i = 0;
  grid.setAttribute("aria-rowcount", String(new Set(Array.from(grid.children).map((p) => (p.className.match(/\bkit-gr-(\d+)\b/) || [])[1]).filter(Boolean)).size));
  for (const piece of Array.from(grid.children)) {
    const m = piece.className.match(/\bkit-gr-(\d+)\b/);
    if (!m) continue;
    if (!piece.id) piece.id = `${grid.id}-c${i++}`;
    const row = Number(m[1]);
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push(piece.id);
    let role = "gridcell";
    if (piece.classList.contains("kit-head") || piece.classList.contains("kit-corner")) role = "columnheader";
    else if (piece.classList.contains("kit-rowhead") || piece.classList.contains("kit-block")) role = "rowheader";
    piece.setAttribute("role", role);
    const rs = piece.className.match(/\bkit-rs-(\d+)\b/);
    const cs = piece.className.match(/\bkit-cs-(\d+)\b/);
    if (rs) piece.setAttribute("aria-rowspan", rs[1]);
    if (cs) piece.setAttribute("aria-colspan", cs[1]);
    const input = piece.querySelector("input");
    const name = piece.getAttribute("title") || (input && input.getAttribute("title"));
    if (input && name) input.setAttribute("aria-label", name);
    else if (name && piece.classList.contains("kit-computed")) piece.setAttribute("aria-label", name);
  }
  // each printed row's cells go into one row element that takes no box of its own (display:
  // contents), so the CSS grid places the cells as before and screen readers get real rows
  const focused = document.activeElement; // moving an element blurs it: give the focus back
  const selection = focused && "selectionStart" in focused ? [focused.selectionStart, focused.selectionEnd] : null;
  for (const [row, ids] of Array.from(rows.entries()).sort((a, b) => a[0] - b[0])) {
    const owner = document.createElement("div");
    owner.className = "kit-aria-row";
    owner.setAttribute("role", "row");
    owner.setAttribute("aria-rowindex", String(row + 1));
    for (const id of ids) owner.appendChild(document.getElementById(id));
    grid.appendChild(owner);
  }
  if (focused && grid.contains(focused) && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
    if (selection) focused.setSelectionRange(selection[0], selection[1]);
  }
  grid.dataset.kitDescribed = "1";
}

function stickHeaders(root) {
  // the toolbar's height, for the panel and the tables' sticky headers
  const bar = root.querySelector(".kit-toolbar");
  const height = bar ? bar.getBoundingClientRect().height : 0;
  root.style.setProperty("--kit-bar", `${Math.ceil(height)}px`);
  for (const grid of root.querySelectorAll(".kit-grid.kit-one-band")) {
    const heads = Array.from(grid.querySelectorAll(".kit-head, .kit-corner"));
    if (!heads.length) continue;
    const top = Math.min(...heads.map((h) => h.offsetTop));
    for (const head of heads) head.style.top = `calc(var(--kit-bar, 0px) + ${head.offsetTop - top}px)`;
  }
}

function watchLayout(el) {
  let pending = false;
  const update = () => {
    pending = false;
    const root = formRoot(el);
    if (!root || root === document) return; // not attached yet: the observer calls again
    for (const grid of root.querySelectorAll(".kit-grid")) {
      if (!grid.dataset.kitDescribed) describeGrid(grid);
    }
    for (const select of root.querySelectorAll("select:not([aria-label])")) {
      const holder = select.closest("[title]");
      const label = select.id && root.querySelector(`label[for="${select.id}"]`);
      if (holder && (!label || !label.textContent.trim())) select.setAttribute("aria-label", holder.getAttribute("title"));
    }
    stickHeaders(root);
  };
  const soon = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(update);
    }
  };
  const relevant = (n) => n.nodeType === 1 && (n.matches(".kit-grid, .kit-toolbar, .kit-editor") || n.querySelector(".kit-grid, .kit-toolbar"));
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (relevant(n)) return soon();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const resize = new ResizeObserver(soon);
  resize.observe(document.body);
  const bar = () => document.querySelector(".kit-form .kit-toolbar");
  const barWatch = setInterval(() => {
    const b = bar();
    if (b && !b.dataset.kitWatched) {
      b.dataset.kitWatched = "1";
      resize.observe(b);
    }
  }, 500);
  soon();
  return () => {
    observer.disconnect();
    resize.disconnect();
    clearInterval(barWatch);
  };
}

function render({ model, el }) {
  el.classList.add("kit-bridge-view");
  const stops = [watchConnection(model, el), guardLeaving(model), watchLayout(el)];
  document.addEventListener("keydown", onGridKey, true);
  document.addEventListener("click", goTo);
  return () => {
    stops.forEach((stop) => stop());
    document.removeEventListener("keydown", onGridKey, true);
    document.removeEventListener("click", goTo);
  };
}

export default { render };
