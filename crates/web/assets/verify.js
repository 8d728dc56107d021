// Checks, in the reader's browser, that an appeal's "filed" entry is in the
// signed transparency log: the checkpoint's Ed25519 signature (C2SP signed
// note) with the log's key, and the RFC 9162 inclusion proof of the leaf
// against the checkpoint's root. The page says the same without it.
(function () {
  "use strict";
  var el = document.getElementById("log-verify");
  if (!el) return;
  var say = function (key) { el.textContent = el.getAttribute("data-" + key); el.setAttribute("data-result", key); };
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle || !window.TextEncoder) { say("unsupported"); return; }
  var proof;
  try { proof = JSON.parse(el.getAttribute("data-proof")); } catch (e) { say("failed"); return; }
  var bytes = function (b64) { var s = atob(b64), a = new Uint8Array(s.length); for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i); return a; };
  var concat = function (parts) {
    var n = 0, i, out, at = 0;
    for (i = 0; i < parts.length; i++) n += parts[i].length;
    out = new Uint8Array(n);
    for (i = 0; i < parts.length; i++) { out.set(parts[i], at); at += parts[i].length; }
    return out;
  };
  var sha256 = function (data) { return subtle.digest("SHA-256", data).then(function (h) { return new Uint8Array(h); }); };
  var equal = function (a, b) { if (a.length !== b.length) return false; for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; };
  var hex = function (a) { var s = ""; for (var i = 0; i < a.length; i++) s += (a[i] < 16 ? "0" : "") + a[i].toString(16); return s; };

  // RFC 9162 §2.1.3.2.
  function rootFromInclusion(index, size, leafHash, path) {
    if (index >= size) return Promise.reject(new Error("index"));
    var fn = index, sn = size - 1, r = Promise.resolve(leafHash), i = 0;
    function step(current) {
      if (i === path.length) return sn === 0 ? current : Promise.reject(new Error("path too short"));
      var p = path[i++];
      if (sn === 0) return Promise.reject(new Error("path too long"));
      var next;
      if (fn % 2 === 1 || fn === sn) {
        next = sha256(concat([new Uint8Array([1]), p, current]));
        if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
      } else {
        next = sha256(concat([new Uint8Array([1]), current, p]));
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
      return next.then(step);
    }
    return r.then(step);
  }

  var enc = new TextEncoder();
  var note = proof.checkpoint, cut = note.indexOf("\n\n");
  if (cut < 0) { say("failed"); return; }
  var text = note.slice(0, cut + 1), lines = text.split("\n");
  var vkey = String(proof.log_key).split("+"); // base64 may hold "+" too
  var name = vkey[0], keyId = vkey[1], keyBytes = bytes(vkey.slice(2).join("+"));
  if (lines[0] !== name || Number(lines[1]) !== proof.size || keyBytes[0] !== 1) { say("failed"); return; }
  var root = bytes(lines[2]);
  var sigLine = note.slice(cut + 2).split("\n").filter(function (l) { return l.indexOf("\u2014 " + name + " ") === 0; })[0];
  if (!sigLine) { say("failed"); return; }
  var sig = bytes(sigLine.split(" ")[2]);
  if (hex(sig.slice(0, 4)) !== keyId) { say("failed"); return; }

  var included = sha256(concat([new Uint8Array([0]), bytes(proof.leaf)])).then(function (leafHash) {
    return rootFromInclusion(proof.leaf_index, proof.size, leafHash, proof.inclusion.map(bytes));
  }).then(function (computed) { return equal(computed, root); });

  var signed = subtle.importKey("raw", keyBytes.slice(1), { name: "Ed25519" }, false, ["verify"]).then(function (key) {
    return subtle.verify({ name: "Ed25519" }, key, sig.slice(4), enc.encode(text));
  }, function () { return null; });

  Promise.all([included, signed]).then(function (r) {
    if (r[0] === true && r[1] === true) say("ok");
    else if (r[0] === true && r[1] === null) say("unsupported");
    else say("failed");
  }, function () { say("failed"); });
})();
