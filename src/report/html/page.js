// healthlint HTML report: filters, search, a popover per finding, keyboard navigation.
// Everything it shows is already in the page, escaped by healthlint: the script only hides,
// shows and copies elements, and never turns text into markup.
(() => {
  "use strict";
  const form = document.getElementById("filters");
  const popover = document.getElementById("popover");
  const popBody = popover.querySelector(".pop-body");
  const popTitle = document.getElementById("popover-title");
  const status = document.getElementById("status");
  const rank = { suppressed: 0, info: 1, warning: 2, error: 3 };

  // Each finding's detail (in its article's list) and flag (in the text), by id.
  const items = new Map();
  for (const li of document.querySelectorAll("li.finding")) items.set(li.dataset.id, li);
  const flags = [...document.querySelectorAll("button.flag")];
  const flagOf = new Map(flags.map((flag) => [flag.dataset.f, flag]));
  const marks = [...document.querySelectorAll("mark.hl")];
  let shown = new Set();
  let openId = null;
  let anchor = null;

  const isSuppressed = (id) => "sup" in items.get(id).dataset;
  const message = (id) => items.get(id).querySelector(".d-msg").textContent;
  const pathOf = (li) => li.closest("article.file").querySelector("h2").textContent;
  const checked = (name) =>
    new Set([...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value));

  function apply() {
    const severities = checked("sev");
    const categories = checked("cat");
    const rule = form.elements.rule.value;
    const query = form.elements.q.value.trim().toLowerCase();
    const withSuppressed = form.elements.sup.checked;
    shown = new Set();
    for (const [id, li] of items) {
      const d = li.dataset;
      const match =
        severities.has(d.sev) &&
        categories.has(d.cat) &&
        (!rule || d.rule === rule) &&
        (withSuppressed || !isSuppressed(id)) &&
        (!query || (li.textContent + " " + pathOf(li)).toLowerCase().includes(query));
      li.hidden = !match;
      if (match) shown.add(id);
    }
    for (const flag of flags) flag.hidden = !shown.has(flag.dataset.f);
    for (const mark of marks) {
      const ids = mark.dataset.f.split(" ").filter((id) => shown.has(id));
      let best = "none";
      for (const id of ids) {
        const sev = isSuppressed(id) ? "suppressed" : items.get(id).dataset.sev;
        if (best === "none" || rank[sev] > rank[best]) best = sev;
      }
      mark.dataset.sev = best;
      if (ids.length) mark.title = ids.map(message).join("\n");
      else mark.removeAttribute("title");
    }
    status.textContent = `Showing ${shown.size} of ${items.size} findings.`;
    if (openId && !shown.has(openId)) close(false);
  }

  // The most severe finding of a mark that the filters show.
  function topOf(mark) {
    const ids = mark.dataset.f.split(" ").filter((id) => shown.has(id));
    ids.sort((a, b) => rank[severityOf(b)] - rank[severityOf(a)]);
    return ids[0];
  }
  const severityOf = (id) => (isSuppressed(id) ? "suppressed" : items.get(id).dataset.sev);

  function open(id, near, focusPopover) {
    const li = items.get(id);
    if (!li) return;
    const detail = li.querySelector(".detail").cloneNode(true);
    for (const el of detail.querySelectorAll("[id]")) el.removeAttribute("id");
    popBody.replaceChildren(detail);
    if (openId) flagOf.get(openId)?.setAttribute("aria-expanded", "false");
    for (const flag of flags) flag.classList.toggle("current", flag.dataset.f === id);
    flagOf.get(id)?.setAttribute("aria-expanded", "true");
    const visible = visibleFlags();
    const at = visible.indexOf(flagOf.get(id));
    popTitle.textContent = at >= 0 ? `Finding ${at + 1} of ${visible.length}` : "Finding";
    popover.classList.toggle("is-suppressed", isSuppressed(id));
    openId = id;
    anchor = near;
    popover.hidden = false;
    place();
    if (focusPopover) popover.focus({ preventScroll: true });
  }

  // Below the highlight, kept inside the viewport's width (phones included).
  function place() {
    if (!anchor || popover.hidden) return;
    const box = anchor.getBoundingClientRect();
    const width = popover.offsetWidth;
    const viewport = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(box.left, viewport - width - 8));
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function close(returnFocus) {
    if (!openId) return;
    const flag = flagOf.get(openId);
    popover.hidden = true;
    flag?.setAttribute("aria-expanded", "false");
    openId = null;
    if (returnFocus && flag && !flag.hidden) flag.focus();
  }

  const visibleFlags = () => flags.filter((flag) => !flag.hidden);

  // Moves to the next (1) or previous (-1) finding the filters show, wrapping around.
  function step(by) {
    const list = visibleFlags();
    if (!list.length) {
      status.textContent = "No findings match the filters.";
      return;
    }
    let at = list.indexOf(document.activeElement);
    if (at < 0 && openId) at = list.indexOf(flagOf.get(openId));
    const next = at < 0 ? (by > 0 ? 0 : list.length - 1) : (at + by + list.length) % list.length;
    goTo(list[next]);
  }

  function goTo(flag) {
    flag.scrollIntoView({ block: "center" });
    flag.focus({ preventScroll: true });
    open(flag.dataset.f, flag, false);
  }

  document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const flag = target.closest("button.flag");
    if (flag) {
      open(flag.dataset.f, flag, true);
      return;
    }
    const mark = target.closest("mark.hl");
    if (mark && mark.dataset.sev !== "none") {
      open(topOf(mark), mark, true);
      return;
    }
    const goto = target.closest("button.goto");
    if (goto) {
      const to = flagOf.get(goto.dataset.f);
      if (to && !to.hidden) goTo(to);
      return;
    }
    if (target.closest(".pop-close")) {
      close(true);
      return;
    }
    if (target.closest("#prev, #next")) {
      step(target.closest("#prev") ? -1 : 1);
      return;
    }
    if (openId && !popover.contains(target)) close(false);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (openId) {
        close(true);
        event.preventDefault();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, select, textarea, [contenteditable]")) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
    else return;
    event.preventDefault();
  });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("resize", place);
  form.hidden = false;
  apply();
})();
