/* The card confirmation page (payments/card_pay.html): mounts Stripe's Payment Element with
   the PaymentIntent's client secret and confirms it; Stripe.js then sends the browser to the
   return page, which reads the outcome server-side. Everything the script needs is in the
   form's data- attributes (no inline script: the page has a nonce-based CSP). If Stripe.js
   did not load (blocked, offline), the page says so instead of showing an empty form. */
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form) {
    return;
  }
  var message = document.getElementById("card-message");
  var loading = document.getElementById("card-loading");
  var button = document.getElementById("card-submit");

  // The message box has no class (and so no box) until there is something to say.
  function show(text) {
    message.textContent = text;
    message.className = "alert alert--danger";
  }

  function clear() {
    message.textContent = "";
    message.className = "";
  }

  if (typeof window.Stripe !== "function") {
    if (loading) {
      loading.remove();
    }
    show(form.dataset.errorLoad);
    return;
  }
  var stripe = window.Stripe(form.dataset.key, { locale: form.dataset.locale || "ja" });
  var elements = stripe.elements({ clientSecret: form.dataset.secret });
  var element = elements.create("payment");
  element.on("ready", function () {
    if (loading) {
      loading.remove();
    }
    button.disabled = false;
  });
  element.mount("#card-element");

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    clear();
    stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(function (result) {
        // Only reached when the confirmation failed at once (a declined card, a wrong
        // number); on success Stripe.js has already left for the return page.
        if (result.error) {
          show(result.error.message || form.dataset.errorGeneric);
          button.disabled = false;
        }
      });
  });
})();
