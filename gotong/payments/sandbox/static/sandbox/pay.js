/* The sandbox payment page's countdown: #countdown counts down to its data-expires-at, in the
   words of its data-with-hours / data-without-hours templates (__H__, __M__, __S__). */
(function () {
  var el = document.getElementById("countdown");
  if (!el) return;
  var end = Date.parse(el.dataset.expiresAt);
  function tick() {
    var s = Math.max(0, Math.floor((end - Date.now()) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), d = s % 60;
    el.textContent = s === 0 ? el.dataset.over
      : (h ? el.dataset.withHours : el.dataset.withoutHours)
          .replace("__H__", h).replace("__M__", m).replace("__S__", d);
    if (s > 0) setTimeout(tick, 1000);
  }
  tick();
})();
