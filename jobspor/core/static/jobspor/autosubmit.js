/* Sends a form marked data-autosubmit as soon as the page has loaded (SAML's POST binding), in place of the
 * inline script the Content-Security-Policy does not allow. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (form) { form.submit(); }
})();
