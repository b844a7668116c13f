/* lifecycle serve: live reload. Injected by `lifecycle serve` only, never into `build` output. */
(() => {
  "use strict";
  const me = document.currentScript;
  const build = me ? me.dataset.lifecycleBuild : "";
  let overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "lifecycle-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;top:0;left:0;right:0;max-height:75vh;overflow:auto;" +
        "z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0e;color:#ffe9e9;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
        "border-bottom:4px solid #e5484d;box-shadow:0 4px 24px rgba(0,0,0,.45)";
      const title = document.createElement("strong");
      title.textContent = "lifecycle serve: the last change broke the site. " +
        "This is the last good build; fix the file and the page reloads.";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0;font:inherit";
      overlay.append(title, pre);
      document.body.append(overlay);
    }
    // textContent, never innerHTML: diagnostics quote the user's files.
    overlay.lastChild.textContent = text;
  }
  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  // One event kind, sent on connect and after every rebuild: {"build": id, "error": text|null}.
  // A build id other than this page's means the site changed (or the server restarted).
  function onState(e) {
    const state = JSON.parse(e.data);
    if (state.build !== build) {
      location.reload();
    } else if (state.error) {
      show(state.error);
    } else {
      hide();
    }
  }
  // Browsers allow about six HTTP/1.1 connections per host, and an event stream holds one:
  // a hidden tab lets go of its stream and, shown again, reconnects, which sends the current
  // state and so reloads it if the site changed meanwhile.
  let events = null;
  function connect() {
    if (!events) {
      events = new EventSource("/__lifecycle/events");
      events.addEventListener("state", onState);
    }
  }
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) {
    connect();
  }
})();
