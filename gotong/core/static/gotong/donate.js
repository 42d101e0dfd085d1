/* The donation form, enhanced: the amount grouped as it is typed (50.000), the amount tiles and
   the typed amount kept in step, the platform fee for the amount, the prayer's character count.
   Without JavaScript the tiles are radios, the fee of the chosen tile is shown in it and the
   server says the rest. The texts come from the page (data-*), already translated. */
(function () {
  var form = document.querySelector("[data-donate]");
  if (!form) return;
  form.classList.add("js");
  var sep = form.dataset.separator || ".";
  var amount = form.elements.namedItem("amount");
  var tiles = Array.prototype.slice.call(form.querySelectorAll("input[name=preset]"));
  var feeLine = document.getElementById("fee-line");
  var feeNote = feeLine ? feeLine.textContent : "";
  var bp = parseInt(form.dataset.feeBp, 10) || 0;
  var minimum = parseInt(form.dataset.minimum, 10) || 0;
  var plain = new RegExp("^(?:rp)?[\\s\\d" + sep.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "]*$", "i");

  function group(digits) {
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  function rupiah(n) { return "Rp " + group(String(n)); }
  /* The typed amount in rupiah, or null while it is not plain digits and separators (a decimal
     comma, words): such text is left as typed for the server to explain. */
  function typed() {
    if (!plain.test(amount.value)) return null;
    var digits = amount.value.replace(/\D/g, "");
    return digits ? parseInt(digits, 10) : null;
  }
  function chosen() {
    for (var i = 0; i < tiles.length; i++) {
      if (tiles[i].checked && /^\d+$/.test(tiles[i].value)) return parseInt(tiles[i].value, 10);
    }
    return typed();
  }

  function showFee() {
    if (!feeLine || !bp) return;
    var n = chosen();
    if (n === null) { feeLine.textContent = feeNote; return; }
    if (n < minimum) { feeLine.textContent = form.dataset.minimumText; return; }
    var fee = Math.floor(n * bp / 10000);
    feeLine.textContent = form.dataset.feeTemplate
      .replace("{fee}", rupiah(fee)).replace("{net}", rupiah(n - fee));
  }

  function reformat() {
    if (!plain.test(amount.value)) return;
    var caret = amount.selectionStart === null ? amount.value.length : amount.selectionStart;
    var before = amount.value.slice(0, caret).replace(/\D/g, "").replace(/^0+(?=\d)/, "").length;
    var text = group(amount.value.replace(/\D/g, ""));
    if (text === amount.value) return;
    amount.value = text;
    var pos = 0;
    for (var seen = 0; pos < text.length && seen < before; pos++) {
      if (/\d/.test(text[pos])) seen++;
    }
    if (document.activeElement === amount) amount.setSelectionRange(pos, pos);
  }

  function tileFor(n) {
    var match = null, other = null;
    tiles.forEach(function (tile) {
      if (tile.value === String(n)) match = tile;
      if (!/^\d+$/.test(tile.value)) other = tile;
    });
    return match || other;
  }

  if (amount) {
    /* Deleting next to a separator deletes the digit beyond it, not a dot that would come back. */
    amount.addEventListener("keydown", function (event) {
      var pos = amount.selectionStart;
      if (pos === null || pos !== amount.selectionEnd) return;
      if (event.key === "Backspace" && amount.value[pos - 1] === sep) {
        amount.setSelectionRange(pos - 1, pos - 1);
      } else if (event.key === "Delete" && amount.value[pos] === sep) {
        amount.setSelectionRange(pos + 1, pos + 1);
      }
    });
    amount.addEventListener("input", function () {
      reformat();
      var n = typed();
      var tile = n === null ? null : tileFor(n);
      tiles.forEach(function (t) { t.checked = t === tile; });
      if (n === null && amount.value.trim()) {
        var other = tileFor(-1);
        if (other) other.checked = true;
      }
      showFee();
    });
    reformat();
  }
  tiles.forEach(function (tile) {
    tile.addEventListener("change", function () {
      if (/^\d+$/.test(tile.value)) {
        amount.value = group(tile.value);
      } else {
        amount.focus();
        amount.select();
      }
      showFee();
    });
  });
  showFee();

  var message = form.elements.namedItem("message");
  var counter = document.getElementById("message-count");
  if (message && counter) {
    var max = parseInt(counter.dataset.max, 10);
    var count = function () {
      var n = message.value.length;
      counter.textContent = counter.dataset.template.replace("{count}", n);
      counter.classList.toggle("counter-near", n > max * 0.9);
    };
    message.addEventListener("input", count);
    count();
  }
})();
