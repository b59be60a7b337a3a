// "For your browser": the core's own advice for this reader (hard refresh keys, the private
// window's name), picked from their user agent. The tables above stay the reading content.
import { el, loadCore, visitorContext } from './core.js';

const TAILORED = ['hard_refresh', 'private_window', 'other_browser'];

const { explain } = await loadCore();
const report = explain({ status: 502 }, visitorContext());
const tips = (report.advice?.user ?? []).filter((tip) => TAILORED.includes(tip.id));
if (tips.length) {
  const section = document.getElementById('for-you');
  section.querySelector('[data-testid=visitor-advice]').replaceChildren(...tips.map((tip) => el('li', {}, String(tip.text))));
  section.hidden = false;
}
