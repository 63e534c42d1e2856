/* The now-serving screen: reads the desk's queue from the API every few seconds and updates the page in
   place, without reloading it. Plain ES5 and XMLHttpRequest, for old TV and phone browsers; without
   JavaScript the page offers a link to a copy that reloads itself (a Refresh header). */
(function () {
  "use strict";
  var screen = document.getElementById("screen");
  if (!screen || !window.XMLHttpRequest || !screen.getAttribute("data-api")) { return; }
  var url = screen.getAttribute("data-api");
  var interval = (parseInt(screen.getAttribute("data-interval"), 10) || 5) * 1000;
  var serving = document.getElementById("serving");
  var empty = document.getElementById("serving-empty");
  var waiting = document.getElementById("waiting");
  var wait = document.getElementById("wait");
  var updated = document.getElementById("updated");

  function text(node, value) {
    if (node) { node.textContent = String(value); }
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function render(state) {
    var rows = document.createDocumentFragment();
    for (var i = 0; i < state.serving.length; i++) {
      var ticket = state.serving[i];
      var row = document.createElement("tr");
      row.className = ticket.status;
      var number = document.createElement("td");
      number.className = "screen-number";
      text(number, ticket.number);
      var counter = document.createElement("td");
      counter.className = "screen-counter";
      var bdi = document.createElement("bdi");
      text(bdi, ticket.counter);
      counter.appendChild(bdi);
      row.appendChild(number);
      row.appendChild(counter);
      rows.appendChild(row);
    }
    while (serving.firstChild) { serving.removeChild(serving.firstChild); }
    serving.appendChild(rows);
    if (empty) { empty.hidden = state.serving.length > 0; }
    text(waiting, state.waiting);
    text(wait, state.estimated_wait_minutes);
    var now = new Date();
    if (updated) {
      updated.setAttribute("datetime", state.updated_at);
      text(updated, two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds()));
    }
    screen.className = screen.className.replace(/\s*stale/g, "");
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", url, true);
    request.setRequestHeader("Accept", "application/json");
    request.onreadystatechange = function () {
      if (request.readyState !== 4) { return; }
      if (request.status === 200) {
        try { render(JSON.parse(request.responseText)); } catch (e) { /* keep what is shown */ }
      } else if (screen.className.indexOf("stale") < 0) {
        screen.className += " stale"; // shown dimmed until the next answer
      }
      window.setTimeout(poll, interval);
    };
    request.send();
  }

  window.setTimeout(poll, interval);
}());
