/* Copy buttons: <button data-copy="ID" data-done="Tersalin" hidden> next to a read-only field
   (input or textarea) with that id. Without JavaScript the field is still there to select by
   hand; the button shows only where the clipboard can be written. */
(function () {
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { button.textContent = button.dataset.done; },
        function () { field.focus(); }
      );
    });
  });
})();
