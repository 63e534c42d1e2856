/* Small enhancements; every page works without them.
   - Registers the service worker that keeps pages seen readable offline.
   - Offline, a form says it needs a connection instead of failing silently.
   - On a region's or a desk's page, saves the whole region for offline reading
     (the service worker does the work; shown only where one can). */
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

  var box = document.getElementById('offline-save');
  if (box && 'serviceWorker' in navigator && 'caches' in window) regionInPocket(box);

  function regionInPocket(box) {
    var manifest = box.getAttribute('data-manifest');
    var part = function (name) { return box.querySelector('[data-offline-' + name + ']'); };
    var size = part('size'), saved = part('saved'), progress = part('progress'), status = part('status');
    var saveButton = part('save'), removeButton = part('remove');
    var text = function (name, values) {
      return box.getAttribute('data-text-' + name).replace(/\{(\w+)\}/g, function (all, key) {
        return key in values ? values[key] : all;
      });
    };
    var lang = document.documentElement.lang;
    var format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA' : lang, {dateStyle: 'long', timeStyle: 'short'});
    var tell = function (message) {
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({type: message, manifest: manifest});
      });
    };
    var done = function () {
      saveButton.disabled = false;
      progress.hidden = true;
    };

    navigator.serviceWorker.addEventListener('message', function (event) {
      var data = event.data || {};
      if (data.manifest !== manifest) return;
      if (data.type === 'region-progress') {
        progress.max = data.total;
        progress.value = data.done;
        // Every tenth page, not each: a screen reader reads every change of the status aloud.
        if (data.done % 10 === 1) status.textContent = text('progress', {done: data.done, total: data.total});
      } else if (data.type === 'region-status') {
        saved.hidden = removeButton.hidden = !data.entry;
        if (data.entry) {
          saved.textContent = text('saved', {date: format.format(new Date(data.entry.savedAt)), summary: data.entry.summary});
        }
        if (!saveButton.disabled) return;
        done();
        status.textContent = text('done', {});
      } else if (data.type === 'region-failed') {
        done();
        status.textContent = text('failed', {});
      } else if (data.type === 'region-removed') {
        saved.hidden = removeButton.hidden = true;
        status.textContent = text('removed', {});
      }
    });
    navigator.serviceWorker.startMessages();

    saveButton.addEventListener('click', function () {
      saveButton.disabled = true;
      progress.value = 0;
      progress.hidden = false;
      tell('save-region');
    });
    removeButton.addEventListener('click', function () { tell('remove-region'); });

    box.hidden = false;
    tell('region-status');
    fetch(manifest, {credentials: 'omit'}).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (listed) {
      size.textContent = text('size', {summary: listed.summary});
    }).catch(function () { /* offline: what is saved is still shown */ });
  }
})();
