/* "Aamiin" under donors' prayers: <form data-amen> posts without leaving the page and puts the
   new count in its [data-amen-count]. Without JavaScript (or if the request fails) the form
   posts as usual and the campaign page comes back with the count. */
(function () {
  document.querySelectorAll("form[data-amen]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector("button");
      var count = form.querySelector("[data-amen-count]");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        if (count) count.textContent = data.label;
        if (button) button.setAttribute("aria-pressed", "true");
      }).catch(function () {
        form.submit();
      });
    });
  });
})();
