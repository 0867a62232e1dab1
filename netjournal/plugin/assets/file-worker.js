/* netjournal's stand-in for Web Workers on pages opened from disk (file://).
 *
 * Browsers refuse `new Worker(url)` on file:// pages, which leaves Material's search
 * without its worker. On file:// only, this replaces `Worker` with `FileWorker`: it runs
 * the worker's script in a hidden iframe of the page's own origin and passes messages
 * both ways, asynchronously, as a real worker would. Everywhere else `Worker` is left alone.
 *
 * The iframe has no `src`, so it shares the page's origin and the page may reach into it;
 * a file:// iframe would count as another origin. Scripts load with <script src>, which
 * file:// pages allow (fetch and XMLHttpRequest are refused).
 *
 * Only what Material's search worker needs from a worker's global is provided: `self`
 * (the iframe's window), `postMessage`, the "message" event (`onmessage` or
 * `addEventListener`), `importScripts` and `close`. The worker then shares the page's
 * thread: a long search blocks the page, which is fine for a journal's index.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  // Each side gets its own copy of a message, made in its own realm, as with a real worker.
  function copy(data, realm) {
    return typeof realm.structuredClone === "function" ? realm.structuredClone(data) : data;
  }

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._url = new URL(url, document.baseURI).href;
      this._inbox = []; // messages posted before the worker's script has run
      this._started = false;
      this._terminated = false;
      // `onmessage` and `onerror` run as listeners do, with the event's target set.
      for (const type of ["message", "error"]) {
        this.addEventListener(type, (event) => {
          const handler = this["on" + type];
          if (typeof handler === "function") handler.call(this, event);
        });
      }

      this._frame = document.createElement("iframe");
      this._frame.style.display = "none"; // inline, so no stylesheet can show it
      (document.body || document.documentElement).appendChild(this._frame);
      const scope = this._frame.contentWindow;
      this._install(scope);
      this._load(scope, this._url).then(
        () => this._start(),
        () => {
          // A plain Event, as a Worker whose script cannot be loaded fires.
          if (!this._terminated) this.dispatchEvent(new Event("error"));
        },
      );
    }

    postMessage(data) {
      if (this._terminated) return;
      const message = copy(data, this._frame.contentWindow); // now, as the sender may change it
      if (this._started) this._deliver(message);
      else this._inbox.push(message);
    }

    terminate() {
      this._terminated = true;
      this._inbox = [];
      this._frame.remove();
    }

    // Give the iframe's window the parts of a worker's global that a window lacks.
    _install(scope) {
      scope.postMessage = (data) => {
        const reply = copy(data, window);
        // The page hears the reply later, as a task, never while the worker still runs.
        setTimeout(() => {
          if (this._terminated) return;
          this.dispatchEvent(new MessageEvent("message", { data: reply }));
        });
      };
      // A real importScripts blocks until the scripts have run; ours cannot, so it loads
      // them in turn and returns a Promise. Material's worker awaits it before using them:
      // `yield importScripts(…)`. URLs are relative to the worker's script, as in a worker.
      scope.importScripts = (...urls) => {
        const next = (done, url) => done.then(() => this._load(scope, url));
        return urls.reduce(next, Promise.resolve());
      };
      scope.close = () => this.terminate(); // a worker may stop itself
      // An exception the worker's code does not catch reaches the page as an ErrorEvent.
      scope.addEventListener("error", (event) => {
        const { message, filename, lineno, colno, error } = event;
        this.dispatchEvent(new ErrorEvent("error", { message, filename, lineno, colno, error }));
      });
    }

    // Run the script at `url` (relative to the worker's script) in the iframe.
    _load(scope, url) {
      return new Promise((resolve, reject) => {
        const script = scope.document.createElement("script");
        script.src = new URL(url, this._url).href;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`cannot load the worker script ${script.src}`));
        (scope.document.head || scope.document.documentElement).appendChild(script);
      });
    }

    // The script has run and registered its listeners: hand it what was posted meanwhile.
    _start() {
      if (this._terminated) return;
      this._started = true;
      for (const message of this._inbox.splice(0)) this._deliver(message);
    }

    _deliver(message) {
      const scope = this._frame.contentWindow;
      setTimeout(() => {
        if (this._terminated) return;
        scope.dispatchEvent(new scope.MessageEvent("message", { data: message }));
      });
    }
  }

  window.Worker = FileWorker;
})();
