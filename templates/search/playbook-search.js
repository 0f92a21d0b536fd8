/* playbook-gen: Material's search worker, for editions whose index is stemmed (German and other languages).
 *
 * Material adds a trailing wildcard to every query term ("ideenernten" becomes "ideenernten*"), and lunr
 * does not stem a wildcard term, so a word typed in full never meets its stemmed form in the index
 * ("ideenernt"): a plural would not find its singular, nor a full word itself. This worker adds, for each
 * plain word of the query, the same word with a boost ("ideenernten^1"), which Material leaves without a
 * wildcard and lunr stems with the edition's language. Prefix matching while typing stays as it was.
 * Material's worker is loaded from the same folder, named after "#" in this script's address. Works as a
 * Web Worker and inside the iframe worker that offline editions use.
 */
(function () {
  "use strict";
  var own = (self.document && document.currentScript && document.currentScript.src) || self.location.href;
  var material = (own.split("#")[1] || "").split("?")[0];
  var plainWord = /^[\p{L}\p{N}]+$/u;
  addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== 2 || typeof message.data !== "string") {
      return;  // only queries (Material's message type 2) change
    }
    var words = message.data.trim().split(/\s+/);
    if (!words.every(function (word) { return plainWord.test(word); })) {
      return;  // quotes, +required, -excluded, field: or ~fuzzy: the user's own lunr syntax, untouched
    }
    message.data = words.concat(words.map(function (word) { return word + "^1"; })).join(" ");
  });
  if (/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    importScripts(new URL(material, own.split("#")[0]).href);
  }
})();
