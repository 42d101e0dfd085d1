// The campaign form's cover (campaigns/_cover_field.html): a preview of the photo chosen, cut
// as pages show it; a photo the server would refuse (type, size, width) is refused here first,
// next to the field; while the form is sent (through htmx) a bar shows the upload's progress.
// Without JavaScript the form is sent as usual and the server says the same next to the field.
(function () {
  var RATIO = 16 / 9;

  function parts(form) {
    var field = form.querySelector("[data-cover-field]");
    return field && {
      field: field,
      input: field.querySelector("input[type=file]"),
      preview: field.querySelector("[data-cover-preview]"),
      caption: field.querySelector("[data-cover-caption]"),
      note: field.querySelector("[data-cover-note]"),
      error: field.querySelector("[data-cover-error]"),
      progress: field.querySelector("[data-cover-progress]"),
    };
  }

  function say(element, text) {
    element.textContent = text || "";
    element.hidden = !text;
  }

  function refuse(p, message) {
    p.input.value = "";
    p.field.classList.add("has-error");
    say(p.error, message);
    say(p.note, "");
    p.preview.hidden = true;
  }

  function chosen(p) {
    var file = p.input.files && p.input.files[0];
    p.field.classList.remove("has-error");
    say(p.error, "");
    say(p.note, "");
    p.field.querySelectorAll("[data-testid=cover-error]").forEach(function (old) {
      old.remove();
    });
    if (!file) {
      return;
    }
    if (p.input.accept.split(",").indexOf(file.type) < 0) {
      return refuse(p, p.field.dataset.msgType);
    }
    if (file.size > Number(p.input.dataset.maxBytes)) {
      return refuse(p, p.field.dataset.msgSize);
    }
    var image = new Image();
    image.className = "cover";
    image.alt = "";
    image.onload = function () {
      if (image.naturalWidth < Number(p.input.dataset.minWidth)) {
        return refuse(p, p.field.dataset.msgWidth);
      }
      var ratio = image.naturalWidth / image.naturalHeight;
      say(p.note, Math.abs(ratio - RATIO) > 0.15 ? p.field.dataset.msgRatio : "");
    };
    image.onerror = function () {
      refuse(p, p.field.dataset.msgType);
    };
    image.src = URL.createObjectURL(file);
    p.preview.querySelectorAll("picture, img").forEach(function (old) {
      old.remove();
    });
    p.preview.insertBefore(image, p.caption);
    p.caption.textContent = p.caption.dataset.new;
    p.preview.hidden = false;
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest("[data-cover-form]");
    var p = form && parts(form);
    if (p && event.target === p.input) {
      chosen(p);
    }
  });

  // htmx hands over the request before sending it: follow its upload.
  document.addEventListener("htmx:beforeSend", function (event) {
    var p = event.target.matches("[data-cover-form]") && parts(event.target);
    if (!p || !p.input.files || !p.input.files.length) {
      return;
    }
    p.progress.value = 0;
    p.progress.hidden = false;
    say(p.note, p.field.dataset.msgProgress);
    event.detail.xhr.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        p.progress.value = Math.round((progress.loaded / progress.total) * 100);
        say(p.note, p.field.dataset.msgProgress + " " + p.progress.value + "%");
      }
    });
  });

  function failed(event) {
    var p = event.target.matches("[data-cover-form]") && parts(event.target);
    if (p) {
      p.progress.hidden = true;
      p.field.classList.add("has-error");
      say(p.note, "");
      say(p.error, p.field.dataset.msgFailed);
    }
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);

  // The form came back with its mistakes: bring the first one into view.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.target.matches("[data-cover-form]")) {
      return;
    }
    var wrong = event.target.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (wrong) {
      wrong.focus();
    } else if (event.target.querySelector(".errors")) {
      event.target.scrollIntoView();
    }
  });
})();
