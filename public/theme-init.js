// Applies the learner's saved theme before first paint (loaded as a blocking script, so the
// page needs no inline script and works under a strict Content-Security-Policy).
try {
  var t = localStorage.getItem('hatchway:theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {}
