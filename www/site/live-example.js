// The home page's live example. The widget's wasm is nearly all of the site's weight, so it
// loads only when the example scrolls into view (or, where IntersectionObserver is missing, on
// a click of the button the page then shows); the element then renders as on any page.
const example = document.querySelector('[data-live-example]');
const button = document.getElementById('live-start');
let started = false;

function start() {
  if (started) return;
  started = true;
  button.hidden = true;
  import('./widget/explain502.js');
}

if ('IntersectionObserver' in window) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    start();
  });
  observer.observe(example);
} else {
  button.hidden = false;
}
button.addEventListener('click', start);
