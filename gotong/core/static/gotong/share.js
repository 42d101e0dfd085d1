/* Share buttons: <button data-share="ID" data-title="…" hidden> next to a field with that id
   holding the URL. The button shows only where the browser can share (navigator.share). */
(function () {
  if (!navigator.share) return;
  document.querySelectorAll("[data-share]").forEach(function (button) {
    var field = document.getElementById(button.dataset.share);
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.title, url: field.value }).catch(function () {});
    });
  });
})();
