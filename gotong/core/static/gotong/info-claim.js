// /info/baru/: the claim block shows only while the kind chosen is the one it is for. Without
// JavaScript it always shows, with its hint, and the server reads it only for that kind.
(function () {
  var kind = document.getElementById("id_kind");
  var block = document.querySelector("[data-claim-for]");
  if (!kind || !block) {
    return;
  }
  function toggle() {
    block.hidden = kind.value !== block.getAttribute("data-claim-for");
  }
  kind.addEventListener("change", toggle);
  toggle();
})();
