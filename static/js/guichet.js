/* Small enhancements; every page works without them.
   - Registers the service worker that keeps pages seen readable offline.
   - Offline, a form says it needs a connection instead of failing silently. */
'use strict';

(function () {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (registration.active) registration.active.postMessage({type: 'keep', url: location.href});
    }).catch(function () { /* no offline reading, the page still works */ });
  }

  var notice = document.getElementById('needs-connection');
  document.addEventListener('submit', function (event) {
    if (navigator.onLine !== false || !notice) return;
    event.preventDefault();
    var note = notice.cloneNode(true);
    note.removeAttribute('id');
    note.hidden = false;
    var old = event.target.querySelector('.offline-note');
    if (old) old.remove();
    event.target.prepend(note);
  });
})();
