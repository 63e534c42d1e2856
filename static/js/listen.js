/* Read aloud: the "Listen" button of programme, trade, desk and orientation pages (content/_listen.html).
   Reads the parts of the page marked data-read-aloud, in order, with the browser's own speech synthesis,
   in the page's language (a part in another language, e.g. a French text shown for want of a translation,
   in its own). The button stays hidden unless the browser has a voice for the page's language: nothing is
   downloaded, no outside service is asked. A Stop button replaces it while reading. */
'use strict';

(function () {
  var box = document.querySelector('[data-listen]');
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
  var start = box.querySelector('[data-listen-start]');
  var stop = box.querySelector('[data-listen-stop]');
  var pageLang = (document.documentElement.getAttribute('lang') || '').toLowerCase();
  var reading = false;

  function base(code) { return (code || '').toLowerCase().replace('_', '-').split('-')[0]; }

  function voiceFor(code) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (base(voices[i].lang) === base(code)) return voices[i];
    }
    return null;
  }

  function parts() {
    var found = [];
    document.querySelectorAll('[data-read-aloud]').forEach(function (element) {
      var text = (element.innerText || '').trim();
      // A part whose whole text carries a language of its own (a French text shown for want of a
      // translation) is read in that language.
      var tagged = element.querySelector('[lang]');
      var where = tagged && (tagged.innerText || '').trim() === text ? tagged : element.closest('[lang]');
      var lang = where ? where.getAttribute('lang') : pageLang;
      // One utterance a line: short ones are read whole by every engine, and Stop acts at once.
      text.split(/\n+/).forEach(function (line) {
        line = line.replace(/\s+/g, ' ').trim();
        if (line) found.push({text: line, lang: lang});
      });
    });
    return found;
  }

  function show(isReading) {
    reading = isReading;
    start.hidden = isReading;
    stop.hidden = !isReading;
  }

  function finish() {
    if (!reading) return;
    var hadFocus = document.activeElement === stop;
    show(false);
    if (hadFocus) start.focus();
  }

  function read() {
    var queue = parts();
    if (!queue.length) return;
    synth.cancel();
    show(true);
    stop.focus();
    queue.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part.text);
      utterance.lang = part.lang;
      var voice = voiceFor(part.lang);
      if (voice) {
        try { utterance.voice = voice; } catch (e) { /* the language alone chooses the voice */ }
      }
      if (index === queue.length - 1) {
        utterance.onend = finish;
        utterance.onerror = finish;
      }
      synth.speak(utterance);
    });
  }

  function offer() {
    var available = voiceFor(pageLang) !== null;
    box.hidden = !available;
    if (!available && reading) finish();
  }

  start.addEventListener('click', read);
  stop.addEventListener('click', function () {
    synth.cancel();
    finish();
  });
  window.addEventListener('pagehide', function () { synth.cancel(); });
  // Voices often arrive after the page: the button shows once one for the page's language is there.
  if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', offer);
  offer();
})();
