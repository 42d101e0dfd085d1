// A settled donation whose log entry is not sealed yet: ask the receipt's JSON every few
// seconds and reload the page once the log proof is there (templates mark the element
// `data-seal-wait="<json url>" data-seconds="<n>"`). No timed reload while nothing changed.
(function () {
  var el = document.querySelector("[data-seal-wait]");
  if (!el || !window.fetch) return;
  var url = el.getAttribute("data-seal-wait");
  var every = 1000 * (parseInt(el.getAttribute("data-seconds"), 10) || 10);
  function check() {
    fetch(url, { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.log) { window.location.reload(); } else { setTimeout(check, every); }
      })
      .catch(function () { setTimeout(check, every); });
  }
  setTimeout(check, every);
})();
