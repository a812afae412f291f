// Postings know their last day. A site is rebuilt every day, but a board
// whose scheduled rebuild stopped (GitHub turns off schedules in a quiet
// repository after 60 days) would go on showing jobs that have ended: this
// says so on a job's page and takes ended jobs off the listings, using the
// reader's own date. Nothing else on the site needs JavaScript.
(function () {
  "use strict";
  var now = new Date();
  var two = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  var ended = function (el) { return (el.getAttribute("data-last-day") || "9999") < today; };
  Array.prototype.forEach.call(document.querySelectorAll(".expired-note[data-last-day]"), function (note) {
    if (!ended(note)) return;
    note.hidden = false;
    document.body.classList.add("expired");
  });
  Array.prototype.forEach.call(document.querySelectorAll("li.job[data-last-day]"), function (li) {
    if (!ended(li)) return;
    li.classList.add("ended");
    li.hidden = true;
  });
})();
